"""`cmo pseudonymise --all --yes --purge-history` leaves no real name anywhere.

Two projects: the demo, and one built here from other transcripts (other names, a
title before a surname, a person with an interfix, a place that is no casus attribute),
so the defence is not tuned to the demo's names. Each is checked twice: by
``cmo pseudonymise --check`` (must be empty, exports included), and independently by
searching a full SQL dump and every export for each real name known before.
"""

from __future__ import annotations

import json
import re
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cmo.cli import app

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


def _dump(project: Path) -> str:
    with sqlite3.connect(project / "cmo.db") as conn:
        return "\n".join(conn.iterdump())


def _export_all(project: Path, folder: Path) -> list[Path]:
    folder.mkdir()
    p = ["-p", str(project)]
    made = []
    for fmt in ("csv", "xlsx", "md"):
        for what, extra in (
            ("matrix", []),
            ("matrix", ["--layout", "evidence"]),
            ("mechanisms", []),
        ):
            out = folder / f"{what}{len(made)}.{fmt}"
            assert cli("export", what, *extra, "-f", fmt, "-o", str(out), *p).exit_code == 0
            made.append(out)
    for args, name in (
        (["export", "report", "-f", "md"], "report.md"),
        (["export", "qdpx"], "project.qdpx"),
        (["export", "theory", "-f", "mermaid"], "theory.mmd"),
    ):
        result = cli(*args, "-o", str(folder / name), *p)
        assert result.exit_code == 0, result.output
        made.append(folder / name)
    return made


def _text_of(path: Path) -> str:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist())
    return path.read_text(encoding="utf-8-sig", errors="ignore")


def _remaining(names: set[str], text: str) -> set[str]:
    return {n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.IGNORECASE)}


def _pseudonymise_and_verify(project: Path, real_names: set[str], tmp_path: Path) -> None:
    before = cli("pseudonymise", "--check", "-p", str(project))
    assert before.exit_code == 1  # names there to begin with: the check finds them
    assert _remaining(real_names, _dump(project)) == real_names
    result = cli("pseudonymise", "--all", "--yes", "--purge-history", "-p", str(project))
    assert result.exit_code == 0, result.output
    assert "undo and redo cannot go back past this point" in result.output
    exports = _export_all(project, tmp_path / "exports")
    args = [a for path in exports for a in ("--export", str(path))]
    check = cli("pseudonymise", "--check", "-p", str(project), *args)
    assert check.exit_code == 0, check.output
    assert "No real names found in the project or the exports." in check.output
    assert _remaining(real_names, _dump(project)) == set()
    for path in exports:
        assert _remaining(real_names, _text_of(path)) == set(), path.name
    turns = cli("turns", "--json", _first_transcript(project), "-p", str(project))
    assert turns.exit_code == 0 and _remaining(real_names, turns.stdout) == set()


def _first_transcript(project: Path) -> str:
    with sqlite3.connect(project / "cmo.db") as conn:
        return conn.execute("SELECT name FROM transcript ORDER BY id").fetchone()[0]


def test_the_demo_holds_no_real_name_after_pseudonymise_all(tmp_path, demo_factory):
    demo = demo_factory(tmp_path / "demo")  # a copy of `cmo demo`, built once per worker
    with sqlite3.connect(demo / "cmo.db") as conn:
        speakers = {
            r[0]
            for r in conn.execute("SELECT label FROM participant WHERE label NOT LIKE '%/%'")
            if r[0] != "KM"
        }
    assert {"Fatima", "Kevin", "ROY"} <= speakers
    real = speakers | {"Almere", "Sittard-Geleen", "Anita", "Henk", "Marieke"}
    _pseudonymise_and_verify(demo, real, tmp_path)


INTERVIEW_WIJKTEAM = """Interview wijkteam, bewoner

I: Hoe kwam u bij het wijkteam terecht?
Mevrouw Jansen: Via de huisarts. Die zei: ga eens naar Lelystad, naar het wijkteam.
I: En daar sprak u met wie?
Mevrouw Jansen: Met Pieter van der Linden. Hij belde me elke week, ook toen het slecht ging.
Daar had ik niet op gerekend. Mevrouw, zei hij, u doet het goed.
I: Wat veranderde er?
Mevrouw Jansen: Ik ga nu twee ochtenden naar de kringloop in Dronten. Mijn dochter Noor helpt.
Bel me gerust op 06-12345678.
"""
FOCUSGROEP_WIJKTEAM = """Focusgroep wijkteam

GL: Welkom allemaal. Wie begint?
Ahmed: Ik. Sinds de coach langskomt heb ik weer structuur.
Bas Kuipers: Bij mij was het de schuldhulp. Ahmed weet dat.
Ahmed: Klopt, Bas. En Pieter van der Linden van het wijkteam regelde het.
GL: Dank jullie wel.
"""


def _second_project(root: Path) -> Path:
    project = root / "wijkteam"
    assert cli("init", str(project), "--coder", "onderzoeker1").exit_code == 0
    files = []
    for name, text in (
        ("lelystad-bewoner-jansen.txt", INTERVIEW_WIJKTEAM),
        ("lelystad-focusgroep.txt", FOCUSGROEP_WIJKTEAM),
    ):
        path = root / name
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    p = ["-p", str(project)]
    result = cli("import", *files, "--casus", "Wijkteam Lelystad", *p)
    assert result.exit_code == 0, result.output
    assert (
        cli("casus", "set", "Wijkteam Lelystad", "--attr", "gemeente=Lelystad", *p).exit_code == 0
    )
    memo = "Mevrouw Jansen en Ahmed noemen Pieter van der Linden; Noor woont in Dronten."
    assert cli("memo", "project", memo, *p).exit_code == 0, "memo"
    coded = cli(
        "code",
        "add",
        "lelystad-bewoner-jansen",
        "-c",
        "M3b",
        "--json",
        *p,
        "--quote",
        "Hij belde me elke week",
        "--memo",
        "Pieter van der Linden belt Jansen.",
    )
    assert coded.exit_code == 0, coded.output
    coding = json.loads(coded.stdout)["id"]
    cmoc = cli(
        "cmoc",
        "add",
        "--title",
        "Pieter belt mevrouw Jansen",
        "-C",
        "C1",
        "-M",
        "M3b",
        "-O",
        "O1",
        "--resource",
        "Wekelijks contact in Dronten",
        "-e",
        str(coding),
        *p,
    )
    assert cmoc.exit_code == 0, cmoc.output
    emergent = cli(
        "codebook",
        "add",
        "M9",
        "--name",
        "Dochter helpt",
        "--family",
        "M",
        *p,
        "--definition",
        "Zoals bij Ahmed en Noor: familie die meehelpt.",
    )
    assert emergent.exit_code == 0, emergent.output
    return project


def test_a_second_project_holds_no_real_name_and_keeps_titles_and_common_words(tmp_path):
    project = _second_project(tmp_path)
    real = {"Jansen", "Ahmed", "Bas", "Kuipers", "Pieter", "Linden", "Noor", "Lelystad", "Dronten"}
    _pseudonymise_and_verify(project, real, tmp_path)
    with sqlite3.connect(project / "cmo.db") as conn:
        texts = "\n".join(r[0] for r in conn.execute("SELECT text FROM transcript"))
    # Titles and Dutch words at the start of a sentence are no names.
    assert "Mevrouw, zei hij" in texts and "Daar had ik" in texts and "Klopt" in texts
    assert "06-12345678" not in texts


def test_the_key_file_is_written_only_outside_the_project_and_private(tmp_path):
    project = _second_project(tmp_path)
    p = ["-p", str(project)]
    inside = cli("pseudonymise", "--all", "--yes", "--key-file", str(project / "key.json"), *p)
    assert inside.exit_code != 0 and "inside the project folder" in str(inside.exception)
    assert not (project / "key.json").exists()
    assert "Jansen" in _dump(project)  # refused before anything changed
    key = tmp_path / "key.json"
    result = cli("pseudonymise", "--all", "--yes", "--key-file", str(key), *p)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    data = json.loads(key.read_text(encoding="utf-8"))
    labels = {entry["label"]: entry["pseudonym"] for entry in data["participants"]}
    assert labels["Ahmed"].startswith("P-") and labels["Ahmed"] in _dump(project)
    assert data["terms"]["Lelystad"] == "[gemeente]"
    again = cli("pseudonymise", "--all", "--yes", "--key-file", str(key), *p)
    assert again.exit_code != 0 and "exists already" in str(again.exception)


def test_the_stored_model_and_embeddings_of_old_text_do_not_survive(tmp_path):
    project = _second_project(tmp_path)
    with sqlite3.connect(project / "cmo.db") as conn:
        tid = conn.execute("SELECT id FROM transcript ORDER BY id").fetchone()[0]
        conn.execute(
            "INSERT INTO artifact (name, data, info, created_at) VALUES (?, ?, '{}', '')",
            ("suggest-model", b"vocabulary: Jansen Ahmed"),
        )
        conn.execute(
            'INSERT INTO embedding (transcript_id, level, start, "end", text_hash, '
            "transcript_hash, model, version, vector, created_at) "
            "VALUES (?, 'turn', 0, 10, 'x', 'y', 'm', '1', X'00', '')",
            (tid,),
        )
    old_export = project / "exports" / "oud.md"
    made = cli("export", "matrix", "-f", "md", "-o", str(old_export), "-p", str(project))
    assert made.exit_code == 0 and "Jansen" in old_export.read_text(encoding="utf-8")
    result = cli("pseudonymise", "--all", "--yes", "-p", str(project))
    assert result.exit_code == 0, result.output
    assert "change log and any backups still hold the real names" in result.output
    assert "1 export(s)" in result.output and "were written before" in result.output
    with sqlite3.connect(project / "cmo.db") as conn:
        models = [
            r[0] for r in conn.execute("SELECT data FROM artifact WHERE name='suggest-model'")
        ]
        assert all(b"Jansen" not in bytes(m) for m in models)
        assert conn.execute("SELECT count(*) FROM embedding").fetchone()[0] == 0
    # Without --purge-history the change log still holds the old values, and says so.
    check = cli("pseudonymise", "--check", "--json", "-p", str(project))
    where = {r["where"].split("#")[0] for r in json.loads(check.stdout)}
    assert check.exit_code == 1 and str(old_export) in where
    assert {"change.before", "change.after"} & where


@pytest.mark.parametrize("speaker", ["Mevrouw Jansen", "meneer De Boer"])
def test_a_title_alone_is_never_a_participant_name(speaker):
    from cmo.analysis.pseudonymise import name_parts

    parts = name_parts(speaker)
    assert parts and all(p.split()[0].casefold() not in ("mevrouw", "meneer") for p in parts)
