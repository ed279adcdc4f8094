"""The one-pass reader of a ``project.qde`` (``refi/read_stream.py``) gives exactly what the
tree reader (``parse_xml`` + ``read_project``) gives, on every fixture and on the odd
shapes other tools write; and whatever expat refuses is left to ``parse_xml``."""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

import pytest

from cmo.refi.archive import parse_xml
from cmo.refi.read import read_project
from cmo.refi.read_stream import parse_streamed

from ..qdpx_helpers import FIXTURES

NS = "urn:QDA-XML:project:1.0"
G = "aa11aa11-0000-4000-8000-0000000000{:02x}"

ODD = f"""<?xml version="1.0" encoding="UTF-8"?>
<q:Project xmlns:q="{NS}" xmlns:x="urn:other" name="odd &amp; co" origin="Tool">
  <q:Users><q:User guid="{G.format(1)}" name="anna"/></q:Users>
  <q:Notes><q:Note guid="{G.format(2)}" name="n"><q:PlainTextContent>memo</q:PlainTextContent>
    <q:PlainTextSelection guid="{G.format(3)}" startPosition="0" endPosition="2"/></q:Note>
  </q:Notes>
  <q:Sources>
    <q:TextSource guid="{G.format(4)}" name="een" x:extra="1">
      <q:PlainTextContent>Hallo wereld, een tekst.</q:PlainTextContent>
      <q:PlainTextSelection guid="{{{G.format(5).upper()}}}" name="Hallo &#233;"
          startPosition="0" endPosition="5" creatingUser="{G.format(1)}"
          creationDateTime="2020-01-02T03:04:05Z">
        <q:Description> eerste </q:Description>
        <q:Description>  tweede <q:b>vet</q:b> staart </q:Description>
        <q:Coding guid="{G.format(6)}" creatingUser="{G.format(1).upper()}">
          <q:CodeRef targetGUID="{G.format(7)}"/>
          <q:NoteRef targetGUID="{G.format(2)}"/>
          <q:Description>not read</q:Description>
        </q:Coding>
        <q:Coding guid="not-a-guid"><q:CodeRef targetGUID="{G.format(8)}"/>
          <q:CodeRef targetGUID="{G.format(9)}"/></q:Coding>
        <q:NoteRef targetGUID="{G.format(2)}"/>
        <q:NoteRef targetGUID="nope"/>
        <q:Unknown><q:Coding guid="{G.format(10)}"/></q:Unknown>
        <!-- a comment -->
        <?pi data?>
      </q:PlainTextSelection>
      <q:PlainTextSelection startPosition="x" endPosition="-3" modifyingUser="{G.format(1)}"
          creationDateTime="2020-01-02 03:04:05+02:00"/>
      <q:Description>bron</q:Description>
      <q:VariableValue><q:VariableRef targetGUID="{G.format(11)}"/>
        <q:TextValue>v</q:TextValue></q:VariableValue>
      <q:PlainTextSelection guid="{G.format(12)}" startPosition="3" endPosition="9">
        <q:Description/><q:Coding/></q:PlainTextSelection>
      <q:Coding guid="{G.format(13)}"/>
    </q:TextSource>
    <q:PictureSource guid="{G.format(14)}"/>
    <q:TextSource guid="{G.format(15)}" plainTextPath="internal://b.txt"/>
  </q:Sources>
  <PlainTextSelection guid="{G.format(16)}" startPosition="1" endPosition="2"/>
</q:Project>
"""

PLAIN = ODD.replace("q:", "").replace(f'xmlns:q="{NS}"', f'xmlns="{NS}"')
NO_NAMESPACE = PLAIN.replace(f'xmlns="{NS}"', "")


def _both(data: bytes):
    tree = read_project(parse_xml(data, "test"))
    streamed = parse_streamed(data)
    assert streamed is not None
    doc = read_project(streamed.root, streamed.selections)
    doc.unmodelled.update(streamed.unmodelled)
    return tree, doc


@pytest.mark.parametrize("encoding", ["utf-16", "iso-8859-1"])
def test_other_encodings_read_the_same(encoding: str) -> None:
    text = PLAIN.replace('encoding="UTF-8"', f'encoding="{encoding}"')
    tree, streamed = _both(text.encode(encoding))
    assert streamed == tree
    assert streamed.sources[0].selections[0].name == "Hallo é"


@pytest.mark.parametrize("name", ["atlas", "maxqda", "nvivo", "qualcoder", "codebook_only"])
def test_fixtures_read_the_same(name: str) -> None:
    tree, streamed = _both((FIXTURES / name / "project.qde").read_bytes())
    assert streamed == tree
    assert streamed.sources or name == "codebook_only"


@pytest.mark.parametrize("text", [ODD, PLAIN, NO_NAMESPACE], ids=["prefix", "default", "none"])
def test_odd_shapes_read_the_same(text: str) -> None:
    tree, streamed = _both(text.encode("utf-8"))
    assert streamed == tree
    first = streamed.sources[0]
    assert [len(s.codings) for s in first.selections] == [2, 0, 1]
    selection = first.selections[0]
    assert selection.description == "tweede"  # the last one; its text up to the first child
    assert selection.name == "Hallo é"
    assert selection.guid == G.format(5)
    assert [c.code for c in selection.codings] == [G.format(7), G.format(9)]
    assert selection.codings[0].notes == [G.format(2)]
    assert selection.notes == [G.format(2)]
    assert streamed.unmodelled["PlainTextSelection/Unknown"] == 1
    assert streamed.unmodelled["Note/PlainTextSelection"] == 1


def _export(coded_project, tmp_path: Path) -> Path:
    from cmo.refi.export_qdpx import export_qdpx

    from ..qdpx_helpers import enrich

    enrich(coded_project, tmp_path)
    return Path(export_qdpx(coded_project.store, tmp_path / "p.qdpx").path)


def test_the_export_of_a_coded_project_reads_the_same(coded_project, tmp_path: Path) -> None:
    with zipfile.ZipFile(_export(coded_project, tmp_path)) as archive:
        tree, streamed = _both(archive.read("project.qde"))
    assert streamed == tree
    assert sum(len(s.codings) for source in streamed.sources for s in source.selections) > 3


def _dump(project) -> dict[str, list[tuple]]:
    """Every table's rows, without the time stamps an import takes from the clock."""
    import sqlite3

    with sqlite3.connect(project.path / "cmo.db") as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        dump = {}
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}" ORDER BY 1')
            keep = [i for i, d in enumerate(cursor.description) if not d[0].endswith("_at")]
            dump[table] = [tuple(row[i] for i in keep) for row in cursor]
    return dump


@pytest.mark.parametrize("name", ["atlas", "maxqda", "nvivo", "qualcoder", "enriched"])
def test_an_import_writes_the_same_rows_either_way(
    name: str, coded_project, tmp_path: Path, monkeypatch
) -> None:
    import cmo.refi.import_qdpx as module

    from ..qdpx_helpers import new_project, zip_fixture

    if name == "enriched":
        qdpx = _export(coded_project, tmp_path)
    else:
        qdpx = zip_fixture(name, tmp_path)

    def numbered_guids() -> None:  # GUIDs made up for rows the file gave none
        numbers = iter(range(1, 10**6))
        monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=next(numbers)))

    streamed, tree = new_project(tmp_path / "streamed"), new_project(tmp_path / "tree")
    numbered_guids()
    module.import_qdpx(streamed.store, qdpx)
    monkeypatch.setattr(module, "parse_streamed", lambda _data: None)  # the tree reader
    numbered_guids()
    module.import_qdpx(tree.store, qdpx)
    new, old = _dump(streamed), _dump(tree)
    assert new["coding"], name
    for table in old:
        if table not in ("change", "meta", "history"):
            assert new[table] == old[table], table


@pytest.mark.parametrize(
    "text",
    [
        '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "b">]><Project>&a;</Project>',
        '<?xml version="1.0"?><!DOCTYPE Project SYSTEM "http://x/y.dtd"><Project/>',
        "<Project><Sources></Project>",
        "<Project>&undefined;</Project>",
        "<p:Project/>",
    ],
)
def test_what_expat_refuses_is_left_to_parse_xml(text: str) -> None:
    assert parse_streamed(text.encode()) is None
