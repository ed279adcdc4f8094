"""A really full disk: import, code add, export and backup on a small filesystem.

The project lives on a tmpfs of a few MB (mounted for the test, unmounted after); a
filler file takes the free space. Every command then either fails with one line, a
non-zero exit and the project as it was, or succeeds and keeps what it acknowledged.
Where a tmpfs cannot be mounted (no root), the same runs under RLIMIT_FSIZE, which makes
writes past a size fail as a full disk does.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BATCH = Path(__file__).with_name("cli_batch.py")
INTERVIEW = """Interview wijkteam

I: Hoe gaat het nu?
R: Ik werk drie ochtenden in de kringloopwinkel. Daar heb ik weer collega's.
I: En de reiskosten?
R: Die worden niet vergoed en dat hakt erin met een uitkering.
"""


@pytest.fixture
def small_disk(tmp_path):
    """(folder on a 4 MB filesystem, limit for the child's files or None)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mount)],
            capture_output=True,
        ).returncode
        == 0
    )
    try:
        yield mount, None if mounted else 2 * 1024 * 1024
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(mount)], check=False)


def _batch(commands: list[list[str]], fsize: int | None) -> list[dict]:
    def limit():  # only for the fallback: writes past the limit fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "CMO_EMBED_WORKER": "off"}
    env.pop("CMO_PROJECT", None)
    done = subprocess.run(
        [sys.executable, str(BATCH)],
        input=json.dumps(commands),
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=limit if fsize else None,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _fill(folder: Path) -> Path:
    """A file that takes every free byte of ``folder``'s filesystem."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 512, 1):  # unbuffered: nothing left to flush at close
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def _state(db: Path) -> list:
    with sqlite3.connect(db) as conn:
        return [
            conn.execute("SELECT count(*) FROM transcript").fetchone()[0],
            conn.execute('SELECT id, start, "end", code_id FROM coding ORDER BY id').fetchall(),
        ]


def _one_line(result: dict) -> str:
    lines = [line for line in result["stderr"].splitlines() if line.strip()]
    assert len(lines) == 1, result["stderr"]
    assert "Traceback" not in result["stderr"]
    return lines[0]


def test_a_full_disk_gives_one_line_and_loses_nothing(small_disk, tmp_path):
    disk, fsize = small_disk
    project = disk / "proj"
    source = tmp_path / "wijkteam.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    big = tmp_path / "groot-interview.txt"
    big.write_text(INTERVIEW + "R: " + "ik werk en ik leer, " * 400_000 + "\n", encoding="utf-8")
    p = ["-p", str(project)]
    setup = _batch(
        [
            ["init", str(project), "--coder", "anna"],
            ["import", str(source), "--casus", "Wijkteam", *p],
            ["code", "add", "wijkteam", "-c", "O2", "--quote", "Daar heb ik weer collega's", *p],
        ],
        None,
    )
    assert [r["code"] for r in setup] == [0, 0, 0], setup
    db = project / "cmo.db"
    before = _state(db)
    assert before[0] == 1 and len(before[1]) == 1
    filler = _fill(disk) if fsize is None else None
    try:
        results = _batch(
            [
                ["import", str(big), "--casus", "Wijkteam", *p],
                ["code", "add", "wijkteam", "-c", "M4", "--quote", "niet vergoed", *p],
                [
                    "export",
                    "matrix",
                    "-f",
                    "xlsx",
                    "--layout",
                    "evidence",
                    *p,
                    "-o",
                    str(disk / "matrix.xlsx"),
                ],
                ["backup", *p],
            ],
            fsize,
        )
    finally:
        if filler is not None:
            filler.unlink()
    imported, coded, exported, backed_up = results
    if fsize is None:  # nothing fits on a really full disk
        assert exported["code"] != 0 and backed_up["code"] != 0, results
    assert imported["code"] != 0
    line = _one_line(imported)
    assert "disk" in line.lower() or "space" in line.lower() or "too large" in line.lower(), line
    after = _state(db)
    assert after[0] == 1  # the big import left nothing behind
    if coded["code"] == 0:  # acknowledged: it must be there
        assert len(after[1]) == 2 and after[1][0] == before[1][0]
    else:
        _one_line(coded)
        assert after == before
    for result, leftovers in (
        (exported, [disk / "matrix.xlsx"]),
        (
            backed_up,
            sorted((project / "backups").glob("*")) if (project / "backups").exists() else [],
        ),
    ):
        if result["code"] != 0:
            _one_line(result)
            assert not [p for p in leftovers if p.exists()], leftovers
    debris = [p.name for p in disk.rglob("*") if "partial" in p.name or p.name.endswith(".tmp")]
    assert debris == []
    check = _batch([["check", *p]], None)[0]
    assert check["code"] == 0, check["stderr"]
    assert _state(db)[1][: len(before[1])] == before[1]
