"""Knowing when a SQLite project needs its full integrity check.

``PRAGMA quick_check`` and the foreign-key check read the whole database: tens of
milliseconds warm, seconds once the page cache is cold. They are needed when something
other than a clean ``cmo`` session may have touched the file: a process that died with
the project open, a copied or restored file, a disk problem. So every process that opens
the project leaves a marker ``.cmo-open-<pid>-<n>`` in the project folder while it has it
open, and the last one to close writes ``.cmo-closed`` with the size and time of the
database file as it left it. Opening checks the database when

* a marker belongs to a process that no longer runs (it ended without closing), or
* nothing has the project open and the file is not as the last clean close left it.

Markers and the record are best effort: when the folder cannot be written, every open
checks, as before.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MARKER = ".cmo-open-"
RECORD = ".cmo-closed"
_counter = itertools.count()


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _file_state(database: Path) -> list[int]:
    stat = database.stat()
    wal = database.with_name(database.name + "-wal")
    wal_size = wal.stat().st_size if wal.exists() else 0
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino, wal_size]


def _markers(folder: Path) -> list[tuple[Path, int]]:
    out = []
    for path in folder.glob(MARKER + "*"):
        try:
            out.append((path, int(path.name[len(MARKER) :].split("-")[0])))
        except ValueError:
            continue
    return out


class Session:
    """This process's hold on one SQLite project."""

    def __init__(self, folder: Path, database: Path):
        self.folder = folder
        self.database = database
        self.marker: Path | None = None

    def needs_check(self) -> bool:
        """True when the database must get the full integrity check before use."""
        unclean = False
        live = False
        for path, pid in _markers(self.folder):
            if _pid_alive(pid):
                live = True
            else:
                unclean = True
                path.unlink(missing_ok=True)
        if unclean:
            return True
        if live:  # opened by a running cmo, which checked it or found it clean
            return False
        try:
            record = json.loads((self.folder / RECORD).read_text(encoding="utf-8"))
            return record != _file_state(self.database)
        except (OSError, ValueError):
            return True

    def begin(self) -> None:
        name = f"{MARKER}{os.getpid()}-{next(_counter)}"
        try:
            path = self.folder / name
            path.touch(exist_ok=False)
            self.marker = path
        except OSError:
            self.marker = None

    def end(self) -> None:
        """Call after the database connections are closed."""
        if self.marker is None:
            return
        self.marker.unlink(missing_ok=True)
        self.marker = None
        if _markers(self.folder):
            return  # someone else still has it open: the last one writes the record
        try:
            record = self.folder / RECORD
            state = json.dumps(_file_state(self.database))
            try:
                if record.read_text(encoding="utf-8") == state:
                    return  # a command that only read: the record stands as it is
            except OSError:
                pass
            tmp = record.with_name(f"{RECORD}.{os.getpid()}")
            tmp.write_text(state, encoding="utf-8")
            os.replace(tmp, record)
        except OSError:
            pass


@contextmanager
def holding(url: str) -> Iterator[None]:
    """This process's hold on the SQLite project at ``url`` (a ``sqlite:///`` URL) for as
    long as the block runs: for processes that open the store without ``open_project``
    (the background embedding worker). Nothing for a server database."""
    if not url.startswith("sqlite:///"):
        yield
        return
    database = Path(url[len("sqlite:///") :])
    session = Session(database.parent, database)
    session.begin()
    try:
        yield
    finally:
        session.end()
