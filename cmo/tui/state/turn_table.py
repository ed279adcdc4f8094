"""A transcript's turns as columns: a sequence of :class:`Turn` made on first use.

A million-word transcript has some 15,000 turns; the screen shows a handful. The starts,
ends and speakers are kept as plain columns (what finding a turn, the speaker filter and
the colours need); the rest of a turn's row is read (a block of turns at a time) and a
``Turn`` object made only when someone asks for that turn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from ...core.domain import Turn

START_FIELD = 6
"""Where the start is in a turn row (``end`` follows): the fields of :class:`Turn`."""
ROWS_AT_ONCE = 256
"""Turn rows read together when one of them is asked for."""

Rows = Callable[[int, int], Sequence[tuple]]
"""``rows(first, count)``: ``count`` stored turn rows from position ``first`` on."""


@dataclass(frozen=True)
class StoredTurns:
    """What the store gives of a transcript's turns: the columns (start, end, speaker)
    of every turn in text order, and ``rows`` to read whole rows with."""

    columns: Sequence[tuple]
    rows: Rows

    @classmethod
    def of_rows(cls, rows: Sequence[tuple]) -> StoredTurns:
        """Rows at hand (in :class:`Turn` field order)."""
        columns = [(r[START_FIELD], r[START_FIELD + 1], r[3]) for r in rows]
        return cls(columns, lambda first, count: rows[first : first + count])


class TurnTable(Sequence[Turn]):
    """Stored turns (their ``columns``: start, end and speaker per turn, in text order, and
    ``rows`` to read whole rows with) plus the unlabelled turns before and after them (a
    title, a preamble) that ``head`` and ``tail`` give."""

    def __init__(
        self,
        columns: Sequence[tuple],
        rows: Rows,
        head: Turn | None = None,
        tail: Turn | None = None,
    ):
        self._rows = rows
        self._head, self._tail = head, tail
        self._shift = 1 if head is not None else 0
        self._made: dict[int, Turn] = {}
        self.starts: list[int] = _framed(columns, 0, head, tail, "start")
        self.ends: list[int] = _framed(columns, 1, head, tail, "end")
        self.speakers: list[str | None] = _framed(columns, 2, head, tail, "speaker")

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
            self._read(position)
            made = self._made[position]
        return made

    def __iter__(self) -> Iterator[Turn]:
        if len(self._made) < len(self):
            self._read_all()
        return (self[i] for i in range(len(self)))

    def _read_all(self) -> None:
        """Make every turn, from one read of all the rows."""
        stored = len(self) - self._shift - (self._tail is not None)
        for offset, row in enumerate(self._rows(0, stored)):
            self._made.setdefault(offset + self._shift, Turn(*row))
        if self._head is not None:
            self._made[0] = self._head
        if self._tail is not None:
            self._made[len(self) - 1] = self._tail

    @property
    def numbers(self) -> list[int]:
        """Each turn's number (``Turn.index``; -1 for the unlabelled ones)."""
        return [turn.index for turn in self]

    def _read(self, position: int) -> None:
        """Make the turn at ``position`` and the others of its block."""
        if self._head is not None and position == 0:
            self._made[0] = self._head
            return
        if self._tail is not None and position == len(self) - 1:
            self._made[position] = self._tail
            return
        stored = position - self._shift
        first = stored - stored % ROWS_AT_ONCE
        for offset, row in enumerate(self._rows(first, ROWS_AT_ONCE)):
            self._made.setdefault(first + offset + self._shift, Turn(*row))


def _framed(columns: Sequence[tuple], field: int, head: Turn | None, tail: Turn | None, name):
    """One column, with the head's and the tail's value around it."""
    out = [getattr(head, name)] if head is not None else []
    out += [c[field] for c in columns]
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
