"""Hostile files that cannot be committed to tests/data/bad (FIFOs, devices, sparse files,
names with control characters): refused by type, size or name, in one line, unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli import run_cli_batch, run_cmo
from tests.samples import ROOT

from .dump import project_dump

CASUS = "De Cirkel Almere"


def _batch(commands: list[list[str]]) -> list[dict]:
    """In a separate process with a time-out: what could hang or fill the memory (a FIFO, a
    20 GB file) fails the test rather than stalling the suite."""
    return run_cli_batch(commands, timeout=240)


def _run(argv: list[str]) -> dict:
    """In this process: names and values that cannot hang anything."""
    result = run_cmo(*argv)
    return {"code": result.returncode, "stderr": result.stderr, "stdout": result.stdout}


def _one_line(result: dict, *needles: str) -> str:
    assert result["code"] not in (0, 70, 99), result
    lines = result["stderr"].strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cmo: error: "), result["stderr"]
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def folder(coded_project) -> Path:
    path = coded_project.path
    coded_project.close()
    return path


def test_fifos_and_devices_are_refused_by_type_without_waiting(folder, tmp_path):
    fifos = {}
    for name in ("pipe.txt", "pipe.yaml", "pipe.qdpx", "pipe.json", "pipe.qdc"):
        fifos[name] = tmp_path / name
        os.mkfifo(fifos[name])
    p = str(folder)
    before = project_dump(folder)
    results = _batch(
        [
            ["import", str(fifos["pipe.txt"]), "--casus", CASUS, "-p", p],
            ["codebook", "import", str(fifos["pipe.yaml"]), "-p", p],
            ["codebook", "validate", str(fifos["pipe.yaml"])],
            ["codebook", "import", str(fifos["pipe.qdc"]), "-p", p],
            ["import-qdpx", str(fifos["pipe.qdpx"]), "-p", p],
            ["pseudonymise", "cirkel-client1", "--apply", str(fifos["pipe.json"]), "-p", p],
            ["import", "/dev/zero", "--casus", CASUS, "-p", p],
        ]
    )
    for result, name in zip(
        results[:6],
        ["pipe.txt", "pipe.yaml", "pipe.yaml", "pipe.qdc", "pipe.qdpx", "pipe.json"],
        strict=True,
    ):
        _one_line(result, name, "FIFO")
    _one_line(results[6], "/dev/zero", "character device")
    assert project_dump(folder) == before


def test_a_sparse_20_gb_text_file_is_refused_by_its_size(folder, tmp_path):
    huge = tmp_path / "opname.txt"
    with huge.open("wb") as out:
        out.truncate(20 * 1024**3)  # sparse: costs no disk, but reading it would take minutes
    (result,) = _batch([["import", str(huge), "--casus", CASUS, "-p", str(folder)]])
    _one_line(result, "opname.txt", "too large")


@pytest.mark.parametrize(
    "name", ["naam\x1b]0;pwned\x07.txt", "regel\nbreuk.txt", "omgekeerd\u202etxt.exe.txt"]
)
def test_file_names_with_control_characters_are_refused_and_shown_escaped(folder, tmp_path, name):
    path = tmp_path / name
    path.write_text("I: Hoe gaat het?\nR: Goed.\n", encoding="utf-8")
    result = _run(["import", str(path), "--casus", CASUS, "-p", str(folder)])
    line = _one_line(result, "control character")
    assert not any(ch in line for ch in "\x1b\x07\u202e")


def test_casus_names_with_control_characters_are_refused(folder, tmp_path):
    path = tmp_path / "gesprek.txt"
    path.write_text("I: Hoe gaat het?\nR: Goed.\n", encoding="utf-8")
    before = project_dump(folder)
    result = _run(["import", str(path), "--casus", "Almere\x01", "-p", str(folder)])
    _one_line(result, "casus name", "U+0001")
    assert project_dump(folder) == before


def test_odd_command_line_values_are_one_clean_line(folder):
    result = _run(["log", "--since", "99999999d", "-p", str(folder)])
    assert result["code"] == 0 and "Traceback" not in result["stderr"], result
    assert "coding.add" in result["stdout"]  # from the beginning of time: every change


def test_argv_that_is_not_utf8_is_one_clean_line(folder):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cmo.cli",
            "import",
            b"\xff\xfe.txt",
            "--casus",
            "X",
            "-p",
            str(folder),
        ],
        capture_output=True,
        env=env,
        timeout=120,
    )
    stderr = result.stderr.decode("utf-8", "replace").strip().splitlines()
    assert result.returncode not in (0, 70), stderr
    assert len(stderr) == 1 and "Traceback" not in stderr[0], stderr


@pytest.mark.parametrize("coder", ["\x1b]0;pwned\x07", "Anna\nBert", "Anna\u202e"])
def test_coder_names_with_control_characters_are_refused(folder, coder):
    """Who made a change is shown by `cmo log`, `codings` and every export."""
    before = project_dump(folder)
    p = str(folder)
    result = _run(
        ["code", "add", "cirkel-client1", "--quote", "laagdrempelig", "--code", "M4"]
        + ["--coder", coder, "-p", p]
    )
    line = _one_line(result, "coder name", "control character")
    assert not any(ch in line for ch in "\x1b\x07\n\u202e")
    assert project_dump(folder) == before
