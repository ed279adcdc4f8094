"""The CMO-configuration matrix: one row per CMOC with its evidence.

Per casus the matrix holds the CMOCs of that casus, and the project-wide CMOCs that
have evidence there, counted on that evidence only. The overview holds every CMOC
with all its evidence.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from ..core.cmoc import ALL_CASUSSEN, Cmoc, cmoc_sentence
from ..core.text import short_quote
from .corpus import Corpus
from .fragments import Fragment

QUOTE_WIDTH = 160
"""Characters of a short quote (markdown, the terminal); spreadsheets get the whole text."""


@dataclass(frozen=True)
class Evidence:
    coding_id: int
    code_id: str
    transcript: str
    casus: str
    speaker: str
    turn: int | None
    quote: str
    """The whole coded text; where it spans turns, each part starts with its speaker in
    brackets (``[Respondent]``) instead of the label as typed in the transcript."""
    direction: str = "ondersteunt"
    """'ondersteunt' or 'weerspreekt' (evidence against the CMOC)."""

    def short(self, width: int = QUOTE_WIDTH) -> str:
        """A one-line quote for markdown and the terminal, cut at word boundaries."""
        return short_quote(self.quote, width)

    def line(self, width: int | None = None) -> str:
        """``transcript · speaker · beurt 3 · C1: “quote”``: the whole quote, or a short
        one of about ``width`` characters."""
        where = f"beurt {self.turn}" if self.turn is not None else "buiten beurten"
        who = self.speaker or "?"
        against = " · TEGEN" if self.direction == "weerspreekt" else ""
        quote = self.quote if width is None else self.short(width)
        return f"{self.transcript} · {who} · {where} · {self.code_id}{against}: “{quote}”"


@dataclass(frozen=True)
class MatrixRow:
    id: str
    title: str
    casus: str
    contexts: list[str]
    mechanisms: list[str]
    resource: str
    reasoning: str
    outcomes: list[str]
    fired: str
    relation: str
    fragments: int
    participants: int
    evidence: list[Evidence]
    memo: str = ""
    sentence: str = ""
    """Als [context], dan [outcome], omdat [resource] → [reasoning]."""
    against: int = 0
    """How many of the fragments are evidence against."""


@dataclass(frozen=True)
class CmoMatrix:
    scope: str
    """A casus name, or 'alle casussen' for the overview."""
    rows: list[MatrixRow]


def cmo_matrices(
    corpus: Corpus, cmocs: list[Cmoc], casus_id: int | None = None, per_casus: bool = True
) -> list[CmoMatrix]:
    """The overview (unless ``casus_id`` is given) and one matrix per casus.

    Args:
        corpus: The loaded project.
        cmocs: The CMOCs to show (all of the project, normally).
        casus_id: Only the matrix of this casus.
        per_casus: Add one matrix per casus after the overview.
    """
    fragments = corpus.fragments_by_id({c for x in cmocs for c in x.evidence})
    corpus.load_texts({f.transcript_id for f in fragments.values()})
    cache: dict[int, Evidence] = {}
    if casus_id is not None:
        return [_matrix(corpus, cmocs, fragments, casus_id, cache)]
    out = [_matrix(corpus, cmocs, fragments, None, cache)]
    if per_casus:
        order = sorted(corpus.casussen, key=lambda c: corpus.casussen[c].casefold())
        out += [_matrix(corpus, cmocs, fragments, c, cache) for c in order]
    return out


def scoped_evidence(
    corpus: Corpus, x: Cmoc, fragments: dict[int, Fragment], casus_id: int | None
) -> list[Fragment] | None:
    """The CMOC's evidence fragments in a casus (None: all), in text order; None when the
    CMOC does not belong there (another casus, or project-wide without evidence there)."""
    found = [fragments[c] for c in x.evidence if c in fragments]
    if casus_id is not None:
        if x.casus_id is None:
            found = [f for f in found if corpus.casus_of(f) == casus_id]
            if not found:
                return None
        elif x.casus_id != casus_id:
            return None
    # The same span with the same code from two coders is one fragment.
    unique: dict[tuple, Fragment] = {}
    for f in sorted(found, key=lambda f: f.id):
        unique.setdefault((f.transcript_id, f.start, f.end, f.code_id), f)
    return sorted(unique.values(), key=lambda f: (corpus.docs[f.transcript_id].name, f.start, f.id))


def _matrix(
    corpus: Corpus,
    cmocs: list[Cmoc],
    fragments: dict[int, Fragment],
    casus_id: int | None,
    cache: dict[int, Evidence],
) -> CmoMatrix:
    rows: list[MatrixRow] = []
    for x in cmocs:
        found = scoped_evidence(corpus, x, fragments, casus_id)
        if found is None:
            continue
        people = {p for f in found for p in f.participants}
        contra = set(x.against)
        rows.append(
            MatrixRow(
                id=x.id,
                title=x.title,
                casus=corpus.casussen.get(x.casus_id, ALL_CASUSSEN) if x.casus_id else ALL_CASUSSEN,
                contexts=[corpus.code_label(c) for c in x.contexts],
                mechanisms=[corpus.code_label(c) for c in x.mechanisms],
                resource=x.resource,
                reasoning=x.reasoning,
                outcomes=[corpus.code_label(c) for c in x.outcomes],
                fired=x.fired,
                relation=x.relation,
                fragments=len(found),
                participants=len(people),
                evidence=[
                    _directed(
                        cache.get(f.id) or cache.setdefault(f.id, _evidence(corpus, f)),
                        f.id in contra,
                    )
                    for f in found
                ],
                memo=x.memo,
                sentence=cmoc_sentence(x, {k: c.name for k, c in corpus.codes.items()}),
                against=sum(f.id in contra for f in found),
            )
        )
    scope = ALL_CASUSSEN if casus_id is None else corpus.casussen[casus_id]
    return CmoMatrix(scope=scope, rows=rows)


def _directed(evidence: Evidence, against: bool) -> Evidence:
    # The cache is shared by CMOCs; the direction belongs to one CMOC's link.
    return replace(evidence, direction="weerspreekt") if against else evidence


def _evidence(corpus: Corpus, f: Fragment) -> Evidence:
    doc = corpus.docs[f.transcript_id]
    speaker = corpus.speaker_of(f)
    return Evidence(
        coding_id=f.id,
        code_id=f.code_id,
        transcript=doc.name,
        casus=corpus.casussen.get(doc.casus_id, ""),
        speaker=speaker,
        turn=f.turn,
        quote=evidence_text(corpus, f),
    )


def evidence_text(corpus: Corpus, f: Fragment) -> str:
    """The whole coded text of a fragment. Across turns, each part is headed by its
    speaker as ``[Name]`` (the pseudonym when set) and the labels typed between the
    turns (``[00:05:48] Respondent:``) are left out."""
    text = corpus.text(f.transcript_id)
    turns = corpus.turns.get(f.transcript_id, [])
    i = max(bisect_right(corpus.turn_starts(f.transcript_id), f.start) - 1, 0)
    parts: list[tuple[str, str]] = []
    while i < len(turns) and turns[i][1] < f.end:
        _idx, start, end, pid, speaker = turns[i]
        if end > f.start:
            piece = text[max(start, f.start) : min(end, f.end)].strip()
            person = corpus.people.get(pid) if pid is not None else None
            who = (person.pseudonym if person and person.pseudonym else speaker) or "?"
            if piece:
                parts.append((who, piece))
        i += 1
    if len(parts) < 2:
        return parts[0][1] if parts else text[f.start : f.end].strip()
    return "\n".join(f"[{who}] {piece}" for who, piece in parts)
