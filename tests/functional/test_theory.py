"""Programme theory on the demo project and on small projects: versions, diffs, history,
evidence direction in the exports, chains, the diagram and the report read back."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cmo.cli import app
from cmo.core.errors import Conflict

RUNNER = CliRunner()


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_factory) -> Path:
    return demo_factory(tmp_path_factory.mktemp("theory") / "demo")


def cmo(path: Path, *args: str, code: int = 0):
    result = RUNNER.invoke(app, [*args, "--project", str(path)])
    assert result.exit_code == code, result.output
    return result


def refused(path: Path, *args: str, exit_code: int) -> str:
    """The one-line error of a refused command (as ``cmo`` prints it) after its exit code."""
    from cmo.core.errors import CmoError

    result = RUNNER.invoke(app, [*args, "--project", str(path)])
    assert isinstance(result.exception, CmoError), result.output
    assert result.exception.exit_code == exit_code
    return str(result.exception)


def cmo_json(path: Path, *args: str):
    return json.loads(cmo(path, *args, "--json").stdout)


def _store(path: Path):
    from cmo.store.project import open_project

    return open_project(path)


def test_demo_has_two_versions_with_refined_and_refuted_cmocs(demo):
    listed = cmo_json(demo, "theory", "list")
    assert [v["name"] for v in listed] == ["initiële programmatheorie", "ronde 2"]
    assert listed[0]["statuses"]["hypothese"] == 6
    assert listed[1]["statuses"]["verfijnd"] >= 1 and listed[1]["statuses"]["weerlegd"] >= 1
    diff = cmo_json(demo, "theory", "diff", "1", "ronde 2")
    by_id = {d["id"]: d for d in diff["cmocs"]}
    refined = by_id["CMOC-06"]
    assert refined["after"]["status"] == "verfijnd"
    assert "reasoning" in refined["fields"]  # its content moved, and the diff knows the old text
    assert refined["before"]["content"]["reasoning"] != refined["after"]["content"]["reasoning"]
    assert "belemmeringen" in refined["after"]["content"]["reasoning"]


def test_evidence_against_is_counted_per_casus_and_participant(demo):
    shown = {c["id"]: c for c in cmo_json(demo, "theory", "show")["cmocs"]}
    with _store(demo) as project:
        refuted = project.store.cmocs.get("CMOC-04")
        with project.store.read() as conn:
            directions = dict(
                conn.exec_driver_sql(
                    "SELECT coding_id, direction FROM cmoc_evidence WHERE cmoc_id = 'CMOC-04'"
                ).all()
            )
    against = sorted(c for c, d in directions.items() if d == "weerspreekt")
    assert against == list(refuted.against) and len(against) == 3
    assert shown["CMOC-04"]["against"] == 3
    assert sum(b for _a, b in shown["CMOC-04"]["per_casus"].values()) == 3
    # Every CMOC's counts add up over casussen, for and against.
    for c in shown.values():
        assert sum(a for a, _b in c["per_casus"].values()) == c["for"]
        assert sum(b for _a, b in c["per_casus"].values()) == c["against"]


def test_counts_per_casus_recomputed_from_the_database(demo):
    """For and against per CMOC and casus, counted in SQL: distinct span and code."""
    with _store(demo) as project, project.store.read() as conn:
        found = conn.exec_driver_sql(
            """
            SELECT e.cmoc_id, c.name, e.direction,
                   COUNT(DISTINCT g.transcript_id || ':' || g.start || ':' || g."end"
                                  || ':' || g.code_id)
            FROM cmoc_evidence e JOIN coding g ON g.id = e.coding_id
            JOIN transcript t ON t.id = g.transcript_id JOIN casus c ON c.id = t.casus_id
            GROUP BY e.cmoc_id, c.name, e.direction
            """
        ).all()
    expected: dict = {}
    for cmoc_id, casus, direction, n in found:
        pair = expected.setdefault(cmoc_id, {}).setdefault(casus, [0, 0])
        pair[direction == "weerspreekt"] += n
    shown = {c["id"]: c["per_casus"] for c in cmo_json(demo, "theory", "show")["cmocs"]}
    assert shown == expected


def test_the_matrix_exports_carry_the_direction_and_the_sentence(demo, tmp_path):
    import csv

    out = tmp_path / "m.csv"
    cmo(demo, "export", "matrix", "-f", "csv", "--layout", "evidence", "-o", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    against = [r for r in rows if r["Richting"] == "weerspreekt"]
    assert {r["CMOC"] for r in against} == {"CMOC-04", "CMOC-06"}
    assert len([r for r in against if r["CMOC"] == "CMOC-04"]) == 3
    out = tmp_path / "m2.csv"
    cmo(demo, "export", "matrix", "-f", "csv", "-o", str(out))
    rows = {r["CMOC"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["CMOC-04"]["Bewijs tegen"] == "3"
    assert int(rows["CMOC-04"]["Bewijs voor"]) + 3 == int(rows["CMOC-04"]["Fragmenten"])
    assert rows["CMOC-01"]["Als–dan–omdat"].startswith("Als sociaal netwerk van de cliënt, dan ")


def test_chains_refuse_cycles_and_show_in_the_diagram(demo, tmp_path):
    message = refused(demo, "cmoc", "chain", "CMOC-06", "CMOC-03", exit_code=4)
    assert message == "CMOC-06 → CMOC-03 would make a cycle: CMOC-06 → CMOC-03 → CMOC-06"
    chains = cmo_json(demo, "cmoc", "chains")["chains"]
    assert ["CMOC-01", "CMOC-02"] in chains and ["CMOC-03", "CMOC-06"] in chains
    svg = tmp_path / "t.svg"
    cmo(demo, "export", "theory", "-f", "svg", "-o", str(svg))
    from xml.etree import ElementTree

    tree = ElementTree.parse(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    titles = [t.text for t in tree.iterfind(".//s:g[@class='node']/s:title", ns)]
    assert sorted(titles) == [f"CMOC0{i}" for i in range(1, 7)]
    edges = [t.text for t in tree.iterfind(".//s:g[@class='edge']/s:title", ns)]
    assert "CMOC01->CMOC02" in edges and "CMOC03->CMOC06" in edges
    text = " ".join(t.text or "" for t in tree.iter("{http://www.w3.org/2000/svg}text"))
    assert "weerlegd" in text and "verfijnd" in text and "3 tegen" in text
    mermaid = tmp_path / "t.mmd"
    cmo(demo, "export", "theory", "-f", "mermaid", "-o", str(mermaid))
    body = mermaid.read_text(encoding="utf-8")
    assert body.startswith("flowchart LR") and "CMOC01 -->" in body
    assert len(re.findall(r"^    CMOC0\d\[", body, re.M)) == 6


def test_the_docx_report_reads_back_with_whole_quotes(demo, tmp_path):
    from docx import Document

    from cmo.core.rameses import ITEMS

    out = tmp_path / "r.docx"
    cmo(demo, "export", "report", "-f", "docx", "-o", str(out))
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for wanted in (
        "Programmatheorie",
        "CMO-configuraties",
        "Mechanismetabel",
        "Veranderingen in de programmatheorie",
        "RAMESES II",
        "De Cirkel Almere",
    ):
        assert wanted in headings, wanted
    assert len(doc.inline_shapes) >= 3  # diagram across, per casus, heatmap
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    rameses = next(t for t in doc.tables if t.rows[0].cells[0].text == "Nr" and len(t.rows) == 21)
    assert [r.cells[2].text for r in rameses.rows[1:]] == [i.title for i in ITEMS]
    # Every quote in the report is the whole coded text of some coding.
    with _store(demo) as project:
        store = project.store
        texts = {t.id: t.text for t in store.transcripts.all()}
        coded = {
            " ".join(texts[c.transcript_id][c.start : c.end].split()) for c in store.codings.all()
        }
    quotes = [m.group(1) for c in cells for m in re.finditer(r"^“(.+)” — ", c)]
    assert len(quotes) >= 12
    assert all(q in coded for q in quotes), [q for q in quotes if q not in coded][:2]
    assert any("tegen" in c for c in cells)
    changes = next(
        t
        for t in doc.tables
        if t.rows[0].cells[0].text == "CMOC" and t.rows[0].cells[1].text == "Verandering"
    )
    moved = {r.cells[0].text: r.cells[3].text for r in changes.rows[1:]}
    assert moved["CMOC-04"] == "weerlegd, middel"


def test_the_markdown_report_has_mermaid_and_every_rameses_item(demo, tmp_path):
    from cmo.core.rameses import ITEMS

    out = tmp_path / "r.md"
    cmo(demo, "export", "report", "-f", "md", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "```mermaid\nflowchart LR" in text
    assert all(f"| {i.number} | {i.section} | {i.title} |" in text for i in ITEMS)
    assert (tmp_path / "r-heatmap.png").stat().st_size > 1000


@pytest.fixture
def small(tmp_path):
    """A project with two casussen, one CMOC each and one across, and a few codings."""
    from cmo.commands.foundation import BUNDLED_CODEBOOK
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.store.project import init_project

    project = init_project(tmp_path / "p", coder="anna")
    store = project.store
    store.codebook.load(load_codebook(BUNDLED_CODEBOOK))
    for name in ("A", "B"):
        store.casussen.add(name)
        source = tmp_path / f"{name}.txt"
        source.write_text(
            "I: Vraag?\nR: Ik kom elke week terug voor de koffie.\n", encoding="utf-8"
        )
        from cmo.ingest.service import import_files

        import_files(store, [source], casus=name, name=f"int-{name}")
    project.close()
    return tmp_path / "p"


def test_versions_judgements_and_chains_undo_through_the_change_log(small):

    with _store(small) as project:
        store = project.store
        first = store.cmocs.add(contexts=["C3"], mechanisms=["M3c"], outcomes=["O2"], actor="anna")
        second = store.cmocs.add(contexts=["C2"], mechanisms=["M4"], outcomes=["O3"], actor="anna")
        store.theory.new_version("ronde 1", actor="anna")
        with pytest.raises(Conflict):
            store.theory.new_version("Ronde 1", actor="anna")
        store.theory.set_entry(
            first.id, status="ondersteund", confidence="hoog", rationale="x", actor="anna"
        )
        store.theory.add_chain(first.id, second.id, actor="anna")
    cmo(small, "undo", "--coder", "anna")  # the chain
    with _store(small) as project:
        assert project.store.theory.chain_links() == []
    cmo(small, "undo", "--coder", "anna")  # the judgement
    history = cmo_json(small, "theory", "history", "CMOC-01")
    assert [(h["status"], h["confidence"]) for h in history] == [("hypothese", "laag")]
    cmo(small, "redo", "--coder", "anna")
    history = cmo_json(small, "theory", "history", "CMOC-01")
    assert [(h["status"], h["confidence"], h["rationale"]) for h in history] == [
        ("ondersteund", "hoog", "x")
    ]
    cmo(small, "theory", "new", "ronde 2", "--coder", "anna")
    cmo(
        small,
        "theory",
        "set",
        "CMOC-01",
        "--status",
        "weerlegd",
        "--change",
        "nee",
        "--coder",
        "anna",
    )
    history = cmo_json(small, "theory", "history", "CMOC-01")
    assert [h["status"] for h in history] == ["ondersteund", "weerlegd"]
    assert history[1]["change"] == "nee" and history[1]["confidence"] == "hoog"  # carried over
    message = refused(small, "theory", "set", "CMOC-01", "--status", "misschien", exit_code=2)
    assert "status must be one of" in message


def test_evidence_direction_survives_removing_and_undoing_a_coding(small):

    with _store(small) as project:
        store = project.store
        t = store.transcripts.get("int-A")
        start = t.text.index("Ik kom")
        coding = store.codings.add(t.id, start, start + 10, "M3c", coder="anna")
        made = store.cmocs.add(mechanisms=["M3c"], actor="anna")
        store.cmocs.link_evidence(made.id, [coding.id], actor="anna", direction="weerspreekt")
        assert store.cmocs.get(made.id).against == (coding.id,)
        store.codings.remove(coding.id, actor="anna")
    cmo(small, "undo", "--coder", "anna")
    with _store(small) as project:
        assert project.store.cmocs.get("CMOC-01").against == (coding.id,)


def test_migration_5_adds_directions_sentences_and_theory_tables(small):
    """A database from before version 5: no direction, no sentence, no theory tables.

    Migration 5 runs on it directly (the migrations of other versions are not part of
    this test); it must also be harmless where an earlier step made today's tables.
    """
    from sqlalchemy import create_engine

    from cmo.store.migrations import MIGRATIONS

    db = small / "cmo.db"
    con = sqlite3.connect(db)
    con.executescript(
        """
        INSERT INTO cmoc (id, title, contexts, mechanisms, outcomes, resource, reasoning,
                          fired, relation, memo, created_at, updated_at, guid, sentence)
        VALUES ('CMOC-01', 'oud', '[]', '["M3c"]', '[]', '', '', 'geactiveerd',
                'ondersteunt', '', '', '', 'g', '');
        INSERT INTO coding (id, transcript_id, start, "end", code_id, coder, memo,
                            created_at, updated_at, status, guid)
        VALUES (99, 1, 0, 3, 'M3c', 'anna', '', '', '', 'ok', 'gc');
        INSERT INTO cmoc_evidence (cmoc_id, coding_id, direction) VALUES ('CMOC-01', 99, 'x');
        DROP TABLE theory_version;
        DROP TABLE cmoc_chain;
        ALTER TABLE cmoc DROP COLUMN sentence;
        ALTER TABLE cmoc_evidence DROP COLUMN direction;
        """
    )
    con.commit()
    con.close()
    (step,) = [m for m in MIGRATIONS if m.version == 5]
    engine = create_engine(f"sqlite:///{db}")
    for _twice in range(2):
        with engine.begin() as conn:
            step.apply(conn)
    engine.dispose()
    con = sqlite3.connect(db)
    columns = {
        t: {r[1] for r in con.execute(f"PRAGMA table_info({t})")} for t in ("cmoc", "cmoc_evidence")
    }
    (direction,) = con.execute("SELECT direction FROM cmoc_evidence").fetchone()
    con.close()
    assert "sentence" in columns["cmoc"] and "direction" in columns["cmoc_evidence"]
    assert direction == "ondersteunt"
    with _store(small) as project:
        old = project.store.cmocs.get("CMOC-01")
        assert old.evidence == (99,) and old.against == () and old.sentence == ""
    assert cmo_json(small, "theory", "list") == []
    # Without any version the report still comes out, every CMOC a hypothesis.
    cmo(small, "export", "report", "-f", "md", "-o", str(small / "r.md"))
    text = (small / "r.md").read_text(encoding="utf-8")
    assert "| CMOC-01 | oud | hypothese | laag |" in text
    assert "Er is nog geen eerdere versie" in text
    cmo(small, "theory", "new", "ronde 1")
    assert cmo_json(small, "theory", "list")[0]["statuses"]["hypothese"] == 1


def test_forty_cmocs_make_compact_cards_in_a_page_shaped_svg():
    from xml.etree import ElementTree

    from cmo.analysis.theory import CmocView, TheoryView
    from cmo.core.chains import chains
    from cmo.core.cmoc import Cmoc
    from cmo.core.evidence import count_evidence, suggest_confidence
    from cmo.core.theory import TheoryEntry
    from cmo.export.theory_diagram import graph, render

    views = []
    for k in range(1, 41):
        x = Cmoc(id=f"CMOC-{k:02d}", title=f"Configuratie {k}", mechanisms=("M1a",))
        counts = count_evidence([("A", ("p1",), "ondersteunt")] * k)
        entry = TheoryEntry(x.id, "ondersteund", "middel")
        views.append(CmocView(x, "A", "Als …", entry, counts, suggest_confidence(counts)))
    links = [("CMOC-01", "CMOC-02")]
    view = TheoryView("alle casussen", None, views, chains(links), links, [])
    svg = ElementTree.fromstring(render(graph(view, {}), "svg"))
    ns = {"s": "http://www.w3.org/2000/svg"}
    titles = {t.text for t in svg.iterfind(".//s:g[@class='node']/s:title", ns)}
    assert titles == {f"CMOC{k:02d}" for k in range(1, 41)}
    text = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert "Configuratie 40" in text and "40 voor / 0 tegen" in text
    assert "vertrouwen" not in text  # the compact footer; a full card says "vertrouwen middel"
    width, height = (float(svg.get(a).removesuffix("pt")) for a in ("width", "height"))
    assert 1.0 < height / width < 2.5  # a page, not a ribbon
