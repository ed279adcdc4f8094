"""Proposing and applying pseudonyms in transcript texts.

Proposals come from four sources, strongest first:

1. participants' names (speakers with a real name, in any case: ROY, Roy) → their
   pseudonym (P-R01, P-KM2 …): one person, one replacement, in labels and in the text;
2. places from the casus attributes (plaats, gemeente, wijk …) → ``[plaats]`` etc.;
3. persons and places found by ``deduce`` (Dutch de-identification: names, surnames
   with interfixes, initials, places) → ``[naam1]``, ``[naam2]`` … and ``[plaats]``;
   institutions it finds are proposed switched off;
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

from ..core.domain import ParsedTranscript, Transcript, TurnDraft
from ..core.errors import Conflict
from ..core.names import check_name
from ..core.pseudonyms import (
    Replacement,
    apply_replacements,
    new_pseudonyms,
    non_overlapping,
    offset_mapper,
    pseudonym_problem,
    word_occurrences,
)
from ..core.speakers import is_generic

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
_TITLE_WORDS = {t.rstrip(".") for t in _TITLES}
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
    ignore_case: bool = False
    """Replace the term in any case (a speaker label ROY and the name Roy are one person)."""

    def as_json(self) -> dict:
        return asdict(self)


def assign_pseudonyms(store) -> dict[str, str]:
    """Give every participant without a pseudonym one; returns label → new pseudonym."""
    people = store.participants()
    given = new_pseudonyms(people, forbidden=[c.id for c in store.codes()])
    by_id = {p.id: p for p in people}
    for person_id, pseudonym in given.items():
        person = by_id[person_id]
        store.set_participant(person.label, casus=person.casus_id, pseudonym=pseudonym)
    return {by_id[i].label: p for i, p in given.items()}


def set_pseudonym(store, label: str, pseudonym: str, casus: str | None = None):
    """Choose a participant's pseudonym; refused when another participant has it, when
    it is a code id, or when it holds control characters."""
    check_name("pseudonym", pseudonym)
    person = store.participant(label, casus)
    problem = pseudonym_problem(
        pseudonym, person, store.participants(), [c.id for c in store.codes()]
    )
    if problem:
        raise Conflict(problem)
    return store.set_participant(person.label, casus=person.casus_id, pseudonym=pseudonym.strip())


def propose(store, transcript: Transcript) -> list[Proposal]:
    """Replacement proposals for one transcript, participants first."""
    text = transcript.text
    found: dict[str, Proposal] = {}
    taken: set[str] = set()  # case-folded terms already proposed: one person, one replacement

    def add(term: str, replacement: str, kind: str, on: bool = True, any_case=False) -> None:
        if term.casefold() in taken or not term.strip() or replacement == term:
            return
        spans = word_occurrences(text, term, ignore_case=any_case)
        if spans:
            found[term] = Proposal(
                term, replacement, kind, len(spans), on, [_context(text, *spans[0])], any_case
            )
            taken.add(term.casefold())

    people = store.participants(transcript.casus_id)
    for person in sorted(people, key=lambda p: -len(p.label)):
        speaker = person.label.rsplit("/", 1)[-1]
        if is_generic(speaker) or _abbreviation(speaker) or not person.pseudonym:
            continue  # "R", "D3", "KM", "GL": labels that name nobody
        add(speaker, person.pseudonym, "participant", any_case=True)
        first = speaker.split()[0]
        if len(speaker.split()) > 1 and first[:1].isupper() and len(first) > 2:
            add(first, person.pseudonym, "participant", any_case=True)
    casus = store.casus(transcript.casus_id)
    for key, value in casus.attributes.items():
        if key.casefold() in PLACE_KEYS and value:
            add(str(value), f"[{key.casefold()}]", "place")
    number = max((int(n) for n in _NAME_TAG_RE.findall(text)), default=0)
    for term, tag in detected_names(text):
        if tag == "locatie":
            add(term, "[plaats]", "place")
        elif tag == "instelling":
            add(term, "[instelling]", "institution", on=False)
        elif term.casefold() not in taken:
            number += 1
            tag_text = f"[naam{number}]"
            add(term, tag_text, "name")
            parts = [w for w in term.split() if w[:1].isupper() and len(w) > 2 and w.isalpha()]
            for part in parts if len(parts) > 1 else ():  # "Gerard" and "Berg" alone too
                add(part, tag_text, "name")
    words_taken = {w.casefold() for term in taken for w in term.split()}
    for word, initial, _titled in _capitalised_words(text):
        if word.casefold() in words_taken:
            continue
        if not initial and word not in _NOT_NAMES and not word.isupper() and len(word) > 2:
            add(word, "[naam?]", "capitalised", on=False)
    return list(found.values())


_PERSON_TAGS = ("persoon", "patient")
_KEPT_TAGS = (*_PERSON_TAGS, "locatie", "instelling")


def detected_names(text: str) -> list[tuple[str, str]]:
    """(term, tag) for every person, place and institution ``deduce`` finds, in order of
    first appearance; a title before a name (meneer, mevrouw) is left out of the term."""
    seen: dict[str, str] = {}
    for annotation in sorted(_deduce().deidentify(text).annotations, key=lambda a: a.start_char):
        tag = "persoon" if annotation.tag in _PERSON_TAGS else annotation.tag
        if tag not in _KEPT_TAGS:
            continue
        words = annotation.text.split()
        while words and words[0].casefold().rstrip(".") in _TITLE_WORDS:
            words = words[1:]
        term = " ".join(words).strip(" .,;:")
        if len(term) > 1 and term not in seen and not term.startswith("["):
            seen[term] = tag
    return list(seen.items())


@lru_cache(maxsize=1)
def _deduce():
    # Loaded on first use only: building its lookup tables takes seconds.
    from deduce import Deduce

    return Deduce()


def apply_proposals(store, transcript: Transcript, proposals: Sequence[Proposal], actor: str = ""):
    """Make the switched-on replacements in the text, re-anchoring every coding.

    Returns the re-anchoring report of ``replace_transcript`` (or None when nothing
    was to be replaced).
    """
    from ..store.replace_ops import replace_transcript

    for p in proposals:  # a replacement is text put into the transcript: no controls
        if p.apply:
            check_name("replacement", p.replacement)
    replacements = non_overlapping(
        Replacement(s, e, p.replacement)
        for p in proposals
        if p.apply
        for s, e in word_occurrences(transcript.text, p.term, ignore_case=p.ignore_case)
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
                ignore_case=bool(item.get("ignore_case", False)),
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


ROLE_ABBREVIATIONS = frozenset("I R D GL KM BM MW WT TB JC PC CM INT RES MOD OND VZ SPR IV".split())


def _abbreviation(label: str) -> bool:
    """A role abbreviation such as KM or GL; a name in capitals (ROY, BERT) is not one."""
    return label.upper() == label and label.rstrip("0123456789") in ROLE_ABBREVIATIONS


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width) : start].split("\n")[-1]
    right = text[end : end + width].split("\n")[0]
    return f"…{left}[{text[start:end]}]{right}…"


def pseudonymise_memos(store, applied: Sequence[Proposal], actor: str = "") -> int:
    """Make the applied replacements (and every participant's name → pseudonym) in memos
    and coding memos too; returns how many memos changed."""
    mapping: dict[str, tuple[str, bool]] = {}
    for person in store.participants():
        speaker = person.label.rsplit("/", 1)[-1]
        if person.pseudonym and not (is_generic(speaker) or _abbreviation(speaker)):
            mapping[speaker] = (person.pseudonym, True)
    for p in applied:
        if p.apply:
            mapping.setdefault(p.term, (p.replacement, p.ignore_case))

    def replaced(text: str) -> str:
        edits = non_overlapping(
            Replacement(s, e, new)
            for term, (new, any_case) in mapping.items()
            for s, e in word_occurrences(text, term, ignore_case=any_case)
        )
        return apply_replacements(text, edits) if edits else text

    changed = 0
    for memo in store.memos():
        new = replaced(memo.text)
        if new != memo.text:
            store.set_memo(memo.target_kind, memo.target_id, new, author=actor)
            changed += 1
    for coding in store.codings():
        if coding.memo and replaced(coding.memo) != coding.memo:
            store.update_coding(coding.id, actor=actor, memo=replaced(coding.memo))
            changed += 1
    return changed
