"""kill -9 during `cmo pseudonymise --all --yes`: the project is wholly as it was or
wholly pseudonymised — never texts without labels, or labels without memos."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.cli import run_cmo

ROOT = Path(__file__).resolve().parents[2]
TEXT = """Interview

I: Hoe gaat het, Ahmed?
Ahmed: Goed. Bas Kuipers van het wijkteam in Lelystad belt me elke week.
I: En verder?
Ahmed: Ik werk nu in de kringloop.
"""


def _env() -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CMO_EMBED_WORKER": "off"}
    env.pop("CMO_PROJECT", None)
    return env


def _cmo(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "cmo.cli", *args], env=_env(), check=True, capture_output=True
    )


def _state(db: Path) -> tuple[bool, bool, bool, bool]:
    """Whether the real name is still in: the text, the labels, the speakers, the memo."""
    with sqlite3.connect(db) as conn:
        text = conn.execute("SELECT text FROM transcript").fetchone()[0]
        labels = {r[0] for r in conn.execute("SELECT label FROM participant")}
        speakers = {r[0] for r in conn.execute("SELECT speaker FROM turn")}
        memo = conn.execute("SELECT text FROM memo").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return ("Ahmed" in text, "Ahmed" in labels, "Ahmed" in speakers, "Ahmed" in memo)


def test_a_killed_pseudonymise_leaves_no_half_pseudonymised_project(tmp_path):
    base = tmp_path / "base"
    source = tmp_path / "wijkteam-ahmed.txt"
    source.write_text(TEXT, encoding="utf-8")
    # The project is made in this process (only the runs that are killed need one).
    run_cmo("init", str(base), "--coder", "anna", check=True)
    run_cmo("import", str(source), "--casus", "Wijkteam", "-p", str(base), check=True)
    run_cmo("memo", "project", "Ahmed is de eerste respondent.", "-p", str(base), check=True)
    start = time.perf_counter()
    whole = tmp_path / "whole"
    shutil.copytree(base, whole)
    _cmo("pseudonymise", "--all", "--yes", "-p", str(whole))
    duration = time.perf_counter() - start
    assert _state(whole / "cmo.db") == (False, False, False, False)
    outcomes = set()
    for i, fraction in enumerate((0.3, 0.5, 0.7, 0.8, 0.9, 0.95)):
        copy = tmp_path / f"kill{i}"
        shutil.copytree(base, copy)
        child = subprocess.Popen(
            [sys.executable, "-m", "cmo.cli", "pseudonymise", "--all", "--yes", "-p", str(copy)],
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(duration * fraction)
        child.send_signal(signal.SIGKILL)
        child.wait()
        state = _state(copy / "cmo.db")
        assert state in ((True, True, True, True), (False, False, False, False)), (fraction, state)
        outcomes.add(state)
    assert (True, True, True, True) in outcomes  # the kills did land before the end
