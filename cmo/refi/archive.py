"""Opening a QDPX archive and parsing REFI-QDA XML without trusting either.

A QDPX file comes from someone else's computer. Before anything is read we refuse
archives that could hurt: entries with absolute paths or ``..`` (zip-slip), symbolic
links, too many entries, or an unpacked size or compression ratio no real project
has (zip bombs). XML is parsed with defusedxml: no DTD, no entities, no external
references (XXE, billion laughs). Every refusal is one ``InputError`` line naming
the file. Nothing is ever extracted to disk; members are read into memory.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element

from ..core.errors import InputError
from ..ingest.safety import (
    MAX_RATIO,
    OUTPUT_FLOOR,
    OUTPUT_PER_INPUT,
    RATIO_FLOOR,
    check_regular_file,
)

MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_ARCHIVE_FILE_BYTES = 4 * 1024 * 1024 * 1024
"""A .qdpx file larger than this (it may carry audio and video) is refused unopened."""


class QdpxArchive:
    """The members of a checked QDPX zip, looked up case-insensitively."""

    def __init__(self, path: Path):
        self.path = Path(path)
        size = check_regular_file(
            self.path, MAX_ARCHIVE_FILE_BYTES
        )  # a FIFO would hang the zip reader
        self.budget = OUTPUT_FLOOR + OUTPUT_PER_INPUT * size
        self.unpacked = 0
        try:
            self.zip = zipfile.ZipFile(self.path)
        except FileNotFoundError:
            raise InputError(self.path, "no such file") from None
        except (zipfile.BadZipFile, OSError) as exc:
            raise InputError(self.path, f"not a QDPX file (not a zip archive: {exc})") from None
        self.names: dict[str, zipfile.ZipInfo] = {}
        check_members(self.path, self.zip.infolist(), self.budget)
        for info in self.zip.infolist():
            if not info.is_dir():
                self.names[_key(info.filename)] = info

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> QdpxArchive:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def project_xml(self) -> tuple[str, bytes]:
        """The project document: ``project.qde``, or the only ``*.qde`` at the top level."""
        if "project.qde" in self.names:
            return "project.qde", self.read("project.qde")
        top = [n for n in self.names if n.endswith(".qde") and "/" not in n]
        if len(top) != 1:
            raise InputError(self.path, "no project.qde in the archive (is this a QDPX file?)")
        return self.names[top[0]].filename, self.read(top[0])

    def find(self, relative: str) -> str | None:
        """The member for a project path: ``sources/x.txt``, ``Sources/x.txt`` or ``x.txt``."""
        wanted = _key(relative)
        for candidate in (
            wanted,
            f"sources/{wanted}",
            wanted.rsplit("/", 1)[-1],
            f"sources/{wanted.rsplit('/', 1)[-1]}",
        ):
            if candidate in self.names:
                return candidate
        return None

    def read(self, key: str) -> bytes:
        info = self.names[key]
        if self.unpacked + info.file_size > self.budget:
            raise InputError(self.path, _over_budget(self.budget))
        try:
            data = self.zip.read(info)
            self.unpacked += len(data)
            return data
        except (zipfile.BadZipFile, OSError, RuntimeError) as exc:  # CRC errors, encryption
            raise InputError(self.path, f"entry '{info.filename}' cannot be read: {exc}") from None


def _over_budget(budget: int) -> str:
    return (
        f"refused: the archive unpacks to more than {budget // 2**20} MiB, "
        "far more than its size explains (a zip bomb?)"
    )


def check_members(
    path: Path, members: list[zipfile.ZipInfo], budget: int = MAX_TOTAL_BYTES
) -> None:
    """Refuse archives with unsafe entry names, links, or absurd sizes."""
    if len(members) > MAX_ENTRIES:
        raise InputError(
            path,
            f"refused: {len(members)} entries in the archive "
            f"(more than {MAX_ENTRIES}; not a QDPX project)",
        )
    total = 0
    seen: set[str] = set()
    for info in members:
        name = info.filename
        # Two entries of one name: which one a reader takes differs from tool to tool.
        if _key(name) in seen:
            raise InputError(path, f"refused: entry '{name}' is in the archive twice")
        seen.add(_key(name))
        pure = PurePosixPath(name.replace("\\", "/"))
        if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or pure.is_absolute():
            raise InputError(path, f"refused: entry '{name}' has an absolute path")
        if ".." in pure.parts:
            raise InputError(path, f"refused: entry '{name}' points outside the archive folder")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise InputError(path, f"refused: entry '{name}' is a symbolic link")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise InputError(
                path, f"refused: unpacked size over {MAX_TOTAL_BYTES // 2**20} MiB (a zip bomb?)"
            )
        if total > budget:
            raise InputError(path, _over_budget(budget))
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(
                path,
                f"refused: entry '{name}' unpacks {info.file_size} bytes from "
                f"{info.compress_size} (a zip bomb?)",
            )


def parse_xml(data: bytes, source: str | Path) -> Element:
    """Parse REFI-QDA XML safely; any DTD or entity declaration is refused."""
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    try:
        return safe_et.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(
            source,
            "refused: the XML declares a DTD or entities "
            f"({type(exc).__name__}; REFI-QDA files never need them)",
        ) from None
    except safe_et.ParseError as exc:
        line = getattr(exc, "position", (None,))[0]
        raise InputError(source, f"not well-formed XML: {exc}", line=line) from None


def _key(name: str) -> str:
    """Lookup key for a member: forward slashes, no leading './', case-folded."""
    name = name.replace("\\", "/")
    while name.startswith("./"):
        name = name[2:]
    return name.casefold()
