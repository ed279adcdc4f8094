"""Settling codings flagged for review after a replace, in the transcript screen.

A mixin of :class:`~cmo.tui.screens.transcript.TranscriptScreen` (which provides
``store``, ``coder``, ``doc``, ``view`` and ``changed``). ``REVIEW_BINDINGS`` go into the
screen's ``BINDINGS``. Review codings carry a ``!`` in the margin and the status line.

- ``!`` lists the codings to review in this transcript (what they said before the
  replace, where they were kept); enter goes there, ``a`` accepts, ``p`` re-places,
  ``x`` drops.
- ``a`` on a review coding: its place is right; it becomes an ordinary coding.
- ``p`` on a review coding, then select the right text and ``p`` again: it moves there.
- ``x`` (remove) drops it, as for any coding. All of these are undoable with ctrl+z.
"""

from __future__ import annotations

from textual.binding import Binding

from ...core.domain import Coding
from ...core.errors import CmoError

REVIEW_BINDINGS = [
    Binding("exclamation_mark", "review_codings", "Codings to review", show=False),
    Binding("a", "accept_review", "Accept the place of a review coding", show=False),
    Binding("p", "place_review", "Re-place a review coding", show=False),
]
REVIEW = "review"


class TranscriptReview:
    placing: Coding | None = None
    """The review coding waiting for its new place (after the first ``p``)."""

    def review_here(self) -> Coding | None:
        from .. import selection as sel_ops

        start, end = sel_ops.trimmed(self.doc, self.view.selection)
        here = [c for c in self.doc.codings_over(start, end) if c.status == REVIEW]
        return min(here, key=lambda c: c.end - c.start, default=None)

    def action_accept_review(self) -> None:
        coding = self.review_here()
        if coding is None:
            self.notify("No coding to review here (! lists them).", severity="warning")
            return
        self.settle_review(coding, "accept")

    def action_place_review(self) -> None:
        from .. import selection as sel_ops

        if self.placing is None:
            coding = self.review_here()
            if coding is None:
                self.notify("No coding to review here (! lists them).", severity="warning")
                return
            self.placing = coding
            self.notify(f"Select the right text for {coding.code_id}, then press p again.")
            return
        coding, self.placing = self.placing, None
        start, end = sel_ops.trimmed(self.doc, self.view.selection)
        if end <= start:
            self.notify("Select some text first.", severity="warning")
            return
        self.settle_review(coding, "place", (start, end))

    def settle_review(self, coding: Coding, how: str, span: tuple[int, int] | None = None) -> None:

        try:
            if how == "accept":
                settled = self.store.review.accept_place(coding.id, actor=self.coder)
            elif how == "place":
                settled = self.store.review.move_to(coding.id, *span, actor=self.coder)
            else:
                self.store.review.drop(coding.id, actor=self.coder)
                settled = None
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return
        if settled is None:
            self.doc.discard(coding.id)
        else:
            self.doc.add(settled)
            self.view.select_span(settled.start, settled.end)
        self.view.refresh()
        self.changed()
        done = {"accept": "kept in place", "place": "placed", "drop": "dropped"}[how]
        self.notify(f"{coding.code_id} {done} (ctrl+z to undo).")

    def action_review_codings(self) -> None:
        from ..dialogs.review_list import ReviewListDialog

        items = self.store.review.items(self.doc.transcript.id)
        if not items:
            self.notify("Nothing to review in this transcript.")
            return

        def chosen(answer: tuple[str, int] | None) -> None:
            if not answer:
                return
            how, coding_id = answer
            coding = next((c for c in self.doc.codings if c.id == coding_id), None)
            if coding is None:
                return
            self.view.select_span(coding.start, coding.end)
            if how == "go":
                return
            if how == "place":
                self.placing = coding
                self.notify(f"Select the right text for {coding.code_id}, then press p.")
                return
            self.settle_review(coding, how)

        self.app.push_screen(ReviewListDialog(items), chosen)
