"""Code frequencies across casussen (or participants, roles, transcript kinds).

The same table as ``cmo freq``, from :func:`cmo.analysis.frequencies.frequency_table`:
each cell shows the count and the normalised rate, coloured by Haberman's adjusted
residual as in the CLI and the PNG: red when the group has clearly more of the code than
expected, blue when clearly less (|r| ≥ ``CLEAR_RESIDUAL``). Headers and names are never
cut: a long header takes two or three lines.
Keys switch the grouping (``b``), the code family (``f``), the rate (``p``) and what a
cell shows (``v``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from ...analysis.corpus import Corpus, load_corpus
from ...analysis.frequencies import BY, CLEAR_RESIDUAL, PER, FrequencyTable, frequency_table
from ..family_colours import FAMILY_COLOURS
from ..widgets.fitting_footer import FittingFooter

if TYPE_CHECKING:
    from ...store import Store

FAMILIES = (None, "C", "M", "O")
SHOW = ("count · rate", "count", "rate", "residual")
MAX_COLUMNS = 12
"""More groups than this (and than codes): groups become the rows."""
CLEAR = CLEAR_RESIDUAL
MORE, LESS = "bold #FFFFFF on #B71C1C", "bold #FFFFFF on #0D47A1"
"""Red: more than expected; blue: less (white text on both reads at better than 4.5:1)."""


def ellipsis(text: str, width: int) -> str:
    """``text`` cut visibly to ``width`` cells."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


class FrequenciesScreen(Screen):
    CSS_PATH = "frequencies.tcss"
    BINDINGS = [
        Binding("b", "cycle('by')", "By"),
        Binding("f", "cycle('family')", "Family"),
        Binding("p", "cycle('per')", "Per"),
        Binding("v", "cycle('show')", "Cells"),
        Binding("escape", "app.pop_screen", "Back"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(
        self, store: Store, by: str = "casus", family: str | None = None, per: str = "fragments"
    ) -> None:
        super().__init__()
        self.store = store
        self.by, self.family, self.per, self.show = by, family, per, SHOW[0]
        self.corpus: Corpus | None = None
        self.table: FrequencyTable | None = None
        self.transposed = False

    def compose(self) -> ComposeResult:
        yield Header()
        table = DataTable(id="freq", cursor_type="cell", zebra_stripes=True)
        table.border_title = "Code frequencies"
        yield table
        yield Static("", id="freq-notes")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.sub_title = "code frequencies"
        self.reload()
        self.query_one("#freq", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.corpus = None  # codings may have changed while another screen was on top
        self.reload()

    def action_cycle(self, what: str) -> None:
        options = {"by": BY, "family": FAMILIES, "per": PER, "show": SHOW}[what]
        current = getattr(self, what)
        setattr(self, what, options[(options.index(current) + 1) % len(options)])
        self.reload()

    def reload(self) -> None:
        if self.corpus is None:
            self.corpus = load_corpus(self.store)
        self.table = frequency_table(self.corpus, by=self.by, family=self.family, per=self.per)
        self.fill(self.table)

    def fill(self, ft: FrequencyTable) -> None:
        table = self.query_one("#freq", DataTable)
        table.clear(columns=True)
        self.codes_off_screen = 0
        # Many groups (participants): one row per group instead of one column, because a
        # table draws every column of a visible row but only the visible rows.
        # Also when the groups' headers would not fit across the screen even on three
        # lines: then the groups become rows, whose labels have the whole width.
        too_wide = self.narrowest_by_code(ft) > self.room()
        self.transposed = (len(ft.cols) > MAX_COLUMNS and len(ft.cols) > len(ft.rows)) or (
            too_wide and len(ft.cols) > 1
        )
        if self.transposed:
            self.fill_by_group(table, ft)
        else:
            self.fill_by_code(table, ft)
        family = self.family or "C+M+O"
        table.border_title = f"Code × {self.by} · {family} · {ft.unit}"
        table.border_subtitle = self.hint()
        self.query_one("#freq-notes", Static).update(
            fit_lines(self.notes(ft), self.app.size.width - 2, NOTE_LINES)
        )

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        """The full name of the code under the cursor, which its column may cut."""
        key = event.cell_key.row_key.value
        code = self.corpus.codes.get(key) if self.corpus is not None and key else None
        hint = self.hint()
        full = f"{code.id} {code.name} · {hint}" if code else hint
        if len(full) > self.room() - 4 and code:
            full = f"{code.id} {code.name}"  # the name matters more than the key hint here
        event.data_table.border_subtitle = full

    def code_text(self, code_id: str) -> Text:
        code = self.corpus.codes.get(code_id)
        return Text(code_id, style=f"bold {FAMILY_COLOURS.get(code.family if code else '', '')}")

    def room(self) -> int:
        """Cells the table can show: the screen less border and (always there, one cell
        wide) scroll bar."""
        return self.app.size.width - 2 - 1

    def add_group_columns(self, table: DataTable, labels: list[str], widths: list[int]) -> int:
        """One column per label; a label wider than its column wraps onto more header
        lines instead of being cut. Returns the header height."""
        heights = []
        for label, width in zip(labels, widths, strict=True):
            lines = header_lines(label, width)
            heights.append(len(lines))
            table.add_column(Text("\n".join(lines), justify="right"), width=width)
        return max(heights, default=1)

    def group_widths(self, ft: FrequencyTable) -> list[int]:
        """Per group column: its widest cell, the longest word of its label, at least 5."""
        return [
            max(
                [len(self.cell(ft, i, j).plain) for i in range(len(ft.rows))]
                + [len(w) for w in label_words(label)]
                + [5]
            )
            for j, label in enumerate(ft.cols)
        ]

    def narrowest_by_code(self, ft: FrequencyTable) -> int:
        code_width = max([len("Code")] + [len(c) for c in ft.rows])
        total_width = max(len("Total"), len(str(ft.total)))
        groups = sum(w + 2 for w in self.group_widths(ft))
        return (code_width + 2) + (12 + 2) + groups + (total_width + 2)

    def fill_by_code(self, table: DataTable, ft: FrequencyTable) -> None:
        shown = [[self.cell(ft, i, j) for j in range(len(ft.cols))] for i in range(len(ft.rows))]
        code_width = max([len("Code")] + [len(c) for c in ft.rows])
        name_width = max([len("Total")] + [len(n) for n in ft.row_labels])
        total_width = max(len("Total"), len(str(ft.total)))
        # A group column is as wide as its widest cell and the longest word of its label;
        # room left over widens the columns whose labels would otherwise wrap.
        widths = self.group_widths(ft)
        fixed = (code_width + 2) + (total_width + 2) + sum(w + 2 for w in widths)
        name_width = max(12, min(name_width, self.room() - fixed - 2))  # 2: its padding
        spare = self.room() - fixed - (name_width + 2)
        for j, label in enumerate(ft.cols):
            extra = min(max(0, len(label) - widths[j]), max(0, spare))
            widths[j] += extra
            spare -= extra
        # The totals come before the groups: the table scrolls sideways when the groups
        # do not fit, and what scrolls away must never be the totals.
        table.add_column("Code", width=code_width)
        table.add_column("Name", width=name_width)
        table.add_column(Text("Total", justify="right"), width=total_width)
        table.fixed_columns = 3  # should the groups ever scroll, the codes stay
        height = self.add_group_columns(table, ft.cols, widths)
        table.header_height = height
        for i, code_id in enumerate(ft.rows):
            total = Text(str(ft.row_totals[i]), style="bold", justify="right")
            name = ellipsis(ft.row_labels[i], name_width)
            table.add_row(self.code_text(code_id), name, total, *shown[i], key=code_id)
        if ft.rows:
            totals = [Text(str(n), style="bold", justify="right") for n in ft.col_totals]
            bold = Text(str(ft.total), style="bold", justify="right")
            table.add_row("", Text("Total", style="bold"), bold, *totals, key="__total__")

    def fill_by_group(self, table: DataTable, ft: FrequencyTable) -> None:
        """One row per group, one column per code. The group and its total stay put while
        the codes scroll sideways, and the code columns are all as wide, tiling the room
        exactly: a column is on screen whole or not at all (never a cut number), and the
        border says how many codes are off to the right."""
        shown = [[self.cell(ft, i, j) for i in range(len(ft.rows))] for j in range(len(ft.cols))]
        label_width = max([len(self.by), 5] + [len(g) for g in ft.cols])
        total_width = max(len("Total"), len(str(ft.total)), *(len(str(n)) for n in ft.col_totals))
        code_width = max(
            [5]
            + [len(code_id) for code_id in ft.rows]
            + [len(cell.plain) for column in shown for cell in column]
            + [len(str(n)) for n in ft.row_totals]
        )
        room = self.room() - (label_width + 2) - (total_width + 2)
        fit = max(1, room // (code_width + 2))
        if fit < len(ft.rows):
            label_width += room - fit * (code_width + 2)  # the codes tile what is left
        table.add_column(self.by.capitalize(), width=label_width)
        table.add_column(Text("Total", justify="right"), width=total_width)
        for code_id in ft.rows:
            table.add_column(self.code_text(code_id), width=code_width)
        table.fixed_columns = 2
        table.header_height = 1
        for j, group in enumerate(ft.cols):
            total = Text(str(ft.col_totals[j]), style="bold", justify="right")
            table.add_row(group, total, *shown[j], key=f"group-{j}")
        if ft.cols:
            totals = [Text(str(n), style="bold", justify="right") for n in ft.row_totals]
            bold = Text(str(ft.total), style="bold", justify="right")
            table.add_row(Text("Total", style="bold"), bold, *totals, key="__total__")
        self.codes_off_screen = max(0, len(ft.rows) - fit)

    codes_off_screen = 0
    """Code columns right of the screen (by group, when the codes do not all fit)."""

    def hint(self) -> str:
        keys = "b by · f family · p per · v cells"
        if self.transposed and self.codes_off_screen:
            shown = len(self.table.rows) - self.codes_off_screen if self.table else 0
            return f"{shown} of {shown + self.codes_off_screen} codes at a time, → scrolls · {keys}"
        return keys

    def cell(self, ft: FrequencyTable, i: int, j: int) -> Text:
        count, rate, resid = ft.counts[i][j], ft.rates[i][j], ft.residuals[i][j]
        rate_text = "–" if rate is None else f"{rate:.1f}"
        shown = {
            "count · rate": f"{count} · {rate_text}",
            "count": str(count),
            "rate": rate_text,
            "residual": "–" if resid is None else f"{resid:+.2f}",
        }[self.show]
        return Text(shown, style=_style(resid), justify="right")

    def notes(self, ft: FrequencyTable) -> Text:
        out = Text()
        out.append(" more than expected ", style=_style(CLEAR + 1))
        out.append(" ")
        out.append(" less than expected ", style=_style(-CLEAR - 1))
        out.append(f"  |adjusted residual| ≥ {CLEAR:g}", style="dim")
        if ft.chi2 is not None:
            v = f", Cramér's V {ft.cramers_v:.2f}" if ft.cramers_v is not None else ""
            out.append(f"   χ² {ft.chi2:.1f}, df {ft.df}{v}", style="dim")
        if ft.small_expected:
            out.append(f"   {ft.small_expected} cells expect < 5 (rough)", style="dim")
        for note in ft.notes:
            out.append(f"\n{note}", style="dim italic")
        if not ft.rows:
            out.append("\nNo codings yet.", style="dim")
        return out


NOTE_LINES = 4
"""Lines under the table for the notes (the table needs the rest of a 24-line terminal)."""


def fit_lines(text: Text, width: int, lines: int) -> Text:
    """``text`` wrapped at ``width``; beyond ``lines`` lines it ends in a visible cut that
    says where the whole note is."""
    from rich.console import Console

    wrapped = text.wrap(Console(width=width), width)
    if len(wrapped) <= lines:
        return text
    tail = " … (in full: cmo freq)"
    kept = wrapped[:lines]
    last = kept[-1]
    last.truncate(max(1, width - len(tail)), overflow="crop")
    last.rstrip()
    last.append(tail, style="dim")
    return Text("\n").join(kept)


def _style(residual: float | None) -> str:
    if residual is None or abs(residual) < CLEAR:
        return ""
    return MORE if residual > 0 else LESS


def header_lines(label: str, width: int) -> list[str]:
    """``label`` in lines of at most ``width`` (words are never split: ``width`` is at
    least the longest word)."""
    lines: list[str] = []
    for word in label_words(label):
        glue = "" if lines and lines[-1].endswith("/") else " "
        if lines and len(lines[-1]) + len(glue) + len(word) <= width:
            lines[-1] += glue + word
        else:
            lines.append(word)
    return lines or [""]


def label_words(label: str) -> list[str]:
    """The pieces a header may break between: words, and after a '/' (transcript/person)."""
    return re.findall(r"[^\s/]+/|[^\s/]+|/", label)
