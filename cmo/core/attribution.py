"""Who a coded fragment belongs to: the one rule every table, export and view uses.

A coding belongs to the participants whose turns it overlaps by at least one
character, leaving out interviewers and gespreksleiders: selecting the question
together with the answer (as is common in ATLAS.ti and MAXQDA) makes the fragment the
respondent's, never the interviewer's. A coding that overlaps only interviewer text,
or no turn at all, belongs to no participant and is not counted per participant.
A coding across the turns of two participants belongs to both.

The work is one sweep over the turns and the codings, both in text order: the first
turn a coding can touch only moves forward, so each coding costs the turns it covers,
never a scan of all turns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

RULE = (
    "Toeschrijving: een fragment hoort bij de deelnemers (geen interviewer of "
    "gespreksleider) van wie het beurten met minstens één teken overlapt; tekst van "
    "de interviewer of gespreksleider in het fragment maakt het niet van hen. Een "
    "fragment over de beurten van twee deelnemers telt bij beiden."
)
"""The rule in Dutch, as exports print it (a footnote, a note sheet)."""
RULE_EN = (
    "Attribution: a fragment belongs to the participants (not interviewers or "
    "gespreksleiders) whose turns it overlaps by at least one character; interviewer "
    "text inside it never makes it theirs. A fragment across two participants' turns "
    "counts for both."
)


class Attribution(NamedTuple):
    turn: int | None
    """Position (in the given turns) of the turn the fragment is shown in: the first
    participant turn it overlaps, else the first turn it overlaps, else None."""
    participants: tuple[int, ...]
    """Counted participants, in text order, each once."""


NOWHERE = Attribution(None, ())


def attribute(
    turns: Sequence[tuple[int, int, int | None]],
    codings: Iterable[tuple[int, int]],
    is_staff: Callable[[int], bool],
) -> list[Attribution]:
    """Attribute codings of one transcript.

    Args:
        turns: (start, end, participant id or None) per turn, ordered by start and not
            overlapping (as turns are stored).
        codings: (start, end) per coding, ordered by start.
        is_staff: Whether a participant id is an interviewer or gespreksleider.

    Returns:
        One ``Attribution`` per coding, in the order given.
    """
    n = len(turns)
    counted = [pid if pid is not None and not is_staff(pid) else None for _s, _e, pid in turns]
    # Most codings lie inside one turn: their answer is one shared object per turn.
    alone: list[Attribution | None] = [None] * n
    out: list[Attribution] = []
    append = out.append
    first = 0
    last_start = -1
    for start, end in codings:
        if start < last_start:
            raise ValueError("codings must be ordered by start")
        last_start = start
        while first < n and turns[first][1] <= start:
            first += 1
        if first == n or turns[first][0] >= end:
            append(NOWHERE)
            continue
        if first + 1 == n or turns[first + 1][0] >= end:
            known = alone[first]
            if known is None:
                c = counted[first]
                known = alone[first] = Attribution(first, () if c is None else (c,))
            append(known)
            continue
        shown = first
        people: list[int] = []
        i = first
        while i < n and turns[i][0] < end:
            c = counted[i]
            if c is not None and turns[i][1] > turns[i][0] and c not in people:
                if not people:
                    shown = i
                people.append(c)
            i += 1
        append(Attribution(shown, tuple(people)))
    return out
