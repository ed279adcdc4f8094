"""Codings flagged for review after a replace are listed with the text they had, and can
be settled: accept the place, re-place by quote, or drop; each step undoable."""

from __future__ import annotations

import json

import pytest

from cmo.core.errors import Conflict
from cmo.ingest.replace import replace_from_file
from tests.cli import run_cmo
from tests.samples import DEMO

from .corrections import all_corrections


@pytest.fixture
def replaced(demo_project, tmp_path):
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(all_corrections(DEMO), encoding="utf-8")
    replace_from_file(demo_project.store, "sittard-deelnemer4", corrected, actor="tester")
    return demo_project


def test_review_items_name_turn_speaker_and_the_former_text(replaced):
    items = replaced.store.review.items()
    assert sorted((i.coding.code_id, i.former) for i in items) == [
        ("C1", "Marieke"),
        ("C2", "Mijn rug speelt op"),
    ]
    text = replaced.store.transcripts.get("sittard-deelnemer4").text
    for item in items:
        assert item.speaker == "R" and item.turn is not None
        assert item.proposed == text[item.coding.start : item.coding.end]


def test_accept_place_and_drop_settle_and_undo_puts_them_back(replaced):
    store = replaced.store
    ids = replaced.coding_ids
    marieke, rug = ids["Marieke"], ids["Mijn rug speelt op"]
    text = store.transcripts.get("sittard-deelnemer4").text
    spot = text.index("[klantmanager]")
    moved = store.review.move_to(marieke, spot, spot + len("[klantmanager]"), actor="tester")
    assert (moved.status, text[moved.start : moved.end]) == ("ok", "[klantmanager]")
    with pytest.raises(Conflict, match="not flagged for review"):
        store.review.accept_place(marieke)
    kept = store.review.accept_place(rug, actor="tester")
    assert kept.status == "ok" and store.review.items() == []
    store.history.undo("tester")
    assert [i.coding.id for i in store.review.items()] == [rug]
    store.review.drop(rug, actor="tester")
    assert rug not in {c.id for c in store.codings.all()}
    store.history.undo("tester")
    assert store.codings.get(rug).status == "review"


def test_cli_review_list_accept_place_drop(replaced):
    folder = str(replaced.path)
    ids = replaced.coding_ids
    replaced.close()
    listed = json.loads(run_cmo("review", "list", "--json", "-p", folder, check=True).stdout)
    assert sorted(i["code"] for i in listed) == ["C1", "C2"]
    plain = run_cmo("review", "list", "-p", folder, check=True)
    assert "Mijn rug speelt op" in plain.stdout and "cmo review accept" in plain.stderr
    placed = run_cmo(
        "review",
        "place",
        str(ids["Marieke"]),
        "--quote",
        "[klantmanager]",
        "--turn",
        str(next(i["turn"] for i in listed if i["code"] == "C1")),
        "-p",
        folder,
        check=True,
    )
    assert "“[klantmanager]”" in placed.stdout
    dropped = run_cmo("review", "drop", str(ids["Mijn rug speelt op"]), "-p", folder, check=True)
    assert "Dropped 1 coding(s)" in dropped.stdout
    assert "Nothing to review." in run_cmo("review", "list", "-p", folder, check=True).stdout
    again = run_cmo("review", "accept", str(ids["Marieke"]), "-p", folder)
    assert again.returncode == Conflict.exit_code and "not flagged" in again.stderr
    run_cmo("undo", "-p", folder, check=True)
    accepted = run_cmo("review", "accept", "--all", "-p", folder, check=True)
    assert f"Accepted the place of 1 coding(s): {ids['Mijn rug speelt op']}." in accepted.stdout
