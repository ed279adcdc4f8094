"""The codings of one transcript in text order, found by the span they overlap.

A transcript opened from the store reads its codings piece by piece, as the screen
asks for them (the codings starting in 8,000 characters of text at a time): a
transcript with 100,000 codings is on screen before they could all be read. Everything
that needs all of them at once (the next coding, a count) reads them all, once, and
from then on the index holds them in a list.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from ...core.domain import Coding

TEXT_ORDER = attrgetter("start", "end", "id")
CHUNK = 8192
"""Characters of text whose codings are read at a time."""


@dataclass(frozen=True)
class CodingSource:
    """Where a transcript's codings come from: the store's queries for it."""

    longest: Callable[[], int]
    """The length of the longest coding (0 without codings)."""
    starting_in: Callable[[int, int], list[Coding]]
    """The codings with ``low <= start < high``."""
    everything: Callable[[], list[Coding]]


class CodingIndex:
    def __init__(self, codings: list[Coding] | None = None, source: CodingSource | None = None):
        self._source = source
        self._chunks: dict[int, list[Coding]] = {}
        self._list: list[Coding] | None = None
        self._by_id: dict[int, Coding] | None = None
        if codings is not None or source is None:
            self.replace(codings or [])
        else:
            self._longest = source.longest()

    @property
    def everything(self) -> list[Coding]:
        """Every coding in text order (read from the store on first use)."""
        if self._list is None:
            assert self._source is not None
            self.replace(self._source.everything())
        assert self._list is not None
        return self._list

    def replace(self, codings: list[Coding]) -> None:
        self._list = sorted(codings, key=TEXT_ORDER)
        self._starts = [c.start for c in self._list]
        self._longest = max((c.end - c.start for c in self._list), default=0)
        self._by_id = None
        self._chunks.clear()

    def reset(self) -> None:
        """Forget what was read: the store is read again, piece by piece."""
        if self._source is None:
            return
        self._list, self._by_id = None, None
        self._chunks.clear()
        self._longest = self._source.longest()

    def add(self, coding: Coding) -> None:
        """Take in a coding just stored (or its new version, by id)."""
        self._longest = max(self._longest, coding.end - coding.start)
        if self._list is None:
            self._chunks.clear()  # the store has it: read the pieces again
            return
        self.discard(coding.id)
        key = TEXT_ORDER(coding)
        pos = bisect_left(self._starts, coding.start)
        while pos < len(self._list) and TEXT_ORDER(self._list[pos]) < key:
            pos += 1
        self._list.insert(pos, coding)
        self._starts.insert(pos, coding.start)
        self._ids()[coding.id] = coding

    def discard(self, coding_id: int) -> None:
        if self._list is None:
            self._chunks.clear()
            return
        old = self._ids().pop(coding_id, None)
        if old is None:
            return
        pos = bisect_left(self._starts, old.start)
        while self._list[pos].id != coding_id:
            pos += 1
        del self._list[pos], self._starts[pos]

    def _ids(self) -> dict[int, Coding]:
        if self._by_id is None:
            self._by_id = {c.id: c for c in self.everything}
        return self._by_id

    def over(self, start: int, end: int) -> list[Coding]:
        """Codings that overlap ``[start, end)`` (or touch ``start`` when it is empty), in
        text order."""
        end = max(end, start + 1)
        low = start - self._longest
        if self._list is not None:
            first = bisect_left(self._starts, low)
            last = bisect_left(self._starts, end)
            return [c for c in self._list[first:last] if c.end > start]
        found: list[Coding] = []
        for k in range(max(0, low) // CHUNK, (end - 1) // CHUNK + 1):
            found.extend(c for c in self._chunk(k) if c.end > start and c.start < end)
        return found

    def next_after(
        self, here: tuple[int, int], step: int, shown: Callable[[Coding], bool], text_length: int
    ) -> Coding | None:
        """The first coding after the span ``here`` in text order (``step`` 1), or the
        last before it (-1), that ``shown`` accepts; read piece by piece from ``here``
        on when not all codings are at hand."""
        if self._list is not None:
            codings = self._list
            if step > 0:
                order = range(bisect_right(codings, here, key=_span), len(codings))
            else:
                order = range(bisect_left(codings, here, key=_span) - 1, -1, -1)
            return next((codings[p] for p in order if shown(codings[p])), None)
        first = max(0, here[0]) // CHUNK
        chunks = range(first, text_length // CHUNK + 1) if step > 0 else range(first, -1, -1)
        for k in chunks:
            found = self._chunk(k) if step > 0 else reversed(self._chunk(k))
            for coding in found:
                if (_span(coding) > here if step > 0 else _span(coding) < here) and shown(coding):
                    return coding
        return None

    def _chunk(self, k: int) -> list[Coding]:
        found = self._chunks.get(k)
        if found is None:
            assert self._source is not None
            found = sorted(self._source.starting_in(k * CHUNK, (k + 1) * CHUNK), key=TEXT_ORDER)
            self._chunks[k] = found
        return found


def _span(coding: Coding) -> tuple[int, int]:
    return coding.start, coding.end
