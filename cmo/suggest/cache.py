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

FORMAT = 1


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cmo"


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
