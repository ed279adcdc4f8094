"""Co-occurrence per turn on two cores (``cmo cooccur`` on a large project): a forked
helper places the codings before the middle turn, this process the rest, and the two
joined are what one process counts, even when the helper fails or someone commits while
the two parts are read."""

from __future__ import annotations

import os
import sqlite3

import pytest

from cmo.analysis import cooccurrence as module
from cmo.analysis.corpus import Corpus, load_corpus
from cmo.core import forked
from cmo.store.project import open_project
from tests.analysis_truth import Truth, expected_turn_counts, table_cells
from tests.forking import helpers_started


@pytest.fixture
def quick_realist(realist, monkeypatch):
    """The realist project on the fast path's store, with every size worth a helper."""
    project, _ids = realist
    monkeypatch.setattr(module, "HELPER_FROM_WORDS", 0)
    monkeypatch.setattr(forked, "cores", lambda: 2)
    truth = Truth(project.store)
    with open_project(project.path, quick=True) as quick:
        yield quick.store, truth


def recounted(monkeypatch) -> list[int]:
    """One entry per recount of everything in one read transaction."""
    recounts: list[int] = []
    snapshot = Corpus.snapshot
    monkeypatch.setattr(Corpus, "snapshot", lambda self: recounts.append(1) or snapshot(self))
    return recounts


@pytest.mark.parametrize("pool", [False, True])
def test_two_halves_count_what_one_process_counts(quick_realist, monkeypatch, pool):
    store, truth = quick_realist
    corpus = load_corpus(store)
    assert corpus.helped(None, 0) and module._cut(module._sweep_turns(corpus, None))
    pids = helpers_started(monkeypatch, forked.Helper)
    recounts = recounted(monkeypatch)
    table = module.cooccurrence(corpus, unit="turn", pool=pool)
    assert len(pids) == 1 and pids[0] not in (0, os.getpid())
    assert recounts == []  # the helper's half was taken, not counted again
    assert table_cells(table) == dict(expected_turn_counts(truth, per_coder=not pool))


def test_a_failing_helper_is_counted_here(quick_realist, monkeypatch):
    store, truth = quick_realist

    def broken(self):
        raise OSError("no second connection")

    monkeypatch.setattr(Corpus, "on_own_connection", broken)
    pids = helpers_started(monkeypatch, forked.Helper)
    recounts = recounted(monkeypatch)
    table = module.cooccurrence(load_corpus(store), unit="turn")
    assert len(pids) == 1 and recounts == [1]
    assert table_cells(table) == dict(expected_turn_counts(truth, per_coder=True))


def test_a_commit_while_the_halves_are_read_is_counted_again_in_one_read(
    quick_realist, realist, monkeypatch
):
    """The helper's half sees a coding committed after this process read its own half:
    the two halves are of different moments, so everything is counted again."""
    store, _truth = quick_realist
    corpus = load_corpus(store)
    original = Corpus.on_own_connection

    def committing_first(self):
        twin = original(self)
        with sqlite3.connect(store.path) as other:
            other.execute(
                'INSERT INTO coding (transcript_id, start, "end", code_id, coder, memo, '
                "created_at, updated_at, status, guid) SELECT transcript_id, start, "
                "\"end\", 'O1', 'laat', memo, created_at, updated_at, status, "
                "'late-guid' FROM coding WHERE transcript_id = ? ORDER BY id LIMIT 1",
                (min(corpus.docs),),
            )
        return twin

    monkeypatch.setattr(Corpus, "on_own_connection", committing_first)
    recounts = recounted(monkeypatch)
    table = module.cooccurrence(corpus, unit="turn")
    assert recounts == [1]
    project, _ids = realist
    after = Truth(project.store)
    assert any(c.coder == "laat" for c in after.all_codings)
    assert table_cells(table) == dict(expected_turn_counts(after, per_coder=True))


def test_the_workbenchs_full_store_never_forks(realist, monkeypatch):
    """The full store (the workbench, with its threads) is counted in one process."""
    project, _ids = realist
    monkeypatch.setattr(module, "HELPER_FROM_WORDS", 0)
    pids = helpers_started(monkeypatch, forked.Helper)
    module.cooccurrence(load_corpus(project.store), unit="turn")
    assert pids == []


def test_the_helper_counts_the_codings_awaiting_review(quick_realist, realist, monkeypatch):
    """The table's footnote (codings awaiting review, left out) is counted by the helper,
    which usually finishes first, in the same state as the table; the number is the
    database's."""
    store, _truth = quick_realist
    project, _ids = realist
    with sqlite3.connect(store.path) as other:
        other.execute(
            "UPDATE coding SET status = 'review' WHERE id IN (SELECT MIN(id) FROM coding)"
        )
    corpus = load_corpus(store)
    module.cooccurrence(corpus, unit="turn")
    assert (
        corpus._awaiting == 1 == sum(c.status == "review" for c in Truth(project.store).all_codings)
    )
    assert "1 coding(s) awaiting review" in corpus.review_note()
