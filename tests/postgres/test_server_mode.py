"""A project on a real PostgreSQL server: schema, import, coding, undo and the summaries."""

from __future__ import annotations

import pytest

from tests.cli import run_cmo
from tests.samples import CODEBOOK, SAMPLE_INTERVIEW

pytestmark = pytest.mark.postgres


def test_init_on_the_server_keeps_the_url_but_never_the_password(pg_server, tmp_path):
    """`cmo init --db URL` makes a server project whose project.toml names the database
    without its password (libpq finds that in PGPASSWORD or ~/.pgpass)."""
    from cmo.store.guard import PASSWORD_WARNING
    from cmo.store.project import SETTINGS, open_project

    url = pg_server.new_database()
    with_password = url.replace(f"{pg_server.user}@", f"{pg_server.user}:geheim@", 1)
    folder = tmp_path / "team"
    made = run_cmo("init", folder, "--db", with_password)
    assert made.returncode == 0, made.stderr
    assert PASSWORD_WARNING in made.stderr and "geheim" not in made.stdout + made.stderr
    settings = (folder / SETTINGS).read_text(encoding="utf-8")
    assert "geheim" not in settings and url.split("?")[0] in settings
    with open_project(folder) as proj:
        assert proj.store.engine.dialect.name == "postgresql"
        assert len(proj.store.codebook.codes()) > 0  # the codebook went to the server


@pytest.fixture
def pg_project(tmp_path, pg_url):
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.store.project import init_project

    proj = init_project(tmp_path / "team", name="team", coder="anna", database=pg_url)
    proj.store.codebook.load(load_codebook(CODEBOOK))
    yield proj
    proj.close()


def _import_sample(proj, tmp_path):
    from cmo.ingest.service import import_files

    path = tmp_path / "cirkel-client1.txt"
    path.write_text(SAMPLE_INTERVIEW, encoding="utf-8")
    import_files(proj.store, [path], casus="De Cirkel Almere", roles={"R": "cliënt"})
    return proj.store.transcripts.get("cirkel-client1")


def test_project_on_server_codes_undoes_and_summarises(pg_project, tmp_path):
    store = pg_project.store
    assert store.engine.dialect.name == "postgresql"
    t = _import_sample(pg_project, tmp_path)
    turn = store.transcripts.turns(t.id)[1]
    coding = store.codings.add(t.id, turn.start, turn.end, "m3c", coder="anna")
    assert coding.code_id == "M3c"
    summary = {r["name"]: r for r in store.transcripts.summaries()}["cirkel-client1"]
    assert (summary["codings"], summary["coded_turns"]) == (1, 1)
    store.codings.remove(coding.id, actor="bram")
    assert store.codings.all(t.id) == []
    store.history.undo()
    assert [c.id for c in store.codings.all(t.id)] == [coding.id]
    actions = [(c["actor"], c["action"], c["state"]) for c in store.history.recent()]
    assert actions[:2] == [("bram", "coding.remove", "undone"), ("anna", "coding.add", "done")]


def test_change_by_one_store_is_seen_by_another(pg_project, tmp_path):
    from cmo.store.project import open_project

    t = _import_sample(pg_project, tmp_path)
    other = open_project(pg_project.path)
    try:
        assert other.store.url == pg_project.store.url

        before = other.store.history.stamp()
        pg_project.store.codings.add(t.id, 0, 9, "C1", coder="anna")
        assert other.store.history.stamp() == (before[0] + 1, before[1] + 1)
        assert [c.coder for c in other.store.codings.all(t.id)] == ["anna"]
        other.store.codings.add(t.id, 0, 9, "C1", coder="bram")
        assert sorted(c.coder for c in pg_project.store.codings.all(t.id)) == ["anna", "bram"]
    finally:
        other.close()


def test_migration_from_v1_gives_the_fresh_schema(pg_url, tmp_path):
    """Same migrations on PostgreSQL: a v1 database upgrades to what create_all makes."""
    from sqlalchemy import inspect, text

    from cmo.store import schema as tables
    from cmo.store.store import Store

    fresh = Store(pg_url)
    with fresh.write() as conn:
        for name in tables.V2_TABLES[::-1]:
            conn.execute(text(f'DROP TABLE "{name}"'))
        conn.execute(text("ALTER TABLE participant DROP COLUMN pseudonym"))
        conn.execute(text("ALTER TABLE coding DROP COLUMN status"))
        for table in ("code", "cluster"):  # added by migration 4
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN named_alone"))
        conn.execute(text("UPDATE meta SET value = '1' WHERE key = 'schema_version'"))
    fresh.close()
    upgraded = Store(pg_url)
    try:
        assert upgraded.migrations_applied and upgraded.migrations_applied != ["create"]
        with upgraded.read() as conn:
            found = inspect(conn)
            columns = {
                name: {c["name"] for c in found.get_columns(name)}
                for name in found.get_table_names()
            }
        expected = {
            name: {c.name for c in table.columns}
            for name, table in tables.SQLModel.metadata.tables.items()
        }
        assert columns == expected
    finally:
        upgraded.close()


def test_a_missing_server_database_is_a_one_line_error(pg_server, tmp_path):
    from cmo.core.errors import ProjectError
    from cmo.store.project import init_project, open_project

    url = pg_server.url("bestaat_niet")
    with pytest.raises(ProjectError, match="bestaat_niet.*: cannot open the database.*createdb"):
        init_project(tmp_path / "a", database=url)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "project.toml").write_text(f'name = "b"\ndatabase = "{url}"\n')
    with pytest.raises(ProjectError, match="bestaat_niet.*: cannot open the database.*createdb"):
        open_project(tmp_path / "b")


def test_a_server_project_exports_what_the_same_project_in_sqlite_exports(
    pg_project, project, tmp_path
):
    """Both stores read an export by the same plain SQL; on PostgreSQL the driver gives
    JSON, booleans and quoted column names its own way, and the QDPX must not notice."""
    import re

    from cmo.refi.export_data import load
    from cmo.refi.export_qdpx import project_xml

    guid = re.compile(
        r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    )
    stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")
    xmls = []
    for proj, folder in ((pg_project, tmp_path / "pg"), (project, tmp_path / "lite")):
        folder.mkdir()
        t = _import_sample(proj, folder)
        turn = proj.store.transcripts.turns(t.id)[1]
        coding = proj.store.codings.add(t.id, turn.start, turn.end, "M3c", coder="anna")
        proj.store.memos.set("coding", coding.id, "Een memo bij de codering.", "anna")
        xml = project_xml(load(proj.store), "p", "2026-01-01T00:00:00Z")
        # GUIDs and time stamps are made per project; the rest must be one document.
        xmls.append(stamp.sub("T", guid.sub("G", xml)))
    pg_xml, lite_xml = xmls
    assert "Een memo bij de codering." in pg_xml and "<PlainTextSelection" in pg_xml
    assert pg_xml.count("<Code ") > 0
    assert pg_xml == lite_xml


def test_the_analyses_count_the_same_on_a_server(pg_project, project, tmp_path):
    """The coders and the codings awaiting review are found through the index of coders
    (a recursive query) on both stores; the tables must come out the same."""
    from sqlalchemy import text

    from cmo.analysis.cooccurrence import cooccurrence
    from cmo.analysis.corpus import load_corpus
    from cmo.analysis.frequencies import frequency_table

    results = []
    for proj, folder in ((pg_project, tmp_path / "pg"), (project, tmp_path / "lite")):
        folder.mkdir()
        t = _import_sample(proj, folder)
        turns = proj.store.transcripts.turns(t.id)
        for i, coder in enumerate(("ben", "anna", "cor", "anna")):
            for turn, code in zip(turns[i : i + 3], ("M3c", "O2", "C1"), strict=True):
                proj.store.codings.add(t.id, turn.start, turn.end, code, coder=coder)
        with proj.store.engine.begin() as conn:  # as a replace that could not re-anchor
            conn.execute(text("UPDATE coding SET status = 'review' WHERE coder = 'cor'"))
        corpus = load_corpus(proj.store)
        results.append(
            (
                corpus.coders(),
                corpus.awaiting_review(),
                load_corpus(proj.store, coder="anna").awaiting_review(),
                cooccurrence(corpus).as_dict(),
                cooccurrence(corpus, pool=True).as_dict(),
                frequency_table(corpus).as_dict(),
            )
        )
    server, lite = results
    assert lite[:3] == (["anna", "ben", "cor"], 3, 0)
    assert lite[3]["units"] > 0 and lite[3]["counts"]
    assert server == lite


def test_what_the_workbench_reads_comes_the_same_from_a_server(pg_project, tmp_path):
    """The transcript view's piecewise reads (turn columns and rows, codings by start,
    the longest coding, recent codes) are plain SQL: they run on PostgreSQL too and
    agree with the store's whole-table reads."""
    from cmo.core.domain import Turn

    store = pg_project.store
    t = _import_sample(pg_project, tmp_path)
    turns = store.transcripts.turns(t.id)
    assert len(turns) >= 3
    for turn, code in zip(turns[:3], ["M3c", "M1a", "M3c"], strict=True):
        store.codings.add(t.id, turn.start, turn.end, code, coder="anna")
    store.codings.add(t.id, turns[0].start, turns[2].end, "M1a", coder="bram")
    assert store.transcripts.turn_columns(t.id) == [(x.start, x.end, x.speaker) for x in turns]
    assert [Turn(*r) for r in store.transcripts.turn_rows(t.id, 1, 2)] == turns[1:3]
    every = sorted(store.codings.all(t.id), key=lambda c: (c.start, c.id))
    assert store.codings.of_transcript(t.id) == every
    assert store.codings.starting_in(t.id, turns[1].start, turns[2].start) == [
        c for c in every if turns[1].start <= c.start < turns[2].start
    ]
    assert store.codings.longest(t.id) == max(c.end - c.start for c in every)
    assert store.queries.recent_codes() == ["M1a", "M3c"]
    assert store.queries.recent_codes(coder="anna") == ["M3c", "M1a"]
