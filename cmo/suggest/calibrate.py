"""Turning the suggesters' raw scores into one calibrated probability per code.

Three features per (fragment, code): the lexicon's raw evidence, the classifier's
probability and the neighbour vote. A logistic regression over them (Platt scaling with
three inputs) is fitted on *out-of-fold* scores of the project's own coded fragments, so
the combined score is an estimate of "a coder would give this code here".

Before there is enough data to fit (fewer than ``MIN_FIT`` coded fragments) a documented
fallback blends the lexicon's probability ``1 - exp(-raw)`` with the learned one, giving
the learned part the weight ``n / (n + 150)`` for ``n`` coded fragments: the learned part
takes over as codings accumulate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MIN_FIT = 30
PRIOR_N = 150
DEFAULT = (0.0, 0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Calibration:
    """``p = sigmoid(a·lexicon + b·classifier + c·neighbours + bias)``; ``fitted`` False
    means the fallback blend with ``n`` coded fragments."""

    a: float = 0.0
    b: float = 0.0
    c: float = 0.0
    bias: float = 0.0
    fitted: bool = False
    n: int = 0

    def __call__(self, lexicon: float, classifier: float | None, neighbours: float | None) -> float:
        if classifier is None:
            return 1.0 - math.exp(-lexicon)
        if not self.fitted:
            w = self.n / (self.n + PRIOR_N)
            return (1 - w) * (1.0 - math.exp(-lexicon)) + w * max(classifier, neighbours or 0)
        z = self.a * lexicon + self.b * classifier + self.c * (neighbours or 0.0) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict:
        return {
            "a": self.a,
            "b": self.b,
            "c": self.c,
            "bias": self.bias,
            "fitted": self.fitted,
            "n": self.n,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Calibration:
        return cls(**{k: data[k] for k in ("a", "b", "c", "bias", "fitted", "n") if k in data})


def fit(
    rows: list[tuple[float, float, float]],
    targets: list[int],
    n_fragments: int,
    l2: float = 1.0,
    iterations: int = 25,
) -> Calibration:
    """Logistic regression by Newton's method with a small L2 penalty (not on the bias)."""
    if n_fragments < MIN_FIT or not rows or len(set(targets)) < 2:
        return Calibration(n=n_fragments)
    import numpy as np

    x = np.hstack([np.asarray(rows, dtype=float), np.ones((len(rows), 1))])
    y = np.asarray(targets, dtype=float)
    w = np.zeros(x.shape[1])
    penalty = np.diag([l2] * (x.shape[1] - 1) + [0.0])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty @ w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty + 1e-6 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    a, b, c, bias = (float(v) for v in w)
    return Calibration(a=a, b=b, c=c, bias=bias, fitted=True, n=n_fragments)
