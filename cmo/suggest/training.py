"""The learned part of the suggestions: the classifier and TF-IDF neighbour index trained
on the project's codings, with the calibration fitted on out-of-fold scores.

``train_model`` builds a ``LearnedModel`` from the example dicts of ``examples.py``;
``LearnedModel`` scores docs and is kept with the project as bytes (``persist.py``).
"""

from __future__ import annotations

import random
from collections import defaultdict
from typing import TYPE_CHECKING

from .calibrate import MIN_FIT, Calibration, fit
from .learned import (
    Classifier,
    LearnedScores,
    NeighbourIndex,
    content_keys,
    key_words,
    neighbour_votes,
)
from .nlp import has_vectors

if TYPE_CHECKING:
    from .ranker import Suggester

CV_FOLDS = 3
CV_EPOCHS = 6
"""The out-of-fold models only feed the calibration; fewer epochs keep training fast."""


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
