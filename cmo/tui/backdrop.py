"""The dimmed screen behind a dialog, drawn once per dialog instead of on every key.

A Textual modal screen with a translucent background draws the screen underneath,
tinted, each time it repaints as a whole: for a dialog over a 50,000-word transcript
that is the whole transcript screen composed, tinted and filtered again on every letter
typed in a search. What lies behind does not change while the dialog is open (the
transcript screen's poll waits until it is on top again), so the drawn lines are kept.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.strip import Strip

KEPT = 8
"""Drawn regions kept per dialog (a repaint asks for the whole screen or a few parts)."""


class StillBackdrop:
    """Mixin for a :class:`~textual.screen.ModalScreen` (put it first in the bases)."""

    _backdrop: dict[tuple, list[Strip]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        background = self.styles.background
        if background.a >= 1:
            return super().render_lines(crop)
        key = (crop, self.size, background, self.app.theme)
        if self._backdrop is None:
            self._backdrop = {}
        lines = self._backdrop.get(key)
        if lines is None:
            if len(self._backdrop) >= KEPT:
                self._backdrop.clear()
            lines = self._backdrop[key] = super().render_lines(crop)
        return lines
