"""The analysis commands as a researcher uses them."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from cmo.cli import app
from tests.analysis_truth import Truth
from tests.cli import run_cmo
from tests.realist_project import CIRKEL, EVIL, SITTARD

runner = CliRunner()


def run(project, *args):
    result = runner.invoke(app, [*args, "-p", str(project.path)])
    return result


def test_cmoc_commands_add_show_link_remove_and_undo(realist):
    project, ids = realist
    result = run(
        project,
        "cmoc",
        "add",
        "--title",
        "Structuur geeft houvast",
        "--casus",
        CIRKEL,
        "-C",
        "C1",
        "-M",
        "M1c",
        "-O",
        "O2,O4",
        "--resource",
        "Vaste dagen",
        "--reasoning",
        "Ik sta weer op",
        "--fired",
        "gemengd",
        "--relation",
        "verfijnt",
        "-e",
        str(ids["cirkel-r1:Structuur in mijn week"]),
        "--json",
    )
    assert result.exit_code == 0, result.output
    made = json.loads(result.stdout)
    assert made["id"] == "CMOC-05" and made["outcomes"] == ["O2", "O4"]
    assert made["casus"] == CIRKEL and made["fired"] == "gemengd"

    shown = json.loads(run(project, "cmoc", "show", "5", "--json").stdout)
    assert shown["participants"] == 1
    assert shown["evidence"][0]["quote"] == "Structuur in mijn week"
    text = run(project, "cmoc", "show", "CMOC-02").stdout
    assert "mogelijkheden" in text and "Marieke" in text and "beurt 5" in text

    extra = ids["cirkel-r1:ik ben niet gestopt"]
    assert run(project, "cmoc", "link", "5", str(extra)).exit_code == 0
    listed = json.loads(run(project, "cmoc", "list", "--casus", CIRKEL, "--json").stdout)
    assert [x["id"] for x in listed] == ["CMOC-01", "CMOC-02", "CMOC-04", "CMOC-05"]
    assert len(listed[-1]["evidence"]) == 2
    assert run(project, "cmoc", "set", "5", "--fired", "niet geactiveerd").exit_code == 0
    assert run(project, "cmoc", "rm", "5").exit_code == 0
    assert [x.id for x in project.store.cmocs.all()][-1] == "CMOC-04"
    assert run(project, "undo").exit_code == 0
    back = [x for x in project.store.cmocs.all() if x.id == "CMOC-05"]
    assert back and back[0].fired == "niet geactiveerd" and len(back[0].evidence) == 2


def test_bad_cmoc_input_is_one_line_and_changes_nothing(realist):
    project, _ids = realist
    before = project.store.logical_dump()
    result = run_cmo("cmoc", "add", "-C", "M3b", "-p", project.path)
    assert result.returncode == 2
    assert result.stderr.strip() == "cmo: error: M3b: context code must be a C-code, 'M3b' is M"
    assert project.store.logical_dump() == before


def test_candidates_list_and_accept(realist):
    project, _ids = realist
    listed = json.loads(run(project, "candidates", "--window", "1", "--json").stdout)
    assert listed[0]["rank"] == 1 and listed[0]["participants"] >= listed[-1]["participants"]
    result = run(project, "candidates", "--window", "1", "--accept", "1")
    assert result.exit_code == 0, result.output
    made = project.store.cmocs.all()[-1]
    assert (made.contexts[0], made.mechanisms[0], made.outcomes[0]) == (
        listed[0]["context"],
        listed[0]["mechanism"],
        listed[0]["outcome"],
    )
    assert list(made.evidence) == listed[0]["evidence"]
    again = json.loads(run(project, "candidates", "--window", "1", "--json").stdout)
    assert again[0]["covered_by"] == [made.id]


def test_exports_go_to_exports_and_never_overwrite_silently(realist, tmp_path):
    project, _ids = realist
    result = run(project, "export", "matrix", "--format", "xlsx")
    assert result.exit_code == 0, result.output
    made = list((project.path / "exports").glob("cmo-matrix-alle-casussen-*.xlsx"))
    assert len(made) == 1
    stamp = made[0].stat().st_mtime_ns
    out = tmp_path / "m.csv"
    assert (
        run(
            project,
            "export",
            "matrix",
            "--casus",
            SITTARD,
            "-f",
            "csv",
            "--excel-nl",
            "-o",
            str(out),
        ).exit_code
        == 0
    )
    rows = list(
        csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";")
    )
    assert [r[0] for r in rows[1:]] == ["CMOC-02", "CMOC-03"]
    refused = run(project, "export", "matrix", "--casus", SITTARD, "-f", "csv", "-o", str(out))
    assert refused.exit_code != 0 and "exists already" in str(refused.exception)
    assert run(project, "export", "matrix", "-f", "csv", "-o", str(out), "--force").exit_code == 0
    assert made[0].stat().st_mtime_ns == stamp
    md = tmp_path / "mech.md"
    assert run(project, "export", "mechanisms", "-f", "md", "-o", str(md)).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert "## Relatie klantmanager–klant" in text and "## Emergente codes" in text


def test_freq_json_csv_png_and_cooccur(realist, tmp_path):
    project, _ids = realist
    truth = Truth(project.store)
    data = json.loads(
        run(
            project,
            "freq",
            "--by",
            "casus",
            "--family",
            "o",
            "--per",
            "1000-words",
            "--format",
            "json",
        ).stdout
    )
    expected = truth.counts_per_casus(family="O")
    words = truth.words_per_casus()
    for i, code in enumerate(data["codes"]):
        for j, casus in enumerate(data["groups"]):
            n = expected.get((code, casus), 0)
            assert data["counts"][i][j] == n
            assert abs(data["rates"][i][j] - 1000 * n / words[casus]) < 1e-3
    text = run(project, "freq", "--by", "participant", "--format", "csv").stdout
    groups = {row[2] for row in csv.reader(io.StringIO(text))}
    assert "'" + EVIL in groups and EVIL not in groups
    png = tmp_path / "heat.png"
    assert run(project, "freq", "--format", "png", "-o", str(png)).exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    table = run(project, "freq", "--family", "M").stdout
    assert "Relatie" not in table and "M3b" in table and "χ²" in table
    co = run(project, "cooccur", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(co)))
    assert rows[0][:2] == ["code (per codeur)", "naam"] and len(rows) == len(rows[0]) - 1
    bad = run(project, "freq", "--by", "leeftijd")
    assert bad.exit_code != 0 and "--by" in str(bad.exception)


def test_one_coder_or_every_fragment_once(realist):
    project, _ids = realist
    truth = Truth(project.store)
    every = json.loads(run(project, "freq", "--format", "json").stdout)
    assert sum(map(sum, every["counts"])) == len(truth.codings) == len(truth.all_codings) - 1
    second = json.loads(run(project, "freq", "--coder", "tweede", "--format", "json").stdout)
    assert second["codes"] == ["M2a", "M3c"] and sum(map(sum, second["counts"])) == 2
