"""Consensus codings recorded for disagreements, and the team commands on SQLite."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cmo.analysis.agreement import CONSENSUS, disagreements
from cmo.analysis.consensus import accept_agreed, record_consensus, take_coder


def _two_coders(project, tmp_path):
    from cmo.ingest.service import import_files

    path = tmp_path / "duo.txt"
    path.write_text(
        "I: Hoe gaat het?\nR: Goed. Ik heb weer structuur.\n"
        "I: En verder?\nR: Mijn schulden zijn geregeld.\n",
        encoding="utf-8",
    )
    import_files(project.store, [path], casus="De Cirkel Almere")
    store = project.store
    t = store.transcripts.get("duo")
    turns = store.transcripts.turns(t.id)
    store.codings.add(t.id, turns[1].start, turns[1].end, "M1c", coder="anna")
    store.codings.add(t.id, turns[1].start, turns[1].end, "M1c", coder="bram")
    store.codings.add(t.id, turns[3].start, turns[3].end, "M4", coder="anna")
    store.codings.add(t.id, turns[3].start + 5, turns[3].end, "O2", coder="bram")
    return t, turns


def test_consensus_by_code_by_coder_and_for_agreed(project, tmp_path):
    store = project.store
    t, turns = _two_coders(project, tmp_path)
    (only,) = disagreements(store, t.id, ["anna", "bram"])
    assert only.codes == {"anna": ("M4",), "bram": ("O2",)}
    taken = take_coder(store, only, "bram", decided_by=["anna", "bram"])
    assert [(c.code_id, c.start, c.coder) for c in taken] == [("O2", turns[3].start + 5, CONSENSUS)]
    chosen = record_consensus(
        store, t.id, only.start, only.end, ["M4"], ["anna", "bram"], actor="anna"
    )
    assert chosen[0].memo == "consensus of anna, bram"
    agreed = accept_agreed(store, t.id, ["anna", "bram"])
    assert [(c.code_id, c.start, c.end) for c in agreed] == [("M1c", turns[1].start, turns[1].end)]
    consensus = store.codings.all(transcript_id=t.id, coder=CONSENSUS)
    assert sorted(c.code_id for c in consensus) == ["M1c", "M4", "O2"]
    # the coders' own codings stay, so agreement can still be measured
    assert len(store.codings.all(transcript_id=t.id, coder="anna")) == 2
    # a consensus coding is logged (under who recorded it) and undoable like any other
    log = store.history.recent(limit=3)
    assert [(c["actor"], c["after"]["coder"]) for c in log] == [
        (CONSENSUS, CONSENSUS),
        ("anna", CONSENSUS),
        (CONSENSUS, CONSENSUS),
    ]
    store.history.undo()
    assert len(store.codings.all(transcript_id=t.id, coder=CONSENSUS)) == 2


def test_team_commands_agreement_disagreements_consensus(project, tmp_path):
    from cmo.cli import app

    t, _ = _two_coders(project, tmp_path)
    p = ["--project", str(project.path)]
    run = CliRunner().invoke
    result = run(app, ["agreement", "--coders", "anna,bram", "--json", *p])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["overall"]["units"] == 4 * 3  # 4 turns × 3 codes used
    assert {c["code"] for c in report["codes"]} == {"M1c", "M4", "O2"}
    m1c = next(c for c in report["codes"] if c["code"] == "M1c")
    assert m1c["percent_agreement"] == 1.0 and m1c["kappa"] == 1.0
    text = run(app, ["agreement", "--coders", "anna,bram", *p])
    assert "overall" in text.stdout and "kappa" in text.stdout
    listed = json.loads(
        run(app, ["disagreements", "duo", "--coders", "anna,bram", "--json", *p]).stdout
    )
    assert [d["disputed"] for d in listed] == [["M4", "O2"]]
    done = run(
        app,
        [
            "consensus",
            "duo",
            "--coders",
            "anna,bram",
            "--fragment",
            "1",
            "--code",
            "M4",
            "--memo",
            "besproken",
            *p,
        ],
    )
    assert done.exit_code == 0, done.output
    assert [c.memo for c in project.store.codings.all(coder=CONSENSUS)] == ["besproken"]
    assert project.store.history.recent(limit=1)[0]["actor"] == "tester"  # who recorded it
    bad = run(
        app, ["consensus", "duo", "--coders", "anna,bram", "--fragment", "9", "--code", "M4", *p]
    )
    assert bad.exit_code != 0 and "no disagreement 9" in str(bad.exception)


def _cli(project, *args):
    from cmo.cli import app

    result = CliRunner().invoke(app, [*args, "--project", str(project.path)])
    assert result.exit_code == 0, result.output
    return result


def test_consensus_reports_exactly_what_it_added(project, tmp_path):
    store = project.store
    t, turns = _two_coders(project, tmp_path)
    # Both also code M1c on the disputed turn: --agreed copies it, and taking bram's
    # codings later finds it already there.
    store.codings.add(t.id, turns[3].start, turns[3].end, "M1c", coder="anna")
    store.codings.add(t.id, turns[3].start, turns[3].end, "M1c", coder="bram")
    first = _cli(project, "consensus", "duo", "--coders", "anna,bram", "--agreed")
    assert "Recorded 2 consensus coding(s) in duo: M1c." in first.stdout
    again = _cli(project, "consensus", "duo", "--coders", "anna,bram", "--agreed")
    assert "Recorded 0 consensus coding(s) in duo. 2 already in the consensus" in again.stdout
    assert len(store.codings.all(coder=CONSENSUS)) == 2
    taken = _cli(
        project, "consensus", "duo", "--coders", "anna,bram", "--fragment", "1", "--take", "bram"
    )
    assert "1 already in the consensus: M1c" in taken.stdout
    assert "Recorded 1 consensus coding(s) in duo: O2." in taken.stdout
    assert len(store.codings.all(coder=CONSENSUS)) == 3


def test_disagreements_mark_settled_fragments_with_turn_and_speaker(project, tmp_path, monkeypatch):
    t, turns = _two_coders(project, tmp_path)
    start = turns[1].start
    project.store.codings.add(t.id, start, start + 5, "O2", coder="anna")  # fragment 1: turn 1
    monkeypatch.setenv("COLUMNS", "160")
    listed = json.loads(
        _cli(project, "disagreements", "duo", "--coders", "anna,bram", "--json").stdout
    )
    assert [(d["turn"], d["speaker"], d["settled"]) for d in listed] == [
        (1, "R", False),
        (3, "R", False),
    ]
    _cli(project, "consensus", "duo", "--coders", "anna,bram", "--fragment", "2", "--take", "anna")
    shown = _cli(project, "disagreements", "duo", "--coders", "anna,bram")
    lines = shown.stdout.splitlines()
    assert lines[0].split() == ["#", "turn", "speaker", "anna", "bram", "status", "text"]
    assert "settled" in lines[3] and "settled" not in lines[2]
    assert "Mijn schulden zijn geregeld." in lines[3], "text cut although there is room"
    assert "1 settled" in shown.stderr
    open_only = _cli(project, "disagreements", "duo", "--coders", "anna,bram", "--open")
    assert [line.split()[0] for line in open_only.stdout.splitlines()[2:]] == ["1"]
    decided = json.loads(
        _cli(project, "disagreements", "duo", "--coders", "anna,bram", "--json").stdout
    )
    assert decided[1]["settled"] and decided[1]["decision"].startswith("M4 (as anna)")
