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
    people = store.participants.all()
    given = new_pseudonyms(people, forbidden=[c.id for c in store.codebook.codes()])
    by_id = {p.id: p for p in people}
    for person_id, pseudonym in given.items():
        person = by_id[person_id]
        store.participants.set(person.label, casus=person.casus_id, pseudonym=pseudonym)
    return {by_id[i].label: p for i, p in given.items()}


def set_pseudonym(store, label: str, pseudonym: str, casus: str | None = None):
    """Choose a participant's pseudonym; refused when another participant has it, when
    it is a code id, or when it holds control characters."""
    check_name("pseudonym", pseudonym)
    person = store.participants.get(label, casus)
    problem = pseudonym_problem(
        pseudonym, person, store.participants.all(), [c.id for c in store.codebook.codes()]
    )
    if problem:
        raise Conflict(problem)
    return store.participants.set(person.label, casus=person.casus_id, pseudonym=pseudonym.strip())


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

    people = store.participants.all(transcript.casus_id)
    for person in sorted(people, key=lambda p: -len(p.label)):
        speaker = person.label.rsplit("/", 1)[-1]
        if is_generic(speaker) or _abbreviation(speaker) or not person.pseudonym:
            continue  # "R", "D3", "KM", "GL": labels that name nobody
        add(speaker, person.pseudonym, "participant", any_case=True)
        for part in name_parts(speaker):
            add(part, person.pseudonym, "participant", any_case=True)
    casus = store.casussen.get(transcript.casus_id)
    for key, value in casus.attributes.items():
        if key.casefold() in PLACE_KEYS and value:
            add(str(value), f"[{key.casefold()}]", "place")
    number = max((int(n) for n in _NAME_TAG_RE.findall(text)), default=0)
    vocabulary = codebook_words(store)
    for term, tag in detected_names(text):
        if tag in CONTACT_REPLACEMENTS:
            add(term, CONTACT_REPLACEMENTS[tag], "contact")
        elif all(w.casefold() in vocabulary for w in term.split()):
            continue  # a codebook word ("Participatiewet"), not a name
        elif tag == "locatie":
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


CONTACT_REPLACEMENTS = {
    "telefoonnummer": "[telefoon]",
    "emailadres": "[e-mail]",
    "bsn": "[bsn]",
}


def name_parts(label: str) -> list[str]:
    """The parts of a participant's name that name them alone: for "Jan de Vries" the
    first name "Jan"; for "Mevrouw Jansen" the surname "Jansen", never the bare title."""
    from .name_finder import is_title

    words = label.split()
    rest = [w for w in words if not is_title(w)]
    if len(words) < 2 or not rest:
        return []
    parts = []
    if len(rest) < len(words):  # "Mevrouw Jansen", "meneer De Boer"
        parts.append(" ".join(rest))
    elif rest[0][:1].isupper() and len(rest[0]) > 2:
        parts.append(rest[0])  # "Jan"
        if len(rest) > 1:
            parts.append(" ".join(rest[1:]))  # "de Vries", "Kuipers"
    return parts


_FAMILY_NAMES = ("c", "m", "o", "contexten", "mechanismen", "uitkomsten", "context", "mechanisme")


def codebook_words(store) -> frozenset[str]:
    """Case-folded words of the codebook's code and cluster names and keywords: a term
    made of these only is a concept of the study, not a name."""
    import re as _re

    words: set[str] = set()
    texts = [t for code in store.codebook.codes() for t in (code.name, code.family, *code.keywords)]
    texts += [t for cluster in store.codebook.clusters() for t in (cluster.name, cluster.family)]
    for text in texts:
        words.update(w.casefold() for w in _re.findall(r"\w+", str(text)))
    return frozenset(words | set(_FAMILY_NAMES))


def detected_names(text: str) -> list[tuple[str, str]]:
    """(term, tag) for every person, place, institution and contact detail ``deduce``
    finds (see ``name_finder``)."""
    from .name_finder import detected_names as found

    return list(found(text))


def apply_proposals(store, transcript: Transcript, proposals: Sequence[Proposal], actor: str = ""):
    """Make the switched-on replacements in the text, re-anchoring every coding.

    Returns the re-anchoring report of ``replace_transcript`` (or None when nothing
    was to be replaced).
    """

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
        for u in store.transcripts.turns(transcript.id)
    ]
    parsed = ParsedTranscript(text=new_text, turns=[u for u in turns if u.end > u.start])
    # ``store`` may be a unit of work: ``pseudonymise --all`` is one transaction.
    return store.bulk.replace_transcript(transcript.id, parsed, actor=actor)


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


_TOKEN = re.compile(r"\w+|[^\w\s]")
_SENTENCE_OPENERS = frozenset(".!?:…\"“‘'-–])>")


def _capitalised_words(text: str) -> list[tuple[str, bool, bool]]:
    """Capitalised words in order of first appearance: (word, only ever at the start of a
    sentence or line, where capitals say nothing; ever after a title such as 'meneer')."""
    common = _common_words()
    seen: dict[str, list[bool]] = {}
    for line in text.split("\n"):
        previous = ""
        for token in _TOKEN.finditer(line):
            word = token.group()
            before = line[: token.start()].rstrip()[-1:]
            initial = before == "" or before in _SENTENCE_OPENERS
            # "Daar", "Hij", "Maar": common Dutch words, capitalised or not
            if word[:1].isupper() and word.isalpha() and word.casefold() not in common:
                flags = seen.setdefault(word, [True, False])
                flags[0] = flags[0] and initial
                flags[1] = flags[1] or previous.casefold() in _TITLES
            previous = word
    return [(word, initial, titled) for word, (initial, titled) in seen.items()]


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    # deduce's list of Dutch stop words (it is loaded for the names anyway; spaCy's
    # tokenizer alone took seconds to start for this), and pronouns it leaves out.
    from .name_finder import deduce_instance

    words = {w.casefold() for w in deduce_instance().lookup_structs["stop_word"].items()}
    return frozenset(words | set(_PRONOUNS))


_PRONOUNS = (
    "ik jij je u hij zij ze wij we jullie zij mij me hem haar ons hun maar toen nu ook".split()
)


ROLE_ABBREVIATIONS = frozenset("I R D GL KM BM MW WT TB JC PC CM INT RES MOD OND VZ SPR IV".split())


def _abbreviation(label: str) -> bool:
    """A role abbreviation such as KM or GL; a name in capitals (ROY, BERT) is not one."""
    return label.upper() == label and label.rstrip("0123456789") in ROLE_ABBREVIATIONS


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width) : start].split("\n")[-1]
    right = text[end : end + width].split("\n")[0]
    return f"…{left}[{text[start:end]}]{right}…"
