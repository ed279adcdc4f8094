"""Computing the project's embeddings in the background, once per text.

``embed_project(store)`` embeds every turn and every sentence of a multi-sentence turn of
the transcripts without current vectors (new, or whose text changed), then the coded spans
that are neither a turn nor a sentence, and stores them (``store.embeddings``).

``start_worker(store)`` runs it in a detached process (``python -m cmo.suggest.embed_worker``,
lower priority, one BLAS thread) and returns at once: the import command and the workbench
never wait for it. One worker per project at a time (a lock file holds its pid); it loops
until nothing is stale, so texts imported while it runs are picked up too.
``CMO_EMBED_WORKER=off`` stops commands from starting it (the test suite sets this);
``cmo embed`` runs the same work in the foreground.

The encoder's work is spread over ``CMO_EMBED_PROCESSES`` forked processes (default 2, 1
on a single core): the network is compute-bound (about 11,000 words a second per core)
and a turn of several sentences is encoded twice, whole and per sentence, so one core
embeds about 6,000 project words a second and two twice that. The forked processes share
the network's memory-mapped weights; only texts and vectors travel. Small jobs (fewer
than ``POOL_FROM`` texts) are encoded in the process itself.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from ..core.digest import text_hash
from ..core.text import sentence_spans
from ..store.guard import pid_alive, pid_lock
from . import encoder

POOL_FROM = 64
"""Texts from which the encoding is spread over the processes."""


def processes() -> int:
    wanted = os.environ.get("CMO_EMBED_PROCESSES", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return min(2, os.cpu_count() or 1)


_pool = None
_pool_size = 1


def _encode_chunk(texts: list[str]):
    return encoder.encode(texts)


def encode_many(texts: list[str]):
    """``encoder.encode`` over the open pool's processes (in this one without a pool)."""
    import numpy as np

    if _pool is None or len(texts) < POOL_FROM:
        return encoder.encode(texts)
    size = len(texts) // (2 * _pool_size) + 1
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    return np.concatenate(_pool.map(_encode_chunk, chunks))


@contextmanager
def encoding_pool(n: int):
    """Forked encoder processes for the ``with`` block (none for n = 1, or where fork
    is not available)."""
    global _pool, _pool_size
    import multiprocessing

    if n <= 1 or _pool is not None or "fork" not in multiprocessing.get_all_start_methods():
        yield
        return
    encoder.for_batches()  # load the network once, before the fork: shared, not copied
    _pool = multiprocessing.get_context("fork").Pool(n)
    _pool_size = n
    try:
        yield
    finally:
        pool, _pool = _pool, None
        pool.close()
        pool.join()


def spans_of(text: str, turns) -> list[tuple[str, int, int]]:
    """(level, start, end) of every turn, and of the sentences of turns with more than one."""
    spans = []
    for turn in turns:
        if not text[turn.start : turn.end].strip():
            continue
        spans.append(("turn", turn.start, turn.end))
        sentences = sentence_spans(text, turn.start, turn.end)
        if len(sentences) > 1:
            spans.extend(("sentence", s, e) for s, e in sentences)
    return spans


def embed_transcript(store, transcript_id: int) -> int:
    """Embed one transcript's turns and sentences; returns the number of vectors stored
    (0 when its text changed meanwhile: the next pass takes the new text)."""
    transcript = store.transcripts.get(transcript_id)
    text = transcript.text
    spans = spans_of(text, store.transcripts.turns(transcript_id))
    t_hash = text_hash(text)
    vectors = encode_many([text[s:e] for _, s, e in spans])
    rows = [
        (level, s, e, text_hash(text[s:e]), encoder.to_bytes(v))
        for (level, s, e), v in zip(spans, vectors, strict=True)
    ]
    ok = store.embeddings.save_transcript_vectors(
        transcript_id, t_hash, rows, encoder.MODEL, encoder.version()
    )
    return len(rows) if ok else 0


def embed_coded_spans(store) -> int:
    """Embed coded spans that have no current vector yet (selections inside a turn)."""
    have = store.embeddings.current_vectors(encoder.MODEL, encoder.version())
    missing = sorted({(c.transcript_id, c.start, c.end) for c in store.codings.all()} - set(have))
    if not missing:
        return 0
    hashes = store.embeddings.transcript_hashes([t for t, _, _ in missing])
    texts = {t: store.transcripts.get(t).text for t in hashes}
    missing = [m for m in missing if m[0] in texts]
    vectors = encode_many([texts[t][s:e] for t, s, e in missing])
    return store.embeddings.save_span_vectors(
        [
            (t, s, e, text_hash(texts[t][s:e]), hashes[t], encoder.to_bytes(v))
            for (t, s, e), v in zip(missing, vectors, strict=True)
        ],
        encoder.MODEL,
        encoder.version(),
    )


def embed_project(store, progress=None, n_process: int | None = None) -> dict:
    """Embed whatever is stale, until nothing is; returns counts and timings.
    ``n_process``: encoder processes (default ``processes()``)."""
    started = time.perf_counter()
    done = {"transcripts": 0, "vectors": 0, "coded_spans": 0, "words": 0}
    stale = store.embeddings.stale_transcripts(encoder.MODEL, encoder.version())
    if stale:
        encoder.for_batches()
    with encoding_pool((n_process or processes()) if stale else 1):
        for _ in range(5):  # texts that change while we work are taken on the next round
            if not stale:
                break
            for n, transcript_id in enumerate(stale, 1):
                count = embed_transcript(store, transcript_id)
                if count:
                    done["transcripts"] += 1
                    done["vectors"] += count
                    done["words"] += store.transcripts.get(transcript_id).word_count
                if progress:
                    progress(n, len(stale))
            stale = store.embeddings.stale_transcripts(encoder.MODEL, encoder.version())
        done["coded_spans"] = embed_coded_spans(store)
    from .knowledge import store_code_vectors

    done["codebook"] = store_code_vectors(store)
    done["seconds"] = round(time.perf_counter() - started, 2)
    return done


# ---- the detached worker ------------------------------------------------------------------


def _lock_path(url: str) -> Path:
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///") :]).with_name(".cmo-embed.lock")
    digest = hashlib.sha1(url.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"cmo-embed-{digest}.lock"


def worker_running(store) -> bool:
    path = _lock_path(store.url)
    try:
        pid = int(path.read_text().strip() or 0)
    except (OSError, ValueError):
        return False
    return pid > 0 and pid_alive(pid)


def start_worker(store, work_waiting: bool | None = None) -> bool:
    """Start the background worker unless it runs already, is switched off, has nothing to
    do or no encoder is installed. Returns True when a worker was started.
    ``work_waiting``: known already (an import has just added texts), so the store (it
    may be the standard-library one, which has no embeddings repository) is not asked."""
    if os.environ.get("CMO_EMBED_WORKER", "").lower() in ("off", "0", "no", "false"):
        return False
    if not encoder.enabled() or worker_running(store):
        return False
    if not (_work_waiting(store) if work_waiting is None else work_waiting):
        return False
    env = dict(os.environ, CMO_EMBED_URL=store.url, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    subprocess.Popen(
        [sys.executable, "-m", "cmo.suggest.embed_worker"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # outlives the command that started it; no terminal signals
        close_fds=True,
    )
    return True


def _work_waiting(store) -> bool:
    from .knowledge import code_vectors_current

    return bool(
        store.embeddings.stale_transcripts(encoder.MODEL, encoder.version())
    ) or not code_vectors_current(store)


def _main() -> int:
    url = os.environ.get("CMO_EMBED_URL", "")
    if not url:
        return 2
    with pid_lock(_lock_path(url)) as held:
        if not held:  # another worker runs for this project
            return 0
        try:
            os.nice(10)
        except OSError:
            pass
        from ..store.clean_close import holding
        from ..store.store import Store

        # Held like any cmo session: its writes do not make the next command believe
        # the project was left uncleanly (and run the full integrity check).
        with holding(url):
            store = Store(url)
            try:
                embed_project(store)
            finally:
                store.close()
    return 0


if __name__ == "__main__":
    sys.exit(_main())
