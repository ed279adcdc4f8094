"""What a suggestion shows beside its score: the matched words, the likeness to the
definition, the two most similar coded fragments and the classifier's word.

``build_suggestion`` turns one ranked code into a ``Suggestion`` with its one-line Dutch
explanation; only the suggestions shown are built.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..core.domain import Code
from .learned import LearnedScores
from .lexicon import LexScore

LEARNED_EVIDENCE = 0.3
"""A learned probability from which the learned part counts as a source of a suggestion."""


@dataclass
class Suggestion:
    """One suggested code for one fragment; plain data for the CLI, the TUI and JSON.

    See docs/suggestions.md for the fields as the workbench and review screen use them."""

    code_id: str
    name: str
    family: str
    score: float
    """The blended score (0–1): the weighted mean of the sources' scores."""
    source: str
    """The source that contributed most: 'lexicon', 'definition', 'similar' or 'classifier'."""
    explanation: str
    """One line, Dutch: matched words, definition similarity, the similar fragments."""
    lexicon: float = 0.0
    learned: float | None = None
    """The classifier's probability (None without a trained model)."""
    matches: list[dict] = field(default_factory=list)
    """Keyword evidence: keyword, matched, how, start, end (offsets into the text), weight,
    negated (a 'geen', 'niet' … just before it)."""
    similar: list[dict] = field(default_factory=list)
    """The two most similar coded fragments holding this code: transcript_id, transcript,
    speaker, start, end, similarity, quote (never the fragment itself)."""
    sources: dict[str, float] = field(default_factory=dict)
    """Each available source's own 0–1 score for this code."""

    def to_dict(self) -> dict:
        return asdict(self)


def build_suggestion(
    code: Code,
    score: float,
    main: str,
    mine: dict[str, float],
    lex: LexScore | None,
    learned: LearnedScores | None,
    neighbours: list,
    places: dict | None = None,
) -> Suggestion:
    """``places``: (transcript id, start, end) → (transcript name, speaker) of the coded
    fragments, for the learned model's similar fragments (which keep only the span)."""
    lex = lex or LexScore()
    keyword_hits = [h for h in lex.hits if h.how != "definition"]
    parts = []
    if keyword_hits:
        parts.append(
            "trefwoorden: "
            + ", ".join(
                dict.fromkeys(h.describe() for h in sorted(keyword_hits, key=lambda h: -h.weight))
            )
        )
    if mine.get("definition", 0) > 0:
        parts.append(f"lijkt op de definitie ({mine['definition']:.2f})")
    else:
        definition = [h.matched for h in lex.hits if h.how == "definition"]
        if definition:
            parts.append("definitiewoorden: " + definition[0])
    similar = _similar_of(code.id, neighbours, learned, places or {})
    if similar:
        parts.append(
            "lijkt op: "
            + " | ".join(
                f"“{s['quote']}” ({s['transcript']}, {s['speaker'] or '-'}, {s['similarity']:.2f})"
                for s in similar
            )
        )
    if mine.get("classifier", 0) >= LEARNED_EVIDENCE:
        parts.append(f"classifier {mine['classifier']:.2f}")
    return Suggestion(
        code_id=code.id,
        name=code.name,
        family=code.family,
        score=round(score, 4),
        source=main,
        explanation="; ".join(parts) or "zwakke overeenkomst",
        lexicon=round(lex.probability, 4),
        learned=None if learned is None else round(learned.classifier.get(code.id, 0.0), 4),
        matches=[
            {
                "keyword": h.keyword,
                "matched": h.matched,
                "how": h.how,
                "start": h.start,
                "end": h.end,
                "weight": h.weight,
                "negated": h.negated,
            }
            for h in keyword_hits
        ],
        similar=similar,
        sources={s: round(v, 4) for s, v in mine.items()},
    )


def _similar_of(
    code_id: str, neighbours: list, learned: LearnedScores | None, places: dict
) -> list[dict]:
    """The two most similar coded fragments that hold the code (dense neighbours first,
    else the learned model's TF-IDF neighbours)."""
    found = [
        {
            "transcript_id": n.transcript_id,
            "transcript": n.transcript,
            "speaker": n.speaker,
            "start": n.start,
            "end": n.end,
            "similarity": n.similarity,
            "quote": n.quote,
        }
        for n in neighbours
        if code_id in n.code_ids
    ][:2]
    if found or learned is None:
        return found
    found = []
    for n in learned.similar:
        if code_id in n.code_ids and n.similarity < 0.999:
            name, speaker = places.get((n.transcript_id, n.start, n.end), (n.transcript_id, ""))
            found.append(
                {
                    "transcript_id": n.transcript_id,
                    "transcript": str(name),
                    "speaker": speaker,
                    "start": n.start,
                    "end": n.end,
                    "similarity": n.similarity,
                    "quote": n.quote,
                }
            )
    return found[:2]
