"""Codings, memos and codebook edits are committed at once and can be undone and redone."""

from __future__ import annotations

import pytest

from cmo.core.domain import Code
from cmo.core.errors import Conflict, NotFound
from cmo.store.project import open_project


def spans(store):
    return sorted((c.start, c.end, c.code_id) for c in store.codings.all())


def test_undo_and_redo_walk_back_and_forth(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    original = spans(store)
    extra = store.codings.add(t.id, 0, 9, "O1", coder="tester")
    store.codings.update(extra.id, actor="tester", code_id="O2")
    store.codings.remove(extra.id, actor="tester")
    assert spans(store) == original
    assert store.history.undo()["action"] == "coding.remove"
    assert (0, 9, "O2") in spans(store)
    assert store.history.undo()["action"] == "coding.update"
    assert (0, 9, "O1") in spans(store)
    assert store.history.undo()["action"] == "coding.add"
    assert spans(store) == original
    assert store.history.redo()["action"] == "coding.add"
    assert store.history.redo()["action"] == "coding.update"
    assert (0, 9, "O2") in spans(store)


def test_history_survives_a_restart(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    added = store.codings.add(t.id, 0, 9, "O1", coder="tester")
    path = coded_project.path
    coded_project.close()
    with open_project(path) as again:
        assert again.store.history.undo()["entity_id"] == str(added.id)
        with pytest.raises(NotFound):
            again.store.codings.get(added.id)
    with open_project(path) as third:
        third.store.history.redo()
        assert third.store.codings.get(added.id).code_id == "O1"


def test_a_new_action_drops_the_redo_stack(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    store.codings.add(t.id, 0, 9, "O1", coder="tester")
    store.history.undo()
    store.codings.add(t.id, 0, 9, "O2", coder="tester")
    assert store.history.redo() is None
    assert [c["state"] for c in store.history.recent(limit=2)] == ["done", "dropped"]


def test_undo_is_per_coder_when_asked(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    mine = store.codings.add(t.id, 0, 9, "O1", coder="anna")
    theirs = store.codings.add(t.id, 0, 9, "O2", coder="bert")
    store.history.undo("anna")
    ids = {c.id for c in store.codings.all()}
    assert mine.id not in ids and theirs.id in ids


def test_undo_refuses_when_someone_changed_the_coding_since(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    added = store.codings.add(t.id, 0, 9, "O1", coder="anna")
    store.codings.update(added.id, actor="bert", memo="bert's memo")
    with pytest.raises(Conflict, match="changed since"):
        store.history.undo("anna")
    assert store.codings.get(added.id).memo == "bert's memo"


def test_memo_and_emergent_code_are_undoable(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    store.memos.set("transcript", t.id, "eerste versie", author="tester")
    store.memos.set("transcript", t.id, "tweede versie", author="tester")
    store.history.undo()
    assert store.memos.get("transcript", t.id).text == "eerste versie"
    store.codebook.add(Code(id="M5", family="M", name="Sociaal netwerk", emergent=True), actor="t")
    assert store.codebook.code("m5").emergent
    store.history.undo()
    with pytest.raises(NotFound):
        store.codebook.code("M5")


def test_coding_checks_span_and_code_and_ignores_exact_duplicates(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    with pytest.raises(Conflict, match="outside"):
        store.codings.add(t.id, 5, len(t.text) + 1, "M1a")
    with pytest.raises(Conflict):
        store.codings.add(t.id, 5, 5, "M1a")
    with pytest.raises(NotFound, match="no code"):
        store.codings.add(t.id, 0, 5, "Q1")
    first = store.codings.add(t.id, 0, 5, "m1a", coder="x")
    assert first.code_id == "M1a"
    assert store.codings.add(t.id, 0, 5, "M1A", coder="x").id == first.id


def test_summaries_count_coded_turns(coded_project):
    (summary,) = coded_project.store.transcripts.summaries()
    # The title and date before the first speaker are a header, not a turn.
    assert summary["turns"] == 6 and summary["codings"] == 4
    assert summary["coded_turns"] == 3  # the R turns hold all four codings
    assert summary["progress"] == round(3 / 6, 3)
    assert summary["speakers"] == 2


def test_undoing_a_removal_restores_the_codings_cmoc_evidence(coded_project):

    store = coded_project.store
    evidence = [c.id for c in store.codings.all()][:2]
    cmoc = store.cmocs.add(
        title="Koffie en structuur",
        contexts=["C3"],
        mechanisms=["M3c"],
        outcomes=["O2"],
        evidence=evidence,
        actor="tester",
    )
    store.codings.remove(evidence[0], actor="tester")
    assert list(store.cmocs.get(cmoc.id).evidence) == [evidence[1]]
    store.history.undo("tester")
    assert sorted(store.cmocs.get(cmoc.id).evidence) == sorted(evidence)
    store.history.redo("tester")
    assert list(store.cmocs.get(cmoc.id).evidence) == [evidence[1]]


def test_cmo_coder_in_the_environment_beats_the_shared_project_setting(project, monkeypatch):
    assert project.default_coder == "tester"  # project.toml
    monkeypatch.setenv("CMO_CODER", "bram")
    assert project.default_coder == "bram"
