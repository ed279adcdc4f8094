"""Transcripts can be renamed and removed, each undoable; every change names its actor,
and a QDPX import leaves an entry in the log that undo does not silently skip."""

from __future__ import annotations

import json

import pytest

from cmo.core.errors import Conflict
from tests.cli import run_cmo
from tests.qdpx_helpers import new_project


def _without_log(store) -> dict:
    dump = store.logical_dump()
    dump.pop("change")
    return dump


def test_remove_then_undo_brings_back_everything_with_the_same_ids(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    codings = store.codings.all(t.id)
    store.cmocs.add(mechanisms=["M3c"], evidence=[codings[0].id])
    store.memos.set("transcript", t.id, "opname slecht verstaanbaar", author="tester")
    store.codings.update(codings[1].id, actor="tester", memo="structuur")
    before = _without_log(store)

    kept = store.transcripts.remove("cirkel-client1", actor="tester")
    assert len(kept["codings"]) == len(codings)
    assert store.transcripts.all() == [] and store.codings.all() == []
    assert store.participants.all() == [], "a participant who spoke only there lingers"

    change = store.history.undo("tester")
    assert change["action"] == "transcript.remove"
    assert _without_log(store) == before
    assert store.integrity_problems() == []


def test_rename_is_undoable_and_refuses_a_name_in_use(coded_project, sample_file):
    store = coded_project.store
    labels = sorted(p.label for p in store.participants.all())
    assert labels == ["cirkel-client1/I", "cirkel-client1/R"]
    assert store.transcripts.rename("cirkel-client1", "cirkel-ria", actor="tester") == (
        "cirkel-client1"
    )
    assert store.transcripts.get("cirkel-ria").id == store.transcripts.all()[0].id
    # 'R' in this interview is a person of this transcript: the label follows the name
    assert sorted(p.label for p in store.participants.all()) == ["cirkel-ria/I", "cirkel-ria/R"]
    store.history.undo("tester")
    assert store.transcripts.all()[0].name == "cirkel-client1"
    assert sorted(p.label for p in store.participants.all()) == labels
    store.history.redo("tester")
    assert store.transcripts.all()[0].name == "cirkel-ria"
    from cmo.ingest.service import import_files

    other = sample_file.with_name("tweede.txt")
    other.write_text(sample_file.read_text(encoding="utf-8") + "\nI: Dank je.\n", "utf-8")
    import_files(store, [other], casus="De Cirkel Almere")
    with pytest.raises(Conflict, match="exists already"):
        store.transcripts.rename("tweede", "cirkel-ria")


def test_cli_rename_rm_undo_and_the_log_names_the_actor(coded_project):
    folder = str(coded_project.path)
    coded_project.close()
    run_cmo("transcripts", "rename", "cirkel-client1", "cirkel-ria", "-p", folder, check=True)
    removed = run_cmo("transcripts", "rm", "cirkel-ria", "-p", folder, check=True)
    assert "and 4 codings" in removed.stdout and "cmo undo" in removed.stdout
    listed = json.loads(run_cmo("transcripts", "--json", "-p", folder, check=True).stdout)
    assert listed == []
    log = json.loads(
        run_cmo("log", "--entity", "transcript", "--json", "-p", folder, check=True).stdout
    )
    assert [(c["action"], c["actor"]) for c in log] == [
        ("transcript.remove", "tester"),
        ("transcript.rename", "tester"),
    ]
    assert "Undid transcript.remove" in run_cmo("undo", "-p", folder, check=True).stdout
    listed = json.loads(run_cmo("transcripts", "--json", "-p", folder, check=True).stdout)
    assert [(t["name"], t["codings"]) for t in listed] == [("cirkel-ria", 4)]


def test_import_qdpx_is_logged_and_undo_stops_there(coded_project, tmp_path):
    out = tmp_path / "cirkel.qdpx"
    run_cmo("export", "qdpx", "-o", str(out), "-p", str(coded_project.path), check=True)
    target = new_project(tmp_path / "copy")
    target.close()
    folder = str(target.path)
    run_cmo("import-qdpx", str(out), "-p", folder, check=True)
    log = json.loads(run_cmo("log", "--json", "-p", folder, check=True).stdout)
    newest = log[0]
    assert newest["action"] == "project.import-qdpx" and newest["actor"]
    assert newest["after"]["transcripts"] == ["cirkel-client1"]
    assert newest["after"]["codings"] == 4
    undo = run_cmo("undo", "-p", folder)
    assert undo.returncode == Conflict.exit_code and "cannot be undone" in undo.stderr
    again = run_cmo("import-qdpx", str(out), "-p", folder)
    assert "cmo transcripts rename" in again.stderr and "cmo transcripts rm" in again.stderr
