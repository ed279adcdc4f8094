"""The learned suggester: spaCy ``textcat_multilabel`` plus the most similar coded fragments.

The classifier is a bag-of-words model (``spacy.TextCatBOW.v3``, uni- and bigrams) over
the *keys* of the words (stemmed lemmas, see ``nlp.py``), which learns well from the few
hundred codings a project has. Beside it a neighbour index holds the TF-IDF vectors of
the coded fragments (averaged with word vectors when a pretrained pipeline has them); the
most similar coded fragments both explain a suggestion and vote for their codes.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

from ..core.text import snippet
from .nlp import get_nlp, rows

BOW_LENGTH = 2**14
EPOCHS = 10
BATCH = 32
LEARN_RATE = 0.02
NEIGHBOURS = 5


@dataclass
class Neighbour:
    code_ids: list[str]
    similarity: float
    transcript_id: int
    start: int
    end: int
    quote: str


@dataclass
class LearnedScores:
    classifier: dict[str, float] = field(default_factory=dict)
    neighbours: dict[str, float] = field(default_factory=dict)
    similar: list[Neighbour] = field(default_factory=list)

    def probability(self, code_id: str) -> float:
        return max(self.classifier.get(code_id, 0.0), self.neighbours.get(code_id, 0.0))


def key_words(doc) -> list[str]:
    return [r.norm for r in rows(doc) if not r.skip]


class Classifier:
    """The textcat pipeline over word keys; serialisable to bytes."""

    def __init__(self, labels: list[str], length: int = BOW_LENGTH):
        import spacy

        self.labels = list(labels)
        self.length = length
        # The shared vocab: words seen once are not turned into lexemes again per model.
        # The docs are built from word keys, so no real tokenizer is needed (building the
        # Dutch one again would cost half a second per model).
        _register_words_tokenizer()
        self.nlp = spacy.blank(
            "nl",
            vocab=get_nlp().vocab,
            config={"nlp": {"tokenizer": {"@tokenizers": "cmo.words_tokenizer.v1"}}},
        )
        textcat = self.nlp.add_pipe(
            "textcat_multilabel",
            config={
                "model": {
                    "@architectures": "spacy.TextCatBOW.v3",
                    "exclusive_classes": False,
                    "ngram_size": 2,
                    "no_output_layer": False,
                    "length": length,
                }
            },
        )
        for label in self.labels:
            textcat.add_label(label)

    def _doc(self, words: list[str]):
        from spacy.tokens import Doc

        return Doc(self.nlp.vocab, words=words or ["_"])

    def train(
        self,
        examples: list[tuple[list[str], dict[str, float]]],
        epochs: int = EPOCHS,
        seed: int = 0,
    ) -> None:
        from spacy.training import Example
        from spacy.util import fix_random_seed, minibatch

        fix_random_seed(seed)
        data = [
            Example.from_dict(
                self._doc(words), {"cats": {k: v for k, v in cats.items() if k in self.labels}}
            )
            for words, cats in examples
        ]
        data = [eg for eg in data if eg.reference.cats]
        if not data:
            raise ValueError("no training examples")
        optimizer = self.nlp.initialize(lambda: data)
        optimizer.learn_rate = LEARN_RATE
        textcat = self.nlp.get_pipe("textcat_multilabel")
        rng = random.Random(seed)
        # The component's own update: Language.update would copy every doc each step.
        for _ in range(epochs):
            rng.shuffle(data)
            for batch in minibatch(data, size=BATCH):
                textcat.update(batch, sgd=optimizer, drop=0.0)

    def predict(self, word_lists: list[list[str]]) -> list[dict[str, float]]:
        textcat = self.nlp.get_pipe("textcat_multilabel")
        docs = [self._doc(words) for words in word_lists]
        return [dict(doc.cats) for doc in textcat.pipe(docs, batch_size=256)]

    def to_bytes(self) -> bytes:
        # Features are hashes of the words: the model needs no strings of its own.
        return self.nlp.to_bytes(exclude=["vocab", "tokenizer"])

    @classmethod
    def from_bytes(cls, data: bytes, labels: list[str], length: int) -> Classifier:
        classifier = cls(labels, length)
        classifier.nlp.from_bytes(data, exclude=["vocab", "tokenizer"])
        return classifier


class _WordsTokenizer:
    """Splits on white space; the classifier's docs are made from word keys anyway."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str):
        from spacy.tokens import Doc

        return Doc(self.vocab, words=text.split() or ["_"])


def _register_words_tokenizer() -> None:
    from spacy.util import registry

    if "cmo.words_tokenizer.v1" not in registry.tokenizers.get_all():

        @registry.tokenizers("cmo.words_tokenizer.v1")
        def make_words_tokenizer():
            return lambda nlp: _WordsTokenizer(nlp.vocab)


class NeighbourIndex:
    """TF-IDF cosine over coded fragments, via an inverted index (no scipy needed)."""

    def __init__(self, items: list[dict], idf: dict[str, float]):
        self._matrix = None
        self.items = items
        """Each: code_ids, transcript_id, start, end, quote, vec (term → weight, unit norm)."""
        self.idf = idf
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, item in enumerate(items):
            for term, weight in item["vec"].items():
                self.postings[term].append((i, weight))

    @classmethod
    def build(
        cls, fragments: list[tuple[list[str], dict]], vectors: list | None = None
    ) -> NeighbourIndex:
        """``fragments``: (content word keys, {code_ids, transcript_id, start, end, text});
        ``vectors``: one document vector per fragment when the pipeline has word vectors."""
        df: dict[str, int] = defaultdict(int)
        for words, _ in fragments:
            for term in set(words):
                df[term] += 1
        n = len(fragments) or 1
        idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
        items = []
        for n, (words, meta) in enumerate(fragments):
            items.append(
                {
                    "code_ids": meta["code_ids"],
                    "transcript_id": meta["transcript_id"],
                    "start": meta["start"],
                    "end": meta["end"],
                    "quote": snippet(meta["text"], 0, len(meta["text"]), 90),
                    "vec": _unit(_tf(words), idf),
                    "dense": _dense_unit(vectors[n]) if vectors is not None else None,
                }
            )
        return cls(items, idf)

    def query(self, words: list[str], k: int = NEIGHBOURS, dense=None) -> list[Neighbour]:
        """The ``k`` most similar coded fragments: TF-IDF cosine, averaged with the cosine
        of the document vectors when both sides have one."""
        vec = _unit(_tf(words), self.idf)
        sims: dict[int, float] = defaultdict(float)
        for term, weight in vec.items():
            for i, other in self.postings.get(term, ()):
                sims[i] += weight * other
        matrix = self._dense_matrix()
        query = _dense_unit(dense) if dense is not None and matrix is not None else None
        if query is not None:
            import numpy as np

            cosines = matrix @ np.asarray(query, dtype="float32")
            sims = {
                i: 0.5 * sims.get(i, 0.0) + 0.5 * max(0.0, float(c)) for i, c in enumerate(cosines)
            }
        best = sorted(sims.items(), key=lambda kv: -kv[1])[:k]
        return [
            Neighbour(
                self.items[i]["code_ids"],
                round(s, 3),
                self.items[i]["transcript_id"],
                self.items[i]["start"],
                self.items[i]["end"],
                self.items[i]["quote"],
            )
            for i, s in best
            if s > 0.05
        ]

    def _dense_matrix(self):
        if self._matrix is None:
            import numpy as np

            dense = [item.get("dense") for item in self.items]
            self._matrix = np.asarray(dense, dtype="float32") if dense and all(dense) else False
        return None if self._matrix is False else self._matrix

    def to_data(self) -> dict:
        return {"items": self.items, "idf": self.idf}

    @classmethod
    def from_data(cls, data: dict) -> NeighbourIndex:
        return cls(data["items"], data["idf"])


def neighbour_votes(neighbours: list[Neighbour]) -> dict[str, float]:
    """A similarity-weighted vote: a code held by all close neighbours approaches their
    mean similarity, scaled so that a near-duplicate (cosine ≥ 0.6) counts fully."""
    total = sum(n.similarity for n in neighbours)
    if not total:
        return {}
    votes: dict[str, float] = defaultdict(float)
    for n in neighbours:
        for code_id in n.code_ids:
            votes[code_id] += n.similarity
    top = max(n.similarity for n in neighbours)
    strength = min(1.0, top / 0.6)
    return {c: round(v / total * strength, 4) for c, v in votes.items()}


def content_keys(doc) -> list[str]:
    return [r.norm for r in rows(doc) if r.alpha and not r.stop and r.length > 2]


def _dense_unit(vector) -> list[float] | None:
    values = [float(v) for v in vector]
    norm = math.sqrt(sum(v * v for v in values))
    return [round(v / norm, 5) for v in values] if norm else None


def _tf(words: list[str]) -> dict[str, float]:
    counts: dict[str, float] = defaultdict(float)
    for w in words:
        counts[w] += 1.0
    return {w: 1.0 + math.log(c) for w, c in counts.items()}


def _unit(tf: dict[str, float], idf: dict[str, float]) -> dict[str, float]:
    vec = {t: v * idf[t] for t, v in tf.items() if t in idf}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}
