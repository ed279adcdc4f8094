"""Importing through the CLI: participants, idempotence, refusals, one transaction."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from cmo.store.project import open_project
from tests.cli import run_cmo

ROOT = Path(__file__).resolve().parents[2]


def cmo(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return run_cmo(*args, cwd=cwd)


@pytest.fixture
def folder(tmp_path):
    result = cmo("init", str(tmp_path / "p"), "--coder", "anna")
    assert result.returncode == 0, result.stderr
    return tmp_path / "p"


def dump(folder: Path):
    with open_project(folder) as proj:
        return proj.store.logical_dump()


def test_focusgroep_with_five_speakers_gives_five_participants_and_the_leader(folder, tmp_path):
    lines = ["GL: Welkom bij deze focusgroep."]
    for name in ["Ans", "Bert", "Chantal", "Dirk", "Esra"]:
        lines.append(f"{name}: Ik ben {name} en ik kom hier graag.")
    lines.append("GL: Dank jullie wel.")
    path = tmp_path / "focusgroep-ede.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = cmo("import", str(path), "--casus", "Service voor de Wijk Ede", "-p", str(folder))
    assert result.returncode == 0, result.stderr
    people = json.loads(cmo("participants", "list", "--json", "-p", str(folder)).stdout)
    assert sorted(p["label"] for p in people) == sorted(
        ["Ans", "Bert", "Chantal", "Dirk", "Esra", "focusgroep-ede/GL"]
    )
    assert {p["label"]: p["role"] for p in people}["focusgroep-ede/GL"] == "gespreksleider"
    listed = json.loads(cmo("transcripts", "--json", "-p", str(folder)).stdout)
    assert listed[0]["kind"] == "focusgroep" and listed[0]["speakers"] == 6


def test_turns_json_offsets_give_the_turn_text(folder, sample_file):
    assert (
        cmo(
            "import",
            str(sample_file),
            "--casus",
            "De Cirkel Almere",
            "--role",
            "R=cliënt",
            "-p",
            str(folder),
        ).returncode
        == 0
    )
    with open_project(folder) as proj:
        text = proj.store.transcripts.get("cirkel-client1").text
    turns = json.loads(cmo("turns", "cirkel-client1", "--json", "-p", str(folder)).stdout)
    # The title and date before the first speaker are a header, not a turn.
    assert [t["speaker"] for t in turns] == ["I", "R", "I", "R", "I", "R"]
    assert all(text[t["start"] : t["end"]] == t["text"] for t in turns)
    assert {t["role"] for t in turns if t["speaker"] == "R"} == {"cliënt"}
    assert turns[1]["text"].startswith("Via mijn klantmanager.")


def test_reimport_of_same_bytes_is_a_no_op(folder, sample_file):
    assert cmo("import", str(sample_file), "--casus", "A", "-p", str(folder)).returncode == 0
    before = dump(folder)
    again = cmo("import", str(sample_file), "--casus", "A", "-p", str(folder))
    assert again.returncode == 0
    assert "already imported" in again.stdout  # a success message: stdout
    assert dump(folder) == before


def test_same_name_other_bytes_is_refused(folder, sample_file):
    assert cmo("import", str(sample_file), "--casus", "A", "-p", str(folder)).returncode == 0
    before = dump(folder)
    sample_file.write_text("I: Andere tekst.\nR: Ja.", encoding="utf-8")
    result = cmo("import", str(sample_file), "--casus", "A", "-p", str(folder))
    assert result.returncode != 0
    assert "cirkel-client1" in result.stderr and "--replace" in result.stderr
    assert dump(folder) == before


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("leeg.txt", b"", "empty"),
        ("foto.txt", b"\xff\xd8\xff\xe0" + bytes(200), "JPEG image"),
        ("prog.txt", bytes(range(256)) * 8, "binary"),
        ("kapot.docx", b"PK\x03\x04garbage", ".docx"),
        ("notities.rtf", b"{\\rtf1 hallo}", "unsupported file type '.rtf'"),
    ],
)
def test_bad_input_one_line_error_nonzero_exit_project_unchanged(
    folder, sample_file, tmp_path, name, content, problem
):
    assert cmo("import", str(sample_file), "--casus", "A", "-p", str(folder)).returncode == 0
    before = dump(folder)
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "goed.txt"
    good.write_text("I: Goed bestand.\nR: Ja.", encoding="utf-8")
    # The good file comes first: a multi-file import lands whole or not at all.
    result = cmo("import", str(good), str(bad), "--casus", "A", "-p", str(folder))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert str(bad) in lines[0] and problem in lines[0]
    assert dump(folder) == before


def test_codebook_with_duplicate_id_names_the_line(tmp_path):
    book = tmp_path / "dubbel.yaml"
    book.write_text(
        "codebook: t\nclusters:\n  - {id: M1, family: M, name: Opbrengsten}\ncodes:\n"
        "  - id: M1a\n    cluster: M1\n    name: Maatwerk\n"
        "  - id: M1a\n    cluster: M1\n    name: Nog eens\n",
        encoding="utf-8",
    )
    result = cmo("codebook", "validate", str(book))
    assert result.returncode != 0
    assert f"{book}:8: duplicate code id 'M1a' (first defined on line 5)" in result.stderr
    init = cmo("init", str(tmp_path / "q"), "--codebook", str(book))
    assert init.returncode != 0 and not (tmp_path / "q").exists()


@pytest.mark.parametrize(
    ("codes", "problem"),
    [
        (
            "  - {id: A, family: M, name: a, parent: B}\n"
            "  - {id: B, family: M, name: b, parent: A}\n",
            "parent cycle",
        ),
        ("  - {id: A, family: M, name: a, parent: ZZ}\n", "unknown parent 'ZZ'"),
        ("  - {id: A, family: X, name: a}\n", "family 'X'"),
    ],
)
def test_codebook_validation_problems(tmp_path, codes, problem):
    book = tmp_path / "boek.yaml"
    book.write_text("codebook: t\ncodes:\n" + codes, encoding="utf-8")
    result = cmo("codebook", "validate", str(book))
    assert result.returncode != 0 and problem in result.stderr and f"{book}:" in result.stderr


def test_bundled_codebook_is_valid_and_complete():
    result = cmo("codebook", "validate", str(ROOT / "codebooks" / "realist-wwb-wmo.yaml"))
    assert result.returncode == 0, result.stderr
    from cmo.ingest.codebook_yaml import load_codebook

    book = load_codebook(ROOT / "codebooks" / "realist-wwb-wmo.yaml")
    ids = {c.id for c in book.codes}
    expected = {
        "C1",
        "C2",
        "C3",
        "M1a",
        "M1b",
        "M1c",
        "M1d",
        "M1e",
        "M2a",
        "M2b",
        "M3a",
        "M3b",
        "M3c",
        "M3d",
        "M4",
        "O1",
        "O2",
        "O3",
        "O4",
    }
    assert expected <= ids
    assert {c.id for c in book.codes if c.parent == "O3"} == {f"O3.{i}" for i in range(1, 7)}
    clusters = {c.id: c.cluster for c in book.codes}
    assert {clusters[i] for i in ("M1a", "M1e")} == {"M1"} and clusters["M4"] == "M4"
    assert all(c.definition and c.keywords for c in book.codes)


def test_code_add_by_quote_turn_and_offsets_then_rm_and_undo(folder, sample_file):
    p = ["-p", str(folder)]
    assert cmo("import", str(sample_file), "--casus", "A", *p).returncode == 0
    by_quote = cmo(
        "code",
        "add",
        "cirkel-client1",
        "--quote",
        "‘probeer het gewoon een keer’",
        "--code",
        "m3a",
        "--json",
        *p,
    )
    assert by_quote.returncode == 0, by_quote.stderr
    coding = json.loads(by_quote.stdout)
    assert coding["code"] == "M3a" and coding["text"] == "‘probeer het gewoon een keer’"
    assert coding["coder"] == "anna"
    by_turn = json.loads(
        cmo(
            "code",
            "add",
            "cirkel-client1",
            "--turn",
            "3",  # the header before the first speaker is no turn
            "-c",
            "M1c",
            "--memo",
            "ritme",
            "--json",
            *p,
        ).stdout
    )
    assert by_turn["text"].startswith("Ik heb weer structuur") and by_turn["memo"] == "ritme"
    by_offsets = json.loads(
        cmo(
            "code",
            "add",
            "cirkel-client1",
            "--start",
            "0",
            "--end",
            "9",
            "-c",
            "O1",
            "--coder",
            "bert",
            "--json",
            *p,
        ).stdout
    )
    assert by_offsets["text"] == "Interview" and by_offsets["coder"] == "bert"
    listed = json.loads(cmo("codings", "--json", "--code", "M1c", *p).stdout)
    assert [c["id"] for c in listed] == [by_turn["id"]] and listed[0]["casus"] == "A"
    assert cmo("code", "rm", str(by_turn["id"]), *p).returncode == 0
    assert json.loads(cmo("codings", "--json", "--code", "M1c", *p).stdout) == []
    assert cmo("undo", *p).returncode == 0
    assert [c["id"] for c in json.loads(cmo("codings", "--json", "--code", "M1c", *p).stdout)] == [
        by_turn["id"]
    ]
    missing = cmo("code", "add", "cirkel-client1", "--quote", "bestaat niet", "-c", "M1c", *p)
    assert missing.returncode != 0 and "not found" in missing.stderr
    unknown = cmo("code", "add", "cirkel-client1", "--turn", "2", "-c", "Z9", *p)
    assert unknown.returncode != 0 and "no code 'Z9'" in unknown.stderr


def test_project_from_environment_and_current_folder(folder, tmp_path):
    import os

    os.environ["CMO_PROJECT"] = str(folder)  # cleared again after the test (conftest)
    env_result = cmo("transcripts", "--json", cwd=tmp_path)
    del os.environ["CMO_PROJECT"]
    assert env_result.returncode == 0 and json.loads(env_result.stdout) == []
    sub = folder / "sub"
    sub.mkdir()
    assert cmo("transcripts", "--json", cwd=sub).returncode == 0
    outside = cmo("transcripts", cwd=tmp_path)
    assert outside.returncode != 0 and "no cmo project" in outside.stderr
