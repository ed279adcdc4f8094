"""Checks that keep hostile files out: unsafe archives, DTDs in office XML, oversized
text, and speaker names or text that would attack a terminal or a spreadsheet.

Every refusal is one ``InputError`` naming the file and the problem.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath

from ..core.domain import ParsedTranscript
from ..core.errors import InputError

MAX_TEXT_FILE_BYTES = 32 * 1024 * 1024
"""A plain-text transcript larger than this is not a transcript (a ten-hour focus group
is about 1 MB); refused before it is decoded."""
MAX_TEXT_CHARS = 20_000_000
"""The most text one transcript may hold, whatever the format."""
MAX_RATIO = 200
"""Deflate rarely packs text or XML more than 20:1; a member packed 200 times is a bomb."""
RATIO_FLOOR = 1024 * 1024
"""Members smaller than this are not checked for ratio (tiny files compress oddly)."""
OUTPUT_FLOOR = 64 * 1024 * 1024
OUTPUT_PER_INPUT = 50
"""What a whole archive (.docx, .qdpx) may unpack to: 64 MiB plus 50 times its own size.
Measured on the output, so many small members at 1000:1 (each under the ratio check) add
up and are refused, while media files that barely compress are not held back."""
TEXT_FORMATS = (".txt", ".text", ".md", ".vtt", ".srt")
_XML_CHUNK = 1024 * 1024
# Searched with NUL bytes removed: in UTF-16 and UTF-32 (either byte order) ASCII
# characters are the same bytes padded with NULs, so one search covers every encoding
# an XML parser detects by itself; parts in other encodings are refused outright.
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype", b"<!entity")
_EBCDIC_XML = b"\x4c\x6f\xa7\x94"  # "<?xm" in EBCDIC: no office suite writes it
# Characters that show as nothing: a speaker label holding one looks like another
# speaker's, or like no label at all; a file of only these holds no visible text.
_INVISIBLE = "\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u2060-\u2064\u3164\ufeff"
_VISIBLE_CHAR = re.compile(f"[^\\s{_INVISIBLE}]")
_INVISIBLE_RUN = re.compile(f"[{_INVISIBLE}]+")
_INVISIBLE_CHAR = re.compile(f"[{_INVISIBLE}]")
"""Searching for one character is five times as fast as for a run."""
# ESC starts terminal escape sequences; C1 controls and bidirectional overrides can make
# text display differently from what it is ("Trojan Source").
# Other C0 controls (backspace, bell, vertical tab, form feed …) make a terminal show
# something else than the text: "Jansen^H^H^H^H^H^HXXXXXX" displays as "XXXXXX".
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_UNSAFE_TEXT = re.compile(f"[{_UNSAFE}]")
_SUSPECT = re.compile(f"[{_UNSAFE}{_INVISIBLE}]")
"""Either kind: one pass over a text that (nearly always) holds neither."""
_FORMULA_START = ("=", "+", "-", "@")


MAX_CODEBOOK_BYTES = 16 * 1024 * 1024
MAX_INPUT_FILE_BYTES = 512 * 1024 * 1024
"""The largest file of any kind cmo reads (a .docx, .qdpx or codebook far beyond any real one)."""
_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_limit(path: Path) -> int:
    return MAX_TEXT_FILE_BYTES if path.suffix.lower() in TEXT_FORMATS else MAX_INPUT_FILE_BYTES


def check_regular_file(path: Path, limit: int | None = None) -> int:
    """Refuse, by type and size, before opening: a FIFO or a device would hang or never
    end, and a sparse 20 GB file would be read whole before any content check."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a folder; name the files in it, e.g. folder/*.docx")
    for is_kind, kind in _SPECIAL:
        if is_kind(info.st_mode):
            raise InputError(path, f"refused: is {kind}, not a regular file")
    limit = file_limit(path) if limit is None else limit
    if info.st_size > limit:
        raise InputError(
            path,
            f"refused: {info.st_size / 1e6:,.1f} MB is far too large (limit {limit // 2**20} MB)",
        )
    return info.st_size


def read_input_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a file we were given, after ``check_regular_file``; never more than
    ``limit`` bytes, even if the file grows while it is read."""
    path = Path(path)
    limit = file_limit(path) if limit is None else limit
    check_regular_file(path, limit)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if len(data) > limit:
        raise InputError(path, f"refused: larger than {limit // 2**20} MB")
    return data


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
    packed = archive.fp.seek(0, 2) if archive.fp is not None else 0
    budget = OUTPUT_FLOOR + OUTPUT_PER_INPUT * packed
    if sum(i.file_size for i in archive.infolist()) > budget:
        raise InputError(
            path,
            f"refused: {what} that unpacks to more than {budget // 2**20} MiB "
            "from a much smaller file (zip bomb?)",
        )
    seen: set[str] = set()
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        # Two members of one name: this reader takes the last, Word the first, so the
        # text imported is not the text the researcher saw.
        if name.casefold() in seen:
            raise InputError(path, f"refused: {what} holding '{name}' twice")
        seen.add(name.casefold())
        if stat.S_ISLNK(info.external_attr >> 16):
            raise InputError(path, f"refused: {what} with a symbolic link inside ({name!r})")
        if info.flag_bits & 0x1:
            raise InputError(
                path, f"refused: {what} with an encrypted part ({name}); save it without a password"
            )
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
                declares_dtd = _declares_dtd(archive, info)
            except Exception as exc:  # zlib.error, BadZipFile, CRC errors, encryption …
                why = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
                raise InputError(
                    path, f"not a readable {what.split()[-1]} (damaged part {info.filename}: {why})"
                ) from None
            if declares_dtd:
                raise InputError(
                    path,
                    f"refused: {info.filename} declares a DTD or entities "
                    "(possible XXE or entity bomb)",
                )


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Scan the whole part, not its head: a DOCTYPE may follow a long comment."""
    overlap = max(len(m) for m in _DTD_MARKS) - 1
    tail = b""
    with archive.open(info) as member:
        first = True
        while chunk := member.read(_XML_CHUNK):
            if first and chunk.startswith(_EBCDIC_XML):
                return True
            first = False
            window = tail + chunk.replace(b"\x00", b"")
            if any(mark in window for mark in _DTD_MARKS):
                return True
            tail = window[-overlap:]
    return False


def check_parsed(path: Path, parsed: ParsedTranscript) -> None:
    """Refuse text and speaker names that are unsafe to show or to export."""
    if len(parsed.text) > MAX_TEXT_CHARS:
        raise InputError(
            path,
            f"refused: {len(parsed.text):,} characters of text is far too large for one transcript",
        )
    if not _VISIBLE_CHAR.search(parsed.text):
        raise InputError(
            path, "the file holds no visible text (only blank or invisible characters)"
        )
    suspect = _SUSPECT.search(parsed.text)
    if suspect is not None:
        _check_hidden_labels(path, parsed.text, suspect.start())
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
    found = _UNSAFE_TEXT.search(parsed.text, suspect.start()) if suspect is not None else None
    if found:
        raise InputError(
            path,
            f"contains the control character U+{ord(found.group()):04X} "
            "(a terminal control or bidirectional override); remove it",
            line=parsed.text.count("\n", 0, found.start()) + 1,
        )


def _check_hidden_labels(path: Path, text: str, start: int = 0) -> None:
    """A line that reads as a speaker label once its invisible characters are taken out
    ("Ja\u200bn:", "\u200fJan:") is someone's turn hidden in another's: refuse it."""
    first = _INVISIBLE_CHAR.search(text, start)
    if first is None:
        return
    from .turns import LABEL_RE

    for found in _INVISIBLE_RUN.finditer(text, first.start()):
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        line = text[start : end if end >= 0 else len(text)]
        visible = _INVISIBLE_RUN.sub("", line)
        if LABEL_RE.match(visible) and not LABEL_RE.match(line):
            shown = line[:40].encode("unicode_escape").decode("ascii")
            raise InputError(
                path,
                f"the speaker label in '{shown}' holds the invisible character "
                f"U+{ord(found.group()[0]):04X}; remove it",
                line=text.count("\n", 0, start) + 1,
            )


def _line_of(text: str, needle: str) -> int | None:
    pos = text.find(needle)
    return text.count("\n", 0, pos) + 1 if pos >= 0 else None
