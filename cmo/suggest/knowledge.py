"""What the suggester learns from a project's store besides the codebook: the vectors of
the codes' texts, the coded fragments' vectors (for the similar-fragment vote), the
turns' word statistics (for the lexicon) and the blend weights chosen by ``cmo eval``.

Vectors come from the ``embedding`` table; coded spans the background worker has not
embedded yet are embedded here (at most ``LIVE_LIMIT``), so the similar fragments work
from the first coding on.
"""

from __future__ import annotations

from ..core.digest import text_hash
from ..core.text import snippet
from . import encoder
from .blend import BLEND_ARTIFACT, Blend
from .examples import coded_fragments
from .semantic import CodeVectors, DenseNeighbours

LIVE_LIMIT = 2000


def codings_stamp(store) -> tuple:
    """Changes whenever a coding is added, removed or moved."""
    return store.queries.codings_stamp()


def texts_stamp(store) -> tuple:
    return store.queries.texts_stamp()


def turn_texts(store):
    for transcript in store.transcripts.all():
        text = transcript.text
        for turn in store.transcripts.turns(transcript.id):
            yield text[turn.start : turn.end]


CODE_VECTORS = "suggest-code-vectors"


def code_vectors(store, codes, key: str) -> CodeVectors | None:
    """The codebook's vectors: those the embedding worker kept in the ``artifact`` table
    for this codebook ``key`` and encoder version, else computed now (suggesting never
    writes to the project)."""
    if not encoder.enabled():
        return None
    codes = list(codes)
    row = store.artifacts.get(CODE_VECTORS)
    if row is not None and row["info"] == _stamp(key) and row["data"]:
        import numpy as np

        found = CodeVectors(codes, None)
        if len(found.texts) * encoder.DIM * 2 == len(row["data"]):
            found.matrix = (
                np.frombuffer(row["data"], dtype="<f2")
                .astype(np.float32)
                .reshape(len(found.texts), encoder.DIM)
            )
            return found
    return CodeVectors(codes, encoder.encode)


def _stamp(key: str) -> dict:
    from .semantic import TEXTS_VERSION

    return {
        "codebook": key,
        "model": encoder.MODEL,
        "version": encoder.version(),
        "texts": TEXTS_VERSION,
    }


def code_vectors_current(store) -> bool:
    from .persist import codebook_hash

    row = store.artifacts.info(CODE_VECTORS)
    return row is not None and row["info"] == _stamp(codebook_hash(store.codebook.codes()))


def store_code_vectors(store) -> bool:
    """Keep the codebook's vectors with the project (the worker's job); True if new."""
    from .persist import codebook_hash

    if code_vectors_current(store):
        return False
    codes = store.codebook.codes()
    key = codebook_hash(codes)
    found = CodeVectors(codes, encoder.encode)
    store.artifacts.put(CODE_VECTORS, encoder.to_bytes(found.matrix), _stamp(key))
    return True


def coded_places(store, items: list[dict]) -> dict[tuple[int, int, int], tuple[str, str]]:
    """(transcript id, start, end) → (transcript name, speaker of the turn it starts in)
    of each coded fragment in ``items`` (as from ``examples.coded_fragments``)."""
    import bisect

    places = {}
    by_transcript: dict[int, list[dict]] = {}
    for f in items:
        by_transcript.setdefault(f["transcript_id"], []).append(f)
    for t, fragments in by_transcript.items():
        name = store.transcripts.get(t).name
        turns = sorted(
            (turn.start, turn.end, turn.speaker or "") for turn in store.transcripts.turns(t)
        )
        starts = [s for s, _e, _speaker in turns]
        for f in fragments:
            at = bisect.bisect_right(starts, f["start"]) - 1
            inside = at >= 0 and turns[at][0] <= f["start"] < turns[at][1]
            places[(t, f["start"], f["end"])] = (name, turns[at][2] if inside else "")
    return places


def neighbours(
    store, items: list[dict] | None = None, places: dict | None = None
) -> DenseNeighbours | None:
    """The coded fragments (``items`` as from ``examples.coded_fragments``, by default all
    of them) with their vectors; None without the encoder. ``places``: as from
    ``coded_places`` for these items, if the caller has them."""
    if not encoder.enabled():
        return None
    import numpy as np

    items = coded_fragments(store) if items is None else items
    places = coded_places(store, items) if places is None else places
    have = store.embeddings.coded_span_vectors(encoder.MODEL, encoder.version())
    texts = {t: store.transcripts.get(t).text for t in {f["transcript_id"] for f in items}}
    missing = [f for f in items if (f["transcript_id"], f["start"], f["end"]) not in have]
    live = {}
    if missing:
        chosen = missing[:LIVE_LIMIT]
        vectors = encoder.encode([texts[f["transcript_id"]][f["start"] : f["end"]] for f in chosen])
        live = {
            (f["transcript_id"], f["start"], f["end"]): v
            for f, v in zip(chosen, vectors, strict=True)
        }
    rows, metas = [], []
    for f in items:
        key = (f["transcript_id"], f["start"], f["end"])
        vector = encoder.from_bytes(have[key]) if key in have else live.get(key)
        if vector is None:
            continue
        text = texts[f["transcript_id"]][f["start"] : f["end"]]
        name, speaker = places[key]
        rows.append(vector)
        metas.append(
            {
                "code_ids": list(f["codes"]),
                "transcript_id": f["transcript_id"],
                "transcript": name,
                "speaker": speaker,
                "start": f["start"],
                "end": f["end"],
                "quote": snippet(text, 0, len(text), 90),
                "text_hash": text_hash(text),
            }
        )
    matrix = np.asarray(rows, dtype=np.float32) if rows else np.zeros((0, encoder.DIM), "float32")
    return DenseNeighbours(metas, matrix)


def load_blend(store) -> Blend:
    row = store.artifacts.info(BLEND_ARTIFACT)
    return Blend.from_dict(row["info"] if row else None)


def save_blend(store, blend: Blend) -> None:
    store.artifacts.put(BLEND_ARTIFACT, b"", blend.to_dict())


def fragment_vector(store, text: str, span: tuple[int, int, int] | None = None):
    """The stored vector of this text (of the ``span`` (transcript id, start, end) it
    comes from, when known), else one computed now; None without the encoder."""
    if not encoder.enabled():
        return None
    if span is not None:
        found = _transcript_vectors(store, span[0]).get((span[1], span[2]))
        # The text decides: a span of a transcript replaced since is another text.
        if found is not None and found[0] == text_hash(text):
            return found[1]
    found = store.embeddings.vector_for_text(text, encoder.MODEL, encoder.version())
    if found is not None:
        return encoder.from_bytes(found)
    return encoder.encode([text])[0]


_by_transcript: dict[tuple[str, int], tuple[float, tuple, dict]] = {}
RELOAD_AFTER = 2.0
"""Seconds after which a transcript's vectors are looked at again (the worker may have
added some meanwhile)."""


def _transcript_vectors(store, transcript_id: int) -> dict:
    """{(start, end): (text hash, vector)} of the transcript's current vectors, read once
    and kept while they do not change: walking a transcript's turns costs no query per
    turn."""
    import time

    key = (store.url, transcript_id)
    now = time.monotonic()
    cached = _by_transcript.get(key)
    if cached is not None and now - cached[0] < RELOAD_AFTER:
        return cached[2]
    stamp = store.embeddings.stamp(transcript_id)
    if cached is not None and cached[1] == stamp:
        _by_transcript[key] = (now, stamp, cached[2])
        return cached[2]
    text = store.transcripts.get(transcript_id).text
    vectors = {
        (s, e): (text_hash(text[s:e]), encoder.from_bytes(v))
        for (_t, s, e), v in store.embeddings.current_vectors(
            encoder.MODEL, encoder.version(), transcript_id
        ).items()
    }
    if len(_by_transcript) > 16:  # the transcripts open in a session, not a whole project
        _by_transcript.clear()
    _by_transcript[key] = (now, stamp, vectors)
    return vectors
