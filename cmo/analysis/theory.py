"""The programme theory as the report, the diagram and the workbench show it.

For each CMOC: its if–then–because sentence, its judgement in a version, its evidence
for and against counted per casus and participant, the confidence the evidence
suggests, and whole quotes. Counting follows the CMO matrix: the same span with the
same code from two coders is one fragment; interviewers are not participants.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.chains import chains
from ..core.cmoc import ALL_CASUSSEN, Cmoc, cmoc_sentence
from ..core.evidence import (
    DemiRegularity,
    EvidenceCounts,
    count_evidence,
    demi_regularities,
    suggest_confidence,
)
from ..core.theory import TheoryEntry, TheoryVersion
from .corpus import Corpus
from .fragments import Fragment
from .matrix import scoped_evidence

QUOTES_PER_CMOC = 2


@dataclass(frozen=True)
class Quote:
    """A whole quote: the coded text, with who said it, where and in which turn."""

    coding_id: int
    code_id: str
    text: str
    speaker: str
    transcript: str
    casus: str
    turn: int | None
    direction: str

    def source(self) -> str:
        where = f"beurt {self.turn}" if self.turn is not None else "buiten beurten"
        return f"{self.speaker or '?'}, {self.transcript}, {where}"


@dataclass(frozen=True)
class CmocView:
    cmoc: Cmoc
    casus: str
    sentence: str
    entry: TheoryEntry
    counts: EvidenceCounts
    suggested: tuple[str, str]
    """(confidence, why) from ``core.evidence.suggest_confidence``."""
    quotes: list[Quote] = field(default_factory=list)


@dataclass(frozen=True)
class TheoryView:
    scope: str
    """A casus name or 'alle casussen'."""
    version: TheoryVersion | None
    cmocs: list[CmocView]
    chains: list[list[str]]
    links: list[tuple[str, str]]
    demi_regularities: list[DemiRegularity]


def theory_view(
    corpus: Corpus,
    cmocs: list[Cmoc],
    version: TheoryVersion | None,
    links: list[tuple[str, str]],
    casus_id: int | None = None,
    quotes: int = QUOTES_PER_CMOC,
) -> TheoryView:
    """The theory across casussen (``casus_id`` None) or in one casus.

    In one casus: its own CMOCs and the project-wide ones with evidence there, counted
    on that evidence only (as in the CMO matrix).
    """
    fragments = corpus.fragments_by_id({c for x in cmocs for c in x.evidence})
    corpus.load_texts({f.transcript_id for f in fragments.values()})
    names = {k: c.name for k, c in corpus.codes.items()}
    views: list[CmocView] = []
    for x in cmocs:
        found = scoped_evidence(corpus, x, fragments, casus_id)
        if found is None:
            continue
        against = set(x.against)
        counts = count_evidence(
            [
                (
                    corpus.casussen.get(corpus.casus_of(f), ""),
                    _people(corpus, f),
                    "weerspreekt" if f.id in against else "ondersteunt",
                )
                for f in found
            ]
        )
        entry = (version.entries.get(x.id) if version else None) or TheoryEntry(x.id)
        views.append(
            CmocView(
                cmoc=x,
                casus=corpus.casussen.get(x.casus_id, ALL_CASUSSEN) if x.casus_id else ALL_CASUSSEN,
                sentence=cmoc_sentence(x, names),
                entry=entry,
                counts=counts,
                suggested=suggest_confidence(counts),
                quotes=_pick_quotes(corpus, found, against, quotes),
            )
        )
    shown = {v.cmoc.id for v in views}
    scoped = [(a, b) for a, b in links if a in shown and b in shown]
    regularities = demi_regularities(
        [(v.cmoc.id, v.cmoc.mechanisms, v.cmoc.outcomes, v.counts.casussen_for) for v in views]
    )
    scope = ALL_CASUSSEN if casus_id is None else corpus.casussen[casus_id]
    return TheoryView(scope, version, views, chains(scoped), scoped, regularities)


def whole_quote(corpus: Corpus, f: Fragment) -> str:
    """The coded text in full, white space collapsed: never shortened."""
    return " ".join(corpus.text(f.transcript_id)[f.start : f.end].split())


def _people(corpus: Corpus, f: Fragment) -> tuple[str, ...]:
    """The fragment's participants by the attribution rule, by name."""
    return tuple(corpus.people[p].name if p in corpus.people else str(p) for p in f.participants)


def _pick_quotes(
    corpus: Corpus, found: list[Fragment], against: set[int], most: int
) -> list[Quote]:
    """Supporting quotes first, each from another participant and span where possible,
    then quotes against; mechanism codings first, as they carry the reasoning."""
    order = {"M": 0, "O": 1, "C": 2}

    def rank(f: Fragment):
        code = corpus.codes.get(f.code_id)
        return (f.id in against, order.get(code.family if code else "", 3), f.id)

    picked: list[Fragment] = []
    people: set = set()
    spans: set = set()
    for f in sorted(found, key=rank):
        if len(picked) == most:
            break
        span = (f.transcript_id, f.start, f.end)
        if span in spans or people.intersection(f.participants):
            continue
        picked.append(f)
        spans.add(span)
        people.update(f.participants)
    for f in sorted(found, key=rank):  # fewer people than quotes wanted: any other span
        if len(picked) == most:
            break
        if (f.transcript_id, f.start, f.end) not in spans:
            picked.append(f)
            spans.add((f.transcript_id, f.start, f.end))
    return [_quote(corpus, f, "weerspreekt" if f.id in against else "ondersteunt") for f in picked]


def _quote(corpus: Corpus, f: Fragment, direction: str) -> Quote:
    doc = corpus.docs[f.transcript_id]
    return Quote(
        coding_id=f.id,
        code_id=f.code_id,
        text=whole_quote(corpus, f),
        speaker=corpus.speaker_of(f),
        transcript=doc.name,
        casus=corpus.casussen.get(doc.casus_id, ""),
        turn=f.turn,
        direction=direction,
    )
