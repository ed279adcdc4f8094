"""CMO configurations in the store: ids, validation, evidence, undo and redo."""

from __future__ import annotations

import pytest

from cmo.core import cmoc as core
from cmo.core.errors import Conflict, InputError, NotFound
from tests.realist_project import CIRKEL, SITTARD


def test_ids_labels_and_aliases():
    assert core.parse_id("3") == core.parse_id("cmoc-3") == core.parse_id("CMOC-03") == "CMOC-03"
    assert core.next_id({"CMOC-01", "CMOC-07"}) == "CMOC-08"
    assert core.next_id(set()) == "CMOC-01"
    assert core.check_fired("Niet-geactiveerd") == "niet geactiveerd"
    assert core.check_relation("verfijnt") == "verfijnt"
    assert core.split_codes(["C1,C2", " C3", "C1"]) == ["C1", "C2", "C3"]
    with pytest.raises(InputError):
        core.parse_id("M3b")
    with pytest.raises(InputError):
        core.check_fired("misschien")


def test_cmocs_are_stored_with_their_evidence(realist):
    project, ids = realist
    store = project.store
    items = store.cmocs.all()
    assert [x.id for x in items] == ["CMOC-01", "CMOC-02", "CMOC-03", "CMOC-04"]
    second = store.cmocs.get("2")
    assert second.casus_id is None and second.mechanisms == ("M3a", "M3b")
    assert second.fired == "gemengd" and second.relation == "verfijnt"
    assert len(second.evidence) == 5
    assert second.formula() == "C2 + M3a+M3b → O1+O2"
    sittard = store.casussen.get(SITTARD).id
    assert [x.id for x in store.cmocs.all(sittard)] == ["CMOC-02", "CMOC-03"]


def test_codes_must_be_of_the_right_family_and_exist(realist):
    project, ids = realist
    store = project.store
    before = store.logical_dump()
    with pytest.raises(InputError, match="must be a C-code"):
        store.cmocs.add(contexts=["M3b"], outcomes=["O1"])
    with pytest.raises(InputError, match="no code 'Z9'"):
        store.cmocs.add(mechanisms=["Z9"])
    with pytest.raises(NotFound, match="no coding 99999"):
        store.cmocs.add(mechanisms=["M1a"], evidence=[99999])
    with pytest.raises(InputError):
        store.cmocs.add()
    # Evidence from Sittard cannot support a CMOC of De Cirkel.
    with pytest.raises(Conflict, match="another casus"):
        store.cmocs.add(
            casus_id=store.casussen.get(CIRKEL).id,
            mechanisms=["M3b"],
            evidence=[ids["ph-fg:De coach geeft vertrouwen"]],
        )
    assert store.logical_dump() == before


def test_link_unlink_update_remove_and_undo(realist):
    project, ids = realist
    store = project.store
    extra = ids["cirkel-r1:Structuur in mijn week"]
    linked = store.cmocs.link_evidence("CMOC-01", [extra], actor="tester")
    assert extra in linked.evidence and len(linked.evidence) == 5
    unlinked = store.cmocs.link_evidence("CMOC-01", [extra], actor="tester", unlink=True)
    assert extra not in unlinked.evidence
    with pytest.raises(NotFound):
        store.cmocs.link_evidence("CMOC-01", [extra], unlink=True)
    changed = store.cmocs.update(
        "CMOC-01", actor="tester", fired="gemengd", reasoning="Soms wel, soms niet"
    )
    assert changed.fired == "gemengd" and changed.reasoning == "Soms wel, soms niet"
    store.history.undo("tester")
    assert store.cmocs.get("CMOC-01").fired == "geactiveerd"
    store.history.redo("tester")
    assert store.cmocs.get("CMOC-01").fired == "gemengd"

    removed = store.cmocs.remove("CMOC-02", actor="tester")
    with pytest.raises(NotFound):
        store.cmocs.get("CMOC-02")
    store.history.undo("tester")
    back = store.cmocs.get("CMOC-02")
    assert back.evidence == removed.evidence and back.mechanisms == removed.mechanisms
    # A new CMOC never reuses an id, so undoing the removal of CMOC-04 still works.
    store.cmocs.remove("CMOC-04", actor="tester")
    assert store.cmocs.add(mechanisms=["M1a"], actor="tester").id == "CMOC-05"
    store.history.undo("tester")
    store.history.undo("tester")
    assert store.cmocs.get("CMOC-04").title == "Schuldhulp geeft rust"
