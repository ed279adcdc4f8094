"""One score per code from the four sources, by a weighted mean.

Sources (each gives a 0–1 score per code):

- ``lexicon``: the codebook's keywords and phrases found in the fragment;
- ``definition``: similarity in meaning (sentence encoder) to the code's name, definition
  and keywords — works before anything is coded;
- ``similar``: the vote of the most similar fragments the researcher coded;
- ``classifier``: spaCy's text classifier trained on the project's codings.

The blend is ``Σ wᵢ·sᵢ / Σ wᵢ`` over the sources available for the fragment. Until
``cmo eval`` has chosen weights for the project by cross-validation, the weights follow
the number ``n`` of coded fragments: the similar fragments' weight ``2n/(n+10)`` takes
over from the first codings on, the classifier's ``1.5n/(n+200)`` only with hundreds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SOURCES = ("lexicon", "definition", "similar", "classifier")
LABELS = {
    "lexicon": "trefwoorden",
    "definition": "definitie",
    "similar": "vergelijkbare fragmenten",
    "classifier": "classifier",
}
BLEND_ARTIFACT = "suggest-blend"


def default_weights(n_coded: int) -> dict[str, float]:
    return {
        "lexicon": 1.0,
        "definition": 1.0,
        "similar": 2.0 * n_coded / (n_coded + 10),
        "classifier": 1.5 * n_coded / (n_coded + 200),
    }


@dataclass
class Blend:
    weights: dict[str, float] = field(default_factory=dict)
    """Chosen by ``cmo eval`` (empty: the defaults for ``n`` coded fragments)."""
    chosen_by: str = ""

    def for_n(self, n_coded: int) -> dict[str, float]:
        return dict(self.weights) if self.weights else default_weights(n_coded)

    def to_dict(self) -> dict:
        return {"weights": self.weights, "chosen_by": self.chosen_by}

    @classmethod
    def from_dict(cls, data: dict | None) -> Blend:
        if not data:
            return cls()
        return cls(dict(data.get("weights") or {}), str(data.get("chosen_by") or ""))


def combine(scores: dict[str, float], weights: dict[str, float]) -> tuple[float, str]:
    """(blended score, the source that contributed most) for one code; ``scores`` holds
    only the sources available for this fragment."""
    total = sum(weights.get(s, 0.0) for s in scores)
    if total <= 0:
        return 0.0, "lexicon"
    parts = {s: weights.get(s, 0.0) * v for s, v in scores.items()}
    main = max(parts, key=lambda s: (parts[s], -SOURCES.index(s)))
    return sum(parts.values()) / total, main
