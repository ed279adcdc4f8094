"""Consensus codings: what the coders agreed on after discussing a disagreement.

A consensus coding is an ordinary coding whose coder is ``consensus``. It is added
beside the coders' own codings (they stay, so agreement can still be measured), and
like every coding it is undoable and logged, under the name of the person who recorded
it (``actor``), so ``cmo log`` shows who entered each consensus.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..core.errors import InputError
from ..core.model import Coding
from .coder_views import CONSENSUS, Disagreement, codings_by_coder
from .units import unit_spans


def record_consensus(
    store,
    transcript_id: int,
    start: int,
    end: int,
    code_ids: Sequence[str],
    decided_by: Sequence[str] = (),
    memo: str = "",
    actor: str = "",
) -> list[Coding]:
    """Code ``text[start:end]`` with each of ``code_ids`` as the consensus.

    Args:
        decided_by: the coders who agreed; noted in the coding's memo.
    """
    if not code_ids:
        raise InputError("--code", "name the consensus code(s), or take a coder's codes")
    note = memo or (f"consensus of {', '.join(decided_by)}" if decided_by else "")
    return [
        _add(store, transcript_id, start, end, code, actor=actor, memo=note) for code in code_ids
    ]


def take_coder(
    store, fragment: Disagreement, coder: str, decided_by: Sequence[str] = (), actor: str = ""
) -> list[Coding]:
    """Make ``coder``'s codings that overlap ``fragment`` the consensus, with their spans.

    When the coder applied nothing there, the consensus is that nothing applies: no
    coding is added.
    """
    theirs = codings_by_coder(store, fragment.transcript_id, [coder])[coder]
    overlapping = [c for c in theirs if c.start < fragment.end and c.end > fragment.start]
    note = (
        f"consensus of {', '.join(decided_by)}: as {coder}"
        if decided_by
        else f"consensus: as {coder}"
    )
    return [
        _add(store, c.transcript_id, c.start, c.end, c.code_id, actor=actor, memo=note)
        for c in overlapping
    ]


def accept_agreed(
    store, transcript_id: int, coders: Sequence[str], unit: str = "turn", actor: str = ""
) -> list[Coding]:
    """Copy into the consensus every code all ``coders`` applied to the same unit.

    The span copied is the first coder's coding of that code on that unit.
    """
    coders = list(dict.fromkeys(coders))
    t = store.transcript(transcript_id)
    mine = codings_by_coder(store, t.id, coders)
    spans = unit_spans(t.text, [(u.start, u.end) for u in store.turns(t.id)], unit)
    added: list[Coding] = []
    note = f"consensus of {', '.join(coders)}: agreed"
    for start, end in spans:
        per = {c: {x.code_id for x in mine[c] if x.start < end and x.end > start} for c in coders}
        shared = set.intersection(*per.values())
        for code in sorted(shared):
            first = next(
                x for x in mine[coders[0]] if x.code_id == code and x.start < end and x.end > start
            )
            added.append(_add(store, t.id, first.start, first.end, code, actor=actor, memo=note))
    return list({c.id: c for c in added}.values())


def _add(
    store, transcript_id: int, start: int, end: int, code_id: str, actor: str = "", memo: str = ""
) -> Coding:
    """A coding by coder 'consensus'; the change log names who recorded it."""
    return store.add_coding(
        transcript_id, start, end, code_id, coder=CONSENSUS, memo=memo, actor=actor or CONSENSUS
    )
