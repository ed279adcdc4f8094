"""cmo's folder in the user's cache (``$XDG_CACHE_HOME/cmo``, else ``~/.cache/cmo``), and
how a cached copy tells that the code which made it has not changed.

Everything kept there (launch data, parsed codebooks, the suggesters' derived tables) is
only a speed-up: it is named by what it was made from, so a changed source makes a new
copy instead of a stale answer.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cmo"


def stamp_files(digest, files: Iterable[tuple[str, Path]]) -> None:
    """Feed ``digest`` (a hashlib object) the label, size and modification time of each
    (label, path) that exists: an edited or upgraded file changes the digest."""
    for label, path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{label}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
