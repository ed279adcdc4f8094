"""Wrapping a transcript into screen lines: a blank line between turns, a header line
per turn, then its text.

A million-word transcript has 90,000 screen lines; the screen shows 40. So a turn is
wrapped when it is first shown (or when a key needs one of its lines); until then its
height is estimated from its length. The turns' heights are summed per block of turns,
so finding the turn at a line and the line of a turn take a few list operations however
long the transcript is. A turn's estimate giving way to its real height moves only what
comes after it; :meth:`Layout.reveal` tells the view how far to scroll so that what is
on screen stays where it was. A transcript of up to ``EXACT_UP_TO`` characters is
wrapped whole at once, as it always was.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from .document import TranscriptDoc

HEADER, TEXT, BLANK = 0, 1, 2
EXACT_UP_TO = 100_000
"""Characters of text up to which every turn is wrapped when the layout is made."""
BLOCK = 256
"""Turns whose heights are summed together."""


@dataclass(frozen=True, slots=True)
class Line:
    kind: int
    turn: int
    """Index into ``doc.turns``."""
    start: int
    end: int
    """Text offsets shown on this line (for a header: the turn's start)."""


class Layout:
    """The lines of a document at one width, and lookups between offsets and lines.

    ``visible(turn index)`` leaves out the turns a speaker filter hides (None: all shown).
    """

    def __init__(
        self, doc: TranscriptDoc, width: int, visible: Callable[[int], bool] | None = None
    ):
        self.width = max(10, width)
        self.doc = doc
        turns = doc.turns
        self.shown: Sequence[int] = (
            range(len(turns)) if visible is None else [i for i in range(len(turns)) if visible(i)]
        )
        self.version = 0
        """Counts the changes of height (a turn wrapped whose height was estimated)."""
        self._wrapped: dict[int, list[tuple[int, int]]] = {}
        room = max(1, self.width - 4)  # a greedy wrap leaves part of a word's room empty
        starts, ends = turns.starts, turns.ends
        if visible is not None:
            starts, ends = [starts[i] for i in self.shown], [ends[i] for i in self.shown]
        # A blank line and a header, then the text's length over the room (rounded up).
        self._heights = [
            2 - (s - e) // room if e > s else 2 for s, e in zip(starts, ends, strict=True)
        ]
        if self._heights:
            self._heights[0] -= 1  # no blank line before the first turn
        self._block_sums = [
            sum(self._heights[b : b + BLOCK]) for b in range(0, len(self._heights), BLOCK)
        ]
        self._tops: list[int] | None = None
        if len(doc.text) <= EXACT_UP_TO:
            for p in range(len(self.shown)):
                self._wrap(p)

    # ---- heights --------------------------------------------------------------------

    def __len__(self) -> int:
        return self._block_tops()[-1]

    @property
    def lines(self) -> _Lines:
        """Every line, as a sequence (iterating wraps every turn)."""
        return _Lines(self)

    def _block_tops(self) -> list[int]:
        if self._tops is None:
            self._tops = list(accumulate(self._block_sums, initial=0))
        return self._tops

    def top(self, p: int) -> int:
        """The first line of the turn shown at position ``p``."""
        first = p - p % BLOCK
        return self._block_tops()[p // BLOCK] + sum(self._heights[first:p])

    def position_at(self, y: int) -> int:
        """The position (in ``shown``) of the turn showing line ``y`` (clamped)."""
        tops = self._block_tops()
        block = max(0, min(len(self._block_sums) - 1, bisect_right(tops, y) - 1))
        first = block * BLOCK
        ends = accumulate(self._heights[first : first + BLOCK], initial=tops[block])
        inside = bisect_right(list(ends), y) - 1
        return max(0, min(len(self.shown) - 1, first + inside))

    def _wrap(self, p: int) -> list[tuple[int, int]]:
        """The text lines of the turn at position ``p``, its height made exact."""
        found = self._wrapped.get(p)
        if found is None:
            turns = self.doc.turns
            i = self.shown[p]
            found = self._wrapped[p] = wrap(
                self.doc.text, turns.starts[i], turns.ends[i], self.width
            )
            height = (2 if p else 1) + len(found)
            change = height - self._heights[p]
            if change:
                self._heights[p] = height
                self._block_sums[p // BLOCK] += change
                self._tops = None
                self.version += 1
        return found

    def reveal(self, top: int, height: int) -> int:
        """Wrap the turns that show on lines ``[top, top + height)``; returns how far to
        scroll so that what shows on screen stays in place (when a turn that starts above
        ``top`` turned out taller or shorter than estimated)."""
        if not self.shown:
            return 0
        p = self.position_at(top)
        shift = 0
        if p not in self._wrapped and self.top(p) < top:
            # What follows this turn keeps its place on screen.
            before = self._heights[p]
            self._wrap(p)
            shift = max(self.top(p) - top, self._heights[p] - before)
        y = top + shift
        p = self.position_at(y)
        while p < len(self.shown) and self.top(p) < y + height:
            self._wrap(p)
            p += 1
        return shift

    # ---- lines ------------------------------------------------------------------------

    def line(self, y: int) -> Line | None:
        """Line ``y`` (None outside the layout)."""
        while 0 <= y < len(self):
            p = self.position_at(y)
            known = p in self._wrapped
            lines = self._wrap(p)
            if not known and not self.top(p) <= y < self.top(p) + self._heights[p]:
                continue  # the estimate was off: look again
            row = y - self.top(p)
            turn = self.shown[p]
            start = self.doc.turns.starts[turn]
            if p and row == 0:
                return Line(BLANK, turn, start, start)
            row -= 1 if p else 0
            if row == 0:
                return Line(HEADER, turn, start, start)
            return Line(TEXT, turn, *lines[row - 1])
        return None

    def line_of(self, offset: int) -> int:
        """The y of the text line that shows ``offset`` (the nearest shown line)."""
        p = bisect_right(self.shown, self.doc.turn_at(offset)) - 1
        while p >= 0:
            lines = self._wrap(p)
            row = bisect_right(lines, (offset, float("inf"))) - 1
            if row >= 0:
                return self.top(p) + (2 if p else 1) + row
            p -= 1
        for p in range(len(self.shown)):  # before every line: the first one
            if self._wrap(p):
                return self.top(p) + (2 if p else 1)
        return 0

    def offset_at(self, y: int, column: int) -> int | None:
        """The text offset under a cell of the text area (None off the text)."""
        line = self.line(y)
        if line is None:
            return None
        if line.kind != TEXT:
            return line.start
        return min(line.start + max(0, column), line.end)


class _Lines(Sequence[Line]):
    """A layout's lines as a sequence."""

    def __init__(self, layout: Layout):
        self.layout = layout

    def __len__(self) -> int:
        return len(self.layout)

    def __getitem__(self, y):  # noqa: ANN001 — an int (a slice is not needed)
        line = self.layout.line(y)
        if line is None:
            raise IndexError(y)
        return line

    def __iter__(self) -> Iterator[Line]:
        layout = self.layout
        for p in range(len(layout.shown)):
            layout._wrap(p)
        return (layout.line(y) for y in range(len(layout)))


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
