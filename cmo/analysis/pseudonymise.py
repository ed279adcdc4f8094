"""Proposing and applying pseudonyms in transcript texts.

Proposals come from four sources, strongest first:

1. participants' names (speakers with a real name) → their pseudonym (R01, KM2 …);
2. places from the casus attributes (plaats, gemeente, wijk …) → ``[plaats]`` etc.;
3. capitalised words found by spaCy's Dutch tokenizer that are in the bundled list of
   first names (``cmo/data/first_names.txt``) → ``[naam1]``, ``[naam2]`` …;
4. other capitalised words inside a sentence (a surname? a street?) → proposed but
   switched off, for the researcher to judge.

The researcher confirms; :func:`apply_proposals` then replaces the text through
``replace_transcript`` so every coding is re-anchored and none is lost. Speaker turns
keep their speaker, so participants keep their role and attributes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from ..core.model import ParsedTranscript, Transcript, TurnDraft
from ..core.pseudonyms import (
    Replacement,
    apply_replacements,
    new_pseudonyms,
    non_overlapping,
    offset_mapper,
    word_occurrences,
)
from ..core.speakers import is_generic

NAMES_FILE = Path(__file__).resolve().parents[1] / "data" / "first_names.txt"
PLACE_KEYS = (
    "plaats",
    "gemeente",
    "stad",
    "dorp",
    "wijk",
    "buurt",
    "regio",
    "locatie",
    "place",
    "city",
    "straat",
)
# Capitalised words that are not names even inside a sentence.
_NOT_NAMES = {
    "Ik",
    "Wmo",
    "WMO",
    "Participatiewet",
    "UWV",
    "Nederland",
    "Nederlands",
    "Nederlandse",
    "Engels",
    "Turks",
    "Marokkaans",
    "Arabisch",
    "Surinaams",
    "God",
    "Allah",
    "Ramadan",
    "Kerst",
    "Pasen",
    "Sinterklaas",
    "Maandag",
    "Dinsdag",
    "Woensdag",
    "Donderdag",
    "Vrijdag",
    "Zaterdag",
    "Zondag",
    "Oké",
    "OK",
    "Ja",
    "Nee",
    "Nou",
    "Dus",
}
_TITLES = {
    "meneer",
    "mevrouw",
    "mevr.",
    "mevr",
    "dhr.",
    "dhr",
    "juffrouw",
    "familie",
    "fam.",
    "mr.",
    "mw.",
    "dokter",
    "dr.",
}
_NAME_TAG_RE = re.compile(r"\[naam(\d+)\]")


@dataclass
class Proposal:
    """One term to replace everywhere in one transcript."""

    term: str
    replacement: str
    kind: str
    """'participant', 'place', 'name' or 'capitalised' (a guess, off by default)."""
    count: int
    apply: bool = True
    examples: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(n.strip() for n in lines if n.strip() and not n.startswith("#"))


def assign_pseudonyms(store) -> dict[str, str]:
    """Give every participant without a pseudonym one; returns label → new pseudonym."""
    people = store.participants()
    given = new_pseudonyms(people)
    by_id = {p.id: p for p in people}
    for person_id, pseudonym in given.items():
        person = by_id[person_id]
        store.set_participant(person.label, casus=person.casus_id, pseudonym=pseudonym)
    return {by_id[i].label: p for i, p in given.items()}


def propose(store, transcript: Transcript) -> list[Proposal]:
    """Replacement proposals for one transcript, participants first."""
    text = transcript.text
    found: dict[str, Proposal] = {}

    def add(term: str, replacement: str, kind: str, on: bool = True) -> None:
        if term in found or not term.strip() or replacement == term:
            return
        spans = word_occurrences(text, term)
        if spans:
            found[term] = Proposal(
                term, replacement, kind, len(spans), on, [_context(text, *spans[0])]
            )

    people = store.participants(transcript.casus_id)
    for person in sorted(people, key=lambda p: -len(p.label)):
        speaker = person.label.rsplit("/", 1)[-1]
        if is_generic(speaker) or _abbreviation(speaker) or not person.pseudonym:
            continue  # "R", "D3", "KM", "GL": labels that name nobody
        add(speaker, person.pseudonym, "participant")
        first = speaker.split()[0]
        if len(speaker.split()) > 1 and first[:1].isupper() and len(first) > 2:
            add(first, person.pseudonym, "participant")
    casus = store.casus(transcript.casus_id)
    for key, value in casus.attributes.items():
        if key.casefold() in PLACE_KEYS and value:
            add(str(value), f"[{key.casefold()}]", "place")
    taken = {w for p in found.values() for w in p.term.split()}
    number = max((int(n) for n in _NAME_TAG_RE.findall(text)), default=0)
    names = first_names()
    for word, initial, titled in _capitalised_words(text):
        if word in taken or word in found:
            continue
        if word in names or titled:
            number += 1
            add(word, f"[naam{number}]", "name")
        elif not initial and word not in _NOT_NAMES and not word.isupper() and len(word) > 2:
            add(word, "[naam?]", "capitalised", on=False)
    return list(found.values())


def apply_proposals(store, transcript: Transcript, proposals: Sequence[Proposal], actor: str = ""):
    """Make the switched-on replacements in the text, re-anchoring every coding.

    Returns the re-anchoring report of ``replace_transcript`` (or None when nothing
    was to be replaced).
    """
    from ..store.replace_ops import replace_transcript

    replacements = non_overlapping(
        Replacement(s, e, p.replacement)
        for p in proposals
        if p.apply
        for s, e in word_occurrences(transcript.text, p.term)
    )
    if not replacements:
        return None
    new_text = apply_replacements(transcript.text, replacements)
    shift = offset_mapper(replacements)
    turns = [
        TurnDraft(u.speaker, u.timestamp, shift(u.start), shift(u.end))
        for u in store.turns(transcript.id)
    ]
    parsed = ParsedTranscript(text=new_text, turns=[u for u in turns if u.end > u.start])
    return replace_transcript(store, transcript.id, parsed, actor=actor)


def proposals_from_json(items: Sequence[dict]) -> list[Proposal]:
    """Proposals as written by ``Proposal.as_json`` (and edited by a researcher)."""
    out = []
    for item in items:
        out.append(
            Proposal(
                term=str(item["term"]),
                replacement=str(item["replacement"]),
                kind=str(item.get("kind", "")),
                count=int(item.get("count", 0)),
                apply=bool(item.get("apply", True)),
                examples=list(item.get("examples", [])),
            )
        )
    return out


def _capitalised_words(text: str) -> list[tuple[str, bool, bool]]:
    """Capitalised words in order of first appearance: (word, only ever at the start of a
    sentence or line, where capitals say nothing; ever after a title such as 'meneer')."""
    nlp = _blank_nl()
    seen: dict[str, list[bool]] = {}
    for line in text.split("\n"):
        previous = ""
        for token in nlp.make_doc(line):
            word = token.text
            before = line[: token.idx].rstrip()[-1:]
            initial = before in (
                "",
                ".",
                "!",
                "?",
                ":",
                "…",
                '"',
                "“",
                "‘",
                "'",
                "-",
                "–",
                "]",
                ")",
                ">",
            )
            common = word.casefold() in nlp.Defaults.stop_words  # "Daar", "Hij", "Maar"
            if word[:1].isupper() and word.isalpha() and not common:
                flags = seen.setdefault(word, [True, False])
                flags[0] = flags[0] and initial
                flags[1] = flags[1] or previous.casefold() in _TITLES
            previous = word
    return [(word, initial, titled) for word, (initial, titled) in seen.items()]


@lru_cache(maxsize=1)
def _blank_nl():
    import spacy

    return spacy.blank("nl")


def _abbreviation(label: str) -> bool:
    """A role abbreviation such as KM or GL (not a name in capitals such as BERT)."""
    return len(label) <= 3 and label.isupper() and label.title() not in first_names()


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width) : start].split("\n")[-1]
    right = text[end : end + width].split("\n")[0]
    return f"…{left}[{text[start:end]}]{right}…"
