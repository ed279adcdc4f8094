"""The transcript screen the workbench opens: coding (from :class:`CodingScreen`), plus
the keys for settling review codings, team work, analysis and speaker corrections.

- ``!`` lists the codings to review after a replace; ``a`` keeps one in place, ``p`` then
  a selection and ``p`` again re-places it, ``x`` drops it.
- ``v`` cycles the coder view (all coders, one coder's codings, disagreements);
  ``ctrl+r`` takes a corrected version of the text from a file (codings move with it).
- ``o`` builds a CMOC from the codings here; ``R`` reviews suggestions; ``D`` settles
  disagreements.
- ``S`` corrects who speaks: another speaker for this turn, split the turn, merge or
  split a participant (the same store functions as ``cmo turns`` and
  ``cmo participants``). Everything here is undoable with ctrl+z.
"""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from ...core.domain import Coding
from ..state.analysis_data import codings_near
from ..state.session import Change
from . import transcript_dialogs as ask
from .transcript_coding import CodingScreen


class TranscriptScreen(CodingScreen):
    BINDINGS = [
        Binding("exclamation_mark", "review_codings", "Codings to review", show=False),
        Binding("a", "accept_review", "Accept the place of a review coding", show=False),
        Binding("p", "place_review", "Re-place a review coding", show=False),
        Binding("v", "cycle_coder_view", "Coder view", show=False),
        Binding("ctrl+r", "replace_transcript", "Replace with a corrected version", show=False),
        Binding("o", "build_cmoc", "CMOC from selection", show=False),
        Binding("R", "review_suggestions", "Review suggestions", show=False),
        Binding("D", "disagreements", "Disagreements", show=False),
        Binding("S", "correct_speaker", "Correct the speaker (relabel, split, merge)", show=False),
    ]

    # ---- codings to review after a replace ---------------------------------------------

    def action_accept_review(self) -> None:
        coding = self.session.review_here(*self.span)
        if coding is None:
            self.notify("No coding to review here (! lists them).", severity="warning")
        else:
            self.act(self.session.settle_review, coding, "accept")

    def action_place_review(self) -> None:
        if self.placing is None:
            coding = self.session.review_here(*self.span)
            if coding is None:
                self.notify("No coding to review here (! lists them).", severity="warning")
                return
            self.start_placing(coding)
            return
        coding, self.placing = self.placing, None
        self.act(self.session.settle_review, coding, "place", self.span)

    def start_placing(self, coding: Coding) -> None:
        self.placing = coding
        self.notify(f"Select the right text for {coding.code_id}, then press p again.")

    def action_review_codings(self) -> None:
        from ..dialogs.review_list import ReviewListDialog

        items = self.session.store.review.items(self.doc.transcript.id)
        if not items:
            self.notify("Nothing to review in this transcript.")
            return

        def chosen(answer: tuple[str, int] | None) -> None:
            coding = next((c for c in self.doc.codings if answer and c.id == answer[1]), None)
            if coding is None:
                return
            how = answer[0]
            self.view.select_span(coding.start, coding.end)
            if how == "place":
                self.start_placing(coding)
            elif how != "go":
                self.act(self.session.settle_review, coding, how)

        self.app.push_screen(ReviewListDialog(items), chosen)

    # ---- team: coder views, a corrected text -------------------------------------------

    def action_cycle_coder_view(self) -> None:
        self.act(self.session.cycle_view)
        self.show_title()

    def action_replace_transcript(self) -> None:
        from ..dialogs.replace_file import ReplaceFileDialog

        def replace(path: str | None) -> None:
            if path:
                self.replace_from(path.strip())

        self.app.push_screen(ReplaceFileDialog(), replace)

    def replace_from(self, path: str, force: bool = False) -> None:
        """Replace from ``path``; when it shares too little with this transcript, ask."""
        from ...store.repos.bulk_replace import TooDifferent

        def replace():
            try:
                return self.session.replace_from(path, force)
            except TooDifferent as refused:
                again = lambda: self.replace_from(path, force=True)  # noqa: E731
                ask.ask_replace_anyway(self.app, Path(path).name, refused, again)
                return Change()

        self.act(replace)

    # ---- analysis from here ------------------------------------------------------------

    def action_build_cmoc(self) -> None:
        """A CMOC from the codings under the selection (else its turn, else the turns
        around it)."""
        from ..dialogs.cmoc_builder import build_cmoc_from_codings

        codings = codings_near(self.doc.codings, self.doc.turns, *self.span)
        build_cmoc_from_codings(self.app, codings)

    def action_review_suggestions(self) -> None:
        from .review import ReviewScreen

        session = self.session
        self.app.push_screen(ReviewScreen(session.store, session.transcript_id, session.coder))

    def action_disagreements(self) -> None:
        from .disagreements import DisagreementsScreen

        session = self.session
        coders = session.coders()
        if len(coders) < 2:
            self.notify(
                f"Disagreements need two coders; this transcript has "
                f"{', '.join(coders) or 'no codings'}.",
                severity="warning",
            )
            return
        screen = DisagreementsScreen(
            session.store, session.transcript_id, coders, actor=session.coder
        )
        self.app.push_screen(screen)

    # ---- who speaks --------------------------------------------------------------------

    def action_correct_speaker(self) -> None:
        session = self.session
        start = self.view.selection.start
        turn = self.doc.turns[self.doc.turn_at(start)]
        if turn.index < 0:
            self.notify("This text is before the first turn: no speaker to correct.")
            return
        person = session.participant_of(turn)
        others = [p for p in session.participants() if person is None or p.id != person.id]

        def answered(answer: ask.SpeakerAnswer) -> None:
            what, value = answer
            if what == "relabel":
                self.act(session.relabel_turn, turn, value)
            elif what == "split-turn":
                self.act(session.split_turn, turn, start, value)
            elif what == "merge" and person is not None:
                self.act(session.merge_participant, person, value)
            elif what == "split" and person is not None:
                self.act(session.split_participant, person)

        ask.correct_speaker(self.app, turn, person, others, answered)
