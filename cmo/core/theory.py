"""Programme theory: versions of the CMOCs, judged per analysis round.

A programme theory version (``ronde 2``) holds, per CMOC, a status (hypothese,
ondersteund, verfijnd, weerlegd), a confidence (laag, middel, hoog) with a one-line
rationale, and what changed since the previous version. The content of a version (the
CMOC's codes and texts at the end of that round) is the snapshot the *next* version
took when it began; the newest version shows the CMOCs as they are now.

Evidence links carry a direction: a fragment ``ondersteunt`` a CMOC, or ``weerspreekt``
it (the mechanism did not fire, or fired without the outcome). The suggested confidence
follows one documented rule (``suggest_confidence``); the researcher decides.

Chains: the outcome of one CMOC is the context of the next. A chain that would close a
cycle is refused.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .errors import InputError

STATUSES = ("hypothese", "ondersteund", "verfijnd", "weerlegd")
CONFIDENCES = ("laag", "middel", "hoog")
DIRECTIONS = ("ondersteunt", "weerspreekt")
DEFAULT_STATUS = "hypothese"
DEFAULT_CONFIDENCE = "laag"

_STATUS_ALIASES = {
    "hypothese": "hypothese",
    "hypothesis": "hypothese",
    "ondersteund": "ondersteund",
    "supported": "ondersteund",
    "bevestigd": "ondersteund",
    "verfijnd": "verfijnd",
    "refined": "verfijnd",
    "weerlegd": "weerlegd",
    "refuted": "weerlegd",
}
_CONFIDENCE_ALIASES = {
    "laag": "laag",
    "low": "laag",
    "middel": "middel",
    "midden": "middel",
    "medium": "middel",
    "hoog": "hoog",
    "high": "hoog",
}
_DIRECTION_ALIASES = {
    "ondersteunt": "ondersteunt",
    "voor": "ondersteunt",
    "for": "ondersteunt",
    "supports": "ondersteunt",
    "weerspreekt": "weerspreekt",
    "tegen": "weerspreekt",
    "against": "weerspreekt",
    "contradicts": "weerspreekt",
}

SNAPSHOT_FIELDS = (
    "title",
    "sentence",
    "contexts",
    "mechanisms",
    "outcomes",
    "resource",
    "reasoning",
    "supporting",
    "against",
)
"""What a version remembers of a CMOC's content (codes, texts, evidence ids)."""


def _check(value: str, aliases: dict[str, str], allowed: tuple[str, ...], what: str) -> str:
    found = aliases.get(" ".join(str(value).split()).casefold())
    if found is None:
        raise InputError(value, f"{what} must be one of: {', '.join(allowed)}")
    return found


def check_status(value: str) -> str:
    return _check(value, _STATUS_ALIASES, STATUSES, "status")


def check_confidence(value: str) -> str:
    return _check(value, _CONFIDENCE_ALIASES, CONFIDENCES, "confidence")


def check_direction(value: str) -> str:
    return _check(value, _DIRECTION_ALIASES, DIRECTIONS, "direction")


def one_line(text: str) -> str:
    """Rationales and change notes are one line: white space collapsed."""
    return " ".join(str(text or "").split())


@dataclass(frozen=True)
class TheoryEntry:
    """One CMOC's judgement in one version."""

    cmoc_id: str
    status: str = DEFAULT_STATUS
    confidence: str = DEFAULT_CONFIDENCE
    rationale: str = ""
    change: str = ""
    """What changed since the previous version (one line)."""
    was: dict = field(default_factory=dict)
    """The CMOC's content when this version began (SNAPSHOT_FIELDS); empty in the first."""

    def as_json(self) -> dict:
        return {
            "status": self.status,
            "confidence": self.confidence,
            "rationale": self.rationale,
            "change": self.change,
            "was": self.was,
        }

    @classmethod
    def from_json(cls, cmoc_id: str, data: dict) -> TheoryEntry:
        return cls(
            cmoc_id=cmoc_id,
            status=data.get("status", DEFAULT_STATUS),
            confidence=data.get("confidence", DEFAULT_CONFIDENCE),
            rationale=data.get("rationale", ""),
            change=data.get("change", ""),
            was=dict(data.get("was") or {}),
        )


@dataclass(frozen=True)
class TheoryVersion:
    number: int
    name: str
    note: str
    created_at: str
    entries: dict[str, TheoryEntry]


def version_content(
    versions: list[TheoryVersion], number: int, live: dict[str, dict]
) -> dict[str, dict]:
    """The CMOC contents at the end of version ``number``.

    That is the snapshot the next version took when it began, or, for the newest
    version, ``live`` (the CMOCs as they are now, by id, each a SNAPSHOT_FIELDS dict).
    """
    ordered = sorted(versions, key=lambda v: v.number)
    later = [v for v in ordered if v.number > number]
    if not later:
        return live
    return {k: e.was for k, e in later[0].entries.items() if e.was}


@dataclass(frozen=True)
class EntryDiff:
    cmoc_id: str
    kind: str
    """'nieuw', 'vervallen', 'gewijzigd' or 'gelijk'."""
    before: TheoryEntry | None
    after: TheoryEntry | None
    fields: tuple[str, ...] = ()
    """Which judgements and content fields differ."""
    content_before: dict = field(default_factory=dict)
    content_after: dict = field(default_factory=dict)


def diff_versions(
    a: TheoryVersion,
    b: TheoryVersion,
    content_a: dict[str, dict],
    content_b: dict[str, dict],
) -> list[EntryDiff]:
    """Per CMOC in either version: new, dropped, changed (and which fields) or equal."""
    out: list[EntryDiff] = []
    for key in sorted(set(a.entries) | set(b.entries)):
        before, after = a.entries.get(key), b.entries.get(key)
        ca, cb = content_a.get(key, {}), content_b.get(key, {})
        if before is None:
            out.append(EntryDiff(key, "nieuw", None, after, (), ca, cb))
            continue
        if after is None:
            out.append(EntryDiff(key, "vervallen", before, None, (), ca, cb))
            continue
        changed = [f for f in ("status", "confidence") if getattr(before, f) != getattr(after, f)]
        if ca and cb:
            changed += [f for f in SNAPSHOT_FIELDS if ca.get(f) != cb.get(f)]
        kind = "gewijzigd" if changed else "gelijk"
        out.append(EntryDiff(key, kind, before, after, tuple(changed), ca, cb))
    return out


# ---- evidence counts and the confidence rule --------------------------------------------


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


# ---- if–then–because ---------------------------------------------------------------------


def _join(names: list[str]) -> str:
    names = [n for n in (one_line(x) for x in names) if n]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " en " + names[-1]


def _lower_first(text: str) -> str:
    # 'Hoge caseload' reads as 'hoge caseload' mid-sentence; keep acronyms (WWB) as they are.
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def if_then_because(
    contexts: list[str],
    outcomes: list[str],
    mechanisms: list[str],
    resource: str = "",
    reasoning: str = "",
) -> str:
    """ "Als [context], dan [outcome], omdat [resource] → [reasoning]" from names and texts.

    Context and outcome come from the code names; the 'omdat' part from the CMOC's
    resource and reasoning texts, or the mechanism code names when those are empty.
    """
    context = _lower_first(_join(contexts)) or "?"
    outcome = _lower_first(_join(outcomes)) or "?"
    resource, reasoning = one_line(resource).rstrip("."), one_line(reasoning).rstrip(".")
    if resource or reasoning:
        because = " → ".join(_lower_first(t) for t in (resource, reasoning) if t)
    else:
        because = _lower_first(_join(mechanisms)) or "?"
    return f"Als {context}, dan {outcome}, omdat {because}."


# ---- chains --------------------------------------------------------------------------


def chain_cycle(edges: list[tuple[str, str]], new: tuple[str, str]) -> list[str] | None:
    """The cycle that adding ``new`` (from → to) would close, as a path, or None."""
    start, goal = new
    if start == goal:
        return [start, start]
    following: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        following[a].append(b)
    # A path goal → … → start plus the new edge start → goal is a cycle.
    parent: dict[str, str | None] = {goal: None}
    stack = [goal]
    while stack:
        node = stack.pop()
        if node == start:
            path = [node]
            while parent[path[-1]] is not None:
                path.append(parent[path[-1]])
            return [start, *reversed(path)]
        for nxt in following[node]:
            if nxt not in parent:
                parent[nxt] = node
                stack.append(nxt)
    return None


def chains(edges: list[tuple[str, str]]) -> list[list[str]]:
    """Maximal paths through the chain links, each from a CMOC no link leads to."""
    following: dict[str, list[str]] = defaultdict(list)
    targets = set()
    for a, b in sorted(edges):
        following[a].append(b)
        targets.add(b)
    out: list[list[str]] = []

    def walk(path: list[str]) -> None:
        nexts = following.get(path[-1], [])
        if not nexts:
            out.append(path)
            return
        for n in nexts:
            walk([*path, n])

    for root in sorted(set(following) - targets):
        walk([root])
    return out


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


def cmoc_sentence(cmoc, code_names: dict[str, str]) -> str:
    """The CMOC's if–then–because sentence: as edited, or generated from codes and texts."""
    if cmoc.sentence:
        return cmoc.sentence

    def names(ids) -> list[str]:
        return [code_names.get(i, i) for i in ids]

    return if_then_because(
        names(cmoc.contexts),
        names(cmoc.outcomes),
        names(cmoc.mechanisms),
        cmoc.resource,
        cmoc.reasoning,
    )


def snapshot(cmoc, code_names: dict[str, str]) -> dict:
    """What a version remembers of ``cmoc`` (the SNAPSHOT_FIELDS)."""
    return {
        "title": cmoc.title,
        "sentence": cmoc_sentence(cmoc, code_names),
        "contexts": list(cmoc.contexts),
        "mechanisms": list(cmoc.mechanisms),
        "outcomes": list(cmoc.outcomes),
        "resource": cmoc.resource,
        "reasoning": cmoc.reasoning,
        "supporting": list(cmoc.supporting),
        "against": list(cmoc.against),
    }
