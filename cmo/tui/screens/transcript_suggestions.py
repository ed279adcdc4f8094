"""The suggestions side pane of the transcript screen.

A mixin of :class:`~cmo.tui.screens.transcript.TranscriptScreen` (which provides
``store``, ``coder``, ``doc``, ``view``, ``apply``, ``set_pane`` and ``pane_shown``).
Suggestions are shown apart from the codings; one is only written as a coding when the
researcher accepts it (alt+1…3), and that acceptance is fed back to the learner.
"""

from __future__ import annotations

from ...core.errors import CmoError
from .. import selection as sel_ops
from ..widgets.suggestion_pane import SuggestionPane


class TranscriptSuggestions:
    def suggest(self) -> None:
        start, end = sel_ops.trimmed(self.doc, self.view.selection)
        self.query_one(SuggestionPane).show_for(self.doc.text[start:end])

    def action_apply_suggestion(self, number: int) -> None:
        ranked = self.query_one(SuggestionPane).ranked
        if not self.pane_shown("suggestions") or number > len(ranked):
            self.notify("No suggestion there: press s to show suggestions.")
            return
        code_id, score = ranked[number - 1]
        start, end = sel_ops.trimmed(self.doc, self.view.selection)
        self.apply(code_id)
        self.feed_back_accept(start, end, code_id, score)

    def feed_back_accept(self, start: int, end: int, code_id: str, score: float) -> None:
        """Tell the learner this suggestion was accepted (the coding exists already, so
        record_feedback's own add_coding is a no-op)."""
        if end <= start:
            return
        from ...suggest.api import record_feedback

        try:
            record_feedback(
                self.store,
                self.doc.transcript.id,
                start,
                end,
                code_id,
                "accept",
                source="pane",
                score=score,
                coder=self.coder,
            )
        except CmoError as exc:
            self.notify(str(exc), severity="error")

    def action_toggle_suggestions(self) -> None:
        shown = not self.pane_shown("suggestions")
        self.set_pane("suggestions", shown)
        if shown:
            self.suggest()
