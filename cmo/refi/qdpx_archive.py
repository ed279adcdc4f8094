"""Writing a QDPX archive: entries deflated at level 1, the document of a large project
read and built by a forked helper while this process deflates it, and the file replaced
only when it was written whole. What the document holds is ``export_qdpx``'s business."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..store.plain_export import TRANSCRIPT_ORDER

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


def write(tmp: str, document: Iterable[bytes], sources: list[tuple[str, str]], date) -> None:
    """The archive: ``project.qde`` streamed in (a big project never sits in memory as one
    string), then each (GUID, text) of ``sources`` as a text file; QualCoder reads a
    note only from its text file, so memos have one too."""
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(entry("project.qde", date), "w", force_zip64=True) as qde:
            for part in document:
                qde.write(part)
        for guid, text in sources:
            put(archive, f"sources/{guid}.txt", text, date)


HELPER_FROM_CODINGS = 10_000
"""Below this many codings building the document in a helper costs more than it saves."""


def worth_a_helper(store) -> bool:
    """A big project in a store a forked helper can read on a connection of its own, in a
    process that may fork (``cmo.core.forked``)."""
    from ..core.forked import helper_can_read

    if not helper_can_read(store):
        return False
    # The highest id, from the primary key, is enough to decide (a count reads the index).
    return store.fetch("SELECT COALESCE(MAX(id), 0) FROM coding")[0][0] >= HELPER_FROM_CODINGS


def written_beside(
    store, tmp: str, document: Callable[[object], Iterator[bytes]], date
) -> tuple[int, int, int, int, int] | None:
    """The archive written to ``tmp``, with ``document(store)`` (``project.qde``'s bytes)
    read and built by a forked helper on a connection of its own while this process reads
    the texts and deflates what the helper sends: two cores, and none of the codings
    copied into the helper (a fork shares memory until it is touched, and Python touches
    every object it reads). Returns (transcripts, codes, codings, memos, CMOCs).

    None when the helper failed, or when anyone committed between the first read and the
    last: then the two processes may have read different states of the project, and the
    caller exports again in one read transaction."""
    from ..core.forked import StreamHelper

    before = store.data_version()
    helper = StreamHelper(lambda: megabytes(document(store.reopened())))
    try:
        with store.snapshot():
            sources = store.fetch(f"SELECT guid, text FROM transcript ORDER BY {TRANSCRIPT_ORDER}")
            sources += store.fetch("SELECT guid, text FROM memo ORDER BY id")
            counts = store.fetch(
                "SELECT (SELECT COUNT(*) FROM transcript), (SELECT COUNT(*) FROM code), "
                "(SELECT COUNT(*) FROM coding), (SELECT COUNT(*) FROM memo), "
                "(SELECT COUNT(*) FROM cmoc)"
            )[0]
        write(tmp, helper.parts(), sources, date)
    except BaseException:  # the archive could not be written (disk full, ...)
        helper.cancel()
        raise
    if not helper.finished() or store.data_version() != before:
        return None
    return tuple(counts)


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
