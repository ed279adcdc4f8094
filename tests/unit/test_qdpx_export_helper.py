"""A large QDPX export builds its document in a forked helper while this process
deflates it: the archive holds the same bytes as one built in one process, also when the
helper fails part of the way or the archive cannot be written."""

from __future__ import annotations

import os
import zipfile

import pytest

from cmo.core import forked
from cmo.refi import export_qdpx as e
from cmo.refi import qdpx_archive as a
from cmo.refi.export_data import load
from tests.forking import helpers_started

STAMP = "2026-01-01T00:00:00+00:00"


@pytest.fixture
def helped(monkeypatch):
    """Every export worth a helper, at a fixed export time; yields the helpers' pids."""
    monkeypatch.setattr(e, "HELPER_FROM_CODINGS", 0)
    monkeypatch.setattr(forked, "cores", lambda: 2)
    monkeypatch.setattr(e, "_now", lambda: STAMP)
    return helpers_started(monkeypatch, forked.StreamHelper)


def document(store, path, monkeypatch, helper: bool) -> bytes:
    monkeypatch.setenv("CMO_HELPER", "on" if helper else "off")
    e.export_qdpx(store, path, name="p")
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde")


def test_the_helpers_document_is_the_one_built_here(coded_project, tmp_path, helped, monkeypatch):
    store = coded_project.store
    alone = document(store, tmp_path / "alone.qdpx", monkeypatch, helper=False)
    assert helped == []
    shared = document(store, tmp_path / "shared.qdpx", monkeypatch, helper=True)
    assert len(helped) == 1 and helped[0] not in (0, os.getpid())
    assert shared == alone and b"<PlainTextSelection" in shared


def test_a_helper_failing_part_of_the_way_is_finished_here(
    coded_project, tmp_path, helped, monkeypatch
):
    store = coded_project.store
    alone = document(store, tmp_path / "alone.qdpx", monkeypatch, helper=False)
    here = os.getpid()
    original = e.project_chunks

    def failing_in_the_helper(*args):
        for n, chunk in enumerate(original(*args)):
            if n == 1 and os.getpid() != here:  # after the first piece went out
                raise MemoryError("the helper ran out")
            yield chunk

    monkeypatch.setattr(e, "project_chunks", failing_in_the_helper)
    monkeypatch.setattr(a, "megabytes", lambda chunks: chunks)  # each chunk sent alone
    skipped: list[int] = []
    after = a.after
    monkeypatch.setattr(a, "after", lambda parts, skip: skipped.append(skip) or after(parts, skip))
    shared = document(store, tmp_path / "shared.qdpx", monkeypatch, helper=True)
    assert len(helped) == 1
    assert len(skipped) == 1 and 0 < skipped[0] < len(alone)
    assert shared == alone


def test_a_failed_write_ends_the_helper(coded_project, helped, monkeypatch):
    monkeypatch.setenv("CMO_HELPER", "on")
    monkeypatch.setattr(a, "megabytes", lambda chunks: chunks)
    parts = e._document_parts(load(coded_project.store), "p", STAMP)
    assert next(parts)
    parts.close()  # what an error writing the archive does to it
    (pid,) = helped
    with pytest.raises(ProcessLookupError):  # killed and reaped, not left behind
        os.kill(pid, 0)


def test_a_process_with_other_threads_never_forks(coded_project, tmp_path, helped, monkeypatch):
    """The workbench exports from a process with threads: the document is built here."""
    import threading

    store = coded_project.store
    alone = document(store, tmp_path / "alone.qdpx", monkeypatch, helper=False)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not forked.worth_forking()
        shared = document(store, tmp_path / "threaded.qdpx", monkeypatch, helper=True)
    finally:
        release.set()
        other.join()
    assert helped == [] and shared == alone
    assert forked.worth_forking()  # and with the thread gone, it would fork again
