"""Analysis keys of the transcript screen: build a CMOC, review suggestions, disagreements.

A mixin of :class:`~cmo.tui.screens.transcript.TranscriptScreen` (which provides
``store``, ``coder``, ``doc``, ``view`` and ``changed``), kept apart so the coding screen
stays small. ``ANALYSIS_BINDINGS`` go into the screen's ``BINDINGS``.
"""

from __future__ import annotations

from textual.binding import Binding

from .. import selection as sel_ops
from ..analysis_data import codings_near

ANALYSIS_BINDINGS = [
    Binding("o", "build_cmoc", "CMOC from selection", show=False),
    Binding("R", "review_suggestions", "Review suggestions", show=False),
    Binding("D", "disagreements", "Disagreements", show=False),
]


class TranscriptAnalysis:
    def action_build_cmoc(self) -> None:
        """A CMOC from the codings under the selection (else its turn, else the turns
        around it)."""
        from ..dialogs.cmoc_builder import build_cmoc_from_codings

        start, end = sel_ops.trimmed(self.doc, self.view.selection)
        codings = codings_near(self.doc.codings, self.doc.turns, start, end)
        build_cmoc_from_codings(self.app, codings)

    def action_review_suggestions(self) -> None:
        from .review import ReviewScreen

        screen = ReviewScreen(self.store, self.doc.transcript.id, self.coder)
        self.app.push_screen(screen, self._after_analysis)

    def action_disagreements(self) -> None:
        from .disagreements import DisagreementsScreen, coders_of

        coders = coders_of(self.store, self.doc.transcript.id)
        if len(coders) < 2:
            self.notify(
                f"Disagreements need two coders; this transcript has "
                f"{', '.join(coders) or 'no codings'}.",
                severity="warning",
            )
            return
        screen = DisagreementsScreen(self.store, self.doc.transcript.id, coders, actor=self.coder)
        self.app.push_screen(screen, self._after_analysis)

    def _after_analysis(self, _result=None) -> None:
        """Codings may have been added (accepted suggestions, consensus): show them."""
        self.doc.set_codings(self.visible_codings())
        self.view.refresh()
        self.changed()
