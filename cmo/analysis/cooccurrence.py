"""Which codes occur together: in the same turn, or on overlapping fragments.

Within one coder by default: joost's O3 overlapping sanne's O3.6 says nothing about
how O3 and O3.6 go together, only that two people read the fragment differently
(that is agreement's business). With several coders each coder's codings are counted
on their own and the counts added up; ``pool=True`` counts every coded fragment once,
whoever coded it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations, groupby
from operator import itemgetter

from ..core.bulk import without_gc
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
    """Turns with at least one coding (unit 'turn') or codings (unit 'overlap');
    per coder, a turn two coders coded counts twice."""
    coders: str = "per coder"
    """Which codings: 'per coder', 'pooled' (every coder together) or 'coder NAME'."""

    @property
    def coders_label(self) -> str:
        """The coder filter in the words of the tables and the heatmap."""
        if self.coders == "pooled":
            return "alle codeurs samen"
        if self.coders.startswith("coder "):
            return f"codeur {self.coders.removeprefix('coder ')}"
        return "per codeur"

    def as_dict(self) -> dict:
        return {
            "coders": self.coders,
            "unit": self.unit,
            "codes": self.codes,
            "labels": self.labels,
            "counts": self.counts,
            "units": self.units,
        }


@without_gc
def cooccurrence(
    corpus: Corpus,
    unit: str = "turn",
    family: str | None = None,
    casus_id: int | None = None,
    pool: bool = False,
) -> CooccurrenceTable:
    """Code × code counts, within one coder unless ``pool`` (see the module docstring).

    A corpus loaded for one coder (``load_corpus(store, coder=...)``) counts that coder.
    One pass over the codings in text order: linear but for the pairs themselves.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}")
    wanted = {c for c, code in corpus.codes.items() if family is None or code.family == family}
    diagonal: Counter = Counter()
    pairs: Counter = Counter()
    if corpus.coder is not None:
        coders = f"coder {corpus.coder}"
    else:
        coders = "pooled" if pool else "per coder"
    if unit == "turn":
        # Which codes share a turn needs only each coding's turn: placed straight from
        # the rows, without a Fragment per coding. Two coders' identical codings fall in
        # one set, so pooling needs no de-duplication here.
        by_turn = _codes_per_turn(corpus, wanted, casus_id, per_coder=coders == "per coder")
        every: list[str] = []
        together: list[tuple[str, str]] = []
        for codes in by_turn:
            every.extend(codes)
            if len(codes) > 1:
                together.extend(combinations(sorted(codes), 2))
        # Counted once each, in C, rather than one Counter.update per turn.
        diagonal, pairs = Counter(every), Counter(together)
        return _table(corpus, unit, diagonal, pairs, len(by_turn), coders)
    if corpus.coder is not None or pool:
        tagged = [("", f) for f in corpus.fragments]
    else:
        tagged = corpus.fragments_by_coder()
    docs = corpus.docs
    tagged = [
        (who, f)
        for who, f in tagged
        if f.code_id in wanted and (casus_id is None or docs[f.transcript_id].casus_id == casus_id)
    ]
    units = len(tagged)
    diagonal.update(f.code_id for _who, f in tagged)
    by_doc: dict[tuple, list] = defaultdict(list)
    for who, f in tagged:
        by_doc[(who, f.transcript_id)].append(f)
    for items in by_doc.values():
        items.sort(key=lambda f: f.start)
        active: list = []
        for f in items:
            # Only the fragments still open at this start; ends are checked lazily.
            active = [a for a in active if a.end > f.start]
            for a in active:
                if a.code_id != f.code_id:
                    pairs[
                        (a.code_id, f.code_id) if a.code_id < f.code_id else (f.code_id, a.code_id)
                    ] += 1
            active.append(f)
    return _table(corpus, unit, diagonal, pairs, units, coders)


def _codes_per_turn(
    corpus: Corpus, wanted: set[str], casus_id: int | None, per_coder: bool
) -> list[set[str]]:
    """Per unit (a turn, per coder unless pooled) the codes of the codings shown in it.

    The turn a coding is shown in, by the attribution rule (``cmo.core.attribution``),
    found in one sweep per transcript as ``attribute`` does; the usual coding, inside
    one turn, costs a comparison or two and no object.
    """
    docs, staff = corpus.docs, corpus.staff
    bounds: dict[int, list[tuple[int, int, int | None]]] = {}
    for tid, start, end, pid in corpus.turn_bounds():
        bounds.setdefault(tid, []).append((start, end, None if pid in staff else pid))
    by_turn: list[set[str]] = []
    for tid, rows in groupby(corpus.spans(), key=itemgetter(0)):
        doc = docs.get(tid)
        if doc is None or (casus_id is not None and doc.casus_id != casus_id):
            continue
        turns = bounds.get(tid, [])
        n, first = len(turns), 0
        # One transcript's units at a time: a small table, whatever the project's size.
        units: dict[tuple, set[str]] = defaultdict(set)
        for _tid, start, end, code_id, coder in rows:
            if code_id not in wanted:
                continue
            while first < n and turns[first][1] <= start:
                first += 1
            if first == n or turns[first][0] >= end:
                continue  # outside every turn
            shown = first
            if first + 1 < n and turns[first + 1][0] < end:  # across turns: the rule
                i = first
                while i < n and turns[i][0] < end:
                    if turns[i][2] is not None and turns[i][1] > turns[i][0]:
                        shown = i
                        break
                    i += 1
            units[(coder if per_coder else "", shown)].add(code_id)
        by_turn.extend(units.values())
    return by_turn


def _table(corpus: Corpus, unit: str, diagonal: Counter, pairs: Counter, units: int, coders):
    present = set(diagonal)
    codes = [c.id for c in ordered(list(corpus.codes.values())) if c.id in present]
    counts = [
        [diagonal[a] if a == b else pairs.get((a, b) if a < b else (b, a), 0) for b in codes]
        for a in codes
    ]
    return CooccurrenceTable(
        unit=unit,
        codes=codes,
        labels=[corpus.codes[c].name for c in codes],
        counts=counts,
        units=units,
        coders=coders,
    )
