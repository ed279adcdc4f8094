"""Which codes occur together: in the same turn, or on overlapping fragments."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from ..core.codebook import ordered
from .corpus import Corpus

UNITS = ("turn", "overlap")


@dataclass(frozen=True)
class CooccurrenceTable:
    """Symmetric code × code counts.

    With unit 'turn' a cell counts the turns holding both codes and the diagonal the
    turns holding the code. With unit 'overlap' a cell counts pairs of overlapping
    codings and the diagonal the codings of the code.
    """

    unit: str
    codes: list[str]
    labels: list[str]
    counts: list[list[int]]
    units: int
    """Turns with at least one coding (unit 'turn') or codings (unit 'overlap')."""

    def as_dict(self) -> dict:
        return {
            "unit": self.unit,
            "codes": self.codes,
            "labels": self.labels,
            "counts": self.counts,
            "units": self.units,
        }


def cooccurrence(
    corpus: Corpus, unit: str = "turn", family: str | None = None, casus_id: int | None = None
) -> CooccurrenceTable:
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}")
    wanted = {c for c, code in corpus.codes.items() if family is None or code.family == family}
    fragments = [
        f
        for f in corpus.fragments
        if f.code_id in wanted
        and (casus_id is None or corpus.docs[f.transcript_id].casus_id == casus_id)
    ]
    diagonal: Counter = Counter()
    pairs: Counter = Counter()
    if unit == "turn":
        by_turn: dict[tuple[int, int], set[str]] = defaultdict(set)
        for f in fragments:
            if f.turn is not None:
                by_turn[(f.transcript_id, f.turn)].add(f.code_id)
        for codes in by_turn.values():
            diagonal.update(codes)
            pairs.update(combinations(sorted(codes), 2))
        units = len(by_turn)
    else:
        units = len(fragments)
        diagonal.update(f.code_id for f in fragments)
        by_doc: dict[int, list] = defaultdict(list)
        for f in fragments:
            by_doc[f.transcript_id].append(f)
        for items in by_doc.values():
            items.sort(key=lambda f: f.start)
            active: list = []
            for f in items:
                active = [a for a in active if a.end > f.start]
                for a in active:
                    if a.code_id != f.code_id:
                        pairs[tuple(sorted((a.code_id, f.code_id)))] += 1
                active.append(f)
    present = set(diagonal)
    codes = [c.id for c in ordered(list(corpus.codes.values())) if c.id in present]
    counts = [
        [diagonal[a] if a == b else pairs.get(tuple(sorted((a, b))), 0) for b in codes]
        for a in codes
    ]
    return CooccurrenceTable(
        unit=unit,
        codes=codes,
        labels=[corpus.codes[c].name for c in codes],
        counts=counts,
        units=units,
    )
