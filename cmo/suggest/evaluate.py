"""Cross-validation of each suggestion source and their blend on the human codings.

Each coded span (with all the codes coders gave it) is one test item. Items are split
into ``folds``; for each fold the similar-fragment index and the classifier are built
from the other folds only (their codings, sentences, turns and feedback, nothing that
overlaps a held-out span), and every held-out item is scored by every source:

- ``cold``: what the codebook alone gives (lexicon, definition and their blend), before
  anything is coded;
- ``trained``: after learning from all other folds (all sources, the blend and the
  majority baseline: codes in the order of their frequency in the training folds);
- ``curve``: after learning from only ``k`` coded fragments drawn from the other folds,
  for k = 10, 20, 50, 100 (as far as the project has them).

Measures, for all items and per family (over the items that hold a code of that family,
counting only their codes of it): ``top1`` — the first suggestion is one of the item's
codes; ``top3`` — one of its codes is among the first three. ``families="M"`` ranks only
the mechanisms (the measure "the right mechanism is in the top 3"). Per code: ``top1`` is the share
right of the items where that code came first, ``top3`` the share of the items with that
code that had it in their top three.

The blend weights are chosen here: a small grid over the four sources' weights, the one
with the best ``top3`` (ties: ``top1``) on the trained out-of-fold scores. ``save=True``
stores them with the project; suggestions use them from then on. (The blend's figures
are therefore slightly optimistic: the weights were picked on the same folds.)
"""

from __future__ import annotations

import itertools
import random
from collections import Counter

from ..core.errors import Conflict
from . import encoder
from .blend import SOURCES, Blend, default_weights
from .examples import coded_fragments, training_examples
from .persist import service_for
from .training import train_model

CURVE = (10, 20, 50, 100)
GRID = (0.0, 0.5, 1.0, 2.0, 4.0)
FAMILIES = ("C", "M", "O")


def evaluate(
    store,
    folds: int = 5,
    seed: int = 0,
    families: str | None = None,
    curve: tuple[int, ...] = CURVE,
    save: bool = False,
    progress=None,
) -> dict:
    suggester = service_for(store).suggester
    codes = suggester.codes
    items = coded_fragments(store)
    if families:
        items = [
            dict(f, codes=[c for c in f["codes"] if c in codes and codes[c].family in families])
            for f in items
        ]
        items = [f for f in items if f["codes"]]
    if len(items) < max(2 * folds, 10):
        raise Conflict(
            f"cross-validation needs at least {max(2 * folds, 10)} coded fragments; "
            f"the project has {len(items)}"
        )
    texts = {t.id: t.text for t in store.transcripts.all()}
    fragment_texts = [texts[f["transcript_id"]][f["start"] : f["end"]] for f in items]
    docs = list(suggester.nlp.pipe(fragment_texts))
    vectors = _vectors(store, items, fragment_texts)
    spans = [(f["transcript_id"], f["start"], f["end"]) for f in items]
    code_ids = sorted(codes)
    gold = [set(f["codes"]) for f in items]

    # Fold-independent sources, once.
    base = suggester.with_learned(None).with_semantic(None, None)
    lexicon = [{c: s.probability for c, s in base.lexicon.score(doc).items()} for doc in docs]
    definition = (
        [suggester.code_vectors.score(v) for v in vectors]
        if vectors is not None and suggester.code_vectors is not None
        else None
    )
    cold = {"lexicon": lexicon}
    if definition is not None:
        cold["definition"] = definition
    cold_scores = dict(cold, blend=_blend(cold, default_weights(0)))

    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    fold_of = {i: n % folds for n, i in enumerate(order)}
    sizes = [0] + [k for k in curve if k < len(items) * (folds - 1) / folds]
    learned: dict[int, dict[str, list]] = {
        k: {s: [None] * len(items) for s in ("similar", "classifier", "majority")} for k in sizes
    }
    rng = random.Random(seed)
    steps = folds * len(sizes)
    step = 0
    for fold in range(folds):
        test = [i for i in range(len(items)) if fold_of[i] == fold]
        train_all = [i for i in range(len(items)) if fold_of[i] != fold]
        for k in sizes:
            train = train_all if k == 0 else rng.sample(train_all, k)
            scores = _fold_scores(
                store, suggester, items, docs, vectors, spans, train, test, code_ids, seed
            )
            for source, values in scores.items():
                for i, v in zip(test, values, strict=True):
                    learned[k][source][i] = v
            step += 1
            if progress:
                progress(step, steps)

    def sources_at(k: int) -> dict[str, list[dict]]:
        out = dict(cold)
        out["similar"] = learned[k]["similar"]
        out["classifier"] = learned[k]["classifier"]
        return out

    allowed = {c for c, code in codes.items() if code.family in families} if families else None

    def measure(values: list[dict]) -> dict:
        return _measure(values, gold, codes, allowed)

    trained = sources_at(0)
    weights = _choose_weights(trained, gold, sorted(allowed) if allowed else code_ids)
    result_trained = {s: measure(v) for s, v in trained.items()}
    result_trained["blend"] = measure(_blend(trained, weights))
    result_trained["majority"] = measure(learned[0]["majority"])
    result_curve = {}
    for k in sizes[1:]:
        at = sources_at(k)
        row = {s: measure(v) for s, v in at.items() if s in ("similar", "classifier")}
        row["blend"] = measure(_blend(at, default_weights(k)))
        row["majority"] = measure(learned[k]["majority"])
        result_curve[str(k)] = row
    if save:
        from .knowledge import save_blend

        save_blend(store, Blend(weights, f"cmo eval on {len(items)} coded fragments"))
        service_for(store).invalidate()
    return {
        "folds": folds,
        "items": len(items),
        "families": families or "CMO",
        "encoder": f"{encoder.MODEL} {encoder.version()}" if vectors is not None else "",
        "codes": dict(Counter(c for g in gold for c in g).most_common()),
        "cold": {s: measure(v) for s, v in cold_scores.items()},
        "trained": result_trained,
        "curve": result_curve,
        "weights": weights,
        "saved": save,
    }


def _vectors(store, items, fragment_texts):
    if not encoder.enabled():
        return None

    have = store.embeddings.current_vectors(encoder.MODEL, encoder.version())
    out = [None] * len(items)
    missing = []
    for n, f in enumerate(items):
        found = have.get((f["transcript_id"], f["start"], f["end"]))
        if found is None:
            missing.append(n)
        else:
            out[n] = encoder.from_bytes(found)
    if missing:
        for n, v in zip(missing, encoder.encode([fragment_texts[n] for n in missing]), strict=True):
            out[n] = v
    return out


def _fold_scores(store, suggester, items, docs, vectors, spans, train, test, code_ids, seed):
    """Out-of-fold scores of the learned sources for the ``test`` items, learning only
    from the ``train`` items."""
    from .semantic import DenseNeighbours, vote

    counts = Counter(c for i in train for c in items[i]["codes"])
    total = sum(counts.values()) or 1
    majority = {c: n / total for c, n in counts.items()}
    out: dict[str, list] = {"majority": [majority] * len(test)}
    if vectors is not None:
        import numpy as np

        from ..core.digest import text_hash

        index = DenseNeighbours(
            [
                {
                    "code_ids": items[i]["codes"],
                    "transcript_id": items[i]["transcript_id"],
                    "transcript": "",
                    "speaker": "",
                    "start": items[i]["start"],
                    "end": items[i]["end"],
                    "quote": "",
                    "text_hash": text_hash(docs[i].text),
                }
                for i in train
            ],
            np.asarray([vectors[i] for i in train], dtype=np.float32),
        )
        out["similar"] = [
            vote(
                index.query(vectors[i], exclude_hash=text_hash(docs[i].text), exclude_span=spans[i])
            )
            for i in test
        ]
    keep = {spans[i] for i in train}
    hidden = {spans[i] for i in range(len(items)) if spans[i] not in keep}
    examples = [
        eg
        for eg in training_examples(store, code_ids, exclude=hidden)
        if eg["level"] != "fragment" or (eg["transcript_id"], eg["start"], eg["end"]) in keep
    ]
    model = None
    if any(eg["level"] == "fragment" for eg in examples):
        try:
            model = train_model(suggester, examples, seed=seed, cv_folds=0)
        except ValueError:
            model = None
    if model is None:
        out["classifier"] = [{} for _ in test]
        out.setdefault("similar", [{} for _ in test])
    else:
        scored = model.score([docs[i] for i in test])
        out["classifier"] = [dict(s.classifier) for s in scored]
        out.setdefault("similar", [dict(s.neighbours) for s in scored])
    return out


def _blend(sources: dict[str, list[dict]], weights: dict[str, float]) -> list[dict]:
    names = [s for s in SOURCES if s in sources]
    total = sum(weights.get(s, 0.0) for s in names) or 1.0
    out = []
    for n in range(len(sources[names[0]])):
        mixed: dict[str, float] = {}
        for s in names:
            w = weights.get(s, 0.0)
            if w:
                for c, v in sources[s][n].items():
                    mixed[c] = mixed.get(c, 0.0) + w * v / total
        out.append(mixed)
    return out


def _choose_weights(sources: dict[str, list[dict]], gold, code_ids) -> dict[str, float]:
    """The grid point with the best top-3 (then top-1) on these out-of-fold scores."""
    import numpy as np

    names = [s for s in SOURCES if s in sources]
    column = {c: n for n, c in enumerate(code_ids)}
    matrices = []
    for s in names:
        m = np.zeros((len(gold), len(code_ids)), dtype=np.float32)
        for i, scores in enumerate(sources[s]):
            for c, v in scores.items():
                if c in column:
                    m[i, column[c]] = v
        matrices.append(m)
    target = np.zeros((len(gold), len(code_ids)), dtype=bool)
    for i, g in enumerate(gold):
        for c in g:
            if c in column:
                target[i, column[c]] = True
    # A tiny tie-breaker in code order, the same the suggester uses.
    tie = -np.arange(len(code_ids), dtype=np.float32) * 1e-7
    best, best_key = default_weights(len(gold)), (-1.0, -1.0)
    for combo in itertools.product(GRID, repeat=len(names)):
        if not any(combo):
            continue
        total = sum(combo)
        mixed = sum(w / total * m for w, m in zip(combo, matrices, strict=True)) + tie
        top = np.argsort(-mixed, axis=1)[:, :3]
        hits = np.take_along_axis(target, top, axis=1)
        key = (float(hits.any(axis=1).mean()), float(hits[:, 0].mean()))
        if key > best_key:
            best_key = key
            best = dict(zip(names, combo, strict=True))
    return best


def _ranking(scores: dict[str, float]) -> list[str]:
    ranked = sorted(((c, v) for c, v in scores.items() if v > 0), key=lambda cv: (-cv[1], cv[0]))
    return [c for c, _ in ranked]


def _measure(scores: list[dict], gold: list[set[str]], codes, allowed=None) -> dict:
    if allowed is not None:
        scores = [{c: v for c, v in s.items() if c in allowed} for s in scores]
    rankings = [_ranking(s) for s in scores]
    result = _figures(rankings, gold)
    result["families"] = {}
    for family in FAMILIES:
        allowed = {c for c, code in codes.items() if code.family == family}
        picked = [(r, g & allowed) for r, g in zip(rankings, gold, strict=True) if g & allowed]
        if picked:
            figures = _figures([r for r, _ in picked], [g for _, g in picked])
            result["families"][family] = {
                "n": len(picked),
                "top1": figures["top1"],
                "top3": figures["top3"],
            }
    return result


def _figures(rankings: list[list[str]], gold: list[set[str]]) -> dict:
    first: dict[str, list[int]] = {}
    found: dict[str, list[int]] = {}
    top1, top3 = [], []
    for r, g in zip(rankings, gold, strict=True):
        top1.append(int(bool(r) and r[0] in g))
        top3.append(int(bool(set(r[:3]) & g)))
        if r:
            first.setdefault(r[0], []).append(int(r[0] in g))
        for code in g:
            found.setdefault(code, []).append(int(code in r[:3]))
    per_code = {
        code: {
            "n": len(found.get(code, [])),
            "top1": _mean(first.get(code, [])),
            "top3": _mean(found.get(code, [])),
        }
        for code in sorted(set(found) | set(first))
    }
    return {"n": len(gold), "top1": _mean(top1), "top3": _mean(top3), "per_code": per_code}


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None
