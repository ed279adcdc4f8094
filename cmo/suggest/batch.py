"""Suggestions for many fragments at once, on several cores.

``nlp.pipe(n_process=...)`` would parallelise only the tokenising and lemmatising and send
every doc back to the parent, which would then do all the matching alone. Here each
worker process runs the whole chain — ``nlp.pipe`` in batches, lexicon, classifier,
ranking — on its chunk of fragments, and only the plain suggestions travel back. Workers
are forked from the parent, so they share its loaded pipeline and model. Forking a process
that runs threads can deadlock: use ``n_process > 1`` from the CLI and benchmarks, and
``n_process=1`` (the default) inside the TUI.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice

from .ranker import Suggester, Suggestion

CHUNK = 400
_worker_suggester: Suggester | None = None


def suggest_many(
    suggester: Suggester,
    items: Iterable[tuple[str, dict]],
    top: int = 3,
    families: str | None = None,
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[tuple[list[Suggestion], dict]]:
    """(text, context) pairs in, (suggestions, context) out, in the same order."""
    if n_process <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from suggester.suggest_texts(items, top, families, batch_size)
        return
    global _worker_suggester
    _worker_suggester = suggester  # inherited by the forked workers
    context = multiprocessing.get_context("fork")
    with context.Pool(n_process) as pool:
        chunks = _chunks(iter(items), CHUNK)
        for results in pool.imap(_run_chunk, ((c, top, families, batch_size) for c in chunks)):
            yield from results


def _run_chunk(args) -> list[tuple[list[Suggestion], dict]]:
    chunk, top, families, batch_size = args
    return list(_worker_suggester.suggest_texts(chunk, top, families, batch_size))


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk
