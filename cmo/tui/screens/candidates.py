"""Candidate CMOCs: C, M and O codes that co-occur, per casus, ranked by participants.

The list comes from :func:`cmo.analysis.candidates.candidates`. The researcher confirms a
candidate (enter or ``a``) and it becomes a real CMOC with the co-occurring codings as its
evidence; ``w`` widens the window from the same turn to neighbouring turns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from ...analysis.candidates import Candidate, candidates
from ...analysis.corpus import load_corpus
from ...core.errors import CmoError
from ..family_colours import FAMILY_COLOURS
from ..widgets.fitting_footer import FittingFooter

if TYPE_CHECKING:
    from ...store import Store

WINDOWS = (0, 1, 2, 3)
"""Turns after the anchor turn a configuration may span (0: the same turn)."""
TOP = 300


class CandidatesScreen(Screen):
    CSS_PATH = "candidates.tcss"
    BINDINGS = [
        Binding("a", "confirm", "Confirm as CMOC"),
        Binding("w", "window", "Window"),
        Binding("escape", "app.pop_screen", "Back"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, store: Store, coder: str = "", window: int = 0) -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.window = window
        self.items: list[Candidate] = []
        self.names: dict[str, str] = {}
        self.busy = True  # not "loading": on a widget that name shows an overlay

    def compose(self) -> ComposeResult:
        yield Header()
        table = DataTable(id="candidates", cursor_type="row", zebra_stripes=True)
        table.border_title = "Candidate CMOCs (enter or a: confirm · w: window)"
        yield table
        yield Static("", id="candidate-detail")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.sub_title = "candidate CMOCs"
        self.reload()
        self.query_one("#candidates", DataTable).focus()

    @property
    def current(self) -> Candidate | None:
        if not self.items:
            return None
        row = self.query_one("#candidates", DataTable).cursor_row
        return self.items[min(row, len(self.items) - 1)]

    def reload(self) -> None:
        """Compute the candidates in a thread (a second or two on a large project)."""
        self.busy = True
        where = "the same turn" if self.window == 0 else f"a turn and the {self.window} after it"
        self.query_one(
            "#candidates", DataTable
        ).border_subtitle = f"finding candidates · window: {where}…"
        self.compute(self.window)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="candidates",
        description="candidate CMOCs",
    )
    def compute(self, window: int) -> None:
        corpus = load_corpus(self.store)
        names = {c: code.name for c, code in corpus.codes.items()}
        found = candidates(corpus, window=window, cmocs=self.store.cmocs.all(), top=TOP)
        self.app.call_from_thread(self.fill, found, names, window)

    def fill(self, found: list[Candidate], names: dict[str, str], window: int) -> None:
        if not self.is_attached or window != self.window:
            return  # the researcher left, or changed the window meanwhile
        self.items, self.names = found, names
        table = self.query_one("#candidates", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column("#")
        table.add_column("Casus", width=16 if self.app.size.width < 110 else 32)
        table.add_columns("C", "M", "O", "Part.", "Transcr.", "Frag.", "CMOC")
        for item in self.items:
            table.add_row(
                str(item.rank),
                item.casus,
                Text(item.context, style=f"bold {FAMILY_COLOURS['C']}"),
                Text(item.mechanism, style=f"bold {FAMILY_COLOURS['M']}"),
                Text(item.outcome, style=f"bold {FAMILY_COLOURS['O']}"),
                str(item.participants),
                str(item.transcripts),
                str(item.fragments),
                Text(" ".join(item.covered_by) or "", style="dim"),
                key=f"{item.casus_id}:{item.context}:{item.mechanism}:{item.outcome}",
            )
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1))
        where = "the same turn" if self.window == 0 else f"a turn and the {self.window} after it"
        table.border_subtitle = f"{len(self.items)} candidates · window: {where}"
        self.busy = False
        self.show_detail()

    def show_detail(self) -> None:
        item = self.current
        detail = self.query_one("#candidate-detail", Static)
        if item is None and self.busy:
            detail.update(Text("Finding candidates…", style="dim"))
            return
        if item is None:
            detail.update(
                Text(
                    "No C, M and O codes co-occur yet: code more, or widen the window with w.",
                    style="dim",
                )
            )
            return
        text = Text()
        for code in (item.context, item.mechanism, item.outcome):
            text.append(f"{code} ", style=f"bold {FAMILY_COLOURS.get(code[:1], '')}")
            text.append(f"{self.names.get(code, '')}   ")
        text.append(
            f"\n{item.casus}: {', '.join(item.participant_names) or 'no participants'}", style="dim"
        )
        if item.covered_by:
            text.append(f"\nalready in {', '.join(item.covered_by)}", style="italic")
        detail.update(text)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_confirm()

    def action_window(self) -> None:
        self.window = (
            WINDOWS[(WINDOWS.index(self.window) + 1) % len(WINDOWS)]
            if self.window in WINDOWS
            else 0
        )
        self.reload()

    def action_confirm(self) -> None:
        if self.busy:
            return
        item = self.current
        if item is None:
            return
        if item.covered_by:
            self.notify(f"Already a CMOC: {', '.join(item.covered_by)}.", severity="warning")
            return
        title = (
            f"{self.names.get(item.mechanism, item.mechanism)} → "
            f"{self.names.get(item.outcome, item.outcome)}"
        )
        try:
            made = self.store.cmocs.add(
                title=title,
                casus_id=item.casus_id,
                contexts=[item.context],
                mechanisms=[item.mechanism],
                outcomes=[item.outcome],
                evidence=list(item.evidence),
                actor=self.coder,
            )
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return
        count = len(made.evidence)
        fragments = "fragment" if count == 1 else "fragments"
        self.notify(f"Created {made.id}: {made.formula()} with {count} {fragments}.")
        self.reload()
