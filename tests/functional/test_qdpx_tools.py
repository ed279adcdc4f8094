"""Importing QDPX and QDC files in the shapes other tools write (tests/data/qdpx/).

The fixtures are written by hand from the REFI-QDA standard and the quirks each tool
is known for: ATLAS.ti (upper-case and braced GUIDs, \\r\\n counted as one, code
groups with ``MemberCode guid=``, PDF sources and graphs), NVivo (UTF-16 sources,
\\r\\n counted as two, annotations as Notes linked to selections, codable family
nodes, ``Sources/``), MAXQDA (``qda:`` prefix, two documents with one name, nameless
cases carrying document variables, comments as selections without codes, deep code
trees, short colours), QualCoder (categories not codable, inline text, a source next
to the archive via ``relative://`` that is left out, a selection past the end of the text).
"""

from __future__ import annotations

import pytest

from ..qdpx_helpers import FIXTURES, new_project, zip_fixture


def _import(name: str, tmp_path, codebook: bool = True, **options):
    from cmo.refi.import_qdpx import import_qdpx

    archive = zip_fixture(name, tmp_path)
    proj = new_project(tmp_path / "p", codebook=codebook)
    report = import_qdpx(proj.store, archive, **options)
    return proj, report


def _coded(store) -> list[tuple[str, str, str, str]]:
    texts = {t.id: t for t in store.transcripts.all()}
    return sorted(
        (
            texts[c.transcript_id].name,
            c.code_id,
            texts[c.transcript_id].text[c.start : c.end],
            c.coder,
        )
        for c in store.codings.all()
    )


def test_atlas_ti(tmp_path):
    proj, report = _import("atlas", tmp_path)
    store = proj.store
    assert _coded(store) == [
        ("Participatiehuis deelnemer 2", "C3", "Mijn buurvrouw", "Marieke"),
        ("Participatiehuis deelnemer 2", "M1c", "weer structuur gevonden", "Marieke"),
        (
            "Participatiehuis deelnemer 2",
            "persoonlijke-aandacht",
            "denkt echt met me mee",
            "Marieke",
        ),
        ("Participatiehuis deelnemer 2", "sfeer", "Het café is gezellig", ""),
    ]
    assert report.codes_mapped == 2  # M1c and C3 by id
    nested = store.codebook.code("persoonlijke-aandacht")
    assert nested.parent == "relatie" and nested.emergent and nested.colour == ""
    assert nested.definition == "De klantmanager neemt de tijd."
    assert "\r" not in store.transcripts.all()[0].text
    assert report.unmodelled == {"Graphs": 1, "PDFSource": 1, "Set": 1}
    assert any("left out" in w and "PDFSource" in w for w in report.warnings)
    assert any("no case refers" in w for w in report.warnings)
    assert [c.name for c in store.casussen.all()] == ["Participatie ATLAS"]
    assert [(m.target_kind, m.text, m.author) for m in store.memos.all()] == [
        ("transcript", "Opgenomen in de huiskamer.", "Marieke")
    ]
    proj.close()


def test_nvivo(tmp_path):
    proj, report = _import("nvivo", tmp_path)
    store = proj.store
    assert _coded(store) == [
        ("Focusgroep Ede", "M1d", "ouderen met klussen, dat voelt nuttig", "JdV"),
        ("Focusgroep Ede", "ahmed", "Ik help", ""),
        # A codable node named after a family is still a code: its codings are kept.
        ("Focusgroep Ede", "mechanismen", "trots dat ik weer iets kan", "JdV"),
        ("Focusgroep Ede", "trots", "trots dat ik weer iets kan", "JdV"),
    ]
    assert any("two characters" in w for w in report.warnings)
    assert not any("family or cluster node" in w for w in report.warnings)
    assert store.codebook.code("mechanismen").name == "Mechanismen"
    assert store.codebook.code("mechanismen").family == "M"
    trots = store.codebook.code("trots")
    assert trots.family == "M" and trots.parent == "zelfeffectiviteit" and trots.emergent
    assert trots.name == "Trots" and trots.named_alone
    assert not store.codebook.code("M1d").emergent  # 'Zinvol werk' mapped by name, not added
    casus = store.casussen.get("Service voor de Wijk Ede")
    assert casus.attributes == {"Cases:Leeftijd": "12"}
    memos = {(m.target_kind, m.text) for m in store.memos.all()}
    assert ("casus", "Wijkservice in Ede-Noord") in memos
    annotated = next(c for c in store.codings.all() if c.code_id == "trots")
    assert annotated.memo == "Sandra noemt dit zelf, niet gevraagd."  # NVivo annotation
    proj.close()


def test_maxqda(tmp_path):
    proj, report = _import("maxqda", tmp_path)
    store = proj.store
    assert report.transcripts == ["Interview", "Interview (2)"]
    assert _coded(store) == [
        ("Interview", "M1c", "een vaste plek en een ritme", "Lotte"),
        ("Interview", "via-klantmanager", "via de klantmanager", "Lotte"),
        # "M4 Belemmeringen" is not code M4 ("Opruimen van belemmeringen"): a first word
        # is never an id, so it is a code of its own, under its own name.
        ("Interview (2)", "m4-belemmeringen", "De schuldhulp heeft alles geregeld", "Lotte"),
    ]
    assert store.codebook.code("m4-belemmeringen").name == "M4 Belemmeringen"
    assert [(m.their_name, m.our_id, m.rule) for m in report.mappings] == [
        ("M1c Structuur", "M1c", "name")
    ]
    route = store.codebook.code("route")
    assert route.cluster == "toegang" and route.colour == "#f00"  # as the file wrote it
    assert store.codebook.code("via-klantmanager").parent == "route"
    assert {c.name for c in store.casussen.all()} == {"Participatiehuis Sittard-Geleen"}
    comment = next(m for m in store.memos.all() if m.target_kind == "transcript")
    assert "Keerpunt in het verhaal" in comment.text and "Nu heb ik" in comment.text
    assert report.unmodelled == {"VariableValue of a document": 1}
    proj.close()


def test_qualcoder(tmp_path):
    proj, report = _import("qualcoder", tmp_path)
    store = proj.store
    assert _coded(store) == [
        ("cirkel-deelnemer.txt", "M1a", "sluit aan bij wat ik wil", "default"),
        ("cirkel-deelnemer.txt", "M1b", "Ik heb een cursus gedaan.", "default"),
    ]
    assert any("ran past the end" in w for w in report.warnings)
    # A source beside the archive (relative://external/…) is not read: nothing outside an
    # archive is; the import says which source it left out.
    assert (tmp_path / "external" / "klantmanager.txt").is_file()
    assert any("external/klantmanager.txt" in w for w in report.warnings)
    assert store.codebook.code("betere-afstemming").family == "O"
    assert store.codings.all(code_id="M1a")[0].memo == "Mooi citaat"
    memos = sorted((m.target_kind, m.text) for m in store.memos.all())
    assert memos == [
        ("project", "Reflectie na week 1."),
        ("transcript", "Eerste interview, goede sfeer."),
    ]
    assert {c.name for c in store.casussen.all()} == {"De Cirkel Almere"}
    proj.close()


def test_codebook_only_project(tmp_path):
    proj, report = _import("codebook_only", tmp_path)
    assert report.transcripts == [] and report.codings == 0
    assert report.codes_added == ["c4-woningmarkt", "betaald-werk"]
    assert report.codes_mapped == 1  # "C1 Relatie WWB en Wmo" is exactly how cmo names C1
    c4 = proj.store.codebook.code("c4-woningmarkt")
    assert (c4.family, c4.colour, c4.definition) == ("C", "#336699", "Huisvesting als voorwaarde")
    assert c4.name == "C4 Woningmarkt" and c4.named_alone
    assert proj.store.codebook.code("betaald-werk").family == "O"
    proj.close()


def test_casus_from_source_and_ask(tmp_path):
    proj, _ = _import("qualcoder", tmp_path, casus_from="source")
    # (the klantmanager source lies outside the archive and is not imported)
    assert {c.name for c in proj.store.casussen.all()} == {"cirkel-deelnemer.txt"}
    proj.close()
    asked = []
    (tmp_path / "p").rename(tmp_path / "p-source")
    proj, _ = _import(
        "qualcoder",
        tmp_path,
        casus_from="ask",
        ask=lambda name, hints: asked.append((name, hints)) or "Gevraagd",
    )
    assert asked[0] == ("cirkel-deelnemer.txt", ["De Cirkel Almere", "cirkel-deelnemer.txt"])
    assert {c.name for c in proj.store.casussen.all()} == {"Gevraagd"}
    proj.close()


def test_import_into_a_project_with_that_casus_reports_it(tmp_path):
    from cmo.refi.import_qdpx import import_qdpx

    archive = zip_fixture("maxqda", tmp_path)
    proj = new_project(tmp_path / "p")
    proj.store.casussen.add("Participatiehuis Sittard-Geleen")
    report = import_qdpx(proj.store, archive)
    assert report.casussen_existing == ["Participatiehuis Sittard-Geleen"]
    assert report.casussen_new == []
    proj.close()


@pytest.mark.parametrize("name", ["atlas.qdc", "qualcoder.qdc"])
def test_qdc_files_of_other_tools(name):
    from cmo.refi.qdc_read import load_qdc

    book = load_qdc(FIXTURES / name, ids_from_names=name == "atlas.qdc")
    by_id = {c.id: c for c in book.codes}
    if name == "atlas.qdc":  # the researcher says the first words are ids
        assert by_id["C1"].colour == "#46AA00" and by_id["C1"].definition == "Beleid en uitvoering"
        assert by_id["O3.1"].parent == "O3" and by_id["O3.1"].family == "O"
        assert by_id["sociaal-netwerk"].family == "M"
    else:  # a UTF-8 BOM, a family node and a category
        assert by_id["vertrouwen"].cluster == "relatie" and by_id["vertrouwen"].family == "M"
        # The family node is kept as a cluster too, so its name survives a round trip.
        assert [(c.id, c.name) for c in book.clusters] == [
            ("mechanismen", "Mechanismen"),
            ("relatie", "Relatie"),
        ]
    assert not any(c.emergent for c in book.codes)  # a codebook is theory, not data


def test_qdc_names_are_names_unless_the_researcher_says_otherwise():
    from cmo.refi.qdc_read import load_qdc

    book = load_qdc(FIXTURES / "atlas.qdc")
    names = {c.id: c.name for c in book.codes}
    assert names["c1-relatie-wwb-en-wmo"] == "C1 Relatie WWB en Wmo"
    assert names["o3-1-geisoleerd"] == "O3.1 Geïsoleerd"
    assert all(c.named_alone for c in book.codes)


def test_qdc_that_is_not_a_codebook(tmp_path):
    from cmo.core.errors import InputError
    from cmo.refi.qdc_read import load_qdc

    path = tmp_path / "x.qdc"
    path.write_text("<Nope/>", encoding="utf-8")
    with pytest.raises(InputError, match="not a REFI-QDA codebook"):
        load_qdc(path)


def test_reversed_and_empty_selections_are_named_in_the_report(tmp_path, monkeypatch):
    import shutil

    from .. import qdpx_helpers

    folder = tmp_path / "fixtures"
    shutil.copytree(FIXTURES / "qualcoder", folder / "qualcoder")
    qde = folder / "qualcoder" / "project.qde"
    text = qde.read_text(encoding="utf-8")
    # The first selection written backwards, the second one made empty.
    text = text.replace(
        'startPosition="22" endPosition="46"', 'startPosition="46" endPosition="22"'
    )
    text = text.replace(
        'startPosition="59" endPosition="124"', 'startPosition="59" endPosition="59"'
    )
    qde.write_text(text, encoding="utf-8")
    monkeypatch.setattr(qdpx_helpers, "FIXTURES", folder)
    archive = zip_fixture("qualcoder", tmp_path)

    from cmo.refi.import_qdpx import import_qdpx

    proj = new_project(tmp_path / "p")
    report = import_qdpx(proj.store, archive)
    assert _coded(proj.store) == [
        ("cirkel-deelnemer.txt", "M1a", "sluit aan bij wat ik wil", "default")
    ]
    assert any("1 selection(s) ended before they started" in w for w in report.warnings)
    assert any("1 empty selection(s) skipped" in w for w in report.warnings)
    proj.close()
