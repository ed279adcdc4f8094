"""A project is a folder: ``project.toml`` (settings) beside ``cmo.db`` (SQLite).

``project.toml`` may instead name a database URL, such as a PostgreSQL server
shared by a team; the folder then holds only the settings.
"""

from __future__ import annotations

import os
import sqlite3
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import ProjectError
from .clean_close import Session
from .guard import (
    partial_name,
    private_files,
    sweep_partials,
    without_password,
    write_private,
)

if TYPE_CHECKING:
    from .store import Store

SETTINGS = "project.toml"
DATABASE = "cmo.db"
_FIELDS: dict[str, type] = {"name": str, "codebook": str, "coder": str, "database": str}


@dataclass
class Project:
    path: Path
    name: str
    codebook: str = ""
    coder: str = ""
    database: str = ""
    store: Store = field(repr=False, default=None)  # type: ignore[assignment]
    session: Session | None = field(repr=False, default=None)
    """This process's open marker (SQLite): tells the next opener we closed cleanly."""

    @property
    def url(self) -> str:
        # Absolute: a relative SQLite path would follow the folder a command runs in.
        return self.database or f"sqlite:///{self.path.resolve() / DATABASE}"

    @property
    def default_coder(self) -> str:
        # The environment is per person; project.toml may be shared by a team.
        return os.environ.get("CMO_CODER") or self.coder or _login_name()

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
        if self.session is not None:
            self.session.end()
            self.session = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def find_project(start: Path | None = None) -> Path:
    """The project folder: ``start`` if given, else $CMO_PROJECT, else the nearest folder
    upwards from the current one that holds ``project.toml``."""
    if start is not None:
        return Path(start)
    env = os.environ.get("CMO_PROJECT")
    if env:
        return Path(env)
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / SETTINGS).is_file():
            return folder
    raise ProjectError(
        f"no cmo project in {here} or above; pass --project PATH, set CMO_PROJECT, "
        "or create one with 'cmo init PATH'"
    )


def read_settings(path: Path) -> dict[str, str]:
    settings_file = path / SETTINGS
    if not settings_file.is_file():
        raise ProjectError(f"{path}: not a cmo project (no {SETTINGS}); create one with 'cmo init'")
    try:
        data = tomllib.loads(settings_file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProjectError(f"{settings_file}: not valid TOML: {exc}") from None
    for key, kind in _FIELDS.items():
        if key in data and not isinstance(data[key], kind):
            raise ProjectError(
                f"{settings_file}: '{key}' must be a {kind.__name__}, "
                f"not {type(data[key]).__name__} ({data[key]!r})"
            )
    return {k: data.get(k, "") for k in _FIELDS}


def init_project(
    path: Path,
    name: str | None = None,
    codebook: str = "",
    coder: str = "",
    database: str = "",
    quick: bool = False,
) -> Project:
    """A new project in ``path``. ``quick``: a new SQLite database is created with the
    standard library (``plain_schema``) and opened as a :class:`QuickStore` (enough for
    loading the codebook and importing transcripts)."""
    path = Path(path)
    if (path / SETTINGS).exists():
        raise ProjectError(f"{path}: a cmo project exists here already")
    created = not path.exists()
    path.mkdir(parents=True, exist_ok=True)
    private_files()
    settings = {"name": name or path.resolve().name, "codebook": codebook, "coder": coder}
    if database:
        settings["database"] = without_password(database)[0]
    project = Project(path=path, **{**settings, "database": database})  # type: ignore[arg-type]
    try:
        if quick and not database and not (path / DATABASE).exists():
            from .plain_schema import create_database

            project.store = _new_database(path.resolve() / DATABASE, create_database)
        try:
            if project.store is None:
                from .store import Store

                project.store = Store(project.url)
        except _sa_database_error() as exc:
            if database:  # an unreachable server or a missing database: one line, no traceback
                from .urls import hide_password

                raise ProjectError(
                    f"{hide_password(database)}: cannot open the database "
                    f"({_first_line(exc)}); is the server running and the "
                    "database created (createdb)?"
                ) from None
            raise
    except BaseException:
        # A failed init leaves no empty project folder behind to trip up the next attempt.
        if created and path.is_dir() and not any(path.iterdir()):
            path.rmdir()
        raise
    import tomli_w  # only a new project's settings are written: opening one reads them

    write_private(path / SETTINGS, tomli_w.dumps(settings))
    if not database:
        project.session = Session(path, path / DATABASE)
        project.session.begin()
    return project


def open_project(
    path: Path | None = None, check: bool = True, quick: bool = False, full_later: bool = False
) -> Project:
    """Open a project; ``check`` runs the integrity check when the database may not be as
    a clean close left it (see ``clean_close``). ``quick``: a current SQLite project opens
    as a standard-library :class:`QuickStore` (reads and adding codings only).
    ``full_later``: it opens as a :class:`~cmo.store.later.LaterStore`, the full store
    opened on first use (the workbench, whose overview reads before SQLAlchemy loads)."""
    private_files()
    folder = find_project(path)
    settings = read_settings(folder)
    database = os.environ.get("CMO_DATABASE_URL") or settings["database"]
    project = Project(
        path=folder,
        name=settings["name"] or folder.name,
        codebook=settings["codebook"],
        coder=settings["coder"],
        database=database,
    )
    if not database and not (folder / DATABASE).is_file():
        raise ProjectError(f"{folder / DATABASE}: the project database is missing")
    if not database and (folder / DATABASE).stat().st_size == 0:
        # SQLite would happily treat an emptied file as a new, empty project.
        raise ProjectError(
            f"{folder / DATABASE}: the project database is empty (0 bytes); "
            "restore a backup from the backups/ folder"
        )
    session = None if database else Session(folder, folder / DATABASE)
    must_check = check and (session is None or session.needs_check())
    try:
        if (quick or full_later) and session is not None:
            from .fastpath import open_quick

            # Absolute, as the full store's URL: the embedding worker gets it.
            project.store = open_quick(folder.resolve() / DATABASE)  # type: ignore[assignment]
            if full_later and project.store is not None:
                project.store = _later(project)  # type: ignore[assignment]
        if project.store is None:
            from .store import Store

            project.store = Store(
                project.url, backup=lambda v: backup_before_migration(project, v), create=False
            )
    except sqlite3.DatabaseError as exc:
        raise ProjectError(
            f"{folder / DATABASE}: not a readable database "
            f"({_first_line(exc)}); restore a backup from the backups/ folder"
        ) from None
    except _sa_database_error() as exc:
        if database:  # a server: say which one, and that it may just be unreachable
            from .urls import hide_password

            raise ProjectError(
                f"{hide_password(database)}: cannot open the project database ({_first_line(exc)})"
            ) from None
        raise ProjectError(
            f"{folder / DATABASE}: not a readable database "
            f"({_first_line(exc)}); restore a backup from the backups/ folder"
        ) from None
    if must_check:
        try:
            problems = project.store.integrity_problems()
        except (sqlite3.DatabaseError, _sa_database_error()) as exc:
            problems = [_first_line(exc)]
        if problems:
            project.close()
            raise ProjectError(
                f"{folder / DATABASE}: integrity check failed ({'; '.join(problems[:3])}); "
                "restore a backup from the backups/ folder"
            )
    if session is not None:
        session.begin()
        project.session = session
    return project


def _later(project: Project):
    from .later import LaterStore

    def open_full():
        from .store import Store

        return Store(
            project.url, backup=lambda v: backup_before_migration(project, v), create=False
        )

    return LaterStore(project.store, open_full)  # type: ignore[arg-type]


def backup(project: Project, target: Path | None = None) -> Path:
    """A consistent copy of a SQLite project made with SQLite's online backup."""
    if project.database:
        raise ProjectError("backup works on SQLite projects; use pg_dump for a server database")
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = Path(target) if target else project.path / "backups" / f"cmo-{stamp}.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and target.resolve() == (project.path / DATABASE).resolve():
        raise ProjectError(f"{target}: that is the project database itself")
    # Written under a temporary name and renamed when complete and checked: a killed
    # backup leaves no partial file under a backup's name.
    sweep_partials(target.parent, target.name)
    sweep_partials(target.parent, "cmo-*.db")  # a killed earlier backup had another name
    partial = partial_name(target)
    try:
        try:
            source = sqlite3.connect(project.path / DATABASE, timeout=30)
            dest = sqlite3.connect(partial)
            try:
                source.backup(dest)  # one step: a consistent snapshot even while others write
                check = dest.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dest.close()
                source.close()
        except sqlite3.Error as exc:
            raise ProjectError(f"{target}: backup failed ({_first_line(exc)})") from None
        if check != "ok":
            raise ProjectError(f"{target}: the backup copy fails its integrity check ({check})")
        os.chmod(partial, 0o600)  # a copy of the project is as private as the project
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def backup_before_migration(project: Project, version: int) -> None:
    if project.database:
        return
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    # The process id keeps two processes that open an old project in the same second from
    # writing (and checking) one backup file at the same time.
    name = f"cmo-schema{version}-{stamp}-{os.getpid()}.db"
    backup(project, project.path / "backups" / name)


def _new_database(database: Path, create):
    """``create(database)``, leaving no database file behind when it fails."""
    try:
        return create(database)
    except BaseException:
        for leftover in (database, *(database.with_name(database.name + s) for s in SUFFIXES)):
            leftover.unlink(missing_ok=True)
        raise


SUFFIXES = ("-wal", "-shm", "-journal")


def _login_name() -> str:
    import getpass  # only who writes needs a name

    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "onderzoeker"


def _sa_database_error() -> type[Exception]:
    from sqlalchemy.exc import DatabaseError

    return DatabaseError


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
