"""A command's success message is its output (standard output); warnings, hints and
progress go to standard error, so ``cmo … > log`` keeps what was done."""

from __future__ import annotations

from tests.cli import run_cmo


def _run(commands: list[list[str]]) -> list[dict]:
    """In this process (standard output and error kept apart, as a process has them)."""
    results = [run_cmo(*argv) for argv in commands]
    return [{"code": r.returncode, "stdout": r.stdout, "stderr": r.stderr} for r in results]


def test_success_messages_go_to_standard_output(coded_project, tmp_path):
    folder = str(coded_project.path)
    coded_project.close()
    book = tmp_path / "codes.yaml"
    p = ["-p", folder]
    commands = {
        "code add": ["code", "add", "cirkel-client1", "--quote", "laagdrempelig", "-c", "M1a"],
        "undo": ["undo"],
        "redo": ["redo"],
        "memo": ["memo", "code:M1a", "Een memo."],
        "codebook add": [
            "codebook",
            "add",
            "M9z",
            "--family",
            "M",
            "--name",
            "Nieuw",
            "--keywords",
            "nieuw",
        ],
        "codebook export": ["codebook", "export", "-o", str(book)],
        "codebook import": ["codebook", "import", str(book)],
        "cmoc add": ["cmoc", "add", "-C", "C1", "-M", "M3c", "-O", "O2", "--title", "T"],
        "cmoc rm": ["cmoc", "rm", "CMOC-01"],
        "rename": ["transcripts", "rename", "cirkel-client1", "cirkel-een"],
        "backup": ["backup", "-o", str(tmp_path / "kopie.db")],
        "check": ["check"],
    }
    expected = {
        "code add": "Coded M1a on cirkel-client1",
        "undo": "Undid coding.add",
        "redo": "Redid coding.add",
        "memo": "Memo on code:M1a saved.",
        "codebook add": "Added emergent code M9z 'Nieuw'.",
        "codebook export": f"to {book}.",
        "codebook import": "codes added",
        "cmoc add": "Created CMOC-01",
        "cmoc rm": "Removed CMOC-01.",
        "rename": "Renamed transcript 'cirkel-client1' to 'cirkel-een'.",
        "backup": "Backed up to",
        "check": "ok",
    }
    results = _run([[*words, *p] for words in commands.values()])
    for name, result in zip(commands, results, strict=True):
        assert result["code"] == 0, (name, result)
        assert expected[name] in result["stdout"], (name, result)
        assert expected[name] not in result["stderr"], (name, result)


def test_a_hint_stays_on_standard_error(coded_project):
    folder = str(coded_project.path)
    coded_project.close()
    (result,) = _run([["codebook", "add", "M9y", "--family", "M", "--name", "Kaal", "-p", folder]])
    assert "Added emergent code M9y 'Kaal'." in result["stdout"]
    assert "suggested only from the fragments" in result["stderr"]
    assert "suggested only" not in result["stdout"]


def test_a_reader_that_stops_early_gets_no_complaint(coded_project):
    """`cmo … | head`: the reader goes away before cmo writes; cmo stops quietly, on the
    fast path (transcripts) as through Click (turns), which exits with 1."""
    import os
    import subprocess
    import sys

    from tests.cli import ROOT

    folder = str(coded_project.path)
    first = coded_project.store.transcripts.all()[0].name
    coded_project.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for args in (["transcripts"], ["turns", first]):
        child = subprocess.Popen(
            [sys.executable, "-m", "cmo.cli", *args, "-p", folder],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        child.stdout.close()  # before the child has started writing
        errors = child.stderr.read().decode()
        assert child.wait(timeout=60) == 1, errors
        assert errors == "", errors


def test_a_read_only_command_ends_without_teardown_and_with_all_its_output(coded_project):
    """``cmo`` (``cli.script_main``) leaves right after a read-only command has written
    everything (no exit handler runs); a command that writes, or fails, ends as usual."""
    import os
    import subprocess
    import sys

    from tests.cli import ROOT

    folder = str(coded_project.path)
    coded_project.close()
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('torn down', file=sys.stderr))\n"
        "from cmo.cli import script_main\n"
        "sys.argv = ['cmo', *sys.argv[1:]]\n"
        "script_main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def cmo(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-c", script, *args, "-p", folder]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)

    for args in (["cooccur", "-f", "csv"], ["freq", "-f", "json"], ["codings"]):
        in_process = run_cmo(*args, "-p", folder)
        piped = cmo(*args)
        assert piped.returncode == 0 and in_process.returncode == 0, piped.stderr
        assert piped.stdout == in_process.stdout and piped.stdout.count("\n") > 3
        assert "torn down" not in piped.stderr, args
    writes = cmo("code", "add", "cirkel-client1", "--quote", "schuldhulp", "-c", "M1a")
    assert writes.returncode == 0 and "torn down" in writes.stderr, writes.stderr
    fails = cmo("cooccur", "--unit", "zin")
    assert fails.returncode != 0 and "torn down" in fails.stderr, fails.stderr
