"""REFI-QDA fidelity with real tools' files: every code stays itself and keeps its name.

Hand-made files for each defect once found in real exports (NVivo, MAXQDA, ATLAS.ti,
QualCoder): codes sharing a first word, names rewritten on export, dates cmo could
not read, QDC member references, GUIDs that differ between projects or are not RFC
4122 UUIDs, memos QualCoder could not see.
"""

from __future__ import annotations

import re
import uuid
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from ..qdpx_helpers import assert_valid, enrich, new_project

NS = {"q": "urn:QDA-XML:project:1.0"}
CODEBOOK_XSD = Path(__file__).resolve().parents[1] / "data" / "refi-qda" / "Codebook.xsd"
RFC_4122 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TEXT = "Interview\nR: Ik ben bang voor corona. Het is ernstig. Vaccineren helpt mij.\n"
# Names exactly as NVivo, MAXQDA and ATLAS.ti wrote them (first words shared, upper case,
# punctuation, doubled and trailing spaces), descriptions with surrounding white space.
CODES = [
    ("c1", "HBM", "", ""),
    ("c2", "HBM 1. Perceived Susceptibility", "Hoe vatbaar men zich voelt.", "#f00"),
    ("c3", "HBM 2. Perceived Severity", "  Hoe ernstig.\n\nTweede alinea.  ", "#00AA33"),
    ("c4", "HBM 3. Perceived Benefits", "", "#123abc"),
    ("c5", "COVID", "Alles over corona", ""),
    ("c6", "THEME - Affordances", "", ""),
    ("c7", "M1c Structuur", "", ""),  # exactly how cmo names code M1c: that code
    ("c8", "M1c  Structuur ", "", ""),  # not exactly: a code of its own
    ("c9", "Context", "Geen familie: een code met deze naam", ""),
]


def _guid(n: str) -> str:
    return f"0000{n[1:]:0>4}-0000-4000-8000-000000000000"


def _qdpx(
    tmp_path: Path, *, date: str = "2026-12-01T18:46:23.294+00:00Z", origin="NVivo 15"
) -> Path:
    code = {key: (_guid(key), name, desc, colour) for key, name, desc, colour in CODES}

    def element(key: str, children: str = "") -> str:
        guid, name, desc, colour = code[key]
        colour = f' color="{colour}"' if colour else ""
        desc = f"<Description>{desc}</Description>" if desc else ""
        return f'<Code guid="{guid}" name="{name}" isCodable="true"{colour}>{desc}{children}</Code>'

    tree = element("c1", element("c2") + element("c3") + element("c4")) + "".join(
        element(k) for k in ("c5", "c6", "c7", "c8", "c9")
    )
    bang, ernstig = TEXT.index("bang"), TEXT.index("ernstig")
    selections = "".join(
        f'<PlainTextSelection guid="aaaa{i:04d}-0000-4000-8000-000000000000" name="x"'
        f' startPosition="{start}" endPosition="{start + 4}" creationDateTime="{stamp}">'
        f'<Coding guid="bbbb{i:04d}-0000-4000-8000-000000000000" creatingUser='
        f'"eeee0000-0000-4000-8000-000000000000" creationDateTime="{stamp}"><CodeRef targetGUID='
        f'"{code[key][0]}"/></Coding></PlainTextSelection>'
        for i, (key, stamp, start) in enumerate(
            [(k, date, bang) for k, *_ in CODES]
            + [("c5", "gisteren", ernstig), ("c6", "2019-03-20 10:11:12", ernstig)]
        )
    )
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project name="HBM" origin="{origin}" xmlns="urn:QDA-XML:project:1.0">
<Users><User guid="eeee0000-0000-4000-8000-000000000000" name="Sam"/></Users>
<CodeBook><Codes>{tree}</Codes></CodeBook>
<Sources><TextSource guid="dddd0000-0000-4000-8000-000000000000" name="Interview"
 plainTextPath="internal://dddd0000-0000-4000-8000-000000000000.txt"
 creationDateTime="{date}">{selections}</TextSource></Sources>
</Project>"""
    path = tmp_path / "hbm.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/dddd0000-0000-4000-8000-000000000000.txt", TEXT)
    return path


def _export(project, path: Path) -> bytes:
    from cmo.refi.export_qdpx import export_qdpx

    export_qdpx(project.store, path, name=project.name)
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde")


def _codes_of(qde: bytes) -> dict[str, tuple[str, str, str | None]]:
    """GUID → (name, description, colour) of every code in an exported project."""
    root = etree.fromstring(qde)
    return {
        c.get("guid"): (c.get("name"), c.findtext("q:Description", "", NS), c.get("color"))
        for c in root.iterfind(".//q:Code", NS)
    }


def test_codes_sharing_a_first_word_stay_distinct_and_round_trip_byte_for_byte(tmp_path):
    from cmo.refi.import_qdpx import import_qdpx

    proj = new_project(tmp_path / "p")
    report = import_qdpx(proj.store, _qdpx(tmp_path))
    # One code per Code of the file except "M1c Structuur", which is exactly cmo's M1c.
    assert [(m.their_name, m.our_id, m.rule) for m in report.mappings] == [
        ("M1c Structuur", "M1c", "name")
    ]
    assert len(report.added) == len(CODES) - 1
    assert {name for name, _ in report.added} == {n for _, n, _, _ in CODES} - {"M1c Structuur"}
    hbm = {c.name: c for c in proj.store.codebook.codes() if c.name.startswith("HBM")}
    assert len(hbm) == 4 and len({c.id for c in hbm.values()}) == 4
    parent = hbm["HBM"].id
    assert {c.parent for n, c in hbm.items() if n != "HBM"} == {parent}
    coded = {c.code_id for c in proj.store.codings.all()}
    assert {c.id for c in hbm.values()} <= coded  # their codings were not merged either
    # Export: names, descriptions and colours exactly as the file had them.
    exported = _codes_of(_export(proj, tmp_path / "out.qdpx"))
    for key, name, desc, colour in CODES:
        if name == "M1c Structuur":
            continue
        assert exported[_guid(key)] == (name, desc, colour or None), name
    proj.close()


def test_a_mapping_file_overrides_the_rules(tmp_path):
    from cmo.core.errors import InputError
    from cmo.refi.import_qdpx import import_qdpx

    archive = _qdpx(tmp_path)
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        f'"HBM 2. Perceived Severity": M1a\n"M1c Structuur": new\n"{_guid("c5")}": C3\n',
        encoding="utf-8",
    )
    proj = new_project(tmp_path / "p")
    report = import_qdpx(proj.store, archive, mapping_file=mapping)
    assert sorted((m.their_name, m.our_id, m.rule) for m in report.mappings) == [
        ("COVID", "C3", "mapping file"),
        ("HBM 2. Perceived Severity", "M1a", "mapping file"),
    ]
    assert ("M1c Structuur", "m1c-structuur") in report.added
    proj.close()
    for body, problem in [
        ('"Bestaat niet": M1a\n', "not in hbm.qdpx"),
        ('"COVID": X99\n', "not in the project: X99"),
        ("- een lijst\n", "one line per code"),
    ]:
        mapping.write_text(body, encoding="utf-8")
        other = new_project(tmp_path / f"p{len(problem)}")
        with pytest.raises(InputError, match=problem) as raised:
            import_qdpx(other.store, archive, mapping_file=mapping)
        assert str(mapping) in str(raised.value)
        assert other.store.codings.all() == [] and other.store.transcripts.all() == []
        other.close()


def test_dates_in_every_iso_form_are_read_and_no_invalid_date_is_written(tmp_path):
    from cmo.refi.import_qdpx import import_qdpx

    proj = new_project(tmp_path / "p")
    import_qdpx(proj.store, _qdpx(tmp_path))
    stamps = {c.created_at for c in proj.store.codings.all()}
    assert "2026-12-01T18:46:23.294+00:00" in stamps  # QualCoder's "+00:00Z" read
    assert "2019-03-20T10:11:12" in stamps  # a space for the T
    qde = _export(proj, tmp_path / "out.qdpx")
    assert b'="None"' not in qde
    assert_valid(qde)
    root = etree.fromstring(qde)
    dates = [
        e.get(a)
        for e in root.iter()
        for a in ("creationDateTime", "modifiedDateTime")
        if e.get(a) is not None
    ]
    assert dates and all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", d) for d in dates)
    proj.close()


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2026-12-01T18:46:23.294+00:00Z", "2026-12-01T18:46:23.294+00:00"),
        ("2019-03-20T10:11:12.1234567Z", "2019-03-20T10:11:12.1234567Z"),
        ("2019-03-20T12:11:12+02:00", "2019-03-20T12:11:12+02:00"),
        ("2019-03-20 12:11:12+02:00", "2019-03-20T10:11:12+00:00"),
        ("20190320T101112Z", "2019-03-20T10:11:12+00:00"),
        ("2019-03-20", "2019-03-20T00:00:00"),
        ("maandag", None),
        ("", None),
    ],
)
def test_date_forms(written, read):
    from cmo.refi.conventions import xsd_date_time

    assert xsd_date_time(written) == read


def test_qdc_export_validates_against_the_codebook_schema(tmp_path, coded_project):
    from cmo.refi.export_qdpx import export_qdc
    from cmo.refi.import_qdpx import import_qdpx

    enrich(coded_project, tmp_path)  # an emergent code: a Set with members
    import_qdpx(coded_project.store, _qdpx(tmp_path))  # codes named by another tool
    path = tmp_path / "codebook.qdc"
    export_qdc(coded_project.store, path)
    schema = etree.XMLSchema(etree.parse(str(CODEBOOK_XSD)))
    doc = etree.parse(str(path))
    assert schema.validate(doc), str(schema.error_log)
    members = doc.getroot().findall(".//{urn:QDA-XML:codebook:1.0}MemberCode")
    assert members and all(m.get("guid") and m.get("targetGUID") is None for m in members)


def test_two_projects_from_the_bundled_codebook_export_the_same_code_guids(tmp_path):
    first, second = new_project(tmp_path / "a"), new_project(tmp_path / "b")

    def code_guids(project, name):
        return {n: g for g, (n, _, _) in _codes_of(_export(project, tmp_path / name)).items()}

    one, two = code_guids(first, "a.qdpx"), code_guids(second, "b.qdpx")
    assert len(one) > 30 and one == two
    first.close()
    second.close()


def test_every_guid_cmo_makes_is_an_rfc_4122_uuid(tmp_path, coded_project):
    from cmo.core.guids import CMO_NAMESPACE, derived_guid

    enrich(coded_project, tmp_path)
    qde = _export(coded_project, tmp_path / "out.qdpx")
    guids = re.findall(rb'(?:guid|GUID)="([^"]+)"', qde)
    assert len(guids) > 100
    bad = [g for g in guids if not RFC_4122.match(g.decode())]
    assert bad == []
    assert derived_guid("x", "selection") == str(uuid.uuid3(CMO_NAMESPACE, "selection:x"))
    assert uuid.UUID(derived_guid("x", "selection")).variant == uuid.RFC_4122
    # Each role's hash is started once and copied: roles and GUIDs must not bleed over.
    for role, guid in [("selection", "y"), ("link", "x"), ("selection", "x"), ("link", "y")]:
        assert derived_guid(guid, role) == str(uuid.uuid3(CMO_NAMESPACE, f"{role}:{guid}"))


def test_named_alone_codes_come_back_into_cmo_with_their_ids(tmp_path):
    """cmo → cmo: a code named by another tool keeps its cmo id and its exact name."""
    from cmo.refi.import_qdpx import import_qdpx

    proj = new_project(tmp_path / "p")
    import_qdpx(proj.store, _qdpx(tmp_path))
    _export(proj, tmp_path / "out.qdpx")
    copy = new_project(tmp_path / "copy", codebook=False)
    report = import_qdpx(copy.store, tmp_path / "out.qdpx")
    assert report.warnings == []
    key = lambda c: (c.id, c.name, c.definition, c.colour, c.parent, c.named_alone)  # noqa: E731
    assert sorted(map(key, copy.store.codebook.codes())) == sorted(
        map(key, proj.store.codebook.codes())
    )
    proj.close()
    copy.close()


def test_notes_are_written_inline_and_as_files(tmp_path, coded_project):
    from cmo.refi.import_qdpx import import_qdpx

    enrich(coded_project, tmp_path)
    path = tmp_path / "out.qdpx"
    qde = _export(coded_project, path)
    root = etree.fromstring(qde)
    notes = root.findall(".//q:Note", NS)
    assert len(notes) == len(coded_project.store.memos.all()) > 0
    with zipfile.ZipFile(path) as archive:
        for note in notes:
            member = note.get("plainTextPath").replace("internal://", "sources/")
            inline = note.findtext("q:PlainTextContent", None, NS)
            assert archive.read(member).decode("utf-8") == inline
    copy = new_project(tmp_path / "copy", codebook=False)
    import_qdpx(copy.store, path)
    assert sorted(m.text for m in copy.store.memos.all()) == sorted(
        m.text for m in coded_project.store.memos.all()
    )
    copy.close()


def test_the_archive_is_deflated_at_level_one(tmp_path, coded_project):
    """``writestr``/``open`` with a ZipInfo ignore ZipFile(compresslevel=…): the entries
    must be packed exactly as zlib level 1 packs them, not at the default 6."""
    import zlib

    enrich(coded_project, tmp_path)
    path = tmp_path / "out.qdpx"
    _export(coded_project, path)
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            data = archive.read(info)
            packer = zlib.compressobj(1, zlib.DEFLATED, -15)
            assert info.compress_size == len(packer.compress(data) + packer.flush()), info


def test_cases_are_tied_to_their_texts_as_nvivo_and_qualcoder_do(tmp_path, coded_project):
    """A casus is a Case with SourceRefs *and* a code with the Case's GUID that codes its
    transcripts whole (QualCoder ignores a named Case's SourceRef)."""
    enrich(coded_project, tmp_path)
    root = etree.fromstring(_export(coded_project, tmp_path / "out.qdpx"))
    store = coded_project.store
    codes = {c.get("guid"): c for c in root.iterfind(".//q:Code", NS)}
    for casus in store.casussen.all():
        case = root.find(f".//q:Case[@guid='{casus.guid}']", NS)
        refs = {r.get("targetGUID") for r in case.iterfind("q:SourceRef", NS)}
        texts = {t.guid: t for t in store.transcripts.all() if t.casus_id == casus.id}
        assert refs == set(texts)
        assert codes[casus.guid].get("name") == casus.name
        for guid, transcript in texts.items():
            source = root.find(f".//q:TextSource[@guid='{guid}']", NS)
            whole = [
                s
                for s in source.iterfind("q:PlainTextSelection", NS)
                if s.find("q:Coding/q:CodeRef", NS).get("targetGUID") == casus.guid
            ]
            assert [(s.get("startPosition"), s.get("endPosition")) for s in whole] == [
                ("0", str(len(transcript.text)))
            ]


def test_two_codes_of_one_name_in_a_file_stay_two(tmp_path):
    """MAXQDA allows one name in two folders: each is its own code, neither is 'ours'."""
    from cmo.refi.codes_plan import plan_codes
    from cmo.refi.codes_read import CodeNode

    nodes = [
        CodeNode(
            guid=f"{n}0000000-0000-4000-8000-000000000000",
            name=name,
            codable=True,
            colour="",
            description="",
        )
        for n, name in enumerate(["C9", "C9", "Thema", "Thema"], start=1)
    ]
    plan = plan_codes(nodes, [], [])
    assert [c.id for c in plan.new_codes] == ["C9", "C9-2", "thema", "thema-2"]
    assert plan.mappings == []


def test_every_selection_and_note_has_a_valid_date(tmp_path, coded_project):
    """QualCoder reads creationDateTime from each PlainTextSelection and Note and stops
    when one has none; a stored date that is not a date gets the export's."""
    from sqlalchemy import text

    enrich(coded_project, tmp_path)
    with coded_project.store.write() as conn:
        conn.execute(text("UPDATE coding SET created_at = 'gisteren' WHERE id = 1"))
        conn.execute(text("UPDATE memo SET created_at = '', updated_at = 'ooit'"))
    qde = _export(coded_project, tmp_path / "out.qdpx")
    assert_valid(qde)
    root = etree.fromstring(qde)
    for tag in ("PlainTextSelection", "Note"):
        elements = root.findall(f".//q:{tag}", NS)
        assert elements and all(e.get("creationDateTime") for e in elements), tag
