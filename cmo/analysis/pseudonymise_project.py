"""Pseudonymising everything outside the transcript texts, so no real name is left.

After the transcripts (``pseudonymise.apply_proposals``), one mapping real → pseudonym is
built for the whole project — participants' names, the replacements applied in the
texts, the casus' places, and what ``deduce`` finds in memos, CMOC texts and theory
notes — and applied in one transaction to: memos and coding memos, CMOC titles,
descriptions and notes, chain notes, theory versions (notes and every text inside their
entries), casus and participant attributes, workbench drafts; and the names: casus
names, transcript names and source file names (slugs: one word at a time), participant
labels and the speakers their turns show. The learned suggestion model and the
embeddings of changed transcripts are dropped, since both were computed from the old
text (the model is retrained when there was one).

The coders (the research team, not the people studied) keep their names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..core.pseudonyms import Replacement, apply_replacements, non_overlapping, word_occurrences
from ..core.speakers import is_generic
from .name_finder import is_common_word
from .pseudonymise import (
    CONTACT_REPLACEMENTS,
    PLACE_KEYS,
    Proposal,
    _abbreviation,
    codebook_words,
    detected_names,
    name_parts,
)

_PLACEHOLDER = re.compile(r"\[[^\]]*\]|P-[A-Z]+\d+")
_SLUG_SPLIT = re.compile(r"([-_ ./]+)")


@dataclass
class Mapping:
    """Real term → replacement; case-insensitive terms are participants' names."""

    terms: dict[str, tuple[str, bool]]

    def add(self, term: str, replacement: str, any_case: bool = False) -> None:
        term = term.strip()
        if term and term != replacement and not _PLACEHOLDER.fullmatch(term):
            self.terms.setdefault(term, (replacement, any_case))

    def rewrite(self, text: str) -> str:
        if not text or not self.terms:
            return text
        lowered = text.casefold()
        edits = non_overlapping(
            Replacement(s, e, new)
            for term, (new, any_case) in self.terms.items()
            if term.split()[0].casefold() in lowered  # most terms are absent: skip the regex
            for s, e in word_occurrences(text, term, ignore_case=any_case)
        )
        return apply_replacements(text, edits) if edits else text

    def slug(self, token: str) -> str | None:
        """The replacement of one word of a slug (any case), as a slug; None when the
        word names nobody."""
        for term, (new, _any) in self.terms.items():
            if " " not in term and term.casefold() == token.casefold():
                return slugify(new)
        return None


def slugify(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-") or "x"


def team(store, extra: Iterable[str] = ()) -> frozenset[str]:
    """The coders' names (case-folded): the research team keeps its names."""
    names = store.pseudonyms.coders()
    return frozenset(n.casefold() for n in (*names, *extra) if n)


def participant_names(store, only: set[int] | None = None) -> dict[int, list[str]]:
    """Participant id → the names their label holds (the label, a first name, a
    surname after a title); empty for labels that name nobody (R, D3, KM, P-R01).
    ``only``: these participant ids alone."""
    out = {}
    for person in store.participants.all():
        if only is not None and person.id not in only:
            continue
        speaker = person.label.rsplit("/", 1)[-1]
        if is_generic(speaker) or _abbreviation(speaker) or _PLACEHOLDER.fullmatch(speaker):
            continue
        if speaker == person.pseudonym:
            continue
        out[person.id] = [speaker, *name_parts(speaker)]
    return out


def build_mapping(store, applied: Sequence[Proposal], scope: _Scope) -> Mapping:
    mapping = Mapping({})
    people = {p.id: p for p in store.participants.all()}
    for person_id, names in participant_names(store, scope.people).items():
        for name in names:
            if people[person_id].pseudonym:
                mapping.add(name, people[person_id].pseudonym, any_case=True)
    for casus in store.casussen.all():
        if scope.casussen is not None and casus.id not in scope.casussen:
            continue
        for key, value in casus.attributes.items():
            if key.casefold() in PLACE_KEYS and isinstance(value, str) and value:
                # "ede" in a memo is Ede too; "best" is not always Best.
                one_word = len(value.split()) == 1 and not is_common_word(value)
                mapping.add(value, f"[{key.casefold()}]", any_case=one_word)
    for p in applied:
        if p.apply:
            mapping.add(p.term, p.replacement, p.ignore_case)
    return mapping


def add_detected(mapping: Mapping, texts: Iterable[str], vocabulary, team_names) -> None:
    """Names deduce finds in these texts, into the mapping (persons → [naam], places →
    [plaats], contact details by kind); coders and codebook words stay."""
    for text in texts:
        for term, tag in detected_names(text):
            if term in mapping.terms or not keeps_a_name(term, tag, vocabulary, team_names):
                continue
            if tag in CONTACT_REPLACEMENTS:
                mapping.add(term, CONTACT_REPLACEMENTS[tag])
            elif tag == "locatie":
                mapping.add(term, "[plaats]")
            elif tag == "persoon":
                mapping.add(term, "[naam]")


def keeps_a_name(term: str, tag: str, vocabulary, team_names) -> bool:
    """Whether a deduce finding is a real name to replace: not a placeholder, not a
    coder's name, not made of codebook words, not an institution."""
    if tag in CONTACT_REPLACEMENTS:
        return True
    if tag not in ("persoon", "locatie") or len(term) < 2 or not term[:1].isalpha():
        return False
    if _PLACEHOLDER.fullmatch(term) or term.startswith(("P-", "[")):
        return False
    words = term.split()
    if tag == "persoon" and (term.casefold() in team_names or words[0].casefold() in team_names):
        return False
    return not all(w.casefold() in vocabulary for w in words)


def strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def slug_rewrite(slug: str, mapping: Mapping, vocabulary, team_names) -> str:
    """A transcript or file name with each word that names someone replaced."""
    parts = _SLUG_SPLIT.split(slug)
    out = []
    for i, part in enumerate(parts):
        if i % 2 or not part:
            out.append(part)
            continue
        new = mapping.slug(part)
        if new is None and part.isalpha():
            found = detected_names(part[:1].upper() + part[1:].lower())
            for term, tag in found:
                if keeps_a_name(term, tag, vocabulary, team_names):
                    new = "plaats" if tag == "locatie" else "naam"
        out.append(part if new is None else new)
    return "".join(out)


def _unique(new: str, taken: set[str], sep: str = "-") -> str:
    candidate, n = new, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{new}{sep}{n}"
    taken.add(candidate.casefold())
    return candidate


def plan_renames(store, mapping: Mapping, vocabulary, team_names, scope: _Scope):
    from ..store.repos.pseudonyms import Renames

    renames = Renames()
    taken = {c.name.casefold() for c in store.casussen.all()}
    for casus in store.casussen.all() if scope.transcripts is None else ():
        new = mapping.rewrite(casus.name)
        for term, tag in detected_names(new):
            if tag == "locatie" and keeps_a_name(term, tag, vocabulary, team_names):
                new = Mapping({term: ("[plaats]", False)}).rewrite(new)
        if new != casus.name:
            taken.discard(casus.name.casefold())
            renames.casus[casus.id] = _unique(new, taken, " ")
    transcripts = store.transcripts.all()
    taken = {t.name.casefold() for t in transcripts}
    new_names: dict[str, str] = {}
    for t in transcripts:
        if scope.transcripts is not None and t.id not in scope.transcripts:
            continue
        name = slug_rewrite(t.name, mapping, vocabulary, team_names)
        source = slug_rewrite(t.source_name, mapping, vocabulary, team_names)
        if name != t.name:
            taken.discard(t.name.casefold())
            name = _unique(name, taken)
        if (name, source) != (t.name, t.source_name):
            renames.transcripts[t.id] = (name, source)
            new_names[t.name] = name
    named = participant_names(store, scope.people)
    for person in store.participants.all():
        if scope.people is not None and person.id not in scope.people:
            continue
        prefix, _, speaker = person.label.rpartition("/")
        if person.id in named and person.pseudonym:
            renames.participants[person.id] = person.pseudonym
            renames.speakers[person.id] = person.pseudonym
        elif prefix in new_names:
            renames.participants[person.id] = f"{new_names[prefix]}/{speaker}"
    return renames


@dataclass
class ProjectPlan:
    mapping: Mapping
    renames: object
    """``cmo.store.repos.pseudonyms.Renames``"""

    def key(self, store) -> dict:
        """Real → pseudonym, for the key file: whoever holds it can undo the
        pseudonymisation, so it is written only on request and never into the project."""
        people = {p.id: p for p in store.participants.all()}
        casus = {c.id: c.name for c in store.casussen.all()}
        transcripts = {t.id: t.name for t in store.transcripts.all()}
        return {
            "participants": [
                {"label": people[i].label, "casus": casus[people[i].casus_id], "pseudonym": new}
                for i, new in sorted(self.renames.participants.items())
            ],
            "casussen": {casus[i]: new for i, new in sorted(self.renames.casus.items())},
            "transcripts": {
                transcripts[i]: name for i, (name, _src) in sorted(self.renames.transcripts.items())
            },
            "terms": {term: new for term, (new, _any) in sorted(self.mapping.terms.items())},
        }


@dataclass
class _Scope:
    """What one run covers: everything (None), or some transcripts, the people who speak
    in them and their casussen."""

    transcripts: set[int] | None = None
    people: set[int] | None = None
    casussen: set[int] | None = None


def plan_project(
    store, applied: Sequence[Proposal], extra_team=(), transcripts: set[int] | None = None
) -> ProjectPlan:
    """What replaces what outside the transcript texts; changes nothing.

    ``transcripts``: a run on some transcripts only (``cmo pseudonymise NAME``): their
    names, the participants who speak in them, and the replacements made there go
    everywhere (memos, CMOCs …); other names and casus names are left for ``--all``."""
    scope = _Scope()
    if transcripts is not None:
        scope = _Scope(
            transcripts,
            {
                u.participant_id
                for t in transcripts
                for u in store.transcripts.turns(t)
                if u.participant_id
            },
            {store.transcripts.get(t).casus_id for t in transcripts},
        )
    team_names = team(store, extra_team)
    vocabulary = codebook_words(store)
    mapping = build_mapping(store, applied, scope)
    if transcripts is None:
        # Casus names are not searched for persons: they name projects ("Service voor de
        # Wijk Ede", where deduce reads a surname); their places go in the renames.
        texts = [s for _where, value in store.pseudonyms.free_texts() for s in strings_in(value)]
        add_detected(mapping, texts, vocabulary, team_names)
    renames = plan_renames(store, mapping, vocabulary, team_names, scope)
    return ProjectPlan(mapping, renames)


@dataclass
class ProjectReport:
    texts: int
    renamed: int
    embeddings: int
    model: str
    """'' (there was none), 'retrained' or 'dropped' (retraining failed; run cmo train)"""


def apply_project(
    store, plan: ProjectPlan, targets: Sequence[tuple[object, Sequence[Proposal]]], actor: str
) -> tuple[list, ProjectReport]:
    """The transcripts' replacements and everything outside them, in ONE transaction:
    a kill or a full disk leaves the project as it was, never half pseudonymised.
    Returns each transcript's re-anchoring report (None: nothing replaced) and totals."""
    from .pseudonymise import apply_proposals

    reports = []
    with store.transaction() as tx:
        for transcript, proposals in targets:
            reports.append(apply_proposals(tx, transcript, proposals, actor))
        changed = {t.id for (t, _), r in zip(targets, reports, strict=True) if r is not None}
        counts = tx.pseudonyms.rewrite(plan.mapping.rewrite, plan.renames, changed)
    model = ""
    if counts["models"]:
        model = "dropped"
        try:
            from ..suggest.persist import train_project

            train_project(store)
            model = "retrained"
        except Exception:  # noqa: BLE001 - a failed retrain leaves no model, never the old one
            pass
    return reports, ProjectReport(counts["texts"], counts["renamed"], counts["embeddings"], model)
