"""Programme theory: versions of the CMOCs, judged per analysis round.

A programme theory version (``ronde 2``) holds, per CMOC, a status (hypothese,
ondersteund, verfijnd, weerlegd), a confidence (laag, middel, hoog) with a one-line
rationale, and what changed since the previous version. The content of a version (the
CMOC's codes and texts at the end of that round) is the snapshot the *next* version
took when it began; the newest version shows the CMOCs as they are now.

Evidence links carry a direction: a fragment ``ondersteunt`` a CMOC, or ``weerspreekt``
it (the mechanism did not fire, or fired without the outcome). What the evidence adds up
to, and the confidence it suggests, is in ``evidence``; chains of CMOCs in ``chains``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cmoc import cmoc_sentence
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
