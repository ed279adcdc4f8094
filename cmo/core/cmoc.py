"""CMO configurations (CMOCs): a context, a mechanism and an outcome, tied to evidence.

A CMOC states that in context C the programme's resource, met by the participant's
reasoning (together the mechanism M), produces outcome O. Seed 004 calls the two
halves of the mechanism 'mogelijkheden' (what the programme offers) and 'keuzes'
(how participants respond). The evidence is a set of codings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .domain import Code
from .errors import InputError
from .text import one_line

FIRED = ("geactiveerd", "niet geactiveerd", "gemengd")
RELATIONS = ("ondersteunt", "verfijnt", "weerlegt")
ALL_CASUSSEN = "alle casussen"
"""How a CMOC that holds across the whole project names its casus in tables."""

_ID_RE = re.compile(r"^(?:cmoc[-_ ]?)?0*(\d{1,4})$", re.IGNORECASE)
_FIRED_ALIASES = {
    "geactiveerd": "geactiveerd",
    "ja": "geactiveerd",
    "yes": "geactiveerd",
    "fired": "geactiveerd",
    "niet geactiveerd": "niet geactiveerd",
    "niet-geactiveerd": "niet geactiveerd",
    "niet_geactiveerd": "niet geactiveerd",
    "nee": "niet geactiveerd",
    "no": "niet geactiveerd",
    "not fired": "niet geactiveerd",
    "gemengd": "gemengd",
    "mixed": "gemengd",
}
_RELATION_ALIASES = {
    "ondersteunt": "ondersteunt",
    "supports": "ondersteunt",
    "bevestigt": "ondersteunt",
    "verfijnt": "verfijnt",
    "refines": "verfijnt",
    "weerlegt": "weerlegt",
    "refutes": "weerlegt",
}


@dataclass(frozen=True)
class Cmoc:
    """One CMO configuration. ``casus_id`` None means: across all casussen."""

    id: str
    title: str = ""
    casus_id: int | None = None
    contexts: tuple[str, ...] = ()
    mechanisms: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    resource: str = ""
    reasoning: str = ""
    fired: str = "geactiveerd"
    relation: str = "ondersteunt"
    memo: str = ""
    evidence: tuple[int, ...] = ()
    created_at: str = ""
    updated_at: str = ""
    guid: str = ""
    sentence: str = ""
    """The if–then–because sentence as the researcher edited it; empty: generated."""
    against: tuple[int, ...] = ()
    """The evidence codings that contradict the CMOC (direction 'weerspreekt')."""

    @property
    def supporting(self) -> tuple[int, ...]:
        """The evidence codings that support the CMOC."""
        contra = set(self.against)
        return tuple(c for c in self.evidence if c not in contra)

    @property
    def codes(self) -> tuple[str, ...]:
        return self.contexts + self.mechanisms + self.outcomes

    def formula(self) -> str:
        """``C1 + M3b → O2``: the configuration in one line."""

        def part(ids: tuple[str, ...]) -> str:
            return "+".join(ids) if ids else "?"

        return f"{part(self.contexts)} + {part(self.mechanisms)} → {part(self.outcomes)}"


def format_id(number: int) -> str:
    return f"CMOC-{number:02d}"


def parse_id(text: str) -> str:
    """``3``, ``cmoc-3`` and ``CMOC-03`` all name ``CMOC-03``."""
    match = _ID_RE.match(text.strip())
    if not match:
        raise InputError(text, "not a CMOC id (expected e.g. CMOC-03 or 3)")
    return format_id(int(match.group(1)))


def next_id(existing: list[str] | set[str]) -> str:
    """The id after the highest of ``existing`` (pass removed ids too, so none is reused)."""
    numbers = [int(m.group(1)) for i in existing if (m := _ID_RE.match(i))]
    return format_id(max(numbers, default=0) + 1)


def check_fired(value: str) -> str:
    found = _FIRED_ALIASES.get(" ".join(value.split()).casefold())
    if found is None:
        raise InputError(value, f"fired must be one of: {', '.join(FIRED)}")
    return found


def check_relation(value: str) -> str:
    found = _RELATION_ALIASES.get(value.strip().casefold())
    if found is None:
        raise InputError(value, f"relation must be one of: {', '.join(RELATIONS)}")
    return found


def split_codes(values: list[str] | tuple[str, ...] | None) -> list[str]:
    """Code ids given as repeated options or comma-separated: ``["C1,C2", "C3"]``."""
    out: list[str] = []
    for value in values or ():
        for part in str(value).replace(";", ",").split(","):
            if part.strip() and part.strip() not in out:
                out.append(part.strip())
    return out


def check_codes(role: str, ids: list[str], codes: dict[str, Code], family: str) -> tuple[str, ...]:
    """Resolve ``ids`` case-insensitively and insist they belong to ``family``.

    Args:
        role: 'context', 'mechanism' or 'outcome' (for the message).
        ids: The code ids the user gave.
        codes: Every code of the project by id.
        family: 'C', 'M' or 'O'.
    """
    by_fold = {k.casefold(): c for k, c in codes.items()}
    resolved: list[str] = []
    for raw in ids:
        code = by_fold.get(raw.casefold())
        if code is None:
            raise InputError(raw, f"no code '{raw}' in the codebook")
        if code.family != family:
            raise InputError(
                raw, f"{role} code must be a {family}-code, '{code.id}' is {code.family}"
            )
        if code.id not in resolved:
            resolved.append(code.id)
    return tuple(resolved)


# ---- the CMOC in words: if–then–because ----------------------------------------------


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
