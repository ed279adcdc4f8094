"""The project overview: casussen with their transcripts, the codebook, recent activity."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from ..cells import cut
from ..first_frame import DrawnAfterTheBatch, after_first_frame
from ..state.activity import activity_rows
from ..state.codebook_data import CodebookData
from ..widgets.codebook_pane import CodebookPane
from ..widgets.fitting_footer import FittingFooter

if TYPE_CHECKING:
    from ...store import Store

BAR_WIDTH = 8
PROGRESS_WIDTH = BAR_WIDTH + len(" 100%")


class OverviewScreen(DrawnAfterTheBatch, Screen):
    CSS_PATH = "overview.tcss"
    BINDINGS = [
        Binding("enter", "open", "Open transcript", show=False),
        Binding("b", "focus_codebook", "Codebook"),
        Binding("escape", "hide_codebook", "Back", show=False),
        Binding("tab", "app.focus_next", "Next pane", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, store: Store, show_times: bool = True) -> None:
        super().__init__()
        self.store = store
        self.show_times = show_times
        self.summaries: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="overview-body"):
            with Vertical(id="overview-left"):
                table = DataTable(id="transcripts", cursor_type="row", zebra_stripes=True)
                table.border_title = "Transcripts (enter opens)"
                yield table
                activity = Static("", id="activity")
                activity.border_title = "Recent activity"
                yield activity
            yield CodebookPane(CodebookData(self.store), id="overview-codebook")
        yield FittingFooter()

    def on_mount(self) -> None:
        # The list first, its coding counts (which read every coding) right after it is
        # drawn: until then those two columns are empty, never wrong.
        self.reload(counts=False)
        after_first_frame(self, self.reload)
        self.query_one("#transcripts", DataTable).focus()
        self.mounted_fresh = True

    def on_screen_resume(self) -> None:
        if getattr(self, "mounted_fresh", False):
            # Shown for the first time: on_mount (and the codebook pane's) just read it all.
            self.mounted_fresh = False
            return
        self.reload()
        self.query_one(CodebookPane).reload()

    def reload(self, counts: bool = True) -> None:
        table = self.query_one("#transcripts", DataTable)
        keep = table.cursor_row
        narrow = self.has_class("narrow")
        self.summaries = self.reads.transcripts.summaries(counts=counts)
        headers = ["Casus", "Transcript", "Kind", "Spk", "Words", "Coded turns", "Codes"]
        rows = []
        previous = None
        for row in self.summaries:
            casus = row["casus"] if row["casus"] != previous else ""
            previous = row["casus"]
            words = f"{row['word_count']:,}".replace(",", ".")
            rows.append(
                [
                    Text(casus, style="bold"),
                    Text(row["name"]),
                    Text(row["kind"]),
                    Text(str(row["speakers"])),
                    Text(words),
                    _progress(row["progress"]) if counts else Text(""),
                    Text(str(row["codings"])) if counts else Text(""),
                ]
            )
        keep_columns = [0, 1, 4, 5, 6] if narrow else list(range(len(headers)))
        # Widths are set explicitly (auto widths do not survive a rebuild of the columns).
        # Numbers are never cut: casus and transcript names share what the numbers leave.
        widths = {
            col: max([len(headers[col])] + [r[col].cell_len for r in rows]) for col in keep_columns
        }
        widths[5] = max(widths[5], PROGRESS_WIDTH)  # the same with the counts or without
        names = fit_names(
            widths[0],
            widths[1],
            self.table_room(len(keep_columns)) - sum(w for col, w in widths.items() if col > 1),
        )
        widths[0], widths[1] = names
        for cells in rows:  # a cut name says so (…); the full one is under the table
            cells[0], cells[1] = cut(cells[0], names[0]), cut(cells[1], names[1])
        table.clear(columns=True)
        for col in keep_columns:
            table.add_column(headers[col], width=widths[col])
        for summary, cells in zip(self.summaries, rows, strict=True):
            table.add_row(*[cells[col] for col in keep_columns], key=str(summary["id"]))
        if self.summaries:
            table.move_cursor(row=min(keep, len(self.summaries) - 1))
            self.name_cut = any(
                len(row["casus"]) > names[0] or len(row["name"]) > names[1]
                for row in self.summaries
            )
            self.show_full_name(table.cursor_row)
        else:
            table.border_subtitle = "no transcripts yet: cmo import FILES --casus NAME"
        self.query_one("#activity", Static).update(self.activity())

    @property
    def reads(self):
        """Until the full store is open, its plain-SQL reads (``store/later.py``): the
        overview is on the screen before SQLAlchemy has loaded."""
        return getattr(self.store, "first_reads", self.store)

    name_cut = False

    def show_full_name(self, row: int) -> None:
        """When the columns cut a name, the highlighted row's names in full below the
        table."""
        table = self.query_one("#transcripts", DataTable)
        if self.name_cut and 0 <= row < len(self.summaries):
            summary = self.summaries[row]
            table.border_subtitle = f"{summary['casus']} · {summary['name']}"
        else:
            table.border_subtitle = ""

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.summaries:
            self.show_full_name(event.cursor_row)

    def table_room(self, columns: int) -> int:
        """Cells the table can show without a horizontal scroll bar: its width less the
        border, the vertical scroll bar and one cell of padding either side of a column."""
        width = self.app.size.width
        if not self.has_class("narrow"):
            width = width * 2 // 3
        return width - 2 - 2 - 2 * columns

    def activity(self) -> Text:
        out = Text()
        rows = activity_rows(self.reads.history.recent(limit=24))[:12]
        # Columns line up: each as wide as its longest entry.
        action_width = max(
            (len(r.action) + (len(f" ×{r.times}") if r.times > 1 else 0) for r in rows), default=0
        )
        what_width = min(28, max((len(r.what) for r in rows), default=0))
        for row in rows:
            if self.show_times:
                out.append(row.at + " ", style="dim")
            undone = row.state != "done"
            # An undone change did not happen: say so in words, not only with a style
            # that many terminals do not draw.
            action = row.action + (f" ×{row.times}" if row.times > 1 else "")
            out.append(f"{action:<{action_width}}", style="dim" if undone else "")
            what = row.what if len(row.what) <= what_width else row.what[: what_width - 1] + "…"
            out.append(f" {what:<{what_width}}", style="dim" if undone else "bold")
            if row.actor:
                out.append(f"  {row.actor}", style="dim")
            if undone:
                out.append(f"  ({row.state})", style="italic")
            out.append("\n")
        return out if out.plain else Text("nothing yet", style="dim")

    def action_open(self) -> None:
        table = self.query_one("#transcripts", DataTable)
        if self.summaries:
            self.app.open_transcript(self.summaries[table.cursor_row]["id"])

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.app.open_transcript(int(event.row_key.value))

    def on_resize(self) -> None:
        # Below 100 columns the codebook tree would squeeze the table: show it on demand.
        narrow = self.size.width < 100
        if narrow != self.has_class("narrow"):
            self.set_class(narrow, "narrow")
            if self.is_mounted:
                self.reload()

    def action_focus_codebook(self) -> None:
        if self.has_class("narrow"):
            self.toggle_class("show-codebook")
            if not self.has_class("show-codebook"):
                self.query_one("#transcripts").focus()
                return
        self.query_one("#code-tree").focus()

    def action_hide_codebook(self) -> None:
        """esc: close the codebook that covers the screen below 100 columns."""
        if self.has_class("show-codebook"):
            self.remove_class("show-codebook")
        self.query_one("#transcripts").focus()


def fit_names(casus: int, transcript: int, room: int) -> tuple[int, int]:
    """Widths for the casus and transcript columns in ``room`` cells: both whole when they
    fit; else the transcript name (what one opens) stays whole as far as it can and the
    casus (shown once per group) takes the rest."""
    if casus + transcript <= room:
        return casus, transcript
    room = max(room, 16)
    transcript_width = min(transcript, room - min(casus, max(12, room * 2 // 5)))
    return max(8, room - transcript_width), transcript_width


def _progress(share: float) -> Text:
    filled = round(share * BAR_WIDTH)
    return Text.assemble(
        ("█" * filled, "green"), ("░" * (BAR_WIDTH - filled), "dim"), f" {share:>4.0%}"
    )
