"""The evidence behind CMOCs: fragments, casussen and participants for and against, the
rule that suggests a confidence from them, and the mechanism → outcome patterns that hold
in several casussen (demi-regularities). The researcher decides; these only count."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class EvidenceCounts:
    """Fragments, casussen and participants behind a CMOC, for and against."""

    fragments_for: int = 0
    fragments_against: int = 0
    casussen_for: frozenset[str] = frozenset()
    casussen_against: frozenset[str] = frozenset()
    participants_for: frozenset[str] = frozenset()
    participants_against: frozenset[str] = frozenset()
    per_casus: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Casus name → (fragments for, fragments against)."""
    per_participant: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Participant (pseudonym) → (fragments for, fragments against)."""


def count_evidence(items: list[tuple[str, tuple[str, ...], str]]) -> EvidenceCounts:
    """Count ``(casus, participants, direction)`` per fragment: its participants by the
    attribution rule (none when only interviewer text is coded, two for a fragment across
    two participants' turns, which then counts for both)."""
    per_casus: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_person: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for casus, persons, direction in items:
        slot = 1 if direction == "weerspreekt" else 0
        per_casus[casus][slot] += 1
        for person in persons:
            per_person[person][slot] += 1
    return EvidenceCounts(
        fragments_for=sum(v[0] for v in per_casus.values()),
        fragments_against=sum(v[1] for v in per_casus.values()),
        casussen_for=frozenset(c for c, v in per_casus.items() if v[0]),
        casussen_against=frozenset(c for c, v in per_casus.items() if v[1]),
        participants_for=frozenset(p for p, v in per_person.items() if v[0]),
        participants_against=frozenset(p for p, v in per_person.items() if v[1]),
        per_casus={c: (v[0], v[1]) for c, v in sorted(per_casus.items())},
        per_participant={p: (v[0], v[1]) for p, v in sorted(per_person.items())},
    )


HIGH_CASUSSEN = 2
HIGH_PARTICIPANTS = 3
MIDDLE_PARTICIPANTS = 2
CONFIDENCE_RULE = (
    f"hoog: ondersteund in ≥ {HIGH_CASUSSEN} casussen door ≥ {HIGH_PARTICIPANTS} deelnemers "
    "en geen weersprekend fragment; "
    f"middel: ondersteund door ≥ {MIDDLE_PARTICIPANTS} deelnemers en meer fragmenten voor "
    "dan tegen; "
    "laag: anders (geen bewijs voor, of evenveel of meer tegen dan voor)"
)
"""The rule ``suggest_confidence`` applies, in the words the report prints."""


def suggest_confidence(counts: EvidenceCounts) -> tuple[str, str]:
    """The confidence the evidence suggests, and why (one line). The researcher decides."""
    n_for, n_against = counts.fragments_for, counts.fragments_against
    casussen, people = len(counts.casussen_for), len(counts.participants_for)
    found = f"{n_for} voor / {n_against} tegen; {casussen} casus(sen), {people} deelnemer(s) voor"
    if n_for == 0:
        return "laag", f"geen ondersteunend bewijs ({found})"
    if n_against >= n_for:
        return "laag", f"evenveel of meer bewijs tegen dan voor ({found})"
    if n_against == 0 and casussen >= HIGH_CASUSSEN and people >= HIGH_PARTICIPANTS:
        return "hoog", f"meerdere casussen en deelnemers, niets tegen ({found})"
    if people >= MIDDLE_PARTICIPANTS:
        why = "bewijs tegen" if n_against else "beperkt tot één casus of weinig deelnemers"
        return "middel", f"ondersteund, maar {why} ({found})"
    return "laag", f"één deelnemer ({found})"


@dataclass(frozen=True)
class DemiRegularity:
    """A mechanism → outcome pattern supported in several casussen."""

    mechanisms: tuple[str, ...]
    outcomes: tuple[str, ...]
    cmocs: tuple[str, ...]
    casussen: tuple[str, ...]


def demi_regularities(
    cmocs: list[tuple[str, tuple[str, ...], tuple[str, ...], frozenset[str]]],
    least: int = 2,
) -> list[DemiRegularity]:
    """Patterns that hold in at least ``least`` casussen.

    Args:
        cmocs: ``(id, mechanisms, outcomes, casussen with supporting evidence)`` each.
        least: How many casussen a pattern needs.
    """
    groups: dict[tuple, tuple[list[str], set[str]]] = {}
    for key, mechanisms, outcomes, casussen in cmocs:
        if not mechanisms or not outcomes:
            continue
        pattern = (tuple(sorted(mechanisms)), tuple(sorted(outcomes)))
        ids, where = groups.setdefault(pattern, ([], set()))
        ids.append(key)
        where |= casussen
    return [
        DemiRegularity(m, o, tuple(sorted(ids)), tuple(sorted(where)))
        for (m, o), (ids, where) in sorted(groups.items())
        if len(where) >= least
    ]
