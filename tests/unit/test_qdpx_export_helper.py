"""A large QDPX export has its document read and built by a forked helper, on a
connection of its own, while this process reads the texts and deflates what it sends:
the archive holds the same bytes as one made in one process, also when the helper fails
part of the way, when someone commits meanwhile, or when the archive cannot be written."""

from __future__ import annotations

import errno
import os
import sqlite3
import zipfile

import pytest

from cmo.core import forked
from cmo.refi import export_qdpx as e
from cmo.refi import qdpx_archive as a
from cmo.store.project import open_project
from tests.forking import helpers_started

STAMP = "2026-01-01T00:00:00+00:00"


@pytest.fixture
def helped(monkeypatch):
    """Every export worth a helper, at a fixed export time; yields the helpers' pids."""
    monkeypatch.setattr(a, "HELPER_FROM_CODINGS", 0)
    monkeypatch.setattr(forked, "cores", lambda: 2)
    monkeypatch.setattr(e, "_now", lambda: STAMP)
    return helpers_started(monkeypatch, forked.StreamHelper)


@pytest.fixture
def quick(coded_project):
    """The coded project on the store of the commands (the one a helper can reopen)."""
    with open_project(coded_project.path, quick=True) as opened:
        yield opened.store


def archive_of(store, path, monkeypatch, helper: bool) -> dict[str, bytes]:
    monkeypatch.setenv("CMO_HELPER", "on" if helper else "off")
    e.export_qdpx(store, path, name="p")
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_helpers_document_is_the_one_built_here(quick, tmp_path, helped, monkeypatch):
    alone = archive_of(quick, tmp_path / "alone.qdpx", monkeypatch, helper=False)
    assert helped == []
    shared = archive_of(quick, tmp_path / "shared.qdpx", monkeypatch, helper=True)
    assert len(helped) == 1 and helped[0] not in (0, os.getpid())
    assert shared == alone and b"<PlainTextSelection" in shared["project.qde"]
    assert len(shared) > 1  # the sources' texts are there, written by this process


def test_the_report_counts_what_the_archive_holds(quick, tmp_path, helped, monkeypatch):
    monkeypatch.setenv("CMO_HELPER", "on")
    report = e.export_qdpx(quick, tmp_path / "p.qdpx", name="p")
    assert len(helped) == 1 and report.path == tmp_path / "p.qdpx"
    with zipfile.ZipFile(report.path) as archive:
        document = archive.read("project.qde")
        texts = [n for n in archive.namelist() if n.startswith("sources/")]
    guids = [g for (g,) in quick.fetch("SELECT guid FROM coding")]
    assert report.codings == len(guids) > 0
    assert all(f'<Coding guid="{g}"'.encode() in document for g in guids)
    assert report.transcripts == document.count(b"<TextSource ") == len(texts) - report.memos


def test_a_helper_failing_part_of_the_way_is_done_again_here(quick, tmp_path, helped, monkeypatch):
    alone = archive_of(quick, tmp_path / "alone.qdpx", monkeypatch, helper=False)
    here = os.getpid()
    original = e.project_chunks
    built_here: list[int] = []

    def failing_in_the_helper(*args):
        for n, chunk in enumerate(original(*args)):
            if n == 1 and os.getpid() != here:  # after the first piece went out
                raise MemoryError("the helper ran out")
            yield chunk
        built_here.append(os.getpid())

    monkeypatch.setattr(e, "project_chunks", failing_in_the_helper)
    monkeypatch.setattr(a, "megabytes", lambda chunks: chunks)  # each alone
    shared = archive_of(quick, tmp_path / "shared.qdpx", monkeypatch, helper=True)
    assert len(helped) == 1 and built_here == [here]
    assert shared == alone


def test_a_commit_while_the_helper_reads_is_exported_again_in_one_read(
    quick, coded_project, tmp_path, helped, monkeypatch
):
    """The helper read before someone saved a memo, this process after: the archive is
    made again, and holds the memo (as an export made after the commit does)."""
    put = a.put
    committed: list[str] = []

    def put_after_a_commit(archive, name, body, date):
        if not committed:
            with sqlite3.connect(coded_project.path / "cmo.db") as other:
                other.execute("UPDATE coding SET memo = 'later thought' WHERE id = 1")
            committed.append(name)
        put(archive, name, body, date)

    monkeypatch.setattr(a, "put", put_after_a_commit)
    shared = archive_of(quick, tmp_path / "shared.qdpx", monkeypatch, helper=True)
    monkeypatch.setattr(a, "put", put)
    after = archive_of(quick, tmp_path / "after.qdpx", monkeypatch, helper=False)
    assert len(helped) == 1 and len(committed) == 1
    assert b"later thought" in shared["project.qde"]
    assert shared == after


def test_a_failed_write_ends_the_helper_and_leaves_no_file(quick, tmp_path, helped, monkeypatch):
    def disk_full_after_a_piece(tmp, document, sources, date):
        assert next(iter(document))  # the helper is still at work
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setenv("CMO_HELPER", "on")
    monkeypatch.setattr(a, "megabytes", lambda chunks: chunks)  # each alone
    monkeypatch.setattr(a, "write", disk_full_after_a_piece)
    out = tmp_path / "exports"
    with pytest.raises(OSError, match="No space"):
        e.export_qdpx(quick, out / "p.qdpx", name="p")
    (pid,) = helped
    with pytest.raises(ProcessLookupError):  # killed and reaped, not left behind
        os.kill(pid, 0)
    assert list(out.iterdir()) == []  # neither the archive nor a partial one


def test_a_process_with_other_threads_never_forks(quick, tmp_path, helped, monkeypatch):
    """The workbench exports from a process with threads: the document is built here."""
    import threading

    alone = archive_of(quick, tmp_path / "alone.qdpx", monkeypatch, helper=False)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not forked.worth_forking()
        shared = archive_of(quick, tmp_path / "threaded.qdpx", monkeypatch, helper=True)
    finally:
        release.set()
        other.join()
    assert helped == [] and shared == alone
    assert forked.worth_forking()  # and with the thread gone, it would fork again


def test_the_full_store_exports_in_one_process(coded_project, tmp_path, helped, monkeypatch):
    """The workbench's store cannot be reopened in a helper: the same archive, alone."""
    with open_project(coded_project.path, quick=True) as opened:
        alone = archive_of(opened.store, tmp_path / "alone.qdpx", monkeypatch, helper=False)
    full = archive_of(coded_project.store, tmp_path / "full.qdpx", monkeypatch, helper=True)
    assert helped == [] and full == alone


def test_a_long_source_is_handed_on_in_pieces(realist, monkeypatch):
    """One transcript's selections go out a few at a time (one huge transcript is deflated
    while it is written), and the pieces are the document."""
    from cmo.refi.export_data import load

    project, _ids = realist
    data = load(project.store)
    whole = list(e.project_chunks(data, "p", STAMP))
    monkeypatch.setattr(e, "SELECTIONS_PER_PIECE", 2)
    pieces = list(e.project_chunks(data, "p", STAMP))
    per_source = [len(data.codings.get(t["id"], ())) for t in data.transcripts]
    assert max(per_source) > 4
    assert len(pieces) == len(whole) + sum(max(0, -(-n // 2) - 1) for n in per_source)
    assert b"".join(pieces) == b"".join(whole)
