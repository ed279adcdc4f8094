"""One ranked list of codes per fragment: the lexicon and the learned part, combined.

``Suggester`` holds the lexicon of a codebook and (when trained) a ``LearnedModel``;
``train_model`` builds the latter from the example dicts of ``examples.py``.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

from ..core.digest import text_hash
from ..core.domain import Code
from .blend import SOURCES, Blend, combine
from .calibrate import MIN_FIT, Calibration, fit
from .learned import (
    Classifier,
    LearnedScores,
    NeighbourIndex,
    content_keys,
    key_words,
    neighbour_votes,
)
from .lexicon import Lexicon, LexScore
from .nlp import has_vectors

LEARNED_EVIDENCE = 0.3
"""A learned probability from which the learned part counts as a source of a suggestion."""
CV_FOLDS = 3
CV_EPOCHS = 6
"""The out-of-fold models only feed the calibration; fewer epochs keep training fast."""


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


class LearnedModel:
    def __init__(
        self,
        classifier: Classifier,
        neighbours: NeighbourIndex,
        calibration: Calibration,
        info: dict,
    ):
        self.classifier = classifier
        self.neighbours = neighbours
        self.calibration = calibration
        self.info = info

    @property
    def labels(self) -> list[str]:
        return self.classifier.labels

    def score(self, docs: list) -> list[LearnedScores]:
        probs = self.classifier.predict([key_words(d) for d in docs])
        out = []
        vectors = has_vectors()
        for doc, p in zip(docs, probs, strict=True):
            dense = doc.vector if vectors and doc.has_vector else None
            similar = self.neighbours.query(content_keys(doc), dense=dense)
            out.append(LearnedScores(p, neighbour_votes(similar), similar))
        return out

    def to_bytes(self) -> bytes:
        import srsly

        return srsly.msgpack_dumps(
            {
                "classifier": self.classifier.to_bytes(),
                "labels": self.labels,
                "length": self.classifier.length,
                "neighbours": self.neighbours.to_data(),
                "calibration": self.calibration.to_dict(),
                "info": self.info,
            }
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> LearnedModel:
        import srsly

        msg = srsly.msgpack_loads(data)
        return cls(
            Classifier.from_bytes(msg["classifier"], msg["labels"], msg["length"]),
            NeighbourIndex.from_data(msg["neighbours"]),
            Calibration.from_dict(msg["calibration"]),
            msg["info"],
        )


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

    def _copy(self, **changes) -> Suggester:
        other = object.__new__(Suggester)
        other.__dict__.update(self.__dict__)
        other.__dict__.update(changes)
        return other

    def with_learned(self, learned: LearnedModel | None) -> Suggester:
        return self._copy(learned=learned)

    def with_semantic(self, code_vectors=None, neighbours=None, n_coded=None) -> Suggester:
        return self._copy(
            code_vectors=code_vectors,
            neighbours=neighbours,
            n_coded=self.n_coded if n_coded is None else n_coded,
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
            self._suggestion(code, score, main, mine, lexicon.get(code.id), learned, neighbours)
            for score, code, main, mine in (scored[:top] if top else scored)
        ]

    def _suggestion(
        self,
        code: Code,
        score: float,
        main: str,
        mine: dict[str, float],
        lex: LexScore | None,
        learned: LearnedScores | None,
        neighbours: list,
    ) -> Suggestion:
        lex = lex or LexScore()
        keyword_hits = [h for h in lex.hits if h.how != "definition"]
        parts = []
        if keyword_hits:
            parts.append(
                "trefwoorden: "
                + ", ".join(
                    dict.fromkeys(
                        h.describe() for h in sorted(keyword_hits, key=lambda h: -h.weight)
                    )
                )
            )
        if mine.get("definition", 0) > 0:
            parts.append(f"lijkt op de definitie ({mine['definition']:.2f})")
        else:
            definition = [h.matched for h in lex.hits if h.how == "definition"]
            if definition:
                parts.append("definitiewoorden: " + definition[0])
        similar = _similar_of(code.id, neighbours, learned)
        if similar:
            parts.append(
                "lijkt op: "
                + " | ".join(
                    f"“{s['quote']}” ({s['transcript']}, {s['speaker'] or '-'}, "
                    f"{s['similarity']:.2f})"
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


def _similar_of(code_id: str, neighbours: list, learned: LearnedScores | None) -> list[dict]:
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
    return [
        {
            "transcript_id": n.transcript_id,
            "transcript": str(n.transcript_id),
            "speaker": "",
            "start": n.start,
            "end": n.end,
            "similarity": n.similarity,
            "quote": n.quote,
        }
        for n in learned.similar
        if code_id in n.code_ids and n.similarity < 0.999
    ][:2]


# ---- training ---------------------------------------------------------------------------


def train_model(
    suggester: Suggester,
    examples: list[dict],
    seed: int = 0,
    cv_folds: int = CV_FOLDS,
    info: dict | None = None,
) -> LearnedModel:
    """Train the classifier and neighbour index on ``examples`` and fit the calibration on
    out-of-fold scores of the coded fragments. Raises ValueError without positives."""
    labels = sorted(
        {c for eg in examples for c, v in eg["cats"].items() if v > 0} & set(suggester.codes)
    )
    if not labels:
        raise ValueError("no codings to learn from")
    docs = dict(
        zip(
            (eg["text"] for eg in examples),
            suggester.nlp.pipe(eg["text"] for eg in examples),
            strict=False,
        )
    )
    words = {text: key_words(doc) for text, doc in docs.items()}
    fragments = [
        eg
        for eg in examples
        if eg["level"] == "fragment" and any(v > 0 for v in eg["cats"].values())
    ]
    rows: list[tuple[float, float, float]] = []
    targets: list[int] = []
    if len(fragments) >= MIN_FIT and cv_folds > 1:
        groups = sorted({eg["group"] for eg in examples})
        random.Random(seed).shuffle(groups)
        fold_of = {g: i % cv_folds for i, g in enumerate(groups)}
        for fold in range(cv_folds):
            train = [eg for eg in examples if fold_of[eg["group"]] != fold]
            test = [eg for eg in fragments if fold_of[eg["group"]] == fold]
            if not test or not any(v > 0 for eg in train for v in eg["cats"].values()):
                continue
            partial = _fit_parts(labels, train, docs, words, seed, Calibration(), epochs=CV_EPOCHS)
            test_docs = [docs[eg["text"]] for eg in test]
            for eg, doc, scores in zip(test, test_docs, partial.score(test_docs), strict=True):
                lexicon = suggester.lexicon.score(doc)
                gold = {c for c, v in eg["cats"].items() if v > 0}
                for code_id in suggester.codes:
                    lex = lexicon.get(code_id)
                    rows.append(
                        (
                            lex.raw if lex else 0.0,
                            scores.classifier.get(code_id, 0.0),
                            scores.neighbours.get(code_id, 0.0),
                        )
                    )
                    targets.append(int(code_id in gold))
    calibration = fit(rows, targets, len(fragments))
    model = _fit_parts(labels, examples, docs, words, seed, calibration)
    model.info = {
        **(info or {}),
        "labels": labels,
        "examples": len(examples),
        "fragments": len(fragments),
        "calibration": calibration.to_dict(),
    }
    return model


def _fit_parts(
    labels, examples, docs, words, seed, calibration, epochs: int | None = None
) -> LearnedModel:
    classifier = Classifier(labels)
    classifier.train(
        [(words[eg["text"]], eg["cats"]) for eg in examples],
        seed=seed,
        **({"epochs": epochs} if epochs else {}),
    )
    positives: dict[tuple, dict] = {}
    for eg in examples:
        codes = [c for c, v in eg["cats"].items() if v > 0]
        if eg["level"] == "fragment" and codes:
            positives[(eg["transcript_id"], eg["start"], eg["end"])] = {
                "code_ids": codes,
                "transcript_id": eg["transcript_id"],
                "start": eg["start"],
                "end": eg["end"],
                "text": eg["text"],
            }
    items = list(positives.values())
    vectors = [docs[m["text"]].vector for m in items] if has_vectors() else None
    neighbours = NeighbourIndex.build([(content_keys(docs[m["text"]]), m) for m in items], vectors)
    return LearnedModel(classifier, neighbours, calibration, {})


def label_counts(examples: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for eg in examples:
        if eg["level"] == "fragment":
            for c, v in eg["cats"].items():
                if v > 0:
                    counts[c] += 1
    return dict(counts)
