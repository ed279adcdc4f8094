"""Walk through the fragments where coders differ, and record the consensus.

The fragments come from :func:`cmo.analysis.agreement.disagreements` (per turn, sentence
or stretch of characters). Each coder's codes are shown side by side, the disputed ones
marked. The consensus is recorded through :mod:`cmo.analysis.consensus` as codings of
the coder ``consensus`` (the coders' own codings stay, so agreement can still be
measured):

* ``1``…``9``: take that coder's codings (with their spans);
* ``b``: take every coder's codings (both, or all);
* ``0``: none applies (nothing is added);
* ``c``: pick a code for the whole fragment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from ...analysis.agreement import CONSENSUS, UNITS, Disagreement, codings_by_coder, disagreements
from ...analysis.consensus import record_consensus, take_coder
from ...core.errors import CmoError
from ..dialogs.code_picker import NEW_CODE, CodePicker
from ..family_colours import FAMILY_COLOURS
from ..messages import JumpTo
from ..state.analysis_data import in_context
from ..widgets.fitting_footer import FittingFooter

if TYPE_CHECKING:
    from ...store import Store


def coders_of(store: Store, transcript_id: int) -> list[str]:
    """The coders who coded this transcript, without the consensus."""
    return [c for c in codings_by_coder(store, transcript_id) if c != CONSENSUS]


class DisagreementsScreen(Screen):
    CSS_PATH = "disagreements.tcss"
    BINDINGS = [
        *[Binding(str(n), f"take({n})", f"Take coder {n}", show=n <= 2) for n in range(1, 10)],
        Binding("b", "take_all", "Both/all"),
        Binding("0", "take_none", "None"),
        Binding("c", "pick", "Other code"),
        Binding("down,j", "step(1)", "Next"),
        Binding("up,k", "step(-1)", "Previous", show=False),
        Binding("u", "unit", "Unit"),
        Binding("o", "open", "Open in transcript", show=False),
        Binding("escape", "dismiss(None)", "Back"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(
        self,
        store: Store,
        transcript_id: int,
        coders: list[str] | None = None,
        unit: str = "turn",
        actor: str = "",
    ) -> None:
        super().__init__()
        self.store = store
        self.transcript = store.transcripts.get(transcript_id)
        self.coders = list(coders) if coders else coders_of(store, self.transcript.id)
        self.unit = unit
        self.actor = actor
        self.items: list[Disagreement] = []
        self.position = 0
        self.codes = {c.id: c for c in store.codebook.codes()}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="dis-where")
        with VerticalScroll(id="dis-text-box") as box:
            box.border_title = "Fragment"
            yield Static("", id="dis-text")
        with Horizontal(id="dis-coders"):
            for pos, coder in enumerate(self.coders[:9], start=1):
                column = Static("", id=f"dis-coder-{pos}", classes="dis-coder")
                column.border_title = f"{pos} · {coder}"
                yield column
        yield Static("", id="dis-consensus")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.sub_title = f"disagreements · {self.transcript.name}"
        self.reload()

    # ---- data ----------------------------------------------------------------------------

    @property
    def current(self) -> Disagreement | None:
        return self.items[self.position] if 0 <= self.position < len(self.items) else None

    def reload(self) -> None:
        if len(self.coders) < 2:
            self.items = []
        else:
            self.items = disagreements(self.store, self.transcript.id, self.coders, self.unit)
        self.position = min(self.position, max(0, len(self.items) - 1))
        self.show()

    def show(self) -> None:
        item = self.current
        where = self.query_one("#dis-where", Static)
        if item is None:
            problem = (
                "Two coders are needed: this transcript was coded by "
                f"{', '.join(self.coders) or 'nobody'}."
                if len(self.coders) < 2
                else f"No disagreements per {self.unit} between {', '.join(self.coders)}."
            )
            where.update(Text(problem, style="dim"))
            self.query_one("#dis-text", Static).update("")
            for column in self.query(".dis-coder"):
                column.update("")
            self.query_one("#dis-consensus", Static).update("")
            return
        where.update(
            Text.assemble(
                (f"{self.position + 1} of {len(self.items)} ", "bold"),
                (f"disagreements per {self.unit} · ", "dim"),
                ("disputed: ", "dim"),
                " ".join(item.disputed),
            )
        )
        before, fragment, after = in_context(self.transcript.text, item.start, item.end)
        text = Text.assemble((before, "dim"), (fragment, "bold"), (after, "dim"))
        self.query_one("#dis-text", Static).update(text)
        self.query_one("#dis-text-box").scroll_home(animate=False)
        disputed = set(item.disputed)
        for pos, coder in enumerate(self.coders[:9], start=1):
            column = Text()
            for code_id in item.codes.get(coder, ()):
                family = self.codes[code_id].family if code_id in self.codes else ""
                mark = "≠ " if code_id in disputed else "= "
                column.append(mark, style="bold red" if code_id in disputed else "dim")
                column.append(code_id, style=f"bold {FAMILY_COLOURS.get(family, '')}")
                name = self.codes[code_id].name if code_id in self.codes else ""
                column.append(f" {name}\n")
            if not column.plain:
                column.append("no code", style="dim italic")
            self.query_one(f"#dis-coder-{pos}", Static).update(column)
        from ...analysis.consensus import decisions

        agreed = self.consensus_codes(item)
        decided = decisions(self.store, self.transcript.id).get((item.start, item.end))
        self.query_one("#dis-consensus", Static).update(
            Text.assemble(
                ("consensus: ", "bold"),
                " ".join(agreed) if agreed else ("none recorded yet", "dim"),
                (f"  · settled: {decided.text}", "bold green") if decided else "",
            )
        )

    def consensus_codes(self, item: Disagreement) -> list[str]:
        found = self.store.codings.all(transcript_id=self.transcript.id, coder=CONSENSUS)
        return sorted({c.code_id for c in found if c.start < item.end and c.end > item.start})

    # ---- recording -----------------------------------------------------------------------

    def recorded(self, added: list, how: str = "in the workbench") -> None:
        from ...analysis.consensus import Recorded, outcome_text, settle

        if self.current is not None:  # the fragment is decided: mark it settled
            recorded = added if isinstance(added, Recorded) else Recorded(added)
            settle(self.store, self.current, outcome_text(recorded, how), actor=self.actor)
        codes = " ".join(sorted({c.code_id for c in added})) or "nothing"
        self.notify(f"Consensus: {codes}.")
        self.action_step(1)

    def action_take(self, number: int) -> None:
        item = self.current
        if item is None or number > len(self.coders):
            return
        try:
            added = take_coder(
                self.store, item, self.coders[number - 1], decided_by=self.coders, actor=self.actor
            )
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return
        self.recorded(added, f"as {self.coders[number - 1]}")

    def action_take_all(self) -> None:
        """Every coder's codings that overlap the fragment (one consensus per code)."""
        item = self.current
        if item is None:
            return
        mine = codings_by_coder(self.store, self.transcript.id, self.coders)
        added, taken = [], set()
        try:
            for coder in self.coders:
                for c in mine[coder]:
                    if c.start < item.end and c.end > item.start and c.code_id not in taken:
                        taken.add(c.code_id)
                        added += record_consensus(
                            self.store,
                            c.transcript_id,
                            c.start,
                            c.end,
                            [c.code_id],
                            decided_by=self.coders,
                            actor=self.actor,
                        )
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return
        self.recorded(added)

    def action_take_none(self) -> None:
        if self.current is not None:
            from ...analysis.consensus import Recorded, outcome_text, settle

            settle(self.store, self.current, outcome_text(Recorded(), "none"), actor=self.actor)
            self.notify("Consensus: no code applies here (nothing added).")
            self.action_step(1)

    def action_pick(self) -> None:
        item = self.current
        if item is None:
            return
        recent = [c for codes in item.codes.values() for c in codes]
        picker = CodePicker(
            list(self.codes.values()),
            list(dict.fromkeys(recent)),
            title="Consensus code for the fragment",
        )

        def chosen(code_id: str | None) -> None:
            if code_id and code_id.startswith(NEW_CODE):
                self.notify(
                    "Create emergent codes in the transcript (c, then ctrl+n).", severity="warning"
                )
                return
            if not code_id:
                return
            try:
                added = record_consensus(
                    self.store,
                    self.transcript.id,
                    item.start,
                    item.end,
                    [code_id],
                    decided_by=self.coders,
                    actor=self.actor,
                )
            except CmoError as exc:
                self.notify(str(exc), severity="error")
                return
            self.recorded(added)

        self.app.push_screen(picker, chosen)

    # ---- moving --------------------------------------------------------------------------

    def action_step(self, step: int) -> None:
        if self.items:
            self.position = max(0, min(len(self.items) - 1, self.position + step))
        self.show()

    def action_unit(self) -> None:
        self.unit = UNITS[(UNITS.index(self.unit) + 1) % len(UNITS)]
        self.position = 0
        self.reload()
        self.notify(f"Disagreements per {self.unit}.")

    def action_open(self) -> None:
        item = self.current
        if item is not None:
            self.post_message(JumpTo(self.transcript.id, item.start, item.end))
