"""`cmo suggest`, `cmo train` and `cmo eval` on the demo project, through the CLI."""

from __future__ import annotations

import json
import time

import pytest
from typer.testing import CliRunner

from cmo.cli import app
from tests.cli import run_cmo


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_factory):
    return demo_factory(tmp_path_factory.mktemp("demo") / "demo")


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    return result


def test_suggest_text_ranks_the_keyword_code_first_as_json(demo):
    result = run(
        "suggest",
        "--text",
        "Het is hier zo laagdrempelig, je loopt gewoon binnen voor een bakje koffie.",
        "--json",
        "--no-train",
        "-p",
        str(demo),
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["model"]["trained"] is False
    first = data["suggestions"][0]
    assert first["code_id"] == "M3c"
    assert first["source"] in ("lexicon", "definition", "similar", "classifier")
    assert first["sources"]["lexicon"] > 0
    assert {"score", "explanation", "matches", "similar", "family"} <= set(first)


def test_train_then_eval_beats_the_majority_baseline(demo):
    result = run("train", "--json", "-p", str(demo))
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert info["codings"] > 100 and info["fragments"] > 100

    result = run("eval", "--folds", "2", "--no-curve", "--json", "-p", str(demo))
    assert result.exit_code == 0, result.output
    evaluation = json.loads(result.output)
    trained = evaluation["trained"]
    for metric in ("top1", "top3"):
        assert trained["blend"][metric] > trained["majority"][metric]
        assert trained["blend"][metric] >= trained["lexicon"][metric] - 0.05
    assert {"lexicon", "similar", "classifier", "blend", "majority"} <= set(trained)
    assert set(evaluation["cold"]) >= {"lexicon", "blend"}
    assert set(trained["blend"]["families"]) == {"C", "M", "O"}
    # The weights chosen are kept with the project and used from then on.
    assert evaluation["saved"] and evaluation["weights"]
    from cmo.store.project import open_project
    from cmo.suggest.knowledge import load_blend

    proj = open_project(demo)
    try:
        assert load_blend(proj.store).weights == evaluation["weights"]
    finally:
        proj.close()


def test_eval_prints_aligned_headers_per_source(demo):
    result = run("eval", "--folds", "2", "--no-curve", "--overall", "--no-save", "-p", str(demo))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(line for line in lines if line.startswith("source"))
    for title in ("cold top-1", "cold top-3", "trained top-1", "trained top-3", "M top-3"):
        assert title in header
    assert any(line.startswith("majority baseline") for line in lines)
    assert any(line.startswith("similar fragments") for line in lines)


def test_suggest_transcript_gives_fragment_offsets_that_hold(demo):
    from cmo.store.project import open_project

    with open_project(demo) as proj:
        transcript = proj.store.transcripts.all()[0]
        codings_before = len(proj.store.codings.all())
    result = run(
        "suggest", transcript.name, "--top", "2", "--level", "sentence", "--json", "-p", str(demo)
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["fragments"]
    for fragment in data["fragments"]:
        assert transcript.text[fragment["start"] : fragment["end"]] == fragment["text"]
        assert len(fragment["suggestions"]) <= 2
    with open_project(demo) as proj:
        assert len(proj.store.codings.all()) == codings_before

    plain = run("suggest", transcript.name, "-p", str(demo))
    assert plain.exit_code == 0 and "turn " in plain.output


def test_suggest_needs_a_transcript_or_a_text_and_says_so_in_one_line(demo):
    result = run_cmo("suggest", "-p", demo)
    assert result.returncode != 0
    assert result.stderr.strip().startswith("cmo: error:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_emergent_code_with_definition_and_keywords_is_suggested(project):
    folder = str(project.path)
    text = "Ik kom vaak te laat, de bus rijdt maar één keer per uur en de reiskosten zijn hoog."
    before = json.loads(run("suggest", "--text", text, "--json", "-p", folder).output)
    assert "E1" not in [s["code_id"] for s in before["suggestions"]]
    result = run(
        "codebook", "add", "E1", "--name", "Bereikbaarheid", "--family", "C",
        "--definition", "Hoe de cliënt de activiteit kan bereiken: vervoer, afstand, reistijd.",
        "--keywords", "bus, reiskosten, openbaar vervoer", "-p", folder,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "emergent" in result.output
    time.sleep(1.1)  # one process here: its suggester looks for codebook changes each second
    after = json.loads(run("suggest", "--text", text, "--json", "-p", folder).output)
    first = after["suggestions"][0]
    assert first["code_id"] == "E1", after["suggestions"]
    assert {m["keyword"] for m in first["matches"]} >= {"bus", "reiskosten"}
