"""Plain data for the analysis screens (CMOCs, candidates, review, disagreements).

No Textual here: the screens and the tests share these helpers. They only read; every
change goes through ``store.cmocs``, ``cmo.suggest.api`` or
``cmo.analysis.consensus``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...core.cmoc import Cmoc
from ...core.domain import Coding
from ...core.text import snippet

if TYPE_CHECKING:
    from ...store import Store

QUOTE_WIDTH = 90


@dataclass(frozen=True)
class EvidenceRow:
    """One evidence coding of a CMOC, with where it sits (for the table and for JumpTo)."""

    coding_id: int
    code_id: str
    casus: str
    transcript: str
    transcript_id: int
    speaker: str
    turn: int | None
    start: int
    end: int
    quote: str


def evidence_rows(
    store: Store, cmoc: Cmoc, width: int = QUOTE_WIDTH, corpus=None
) -> list[EvidenceRow]:
    """The evidence of ``cmoc`` in transcript order, with casus, speaker and a short quote.

    Args:
        corpus: A loaded ``Corpus`` to reuse (turns and texts are cached in it); None
            loads one.
    """
    if not cmoc.evidence:
        return []
    if corpus is None:
        from ..analysis.corpus import load_corpus

        corpus = load_corpus(store)
    placed = corpus.fragments_by_id(cmoc.evidence)
    corpus.load_texts({f.transcript_id for f in placed.values()})
    rows = []
    for f in placed.values():
        doc = corpus.docs[f.transcript_id]
        rows.append(
            EvidenceRow(
                coding_id=f.id,
                code_id=f.code_id,
                casus=corpus.casussen.get(doc.casus_id, ""),
                transcript=doc.name,
                transcript_id=f.transcript_id,
                speaker=corpus.speaker_of(f),
                turn=f.turn,
                start=f.start,
                end=f.end,
                quote=snippet(corpus.text(f.transcript_id), f.start, f.end, width),
            )
        )
    return sorted(rows, key=lambda r: (r.casus, r.transcript, r.start, r.coding_id))


def split_by_family(codings: list[Coding], families: dict[str, str]) -> dict[str, list[str]]:
    """The distinct C, M and O code ids of ``codings``, in order of first appearance.

    Args:
        codings: The codings a CMOC is built from.
        families: Code id → family ('C', 'M', 'O'); other families are left out.
    """
    out: dict[str, list[str]] = {"C": [], "M": [], "O": []}
    for coding in codings:
        family = families.get(coding.code_id)
        if family in out and coding.code_id not in out[family]:
            out[family].append(coding.code_id)
    return out


def codings_near(
    codings: list[Coding], turns, start: int, end: int, reach: int = 1
) -> list[Coding]:
    """The codings a CMOC is most likely built from, for a selection ``[start, end)``.

    The codings overlapping the selection; when there are none, those of the turn it lies
    in; when that turn has none either, those of the turn and ``reach`` turns either side.

    Args:
        codings: The transcript's codings.
        turns: The transcript's turns (objects with ``start`` and ``end``), in text order.
    """

    def over(lo: int, hi: int) -> list[Coding]:
        hi = max(hi, lo + 1)
        return sorted(
            (c for c in codings if c.start < hi and c.end > lo),
            key=lambda c: (c.start, c.end, c.id),
        )

    found = over(start, end)
    if found or not turns:
        return found
    here = max((i for i, t in enumerate(turns) if t.start <= start), default=0)
    found = over(turns[here].start, turns[here].end)
    if found:
        return found
    lo, hi = max(0, here - reach), min(len(turns) - 1, here + reach)
    return over(turns[lo].start, turns[hi].end)


CONTEXT = 280
"""Characters of text shown before and after a fragment under review."""


def in_context(text: str, start: int, end: int, around: int = CONTEXT) -> tuple[str, str, str]:
    """(before, fragment, after): the fragment with up to ``around`` characters either side,
    cut at a line break when there is one, so the question before an answer shows too."""
    lo = max(0, start - around)
    before = text[lo:start]
    if lo > 0 and "\n" in before:
        before = before[before.index("\n") + 1 :]
    after = text[end : end + around]
    if end + around < len(text) and "\n" in after:
        after = after[: after.rindex("\n")]
    return before, text[start:end], after
