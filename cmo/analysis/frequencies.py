"""Code frequencies across groups (casus, participant, role, transcript kind).

The table holds counts, normalised rates and Haberman's adjusted standardised
residuals of the code × group contingency table. A residual beyond ±2 marks a cell
that is clearly more (or less) frequent than if codes were spread evenly over the
groups. It is descriptive: codings of one participant are not independent
observations, so we give χ², its degrees of freedom and Cramér's V, but no p-value.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from ..core.codebook import ordered
from ..core.domain import KINDS
from ..core.text import count_words
from .corpus import Corpus
from .fragments import ATTRIBUTION_RULE

BY = ("casus", "participant", "role", "kind")
PER = ("fragments", "1000-words", "participants")
BY_LABELS = {
    "casus": "casus",
    "participant": "deelnemer",
    "role": "rol",
    "kind": "soort transcript",
}
UNITS = {
    "fragments": "% van de fragmenten in de groep",
    "1000-words": "per 1.000 woorden",
    "participants": "per deelnemer",
}


CLEAR_RESIDUAL = 2.0
"""|adjusted residual| from which a cell clearly stands out (shown red when more than
expected, blue when less, in the CLI, the PNG and the workbench alike)."""


@dataclass(frozen=True)
class FrequencyTable:
    """Code (rows) × group (columns): plain data for the CLI, the exports and the TUI."""

    by: str
    per: str
    family: str | None
    rows: list[str]
    row_labels: list[str]
    cols: list[str]
    counts: list[list[int]]
    denominators: list[float]
    """Per column: its fragments, words or participants (what the rates divide by)."""
    rates: list[list[float | None]]
    expected: list[list[float]]
    residuals: list[list[float | None]]
    chi2: float | None
    df: int
    cramers_v: float | None
    small_expected: int
    """How many cells have an expected count below 5 (residuals there are rough)."""
    notes: list[str] = field(default_factory=list)

    @property
    def unit(self) -> str:
        return UNITS[self.per]

    @property
    def by_label(self) -> str:
        """The grouping in Dutch, for titles."""
        return BY_LABELS[self.by]

    @property
    def row_totals(self) -> list[int]:
        return [sum(r) for r in self.counts]

    @property
    def col_totals(self) -> list[int]:
        return [sum(col) for col in zip(*self.counts, strict=True)] if self.counts else []

    @property
    def total(self) -> int:
        return sum(self.row_totals)

    def as_dict(self) -> dict:
        return {
            "by": self.by,
            "per": self.per,
            "unit": self.unit,
            "family": self.family,
            "codes": self.rows,
            "labels": self.row_labels,
            "groups": self.cols,
            "counts": self.counts,
            "denominators": self.denominators,
            "rates": self.rates,
            "expected": self.expected,
            "residuals": self.residuals,
            "chi2": self.chi2,
            "df": self.df,
            "cramers_v": self.cramers_v,
            "small_expected": self.small_expected,
            "notes": self.notes,
        }


def frequency_table(
    corpus: Corpus, by: str = "casus", family: str | None = None, per: str = "fragments"
) -> FrequencyTable:
    """Count codings per code and group, with rates per ``per`` and adjusted residuals.

    Args:
        corpus: The loaded project (see ``load_corpus``).
        by: 'casus', 'participant', 'role' or 'kind' (transcript kind).
        family: Only codes of this family ('C', 'M' or 'O'); None for all.
        per: 'fragments' (share of the group's codings, in %), '1000-words' or 'participants'.
    """
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}")
    if per not in PER:
        raise ValueError(f"per must be one of {', '.join(PER)}")
    notes: list[str] = []
    key_of, label_of, order = _grouping(corpus, by)
    cells: Counter = Counter()
    left_out = 0
    wanted = {c for c, code in corpus.codes.items() if family is None or code.family == family}
    if by in ("casus", "kind"):
        # Counts per transcript from one GROUP BY: no need to place 100,000 codings.
        for tid, code_id, n in corpus.counts_by_doc():
            if code_id in wanted:
                doc = corpus.docs[tid]
                cells[(code_id, doc.casus_id if by == "casus" else doc.kind)] += n
    else:
        for f in corpus.fragments:
            if f.code_id not in wanted:
                continue
            keys = key_of(f)
            if not keys:
                left_out += 1
                continue
            for key in keys:
                cells[(f.code_id, key)] += 1
    if left_out:
        notes.append(
            f"{left_out} fragmenten zonder deelnemer (interviewer of buiten een beurt) "
            "zijn niet meegeteld"
        )
    if by in ("participant", "role"):
        notes.append(ATTRIBUTION_RULE)
    row_ids = [
        c.id
        for c in ordered(list(corpus.codes.values()))
        if c.id in wanted and any(k[0] == c.id for k in cells)
    ]
    present = {k[1] for k in cells}
    col_keys = [k for k in order if k in present]
    counts = [[cells.get((r, k), 0) for k in col_keys] for r in row_ids]
    col_totals = [sum(row[j] for row in counts) for j in range(len(col_keys))]
    denominators = _denominators(corpus, by, per, col_keys, col_totals)
    scale = {"fragments": 100.0, "1000-words": 1000.0, "participants": 1.0}[per]
    rates = [
        [round(scale * n / d, 4) if d else None for n, d in zip(row, denominators, strict=True)]
        for row in counts
    ]
    expected, residuals, chi2, df, v, small = adjusted_residuals(counts)
    return FrequencyTable(
        by=by,
        per=per,
        family=family,
        rows=row_ids,
        row_labels=[corpus.codes[r].name for r in row_ids],
        cols=[label_of(k) for k in col_keys],
        counts=counts,
        denominators=denominators,
        rates=rates,
        expected=expected,
        residuals=residuals,
        chi2=chi2,
        df=df,
        cramers_v=v,
        small_expected=small,
        notes=notes,
    )


def adjusted_residuals(counts: list[list[int]]):
    """Expected counts, Haberman's adjusted residuals, χ², df, Cramér's V, small cells.

    ``r = (n - e) / sqrt(e · (1 - row/N) · (1 - col/N))`` with ``e = row · col / N``.
    """
    n_rows = len(counts)
    n_cols = len(counts[0]) if counts else 0
    total = sum(map(sum, counts))
    if not total:
        return [], [], None, 0, None, 0
    row_t = [sum(r) for r in counts]
    col_t = [sum(counts[i][j] for i in range(n_rows)) for j in range(n_cols)]
    expected = [[row_t[i] * col_t[j] / total for j in range(n_cols)] for i in range(n_rows)]
    residuals: list[list[float | None]] = []
    chi2 = 0.0
    small = 0
    for i in range(n_rows):
        line: list[float | None] = []
        for j in range(n_cols):
            e = expected[i][j]
            small += e < 5
            chi2 += (counts[i][j] - e) ** 2 / e if e else 0.0
            var = e * (1 - row_t[i] / total) * (1 - col_t[j] / total)
            line.append(round((counts[i][j] - e) / math.sqrt(var), 3) if var > 0 else None)
        residuals.append(line)
    df = (n_rows - 1) * (n_cols - 1)
    k = min(n_rows, n_cols) - 1
    v = round(math.sqrt(chi2 / (total * k)), 4) if k > 0 else None
    expected = [[round(e, 4) for e in row] for row in expected]
    return expected, residuals, round(chi2, 3) if df else None, df, v, small


def _grouping(corpus: Corpus, by: str):
    """(key of a fragment, label of a key, keys in display order) for a grouping."""
    docs, people = corpus.docs, corpus.people
    if by == "casus":
        order = sorted(corpus.casussen, key=lambda c: corpus.casussen[c].casefold())
        return (lambda f: docs[f.transcript_id].casus_id), corpus.casussen.__getitem__, order
    if by == "kind":
        kinds = sorted(
            {d.kind for d in docs.values()}, key=lambda k: (KINDS.index(k) if k in KINDS else 9, k)
        )
        return (lambda f: docs[f.transcript_id].kind), str, kinds
    if by == "role":
        roles = sorted({p.role or "(geen rol)" for p in people.values() if not p.is_staff})

        def role_key(f):
            return {people[pid].role or "(geen rol)" for pid in f.participants}

        return role_key, str, roles
    names = Counter(p.name for p in people.values())

    def label(pid: int) -> str:
        p = people[pid]
        return p.name if names[p.name] == 1 else f"{p.name} ({corpus.casussen.get(p.casus_id)})"

    order = sorted(
        (p.id for p in people.values() if not p.is_staff),
        key=lambda i: (corpus.casussen.get(people[i].casus_id, ""), people[i].name),
    )
    return (lambda f: f.participants), label, order


def _denominators(
    corpus: Corpus, by: str, per: str, keys: list, col_totals: list[int]
) -> list[float]:
    if per == "fragments":
        return [float(t) for t in col_totals]
    if per == "1000-words":
        words: Counter = Counter()
        if by in ("casus", "kind"):
            for d in corpus.docs.values():
                words[d.casus_id if by == "casus" else d.kind] += d.word_count
        else:
            corpus.load_texts(corpus.turns)
            for tid, items in corpus.turns.items():
                text = corpus.text(tid)
                for _idx, start, end, pid, _speaker in items:
                    pid = corpus.counted_person(pid)
                    if pid is not None:
                        key = (
                            pid
                            if by == "participant"
                            else (corpus.people[pid].role or "(geen rol)")
                        )
                        words[key] += count_words(text[start:end])
        return [float(words[k]) for k in keys]
    people: dict = {}
    if by == "casus":
        people = {c: len(s) for c, s in corpus.casus_participants().items()}
    elif by == "participant":
        people = {k: 1 for k in keys}
    elif by == "role":
        people = Counter(p.role or "(geen rol)" for p in corpus.people.values() if not p.is_staff)
    else:
        seen: dict[str, set[int]] = {}
        for tid, items in corpus.turns.items():
            for item in items:
                pid = corpus.counted_person(item[3])
                if pid is not None:
                    seen.setdefault(corpus.docs[tid].kind, set()).add(pid)
        people = {k: len(v) for k, v in seen.items()}
    return [float(people.get(k, 0)) for k in keys]
