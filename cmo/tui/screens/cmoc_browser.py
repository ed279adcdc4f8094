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
from ..cells import cut
from ..dialogs.choice import ChoiceDialog
from ..dialogs.memo import open_memo_editor
from ..dialogs.prompt import PromptDialog
from ..family_colours import FAMILY_COLOURS
from ..messages import JumpTo
from ..state.analysis_data import EvidenceRow, evidence_rows
from ..undo_keys import UNDO_BINDINGS, UndoKeys
from ..widgets.fitting_footer import FittingFooter
from . import cmoc_columns as columns
from .cmoc_columns import speaker_cell

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
        yield FittingFooter()

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

    def cmoc_columns(self) -> dict[str, int]:
        return columns.cmoc_columns(self.items, self.casus_names, self.app.size.width)

    def quote_width(self, rows: list[EvidenceRow]) -> int:
        return columns.quote_width(rows, self.app.size.width)

    def evidence_widths(self, rows: list[EvidenceRow]) -> tuple[int, int, int, int]:
        return columns.evidence_widths(rows, self.app.size.width)

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
        self.shown_width = self.app.size.width
        columns = self.cmoc_columns()
        for header, width in columns.items():
            table.add_column(header, width=width)
        for item in self.items:
            cells = {
                "Id": Text(item.id, style="bold"),
                "Title": cut(item.title, columns["Title"]),
                "Casus": cut(self.casus_names.get(item.casus_id, ALL_CASUSSEN),
                             columns.get("Casus", 0)),
                "C": _codes(item.contexts, "C"),
                "M": _codes(item.mechanisms, "M"),
                "O": _codes(item.outcomes, "O"),
                "Fired": Text(item.fired, style=FIRED_STYLE.get(item.fired, "")),
                "Relation": item.relation,
                "Ev.": str(len(item.evidence)),
            }  # fmt: skip
            table.add_row(*[cells[h] for h in columns], key=item.id)
        if keep is not None:
            row = next((i for i, x in enumerate(self.items) if x.id == keep), row)
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1))
        table.border_subtitle = (
            f"{len(self.items)} CMOC{'s' if len(self.items) != 1 else ''}"
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
        text.append(f"{self.casus_names.get(item.casus_id, ALL_CASUSSEN)}\n", style="dim")
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
        code_w, casus_w, transcript_w, speaker_w = self.evidence_widths(rows)
        self.evidence_cut = any(
            len(r.casus) > casus_w or len(r.transcript) > transcript_w
            or len(speaker_cell(r)) > speaker_w
            for r in rows
        )  # fmt: skip
        for row in self.evidence:
            evidence.add_row(
                Text(row.code_id, style=f"bold {FAMILY_COLOURS.get(row.code_id[:1], '')}"),
                cut(row.casus, casus_w),
                cut(row.transcript, transcript_w),
                cut(speaker_cell(row), speaker_w),
                row.quote,
                key=str(row.coding_id),
            )
        if self.evidence:
            evidence.move_cursor(row=min(keep, len(self.evidence) - 1))
        self.show_fragment_names(evidence.cursor_row)

    evidence_cut = False

    def show_fragment_names(self, row: int) -> None:
        """Under the evidence: how many fragments, and when a column cuts a name, the
        highlighted fragment's casus, transcript and speaker in full."""
        evidence = self.query_one("#evidence", DataTable)
        n = len(self.evidence)
        count = f"{n} fragment{'s' if n != 1 else ''}"
        if self.evidence_cut and 0 <= row < len(self.evidence):
            r = self.evidence[row]
            evidence.border_subtitle = f"{r.casus} · {r.transcript} · {speaker_cell(r)} · {count}"
        else:
            evidence.border_subtitle = count

    # ---- events --------------------------------------------------------------------------

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "cmocs":
            self.show_detail()
        else:
            self.show_fragment_names(event.cursor_row)

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
        """One esc leaves the screen, whichever table has the focus (tab moves between them)."""
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


def _codes(ids: tuple[str, ...], family: str) -> Text:
    return Text(" ".join(ids) or "–", style=f"bold {FAMILY_COLOURS[family]}" if ids else "dim")
