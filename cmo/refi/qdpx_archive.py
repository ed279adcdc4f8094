"""Writing a QDPX archive: entries deflated at level 1, the document sent in pieces of
about a megabyte (from a forked helper, see ``export_qdpx``), and the file replaced only
when it was written whole."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

COMPRESS_LEVEL = 1


def megabytes(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The chunks joined into pieces of about a megabyte."""
    pending: list[bytes] = []
    size = 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size > 1 << 20:
            yield b"".join(pending)
            pending, size = [], 0
    yield b"".join(pending)


def entry(name: str, date: tuple) -> zipfile.ZipInfo:
    """An archive entry deflated at ``COMPRESS_LEVEL``.

    ``writestr`` and ``open`` with a ZipInfo ignore ``ZipFile(compresslevel=...)``, so the
    level is set on the entry itself (level 1 is three times faster than the default 6
    and barely larger on text). Python 3.13 calls it ``compress_level``; 3.11 and 3.12
    read only ``_compresslevel``.
    """
    info = zipfile.ZipInfo(name, date)
    info.compress_type = zipfile.ZIP_DEFLATED
    level = "compress_level" if hasattr(info, "compress_level") else "_compresslevel"
    setattr(info, level, COMPRESS_LEVEL)
    return info


def put(archive: zipfile.ZipFile, name: str, body: str, date: tuple) -> None:
    archive.writestr(entry(name, date), body.encode("utf-8"))


class atomic:
    """A temporary file beside ``path`` that replaces it only when writing succeeded."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(
            prefix=".cmo-", suffix=self.path.suffix, dir=self.path.parent
        )
        os.close(fd)
        return self.tmp

    def __exit__(self, exc_type, *_rest) -> None:
        if exc_type is None:
            # mkstemp makes the file private (0600); an export is shared like any other file.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self.tmp, 0o666 & ~umask)
            os.replace(self.tmp, self.path)
        elif os.path.exists(self.tmp):
            os.unlink(self.tmp)
