"""The store as one front door: repositories, the unit of work, and the coding row that
the repository and the standard-library fast path write alike."""

from __future__ import annotations

import json
import sqlite3

import pytest

from cmo.core.errors import Conflict
from cmo.store import fastpath


def test_a_unit_of_work_commits_everything_together(project):
    store = project.store
    with store.transaction() as tx:
        tx.casussen.add("Eerste")
        tx.casussen.add("Tweede")
        # Reads inside the unit see its own writes before they are committed.
        assert [c.name for c in tx.casussen.all()] == ["Eerste", "Tweede"]
    assert [c.name for c in store.casussen.all()] == ["Eerste", "Tweede"]


def test_an_error_in_a_unit_of_work_rolls_all_of_it_back(project):
    store = project.store
    before = store.logical_dump()
    with pytest.raises(Conflict), store.transaction() as tx:
        tx.casussen.add("Eerste")
        tx.codebook.update("M1a", name="Nieuwe naam")
        tx.casussen.add("Eerste")  # exists already: the whole unit is refused
    assert store.logical_dump() == before
    assert store.codebook.code("M1a").name != "Nieuwe naam"


def test_a_unit_of_work_uses_one_connection(project):
    store = project.store
    with store.transaction() as tx:
        with tx.write() as first, tx.read() as second:
            assert first is second is tx.conn
        with tx.transaction() as nested:
            assert nested is tx


def _change_rows(path):
    con = sqlite3.connect(path)
    try:
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute("SELECT * FROM change ORDER BY id")]
    finally:
        con.close()


def test_the_fast_path_writes_the_coding_and_log_entry_the_repository_writes(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    by_repo = store.codings.add(t.id, 0, 5, "M1a", coder="anna")
    path = coded_project.path / "cmo.db"
    quick = fastpath.open_quick(path)
    assert quick is not None
    by_fast = quick.codings.add(t.id, 5, 9, "M1a", coder="anna")
    quick.close()
    assert by_fast.id == by_repo.id + 1
    repo_row, fast_row = (
        store.codings.get(by_repo.id),
        store.codings.get(by_fast.id),
    )
    assert (fast_row.status, fast_row.coder, fast_row.code_id) == ("ok", "anna", "M1a")
    assert set(vars(repo_row)) == set(vars(fast_row))
    *_, repo_entry, fast_entry = _change_rows(path)
    assert set(repo_entry) == set(fast_entry)
    for entry, coding in ((repo_entry, by_repo), (fast_entry, by_fast)):
        after = json.loads(entry["after"])
        assert (entry["action"], entry["entity_id"], entry["state"]) == (
            "coding.add",
            str(coding.id),
            "done",
        )
        assert after["_cmocs"] == [] and after["_cmocs_against"] == []
        assert (after["start"], after["end"]) == (coding.start, coding.end)
    assert set(json.loads(repo_entry["after"])) == set(json.loads(fast_entry["after"]))
    # Both are undone the same way, newest first.
    assert store.history.undo(actor="anna")["entity_id"] == str(by_fast.id)
    assert store.history.undo(actor="anna")["entity_id"] == str(by_repo.id)


def test_an_undone_newest_coding_leaves_its_id_unused_on_every_way_in(coded_project):
    # SQLite gives the id of a deleted newest row to the next one; the change log and the
    # theory versions would then name two codings by one id.
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    first = store.codings.add(t.id, 0, 5, "M1a", coder="anna")
    store.history.undo(actor="anna")
    second = store.codings.add(t.id, 5, 9, "M1a", coder="anna")
    assert second.id > first.id
    store.codings.remove(second.id, actor="anna")
    quick = fastpath.open_quick(coded_project.path / "cmo.db")
    assert quick is not None
    third = quick.codings.add(t.id, 9, 12, "M1a", coder="anna")
    quick.close()
    assert third.id > second.id
    adds = [
        int(r["entity_id"])
        for r in _change_rows(coded_project.path / "cmo.db")
        if r["action"] == "coding.add"
    ]
    assert len(adds) == len(set(adds)) >= 3
