"""Codings a replace could not re-anchor (status 'review') are left out of every number
and export until reviewed, with a footnote saying so; ``cmo codings --status review``
still lists them."""

from __future__ import annotations

import json

import pytest

from cmo.analysis.agreement import agreement
from cmo.analysis.corpus import load_corpus
from cmo.ingest.replace import replace_from_file
from tests.cli import run_cmo
from tests.samples import CODED, DEMO

NOTE = "1 coding(s) awaiting review after a replace are not counted; see cmo review"
MARIEKE = "Marieke"  # coded C1; pseudonymised away, so its coding awaits review


@pytest.fixture
def replaced(demo_project, tmp_path):
    """The demo project with a second coder, a CMOC citing the C1 coding, and the names
    pseudonymised by a replace (so each coder's C1 coding awaits review)."""
    store = demo_project.store
    t = store.transcripts.get("sittard-deelnemer4")
    for quote, code in CODED:
        start = t.text.index(quote)
        store.codings.add(t.id, start, start + len(quote), code, coder="anna")
    ids = demo_project.coding_ids
    store.cmocs.add(
        title="Aandacht",
        casus_id=t.casus_id,
        contexts=["C1"],
        mechanisms=["M3b"],
        outcomes=["O2"],
        evidence=[ids[MARIEKE], ids["Daar heb ik weer collega's"]],
        actor="tester",
    )
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(DEMO.replace("Marieke", "[klantmanager]"), encoding="utf-8")
    report = replace_from_file(store, t.id, corrected)
    assert report.review == 2, "the test needs both C1 codings to await review"
    return demo_project


def test_the_corpus_leaves_codings_awaiting_review_out(replaced):
    corpus = load_corpus(replaced.store)
    review_id = replaced.coding_ids[MARIEKE]
    assert {f.code_id for f in corpus.fragments} == {"M3a", "M3b", "O2", "M4", "C2"}
    assert review_id not in corpus.fragments_by_id([review_id])
    assert all(code != "C1" for _tid, code, _n in corpus.counts_by_doc())
    assert {f.code_id for _c, f in corpus.fragments_by_coder()} == {"M3a", "M3b", "O2", "M4", "C2"}
    assert corpus.awaiting_review() == 2
    assert load_corpus(replaced.store, coder="anna").review_note() == NOTE


def test_agreement_leaves_them_out_and_counts_them(replaced):
    report = agreement(replaced.store, ["tester", "anna"])
    assert [a.code for a in report.codes] == ["C2", "M3a", "M3b", "M4", "O2"]
    assert report.awaiting_review == 2 and report.as_json()["awaiting_review"] == 2


def test_cli_numbers_and_exports_leave_them_out_with_a_footnote(replaced, tmp_path):
    folder = str(replaced.path)
    replaced.close()
    two = NOTE.replace("1 coding(s)", "2 coding(s)")

    freq = run_cmo("freq", "--format", "json", "-p", folder, check=True)
    table = json.loads(freq.stdout)
    assert "C1" not in table["codes"] and sum(map(sum, table["counts"])) == 5
    assert two in freq.stderr

    co = run_cmo("cooccur", "--format", "json", "--coder", "anna", "-p", folder, check=True)
    assert "C1" not in json.loads(co.stdout)["codes"] and NOTE in co.stderr

    agree = run_cmo("agreement", "--coders", "tester,anna", "-p", folder, check=True)
    assert "C1" not in agree.stdout.split() and two in agree.stderr

    out = tmp_path / "matrix.md"
    run_cmo("export", "matrix", "-f", "md", "-o", str(out), "-p", folder, check=True)
    text = out.read_text(encoding="utf-8")
    assert "Daar heb ik weer collega" in text and "[klantmanager]" not in text
    assert f"_{two}_" in text

    mech = tmp_path / "mechanisms.xlsx"
    run_cmo("export", "mechanisms", "-o", str(mech), "-p", folder, check=True)
    from openpyxl import load_workbook

    notes = [r[0] for r in load_workbook(mech)["Toelichting"].iter_rows(values_only=True)]
    assert two in notes

    report = tmp_path / "rapport.md"
    made = run_cmo("export", "report", "-f", "md", "-o", str(report), "-p", folder, check=True)
    assert two in made.stderr and "[klantmanager]" not in report.read_text(encoding="utf-8")

    listed = run_cmo("codings", "--status", "review", "--json", "-p", folder, check=True)
    assert sorted((i["code"], i["coder"]) for i in json.loads(listed.stdout)) == [
        ("C1", "anna"),
        ("C1", "tester"),
    ]
