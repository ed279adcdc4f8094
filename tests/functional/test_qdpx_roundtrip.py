"""A project exported as QDPX and imported into a new project comes back object by object;
every exported project.qde is valid against the REFI-QDA schema; exports are stable."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.cli import run_cmo

from ..qdpx_helpers import FIXTURES, assert_valid, enrich, new_project

DATE = re.compile(rb'creationDateTime="[^"]*"')


@pytest.fixture
def rich(coded_project, tmp_path):
    enrich(coded_project, tmp_path)
    return coded_project


def _export(project, path: Path) -> Path:
    from cmo.refi.export_qdpx import export_qdpx

    export_qdpx(project.store, path, name=project.name)
    return path


def _snapshot(store):
    """Everything the round trip must keep, keyed by names rather than row ids."""

    casus = {c.id: c.name for c in store.casussen.all()}
    texts = {t.id: t for t in store.transcripts.all()}
    codings = {c.id: c for c in store.codings.all()}

    def coding_key(c):
        t = texts[c.transcript_id]
        return (t.name, c.start, c.end, t.text[c.start : c.end], c.code_id, c.coder, c.memo)

    def target(m):
        if m.target_kind == "casus":
            return casus[int(m.target_id)]
        if m.target_kind == "transcript":
            return texts[int(m.target_id)].name
        return m.target_id

    return {
        "casussen": sorted(
            (c.name, tuple(sorted(c.attributes.items()))) for c in store.casussen.all()
        ),
        "participants": sorted(
            (casus[p.casus_id], p.label, p.role, p.pseudonym, tuple(sorted(p.attributes.items())))
            for p in store.participants.all()
        ),
        "transcripts": sorted(
            (t.name, casus[t.casus_id], t.kind, t.source_name, t.sha256, t.text, t.word_count)
            for t in texts.values()
        ),
        "turns": sorted(
            (t.name, u.index, u.speaker, u.start, u.end)
            for t in texts.values()
            for u in store.transcripts.turns(t.id)
        ),
        "codes": sorted(
            (
                c.id,
                c.family,
                c.name,
                c.cluster,
                c.parent,
                c.colour,
                c.definition,
                c.keywords,
                c.emergent,
            )
            for c in store.codebook.codes()
        ),
        "clusters": sorted(
            (c.id, c.family, c.name, c.description) for c in store.codebook.clusters()
        ),
        "codings": sorted(coding_key(c) for c in codings.values()),
        "memos": sorted((m.target_kind, target(m), m.text, m.author) for m in store.memos.all()),
        "cmocs": sorted(
            (
                c.id,
                c.title,
                casus.get(c.casus_id),
                c.contexts,
                c.mechanisms,
                c.outcomes,
                c.resource,
                c.reasoning,
                c.fired,
                c.relation,
                c.memo,
                tuple(sorted(coding_key(codings[e]) for e in c.evidence)),
            )
            for c in store.cmocs.all()
        ),
    }


def test_round_trip_gives_the_same_objects(rich, tmp_path):
    from cmo.refi.import_qdpx import import_qdpx

    archive = _export(rich, tmp_path / "project.qdpx")
    target = new_project(tmp_path / "copy", codebook=False)
    report = import_qdpx(target.store, archive)
    before, after = _snapshot(rich.store), _snapshot(target.store)
    assert report.warnings == []
    for key in before:  # one assertion per kind of object, so a failure names it
        assert after[key] == before[key], key
    assert len(after["codings"]) == 8 and len(after["cmocs"]) == 2
    assert any(code[-1] for code in after["codes"])  # the emergent code is emergent again
    # Identity travels too: the second export of the copy names objects by the same GUIDs.
    guids = {t.guid for t in rich.store.transcripts.all()}
    assert {t.guid for t in target.store.transcripts.all()} == guids
    assert {c.guid for c in target.store.codings.all()} == {
        c.guid for c in rich.store.codings.all()
    }
    target.close()


def test_round_trip_into_a_project_with_the_codebook_maps_codes(rich, tmp_path):
    from cmo.refi.import_qdpx import import_qdpx

    archive = _export(rich, tmp_path / "project.qdpx")
    target = new_project(tmp_path / "copy")
    report = import_qdpx(target.store, archive)
    assert report.codes_added == ["M5"] and report.codes_mapped == 25
    assert _snapshot(target.store)["codings"] == _snapshot(rich.store)["codings"]
    target.close()


def test_export_is_valid_and_identical_apart_from_the_date(rich, tmp_path):
    first = _export(rich, tmp_path / "a.qdpx")
    second = _export(rich, tmp_path / "b.qdpx")
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.namelist() == b.namelist()
        assert a.namelist()[0] == "project.qde"
        assert all(re.fullmatch(r"sources/[0-9a-f-]{36}\.txt", n) for n in a.namelist()[1:])
        for name in a.namelist():
            assert DATE.sub(b"", a.read(name)) == DATE.sub(b"", b.read(name)), name
        qde = a.read("project.qde")
    assert_valid(qde)
    assert b'xmlns="urn:QDA-XML:project:1.0"' in qde
    assert qde.count(b"<PlainTextSelection ") == 8 + 2  # and each transcript for its casus
    assert b'isCodable="false"' in qde and b'name="M1 Opbrengsten"' in qde


def test_exported_texts_and_positions_agree(rich, tmp_path):
    from lxml import etree

    with zipfile.ZipFile(_export(rich, tmp_path / "a.qdpx")) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        ns = {"q": "urn:QDA-XML:project:1.0"}
        sources, selections = [], 0
        for source in root.iterfind(".//q:TextSource", ns):
            member = source.get("plainTextPath").replace("internal://", "sources/")
            text = archive.read(member).decode("utf-8")
            stored = rich.store.transcripts.get(source.get("name")).text
            assert text == stored
            sources.append(source.get("name"))
            for selection in source.iterfind("q:PlainTextSelection", ns):
                start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
                assert " ".join(text[start:end].split()).startswith(selection.get("name")[:20])
                selections += 1
    # Every transcript was checked, and every selection: one per coding plus one per
    # transcript (the span of its casus).
    transcripts = rich.store.transcripts.all()
    assert sorted(sources) == sorted(t.name for t in transcripts) and sources
    assert selections == len(rich.store.codings.all()) + len(transcripts)


def test_export_of_an_empty_project_is_valid(project, tmp_path):
    with zipfile.ZipFile(_export(project, tmp_path / "empty.qdpx")) as archive:
        assert archive.namelist() == ["project.qde"]
        assert_valid(archive.read("project.qde"))


def test_qdc_export_loads_back_and_its_codes_fit_the_schema(rich, tmp_path):
    from lxml import etree

    from cmo.refi.export_qdpx import export_qdc
    from cmo.refi.qdc_read import load_qdc

    path = tmp_path / "codebook.qdc"
    assert export_qdc(rich.store, path) == 26
    book = load_qdc(path)
    original = {c.id: c for c in rich.store.codebook.codes()}
    assert {c.id for c in book.codes} == set(original)
    for code in book.codes:
        o = original[code.id]
        assert (
            code.family,
            code.name,
            code.cluster,
            code.parent,
            code.colour,
            code.definition,
            code.keywords,
            code.emergent,
        ) == (o.family, o.name, o.cluster, o.parent, o.colour, o.definition, o.keywords, o.emergent)
    root = etree.parse(str(path)).getroot()
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    # The codebook schema shares CodeType with the project schema: check the codes with it.
    codes = etree.tostring(root.find("{urn:QDA-XML:codebook:1.0}Codes")).replace(
        b"urn:QDA-XML:codebook:1.0", b"urn:QDA-XML:project:1.0"
    )
    assert_valid(
        b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook>'
        + codes
        + b"</CodeBook></Project>"
    )


def test_cli_export_import_and_codebook_import(rich, tmp_path):
    from typer.testing import CliRunner

    from cmo.cli import app

    runner = CliRunner()
    out = tmp_path / "via-cli.qdpx"
    result = runner.invoke(app, ["export", "qdpx", "-o", str(out), "-p", str(rich.path)])
    assert result.exit_code == 0, result.output
    assert "2 transcript(s)" in result.output
    again = runner.invoke(app, ["export", "qdpx", "-o", str(out), "-p", str(rich.path)])
    assert again.exit_code != 0 and "--force" in str(again.exception)
    qdc = runner.invoke(app, ["export", "qdc", "-o", str(tmp_path / "c.qdc"), "-p", str(rich.path)])
    assert qdc.exit_code == 0 and (tmp_path / "c.qdc").stat().st_size > 1000
    target = new_project(tmp_path / "cli-copy")
    target.close()
    result = runner.invoke(app, ["import-qdpx", str(out), "-p", str(target.path), "--json"])
    assert result.exit_code == 0, result.output
    assert '"codings": 8' in result.output
    # The real entry point: a clash is one line on stderr and exit code 4 (Conflict).
    twice = run_cmo("import-qdpx", out, "-p", target.path)
    assert twice.returncode == 4 and "already in the project" in twice.stderr
    assert len(twice.stderr.strip().splitlines()) == 1
    result = runner.invoke(
        app, ["codebook", "import", str(FIXTURES / "atlas.qdc"), "-p", str(target.path)]
    )
    assert result.exit_code == 0, result.output
    assert "codes added" in result.output


def test_demo_project_round_trip(tmp_path, demo_factory):
    from cmo.refi.import_qdpx import import_qdpx
    from cmo.store.project import open_project

    source = open_project(demo_factory(tmp_path / "demo"))
    archive = _export(source, tmp_path / "demo.qdpx")
    with zipfile.ZipFile(archive) as z:
        assert_valid(z.read("project.qde"))
    target = new_project(tmp_path / "demo-copy", codebook=False)
    import_qdpx(target.store, archive)
    before, after = _snapshot(source.store), _snapshot(target.store)
    for key in before:
        assert after[key] == before[key], key
    source.close()
    target.close()


def test_import_into_a_project_with_the_same_people_fills_gaps_only(rich, tmp_path):
    from cmo.ingest.service import import_files
    from cmo.refi.import_qdpx import import_qdpx

    from ..qdpx_helpers import SECOND_INTERVIEW

    archive = _export(rich, tmp_path / "project.qdpx")
    target = new_project(tmp_path / "copy")
    earlier = tmp_path / "sittard-eerder.txt"
    earlier.write_text(SECOND_INTERVIEW, encoding="utf-8")
    import_files(target.store, [earlier], casus="Participatiehuis Sittard-Geleen")
    person = target.store.participants.set("Petra", attributes={"team": "noord"})
    assert person.role == ""
    report = import_qdpx(target.store, archive)
    assert report.casussen_existing == ["Participatiehuis Sittard-Geleen"]
    after = target.store.participants.get("Petra")
    assert after.guid == person.guid  # the project's own participant keeps its identity
    assert after.role == "klantmanager" and after.attributes == {"team": "noord"}
    assert len(target.store.transcripts.all()) == 3
    target.close()


def test_round_trip_keeps_evidence_directions_theory_versions_and_chains(rich, tmp_path):
    """What cmo adds to CMOCs: evidence against, the edited sentence, the programme
    theory's versions (with their judgements) and the chains between CMOCs."""
    from cmo.refi.import_qdpx import import_qdpx

    store = rich.store
    first, second = (c.id for c in store.cmocs.all()[:2])
    cited = store.cmocs.all()[0].evidence[0]
    same = store.codings.get(cited).transcript_id  # evidence lies in the CMOC's casus
    other = next(
        c.id
        for c in store.codings.all(transcript_id=same)
        if c.id not in store.cmocs.all()[0].evidence
    )
    store.cmocs.link_evidence(first, [other], direction="weerspreekt")
    store.cmocs.update(first, sentence="Als het klikt, dan komt men terug, omdat …")
    store.theory.new_version("ronde 1", note="Eerste ronde.")
    store.theory.set_entry(
        first, status="verfijnd", confidence="midden", rationale="Twee casussen."
    )
    store.theory.new_version("ronde 2")
    store.theory.set_entry(second, status="weerlegd", change="Tegenbewijs uit Sittard.")
    store.theory.add_chain(first, second, note="De uitkomst is de context.")

    def kept(s):
        texts = {t.id: t for t in s.transcripts.all()}
        codings = {c.id: c for c in s.codings.all()}

        def key(coding_id):
            c = codings[coding_id]
            return (texts[c.transcript_id].name, c.start, c.end, c.code_id, c.coder)

        return {
            "evidence": sorted(
                (cmoc, key(coding), direction)
                for cmoc, coding, direction in s.fetch(
                    "SELECT cmoc_id, coding_id, direction FROM cmoc_evidence"
                )
            ),
            "sentences": sorted((c.id, c.sentence) for c in s.cmocs.all()),
            "versions": [
                (number, name, note, at, _entries_by_key(entries, key))
                for number, name, note, at, entries in s.fetch(
                    "SELECT id, name, note, created_at, entries FROM theory_version ORDER BY id"
                )
            ],
            "chains": s.fetch("SELECT from_cmoc, to_cmoc, note, created_at FROM cmoc_chain"),
        }

    before = kept(store)
    assert {d for *_, d in before["evidence"]} == {"ondersteunt", "weerspreekt"}
    assert len(before["versions"]) == 2 and len(before["chains"]) == 1
    archive = _export(rich, tmp_path / "project.qdpx")
    assert_valid(zipfile.ZipFile(archive).read("project.qde"))
    target = new_project(tmp_path / "copy", codebook=False)
    report = import_qdpx(target.store, archive)
    assert report.warnings == []
    after = kept(target.store)
    for part in before:
        assert after[part] == before[part], part
    target.close()
    # A project with versions of its own keeps them: rounds are not interleaved.
    own = new_project(tmp_path / "own", codebook=False)
    own.store.theory.new_version("eigen ronde")
    report = import_qdpx(own.store, archive)
    assert report.warnings == [
        "2 programme theory version(s) in the file not imported: the project has versions "
        "of its own"
    ]
    assert [r[0] for r in own.store.fetch("SELECT name FROM theory_version")] == ["eigen ronde"]
    assert kept(own.store)["chains"] == before["chains"]
    own.close()


def _entries_by_key(entries, key):
    """A version's entries, the codings of each snapshot named by ``key`` (not row id)."""
    import json

    entries = json.loads(entries) if isinstance(entries, str) else entries
    out = {}
    for cmoc_id, entry in entries.items():
        was = dict(entry["was"])
        for field in ("supporting", "against"):
            was[field] = sorted(key(i) for i in was[field])
        out[cmoc_id] = {**entry, "was": was}
    return out
