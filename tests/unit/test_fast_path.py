"""The command fast path: the same results as the full path, only sooner.

Start-up (lazy command modules, cached help, commands called without Typer's parsing),
the standard-library store, and the integrity check only when a clean close is not
on record.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cmo import cli
from cmo.commands import fast
from cmo.store import clean_close, fastpath, shared_queries
from cmo.store import schema as tables
from cmo.store.project import DATABASE, open_project


def _fast(args: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert fast.run(args), args
    return out.getvalue()


@pytest.mark.parametrize(
    "args",
    [
        ["freq", "--format", "json"],
        ["freq", "--by", "participant", "--per", "1000-words", "-f", "csv"],
        ["cooccur", "--format", "json"],
        ["cooccur", "--unit=overlap", "--pool", "-f", "csv"],
        ["transcripts", "--json"],
        ["codings", "--json"],
    ],
)
def test_a_fast_command_prints_what_typer_prints(coded_project, args):
    folder = str(coded_project.path)
    full = CliRunner().invoke(cli.app, [*args, "-p", folder])
    assert full.exit_code == 0, full.output
    assert full.stdout.strip()
    # (Click's test runner turns CSV's \r\n into \n.)
    assert _fast([*args, "-p", folder]).replace("\r\n", "\n") == full.stdout


def test_code_add_on_the_fast_path_is_recorded_and_undoable(coded_project):
    folder = str(coded_project.path)
    before = len(coded_project.store.codings.all())
    with contextlib.redirect_stderr(io.StringIO()):
        out = _fast(
            [
                "code",
                "add",
                "cirkel-client1",
                "--quote",
                "schuldhulp",
                "-c",
                "M1a",
                "--json",
                "-p",
                folder,
            ]
        )
    made = json.loads(out)
    assert made["code"] == "M1a" and made["text"] == "schuldhulp"
    assert len(coded_project.store.codings.all()) == before + 1
    assert coded_project.store.history.undo(actor=made["coder"])["action"] == "coding.add"
    assert len(coded_project.store.codings.all()) == before


@pytest.mark.parametrize(
    "args",
    [
        ["freq", "--bogus"],
        ["freq", "--help"],
        ["freq", "--by"],
        ["freq", "--by", "casus", "--by", "kind"],
        ["code", "add", "x", "--turn", "drie", "-c", "M1a"],
        ["code", "add", "x"],
        ["cooccur", "--pool=yes"],
    ],
)
def test_anything_unusual_is_left_to_typer(args):
    fn, rest = fast.command_for(args)
    assert fn is not None
    with pytest.raises(fast.NotFast):
        fast.parse(fn, rest)


def test_every_command_is_found_in_the_modules_the_launcher_registers():
    import typer

    from cmo.commands.launch import command_tree

    mapping = cli.command_modules()
    full = command_tree(typer.main.get_command(cli.app))
    assert {path.split()[0] for path in full} == set(mapping)
    for name, modules in mapping.items():
        part = cli.new_app()
        for module in modules:
            __import__(f"cmo.commands.{module}", fromlist=["register"]).register(part)
        mine = {p for p in command_tree(typer.main.get_command(part)) if p.split()[0] == name}
        assert mine == {p for p in full if p.split()[0] == name}, name


def test_the_schema_version_is_one_number():
    assert fastpath.SCHEMA_VERSION == tables.SCHEMA_VERSION


def test_an_older_schema_opens_with_the_full_store(coded_project):
    folder = coded_project.path
    with open_project(folder, quick=True) as quick:
        assert isinstance(quick.store, fastpath.QuickStore)
    with coded_project.store.write() as conn:
        conn.exec_driver_sql("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    assert fastpath.open_quick(folder / DATABASE) is None


def _count_checks(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = shared_queries.integrity_problems

    def counting(fetch):
        calls.append(1)
        return real(fetch)

    monkeypatch.setattr(shared_queries, "integrity_problems", counting)
    return calls


def test_the_integrity_check_runs_only_when_a_clean_close_is_not_on_record(
    coded_project, monkeypatch
):
    folder = coded_project.path
    coded_project.close()
    calls = _count_checks(monkeypatch)
    for quick in (False, True, False):
        open_project(folder, quick=quick).close()
    assert calls == []  # closed cleanly each time: no check

    # A process that died with the project open leaves its marker behind.
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (folder / f"{clean_close.MARKER}{dead.pid}-0").touch()
    open_project(folder).close()
    assert calls == [1] and not list(folder.glob(clean_close.MARKER + "*"))

    # Touched by something else (a restored copy, another program): checked again.
    db = folder / DATABASE
    os.utime(db, ns=(db.stat().st_atime_ns, db.stat().st_mtime_ns + 1_000_000))
    open_project(folder, quick=True).close()
    assert calls == [1, 1]
    open_project(folder, quick=True).close()
    assert calls == [1, 1]

    # While another cmo has it open, its check stands.
    holder = open_project(folder)
    open_project(folder).close()
    assert calls == [1, 1]
    holder.close()


def test_a_background_writer_holding_the_project_leaves_it_clean(coded_project, monkeypatch):
    """The embedding worker writes after the command that started it has closed: its hold
    keeps the next command from taking those writes for an unclean close."""
    import sqlite3

    folder = coded_project.path
    coded_project.close()
    calls = _count_checks(monkeypatch)
    url = f"sqlite:///{folder / DATABASE}"
    with clean_close.holding(url):
        con = sqlite3.connect(folder / DATABASE)
        with con:
            con.execute("UPDATE coding SET memo = 'by the worker'")
        con.close()
        open_project(folder, quick=True).close()  # while it holds the project
    open_project(folder, quick=True).close()  # after it let go
    assert calls == []
    with sqlite3.connect(folder / DATABASE) as con:  # an unheld write is still noticed
        con.execute("UPDATE coding SET memo = 'by someone else'")
    open_project(folder, quick=True).close()
    assert calls == [1]


def test_coded_turns_sweep_matches_the_overlap_definition():
    rng = random.Random(20)
    for _ in range(200):
        turns, codings, cursor = [], [], 0
        for tid in (1, 2, 5):
            for _turn in range(rng.randint(0, 8)):
                start = cursor + rng.randint(0, 3)
                cursor = start + rng.randint(1, 20)
                turns.append((tid, start, cursor))
            for _coding in range(rng.randint(0, 6)):
                start = rng.randint(0, cursor + 5)
                codings.append((tid, start, start + rng.randint(1, 30)))
        want: dict[int, int] = {}
        for tid, start, end in turns:
            if any(c[0] == tid and c[1] < end and c[2] > start for c in codings):
                want[tid] = want.get(tid, 0) + 1
        got = shared_queries.coded_turns(
            sorted(turns, key=lambda t: (t[0], t[2])), sorted(codings, key=lambda c: (c[0], c[1]))
        )
        assert got == want


def test_coded_counts_in_sql_match_the_overlap_definition_with_long_codings_too():
    """The overview counts coded turns in SQL (a probe per turn); a transcript with a
    coding longer than the probe's reach is swept instead: both give the definition's
    count."""
    rng = random.Random(21)
    con = sqlite3.connect(":memory:")
    con.execute('CREATE TABLE turn (transcript_id INTEGER, start INTEGER, "end" INTEGER)')
    con.execute('CREATE TABLE coding (transcript_id INTEGER, start INTEGER, "end" INTEGER)')
    turns, codings = [], []
    for tid in (1, 2, 3):
        cursor = 0
        for _turn in range(60):
            start = cursor + rng.randint(0, 30)
            cursor = start + rng.randint(1, 400)
            turns.append((tid, start, cursor))
        for _coding in range(40):
            start = rng.randint(0, cursor)
            codings.append((tid, start, start + rng.randint(1, 300)))
    codings.append((3, 10, 10 + shared_queries.PROBE_REACH + 1))  # transcript 3 is swept
    con.executemany("INSERT INTO turn VALUES (?, ?, ?)", turns)
    con.executemany("INSERT INTO coding VALUES (?, ?, ?)", codings)
    want: dict[int, int] = {}
    for tid, start, end in turns:
        if any(c[0] == tid and c[1] < end and c[2] > start for c in codings):
            want[tid] = want.get(tid, 0) + 1
    assert set(want) == {1, 2, 3}
    reaches = dict(con.execute('SELECT transcript_id, MAX("end" - start) FROM coding GROUP BY 1'))
    assert reaches[3] > shared_queries.PROBE_REACH >= max(reaches[1], reaches[2])
    fetch = lambda sql, params=(): con.execute(sql, params).fetchall()  # noqa: E731
    assert shared_queries.coded_counts(fetch, reaches) == want


def test_init_and_import_take_their_lists_and_flags_as_typer_does(tmp_path, sample_file):
    from cmo.commands.foundation import import_

    values = fast.parse(
        import_,
        [
            "a.txt",
            "--casus",
            "De Cirkel",
            "b.txt",
            "--role",
            "R=cliënt",
            "--role=I=interviewer",
            "--no-replace",
            "-p",
            "proj",
        ],
    )
    assert values["files"] == [Path("a.txt"), Path("b.txt")]
    assert values["role"] == ["R=cliënt", "I=interviewer"]
    assert values["replace"] is False and values["casus"] == "De Cirkel"
    assert values["project"] == Path("proj") and values["dry_run"] is False
    with pytest.raises(fast.NotFast):
        fast.parse(import_, ["--casus", "X"])  # no file: Typer says so

    folder = tmp_path / "nieuw"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert fast.run(["init", str(folder)])
        assert fast.run(["import", str(sample_file), "--casus", "De Cirkel", "-p", str(folder)])
    listed = json.loads(_fast(["transcripts", "--json", "-p", str(folder)]))
    assert [t["name"] for t in listed] == ["cirkel-client1"] and listed[0]["turns"] > 0


def test_an_export_reads_the_same_from_either_store(coded_project):
    """Both stores read an export by one plain SQL reader (``plain_export``), the full
    store through SQLAlchemy's driver connection, the fast path through ``sqlite3``:
    the same QDPX either way."""
    from cmo.refi.export_data import load
    from cmo.refi.export_qdpx import project_xml

    store = coded_project.store
    codings = store.codings.all()
    store.memos.set("coding", codings[0].id, "Een memo bij de eerste codering.", "tester")
    full = project_xml(load(store), "p", "2026-01-01T00:00:00Z")
    with open_project(coded_project.path, quick=True) as quick:
        assert isinstance(quick.store, fastpath.QuickStore)
        plain = project_xml(load(quick.store), "p", "2026-01-01T00:00:00Z")
    assert "Een memo bij de eerste codering." in full and plain == full


def test_two_checkouts_keep_their_own_launch_cache(tmp_path, monkeypatch):
    from cmo.commands import launch

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    other = tmp_path / "cmo" / "launch-0123456789-abcdefabcdefabcdefab.json"
    other.parent.mkdir(parents=True)
    other.write_text("{}", encoding="utf-8")
    stale = tmp_path / "cmo" / f"launch-{launch.checkout_key()}-stale.json"
    stale.write_text("{}", encoding="utf-8")

    cache = launch.LaunchCache()
    cache.set_help("x", "text", "", 0)
    cache.save()

    assert cache.path.exists()
    assert other.exists(), "another checkout's cache was deleted"
    assert not stale.exists(), "this checkout's outdated cache was kept"
    assert launch.LaunchCache().help_text("x") == ("text", "", 0)
