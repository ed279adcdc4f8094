"""What the analyses count: a coded fragment placed in its transcript, turn and
participants, and the people and documents it refers to.

Who said a coded fragment: ``cmo.core.attribution`` decides, for every table (the
participants whose turns the coding overlaps, never an interviewer or gespreksleider).
Interviewer text still counts as fragments; it is only never a participant's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..core.attribution import RULE, attribute
from ..core.domain import Code
from ..core.speakers import STAFF_ROLES as LABEL_STAFF_ROLES
from ..core.speakers import is_interviewer

STAFF_ROLES = LABEL_STAFF_ROLES | {"onderzoeker", "moderator", "facilitator"}
ATTRIBUTION_RULE = RULE


@dataclass(frozen=True)
class Person:
    id: int
    casus_id: int
    label: str
    role: str
    pseudonym: str

    @property
    def name(self) -> str:
        """The name exports show: the pseudonym when one is set."""
        return self.pseudonym or self.label

    @property
    def is_staff(self) -> bool:
        return self.role.casefold() in STAFF_ROLES or is_interviewer(self.label.rsplit("/", 1)[-1])


@dataclass(frozen=True)
class Doc:
    id: int
    name: str
    casus_id: int
    kind: str
    word_count: int


class Fragment(NamedTuple):
    """One coding with where it sits: its turn (index) and participants.

    A named tuple rather than a dataclass: a project may hold 100,000 of them.
    """

    id: int
    transcript_id: int
    start: int
    end: int
    code_id: str
    turn: int | None
    """Index of the turn it is shown in (its first participant turn, else the first turn
    it overlaps), None when the coding lies outside every turn."""
    participant_id: int | None
    """The first of ``participants`` (None when it belongs to no participant)."""
    speaker: str | None
    """The speaker label of ``turn``."""
    participants: tuple[int, ...] = ()
    """Who it belongs to, by ``cmo.core.attribution`` (never interviewers)."""


def distinct(raw: list[tuple]) -> list[tuple]:
    """Drop a coding when the same span already has the same code (from another coder).

    ``raw`` is ordered by transcript and start, so duplicates are close together; the
    coding with the lowest id stays.
    """
    seen: set[tuple] = set()
    out = []
    current = None
    for row in raw:
        if row[1] != current:
            current = row[1]
            seen.clear()
        key = (row[2], row[3], row[4])
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def place(raw, docs, turns, is_staff):
    """Attach the turn and participants to each coding: one sweep per transcript over
    its turns and its codings (both in text order), by the attribution rule."""
    start_at = 0
    while start_at < len(raw):
        tid = raw[start_at][1]
        stop = start_at
        while stop < len(raw) and raw[stop][1] == tid:
            stop += 1
        rows_ = raw[start_at:stop]
        start_at = stop
        if tid not in docs:
            continue
        items = turns.get(tid, [])
        placed = attribute(
            [(t[1], t[2], t[3]) for t in items], [(r[2], r[3]) for r in rows_], is_staff
        )
        for (cid, _tid, start, end, code_id), (pos, people) in zip(rows_, placed, strict=True):
            if pos is None:
                yield Fragment(cid, tid, start, end, code_id, None, None, None, ())
            else:
                turn = items[pos]
                first = people[0] if people else None
                yield Fragment(cid, tid, start, end, code_id, turn[0], first, turn[4], people)


def cluster_of(code: Code, codes: dict[str, Code]) -> str:
    """A code's cluster, inherited from its parent (O3.1 → O3's cluster)."""
    seen: set[str] = set()
    while not code.cluster and code.parent and code.parent in codes and code.id not in seen:
        seen.add(code.id)
        code = codes[code.parent]
    return code.cluster
