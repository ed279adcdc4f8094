"""Turning the bytes of a text file into text, whatever Windows or Word did to them."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..core.errors import InputError

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document; export it as .docx or .txt first"),
    (b"PK\x03\x04", "a zip archive (a .docx or .odt with the wrong extension?)"),
    (b"\xd0\xcf\x11\xe0", "an old Word (.doc) file; save it as .docx"),
    (b"{\\rtf", "an RTF document; save it as .docx or .txt"),
    (b"\x7fELF", "a program, not a transcript"),
    (b"ID3", "an audio file; transcribe it first"),
    (b"RIFF", "an audio or video file; transcribe it first"),
]
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def decode_text(data: bytes, source: str | Path, encoding: str | None = None) -> str:
    """Decode a transcript file.

    UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM, and
    Windows-1252 are recognised; a file that mixes UTF-8 and Windows-1252 lines
    (pasted together from several sources) is decoded line by line. Raises
    ``InputError`` for empty and binary files.
    """
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError(source, "the file is empty")
    if encoding:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(source, f"cannot decode as {encoding}: {exc}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name)
            except UnicodeDecodeError:
                raise InputError(source, f"starts with a {name} mark but is not {name}") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(source, f"this is {what}, not a text transcript")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    if b"\x00" in data[:65536]:
        raise InputError(source, "binary data (NUL bytes), not a text transcript")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_mixed(data)
    controls = len(_CONTROLS.findall(text, 0, 65536))  # one regex, not a loop per character
    if controls > max(8, len(text[:65536]) // 100):
        raise InputError(source, "binary data (control characters), not a text transcript")
    return text


_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
"""C0 control characters other than tab, newline, carriage return and form feed."""


_UTF8_PAIR = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
"""A lead byte followed by a continuation byte: every non-ASCII character in UTF-8 holds
one, so a line without one is not UTF-8 unless it is ASCII."""


def _decode_mixed(data: bytes) -> str:
    """Each line as UTF-8 if it is, else as Windows-1252 (Latin-1 for the five bytes it
    leaves undefined). Without a single lead-and-continuation pair in the file no line with
    a non-ASCII byte is UTF-8, and ASCII lines read the same either way: then the file is
    decoded at once, not one line at a time (a Windows file of 30,000 lines)."""
    if not _UTF8_PAIR.search(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return "\n".join(_decode_line(line) for line in data.split(b"\n"))


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return line.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return line.decode("latin-1")


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None
