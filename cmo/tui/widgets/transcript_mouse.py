"""The transcript view's mouse: a click selects a word, a double click the sentence, a
drag a range snapped to whole words (mixed into the view)."""

from __future__ import annotations

from textual import events

from ..state import selection as sel_ops
from ..state.selection import Selection


class MouseSelection:
    """Mixed into :class:`~.transcript_view.TranscriptView`."""

    _dragging = False

    def _offset_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset_capture(self)
        y = offset.y + self.scroll_offset.y
        return self.layout.offset_at(y, offset.x + self.scroll_offset.x - self.text_x)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        where = self._offset_at(event)
        if where is None:
            return
        self.focus()
        self._dragging = True
        self.capture_mouse()
        self.select(Selection(where, where), scroll=False)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self._dragging:
            return
        where = self._offset_at(event)
        if where is not None and where != self.selection.focus:
            self.select(Selection(self.selection.anchor, where), scroll=False)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if not self._dragging:
            return
        self._dragging = False
        self.release_mouse()
        where = self._offset_at(event)
        anchor = self.selection.anchor
        if where is None or where == anchor:
            # A click without a drag selects the word; a double click, the sentence (on_click:
            # only Click events know the click count, a MouseUp has no ``chain``).
            self.select(sel_ops.word_at(self.doc, anchor) or self.selection, scroll=False)
        else:
            self.select(sel_ops.snap_to_words(self.doc, Selection(anchor, where)), scroll=False)

    def on_click(self, event: events.Click) -> None:
        if event.chain > 1:
            pick = sel_ops.whole_sentence(self.doc, self.selection.start)
            self.select(pick or self.selection, scroll=False)
