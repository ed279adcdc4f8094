"""Which codes occur together: in the same turn, or on overlapping fragments.

Within one coder by default: joost's O3 overlapping sanne's O3.6 says nothing about
how O3 and O3.6 go together, only that two people read the fragment differently
(that is agreement's business). With several coders each coder's codings are counted
on their own and the counts added up; ``pool=True`` counts every coded fragment once,
whoever coded it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from ..core.bulk import without_gc
from ..core.codebook import ordered
from .code_masks import CodeBits, count_masks, join_change, mask_counts, parted
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
    code_filter = (
        None
        if family is None
        else sorted(c for c, code in corpus.codes.items() if code.family == family)
    )
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
        diagonal, pairs, units = _turn_counts(
            corpus, code_filter, casus_id, per_coder=coders == "per coder"
        )
        return _table(corpus, unit, diagonal, pairs, units, coders)
    # Overlap needs no turns: the spans straight from the covering index, each coder's
    # on their own (offsets packed with the transcript, so texts never overlap).
    per_coder = coders == "per coder"
    rows = corpus.packed_spans(per_coder, code_filter, _transcripts(corpus, casus_id))
    if not per_coder:
        rows = _distinct_spans(rows)
    diagonal.update(map(itemgetter(2), rows))
    by_coder: dict[str, list] = defaultdict(list)
    for row in rows:
        by_coder[row[3]].append(row)
    for items in by_coder.values():
        active: list = []
        for row in items:
            start, code = row[0], row[2]
            # Only the spans still open at this start; ends are checked lazily.
            active = [a for a in active if a[1] > start]
            for a in active:
                other = a[2]
                if other != code:
                    pairs[(other, code) if other < code else (code, other)] += 1
            active.append(row)
    return _table(corpus, unit, diagonal, pairs, len(rows), coders)


def _transcripts(corpus: Corpus, casus_id: int | None) -> list[int] | None:
    """The transcripts counted: the corpus's (of ``casus_id``, if given); None for all."""
    docs = corpus.docs
    if casus_id is None and len(docs) >= corpus.transcript_count():
        return None  # every transcript: no filter to check
    return sorted(t for t, doc in docs.items() if casus_id is None or doc.casus_id == casus_id)


def _distinct_spans(rows: list[tuple]) -> list[tuple]:
    """Each coded span once per code (as ``Corpus.fragments``: the coding with the lowest
    id stays, whoever else applied the same code to the same span)."""
    seen: set[tuple] = set()
    out = []
    for row in rows:
        key = row[:3]
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def _turn_counts(
    corpus: Corpus, codes: list[str] | None, casus_id: int | None, per_coder: bool
) -> tuple[Counter, Counter, int]:
    """(diagonal, pairs, units) per turn: how many units (turns, per coder unless pooled)
    hold each code and each pair of codes, counting the codings shown in them: only these
    ``codes`` (None: every code) and the transcripts of the corpus (of ``casus_id``).

    On a large project the codings before a cut at about half of the turns (one long
    transcript is cut too) are placed by a forked helper (``cmo.core.forked``) on a
    connection of its own, the rest here, in the same turns; a unit the two share (a
    coding across the cut) is joined from both. They must also come from one state of the
    project: when anyone committed while the two were read (``data_version`` changed), or
    the helper failed, everything is counted again here in one read transaction.
    """
    transcripts = _transcripts(corpus, casus_id)
    # The codebook's codes in a fixed order, the same in a helper process.
    bit = CodeBits({code: 1 << i for i, code in enumerate(sorted(corpus.codes))})
    before = corpus.data_version() if corpus.helped(transcripts, HELPER_FROM_WORDS) else None
    turns = _sweep_turns(corpus, transcripts)
    cut = _cut(turns) if before is not None else None
    if cut is None:
        units = _units(corpus, codes, transcripts, per_coder, bit, turns)
        return mask_counts(count_masks(units), bit)
    from ..core.forked import Helper

    position, middle = cut

    def first_part() -> tuple:  # plain dicts: what marshal carries
        own = corpus.on_own_connection()
        units = _units(own, codes, transcripts, per_coder, bit, turns, (None, position))
        alone, shared = parted(units, middle)
        diagonal, pairs, n = mask_counts(alone, bit)
        # The helper usually finishes first: it also counts what the table's footnote
        # needs (a scan of every coding), which this process would do afterwards.
        return dict(diagonal), dict(pairs), n, shared, own.awaiting_review()

    helper = Helper(first_part)
    try:
        units = _units(corpus, codes, transcripts, per_coder, bit, turns, (position, None))
        diagonal, pairs, n = mask_counts(count_masks(units), bit)  # while the helper works
    except BaseException:
        helper.cancel()
        raise
    other = helper.result()
    if other is None or corpus.data_version() != before:
        with corpus.snapshot():
            turns = _sweep_turns(corpus, transcripts)
            units = _units(corpus, codes, transcripts, per_coder, bit, turns)
            return mask_counts(count_masks(units), bit)
    corpus.awaiting_counted_elsewhere(other[4])
    # A unit the helper's part shares with this one counts once, with the codes of both.
    more_diagonal, more_pairs, more = mask_counts(join_change(units, other[3]), bit)
    diagonal.update(other[0])
    diagonal.update(more_diagonal)
    pairs.update(other[1])
    pairs.update(more_pairs)
    return diagonal, pairs, n + other[2] + more


HELPER_FROM_WORDS = 200_000
"""Below this many words a forked helper (a few milliseconds) costs more than it saves."""


HELPERS_SHARE = 0.45
"""The helper's part of the turns: a little less than half, as it starts later and also
takes apart its combinations of codes (this process does its own while it waits)."""


def _cut(turns: tuple) -> tuple[int, int] | None:
    """(start, index) of the turn the codings are parted at (``HELPERS_SHARE`` of the
    turns before it): those starting before it go to a helper, the rest stay here. None
    when there is no such turn, or when a turn before it reaches past its start (then a
    part's sweep could place a coding elsewhere than one sweep of everything would).

    A coding from the start of that turn on is shown in it or a later one, so the units
    before it are the helper's alone, and only later ones can be shared."""
    starts, ends = turns[0][:-1], turns[1][:-1]  # without the sentinel
    middle = int(len(starts) * HELPERS_SHARE)
    if not middle or max(ends[:middle]) > starts[middle]:
        return None
    return starts[middle], middle


def _sweep_turns(corpus: Corpus, transcripts) -> tuple:
    """(starts, ends, participants, staff) of the turns in text order (``packed_turns``),
    with a sentinel turn past every position that ends the sweep's loops without a length
    check."""
    starts, ends, people = corpus.packed_turns(transcripts)
    return ((*starts, _BEYOND), (*ends, _BEYOND), people, corpus.staff)


def _units(
    corpus: Corpus,
    codes: list[str] | None,
    transcripts,
    per_coder: bool,
    bit: dict,
    turns: tuple,
    within: tuple = (None, None),
) -> dict[str, dict[int, int]]:
    """Coder ('' when pooled) → turn → the OR of the ``bit`` of the codes shown in it, of
    the codings starting ``within`` (see ``Corpus.packed_spans``).

    Per coder, each coder's codings are swept on their own (a unit is one coder's
    turn, so it is keyed by its turn alone). With a few coders each one's are read in a
    query of their own, without a coder column to make objects of; every query scans the
    whole index, so with more coders they are read at once and split here.
    """
    if not per_coder:
        return {
            "": _turn_masks(turns, corpus.packed_spans_of(None, codes, transcripts, within), bit)
        }
    coders = corpus.coders()  # one without codings here has no units
    if len(coders) <= QUERY_PER_CODER_UP_TO:
        return {
            c: _turn_masks(turns, corpus.packed_spans_of(c, codes, transcripts, within), bit)
            for c in coders
        }
    by_coder: dict[str, list] = {}
    for row in corpus.packed_spans(True, codes, transcripts, within):
        by_coder.setdefault(row[3], []).append(row[:3])
    return {c: _turn_masks(turns, rows, bit) for c, rows in by_coder.items()}


QUERY_PER_CODER_UP_TO = 3
"""Up to this many coders a query per coder (an index scan each) costs less than reading
the coder of every coding."""


def _turn_masks(turns: tuple, rows: Iterable[tuple], bit: dict) -> dict[int, int]:
    """Turn → the OR of the ``bit`` of the codes of ``rows`` (start, end, code) shown in it.

    The turn a coding is shown in, by the attribution rule (``cmo.core.attribution``),
    is found in one sweep over the turns and codings in text order, their offsets packed
    with the transcript (``Corpus.packed_turns``), the rows in the order of the covering
    index (no sort). The usual coding, inside one turn, costs a comparison or two.
    """
    starts, ends, people, staff = turns
    units: dict[int, int] = {}
    get = units.get
    first = 0
    for start, end, code_id in rows:
        while ends[first] <= start:
            first += 1
        if starts[first] >= end:
            continue  # outside every turn
        shown = first
        if starts[first + 1] < end:  # across turns: the first participant turn it overlaps
            i = first
            while starts[i] < end:
                pid = people[i]
                if pid is not None and pid not in staff and ends[i] > starts[i]:
                    shown = i
                    break
                i += 1
        units[shown] = get(shown, 0) | bit[code_id]
    return units


_BEYOND = float("inf")


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
