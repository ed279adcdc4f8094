"""The CMOC browser: every CMO configuration with its mechanism texts and evidence.

The upper table lists the CMOCs; the detail panel shows the resource ('mogelijkheden'),
the reasoning ('keuzes') and the memo, and the evidence table lists the fragments
(casus, transcript, speaker, quote). Enter on a fragment posts
:class:`~cmo.tui.messages.JumpTo`, so the app opens the transcript there. Every edit goes
through ``store.cmocs`` and is therefore undoable (``cmo undo``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from ...analysis.corpus import load_corpus
from ...core.cmoc import ALL_CASUSSEN, FIRED, RELATIONS, Cmoc
from ...core.errors import CmoError
from ...core.text import snippet
from ..dialogs.choice import ChoiceDialog
from ..dialogs.memo import open_memo_editor
from ..dialogs.prompt import PromptDialog
from ..messages import JumpTo
from ..state.analysis_data import EvidenceRow, evidence_rows
from ..state.document import FAMILY_COLOURS
from ..undo_keys import UNDO_BINDINGS, UndoKeys
from ..widgets.footer import SteadyFooter

if TYPE_CHECKING:
    from ...store import Store

FIRED_STYLE = {"geactiveerd": "green", "niet geactiveerd": "red", "gemengd": "yellow"}


class CmocBrowserScreen(UndoKeys, Screen):
    CSS_PATH = "cmoc_browser.tcss"
    BINDINGS = [
        Binding("tab", "switch_table", "Evidence/CMOCs", show=False),
        Binding("f", "edit_fired", "Fired"),
        Binding("r", "edit_relation", "Relation"),
        Binding("m", "edit_memo", "Memo"),
        Binding("t", "edit_title", "Title", show=False),
        Binding("o", "edit_resource", "Resource (mogelijkheden)", show=False),
        Binding("k", "edit_reasoning", "Reasoning (keuzes)", show=False),
        Binding("x,delete", "remove", "Remove"),
        Binding("u", "unlink", "Unlink fragment", show=False),
        Binding("a", "candidates", "Candidates"),
        *UNDO_BINDINGS,
        Binding("escape", "back", "Back"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, store: Store, coder: str = "") -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.items: list[Cmoc] = []
        self.evidence: list[EvidenceRow] = []
        self.casus_names: dict[int, str] = {}
        self.corpus = None
        self.shown_id: str | None = None
        self.shown_width = 0
        """The terminal width the tables were laid out for."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="cmoc-body"):
            table = DataTable(id="cmocs", cursor_type="row", zebra_stripes=True)
            table.border_title = "CMO configurations (enter: evidence · a: candidates)"
            yield table
            with Horizontal(id="cmoc-lower"):
                detail = Static("", id="cmoc-detail")
                detail.border_title = "Mechanism"
                yield detail
                evidence = DataTable(id="evidence", cursor_type="row", zebra_stripes=True)
                evidence.border_title = "Evidence (enter opens the transcript)"
                yield evidence
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.sub_title = "CMOCs"
        self.query_one("#cmocs", DataTable).focus()

    def on_screen_resume(self) -> None:
        """Read the CMOCs when the screen shows, the first time and after a transcript."""
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "narrow")
        # Read before (or opened in a smaller terminal): fit title and casus to the new width.
        if self.items and self.app.size.width != self.shown_width:
            self.reload(keep=self.shown_id)

    def column_widths(self) -> tuple[int, int]:
        """Title and casus get what the other columns leave: the casus first (up to its
        longest name), then the title (up to its longest)."""
        items = self.items
        fixed = [
            max([len(h)] + [len(value(x)) for x in items])
            for h, value in (
                ("Id", lambda x: x.id),
                ("C", lambda x: " ".join(x.contexts) or "–"),
                ("M", lambda x: " ".join(x.mechanisms) or "–"),
                ("O", lambda x: " ".join(x.outcomes) or "–"),
                ("Fired", lambda x: x.fired),
                ("Relation", lambda x: x.relation),
                ("Ev.", lambda x: str(len(x.evidence))),
            )
        ]
        # Border 2, scroll bar 2, one cell of padding either side of all nine columns.
        room = self.app.size.width - 4 - 2 * 9 - sum(fixed)
        names = [self.casus_names.get(x.casus_id, ALL_CASUSSEN) for x in items]
        longest_casus = max([len("Casus")] + [len(n) for n in names])
        longest_title = max([len("Title")] + [len(x.title) for x in items])
        casus = max(10, min(longest_casus, room - 14))
        title = max(14, min(longest_title, room - casus))
        return title, casus

    def quote_width(self, rows: list[EvidenceRow]) -> int:
        """The quote column takes what the evidence table has left after the other columns
        (each column has one cell of padding on either side)."""
        width = self.app.size.width
        table = width if width < 110 else width - min(60, width // 3)
        fixed = sum(self.evidence_widths(rows)) + 2 * 5
        return max(20, table - 2 - 2 - fixed)

    def evidence_widths(self, rows: list[EvidenceRow]) -> tuple[int, int, int, int]:
        """Code, casus, transcript and speaker: as wide as their longest value, within limits."""
        narrow = self.app.size.width < 110
        longest = [
            max([len(h)] + [len(value(r)) for r in rows])
            for h, value in (
                ("Code", lambda r: r.code_id),
                ("Casus", lambda r: r.casus),
                ("Transcript", lambda r: r.transcript),
                ("Speaker", _speaker_cell),
            )
        ]
        limits = (6, 12, 16, 12) if narrow else (6, 20, 26, 16)
        return tuple(min(n, cap) for n, cap in zip(longest, limits, strict=True))

    # ---- data ----------------------------------------------------------------------------

    @property
    def current(self) -> Cmoc | None:
        table = self.query_one("#cmocs", DataTable)
        if not self.items:
            return None
        return self.items[min(table.cursor_row, len(self.items) - 1)]

    def reload(self, keep: str | None = None) -> None:
        """Re-read the CMOCs; keep the cursor on ``keep`` (an id) or on the same row."""
        table = self.query_one("#cmocs", DataTable)
        row = table.cursor_row
        self.casus_names = {c.id: c.name for c in self.store.casussen.all()}
        self.items = self.store.cmocs.all()
        # One snapshot per reload: its turns and texts are cached, so moving through the
        # list only reads the evidence codings themselves.
        self.corpus = load_corpus(self.store)
        table.clear(columns=True)
        table.add_column("Id")
        self.shown_width = self.app.size.width
        title_width, casus_width = self.column_widths()
        table.add_column("Title", width=title_width)
        table.add_column("Casus", width=casus_width)
        table.add_columns("C", "M", "O", "Fired", "Relation", "Ev.")
        for item in self.items:
            table.add_row(
                Text(item.id, style="bold"),
                item.title,
                self.casus_names.get(item.casus_id, ALL_CASUSSEN),
                _codes(item.contexts, "C"),
                _codes(item.mechanisms, "M"),
                _codes(item.outcomes, "O"),
                Text(item.fired, style=FIRED_STYLE.get(item.fired, "")),
                item.relation,
                str(len(item.evidence)),
                key=item.id,
            )
        if keep is not None:
            row = next((i for i, x in enumerate(self.items) if x.id == keep), row)
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1))
        table.border_subtitle = (
            f"{len(self.items)} CMOCs"
            if self.items
            else "none yet: o in a transcript builds one, a shows candidates"
        )
        self.show_detail()

    def show_detail(self) -> None:
        item = self.current
        detail = self.query_one("#cmoc-detail", Static)
        evidence = self.query_one("#evidence", DataTable)
        # The same CMOC again (after an edit or a visit to the text): keep the fragment.
        keep = evidence.cursor_row if item is not None and item.id == self.shown_id else 0
        self.shown_id = item.id if item is not None else None
        evidence.clear()
        if item is None:
            detail.update(Text("No CMOC selected.", style="dim"))
            self.evidence = []
            return
        text = Text()
        text.append(f"{item.id} ", style="bold")
        text.append(f"{item.formula()}\n", style="bold")
        if item.title:
            text.append(f"{item.title}\n")
        for label, value in (
            ("mogelijkheden (o)", item.resource),
            ("keuzes (k)", item.reasoning),
            ("memo (m)", item.memo),
        ):
            text.append(f"\n{label}: ", style="dim")
            text.append(value or "–")
        text.append(f"\n\n{item.fired}; {item.relation} de programmatheorie", style="italic")
        detail.update(text)
        rows = evidence_rows(self.store, item, corpus=self.corpus, width=10_000)
        quote_width = self.quote_width(rows)
        self.evidence = [
            replace(row, quote=snippet(row.quote, 0, len(row.quote), quote_width)) for row in rows
        ]
        evidence.clear(columns=True)
        for header, width in zip(
            ("Code", "Casus", "Transcript", "Speaker", "Quote"),
            (*self.evidence_widths(rows), quote_width),
            strict=True,
        ):
            evidence.add_column(header, width=width)
        for row in self.evidence:
            evidence.add_row(
                Text(row.code_id, style=f"bold {FAMILY_COLOURS.get(row.code_id[:1], '')}"),
                row.casus,
                row.transcript,
                _speaker_cell(row),
                row.quote,
                key=str(row.coding_id),
            )
        evidence.border_subtitle = f"{len(self.evidence)} fragments"
        if self.evidence:
            evidence.move_cursor(row=min(keep, len(self.evidence) - 1))

    # ---- events --------------------------------------------------------------------------

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "cmocs":
            self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "cmocs":
            if self.evidence:
                self.query_one("#evidence", DataTable).focus()
            return
        self.jump(event.cursor_row)

    def jump(self, index: int) -> None:
        if 0 <= index < len(self.evidence):
            row = self.evidence[index]
            self.post_message(JumpTo(row.transcript_id, row.start, row.end))

    # ---- actions -------------------------------------------------------------------------

    def action_switch_table(self) -> None:
        target = "#evidence" if self.focused is self.query_one("#cmocs") else "#cmocs"
        self.query_one(target, DataTable).focus()

    def action_back(self) -> None:
        if self.focused is self.query_one("#evidence"):
            self.query_one("#cmocs", DataTable).focus()
        else:
            self.app.pop_screen()

    def update(self, **changes) -> None:
        item = self.current
        if item is None:
            return
        try:
            self.store.cmocs.update(item.id, actor=self.coder, **changes)
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return
        self.reload(keep=item.id)
        self.notify(f"{item.id}: {', '.join(changes)} saved.")

    def choose(self, field: str, values: tuple[str, ...]) -> None:
        item = self.current
        if item is None:
            self.notify("No CMOC yet.", severity="warning")
            return
        options = [(v, Text(("● " if v == getattr(item, field) else "  ") + v)) for v in values]

        def chosen(value: str | None) -> None:
            if value and value != getattr(item, field):
                self.update(**{field: value})

        self.app.push_screen(ChoiceDialog(f"{item.id} · {field}", options), chosen)

    def action_edit_fired(self) -> None:
        self.choose("fired", FIRED)

    def action_edit_relation(self) -> None:
        self.choose("relation", RELATIONS)

    def edit_text(self, field: str, label: str) -> None:
        item = self.current
        if item is None:
            self.notify("No CMOC yet.", severity="warning")
            return

        def save(text: str) -> None:
            if text != getattr(item, field):
                self.update(**{field: text})

        open_memo_editor(
            self.app,
            self.store,
            self.coder,
            f"cmoc:{item.id}:{field}",
            f"{item.id} · {label}",
            getattr(item, field),
            save,
        )

    def action_edit_memo(self) -> None:
        self.edit_text("memo", "memo")

    def action_edit_resource(self) -> None:
        self.edit_text("resource", "mogelijkheden (resource the programme offers)")

    def action_edit_reasoning(self) -> None:
        self.edit_text("reasoning", "keuzes (reasoning of the participant)")

    def action_edit_title(self) -> None:
        item = self.current
        if item is None:
            return

        def save(text: str | None) -> None:
            if text is not None and text.strip() != item.title:
                self.update(title=text)

        self.app.push_screen(PromptDialog(f"{item.id} · title", value=item.title), save)

    def action_remove(self) -> None:
        item = self.current
        if item is None:
            return

        def confirmed(answer: str | None) -> None:
            if answer != "yes":
                return
            try:
                self.store.cmocs.remove(item.id, actor=self.coder)
            except CmoError as exc:
                self.notify(str(exc), severity="error")
                return
            self.reload()
            self.notify(f"Removed {item.id} (ctrl+z brings it back).")

        self.app.push_screen(
            ChoiceDialog(f"Remove {item.id}?", [("no", "No, keep it"), ("yes", "Yes, remove")]),
            confirmed,
        )

    def action_unlink(self) -> None:
        """Take the highlighted evidence fragment out of the CMOC (the coding stays)."""
        item, table = self.current, self.query_one("#evidence", DataTable)
        if item is None or not self.evidence:
            return
        row = self.evidence[min(table.cursor_row, len(self.evidence) - 1)]
        try:
            self.store.cmocs.link_evidence(item.id, [row.coding_id], actor=self.coder, unlink=True)
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return
        self.reload(keep=item.id)
        self.notify(
            f"{item.id}: fragment {row.coding_id} ({row.code_id}, «{row.quote[:30]}») "
            "unlinked; ctrl+z links it again."
        )

    def action_candidates(self) -> None:
        from .candidates import CandidatesScreen

        self.app.push_screen(CandidatesScreen(self.store, self.coder))


def _speaker_cell(row: EvidenceRow) -> str:
    return f"{row.speaker} · {row.turn}" if row.turn is not None else row.speaker


def _codes(ids: tuple[str, ...], family: str) -> Text:
    return Text(" ".join(ids) or "–", style=f"bold {FAMILY_COLOURS[family]}" if ids else "dim")
