"""k-fold cross-validation of the suggesters on the project's human codings.

Each coded span (with all the codes coders gave it) is one test item. For every fold the
learned part is trained on the other folds only (their codings, sentences, turns and
feedback, nothing overlapping a held-out span) and the held-out spans are ranked by four
methods: the lexicon alone, the learned part alone, both combined, and the majority
baseline (codes in order of their frequency in the training folds).

- precision@1: the share of items whose first suggestion is one of their codes
  (per code: of the items where that code came first, the share where it was right);
- recall@3: the share of an item's codes found among its first three suggestions,
  averaged over items (per code: the share of the items with that code that had it in
  their top three).
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict

from ..core.errors import Conflict
from .examples import coded_fragments, training_examples
from .model import train_model
from .persist import service_for

METHODS = ("lexicon", "learned", "combined", "majority")


def evaluate(
    store, folds: int = 5, seed: int = 0, families: str | None = None, progress=None
) -> dict:
    """Cross-validated precision@1 and recall@3, overall and per code, per method."""
    suggester = service_for(store).suggester
    items = coded_fragments(store)
    if families:
        items = [
            dict(
                f,
                codes=[
                    c
                    for c in f["codes"]
                    if suggester.codes.get(c) and suggester.codes[c].family in families
                ],
            )
            for f in items
        ]
        items = [f for f in items if f["codes"]]
    if len(items) < max(2 * folds, 10):
        raise Conflict(
            f"cross-validation needs at least {max(2 * folds, 10)} coded fragments; "
            f"the project has {len(items)}"
        )
    texts = {t.id: t.text for t in store.transcripts()}
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    fold_of = {i: n % folds for n, i in enumerate(order)}
    code_ids = list(suggester.codes)
    ranked: dict[str, list[list[str]]] = {m: [None] * len(items) for m in METHODS}
    for fold in range(folds):
        test = [i for i in range(len(items)) if fold_of[i] == fold]
        hidden = {(items[i]["transcript_id"], items[i]["start"], items[i]["end"]) for i in test}
        examples = training_examples(store, code_ids, exclude=hidden)
        counts = Counter(
            c for i in range(len(items)) if fold_of[i] != fold for c in items[i]["codes"]
        )
        majority = [c for c, _ in counts.most_common()]
        model = train_model(suggester, examples, seed=seed) if counts else None
        learned = suggester.with_learned(model)
        docs = list(
            suggester.nlp.pipe(
                texts[items[i]["transcript_id"]][items[i]["start"] : items[i]["end"]] for i in test
            )
        )
        for method in ("lexicon", "learned", "combined"):
            if method != "lexicon" and model is None:
                results = [[] for _ in docs]
            else:
                results = learned.suggest_docs(docs, top=0, families=families, use=method)
            for i, suggestions in zip(test, results, strict=True):
                ranked[method][i] = [s.code_id for s in suggestions]
        for i in test:
            ranked["majority"][i] = majority
        if progress:
            progress(fold + 1, folds)
    gold = [set(f["codes"]) for f in items]
    return {
        "folds": folds,
        "items": len(items),
        "families": families or "CMO",
        "codes": dict(Counter(c for g in gold for c in g).most_common()),
        "methods": {m: score(ranked[m], gold) for m in METHODS},
    }


def score(rankings: list[list[str]], gold: list[set[str]]) -> dict:
    p1 = [int(bool(r) and r[0] in g) for r, g in zip(rankings, gold, strict=True)]
    r3 = [len(set(r[:3]) & g) / len(g) for r, g in zip(rankings, gold, strict=True)]
    first: dict[str, list[int]] = defaultdict(list)
    found: dict[str, list[int]] = defaultdict(list)
    for r, g in zip(rankings, gold, strict=True):
        if r:
            first[r[0]].append(int(r[0] in g))
        for code in g:
            found[code].append(int(code in r[:3]))
    per_code = {
        code: {
            "n": len(found[code]),
            "precision_at_1": _mean(first.get(code, [])),
            "recall_at_3": _mean(found[code]),
        }
        for code in sorted(set(found) | set(first))
    }
    return {"precision_at_1": _mean(p1), "recall_at_3": _mean(r3), "per_code": per_code}


def _mean(values: list[int] | list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None
