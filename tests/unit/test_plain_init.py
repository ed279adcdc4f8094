"""``cmo init`` and ``cmo import`` with the standard library write what the full store
writes: the same schema, the same meta rows, the same rows in every table.

The plain path (``store.plain_schema``, ``store.quick_import``) spells out in SQL what
SQLModel and the repositories do; these tests hold the two together.
"""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import docx
import pytest

from cmo.ingest.codebook_yaml import load_codebook
from cmo.ingest.service import import_files
from cmo.store import fastpath, plain_schema, stamps
from cmo.store.project import DATABASE, init_project, open_project
from tests.samples import CODEBOOK, FOCUSGROEP, SAMPLE_INTERVIEW


def _master(db: Path) -> list[tuple]:
    # Without rootpage: SQLAlchemy creates a table's indexes in set order, which varies.
    with sqlite3.connect(db) as con:
        return sorted(con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))


def _dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in storage order, with the column names."""
    con = sqlite3.connect(db)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        out = {}
        for name in sorted(names):
            cursor = con.execute(f'SELECT * FROM "{name}" ORDER BY rowid')
            out[name] = [tuple(d[0] for d in cursor.description), *cursor.fetchall()]
        return out
    finally:
        con.close()


def _statements_from_the_classes() -> str:
    """What to put in plain_schema.TABLES when the classes change (shown on failure)."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable
    from sqlmodel import SQLModel

    from cmo.store import schema  # noqa: F401 - registers the tables

    out = []
    for table in SQLModel.metadata.sorted_tables:
        out.append(str(CreateTable(table).compile(dialect=sqlite.dialect())).strip())
        out += sorted(str(CreateIndex(i).compile(dialect=sqlite.dialect())) for i in table.indexes)
    return "\n".join(out)


def test_the_plain_schema_is_the_one_the_table_classes_create(tmp_path):
    from cmo.store.store import Store

    full_db, plain_db = tmp_path / "full.db", tmp_path / "plain.db"
    Store(f"sqlite:///{full_db}").close()
    plain_schema.create_database(plain_db).close()
    full, plain = _master(full_db), _master(plain_db)
    assert len(full) > 30  # tables, their indexes and SQLite's own for keys
    assert plain == full, "plain_schema.TABLES is out of date:\n" + _statements_from_the_classes()
    full_meta, plain_meta = _dump(full_db)["meta"], _dump(plain_db)["meta"]
    assert [r[0] for r in plain_meta] == [r[0] for r in full_meta]  # columns, then keys
    assert dict(plain_meta[1:])["schema_version"] == dict(full_meta[1:])["schema_version"]
    assert len(dict(plain_meta[1:])["project_id"]) == 32
    # Both open as a current project: the standard-library store takes either.
    for db in (full_db, plain_db):
        store = fastpath.open_quick(db)
        assert store is not None
        store.close()


@pytest.fixture
def steady(monkeypatch):
    """GUIDs and time stamps drawn in order from a counter: two runs that draw them in
    the same order get the same values."""
    counter = itertools.count()

    def reset() -> None:
        nonlocal counter
        counter = itertools.count()

    monkeypatch.setattr(stamps, "new_guid", lambda: f"guid-{next(counter)}")
    monkeypatch.setattr(stamps, "now", lambda: "2026-01-02T03:04:05.678+00:00")
    return reset


def _files(folder: Path) -> list[Path]:
    folder.mkdir()
    utf8 = folder / "cirkel-client1.txt"
    utf8.write_text(SAMPLE_INTERVIEW, encoding="utf-8")
    windows = folder / "cirkel-client2.txt"
    windows.write_bytes(
        "I: Hoe gaat het met de cursus?\r\n"
        "R: Goed, ‘echt’ beter dan ik dacht, één keer per week.\r\n"
        "Marieke: En de reiskosten?\r\nR: Die worden niet vergoed.\r\n".encode("cp1252")
    )
    group = folder / "fg-wijk.txt"
    group.write_text(FOCUSGROEP, encoding="utf-8")
    document = docx.Document()
    for line in ("Interview buurtcoach", "I: Wat doet u?", "Buurtcoach Ans: Ik begeleid mensen."):
        document.add_paragraph(line)
    document.save(folder / "coach.docx")
    (folder / "gesprek.vtt").write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Marieke>Ik ben begonnen.\n\n"
        "00:00:05.000 --> 00:00:08.000\n<v GL>Hoe was dat?\n",
        encoding="utf-8",
    )
    (folder / "kort.srt").write_text(
        "1\n00:00:01,000 --> 00:00:03,000\nR: Eerst alleen.\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\nI: En nu?\n",
        encoding="utf-8",
    )
    (folder / "notities.txt").write_text(
        "Een notitie zonder sprekers.\n\nTweede alinea.\n", encoding="utf-8"
    )
    return sorted(folder.iterdir())


def _project(folder: Path, quick: bool, steady) -> Path:
    steady()
    project = init_project(folder, codebook="codebook.yaml", coder="anna", quick=quick)
    book = load_codebook(CODEBOOK)
    if quick:
        assert isinstance(project.store, fastpath.QuickStore)
        added = project.store.load_new_codebook(book)
    else:
        assert not isinstance(project.store, fastpath.QuickStore)
        added, _ = project.store.codebook.load(book)
    project.close()
    assert added == len(book.codes) > 10
    return folder


def _import(folder: Path, quick: bool, files: list[Path], **options) -> None:
    project = open_project(folder, quick=quick)
    try:
        assert isinstance(project.store, fastpath.QuickStore) == quick
        report = import_files(project.store, files, actor="anna", **options)
        assert report.imported
    finally:
        project.close()


def _without_identity(dump: dict) -> dict:
    return {**dump, "meta": [r for r in dump["meta"] if r[0] != "project_id"]}


def test_init_and_import_both_ways_write_the_same_rows(tmp_path, steady):
    files = _files(tmp_path / "in")
    more = tmp_path / "more"
    more.mkdir()
    (more / "cirkel-client3.txt").write_text(
        "I: Hoe is het nu?\nMarieke: Beter.\nR: Ik werk weer.\n", encoding="utf-8"
    )
    dumps = []
    for quick in (False, True):
        folder = _project(tmp_path / f"proj-{quick}", quick, steady)
        steady()
        _import(folder, quick, files, casus="De Cirkel", roles={"Marieke": "klantmanager"})
        # A second import into the same casus (participants found again) and a new casus.
        _import(folder, quick, sorted(more.iterdir()), casus="De Cirkel")
        _import(folder, quick, [files[0]], casus="  Wijk  Oost ", name="kopie", identity="casus")
        dumps.append(_without_identity(_dump(folder / DATABASE)))
    full, plain = dumps
    assert len(full["transcript"]) - 1 == len(files) + 2
    assert len(full["turn"]) > 20 and len(full["participant"]) > 8 and len(full["code"]) > 10
    assert sorted(full) == sorted(plain)
    for table in full:
        assert plain[table] == full[table], table


def test_a_bad_file_leaves_a_plain_import_without_a_trace(tmp_path, steady):
    folder = _project(tmp_path / "proj", True, steady)
    files = _files(tmp_path / "in")
    before = _dump(folder / DATABASE)
    broken = tmp_path / "in" / "zz-kapot.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    from cmo.core.errors import InputError

    with pytest.raises(InputError, match="zz-kapot.docx"):
        _import(folder, True, [*files, broken], casus="De Cirkel")
    assert _dump(folder / DATABASE) == before


def test_a_codebook_read_before_is_not_parsed_again_and_is_the_same(tmp_path, monkeypatch):
    from cmo.ingest import codebook_cache, codebook_yaml

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    parsed = codebook_yaml.load_codebook(CODEBOOK)
    first = codebook_cache.load(CODEBOOK)  # parsed, and kept
    assert first == parsed and len(first.codes) > 10 and first.lines
    assert len(list((tmp_path / "cache" / "cmo").glob("codebook-*.json"))) == 1

    def refuse(path):
        raise AssertionError(f"{path} parsed again")

    monkeypatch.setattr(codebook_yaml, "load_codebook", refuse)
    again = codebook_cache.load(CODEBOOK)
    assert again == parsed
    assert isinstance(again.codes[0].keywords, tuple) and again.clusters == parsed.clusters
    # The same bytes under another name: a codebook without a name takes the file's.
    unnamed = tmp_path / "mijn-codes.yaml"
    unnamed.write_text("codes:\n  - {id: C1, family: C, name: Context een}\n", encoding="utf-8")
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert codebook_cache.load(unnamed).name == "mijn-codes"
    other = tmp_path / "andere.yaml"
    other.write_bytes(unnamed.read_bytes())
    assert codebook_cache.load(other).name == "andere"


def test_a_bad_codebook_is_never_kept_and_says_what_the_parser_says(tmp_path, monkeypatch):
    from cmo.core.errors import InputError
    from cmo.ingest import codebook_cache, codebook_yaml

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    bad = tmp_path / "kapot.yaml"
    bad.write_text("codes:\n  - {id: C1, family: X, name: Fout}\n  - [", encoding="utf-8")
    with pytest.raises(InputError) as direct:
        codebook_yaml.load_codebook(bad)
    for _ in range(2):
        with pytest.raises(InputError) as cached:
            codebook_cache.load(bad)
        assert str(cached.value) == str(direct.value)
    assert not list((tmp_path / "cache").rglob("codebook-*.json"))


def test_the_import_starts_the_embedding_worker_on_the_absolute_project_path(
    tmp_path, monkeypatch, steady
):
    """The standard-library import knows its texts have no vectors yet: it starts the
    worker without the full store, and hands it the project as an absolute URL (the
    worker's store refuses a relative one)."""
    from cmo.commands.transcript_import import import_
    from cmo.suggest import embed_worker, encoder

    _project(tmp_path / "proj", True, steady)
    (tmp_path / "gesprek.txt").write_text(SAMPLE_INTERVIEW, encoding="utf-8")
    started = []
    monkeypatch.setenv("CMO_EMBED_WORKER", "on")
    monkeypatch.setattr(encoder, "enabled", lambda: True)
    monkeypatch.setattr(embed_worker.subprocess, "Popen", lambda *a, **k: started.append(k))
    monkeypatch.chdir(tmp_path)
    import_([Path("gesprek.txt")], "De Cirkel", project=Path("proj"))
    assert len(started) == 1
    url = started[0]["env"]["CMO_EMBED_URL"]
    assert url == f"sqlite:///{(tmp_path / 'proj' / DATABASE).resolve()}"
    monkeypatch.setenv("CMO_EMBED_WORKER", "off")
    (tmp_path / "tweede.txt").write_text(FOCUSGROEP, encoding="utf-8")
    import_([Path("tweede.txt")], "De Cirkel", project=Path("proj"))
    assert len(started) == 1  # switched off: not even asked
