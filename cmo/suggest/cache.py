"""Derived copies of the suggesters' large data files, kept in the user's cache folder.

The Dutch lemma table (gzipped JSON), the Dutch word frequencies (a compressed msgpack
list) and the encoder's weights (a compressed npz) are read on every start, and reading
them costs more than using them. The first start writes a fast-to-read copy here (in
``$XDG_CACHE_HOME/cmo``, else ``~/.cache/cmo``); each copy is named by its source file's
size and modification time, so an upgraded package gets a new copy. The copies are
only ever a speed-up: a cache folder that cannot be written or a damaged copy means the
source is read as before.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from pathlib import Path

from ..core import user_cache

FORMAT = 1


def cache_dir() -> Path:
    return user_cache.folder()


def source_key(source: Path) -> str:
    info = source.stat()
    return f"{info.st_size}-{info.st_mtime_ns}-{FORMAT}"


def cached(name: str, source: Path, build: Callable[[], object]):
    """``build()``'s value (plain dicts, lists, strings and numbers), from the cached copy
    for this ``source`` file when there is one, else built and cached."""
    path = cache_dir() / f"{name}-{source_key(source)}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    try:
        write_atomically(path, marshal.dumps(value))
    except (OSError, ValueError):  # a read-only home, or a value marshal cannot keep
        pass
    return value


def write_atomically(path: Path, data: bytes | Callable) -> None:
    """Write under a temporary name, then rename: a killed start never leaves half a
    file under the real name. ``data``: bytes, or a function writing to a binary file."""
    from ..store.guard import partial_name

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_name(path)
    try:
        with open(partial, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


class LookupTable:
    """A large ``{word: value}`` table read a key at a time from a SQLite copy in the
    cache folder: a first suggestion looks up a few thousand words, and reading them one
    by one (microseconds each) costs a fraction of loading the whole table (0.05–0.1 s
    for the Dutch lemmas). After ``LOAD_AFTER`` different keys, a process that keeps
    looking up (a batch, a training) loads the whole table into a dict once.

    Answers as the dict does for ``get``, ``in``, ``[]`` and ``len``. Thread-safe, and a
    forked process opens a connection of its own."""

    LOAD_AFTER = 20_000

    def __init__(self, path: Path):
        import threading

        self._lock = threading.Lock()
        self._path = path
        self._con = self._connect()
        self._size = self._con.execute("SELECT n FROM size").fetchone()[0]
        self._seen: dict = {}
        self._whole: dict | None = None

    def _connect(self):
        import sqlite3

        self._pid = os.getpid()
        uri = f"file:{self._path}?mode=ro"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    def _lookup(self, key):
        if self._whole is not None:
            return self._whole.get(key, _MISSING)
        found = self._seen.get(key, _MISSING)
        if found is not _MISSING or key in self._seen:
            return found
        with self._lock:
            if self._pid != os.getpid():  # a forked process never uses its parent's connection
                self._con = self._connect()
            if len(self._seen) >= self.LOAD_AFTER:
                self._whole = dict(self._con.execute("SELECT k, v FROM t"))
                return self._whole.get(key, _MISSING)
            row = self._con.execute("SELECT v FROM t WHERE k = ?", (key,)).fetchone()
        value = _MISSING if row is None else row[0]
        self._seen[key] = value
        return value

    def get(self, key, default=None):
        found = self._lookup(key)
        return default if found is _MISSING else found

    def __contains__(self, key) -> bool:
        return self._lookup(key) is not _MISSING

    def __getitem__(self, key):
        found = self._lookup(key)
        if found is _MISSING:
            raise KeyError(key)
        return found

    def __len__(self) -> int:
        return self._size


_MISSING = object()


def lookup_table(name: str, source: Path, build: Callable[[], dict]):
    """``build()``'s dict (string keys; string, integer or float values) as a
    :class:`LookupTable` from the cache folder (written on first use), or the dict itself
    when the copy cannot be written or read."""
    import sqlite3

    path = cache_dir() / f"{name}-{source_key(source)}.sqlite"
    try:
        return LookupTable(path)
    except sqlite3.Error:
        pass
    value = build()
    try:
        _write_table(path, value)
        return LookupTable(path)
    except (OSError, sqlite3.Error):  # a read-only home: the dict, as before
        return value


def _write_table(path: Path, table: dict) -> None:
    import sqlite3

    from ..store.guard import partial_name

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_name(path)
    partial.unlink(missing_ok=True)
    try:
        con = sqlite3.connect(partial)
        try:
            con.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v) WITHOUT ROWID")
            con.execute("CREATE TABLE size (n INTEGER)")
            con.executemany("INSERT INTO t VALUES (?, ?)", table.items())
            con.execute("INSERT INTO size VALUES (?)", (len(table),))
            con.commit()
        finally:
            con.close()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
