"""Pseudonyms for participants and replacing names in a text: pure functions.

Participants get short, stable pseudonyms by role: respondents (cliënten) P-R01, P-R02 …,
focusgroep deelnemers P-D1 …, klantmanagers P-KM1 …, coaches P-C1 …, interviewers P-I1 ….
The ``P-`` keeps them apart from code ids (C1 is a context code; "met C1, mijn coach"
would read as a code), and every pseudonym is checked against the codebook and unique.
A pseudonym once given is never changed; new participants are numbered after the
highest number already in use for their prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .domain import Participant

# role (case-folded) -> (prefix, digits)
ROLE_PREFIXES: dict[str, tuple[str, int]] = {
    "cliënt": ("R", 2),
    "client": ("R", 2),
    "klant": ("R", 2),
    "respondent": ("R", 2),
    "deelnemer": ("D", 1),
    "focusgroepdeelnemer": ("D", 1),
    "klantmanager": ("KM", 1),
    "consulent": ("KM", 1),
    "coach": ("C", 1),
    "jobcoach": ("C", 1),
    "trajectbegeleider": ("C", 1),
    "participatiecoach": ("C", 1),
    "begeleider": ("C", 1),
    "beleidsmedewerker": ("BM", 1),
    "beleid": ("BM", 1),
    "manager": ("M", 1),
    "vrijwilliger": ("V", 1),
    "medewerker": ("MW", 1),
    "wijkteam": ("WT", 1),
    "interviewer": ("I", 1),
    "gespreksleider": ("GL", 1),
    "onderzoeker": ("I", 1),
}
_DEELNEMER_RE = re.compile(r"^(?:d\d+|deelnemer\s*\d+|p\d+)$", re.IGNORECASE)


def prefix_for(person: Participant) -> tuple[str, int]:
    """The pseudonym prefix and number width for a participant's role."""
    role = person.role.strip().casefold()
    if role in ROLE_PREFIXES:
        return ROLE_PREFIXES[role]
    speaker = person.label.rsplit("/", 1)[-1]
    if _DEELNEMER_RE.match(speaker):
        return ("D", 1)
    return ("R", 2)


NAMESPACE = "P-"
_NUMBERED = re.compile(r"(?:P-)?([A-Z]+)(\d+)")


def new_pseudonyms(people: Sequence[Participant], forbidden: Iterable[str] = ()) -> dict[int, str]:
    """Pseudonyms for the participants that have none, by participant id.

    Numbering continues after the highest number in use for each prefix, so running
    this again after new imports never renames anyone. ``forbidden`` are names no
    pseudonym may take (the codebook's code ids), compared without case.
    """
    used: dict[str, int] = {}
    taken = {p.pseudonym.casefold() for p in people if p.pseudonym}
    taken |= {name.casefold() for name in forbidden}
    for person in people:
        m = _NUMBERED.fullmatch(person.pseudonym or "")
        if m:
            used[m.group(1)] = max(used.get(m.group(1), 0), int(m.group(2)))
    out: dict[int, str] = {}
    for person in sorted(people, key=lambda p: p.id):
        if person.pseudonym:
            continue
        prefix, width = prefix_for(person)
        number = used.get(prefix, 0) + 1
        candidate = f"{NAMESPACE}{prefix}{number:0{width}d}"
        while candidate.casefold() in taken:
            number += 1
            candidate = f"{NAMESPACE}{prefix}{number:0{width}d}"
        used[prefix] = number
        taken.add(candidate.casefold())
        out[person.id] = candidate
    return out


def pseudonym_problem(
    pseudonym: str, person: Participant, people: Sequence[Participant], code_ids: Iterable[str]
) -> str:
    """Why ``pseudonym`` cannot be ``person``'s (empty when it can): taken by someone
    else, the id of a code, or not a plain name."""
    key = pseudonym.strip().casefold()
    if not key:
        return "a pseudonym cannot be empty"
    if any(not (ch.isalnum() or ch in "-_.") for ch in pseudonym.strip()):
        return f"'{pseudonym}': use letters, digits, '-', '_' or '.' only"
    for other in people:
        if other.id != person.id and other.pseudonym.casefold() == key:
            return f"'{pseudonym}' is already the pseudonym of {other.label}"
    if key in {c.casefold() for c in code_ids}:
        return f"'{pseudonym}' is a code id in the codebook; choose one like {NAMESPACE}R01"
    return ""


def display_name(person: Participant | None) -> str:
    """The name to show outside the project (exports, reports): the pseudonym when set,
    else the participant's label."""
    if person is None:
        return ""
    return person.pseudonym or person.label


# ---- replacing names in a text -----------------------------------------------------------


@dataclass(frozen=True)
class Replacement:
    start: int
    end: int
    new: str


def word_occurrences(text: str, term: str, ignore_case: bool = False) -> list[tuple[int, int]]:
    """Where ``term`` occurs in ``text`` as whole words."""
    if not term.strip():
        return []
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in term.split()) + r"(?!\w)"
    flags = re.IGNORECASE if ignore_case else 0
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, flags)]


def non_overlapping(replacements: Iterable[Replacement]) -> list[Replacement]:
    """Sorted replacements without overlaps; of two overlapping, the longer one wins."""
    chosen: list[Replacement] = []
    for r in sorted(replacements, key=lambda r: (-(r.end - r.start), r.start)):
        if all(r.end <= c.start or r.start >= c.end for c in chosen):
            chosen.append(r)
    return sorted(chosen, key=lambda r: r.start)


def apply_replacements(text: str, replacements: Sequence[Replacement]) -> str:
    """``text`` with each (sorted, non-overlapping) replacement made."""
    parts, cursor = [], 0
    for r in replacements:
        parts.append(text[cursor : r.start])
        parts.append(r.new)
        cursor = r.end
    parts.append(text[cursor:])
    return "".join(parts)


def offset_mapper(replacements: Sequence[Replacement]):
    """A function from old offsets to new ones for these (sorted) replacements.

    An offset inside a replaced stretch maps to the start of its replacement; its end
    maps to the replacement's end.
    """
    starts = [r.start for r in replacements]

    def shift_before(i: int) -> int:
        return sum(len(r.new) - (r.end - r.start) for r in replacements[:i])

    def map_offset(pos: int) -> int:
        from bisect import bisect_right

        i = bisect_right(starts, pos)  # replacements starting at or before pos
        if i and pos < replacements[i - 1].end and pos > replacements[i - 1].start:
            r = replacements[i - 1]
            return r.start + shift_before(i - 1)
        if i and pos == replacements[i - 1].start:
            return pos + shift_before(i - 1)
        return pos + shift_before(i)

    return map_offset
