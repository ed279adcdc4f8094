"""Sentences and words found piece by piece: the text units of a transcript, found where
the researcher is rather than over the whole transcript.

A million-word transcript has 100,000 sentences and a million words; finding them all
before the first paint took most of a second. :class:`Spans` finds them one chunk at a
time (a turn's sentences, the words of 8,000 characters) on first use and answers the
questions the selection keys ask: the first unit starting or ending after an offset, the
last one before it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator

Span = tuple[int, int]
START, END = 0, 1


class Spans:
    """Sorted, non-overlapping spans, grouped in ``count`` chunks in text order.

    ``find(k)`` gives the spans of chunk ``k``; ``chunk_of(offset)`` the chunk an offset
    lies in. A span never crosses from one chunk into the next, so a search looks at the
    chunk of the offset and walks on from there (one chunk back, for a span of the
    chunk before that ends exactly where the next chunk starts).
    """

    def __init__(
        self, count: int, find: Callable[[int], list[Span]], chunk_of: Callable[[int], int]
    ):
        self.count = count
        self._find = find
        self._chunk_of = chunk_of
        self._chunks: dict[int, tuple[list[Span], list[int], list[int]]] = {}

    def chunk(self, k: int) -> tuple[list[Span], list[int], list[int]]:
        """The spans of chunk ``k``, with their starts and their ends."""
        found = self._chunks.get(k)
        if found is None:
            spans = self._find(k)
            found = self._chunks[k] = (spans, [s for s, _ in spans], [e for _, e in spans])
        return found

    def first(self, offset: int, side: int = START, strict: bool = False) -> Span | None:
        """The first span whose start (``side`` START) or end (END) is at or after
        ``offset`` (after it, when ``strict``)."""
        search = bisect_right if strict else bisect_left
        for k in range(max(0, self._chunk_of(offset) - 1), self.count):
            spans, *keys = self.chunk(k)
            pos = search(keys[side], offset)
            if pos < len(spans):
                return spans[pos]
        return None

    def last(self, offset: int, side: int = START, strict: bool = False) -> Span | None:
        """The last span whose start (or end) is at or before ``offset`` (before it, when
        ``strict``)."""
        search = bisect_left if strict else bisect_right
        for k in range(min(self.count - 1, self._chunk_of(offset) + 1), -1, -1):
            spans, *keys = self.chunk(k)
            pos = search(keys[side], offset) - 1
            if pos >= 0:
                return spans[pos]
        return None

    def bound(self, offset: int, side: int, step: int) -> int | None:
        """The nearest start (or end) after ``offset`` (``step`` 1) or before it (-1)."""
        span = self.first(offset, side, True) if step > 0 else self.last(offset, side, True)
        return None if span is None else span[side]

    def __iter__(self) -> Iterator[Span]:
        for k in range(self.count):
            yield from self.chunk(k)[0]


class SortedSpans(Spans):
    """Spans already at hand as two sorted lists (the turns): one chunk."""

    def __init__(self, starts: list[int], ends: list[int]):
        super().__init__(1, lambda _: list(zip(starts, ends, strict=True)), lambda _: 0)
        self._chunks[0] = (_Pairs(starts, ends), starts, ends)


class _Pairs:
    """(start, end) pairs over two lists, without building the list of pairs."""

    def __init__(self, starts: list[int], ends: list[int]):
        self.starts, self.ends = starts, ends

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, pos: int) -> Span:
        return self.starts[pos], self.ends[pos]

    def __iter__(self) -> Iterator[Span]:
        return zip(self.starts, self.ends, strict=True)


def text_chunks(text: str, size: int) -> tuple[int, Callable[[int], int], Callable[[int], int]]:
    """Chunk bounds for words: chunk ``k`` starts at ``k * size`` moved back to just after
    white space, so that no word is cut. Returns the number of chunks, the function giving
    chunk ``k``'s start and the one giving the chunk an offset lies in."""
    count = len(text) // size + 1

    def start_of(k: int) -> int:
        at = min(len(text), k * size)
        while at > 0 and not text[at - 1].isspace():
            at -= 1
        return at

    def chunk_of(offset: int) -> int:
        k = min(count - 1, max(0, offset) // size)
        while k + 1 < count and start_of(k + 1) <= offset:
            k += 1
        return k

    return count, start_of, chunk_of
