"""One ranked list of codes per fragment from the four sources (see ``blend.py``).

``Suggester`` holds the lexicon of a codebook, the encoder's code vectors and coded
fragments (when the encoder is on) and, when trained, a ``training.LearnedModel``; it
scores a fragment by each source, blends the scores and builds the top suggestions
(``explain.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..core.digest import text_hash
from ..core.domain import Code
from .blend import SOURCES, Blend, combine
from .explain import Suggestion, build_suggestion
from .learned import LearnedScores
from .lexicon import Lexicon, LexScore
from .training import LearnedModel

__all__ = ["Suggester", "Suggestion", "LearnedModel"]


class Suggester:
    """Suggests codes for texts from the lexicon, the sentence encoder (definition
    similarity and similar coded fragments) and, if trained, the classifier."""

    def __init__(self, nlp, codes: Iterable[Code], learned: LearnedModel | None = None):
        self.nlp = nlp
        self.codes = {c.id: c for c in codes}
        self.lexicon = Lexicon(nlp, self.codes.values())
        self.learned = learned
        self.code_vectors = None
        """``semantic.CodeVectors`` when the encoder is on."""
        self.neighbours = None
        """``semantic.DenseNeighbours`` over the coded fragments when the encoder is on."""
        self.blend = Blend()
        self.n_coded = 0
        self.places: dict = {}
        """(transcript id, start, end) → (transcript name, speaker) of the coded fragments."""

    def _copy(self, **changes) -> Suggester:
        other = object.__new__(Suggester)
        other.__dict__.update(self.__dict__)
        other.__dict__.update(changes)
        return other

    def with_learned(self, learned: LearnedModel | None) -> Suggester:
        return self._copy(learned=learned)

    def with_semantic(
        self, code_vectors=None, neighbours=None, n_coded=None, places=None
    ) -> Suggester:
        return self._copy(
            code_vectors=code_vectors,
            neighbours=neighbours,
            n_coded=self.n_coded if n_coded is None else n_coded,
            places=self.places if places is None else places,
        )

    def with_blend(self, blend: Blend) -> Suggester:
        return self._copy(blend=blend)

    def suggest_docs(
        self,
        docs: list,
        top: int = 3,
        families: str | None = None,
        use: str = "combined",
        vectors: list | None = None,
        spans: list | None = None,
    ) -> list[list[Suggestion]]:
        """Ranked suggestions per doc. ``use``: 'combined' or one source ('lexicon',
        'definition', 'similar', 'classifier'; 'learned' is the classifier or, without
        the encoder, its TF-IDF neighbours). ``vectors``: the encoder's vector per doc
        (None: definition and similar fragments are not used for it); ``spans``:
        (transcript_id, start, end) per doc, so a fragment never resembles itself."""
        wants_learned = use in ("combined", "classifier", "learned", "similar")
        learned = (
            self.learned.score(docs)
            if self.learned is not None and wants_learned
            else [None] * len(docs)
        )
        vectors = vectors if vectors is not None else [None] * len(docs)
        spans = spans if spans is not None else [None] * len(docs)
        return [
            self._rank(doc, scores, vector, span, top, families, use)
            for doc, scores, vector, span in zip(docs, learned, vectors, spans, strict=True)
        ]

    def suggest_texts(
        self,
        items: Iterable[tuple[str, dict]],
        top: int = 3,
        families: str | None = None,
        batch_size: int = 64,
    ) -> Iterator[tuple[list[Suggestion], dict]]:
        """Prodigy-style stream: (text, context) tuples in, (suggestions, context) out.
        A context may carry ``vector`` (the encoder's, popped) and ``transcript_id``,
        ``start``, ``end``. One process; ``batch.suggest_many`` spreads over several."""
        batch: list = []
        stream = self.nlp.pipe(items, as_tuples=True, batch_size=batch_size)
        for doc, context in stream:
            batch.append((doc, context))
            if len(batch) >= batch_size:
                yield from self._flush(batch, top, families)
                batch = []
        yield from self._flush(batch, top, families)

    def _flush(self, batch, top, families):
        if batch:
            vectors = [c.pop("vector", None) for _, c in batch]
            spans = [
                (c["transcript_id"], c["start"], c["end"]) if "transcript_id" in c else None
                for _, c in batch
            ]
            ranked = self.suggest_docs(
                [d for d, _ in batch], top, families, vectors=vectors, spans=spans
            )
            yield from zip(ranked, [c for _, c in batch], strict=True)

    def _source_scores(self, doc, learned, vector, span, use):
        """{source: {code: 0–1}} for the sources available for this doc, and the
        neighbours found (for the explanations)."""
        out: dict[str, dict[str, float]] = {}
        lexicon: dict[str, LexScore] = {}
        if use in ("combined", "lexicon"):
            lexicon = self.lexicon.score(doc)
            out["lexicon"] = {c: lex.probability for c, lex in lexicon.items()}
        if (
            vector is not None
            and self.code_vectors is not None
            and use
            in (
                "combined",
                "definition",
            )
        ):
            out["definition"] = self.code_vectors.score(vector)
        neighbours = []
        if use in ("combined", "similar", "learned"):
            if vector is not None and self.neighbours is not None and len(self.neighbours):
                from .semantic import vote

                exclude = text_hash(doc.text)
                neighbours = self.neighbours.query(vector, exclude_hash=exclude, exclude_span=span)
                if use != "learned":
                    out["similar"] = vote(neighbours)
            elif learned is not None and use in ("combined", "similar"):
                out["similar"] = dict(learned.neighbours)
        if learned is not None and use in ("combined", "classifier"):
            out["classifier"] = dict(learned.classifier)
        if learned is not None and use == "learned":
            out["classifier"] = {
                c: learned.probability(c) for c in set(learned.classifier) | set(learned.neighbours)
            }
        return out, lexicon, neighbours

    def _rank(
        self,
        doc,
        learned: LearnedScores | None,
        vector,
        span,
        top: int,
        families: str | None,
        use: str = "combined",
    ) -> list[Suggestion]:
        sources, lexicon, neighbours = self._source_scores(doc, learned, vector, span, use)
        weights = self.blend.for_n(self.n_coded)
        if use != "combined":
            weights = dict.fromkeys(SOURCES, 1.0)
        candidates = {c for scores in sources.values() for c, v in scores.items() if v > 0.0}
        scored = []
        for code_id in candidates:
            code = self.codes.get(code_id)
            if code is None or (families and code.family not in families):
                continue
            mine = {s: scores.get(code_id, 0.0) for s, scores in sources.items()}
            score, main = combine(mine, weights)
            if score > 0:
                scored.append((score, code, main, mine))
        scored.sort(key=lambda item: (-item[0], item[1].id))
        # Only the suggestions shown are built (and explained).
        return [
            build_suggestion(
                code, score, main, mine, lexicon.get(code.id), learned, neighbours, self.places
            )
            for score, code, main, mine in (scored[:top] if top else scored)
        ]
