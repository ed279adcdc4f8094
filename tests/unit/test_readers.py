"""Every import format gives the same kind of result: normalised text and speaker turns."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmo.core.errors import InputError
from cmo.ingest.readers import read_transcript

DIALOGUE = [
    ("I", "Hoe ben je bij het Participatiehuis gekomen?"),
    ("R", "Via mijn coach. Ze zei: ‘kom maar eens kijken’, en dat deed ik."),
    ("I", "En wat vond je ervan?"),
    ("R", "Eerst spannend. Nu ga ik er elke week naartoe, met plezier."),
]


def check(parsed, expected=DIALOGUE):
    assert [(t.speaker, parsed.text[t.start : t.end]) for t in parsed.turns] == expected
    assert "\r" not in parsed.text


def write_txt(tmp_path: Path, encoding: str, newline: str = "\n", bom: bytes = b"") -> Path:
    body = newline.join(f"{s}: {t}" for s, t in DIALOGUE) + newline
    path = tmp_path / f"int-{encoding}.txt"
    path.write_bytes(bom + body.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [
        ("utf-8", "\n", b""),
        ("utf-8", "\r\n", b"\xef\xbb\xbf"),
        ("cp1252", "\r\n", b""),
        ("cp1252", "\r", b""),
        ("utf-16-le", "\r\n", b"\xff\xfe"),
        ("utf-16-be", "\n", b"\xfe\xff"),
        ("utf-16-le", "\n", b""),
    ],
)
def test_txt_encodings_and_line_ends(tmp_path, encoding, newline, bom):
    parsed = read_transcript(write_txt(tmp_path, encoding, newline, bom))
    check(parsed)
    assert "‘kom maar eens kijken’" in parsed.text  # no mojibake


def test_cp1252_bytes_really_are_cp1252(tmp_path):
    path = write_txt(tmp_path, "cp1252", "\r\n")
    raw = path.read_bytes()
    assert b"\x91" in raw and b"\r\n" in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    check(read_transcript(path))


def test_mixed_utf8_and_cp1252_lines(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("I: Café één?\n".encode() + "R: Ja, ‘zeker’ één.\n".encode("cp1252"))
    parsed = read_transcript(path)
    assert parsed.text == "I: Café één?\nR: Ja, ‘zeker’ één."


def test_docx_paragraphs_and_tables_in_reading_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Interview Participatiehuis")
    for speaker, text in DIALOGUE[:2]:
        document.add_paragraph(f"{speaker}: {text}")
    table = document.add_table(rows=0, cols=2)
    for speaker, text in DIALOGUE[2:]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = speaker, text
    document.add_paragraph("Einde opname")
    path = tmp_path / "int.docx"
    document.save(path)
    parsed = read_transcript(path)
    turns = [(t.speaker, parsed.text[t.start : t.end]) for t in parsed.turns]
    # The title before the first speaker is a header, not a turn.
    assert parsed.text.startswith("Interview Participatiehuis\n")
    assert turns[0:3] == DIALOGUE[:3]
    assert turns[3] == ("R", DIALOGUE[3][1] + "\nEinde opname")


def test_odt(tmp_path):
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for speaker, text in DIALOGUE:
        document.text.addElement(P(text=f"{speaker}: {text}"))
    path = tmp_path / "int.odt"
    document.save(str(path))
    check(read_transcript(path))


def test_vtt_voices_merge_into_turns_with_timestamps(tmp_path):
    path = tmp_path / "fg.vtt"
    path.write_text(
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:03.000\n<v Gespreksleider>Welkom allemaal.</v>\n\n"
        "00:00:03.500 --> 00:00:05.000\n<v Marieke>Ik kom hier elke week.</v>\n\n"
        "00:00:05.100 --> 00:00:07.000\n<v Marieke>Het geeft structuur.</v>\n\n"
        "00:01:05.000 --> 00:01:07.000\n<v Ahmed>Bij mij ook.</v>\n",
        encoding="utf-8",
    )
    parsed = read_transcript(path)
    assert [(t.speaker, t.timestamp, parsed.text[t.start : t.end]) for t in parsed.turns] == [
        ("Gespreksleider", "00:00:01", "Welkom allemaal."),
        ("Marieke", "00:00:03", "Ik kom hier elke week. Het geeft structuur."),
        ("Ahmed", "00:01:05", "Bij mij ook."),
    ]
    assert (
        parsed.text.splitlines()[1]
        == "[00:00:03] Marieke: Ik kom hier elke week. Het geeft structuur."
    )


def test_srt_speaker_prefixes(tmp_path):
    path = tmp_path / "int.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nI: Hoe gaat het?\n\n"
        "2\n00:00:02,500 --> 00:00:04,000\nR: Goed.\n\n"
        "3\n00:00:04,100 --> 00:00:05,000\nHeel goed zelfs.\n",
        encoding="cp1252",
    )
    parsed = read_transcript(path)
    assert [(t.speaker, parsed.text[t.start : t.end]) for t in parsed.turns] == [
        ("I", "Hoe gaat het?"),
        ("R", "Goed. Heel goed zelfs."),
    ]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \r\n\t\n", "empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("old.doc", b"\xd0\xcf\x11\xe0whatever", "unsupported file type '.doc'"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
        ("broken.docx", b"PK\x03\x04\x14\x00\x00\x00truncated", "not"),
        ("broken.odt", b"PK\x03\x04", "not"),
        ("broken.vtt", b"WEBVTT\n\n00:00:xx --> nonsense\nhallo\n", "WebVTT"),
    ],
)
def test_bad_files_name_the_file_and_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_transcript(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert problem in message
    assert "\n" not in message


def test_truncated_real_docx(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("I: Hallo")
    full = tmp_path / "full.docx"
    document.save(full)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(full.read_bytes()[: len(full.read_bytes()) // 2])
    with pytest.raises(InputError, match="cut.docx"):
        read_transcript(cut)
