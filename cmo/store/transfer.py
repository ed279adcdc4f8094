"""Moving a whole project between databases (SQLite file ⇄ PostgreSQL server) without loss.

Every row of every table is copied as it is, ids and guids included, so codings,
CMO evidence, memos and the change log keep pointing at the same objects. The copy
goes into an empty target in one transaction and is then compared with the source
(``Store.logical_dump``); a difference undoes nothing in the source and is reported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, Table, func, select, text
from sqlmodel import SQLModel

from ..core.errors import Conflict
from . import guard
from .store import Store
from .urls import hide_password

BATCH = 2000


@dataclass
class TransferReport:
    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copy_project(source: Store, target: Store) -> TransferReport:
    """Copy every row of ``source`` into the empty ``target`` and check both are equal.

    Raises:
        Conflict: the target already holds project data, or the copy differs.
    """
    tables = SQLModel.metadata.sorted_tables
    with target.read() as conn:
        used = [t.name for t in tables if t.name != "meta" and _count(conn, t)]
    if used:
        raise Conflict(
            f"{hide_password(target.url)}: the target database is not empty "
            f"({', '.join(used[:4])} hold rows); use a new, empty database"
        )
    report = TransferReport(hide_password(source.url), hide_password(target.url))
    copied: dict[str, list[tuple]] = {}
    with _snapshot(source) as src, target.write() as dst:
        dst.execute(tables[0].metadata.tables["meta"].delete())
        for table in tables:
            rows = _copy_table(src, dst, table)
            report.rows[table.name] = len(rows)
            copied[table.name] = sorted(tuple(repr(v) for v in r.values()) for r in rows)
        if target.engine.dialect.name == "postgresql":
            _reset_sequences(dst, tables)
    # Compared with the rows as read (one snapshot), so coders who keep working on the
    # source meanwhile cannot make a good copy look bad.
    if dict(sorted(copied.items())) != target.logical_dump():
        raise Conflict(
            f"{report.target}: the copy differs from the source; the source is "
            "unchanged, discard the target database"
        )
    return report


@contextmanager
def _snapshot(store: Store) -> Iterator[Connection]:
    """A read transaction that sees one consistent state of every table, also on a
    PostgreSQL server where others keep writing (SQLite's WAL readers already do)."""
    conn = store.engine.connect()
    if store.engine.dialect.name == "postgresql":
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
    with conn, conn.begin():
        yield conn


def _copy_table(src: Connection, dst: Connection, table: Table) -> list[dict]:
    rows = [dict(r) for r in src.execute(select(table)).mappings()]
    if table.name == "code":
        rows = _parents_first(rows)
    for i in range(0, len(rows), BATCH):
        dst.execute(table.insert(), rows[i : i + BATCH])
    return rows


def _parents_first(codes: list[dict]) -> list[dict]:
    """Codes ordered so that a parent is inserted before its children (self foreign key)."""
    placed: set[str] = set()
    ordered: list[dict] = []
    pending = sorted(codes, key=lambda c: c["id"])
    while pending:
        ready = [c for c in pending if c["parent"] is None or c["parent"] in placed]
        if not ready:  # a cycle cannot be stored in the source; keep the rest as they are
            ordered += pending
            break
        ordered += ready
        placed.update(c["id"] for c in ready)
        pending = [c for c in pending if c["id"] not in placed]
    return ordered


def _reset_sequences(conn: Connection, tables: list[Table]) -> None:
    """Rows came with their ids: move each serial sequence past the largest one."""
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or pk[0].type.python_type is not int or not pk[0].autoincrement:
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{pk[0].name}'), "
                f'COALESCE(MAX("{pk[0].name}"), 0) + 1, false) FROM "{table.name}"'
            )
        )


def _open_target(url: str) -> Store:
    from sqlalchemy.exc import DBAPIError

    from .project import ProjectError

    try:
        return Store(url)
    except DBAPIError as exc:
        detail = str(exc.orig or exc).strip().splitlines()[0][:200]
        raise ProjectError(
            f"{hide_password(url)}: cannot open the target database ({detail})"
        ) from None


def _count(conn: Connection, table: Table) -> int:
    return conn.execute(select(func.count()).select_from(table)).scalar() or 0


@dataclass
class MigrateResult:
    report: TransferReport
    url: str
    folder: str = ""
    """The project folder that now uses the copy."""
    set_aside: str = ""
    """Where an old database file in the way was moved to."""


def migrate_project(project, to: str) -> MigrateResult:
    """Copy ``project`` to ``to`` and make a project use the copy.

    ``to`` is a server URL (``postgresql://…``), a SQLite URL (``sqlite:///path``) or a
    folder. A URL, or the project's own folder, switches this project's
    ``project.toml`` to the copy; another folder becomes a new project folder beside
    the old one, which stays as it was.
    """
    import shutil
    from datetime import UTC, datetime
    from pathlib import Path

    import tomli_w

    from .project import DATABASE, SETTINGS, read_settings

    folder: Path | None = None
    set_aside = ""
    if "://" in to:
        url = to
    else:
        folder = Path(to).resolve()
        if (folder / SETTINGS).exists() and folder != project.path.resolve():
            raise Conflict(f"{folder}: holds another cmo project already; choose a new folder")
        url = f"sqlite:///{folder / DATABASE}"
    if url.startswith("sqlite:///"):
        db_file = Path(url.removeprefix("sqlite:///"))
        own_file = (project.path / DATABASE).resolve()
        if db_file.resolve() == own_file and not project.database:
            raise Conflict(f"{db_file}: the project already uses this database")
        if db_file.exists() and db_file.stat().st_size and db_file.resolve() != own_file:
            if _leftover_copy(project, db_file, folder):
                _remove_sqlite(db_file)  # our own copy from a migrate killed before it ended
            else:
                raise Conflict(f"{db_file}: exists already; choose a new file or folder")
        if db_file.exists() and db_file.stat().st_size:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            aside = project.path / "backups" / f"cmo-before-migrate-{stamp}.db"
            aside.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(db_file, aside)
            set_aside = str(aside)
        db_file.parent.mkdir(parents=True, exist_ok=True)
        # Built under a temporary name and renamed when the copy is checked: a killed
        # migrate leaves nothing under the real name to make the retry fail.
        guard.sweep_partials(db_file.parent, db_file.name)
        building = guard.partial_name(db_file)
    elif url == project.url:
        raise Conflict(f"{hide_password(url)}: the project already uses this database")
    else:
        building = None
    target = _open_target(f"sqlite:///{building}" if building else url)
    try:
        report = copy_project(project.store, target)
    finally:
        target.close()
    if building is not None:
        os.replace(building, db_file)
    stored_url, had_password = guard.without_password(url)
    if had_password:
        print(guard.PASSWORD_WARNING, file=sys.stderr)
    settings = {k: v for k, v in read_settings(project.path).items() if v}
    if folder is not None and folder.resolve() != project.path.resolve():
        settings.pop("database", None)
        guard.write_private(folder / SETTINGS, tomli_w.dumps(settings))
        codebook = project.path / (settings.get("codebook") or "codebook.yaml")
        if codebook.is_file():
            shutil.copy2(codebook, folder / codebook.name)
        return MigrateResult(report, url, str(folder), set_aside)
    if (
        url.startswith("sqlite:///")
        and Path(url.removeprefix("sqlite:///")).resolve() == (project.path / DATABASE).resolve()
    ):
        settings.pop("database", None)
    else:
        settings["database"] = stored_url  # never a password: PGPASSWORD or ~/.pgpass
    guard.write_private(project.path / SETTINGS, tomli_w.dumps(settings))
    return MigrateResult(report, url, str(project.path), set_aside)


def _leftover_copy(project, db_file, folder) -> bool:
    """Whether ``db_file`` is this project's own copy left by a killed migrate: a copy
    carries the project's identity row, and its folder has no project.toml yet."""
    from .project import SETTINGS

    if folder is None or (folder / SETTINGS).exists():
        return False
    own = project.store.identity.project_id
    return bool(own) and guard.file_identity(db_file) == own


def _remove_sqlite(db_file) -> None:
    for suffix in ("", "-wal", "-shm"):
        db_file.with_name(db_file.name + suffix).unlink(missing_ok=True)
