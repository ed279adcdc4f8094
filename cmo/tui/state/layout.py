"""Wrapping a transcript into screen lines: a header line per turn, then its text.

Pure and fast (one regex pass over the text), so the view can lay out a
50,000-word transcript on every resize and render only the lines on screen.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .document import TranscriptDoc

HEADER, TEXT, BLANK = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Line:
    kind: int
    turn: int
    """Index into ``doc.turns``."""
    start: int
    end: int
    """Text offsets shown on this line (for a header: the turn's start)."""


class Layout:
    """The lines of a document at one width, and lookups between offsets and lines."""

    def __init__(
        self, doc: TranscriptDoc, width: int, visible: Callable[[int], bool] = lambda _: True
    ):
        self.width = max(10, width)
        self.lines: list[Line] = []
        self.turn_line: dict[int, int] = {}
        for index, turn in enumerate(doc.turns):
            if not visible(index):
                continue
            if self.lines:
                self.lines.append(Line(BLANK, index, turn.start, turn.start))
            self.turn_line[index] = len(self.lines)
            self.lines.append(Line(HEADER, index, turn.start, turn.start))
            for start, end in wrap(doc.text, turn.start, turn.end, self.width):
                self.lines.append(Line(TEXT, index, start, end))
        self._text_y = [y for y, line in enumerate(self.lines) if line.kind == TEXT]
        self._text_starts = [self.lines[y].start for y in self._text_y]

    def __len__(self) -> int:
        return len(self.lines)

    def line_of(self, offset: int) -> int:
        """The y of the text line that shows ``offset`` (the nearest shown line)."""
        if not self._text_y:
            return 0
        pos = max(0, bisect_right(self._text_starts, offset) - 1)
        return self._text_y[pos]

    def offset_at(self, y: int, column: int) -> int | None:
        """The text offset under a cell of the text area (None off the text)."""
        if not 0 <= y < len(self.lines):
            return None
        line = self.lines[y]
        if line.kind != TEXT:
            return line.start
        return min(line.start + max(0, column), line.end)


def wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]``: (start, end) per line, no trailing space.

    Line breaks in the text are kept; words longer than ``width`` are cut. One regex pass
    (a line is the longest run of at most ``width`` characters that starts and ends a
    word), so the loop over the words runs in C.
    """
    return [m.span() for m in _line_pattern(width).finditer(text, start, end)]


@lru_cache(maxsize=64)
def _line_pattern(width: int) -> re.Pattern:
    # '.' stops at a line break; a word too long for a line is cut at ``width``.
    return re.compile(rf"\S(?:.{{0,{width - 2}}}\S)?(?=\s|$)|\S{{{width}}}")
