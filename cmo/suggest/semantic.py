"""Suggestions from meaning: the sentence encoder's vectors, cold and learned.

- ``CodeVectors`` (cold start): each code is described by several texts — its name with
  its definition, each clause of the definition, its keywords as one list and each
  keyword or phrase on its own. A fragment's similarity to a code is the mean of its two
  best cosines with them (one lucky short phrase is not enough), mapped to 0–1. On the
  quotes of tests/data/suggest_quotes.yaml the single keywords lift the mechanisms'
  top-3 from 70 % (definition texts only) to 78 %.
- ``DenseNeighbours`` (learns from the first codings): the coded fragments' vectors. A
  fragment's nearest coded fragments vote for their codes, weighted by similarity: one
  or two codings of a code already move it up, a classifier trained from scratch could
  not learn from so few.

Both work on unit vectors (cosine = dot product) with numpy only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..core.domain import Code
from ..core.text import sentence_spans

COSINE_FLOOR = 0.1
COSINE_SPAN = 0.5
"""Cosines of the encoder for a fragment and a fitting code text lie around 0.3–0.6; a
cosine of 0.1 maps to 0 and 0.6 to 1 (few codes fall to 0, so the ranking goes on; a
floor of 0.2 cuts the mechanisms' top-3 on the test quotes from 88 % to 73 %)."""
TEXTS_VERSION = 2
"""Raised whenever ``code_texts`` changes, so stored code vectors are computed again."""
K = 7
NEAR = 0.25
"""Neighbours less similar than this do not vote."""


def code_texts(code: Code) -> list[str]:
    texts = [f"{code.name}. {code.definition}".strip(". ")]
    definition = code.definition or ""
    sentences = [definition[s:e] for s, e in sentence_spans(definition)]
    # Definitions are often one long sentence of clauses joined by ';' and ':'.
    parts = [p.strip() for s in sentences for p in s.replace(":", ";").split(";")]
    texts += [p for p in parts if len(p.split()) >= 4]
    if code.keywords:
        texts.append(", ".join(code.keywords))
        texts += [k for k in code.keywords if k.strip()]
    return list(dict.fromkeys(t for t in texts if t))


def cosine_score(cosine: float) -> float:
    return max(0.0, min(1.0, (cosine - COSINE_FLOOR) / COSINE_SPAN))


class CodeVectors:
    """The vectors of the codebook's texts; ``score(vector)`` → {code id: 0–1}."""

    def __init__(self, codes: list[Code], encode):
        import numpy as np

        self.owner: list[str] = []
        texts: list[str] = []
        for code in codes:
            for text in code_texts(code):
                self.owner.append(code.id)
                texts.append(text)
        self.texts = texts
        codes_in_order = list(dict.fromkeys(self.owner))
        self.code_ids = codes_in_order
        # Each code's texts as one row of indices into the cosines, padded with the
        # index of an extra cosine of -2; a code with a single text repeats it, so the
        # mean of a row's two best cosines works for every code in one numpy call.
        positions: dict[str, list[int]] = {c: [] for c in codes_in_order}
        for n, code_id in enumerate(self.owner):
            positions[code_id].append(n)
        width = max((len(p) for p in positions.values()), default=1)
        pad = len(self.owner)
        self.index = np.full((len(codes_in_order), max(2, width)), pad, dtype=np.int64)
        for row, code_id in enumerate(codes_in_order):
            found = positions[code_id]
            self.index[row, : len(found)] = found
            if len(found) == 1:
                self.index[row, 1] = found[0]
        from .encoder import single_thread

        single_thread()
        self.matrix = (
            encode(texts) if texts and encode is not None else np.zeros((0, 512), np.float32)
        )

    def score(self, vector) -> dict[str, float]:
        if vector is None or not len(self.owner):
            return {}
        import numpy as np

        cosines = np.empty(len(self.owner) + 1, dtype=np.float32)
        np.matmul(self.matrix, vector, out=cosines[:-1])
        cosines[-1] = -2.0
        cosines = cosines[self.index]
        two = np.partition(cosines, cosines.shape[1] - 2, axis=1)[:, -2:].mean(axis=1)
        scores = np.clip((two - COSINE_FLOOR) / COSINE_SPAN, 0.0, 1.0)
        return dict(zip(self.code_ids, scores.tolist(), strict=True))


@dataclass
class Neighbour:
    """A coded fragment similar to the one suggested for (for the explanation)."""

    code_ids: list[str]
    similarity: float
    transcript_id: int
    transcript: str
    speaker: str
    start: int
    end: int
    quote: str
    text_hash: str


class DenseNeighbours:
    """Coded fragments by vector; ``query`` gives the nearest ones and their vote."""

    def __init__(self, items: list[dict], vectors):
        self.items = items
        """Each: code_ids, transcript_id, transcript, speaker, start, end, quote, text_hash."""
        self.matrix = vectors

    def __len__(self) -> int:
        return len(self.items)

    def query(
        self,
        vector,
        k: int = K,
        exclude_hash: str = "",
        exclude_span: tuple[int, int, int] | None = None,
    ) -> list[Neighbour]:
        """The ``k`` nearest coded fragments, never the fragment itself (same text, or a
        coding overlapping the same span)."""
        if vector is None or not self.items:
            return []

        cosines = self.matrix @ vector
        found = self._nearest(cosines, k, exclude_hash, exclude_span, k + 8)
        if found is None:  # more than 8 of the nearest were the fragment itself
            found = self._nearest(cosines, k, exclude_hash, exclude_span, len(cosines))
        return found

    def _nearest(self, cosines, k, exclude_hash, exclude_span, take) -> list[Neighbour] | None:
        """The ``k`` nearest among the ``take`` most similar; None when those ran out
        before ``k`` were found and more are left to look at."""
        import numpy as np

        if take < len(cosines):
            best = np.argpartition(-cosines, take)[:take]
            order = best[np.argsort(-cosines[best])]
        else:
            order = np.argsort(-cosines)
        found = []
        for i in order.tolist():
            item = self.items[i]
            if exclude_hash and item["text_hash"] == exclude_hash:
                continue
            if exclude_span and item["transcript_id"] == exclude_span[0]:
                if item["start"] < exclude_span[2] and exclude_span[1] < item["end"]:
                    continue
            similarity = float(cosines[i])
            if similarity < NEAR:
                return found
            found.append(Neighbour(similarity=round(similarity, 3), **item))
            if len(found) >= k:
                return found
        return None if take < len(cosines) else found


def vote(neighbours: list[Neighbour]) -> dict[str, float]:
    """Similarity-weighted vote of the neighbours, 0–1 per code.

    Each neighbour's weight is its similarity above ``NEAR``, squared, so that a close
    neighbour outweighs several distant ones; a code's vote is its share of the weight,
    scaled by how close the nearest neighbour is (a near-duplicate counts fully)."""
    if not neighbours:
        return {}
    weights = [(n.similarity - NEAR) ** 2 for n in neighbours]
    total = sum(weights)
    if total <= 0:
        return {}
    votes: dict[str, float] = defaultdict(float)
    for n, w in zip(neighbours, weights, strict=True):
        for code_id in n.code_ids:
            votes[code_id] += w
    strength = cosine_score(neighbours[0].similarity + 0.05)
    return {c: round(v / total * strength, 4) for c, v in votes.items()}
