"""The lexicon's weakest signal: TF-IDF similarity between a fragment and each code's
name, definition and keywords, so that a fragment without any keyword still gets a
ranking. Only content words count (``word_weights.content``): no stop words, no words
of every definition, no very common Dutch words.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from ..core.domain import Code
from .nlp import rows
from .word_weights import content


class DefinitionIndex:
    """TF-IDF vectors of each code's name, definition, cluster and keywords."""

    def __init__(self, codes: Iterable[Code], nlp):
        codes = list(codes)
        texts = [" ".join([c.name, c.definition, " ".join(c.keywords)]) for c in codes]
        bags: list[dict[str, float]] = []
        for doc in nlp.pipe(texts):
            bag: dict[str, float] = defaultdict(float)
            for row in rows(doc):
                if content(row):
                    bag[row.norm] += 1.0
            bags.append(bag)
        df: dict[str, int] = defaultdict(int)
        for bag in bags:
            for term in bag:
                df[term] += 1
        n = len(bags) or 1
        self.idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
        self.vectors: dict[str, dict[str, float]] = {}
        self.postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for code, bag in zip(codes, bags, strict=True):
            vec = {t: (1 + math.log(f)) * self.idf[t] for t, f in bag.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            for term, value in vec.items():
                self.postings[term].append((code.id, value / norm))

    def similar(self, token_rows, limit: int = 6) -> list[tuple[str, float, list[str]]]:
        bag: dict[str, float] = defaultdict(float)
        surface: dict[str, str] = {}
        for row in token_rows:
            if row.norm in self.postings and content(row):
                bag[row.norm] += 1.0
                surface.setdefault(row.norm, row.lower)
        if not bag:
            return []
        vec = {t: (1 + math.log(f)) * self.idf[t] for t, f in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        sums: dict[str, float] = defaultdict(float)
        words: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for term, value in vec.items():
            for code_id, weight in self.postings[term]:
                sums[code_id] += value / norm * weight
                words[code_id].append((value * weight, surface[term]))
        ranked = sorted(sums.items(), key=lambda kv: -kv[1])[:limit]
        return [
            (code_id, score, [w for _, w in sorted(words[code_id], reverse=True)[:3]])
            for code_id, score in ranked
        ]
