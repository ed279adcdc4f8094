"""Consensus codings: what the coders agreed on after discussing a disagreement.

A consensus coding is an ordinary coding whose coder is ``consensus``. It is added
beside the coders' own codings (they stay, so agreement can still be measured), and
like every coding it is undoable and logged, under the name of the person who recorded
it (``actor``), so ``cmo log`` shows who entered each consensus.

Deciding a fragment also leaves a *decision* (a memo of kind ``consensus`` on the
fragment's span, with the outcome of the discussion), so a fragment where the team
decided that no code applies is settled too, and ``cmo disagreements`` can mark it.
Every function reports exactly what it wrote: the codings added, and apart from them
those that were already in the consensus.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..core.domain import Coding, Memo
from ..core.errors import InputError
from .coder_views import CONSENSUS, Disagreement, codings_by_coder
from .units import unit_spans

DECISION = "consensus"
"""The memo kind of a consensus decision on a fragment."""


class Recorded(list):
    """The consensus codings that were added (the list itself) and, in ``already``,
    those that were asked for but already in the consensus."""

    def __init__(self, added=(), already=()):
        super().__init__(added)
        self.already: list[Coding] = list(already)


def decision_key(transcript_id: int, start: int, end: int) -> str:
    return f"{transcript_id}:{start}-{end}"


def settle(store, fragment: Disagreement, outcome: str, actor: str = "") -> Memo:
    """Record that the team decided ``fragment`` (``outcome``: what they decided)."""
    key = decision_key(fragment.transcript_id, fragment.start, fragment.end)
    return store.memos.set(DECISION, key, outcome, author=actor or CONSENSUS)


def decisions(store, transcript_id: int) -> dict[tuple[int, int], Memo]:
    """The decided fragments of a transcript, by (start, end)."""
    prefix = f"{transcript_id}:"
    found = {}
    for memo in store.memos.all():
        if memo.target_kind == DECISION and memo.target_id.startswith(prefix):
            start, _, end = memo.target_id[len(prefix) :].partition("-")
            found[(int(start), int(end))] = memo
    return found


def outcome_text(recorded: Recorded, how: str, memo: str = "") -> str:
    codes = sorted({c.code_id for c in [*recorded, *recorded.already]})
    decided = ", ".join(codes) if codes else "no code applies"
    return f"{decided} ({how})" + (f": {memo}" if memo else "")


def record_consensus(
    store,
    transcript_id: int,
    start: int,
    end: int,
    code_ids: Sequence[str],
    decided_by: Sequence[str] = (),
    memo: str = "",
    actor: str = "",
) -> Recorded:
    """Code ``text[start:end]`` with each of ``code_ids`` as the consensus.

    Args:
        decided_by: the coders who agreed; noted in the coding's memo.
    """
    if not code_ids:
        raise InputError("--code", "name the consensus code(s), or take a coder's codes")
    note = memo or (f"consensus of {', '.join(decided_by)}" if decided_by else "")
    adder = _Adder(store, transcript_id, actor)
    for code in code_ids:
        adder.add(start, end, code, note)
    return adder.result()


def take_coder(
    store, fragment: Disagreement, coder: str, decided_by: Sequence[str] = (), actor: str = ""
) -> Recorded:
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
    adder = _Adder(store, fragment.transcript_id, actor)
    for c in overlapping:
        adder.add(c.start, c.end, c.code_id, note)
    return adder.result()


def accept_agreed(
    store, transcript_id: int, coders: Sequence[str], unit: str = "turn", actor: str = ""
) -> Recorded:
    """Copy into the consensus every code all ``coders`` applied to the same unit.

    The span copied is the first coder's coding of that code on that unit.
    """
    coders = list(dict.fromkeys(coders))
    t = store.transcripts.get(transcript_id)
    mine = codings_by_coder(store, t.id, coders)
    spans = unit_spans(t.text, [(u.start, u.end) for u in store.transcripts.turns(t.id)], unit)
    adder = _Adder(store, t.id, actor)
    note = f"consensus of {', '.join(coders)}: agreed"
    for start, end in spans:
        per = {c: {x.code_id for x in mine[c] if x.start < end and x.end > start} for c in coders}
        shared = set.intersection(*per.values())
        for code in sorted(shared):
            first = next(
                x for x in mine[coders[0]] if x.code_id == code and x.start < end and x.end > start
            )
            adder.add(first.start, first.end, code, note)
    return adder.result()


class _Adder:
    """Adds codings by coder 'consensus' (the change log names who recorded them),
    keeping apart those that were already there."""

    def __init__(self, store, transcript_id: int, actor: str):
        self.store, self.transcript_id, self.actor = store, transcript_id, actor or CONSENSUS
        self.existing = {
            c.id for c in store.codings.all(transcript_id=transcript_id, coder=CONSENSUS)
        }
        self.added: dict[int, Coding] = {}
        self.already: dict[int, Coding] = {}

    def add(self, start: int, end: int, code_id: str, memo: str) -> None:
        coding = self.store.codings.add(
            self.transcript_id, start, end, code_id, coder=CONSENSUS, memo=memo, actor=self.actor
        )
        if coding.id in self.existing:
            self.already[coding.id] = coding
        else:
            self.added[coding.id] = coding

    def result(self) -> Recorded:
        return Recorded(self.added.values(), self.already.values())
