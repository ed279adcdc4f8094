"""Durability: migrations from every earlier schema, backups, and corrupted databases."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cmo.core.errors import ProjectError
from cmo.store import schema as tables
from cmo.store.project import DATABASE, SETTINGS, backup, init_project, open_project
from tests.cli import run_cmo

DATA = Path(__file__).resolve().parents[1] / "data"
# Every earlier schema kept as a file (version numbers need not be contiguous).
EARLIER = sorted(
    v
    for p in DATA.glob("schema_v*.sql")
    if (v := int(p.stem.removeprefix("schema_v"))) < tables.SCHEMA_VERSION
)


def _schema(db: Path) -> dict[str, object]:
    """Columns (name, type, notnull, pk), indexes and foreign keys of every table."""
    con = sqlite3.connect(db)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        schema: dict[str, object] = {}
        for name in sorted(names):
            columns = sorted(
                (r[1], r[2].upper(), r[3], r[5])
                for r in con.execute(f'PRAGMA table_info("{name}")')
            )
            indexes = sorted(
                (r[1], r[2], tuple(c[2] for c in con.execute(f'PRAGMA index_info("{r[1]}")')))
                for r in con.execute(f'PRAGMA index_list("{name}")')
                if not r[1].startswith("sqlite_autoindex")
            )
            fks = sorted(
                (r[2], r[3], r[4]) for r in con.execute(f'PRAGMA foreign_key_list("{name}")')
            )
            schema[name] = {"columns": columns, "indexes": indexes, "fks": fks}
        return schema
    finally:
        con.close()


def _old_project(folder: Path, version: int, with_version_row: bool = True) -> Path:
    """A project folder whose cmo.db has schema ``version`` and some data in every table."""
    folder.mkdir(parents=True)
    (folder / SETTINGS).write_text('name = "oud"\ncoder = "tester"\n', encoding="utf-8")
    con = sqlite3.connect(folder / DATABASE)
    con.executescript((DATA / f"schema_v{version}.sql").read_text(encoding="utf-8"))
    if not with_version_row:
        con.execute("DELETE FROM meta")
    con.executescript("""
        INSERT INTO casus VALUES (1, 'De Cirkel Almere', '{"regio": "Flevoland"}', 'g-casus');
        INSERT INTO cluster VALUES ('M3', 'M', 'Relatie', '', 0, 'g-cl');
        INSERT INTO code VALUES ('M3b', 'M', 'Vertrouwen', 'M3', 'def', '["tijd"]', NULL, '',
                                 0, 1, 'g-code');
        INSERT INTO participant VALUES (1, 1, 'Marieke', 'klantmanager', '{}', 'g-p');
        INSERT INTO transcript VALUES (1, 'cirkel-1', 1, 'interview', 'cirkel-1.txt', 'abc',
                                       '2024-01-01', 'Marieke: Ik neem de tijd.', 5, 'g-t');
        INSERT INTO turn VALUES (1, 1, 0, 'Marieke', 1, NULL, 9, 25);
        INSERT INTO coding VALUES (1, 1, 9, 25, 'M3b', 'anna', 'mooi citaat', '2024-01-01',
                                   '2024-01-01', 'g-coding');
        INSERT INTO memo VALUES (1, 'code', 'M3b', 'een memo', 'anna', '2024-01-01',
                                 '2024-01-01', 'g-memo');
    """)
    con.commit()
    con.close()
    return folder


# Version 1 databases were also written without a schema_version row.
@pytest.mark.parametrize(
    ("version", "with_version_row"), [(v, True) for v in EARLIER] + [(1, False)]
)
def test_every_earlier_schema_upgrades_with_data_and_backup(tmp_path, version, with_version_row):
    folder = _old_project(tmp_path / "oud", version, with_version_row)
    before = _schema(folder / DATABASE)

    with open_project(folder) as project:
        store = project.store
        assert project.store.migrations_applied
        (coding,) = store.codings.all()
        assert (
            coding.start,
            coding.end,
            coding.code_id,
            coding.coder,
            coding.memo,
            coding.status,
            coding.guid,
        ) == (9, 25, "M3b", "anna", "mooi citaat", "ok", "g-coding")
        t = store.transcripts.get("cirkel-1")
        assert t.text[coding.start : coding.end] == "Ik neem de tijd."
        assert store.casussen.get("De Cirkel Almere").attributes == {"regio": "Flevoland"}
        assert store.participants.get("Marieke").pseudonym == ""
        assert store.memos.get("code", "M3b").text == "een memo"
        assert [u.speaker for u in store.transcripts.turns(t.id)] == ["Marieke"]
        assert store.integrity_problems() == []
        store.codings.add(t.id, 0, 7, "M3b", coder="anna")  # the upgraded database works

    backups = list((folder / "backups").glob(f"cmo-schema{version}-*.db"))
    assert len(backups) == 1
    assert _schema(backups[0]) == before  # the backup is the database as it was
    fresh = init_project(tmp_path / "nieuw")
    fresh.close()
    assert _schema(folder / DATABASE) == _schema(tmp_path / "nieuw" / DATABASE)
    with open_project(folder) as again:  # opening again migrates nothing, backs up nothing
        assert again.store.migrations_applied == []
    assert len(list((folder / "backups").glob("*.db"))) == 1


def test_a_schema_10_project_gets_the_status_into_its_covering_indexes(tmp_path):
    """Schema 10's indexes lacked the status, so the analyses' filter on it (no codings
    awaiting review) looked every coding up again; the upgrade makes them cover it."""
    from cmo.analysis.corpus import COUNTED

    project = init_project(tmp_path / "p")
    with project.store.write() as conn:
        for sql in (
            f"DROP INDEX {tables.CODING_ORDER_INDEX}",
            f"DROP INDEX {tables.CODING_COUNT_INDEX}",
            f'CREATE INDEX {tables.CODING_ORDER_INDEX} ON coding (transcript_id, start, id, "end", '
            "code_id, coder)",
            f"CREATE INDEX {tables.CODING_COUNT_INDEX} ON coding "
            '(transcript_id, code_id, start, "end")',
            "UPDATE meta SET value = '10' WHERE key = 'schema_version'",
        ):
            conn.exec_driver_sql(sql)
    project.close()
    db = tmp_path / "p" / DATABASE
    old = _schema(db)
    with open_project(tmp_path / "p") as upgraded:
        assert upgraded.store.migrations_applied
    fresh = init_project(tmp_path / "nieuw")
    fresh.close()
    assert old != _schema(db) == _schema(tmp_path / "nieuw" / DATABASE)
    con = sqlite3.connect(db)
    for sql in (
        f'SELECT transcript_id, start, "end", code_id, coder FROM coding WHERE {COUNTED} '
        "ORDER BY transcript_id, start, id",
        f'SELECT transcript_id, code_id, COUNT(DISTINCT start * 4294967296 + "end") FROM coding '
        f"WHERE {COUNTED} GROUP BY transcript_id, code_id",
    ):
        plan = " ".join(r[-1] for r in con.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "COVERING INDEX" in plan, plan
    con.close()


def test_a_newer_schema_is_refused(tmp_path):
    project = init_project(tmp_path / "p")
    with project.store.write() as conn:
        conn.exec_driver_sql("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    project.close()
    with pytest.raises(ProjectError, match="newer than this cmo"):
        open_project(tmp_path / "p")


def _corrupt(db: Path, how: str) -> None:
    data = bytearray(db.read_bytes())
    if how == "header":
        data[0:16] = b"this is garbage!"
    elif how == "pages":
        page = int.from_bytes(data[16:18], "big") or 65536
        for start in range(2 * page, len(data) - page, page):  # keep page 1 (the schema)
            data[start : start + 64] = b"\xa5" * 64
    elif how == "truncated":
        data = data[: len(data) // 3 + 7]
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["header", "pages", "truncated"])
def test_a_corrupted_database_gives_one_clear_line(coded_project, tmp_path, how):
    folder = coded_project.path
    coded_project.close()
    copy = tmp_path / "kapot"
    shutil.copytree(folder, copy)
    for suffix in ("-wal", "-shm"):
        (copy / (DATABASE + suffix)).unlink(missing_ok=True)
    _corrupt(copy / DATABASE, how)

    with pytest.raises(ProjectError) as caught:
        open_project(copy)
    message = str(caught.value)
    assert str(copy / DATABASE) in message and "\n" not in message
    assert "backup" in message

    result = run_cmo("codings", "-p", str(copy))
    assert result.returncode == ProjectError.exit_code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cmo: error: ") and DATABASE in lines[0]
    assert "Traceback" not in result.stderr


def test_an_emptied_database_is_not_mistaken_for_a_new_project(coded_project):
    folder = coded_project.path
    coded_project.close()
    (folder / DATABASE).write_bytes(b"")
    with pytest.raises(ProjectError, match="empty"):
        open_project(folder)


def test_backup_is_a_consistent_copy(coded_project, tmp_path):
    target = backup(coded_project, tmp_path / "kopie.db")
    dump = coded_project.store.logical_dump()
    coded_project.close()
    folder = tmp_path / "restored"
    folder.mkdir()
    (folder / SETTINGS).write_text('name = "r"\n', encoding="utf-8")
    shutil.copy(target, folder / DATABASE)
    with open_project(folder) as restored:
        assert restored.store.logical_dump() == dump


def test_cli_backup_writes_the_named_file(coded_project, tmp_path):
    folder = coded_project.path
    coded_project.close()
    target = tmp_path / "uit" / "reserve.db"
    result = run_cmo("backup", "-o", str(target), "-p", str(folder))
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(target)
    assert con.execute("SELECT COUNT(*) FROM coding").fetchone()[0] == 4
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_two_processes_opening_an_old_project_at_once_both_succeed(tmp_path):
    folder = _old_project(tmp_path / "oud", 1)
    code = (
        "import sys; from pathlib import Path; from cmo.store.project import open_project\n"
        "p = open_project(Path(sys.argv[1])); print(len(p.store.codings.all())); p.close()"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "1"
    with open_project(folder) as project:
        assert project.store.migrations_applied == []
        assert project.store.integrity_problems() == []
