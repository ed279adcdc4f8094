"""One ranked list of codes per fragment: the lexicon and the learned part, combined.

``Suggester`` holds the lexicon of a codebook and (when trained) a ``LearnedModel``;
``train_model`` builds the latter from the example dicts of ``examples.py``.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

from ..core.model import Code
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
    """One suggested code for one fragment; plain data for the CLI, the TUI and JSON."""

    code_id: str
    name: str
    family: str
    score: float
    """Calibrated probability that a coder would give this code here (0–1)."""
    source: str
    """'lexicon', 'learned' or 'both'."""
    explanation: str
    lexicon: float = 0.0
    learned: float | None = None
    matches: list[dict] = field(default_factory=list)
    """Keyword evidence: keyword, matched words, how, start, end (offsets into the text)."""
    similar: list[dict] = field(default_factory=list)
    """The most similar coded fragments holding this code: transcript_id, start, end, quote."""

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
    """Suggests codes for texts with the codebook's lexicon and, if given, a learned model."""

    def __init__(self, nlp, codes: Iterable[Code], learned: LearnedModel | None = None):
        self.nlp = nlp
        self.codes = {c.id: c for c in codes}
        self.lexicon = Lexicon(nlp, self.codes.values())
        self.learned = learned

    def with_learned(self, learned: LearnedModel | None) -> Suggester:
        other = object.__new__(Suggester)
        other.nlp, other.codes, other.lexicon, other.learned = (
            self.nlp,
            self.codes,
            self.lexicon,
            learned,
        )
        return other

    def suggest_docs(
        self, docs: list, top: int = 3, families: str | None = None, use: str = "combined"
    ) -> list[list[Suggestion]]:
        """Ranked suggestions per doc. ``use``: 'combined', 'lexicon' or 'learned'."""
        learned = (
            self.learned.score(docs)
            if self.learned is not None and use != "lexicon"
            else [None] * len(docs)
        )
        return [
            self._rank(
                doc, self.lexicon.score(doc) if use != "learned" else {}, scores, top, families, use
            )
            for doc, scores in zip(docs, learned, strict=True)
        ]

    def suggest_texts(
        self,
        items: Iterable[tuple[str, dict]],
        top: int = 3,
        families: str | None = None,
        batch_size: int = 64,
    ) -> Iterator[tuple[list[Suggestion], dict]]:
        """Prodigy-style stream: (text, context) tuples in, (suggestions, context) out.

        One process; ``batch.suggest_many`` spreads a stream over several."""
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
            ranked = self.suggest_docs([d for d, _ in batch], top, families)
            yield from zip(ranked, [c for _, c in batch], strict=True)

    def _rank(
        self,
        doc,
        lexicon: dict[str, LexScore],
        learned: LearnedScores | None,
        top: int,
        families: str | None,
        use: str = "combined",
    ) -> list[Suggestion]:
        candidates = set(lexicon)
        if learned is not None:
            candidates |= {c for c in self.learned.labels if learned.probability(c) > 0.02}
        scored = []
        for code_id in candidates:
            code = self.codes.get(code_id)
            if code is None or (families and code.family not in families):
                continue
            lex = lexicon.get(code_id) or LexScore()
            if learned is None:
                calibration = self.learned.calibration if self.learned else Calibration()
                scored.append((calibration(lex.raw, None, None), code, lex, None))
                continue
            clf = learned.classifier.get(code_id, 0.0)
            vote = learned.neighbours.get(code_id, 0.0)
            if use == "learned":  # learned alone (evaluation): its probability as it is
                score = max(clf, vote)
            else:
                score = self.learned.calibration(lex.raw, clf, vote)
            scored.append((score, code, lex, max(clf, vote)))
        scored.sort(key=lambda item: (-item[0], item[1].id))
        # Only the suggestions shown are built (and explained).
        return [
            self._suggestion(code, score, lex, learned if p is not None else None, p)
            for score, code, lex, p in (scored[:top] if top else scored)
        ]

    def _suggestion(
        self,
        code: Code,
        score: float,
        lex: LexScore,
        learned: LearnedScores | None,
        learned_p: float | None,
    ) -> Suggestion:
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
        definition = [h.matched for h in lex.hits if h.how == "definition"]
        if definition:
            parts.append("definitie: " + definition[0])
        similar = []
        if learned is not None and learned_p is not None:
            similar = [
                {
                    "transcript_id": n.transcript_id,
                    "start": n.start,
                    "end": n.end,
                    "similarity": n.similarity,
                    "quote": n.quote,
                }
                for n in learned.similar
                if code.id in n.code_ids
            ][:2]
            if learned_p >= LEARNED_EVIDENCE or similar:
                text = f"geleerd {learned_p:.2f}"
                if similar:
                    text += "; lijkt op: " + " | ".join(
                        f"“{s['quote']}” ({s['similarity']:.2f})" for s in similar
                    )
                parts.append(text)
        has_lex = bool(keyword_hits)
        has_learned = learned_p is not None and learned_p >= LEARNED_EVIDENCE
        source = "both" if has_lex and has_learned else "learned" if has_learned else "lexicon"
        if (
            not has_lex
            and not has_learned
            and learned_p is not None
            and learned_p > lex.probability
        ):
            source = "learned"
        return Suggestion(
            code_id=code.id,
            name=code.name,
            family=code.family,
            score=round(score, 4),
            source=source,
            explanation="; ".join(parts) or "zwakke overeenkomst",
            lexicon=round(lex.probability, 4),
            learned=None if learned_p is None else round(learned_p, 4),
            matches=[
                {
                    "keyword": h.keyword,
                    "matched": h.matched,
                    "how": h.how,
                    "start": h.start,
                    "end": h.end,
                    "weight": h.weight,
                }
                for h in keyword_hits
            ],
            similar=similar,
        )


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
