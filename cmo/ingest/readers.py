"""One reader per format, each returning a ``ParsedTranscript`` over normalised text."""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..core.domain import ParsedTranscript, TurnDraft
from ..core.errors import InputError
from ..core.text import normalise
from .decode import decode_text
from .safety import check_archive, check_parsed, check_size, read_input_file
from .turns import normalise_timestamp, segment

MAX_ARCHIVE_BYTES = 512 * 1024 * 1024
MAX_ARCHIVE_FILES = 10_000
_VTT_TIME = r"(?:\d{1,4}:)?[0-5]\d:[0-5]\d[.,]\d{3}"
# A comma before the milliseconds (SRT style, common in converted files) is read as a dot;
# webvtt-py would skip such a cue without a word.
_VTT_COMMA = re.compile(r"(?<=\d\d:\d\d),(?=\d{3}\b)")


def read_txt(path: Path, data: bytes) -> ParsedTranscript:
    return segment(normalise(decode_text(data, path)))


def read_docx(path: Path, data: bytes) -> ParsedTranscript:
    import docx
    from docx.table import Table

    _check_zip(path, data, "a .docx")
    try:
        document = docx.Document(_bytes_io(data))
    except Exception as exc:  # python-docx raises many kinds on damaged files
        raise InputError(
            path, f"not a readable .docx (damaged or truncated?): {_why(exc)}"
        ) from None
    lines: list[str] = []
    try:
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(
                    _table_lines([[c.text for c in _unique_cells(row.cells)] for row in block.rows])
                )
            else:
                lines.append(block.text)
    except (AttributeError, TypeError, ValueError, KeyError) as exc:
        # A document part that parses as XML but is not a Word body (another root element)
        raise InputError(path, f"not a readable .docx (no document body): {_why(exc)}") from None
    return _from_lines(path, lines)


def read_odt(path: Path, data: bytes) -> ParsedTranscript:
    from odf import teletype
    from odf.namespaces import TABLENS, TEXTNS
    from odf.opendocument import load

    _check_zip(path, data, "an .odt")
    try:
        # odfpy prints a damaged XML part to stdout and carries on; catch that.
        with contextlib.redirect_stdout(io.StringIO()) as noise:
            document = load(_bytes_io(data))
    except Exception as exc:
        raise InputError(
            path, f"not a readable .odt (damaged or truncated?): {_why(exc)}"
        ) from None
    if "FAILED TO PARSE" in noise.getvalue() or document.text is None:
        raise InputError(path, "not a readable .odt (damaged XML inside)")
    lines: list[str] = []

    def walk(node) -> None:
        for child in node.childNodes:
            qname = getattr(child, "qname", None)
            if qname in ((TEXTNS, "p"), (TEXTNS, "h")):
                lines.append(teletype.extractText(child))
            elif qname == (TABLENS, "table"):
                rows = []
                for row in child.getElementsByType(_odf_row()):
                    rows.append(
                        [
                            teletype.extractText(c).strip()
                            for c in row.childNodes
                            if getattr(c, "qname", None) == (TABLENS, "table-cell")
                        ]
                    )
                lines.extend(_table_lines(rows))
            elif qname is not None:
                walk(child)

    walk(document.text)
    return _from_lines(path, lines)


def read_vtt(path: Path, data: bytes) -> ParsedTranscript:
    import webvtt
    from webvtt.errors import MalformedFileError

    text = decode_text(data, path)
    text = "\n".join(
        _VTT_COMMA.sub(".", line) if "-->" in line else line for line in text.splitlines()
    )
    try:
        captions = list(webvtt.from_string(text.lstrip("\ufeff")))
    except (MalformedFileError, ValueError, IndexError) as exc:
        raise InputError(path, f"not valid WebVTT: {_why(exc)}") from None
    # webvtt-py passes over cues whose timing it cannot read; we refuse them instead,
    # because a silently missing cue is a silently missing piece of the interview.
    timing = re.compile(rf"^\s*{_VTT_TIME}\s+-->\s+{_VTT_TIME}(?:\s|$)")
    for number, line in enumerate(text.splitlines(), 1):
        if "-->" in line and not timing.match(line):
            raise InputError(
                path, f"not valid WebVTT: broken cue timing '{line.strip()[:60]}'", line=number
            )
    timed = sum(1 for line in text.splitlines() if "-->" in line)
    if len(captions) != timed:  # the parser passed over cues: never lose them silently
        raise InputError(
            path,
            f"not valid WebVTT: {timed - len(captions)} of {timed} cue(s) could not be read",
        )
    cues = [(c.voice, c.start_in_seconds, c.end_in_seconds, c.text) for c in captions]
    return _from_cues(path, cues)


def read_srt(path: Path, data: bytes) -> ParsedTranscript:
    import srt

    text = decode_text(data, path)
    try:
        subtitles = list(srt.parse(text.lstrip("\ufeff"), ignore_errors=False))
    except (srt.SRTParseError, ValueError) as exc:
        raise InputError(path, f"not valid SRT: {_why(exc)}") from None
    for sub in subtitles:
        if sub.index is not None and sub.index < 0:
            raise InputError(path, f"not valid SRT: negative cue number {sub.index}")
        if sub.end < sub.start:
            raise InputError(path, f"not valid SRT: cue {sub.index} ends before it starts")
    cues = [(None, s.start.total_seconds(), s.end.total_seconds(), s.content) for s in subtitles]
    return _from_cues(path, cues)


READERS: dict[str, Callable[[Path, bytes], ParsedTranscript]] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".md": read_txt,
    ".docx": read_docx,
    ".odt": read_odt,
    ".vtt": read_vtt,
    ".srt": read_srt,
}


def read_transcript(path: Path, data: bytes | None = None) -> ParsedTranscript:
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        known = ", ".join(sorted(READERS))
        hint = "; save it as .docx" if suffix in (".doc", ".rtf", ".pages") else ""
        raise InputError(path, f"unsupported file type '{suffix or '(none)'}' (use {known}){hint}")
    if data is None:
        data = read_input_file(path)
    check_size(path, data)
    try:
        parsed = reader(path, data)
    except RecursionError:  # an .odt or .docx nested thousands of levels deep
        raise InputError(path, "refused: the document is nested too deeply") from None
    except (OverflowError, MemoryError) as exc:
        raise InputError(path, f"refused: a value is out of range ({_why(exc)})") from None
    if not parsed.text.strip():
        raise InputError(path, "the file holds no text")
    check_parsed(path, parsed)
    return parsed


# ---- helpers ----------------------------------------------------------------------------

_SPEAKER_CELL = re.compile(r"^[\w .'’()\-\[\]:]{1,40}$")
_TS_CELL = re.compile(r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?$")


def _table_lines(rows: list[list[str]]) -> list[str]:
    """Flatten a table in reading order; a (time,) speaker, text table becomes labelled lines."""
    lines = []
    for cells in rows:
        cells = [c.strip() for c in cells if c.strip()]
        if not cells:
            continue
        ts = ""
        if len(cells) >= 3 and _TS_CELL.match(cells[0]):
            ts, cells = f"[{cells[0].strip('[]()')}] ", cells[1:]
        if len(cells) >= 2 and _SPEAKER_CELL.match(cells[0]) and not cells[0].endswith("."):
            lines.append(f"{ts}{cells[0].rstrip(':')}: {' '.join(cells[1:])}")
        else:
            lines.extend(cells)
    return lines


def _unique_cells(cells) -> list:
    seen, unique = set(), []
    for cell in cells:  # merged cells come back once per grid column
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            unique.append(cell)
    return unique


def _from_lines(path: Path, lines: list[str]) -> ParsedTranscript:
    text = normalise("\n".join(lines))
    if not text.strip():
        raise InputError(path, "the document holds no text")
    return segment(text)


def _from_cues(path: Path, cues: list[tuple[str | None, float, float, str]]) -> ParsedTranscript:
    """Merge subtitle cues into speaker turns and write them out as a readable transcript."""
    if not cues:
        raise InputError(path, "no cues found")
    merged: list[list] = []  # [speaker, start_seconds, end_seconds, [texts]]
    for voice, start, end, content in cues:
        content = " ".join(content.split())
        speaker = voice.strip() if voice else None
        if speaker is None:
            m = re.match(r"^(?:-\s*)?\[?([A-ZÀ-Þ][\w .'’-]{0,38}?)\]?\s*:\s+(.*)$", content)
            if m:
                speaker, content = m.group(1).strip(), m.group(2)
        if not content:
            continue
        last = merged[-1] if merged else None
        # A cue without a speaker continues the current speaker; without any speakers
        # at all, a pause of two seconds or more starts a new turn.
        same = last is not None and (
            speaker == last[0] or (speaker is None and (last[0] is not None or start - last[2] < 2))
        )
        if same:
            last[2] = end
            last[3].append(content)
        else:
            merged.append([speaker, start, end, [content]])
    out, turns, pos = [], [], 0
    for speaker, start, _end, texts in merged:
        stamp = normalise_timestamp(_clock(start))
        prefix = f"[{stamp}] {speaker}: " if speaker else f"[{stamp}] "
        body = normalise(" ".join(texts))
        out.append(prefix + body)
        turns.append(TurnDraft(speaker, stamp, pos + len(prefix), pos + len(prefix) + len(body)))
        pos += len(prefix) + len(body) + 1
    return ParsedTranscript("\n".join(out), turns)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _check_zip(path: Path, data: bytes, what: str) -> None:
    try:
        with zipfile.ZipFile(_bytes_io(data)) as archive:
            infos = archive.infolist()
            check_archive(path, archive, what)
    except InputError:
        raise
    except Exception:  # BadZipFile, NotImplementedError, struct.error … on damaged zips
        raise InputError(path, f"not {what} file (not a zip archive, or truncated)") from None
    if len(infos) > MAX_ARCHIVE_FILES or sum(i.file_size for i in infos) > MAX_ARCHIVE_BYTES:
        raise InputError(path, f"refused: {what} that unpacks to an absurd size (zip bomb?)")


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)


def _odf_row():
    from odf.table import TableRow

    return TableRow


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
