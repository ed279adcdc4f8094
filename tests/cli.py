"""Running ``cmo`` command lines from the tests: in this process, or as a real process.

``run_cmo`` calls the real entry point (``cmo.cli.main``, with its one-line error handling)
in-process: sys.argv, standard streams, working folder and umask are swapped for the call
and put back after, and the result looks like a finished subprocess (``returncode``,
``stdout``, ``stderr``, newlines as text mode gives them). Starting Python, SQLAlchemy and
the command modules costs 0.6-0.75 s per process on a loaded machine; the in-process call
costs what the command does.

``run_cmo_process`` starts ``python -m cmo.cli`` in a fresh process, for what only a process
shows: start-up imports, signals, kills, exit codes of the interpreter, argv bytes.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _text(stream: io.BytesIO) -> str:
    # What subprocess.run(text=True) gives: UTF-8 with universal newlines.
    data = stream.getvalue().decode("utf-8", "replace")
    return data.replace("\r\n", "\n").replace("\r", "\n")


class _Stream(io.TextIOWrapper):
    """A text stream with a ``.buffer`` (commands write bytes there, e.g. a CSV's BOM)."""

    def __init__(self) -> None:
        self.raw_bytes = io.BytesIO()
        super().__init__(self.raw_bytes, encoding="utf-8", newline="", write_through=True)

    def isatty(self) -> bool:
        return False


def run_cmo(
    *args: str | Path,
    cwd: Path | None = None,
    check: bool = False,
    input: str | None = None,  # noqa: A002 - the name subprocess.run uses
) -> subprocess.CompletedProcess:
    """One command line through ``cmo.cli.main`` in this process."""
    from cmo.cli import main

    argv = [str(a) for a in args]
    out, err = _Stream(), _Stream()
    stdin = io.TextIOWrapper(io.BytesIO((input or "").encode("utf-8")), encoding="utf-8")
    saved_argv, saved_umask = sys.argv, os.umask(0o022)
    os.umask(saved_umask)
    code = 0
    sys.argv = ["cmo", *argv]
    saved_stdin, sys.stdin = sys.stdin, stdin
    try:
        with (
            contextlib.chdir(cwd or os.getcwd()),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except BaseException:  # noqa: BLE001 - a crash is a result, shown in stderr
                traceback.print_exc(file=err)
                code = 99
            out.flush()
            err.flush()
    finally:
        sys.argv, sys.stdin = saved_argv, saved_stdin
        os.umask(saved_umask)
    result = subprocess.CompletedProcess(
        ["cmo", *argv], code, _text(out.raw_bytes), _text(err.raw_bytes)
    )
    if check and code != 0:
        raise AssertionError(f"cmo {' '.join(argv)} failed: {result.stderr}")
    return result


def run_cmo_process(
    *args: str | Path,
    cwd: Path | None = None,
    check: bool = False,
    env: dict[str, str] | None = None,
    input: str | None = None,  # noqa: A002 - the name subprocess.run uses
) -> subprocess.CompletedProcess:
    """The real CLI in a fresh process, as a researcher runs it."""
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)}
    environment.update(env or {})
    result = subprocess.run(
        [sys.executable, "-m", "cmo.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        input=input,
        timeout=120,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"cmo {' '.join(map(str, args))} failed: {result.stderr}")
    return result


def run_cli_batch(commands: list[list[str]], timeout: int = 300) -> list[dict]:
    """Many command lines through ``cmo.cli.main`` in ONE fresh process (see
    reliability/cli_batch.py); a hang fails the calling test instead of stalling the suite."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "reliability" / "cli_batch.py")],
        input=json.dumps(commands),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
