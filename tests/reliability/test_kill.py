"""The kill test: a coder process is killed with SIGKILL at random moments, again and
again; every coding it acknowledged is in the project afterwards, and the database
passes its integrity check.

The coder is forked from the test process (so it starts in milliseconds, without
re-importing SQLAlchemy) and runs ``writer.codings``: ``store.add_coding`` in a loop,
the TUI's code path, printing ``ack ID N`` on its stdout after each call returns.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import sys
import time

import pytest

from cmo.store.project import open_project

from .writer import acks as _acks
from .writer import coding_span, codings

KILLS = 20


def _coder(folder: str, first: int, stdout_fd: int) -> None:
    os.dup2(stdout_fd, 1)
    sys.stdout = open(1, "w", buffering=1, closefd=False)  # noqa: SIM115 - lives until killed
    codings(folder, "killed", first, None)


@pytest.mark.slow
def test_every_acknowledged_coding_survives_sigkill(long_project):
    rng = random.Random(int(os.environ.get("CMO_KILL_SEED", time.time())))
    fork = multiprocessing.get_context("fork")
    acknowledged: dict[int, int] = {}
    next_n = 0
    for _ in range(KILLS):
        read_fd, write_fd = os.pipe()
        proc = fork.Process(target=_coder, args=(str(long_project), next_n, write_fd))
        proc.start()
        os.close(write_fd)
        with os.fdopen(read_fd, "r", encoding="utf-8") as out:
            # Wait until the project is open, so that most kills land amid writes; then
            # kill after a random moment: before, during or after a commit.
            assert out.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 0.3))
            os.kill(proc.pid, signal.SIGKILL)
            proc.join()
            assert proc.exitcode == -signal.SIGKILL
            acks = _acks(out.read())
        acknowledged.update(acks)
        next_n = max(acks, default=next_n - 1) + 1
    assert len(acknowledged) > KILLS, "the coder hardly acknowledged anything"
    print(f"{len(acknowledged)} acknowledged codings over {KILLS} kills")
    with open_project(long_project) as project:
        assert project.store.integrity_problems() == []
        found = {c.id: c for c in project.store.codings.all()}
        length = len(project.store.transcripts.all()[0].text)
        logged = [
            c
            for c in project.store.history.recent(limit=1_000_000, actor="killed")
            if c["action"] == "coding.add"
        ]
    missing = [n for n, coding_id in acknowledged.items() if coding_id not in found]
    assert missing == [], f"acknowledged codings lost: {missing[:10]}"
    for n, coding_id in acknowledged.items():
        assert (found[coding_id].start, found[coding_id].end) == coding_span(n, length)
    # Nothing half-written either: every coding has its change-log entry, and vice versa.
    assert sorted(int(c["entity_id"]) for c in logged) == sorted(found)


def _killed_at_random(target, args, rng, most: float) -> bool:
    """Run ``target(*args)`` in a forked process and SIGKILL it after a random moment;
    True when it had already finished."""
    fork = multiprocessing.get_context("fork")
    proc = fork.Process(target=target, args=args)
    proc.start()
    time.sleep(rng.uniform(0.0, most))
    os.kill(proc.pid, signal.SIGKILL)
    proc.join()
    return proc.exitcode == 0


def _migrate(folder: str, to: str) -> None:
    from cmo.store.transfer import migrate_project

    with open_project(folder, check=False) as project:
        migrate_project(project, to)


def _backup(folder: str) -> None:
    from cmo.store.project import backup

    with open_project(folder, check=False) as project:
        backup(project)


@pytest.mark.slow
def test_a_killed_migrate_to_a_folder_leaves_nothing_that_stops_the_retry(
    long_project,
    tmp_path,
):
    from cmo.store.project import DATABASE, SETTINGS
    from cmo.store.transfer import migrate_project

    rng = random.Random(int(os.environ.get("CMO_KILL_SEED", time.time())))
    target = tmp_path / "verhuisd"
    for _ in range(6):
        if _killed_at_random(_migrate, (str(long_project), str(target)), rng, 1.5):
            assert (target / SETTINGS).is_file() and (target / DATABASE).is_file()
            shutil.rmtree(target)  # finished before the kill: start over
    with open_project(long_project) as project:
        result = migrate_project(project, str(target))  # the retry just works
        expected = project.store.logical_dump()
    assert result.report.total > 0
    leftovers = sorted(p.name for p in target.iterdir() if ".partial-" in p.name)
    assert leftovers == []
    with open_project(target) as moved:
        assert moved.store.logical_dump() == expected


@pytest.mark.slow
def test_a_killed_backup_leaves_no_partial_file_under_a_backup_name(long_project):
    import sqlite3

    from cmo.store.project import backup

    rng = random.Random(int(os.environ.get("CMO_KILL_SEED", time.time())))
    for _ in range(6):
        _killed_at_random(_backup, (str(long_project),), rng, 1.0)
        for copy in (long_project / "backups").glob("cmo-*.db"):
            conn = sqlite3.connect(copy)
            try:  # every file under a backup's name is a whole, sound copy
                assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                assert conn.execute("SELECT COUNT(*) FROM coding").fetchone() is not None
            finally:
                conn.close()
    with open_project(long_project) as project:
        made = backup(project)
    assert made.is_file() and (made.stat().st_mode & 0o077) == 0
    leftovers = [p.name for p in (long_project / "backups").iterdir() if ".partial-" in p.name]
    assert leftovers == []
