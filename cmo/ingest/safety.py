"""Checks that keep hostile files out: unsafe archives, DTDs in office XML, oversized
text, and speaker names or text that would attack a terminal or a spreadsheet.

Every refusal is one ``InputError`` naming the file and the problem.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath

from ..core.errors import InputError
from ..core.model import ParsedTranscript

MAX_TEXT_FILE_BYTES = 32 * 1024 * 1024
"""A plain-text transcript larger than this is not a transcript (a ten-hour focus group
is about 1 MB); refused before it is decoded."""
MAX_TEXT_CHARS = 20_000_000
"""The most text one transcript may hold, whatever the format."""
MAX_RATIO = 200
"""Deflate rarely packs text or XML more than 20:1; a member packed 200 times is a bomb."""
RATIO_FLOOR = 1024 * 1024
TEXT_FORMATS = (".txt", ".text", ".md", ".vtt", ".srt")
_XML_HEAD = 4096
_DTD_MARKS = (
    b"<!DOCTYPE",
    b"<!ENTITY",
    "<!DOCTYPE".encode("utf-16-le"),
    "<!ENTITY".encode("utf-16-le"),
    "<!DOCTYPE".encode("utf-16-be"),
)
# ESC starts terminal escape sequences; C1 controls and bidirectional overrides can make
# text display differently from what it is ("Trojan Source").
_UNSAFE_TEXT = re.compile("[\x1b\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@")


def check_size(path: Path, data: bytes) -> None:
    if path.suffix.lower() in TEXT_FORMATS and len(data) > MAX_TEXT_FILE_BYTES:
        raise InputError(
            path,
            f"refused: {len(data) / 1e6:.1f} MB is far too large for a "
            f"transcript (limit {MAX_TEXT_FILE_BYTES // 2**20} MB)",
        )


def check_archive(path: Path, archive: zipfile.ZipFile, what: str) -> None:
    """Refuse zip-slip names, compression bombs and XML parts that declare a DTD
    (office documents never do; a DTD is how XXE and entity bombs arrive)."""
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        if name.startswith("/") or ".." in PurePosixPath(name).parts or re.match(r"^\w:", name):
            raise InputError(path, f"refused: {what} with an unsafe path inside ({name!r})")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise InputError(
                path,
                f"refused: {what} with a member that unpacks "
                f"{info.file_size // max(1, info.compress_size)} times its "
                "size (zip bomb?)",
            )
    for info in archive.infolist():
        if info.filename.lower().endswith((".xml", ".rels")):
            try:
                with archive.open(info) as member:
                    head = member.read(_XML_HEAD)
            except Exception as exc:  # zlib.error, BadZipFile, CRC errors, encryption …
                why = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
                raise InputError(
                    path, f"not a readable {what.split()[-1]} (damaged part {info.filename}: {why})"
                ) from None
            if any(mark in head for mark in _DTD_MARKS):
                raise InputError(
                    path,
                    f"refused: {info.filename} declares a DTD or entities "
                    "(possible XXE or entity bomb)",
                )


def check_parsed(path: Path, parsed: ParsedTranscript) -> None:
    """Refuse text and speaker names that are unsafe to show or to export."""
    if len(parsed.text) > MAX_TEXT_CHARS:
        raise InputError(
            path,
            f"refused: {len(parsed.text):,} characters of text is far too large for one transcript",
        )
    for speaker in parsed.speakers:
        if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in speaker):
            raise InputError(
                path,
                f"speaker name {speaker!r} contains control characters",
                line=_line_of(parsed.text, speaker),
            )
        if speaker.startswith(_FORMULA_START):
            raise InputError(
                path,
                f"speaker name {speaker[:30]!r} starts with "
                f"'{speaker[0]}' (a spreadsheet formula); rename the speaker",
                line=_line_of(parsed.text, speaker),
            )
    found = _UNSAFE_TEXT.search(parsed.text)
    if found:
        raise InputError(
            path,
            f"contains the control character U+{ord(found.group()):04X} "
            "(terminal escape or bidirectional override); remove it",
            line=parsed.text.count("\n", 0, found.start()) + 1,
        )


def _line_of(text: str, needle: str) -> int | None:
    pos = text.find(needle)
    return text.count("\n", 0, pos) + 1 if pos >= 0 else None
