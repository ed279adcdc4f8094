"""The workbench's store that opens SQLAlchemy's after the first screen (store/later.py):
the overview's plain-SQL reads give what the full store's give, and every other use
opens the full store."""

from __future__ import annotations

import threading

from cmo.store.fastpath import QuickStore
from cmo.store.later import LaterStore
from cmo.store.project import open_project
from cmo.store.store import Store
from cmo.tui.state.codebook_data import CodebookData


def test_the_overviews_quick_reads_are_the_full_stores(coded_project):
    full = coded_project.store
    full.history.undo("tester")  # an undone change shows as such in the activity list
    t = full.transcripts.get("cirkel-client1")
    full.codings.add(t.id, 0, 9, "C1", coder="tweede")
    later = open_project(coded_project.path, full_later=True).store
    try:
        quick = later.first_reads
        assert isinstance(quick, QuickStore)
        assert quick.transcripts.summaries() == full.transcripts.summaries()
        counted = ("coded_turns", "codings", "progress")
        assert quick.transcripts.summaries(counts=False) == [
            {k: v for k, v in row.items() if k not in counted}
            for row in full.transcripts.summaries()
        ]
        assert quick.history.recent(limit=24) == full.history.recent(limit=24)
        assert len(full.history.recent(limit=24)) == 5
        assert {c["state"] for c in quick.history.recent()} == {"done", "undone"}
        assert quick.history.recent(actor="tweede") == full.history.recent(actor="tweede")
        assert len(quick.history.recent(actor="tweede")) == 1
        assert quick.codebook.counts() == full.codebook.counts()
        assert quick.codebook.counts()["C1"] == 1
        assert quick.codebook.clusters() == full.codebook.clusters()
        assert len(quick.codebook.clusters()) > 3
        shown, expected = CodebookData(later), CodebookData(full)
        assert shown.counts() == expected.counts()
        assert shown.cluster_names() == expected.cluster_names()
        assert shown.codes() == expected.codes()
        assert not later.is_open  # all of that without the full store
    finally:
        later.close()


def test_any_other_use_opens_the_full_store(coded_project):
    project = open_project(coded_project.path, full_later=True)
    store = project.store
    try:
        assert isinstance(store, LaterStore) and not store.is_open
        assert store.read_only == "" and store.integrity_problems() == []
        assert store.codings.count() == 4
        assert store.is_open and isinstance(store.first_reads, Store)
        assert store.full() is store.first_reads  # opened once
        assert store.transcripts.get("cirkel-client1").name == "cirkel-client1"
    finally:
        project.close()
    assert store.quick.connection is not None
    reopened = open_project(coded_project.path)  # closed cleanly: no integrity check needed
    reopened.close()


def test_the_full_store_opens_in_the_background(coded_project):
    project = open_project(coded_project.path, full_later=True)
    opened = threading.Event()
    try:
        project.store.open_in_background(opened.set).join(timeout=60)
        assert opened.is_set() and project.store.is_open
    finally:
        project.close()


def test_without_full_later_or_quick_the_store_is_the_full_one(coded_project):
    project = open_project(coded_project.path)
    try:
        assert isinstance(project.store, Store)
    finally:
        project.close()
