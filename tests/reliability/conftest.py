"""Fixtures for the reliability tests: a demo interview with codings, and CLI runners."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

DEMO = """Interview Participatiehuis Sittard-Geleen, deelnemer 4
Datum: 3 april

I: Hoe bent u bij het Participatiehuis gekomen?
Jan: Mijn klantmanager Marieke heeft me gewezen op het participatiehuis. Ik zat al twee jaar thuis.
I: Wat vond u daarvan?
Jan: In het begin was ik sceptisch, ik dacht: weer zo'n verplicht traject. Maar Marieke nam
echt de tijd voor me en luisterde naar wat ik wilde.
I: Wat doet u nu?
Jan: Ik werk drie ochtenden in de kringloopwinkel. Daar heb ik weer collega's en een reden om
mijn bed uit te komen.
I: Zijn er ook dingen die tegenvallen?
Jan: De reiskosten. Die worden niet vergoed en dat hakt erin met een uitkering.
I: Hoe gaat het met uw gezondheid?
Jan: Wisselend. Mijn rug speelt op als ik te lang sta.
"""

CODED = [
    ("heeft me gewezen op het participatiehuis", "M3a"),
    ("nam\necht de tijd voor me en luisterde naar wat ik wilde", "M3b"),
    ("Daar heb ik weer collega's", "O2"),
    ("De reiskosten. Die worden niet vergoed", "M4"),
    ("Mijn rug speelt op", "C2"),
    ("Marieke", "C1"),
]


def run_cmo(
    *args: str, cwd: Path | None = None, check: bool = False
) -> subprocess.CompletedProcess:
    """The real CLI in a fresh process, as a researcher runs it."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("CMO_PROJECT", None)
    result = subprocess.run(
        [sys.executable, "-m", "cmo.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"cmo {' '.join(args)} failed: {result.stderr}")
    return result


@pytest.fixture
def demo_project(project, tmp_path):
    """The project fixture with the demo interview imported and coded."""
    from cmo.ingest.service import import_files

    path = tmp_path / "sittard-deelnemer4.txt"
    path.write_text(DEMO, encoding="utf-8")
    import_files(project.store, [path], casus="Participatiehuis Sittard-Geleen")
    t = project.store.transcripts.get("sittard-deelnemer4")
    ids = {}
    for quote, code in CODED:
        start = t.text.index(quote)
        ids[quote] = project.store.codings.add(
            t.id, start, start + len(quote), code, coder="tester"
        ).id
    project.coding_ids = ids
    return project


def run_cli_batch(commands: list[list[str]], timeout: int = 300) -> list[dict]:
    """Many command lines through ``cmo.cli.main`` in ONE fresh process (see cli_batch.py);
    a hang fails the calling test instead of stalling the suite."""
    import json

    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("cli_batch.py"))],
        input=json.dumps(commands),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
