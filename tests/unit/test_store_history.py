"""Codings, memos and codebook edits are committed at once and can be undone and redone."""

from __future__ import annotations

import pytest

from cmo.core.domain import Code
from cmo.core.errors import Conflict, NotFound
from cmo.store.project import open_project


def spans(store):
    return sorted((c.start, c.end, c.code_id) for c in store.codings())


def test_undo_and_redo_walk_back_and_forth(coded_project):
    store = coded_project.store
    t = store.transcript("cirkel-client1")
    original = spans(store)
    extra = store.add_coding(t.id, 0, 9, "O1", coder="tester")
    store.update_coding(extra.id, actor="tester", code_id="O2")
    store.remove_coding(extra.id, actor="tester")
    assert spans(store) == original
    assert store.undo()["action"] == "coding.remove"
    assert (0, 9, "O2") in spans(store)
    assert store.undo()["action"] == "coding.update"
    assert (0, 9, "O1") in spans(store)
    assert store.undo()["action"] == "coding.add"
    assert spans(store) == original
    assert store.redo()["action"] == "coding.add"
    assert store.redo()["action"] == "coding.update"
    assert (0, 9, "O2") in spans(store)


def test_history_survives_a_restart(coded_project):
    store = coded_project.store
    t = store.transcript("cirkel-client1")
    added = store.add_coding(t.id, 0, 9, "O1", coder="tester")
    path = coded_project.path
    coded_project.close()
    with open_project(path) as again:
        assert again.store.undo()["entity_id"] == str(added.id)
        with pytest.raises(NotFound):
            again.store.coding(added.id)
    with open_project(path) as third:
        third.store.redo()
        assert third.store.coding(added.id).code_id == "O1"


def test_a_new_action_drops_the_redo_stack(coded_project):
    store = coded_project.store
    t = store.transcript("cirkel-client1")
    store.add_coding(t.id, 0, 9, "O1", coder="tester")
    store.undo()
    store.add_coding(t.id, 0, 9, "O2", coder="tester")
    assert store.redo() is None
    assert [c["state"] for c in store.changes(limit=2)] == ["done", "dropped"]


def test_undo_is_per_coder_when_asked(coded_project):
    store = coded_project.store
    t = store.transcript("cirkel-client1")
    mine = store.add_coding(t.id, 0, 9, "O1", coder="anna")
    theirs = store.add_coding(t.id, 0, 9, "O2", coder="bert")
    store.undo("anna")
    ids = {c.id for c in store.codings()}
    assert mine.id not in ids and theirs.id in ids


def test_undo_refuses_when_someone_changed_the_coding_since(coded_project):
    store = coded_project.store
    t = store.transcript("cirkel-client1")
    added = store.add_coding(t.id, 0, 9, "O1", coder="anna")
    store.update_coding(added.id, actor="bert", memo="bert's memo")
    with pytest.raises(Conflict, match="changed since"):
        store.undo("anna")
    assert store.coding(added.id).memo == "bert's memo"


def test_memo_and_emergent_code_are_undoable(coded_project):
    store = coded_project.store
    t = store.transcript("cirkel-client1")
    store.set_memo("transcript", t.id, "eerste versie", author="tester")
    store.set_memo("transcript", t.id, "tweede versie", author="tester")
    store.undo()
    assert store.memo("transcript", t.id).text == "eerste versie"
    store.add_code(Code(id="M5", family="M", name="Sociaal netwerk", emergent=True), actor="t")
    assert store.code("m5").emergent
    store.undo()
    with pytest.raises(NotFound):
        store.code("M5")


def test_coding_checks_span_and_code_and_ignores_exact_duplicates(coded_project):
    store = coded_project.store
    t = store.transcript("cirkel-client1")
    with pytest.raises(Conflict, match="outside"):
        store.add_coding(t.id, 5, len(t.text) + 1, "M1a")
    with pytest.raises(Conflict):
        store.add_coding(t.id, 5, 5, "M1a")
    with pytest.raises(NotFound, match="no code"):
        store.add_coding(t.id, 0, 5, "Q1")
    first = store.add_coding(t.id, 0, 5, "m1a", coder="x")
    assert first.code_id == "M1a"
    assert store.add_coding(t.id, 0, 5, "M1A", coder="x").id == first.id


def test_summaries_count_coded_turns(coded_project):
    (summary,) = coded_project.store.transcript_summaries()
    # The title and date before the first speaker are a header, not a turn.
    assert summary["turns"] == 6 and summary["codings"] == 4
    assert summary["coded_turns"] == 3  # the R turns hold all four codings
    assert summary["progress"] == round(3 / 6, 3)
    assert summary["speakers"] == 2


def test_undoing_a_removal_restores_the_codings_cmoc_evidence(coded_project):
    from cmo.store import cmoc_ops

    store = coded_project.store
    evidence = [c.id for c in store.codings()][:2]
    cmoc = cmoc_ops.add_cmoc(
        store,
        title="Koffie en structuur",
        contexts=["C3"],
        mechanisms=["M3c"],
        outcomes=["O2"],
        evidence=evidence,
        actor="tester",
    )
    store.remove_coding(evidence[0], actor="tester")
    assert list(cmoc_ops.cmoc(store, cmoc.id).evidence) == [evidence[1]]
    store.undo("tester")
    assert sorted(cmoc_ops.cmoc(store, cmoc.id).evidence) == sorted(evidence)
    store.redo("tester")
    assert list(cmoc_ops.cmoc(store, cmoc.id).evidence) == [evidence[1]]


def test_cmo_coder_in_the_environment_beats_the_shared_project_setting(project, monkeypatch):
    assert project.default_coder == "tester"  # project.toml
    monkeypatch.setenv("CMO_CODER", "bram")
    assert project.default_coder == "bram"
