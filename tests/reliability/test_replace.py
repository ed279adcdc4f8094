"""Corrected transcripts: every coding moves to its text in the new version, or is flagged.

The demo interview is corrected in five realistic ways (and all five at once); for
each coding the test states where it must land, or that it must be flagged.
"""

from __future__ import annotations

import json

import pytest

from cmo.ingest.replace import replace_from_file
from tests.cli import run_cmo
from tests.samples import CODED, DEMO

from .corrections import (
    all_corrections,
    names_pseudonymised,
    paragraph_added,
    paragraph_removed,
    rewrapped,
    typos_fixed,
)

REVIEW = "review"


QUOTE_WILDE = "nam\necht de tijd voor me en luisterde naar wat ik wilde"
CASES = {
    "typos fixed": (
        typos_fixed,
        {
            "heeft me gewezen op het participatiehuis": "heeft me gewezen op het Participatiehuis",
            QUOTE_WILDE: "nam\necht de tijd voor mij en luisterde naar wat ik wilde",
        },
    ),
    "names pseudonymised": (names_pseudonymised, {"Marieke": REVIEW}),
    "paragraph added": (paragraph_added, {}),
    "paragraph removed": (paragraph_removed, {"Mijn rug speelt op": REVIEW}),
    "re-wrapped, curly quotes": (
        rewrapped,
        {
            QUOTE_WILDE: "nam echt de tijd voor me en luisterde naar wat ik wilde",
            "Daar heb ik weer collega's": "Daar heb ik weer collega’s",
        },
    ),
    "all five at once": (
        all_corrections,
        {
            "heeft me gewezen op het participatiehuis": "heeft me gewezen op het Participatiehuis",
            QUOTE_WILDE: "nam echt de tijd voor mij en luisterde naar wat ik wilde",
            "Daar heb ik weer collega's": "Daar heb ik weer collega’s",
            "Marieke": REVIEW,
            "Mijn rug speelt op": REVIEW,
        },
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_coding_moves_to_its_text_or_is_flagged(demo_project, tmp_path, case):
    correct, expected_changes = CASES[case]
    store = demo_project.store
    before = {c.id: c for c in store.codings.all()}
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(correct(DEMO), encoding="utf-8")

    report = replace_from_file(store, "sittard-deelnemer4", corrected)

    t = store.transcripts.get("sittard-deelnemer4")
    assert t.text == correct(DEMO).strip("\n")
    after = {c.id: c for c in store.codings.all()}
    assert set(after) == set(before), "a coding was lost"
    exact = fuzzy = review = 0
    for quote, code in CODED:
        coding = after[demo_project.coding_ids[quote]]
        assert coding.code_id == code and 0 <= coding.start < coding.end <= len(t.text)
        expected = expected_changes.get(quote, quote)
        if expected == REVIEW:
            assert coding.status == "review", quote
            review += 1
        else:
            assert coding.status == "ok", quote
            assert t.text[coding.start : coding.end] == expected
            exact += expected == quote
            fuzzy += expected != quote
    assert (report.exact, report.fuzzy, report.review) == (exact, fuzzy, review)
    assert sorted(report.review_ids) == sorted(c.id for c in store.review.codings())
    turns = store.transcripts.turns(t.id)
    assert turns and all(t.text[u.start : u.end].strip() for u in turns)
    assert store.integrity_problems() == []


def test_pseudonymised_speaker_is_no_longer_a_participant(demo_project, tmp_path):
    store = demo_project.store
    assert "Jan" in [p.label for p in store.participants.all()]
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(names_pseudonymised(DEMO), encoding="utf-8")
    report = replace_from_file(store, "sittard-deelnemer4", corrected)
    labels = [p.label for p in store.participants.all()]
    assert "Jan" not in labels and "sittard-deelnemer4/R" in labels
    assert report.participants_removed == ["Jan"]


def test_old_text_and_quotes_are_kept_in_the_change_log(demo_project, tmp_path):
    store = demo_project.store
    t = store.transcripts.get("sittard-deelnemer4")
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(all_corrections(DEMO), encoding="utf-8")
    replace_from_file(store, t.id, corrected)
    change = store.history.recent(limit=1)[0]
    assert change["action"] == "transcript.replace" and change["state"] == "done"
    assert change["before"]["transcript"]["text"] == DEMO.strip("\n")
    quotes = store.review.former_quotes(t.id)
    assert quotes[demo_project.coding_ids["Mijn rug speelt op"]] == "Mijn rug speelt op"


def test_cli_import_replace_reports_and_lists_codings_to_review(demo_project, tmp_path):
    folder = demo_project.path
    demo_project.close()
    corrected = tmp_path / "sittard-deelnemer4.txt"
    corrected.write_text(all_corrections(DEMO), encoding="utf-8")
    result = run_cmo(
        "import",
        str(corrected),
        "--casus",
        "Participatiehuis Sittard-Geleen",
        "--replace",
        "-p",
        str(folder),
    )
    assert result.returncode == 0, result.stderr
    assert "6 codings: 1 moved exactly, 3 moved fuzzily, 2 need review" in result.stdout
    listed = run_cmo("codings", "--status", "review", "--json", "-p", str(folder), check=True)
    items = json.loads(listed.stdout)
    assert sorted(i["code"] for i in items) == ["C1", "C2"]
    assert all(i["status"] == "review" for i in items)


def test_cli_import_without_replace_still_refuses(demo_project, tmp_path):
    folder = demo_project.path
    demo_project.close()
    corrected = tmp_path / "sittard-deelnemer4.txt"
    corrected.write_text(typos_fixed(DEMO), encoding="utf-8")
    result = run_cmo("import", str(corrected), "--casus", "X", "-p", str(folder))
    assert result.returncode != 0 and "--replace" in result.stderr
