"""The fast QDPX writer writes exactly what the plain rules say: every selection's GUID,
name, positions, user, date, memo and code, compared byte for byte with a reference
writer that applies the rules the obvious way (uuid3, folding white space with
``str.split``, escaping through ``attrs``)."""

from __future__ import annotations

import re
import sqlite3
import uuid
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from cmo.core.guids import CMO_NAMESPACE, derived_guid, derived_guids
from cmo.refi import conventions as rc
from cmo.refi import xml_write as x
from cmo.refi.export_qdpx import QUOTE_LENGTH, export_qdpx, selection_name

from ..qdpx_helpers import assert_valid, enrich

PIECES = [
    " ",
    "  ",
    "a",
    "woord",
    "x" * 23,
    "\n",
    "\t",
    "\r\n",
    "\u00a0",
    "\u2028",
    "\x01",
    "&",
    '"',
    "<",
    ">",
    "é",
    "‘zeker’",
    "“echt”",
    "\U0001f600",
]


def reference_name(text: str, start: int, end: int) -> str:
    """A selection's name by the rule: the first 60 characters of the span (of its first
    120) with white space folded to single spaces, escaped for an attribute."""
    folded = " ".join(text[start : min(end, start + 2 * QUOTE_LENGTH)].split())[:QUOTE_LENGTH]
    return x.attrs(name=folded)[len(' name="') : -1] if folded else ""


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.data())
def test_a_selection_name_is_the_folded_escaped_start_of_its_span(pieces, data):
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text) + 3))
    assert selection_name(text, start, end) == reference_name(text, start, end)


def test_names_around_the_cut_and_the_edges():
    """The cases the fast path decides itself, each against the rule."""
    words = "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien"
    cases = [
        (words, 0, len(words)),  # cut inside a word
        (words, 3, len(words)),  # a leading space
        (words, 0, 8),  # a span ending in a space
        (words.replace("zes ", "zes  "), 0, len(words)),  # a doubled space
        (" " + "a" * 59 + " b", 0, 70),  # the cut falls on a space between words
        (" " + "a" * 59 + "  b", 0, 70),  # the cut falls on doubled spaces
        (" " + "a" * 59 + " \n", 0, 70),  # and on a space before a line break
        ("a" * 59 + " ", 0, 60),  # a 60-character span ending in a space
        (" ", 0, 1),
        ("", 0, 5),
    ]
    for text, start, end in cases:
        assert selection_name(text, start, end) == reference_name(text, start, end), text


def test_derived_guids_are_the_uuid3_of_role_and_guid():
    guids = [str(uuid.UUID(int=i * 7919, version=4)) for i in range(200)]
    for role in ("selection", "casus-coding"):
        want = [str(uuid.uuid3(CMO_NAMESPACE, f"{role}:{g}")) for g in guids]
        assert derived_guids(guids, role) == want
        assert [derived_guid(g, role) for g in guids] == want


def _tricky_codings(project) -> None:
    """Spans the fast paths must get right: edges on spaces and line breaks, characters
    to escape, long spans cut at 60, a memo to escape, time stamps from other tools."""
    store = project.store
    t = store.transcripts.get("cirkel-client1")
    text = t.text
    spaces = [i for i, c in enumerate(text) if c == " "]
    breaks = [i for i, c in enumerate(text) if c == "\n"]
    spans = [(spaces[3], spaces[3] + 40), (spaces[5] - 4, spaces[5] + 1)]
    spans += [(breaks[1] - 10, breaks[1] + 30), (0, len(text)), (spaces[2], spaces[2] + 61)]
    spans += [(s + 1, s + 1 + QUOTE_LENGTH) for s in spaces[10:40:3]]
    spans += [(s - QUOTE_LENGTH, s + 5) for s in spaces[40:70:3] if s > QUOTE_LENGTH]
    for i, (start, end) in enumerate(spans):
        store.codings.add(t.id, start, min(end, len(text)), "M1c", coder="ben" if i % 2 else "")
    con = sqlite3.connect(project.path / "cmo.db")
    with con:
        ids = [r[0] for r in con.execute("SELECT id FROM coding ORDER BY id")]
        stamps = ["2024-03-01 10:00:00", "", "gisteren", "2024-03-01T10:00:00Z"]
        for coding_id, stamp in zip(ids[-4:], stamps, strict=True):
            con.execute("UPDATE coding SET created_at = ? WHERE id = ?", (stamp, coding_id))
        con.execute("UPDATE coding SET memo = ? WHERE id = ?", ('a & b < "c"', ids[-5]))
    con.close()


def _reference_source(store, transcript, stamp_now: str) -> str:
    """The selections of one TextSource as the plain rules write them."""
    codes = {c.id: c.guid for c in store.codebook.codes()}
    out = []
    codings = store.codings.all(transcript_id=transcript.id)
    for c in sorted(codings, key=lambda c: (c.start, c.end, c.id)):
        user = x.attrs(creatingUser=rc.guid_for("user", c.coder) if c.coder else None)
        created = (
            c.created_at
            if c.created_at and rc.XSD_DATE_TIME.match(c.created_at)
            else rc.xsd_date_time(c.created_at) or stamp_now
        )
        stamp = f' creationDateTime="{created}"'
        memo = f"        <Description>{x.text(c.memo)}</Description>\n" if c.memo else ""
        name = reference_name(transcript.text, c.start, c.end)
        out.append(
            f'      <PlainTextSelection guid="{uuid.uuid3(CMO_NAMESPACE, "selection:" + c.guid)}"'
            f' name="{name}" startPosition="{c.start}" endPosition="{c.end}"{user}{stamp}>\n'
            f"{memo}"
            f'        <Coding guid="{c.guid}"{user}{stamp}><CodeRef targetGUID='
            f'"{codes[c.code_id]}"/></Coding>\n      </PlainTextSelection>\n'
        )
    return "".join(out)


def test_every_selection_is_written_as_the_reference_writer_writes_it(coded_project, tmp_path):
    enrich(coded_project, tmp_path)
    _tricky_codings(coded_project)
    store = coded_project.store
    path = tmp_path / "out.qdpx"
    export_qdpx(store, path, name="p")
    with zipfile.ZipFile(path) as archive:
        qde = archive.read("project.qde")
    assert_valid(qde)
    document = qde.decode("utf-8")
    stamp_now = re.search(r'<Project [^>]*creationDateTime="([^"]+)"', document).group(1)
    checked = 0
    for t in store.transcripts.all():
        head = re.search(rf'    <TextSource guid="{t.guid}"[^>]*>\n', document)
        body = document[head.end() :]
        want = _reference_source(store, t, stamp_now)
        assert body[: len(want)] == want, t.name
        checked += want.count("<PlainTextSelection ")
    assert checked == len(store.codings.all()) > 30
    # The tricky ones are there: a folded line break, an escaped memo, a converted date.
    assert "&amp; b &lt; &quot;c&quot;" not in document  # text, not an attribute: " stays
    assert '<Description>a &amp; b &lt; "c"</Description>' in document
    assert 'creationDateTime="2024-03-01T10:00:00Z"' in document


def test_a_failed_write_stops_the_export_and_leaves_no_file(coded_project, tmp_path, monkeypatch):
    """A full disk while the document is deflated: the error reaches the caller and no
    archive is left behind."""
    import errno

    import pytest

    from cmo.refi import export_qdpx as module

    target = tmp_path / "full.qdpx"
    original = module.project_chunks

    def failing(*args):
        yield from original(*args)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(module, "project_chunks", failing)
    with pytest.raises(OSError, match="No space"):
        export_qdpx(coded_project.store, target, name="p")
    assert not target.exists() and not list(tmp_path.glob(".cmo-*"))
