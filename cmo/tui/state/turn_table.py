"""A transcript's turns as columns: a sequence of :class:`Turn` made on first use.

A million-word transcript has some 15,000 turns; the screen shows a handful. The starts,
ends and speakers are kept as plain columns (what finding a turn, the speaker filter and
the colours need); a ``Turn`` object is made only when someone asks for that turn.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

from ...core.domain import Turn

START_FIELD = 6
"""Where the start is in a turn row (``end`` follows): the fields of :class:`Turn`."""


class TurnTable(Sequence[Turn]):
    """Stored turn rows (in :class:`Turn` field order) plus the unlabelled turns before
    and after them (a title, a preamble) that ``head`` and ``tail`` give; ``covered``
    once those have been looked for (by the document)."""

    def __init__(
        self,
        rows: Sequence[tuple],
        head: Turn | None = None,
        tail: Turn | None = None,
        covered: bool = False,
    ):
        self.rows = rows
        self.covered = covered
        self._head, self._tail = head, tail
        self._shift = 1 if head is not None else 0
        self._made: dict[int, Turn] = {}
        self.starts: list[int] = _framed(rows, START_FIELD, head, tail, "start")
        self.ends: list[int] = _framed(rows, START_FIELD + 1, head, tail, "end")
        self.speakers: list[str | None] = _framed(rows, 3, head, tail, "speaker")
        self.numbers: list[int] = _framed(rows, 2, head, tail, "index")
        """Each turn's number (``Turn.index``; -1 for the unlabelled ones)."""

    @classmethod
    def of(cls, turns: Sequence[Turn]) -> TurnTable:
        """A table of ready-made turns (tests, a rebuilt document)."""
        return cls([turn_row(t) for t in turns])

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, position: int) -> Turn: ...

    @overload
    def __getitem__(self, position: slice) -> list[Turn]: ...

    def __getitem__(self, position):
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        made = self._made.get(position)
        if made is None:
            made = self._made[position] = self._make(position)
        return made

    def __iter__(self) -> Iterator[Turn]:
        return (self[i] for i in range(len(self)))

    def _make(self, position: int) -> Turn:
        if self._head is not None and position == 0:
            return self._head
        if self._tail is not None and position == len(self) - 1:
            return self._tail
        return Turn(*self.rows[position - self._shift])


def _framed(rows: Sequence[tuple], field: int, head: Turn | None, tail: Turn | None, name: str):
    """One column of the rows, with the head's and the tail's value around it."""
    out = [getattr(head, name)] if head is not None else []
    out += [r[field] for r in rows]
    if tail is not None:
        out.append(getattr(tail, name))
    return out


def turn_row(turn: Turn) -> tuple:
    return (
        turn.id,
        turn.transcript_id,
        turn.index,
        turn.speaker,
        turn.participant_id,
        turn.timestamp,
        turn.start,
        turn.end,
    )
