"""Inter-coder agreement and the fragments where coders differ, as plain data.

Every coder's work is turned into yes/no decisions per unit and code: did coder A
apply code M3b to turn 7 (or sentence 12, or character 4031)? A unit counts as coded
when a coding of that code overlaps it. From those decisions come, per code and
pooled over all codes:

* percentage agreement: the share of units on which all coders made the same decision;
* Cohen's κ (two coders): (pₒ − pₑ) / (1 − pₑ), chance from each coder's own margins;
* Krippendorff's α (two or more coders, nominal), computed by the ``krippendorff`` package.

Only transcripts that every chosen coder has coded take part, so a transcript one coder
has not started does not count as "nothing applies here".

The TUI uses :func:`disagreements` and :func:`codings_by_coder` for its coder views.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from ..core.errors import InputError
from .coder_views import CONSENSUS, Disagreement, codings_by_coder, disagreements
from .units import UNITS, decisions, unit_spans

__all__ = [
    "CONSENSUS",
    "UNITS",
    "Agreement",
    "AgreementReport",
    "Disagreement",
    "agreement",
    "codings_by_coder",
    "cohen_kappa",
    "cohen_kappa_2x2",
    "decisions",
    "disagreements",
    "krippendorff_alpha",
    "measure",
    "percent_agreement",
    "unit_spans",
]


# ---- the measures ----------------------------------------------------------------------


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's κ for two coders' nominal decisions on the same units.

    Returns None when κ is undefined: no units, or chance agreement of 1 (both coders
    used one and the same category throughout).
    """
    if len(first) != len(second):
        raise ValueError("both coders must judge the same units")
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    left, right = Counter(first), Counter(second)
    expected = sum(left[c] * right[c] for c in left) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def cohen_kappa_2x2(yes_yes: int, yes_no: int, no_yes: int, no_no: int) -> float | None:
    """Cohen's κ from a 2×2 table (first coder's answer, then the second's)."""
    n = yes_yes + yes_no + no_yes + no_no
    if n == 0:
        return None
    observed = (yes_yes + no_no) / n
    expected = ((yes_yes + yes_no) * (yes_yes + no_yes) + (no_yes + no_no) * (yes_no + no_no)) / (
        n * n
    )
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(data: Sequence[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's α (nominal) for coders × units; None marks a missing value.

    Returns None when α is undefined (fewer than two values in the data, or no unit
    judged by two coders).
    """
    import numpy as np

    values = sorted({v for row in data for v in row if v is not None}, key=repr)
    if len(values) < 2:
        return None
    index = {v: i for i, v in enumerate(values)}
    counts = np.zeros((len(data[0]) if data else 0, len(values)), dtype=float)
    for row in data:
        for unit, value in enumerate(row):
            if value is not None:
                counts[unit, index[value]] += 1
    return _alpha_from_counts(counts)


def _alpha_from_counts(counts) -> float | None:
    """α from a units × values matrix of how many coders chose each value."""
    import krippendorff
    import numpy as np

    pairable = counts[counts.sum(axis=1) >= 2]
    if len(pairable) == 0 or np.count_nonzero(pairable.sum(axis=0)) < 2:
        return None
    return float(
        krippendorff.alpha(value_counts=_merge_unanimous(pairable), level_of_measurement="nominal")
    )


def _merge_unanimous(counts):
    """The same α from far fewer rows: all units on which every coder chose value c are
    merged into one unit with their summed count of c.

    Exact, because such a unit adds only to the diagonal of the coincidence matrix: m
    values c contribute m(m−1)/(m−1) = m to o_cc, so k units of m coders add k·m, as
    does one unit of k·m coders. Character units (hundreds of thousands, nearly all
    unanimous) would otherwise take seconds.
    """
    import numpy as np

    unanimous = np.count_nonzero(counts, axis=1) == 1
    if unanimous.sum() < 2:
        return counts
    merged = [np.diag(counts[unanimous].sum(axis=0))]
    merged = [row for row in merged[0] if row.sum() > 0]
    return np.vstack([counts[~unanimous], *merged])


def percent_agreement(rows) -> float | None:
    """The share of units (columns) on which every coder (row) made the same decision."""
    import numpy as np

    rows = np.asarray(rows)
    if rows.size == 0 or rows.shape[1] == 0:
        return None
    return float(np.mean(np.all(rows == rows[0], axis=0)))


@dataclass
class Agreement:
    """Agreement on one code, or pooled over all codes (``code`` = None)."""

    code: str | None
    units: int
    coded: dict[str, int]
    agreed_units: int
    percent: float | None
    kappa: float | None
    alpha: float | None

    def as_json(self) -> dict:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        return {
            "code": self.code,
            "units": self.units,
            "coded": self.coded,
            "agreed_units": self.agreed_units,
            "percent_agreement": r(self.percent),
            "kappa": r(self.kappa),
            "alpha": r(self.alpha),
        }


@dataclass
class AgreementReport:
    coders: list[str]
    unit: str
    transcripts: list[str]
    codes: list[Agreement] = field(default_factory=list)
    overall: Agreement | None = None
    awaiting_review: int = 0
    """These coders' codings left out: they await review after a replace."""

    def as_json(self) -> dict:
        out = {
            "coders": self.coders,
            "unit": self.unit,
            "transcripts": self.transcripts,
            "overall": self.overall.as_json() if self.overall else None,
            "codes": [c.as_json() for c in self.codes],
        }
        if self.awaiting_review:
            out["awaiting_review"] = self.awaiting_review
        return out


def measure(code: str | None, coders: Sequence[str], rows) -> Agreement:
    """Agreement figures for a coders × units yes/no matrix."""
    import numpy as np

    rows = np.asarray(rows, dtype=bool)
    n_units = int(rows.shape[1]) if rows.ndim == 2 else 0
    percent = percent_agreement(rows)
    agreed = int(np.sum(np.all(rows == rows[0], axis=0))) if n_units else 0
    kappa = None
    if len(coders) == 2 and n_units:
        first, second = rows[0], rows[1]
        kappa = cohen_kappa_2x2(
            int(np.sum(first & second)),
            int(np.sum(first & ~second)),
            int(np.sum(~first & second)),
            int(np.sum(~first & ~second)),
        )
    present = rows.sum(axis=0)
    counts = (
        np.stack([len(coders) - present, present], axis=1).astype(float)
        if n_units
        else np.zeros((0, 2))
    )
    return Agreement(
        code=code,
        units=n_units,
        coded={c: int(rows[i].sum()) for i, c in enumerate(coders)},
        agreed_units=agreed,
        percent=percent,
        kappa=kappa,
        alpha=_alpha_from_counts(counts),
    )


def agreement(
    store,
    coders: Sequence[str],
    unit: str = "turn",
    code: str | None = None,
    transcripts: Sequence[str] | None = None,
) -> AgreementReport:
    """Agreement between ``coders`` per code and overall.

    Args:
        store: the project store.
        coders: two or more coder names.
        unit: 'turn', 'sentence' or 'char'.
        code: only this code (its id, any case).
        transcripts: names or ids; default every transcript all coders have coded.
    """
    import numpy as np

    coders = list(dict.fromkeys(coders))
    if len(coders) < 2:
        raise InputError("--coders", "name at least two coders, e.g. --coders anna,bram")
    if unit not in UNITS:
        raise InputError("--unit", f"unit must be one of {', '.join(UNITS)}, not '{unit}'")
    chosen = [store.transcripts.get(t) for t in transcripts] if transcripts else None
    all_of = {c: store.codings.all(coder=c) for c in coders}
    # A replace could not re-anchor these: their span may hold other text now.
    by_coder = {c: [x for x in items if x.status != "review"] for c, items in all_of.items()}
    awaiting = sum(len(all_of[c]) - len(by_coder[c]) for c in coders)
    for c, items in by_coder.items():
        if not items:
            raise InputError("--coders", f"coder '{c}' has no codings (see 'cmo codings')")
    if chosen is None:
        ids = set.intersection(*({x.transcript_id for x in items} for items in by_coder.values()))
        chosen = [t for t in store.transcripts.all() if t.id in ids]
        if not chosen:
            raise InputError(
                "--coders",
                f"{', '.join(coders)} have not coded a transcript in "
                "common; agreement needs transcripts every coder has coded",
            )
    code_order = [c.id for c in store.codebook.codes()]
    if code is not None:
        wanted = store.codebook.code(code).id
        used = [wanted]
    else:
        in_scope = {t.id for t in chosen}
        seen = {
            x.code_id for items in by_coder.values() for x in items if x.transcript_id in in_scope
        }
        used = [c for c in code_order if c in seen]
    per_code: dict[str, list] = {c: [] for c in used}
    for t in chosen:
        spans = unit_spans(t.text, [(u.start, u.end) for u in store.transcripts.turns(t.id)], unit)
        bounds = ([s for s, _ in spans], [e for _, e in spans])
        mine = {c: [x for x in by_coder[c] if x.transcript_id == t.id] for c in coders}
        for code_id in used:
            per_code[code_id].append(
                np.stack([decisions(spans, mine[c], code_id, bounds) for c in coders])
            )
    report = AgreementReport(
        coders=coders, unit=unit, transcripts=[t.name for t in chosen], awaiting_review=awaiting
    )
    pooled = []
    for code_id in used:
        rows = (
            np.concatenate(per_code[code_id], axis=1)
            if per_code[code_id]
            else np.zeros((len(coders), 0), dtype=bool)
        )
        pooled.append(rows)
        report.codes.append(measure(code_id, coders, rows))
    rows = np.concatenate(pooled, axis=1) if pooled else np.zeros((len(coders), 0), dtype=bool)
    report.overall = measure(None, coders, rows)
    return report
