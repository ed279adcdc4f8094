"""What one action of a transcript session altered, so the screen repaints only that."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.domain import Coding


@dataclass(frozen=True)
class Change:
    """What an action (or someone else's change) altered, for the screen to repaint."""

    codings: bool = False
    """The document's codings changed: repaint the text, margin and counts."""
    codes: bool = False
    """The codebook changed: colours, picker, number keys."""
    keys: bool = False
    """The number keys changed."""
    turns: bool = False
    """Who speaks changed (the document was rebuilt): lay the text out again."""
    reopen: bool = False
    """The text itself changed (a replace, or its undo): open the transcript afresh."""
    closed: bool = False
    """The transcript no longer exists (undo of its import)."""
    select: tuple[int, int] | None = None
    """A span to select (the coding just undone, placed, …)."""
    coding: Coding | None = None
    """The coding the action committed, if any."""
    message: str = ""
