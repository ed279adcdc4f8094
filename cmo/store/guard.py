"""Checks that keep the store from acknowledging work it cannot keep.

* ``check_url``: a database URL that would lose work (in memory, a path relative to
  wherever the command happens to run, a file that is not there) is refused up front.
* ``Identity``: the database file's device and inode plus the project identity row
  (``meta.project_id``), taken when the store opens and compared before every write
  transaction, so a ``cmo.db`` that was deleted, moved or replaced underneath a running
  command or workbench stops it instead of "committing" into a file nobody will see.
* ``read_only_reason``: a database the user cannot (or chose not to) write is opened
  read-only, and writes are refused with one line instead of a driver traceback.

Each is a small function of its own: the store's opening code calls them in one place.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import ProjectError
from .urls import shown

IDENTITY_KEY = "project_id"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for any other database."""
    if not url.startswith("sqlite"):
        return None
    from sqlalchemy.engine import make_url

    database = make_url(url).database or ""
    if database.startswith("file:"):
        database = database.removeprefix("file:")
    return Path(database) if database else None


def check_url(url: str, must_exist: bool) -> None:
    """Refuse URLs that would silently lose work; ``must_exist`` outside ``init``."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
        parsed.port  # noqa: B018 - 'host:abc' only fails when the port is read
    except (ValueError, TypeError) as exc:
        raise ProjectError(
            f"{shown(url)}: not a valid database URL ({exc}); "
            "give postgresql://user@host:5432/db or sqlite:////absolute/path/cmo.db"
        ) from None
    except Exception:  # sqlalchemy.exc.ArgumentError: no scheme at all
        raise ProjectError(
            f"{url}: not a database URL; give postgresql://user@host/db "
            "or sqlite:////absolute/path/cmo.db"
        ) from None
    if not parsed.drivername.startswith("sqlite"):
        return
    database = parsed.database or ""
    if database in ("", ":memory:") or "mode=memory" in url:
        raise ProjectError(
            f"{url}: an in-memory database keeps nothing after the command ends; "
            "give a file, e.g. sqlite:////home/me/project/cmo.db"
        )
    path = sqlite_path(url)
    if path is not None and not path.is_absolute():
        raise ProjectError(
            f"{url}: a relative SQLite path depends on the folder a command runs in; "
            f"give an absolute one: sqlite:///{Path(database).resolve()}"
        )
    if must_exist and path is not None and not path.is_file():
        raise ProjectError(
            f"{path}: the project database does not exist; check the URL "
            "(only 'cmo init' and 'cmo migrate' create a database)"
        )


def read_only_reason(path: Path) -> str:
    """Why the SQLite file cannot be written (empty when it can).

    A file without any write permission bit counts as read-only even for root: the owner
    has said it must not change."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return ""
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return "the file is read-only"
    if not os.access(path, os.W_OK):
        return "you have no permission to write it"
    # SQLite writes its -wal and -shm files beside the database.
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return f"its folder {path.parent} cannot be written"
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return "it is on a read-only file system"
    except (OSError, AttributeError):
        pass
    return ""


def read_only_url(path: Path) -> str:
    # immutable=1: SQLite can then read a WAL database in a folder where it cannot make
    # the -shm file; nothing writes the file while this process holds it read-only.
    return f"sqlite:///file:{path}?mode=ro&immutable=1&uri=true"


@dataclass
class Identity:
    """What the store opened: the file (device, inode) and the project identity row."""

    url: str
    path: Path | None
    device_inode: tuple[int, int] | None
    project_id: str

    def verify(self, conn) -> None:
        """Raise if the database is no longer the one opened. Called inside every write
        transaction, after the write lock is held; costs one stat and one indexed read."""
        if self.path is not None:
            try:
                info = os.stat(self.path)
            except FileNotFoundError:
                raise ProjectError(
                    f"{self.path}: the project database vanished (deleted, moved or its disk "
                    "gone) while cmo had it open; nothing more was saved. Put it back or "
                    "restore a backup, then open the project again"
                ) from None
            if (info.st_dev, info.st_ino) != self.device_inode:
                raise ProjectError(
                    f"{self.path}: the project database was replaced by another file while "
                    "cmo had it open; nothing more was saved. Open the project again"
                )
        if self.project_id and read_identity(conn) != self.project_id:
            raise ProjectError(
                f"{self.path or shown(self.url)}: this is no longer the database that was "
                "opened (its project identity changed); nothing was saved. Open it again"
            )


def read_identity(conn) -> str:
    """The identity row, through SQLAlchemy or a plain ``sqlite3`` connection (the fast
    path of ``fastpath`` imports no SQLAlchemy)."""
    if isinstance(conn, sqlite3.Connection):
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (IDENTITY_KEY,)).fetchone()
    else:
        from sqlalchemy import text

        row = conn.execute(
            text("SELECT value FROM meta WHERE key = :k"), {"k": IDENTITY_KEY}
        ).first()
    return row[0] if row else ""


def ensure_identity(conn) -> str:
    """The project identity row, created on first open (older projects have none)."""
    current = read_identity(conn)
    if current:
        return current
    import uuid  # only for a new identity: uuid imports platform, a cost on every start

    from sqlalchemy import text

    value = uuid.uuid4().hex
    conn.execute(
        text("INSERT INTO meta (key, value) VALUES (:k, :v)"), {"k": IDENTITY_KEY, "v": value}
    )
    return value


def capture(url: str, path: Path | None, project_id: str) -> Identity:
    device_inode = None
    if path is not None:
        info = os.stat(path)
        device_inode = (info.st_dev, info.st_ino)
    return Identity(url, path, device_inode, project_id)


def explain_write_error(url: str, exc: Exception) -> str:
    """One line for a database error met while writing: the file and the problem."""
    where = sqlite_path(url) or shown(url)
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    detail_line = detail[0][:200] if detail else type(exc).__name__
    lowered = detail_line.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return f"{where}: the project database is read-only; nothing was changed"
    if "disk is full" in lowered or "no space" in lowered:
        return f"{where}: the disk is full; nothing was changed (free some space and retry)"
    if "does not exist" in lowered or "connection failed" in lowered:
        return (
            f"{where}: cannot open the database ({detail_line}); is the server running "
            "and the database created (createdb)?"
        )
    if "disk i/o" in lowered or "unable to open" in lowered:
        return f"{where}: cannot write the project database ({detail_line}); nothing was changed"
    return f"{where}: database error ({detail_line})"


# ---- secrets and permissions -----------------------------------------------------------

PRIVATE_UMASK = 0o077


def private_files() -> None:
    """Files cmo creates from here on (database, WAL, backups, exports) are the user's
    own: 0600 files, 0700 folders. ``CMO_UMASK`` (e.g. ``007`` for a team group folder)
    overrides it."""
    wanted = os.environ.get("CMO_UMASK")
    try:
        mask = int(wanted, 8) if wanted else PRIVATE_UMASK
    except ValueError:
        raise ProjectError(f"CMO_UMASK={wanted!r}: give an octal mask such as 077 or 007") from None
    current = os.umask(mask)
    os.umask(current | mask if not wanted else mask)


def without_password(url: str) -> tuple[str, bool]:
    """The URL to keep in project.toml (never a password) and whether it had one.

    PostgreSQL then takes the password from ``PGPASSWORD`` or ``~/.pgpass``, as libpq does."""
    if "://" not in url or url.startswith("sqlite"):
        return url, False
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:
        return url, False
    if not parsed.password:
        return url, False
    # URL.set(password=None) keeps the password; the named tuple can drop it.
    return parsed._replace(password=None).render_as_string(hide_password=False), True


PASSWORD_WARNING = (
    "warning: a password given on the command line can be read by other users of this "
    "computer (process list, shell history); it was NOT written to project.toml. Put it "
    "in ~/.pgpass (chmod 600) or PGPASSWORD instead."
)


def write_private(path: Path, text: str) -> None:
    """Write ``text`` under a temporary name, then rename: never a half-written file."""
    temporary = path.with_name(f".{path.name}.partial-{os.getpid()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def partial_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial-{os.getpid()}")


def sweep_partials(folder: Path, name: str) -> None:
    """Remove what a killed backup or migrate left under a temporary name (its process
    is gone), so a retry starts clean."""
    for leftover in folder.glob(f".{name}.partial-*"):
        # The writer's pid follows "partial-"; SQLite's "-journal"/"-wal" files beside a
        # partial copy carry the same pid, and belong to a live writer just as much.
        found = _PARTIAL_PID.search(leftover.name)
        pid = int(found.group(1)) if found else 0
        if pid and pid != os.getpid() and pid_alive(pid):
            continue
        leftover.unlink(missing_ok=True)


_PARTIAL_PID = re.compile(r"\.partial-(\d+)")


def pid_alive(pid: int) -> bool:
    """True while a process of that id runs (also one of another user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def pid_lock(path: Path) -> Iterator[bool]:
    """Hold ``path`` as a lock file with this process's id for the ``with`` block; yields
    False (and holds nothing) while a running process holds it. A lock left by a process
    that died is taken over."""
    fd = _create_exclusive(path)
    if fd is None:
        try:
            pid = int(path.read_text().strip() or 0)
        except (OSError, ValueError):
            pid = 0
        if pid and pid_alive(pid):
            yield False
            return
        path.unlink(missing_ok=True)
        fd = _create_exclusive(path)
        if fd is None:  # another process took it over first
            yield False
            return
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield True
    finally:
        path.unlink(missing_ok=True)


def _create_exclusive(path: Path) -> int | None:
    try:
        return os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return None


def file_identity(path: Path) -> str:
    """The project identity row of a SQLite file, read without opening a store."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (IDENTITY_KEY,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return ""
    return row[0] if row else ""
