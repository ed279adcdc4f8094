"""Write the demo transcripts in their (mixed) file formats from the Python data below.

Run from anywhere:  .venv/bin/python transcripts/demo/make_files.py

The transcripts are fictional: three casussen modelled on the projects in the seed report
(De Cirkel Almere, Participatiehuis Sittard-Geleen, Service voor de Wijk Ede), with
pseudonymous first names only. Each transcript is written once, as one turn per line
("Label: text"), and rendered into the format a researcher would really receive:
Word with paragraphs or a speaker|text table, ODT, WebVTT with voice tags (Teams), SRT,
plain text in Windows-1252 with CRLF line ends (curly quotes become bytes 0x91-0x94) and
UTF-8 text with time stamps. The output is deterministic, so regenerating it gives the
same bytes (docx/odt members get a fixed zip time stamp).

The codings of the demo project (demo.yaml) quote these texts; change a sentence here and
`python -m cmo.commands.demo` tells you which quote no longer matches.
"""

from __future__ import annotations

import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from demo_texts import TRANSCRIPTS

HERE = Path(__file__).resolve().parent
WORDS_PER_SECOND = 2.4  # calm speech, for the time stamps of vtt/srt and stamped text


@dataclass
class Source:
    """One transcript before rendering: where it goes, in what form, and its turns."""

    file: str
    form: str
    header: list[str] = field(default_factory=list)
    turns: list[tuple[str, str]] = field(default_factory=list)


def parse_dialogue(dialogue: str) -> list[tuple[str, str]]:
    """'Label: text' per line (blank lines ignored) into (label, text) pairs."""
    turns = []
    for line in dialogue.strip().splitlines():
        if not line.strip():
            continue
        label, sep, text = line.partition(": ")
        if not sep:
            raise ValueError(f"line without a speaker label: {line[:60]!r}")
        turns.append((label.strip(), " ".join(text.split())))
    return turns


def clock(seconds: float, sep: str = ".") -> str:
    ms = int(round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_turns(turns, start: float = 4.0):
    """(label, text, start_seconds, end_seconds) with a duration from the word count."""
    t = start
    for label, text in turns:
        duration = max(1.5, len(text.split()) / WORDS_PER_SECOND)
        yield label, text, t, t + duration
        t += duration + 0.8


def cue_chunks(text: str, size: int = 14) -> list[str]:
    """Split a turn into subtitle-sized cues at word boundaries."""
    words = text.split()
    return [" ".join(words[i : i + size]) for i in range(0, len(words), size)]


# ---- renderers ------------------------------------------------------------------------------


def plain_lines(src: Source, stamped: bool = False) -> list[str]:
    lines = [*src.header, ""] if src.header else []
    for label, text, start, _end in timed_turns(src.turns):
        stamp = f"[{clock(start)[:8]}] " if stamped else ""
        lines += [f"{stamp}{label}: {text}", ""]
    return lines


def write_txt(src: Source, path: Path, encoding: str, newline: str, stamped: bool) -> None:
    text = newline.join(plain_lines(src, stamped))
    path.write_bytes(text.encode(encoding))


def write_docx(src: Source, path: Path, as_table: bool) -> None:
    import docx
    from docx.shared import Cm, Pt

    document = docx.Document()
    document.core_properties.author = "Onderzoeksteam"
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for i, line in enumerate(src.header):
        if i == 0:
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
    if as_table:
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, text in src.turns:
            cells = table.add_row().cells
            cells[0].text = label
            cells[1].text = text
            cells[0].width = Cm(2.5)
            cells[1].width = Cm(13.5)
    else:
        for label, text in src.turns:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}:").bold = True
            paragraph.add_run(f" {text}")
    document.save(path)
    _fix_zip_times(path)


def write_odt(src: Source, path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import H, P, Span

    document = OpenDocumentText()
    bold = Style(name="Spreker", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    for i, line in enumerate(src.header):
        document.text.addElement(H(outlinelevel=1, text=line) if i == 0 else P(text=line))
    for label, text in src.turns:
        paragraph = P()
        paragraph.addElement(Span(stylename=bold, text=f"{label}:"))
        paragraph.addText(f" {text}")
        document.text.addElement(paragraph)
    document.save(str(path))
    _fix_zip_times(path)


def write_vtt(src: Source, path: Path) -> None:
    """WebVTT as Teams writes it: every cue carries the speaker's voice tag."""
    out = ["WEBVTT", ""]
    for label, text, start, end in timed_turns(src.turns):
        chunks = cue_chunks(text)
        step = (end - start) / len(chunks)
        for i, chunk in enumerate(chunks):
            a, b = start + i * step, start + (i + 1) * step
            out += [f"{clock(a)} --> {clock(b)}", f"<v {label}>{chunk}</v>", ""]
    path.write_text("\n".join(out), encoding="utf-8")


def write_srt(src: Source, path: Path) -> None:
    """SRT has no voice tags: the speaker opens the first cue of a turn ('Naam: ...')."""
    out, n = [], 0
    for label, text, start, end in timed_turns(src.turns):
        chunks = cue_chunks(text, 12)
        step = (end - start) / len(chunks)
        for i, chunk in enumerate(chunks):
            n += 1
            a, b = start + i * step, start + (i + 1) * step
            body = f"{label}: {chunk}" if i == 0 else chunk
            out += [str(n), f"{clock(a, ',')} --> {clock(b, ',')}", body, ""]
    path.write_text("\n".join(out), encoding="utf-8")


def _fix_zip_times(path: Path) -> None:
    """Rewrite the archive with fixed member times, so regenerating gives the same bytes."""
    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2010, 6, 1, 12, 0, 0))
            fixed.compress_type = (
                zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            )
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, data)


RENDER = {
    "docx": lambda s, p: write_docx(s, p, as_table=False),
    "docx-table": lambda s, p: write_docx(s, p, as_table=True),
    "odt": write_odt,
    "vtt": write_vtt,
    "srt": write_srt,
    "txt-cp1252": lambda s, p: write_txt(s, p, "cp1252", "\r\n", stamped=False),
    "txt-utf8": lambda s, p: write_txt(s, p, "utf-8", "\n", stamped=False),
    "txt-utf8-stamped": lambda s, p: write_txt(s, p, "utf-8", "\n", stamped=True),
}


def sources() -> list[Source]:
    return [
        Source(
            file=t["file"],
            form=t["form"],
            header=t.get("header", []),
            turns=parse_dialogue(t["dialogue"]),
        )
        for t in TRANSCRIPTS
    ]


def main(target: Path = HERE) -> int:
    for src in sources():
        path = target / src.file
        RENDER[src.form](src, path)
        words = sum(len(re.findall(r"\w+", text)) for _, text in src.turns)
        print(f"{src.file:42s} {src.form:17s} {len(src.turns):3d} turns {words:5d} words")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE))
