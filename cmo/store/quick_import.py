"""What ``cmo init`` and ``cmo import`` write, with the standard library alone.

The standard-library store (``fastpath.QuickStore``) hands these out inside its write
transaction (``store.transaction()``, as the full store's unit of work): the transcripts
of one import land together or not at all. The values of every row come from
``transcript_rows`` and ``codebook_rows``, which the full store's repositories use too,
so both ways give the same rows (a test compares every table). Replacing a transcript
by a corrected version needs the re-anchoring of the full store.
"""

from __future__ import annotations

import json
import sqlite3

from ..core.codebook import Codebook
from ..core.domain import ParsedTranscript
from ..core.errors import Conflict
from . import codebook_rows, transcript_rows


class QuickUnit:
    """The repositories an import uses, bound to one ``sqlite3`` write transaction."""

    def __init__(self, con: sqlite3.Connection):
        self.bulk = QuickBulk(con)


class QuickBulk:
    """``tx.bulk.add_transcript`` of the full store, in plain SQL."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con

    def add_transcript(
        self,
        parsed: ParsedTranscript,
        *,
        name: str,
        casus: str,
        kind: str,
        source_name: str,
        sha256: str,
        roles: dict[str, str] | None = None,
        identity: str = "auto",
    ) -> int:
        """As ``BulkRepo.add_transcript``: the same checks, the same rows."""
        con = self.con
        transcript_rows.check_transcript(parsed, name, casus, source_name)
        if con.execute("SELECT id FROM transcript WHERE name = ?", (name,)).fetchone():
            raise Conflict(f"a transcript named '{name}' exists already")
        casus_id = self._casus_id(casus)
        values = transcript_rows.new_transcript(parsed, name, casus_id, kind, source_name, sha256)
        transcript_id = insert(con, "transcript", values)
        people = self._participants(casus_id, parsed.speakers, name, roles or {}, identity)
        if parsed.turns:
            con.executemany(
                transcript_rows.insert_turns_sql(),
                transcript_rows.turn_rows(transcript_id, parsed, people),
            )
        return transcript_id

    def replace_transcript(self, *_args, **_kwargs):
        raise NotImplementedError("replacing a transcript needs the full store")

    def _casus_id(self, name: str) -> int:
        found = self.con.execute(
            "SELECT id FROM casus WHERE name = ?", (transcript_rows.casus_name(name),)
        ).fetchone()
        if found:
            return found[0]
        return insert(self.con, "casus", transcript_rows.new_casus(name))

    def _participants(
        self, casus_id: int, speakers: list[str], transcript: str, roles: dict, identity: str
    ) -> dict[str, int]:
        found: dict[str, int] = {}
        for speaker, label in transcript_rows.speaker_labels(speakers, transcript, identity):
            row = self.con.execute(
                "SELECT id FROM participant WHERE casus_id = ? AND label = ?", (casus_id, label)
            ).fetchone()
            if row:
                found[speaker] = row[0]
                continue
            values = transcript_rows.new_participant(casus_id, speaker, label, roles)
            found[speaker] = insert(self.con, "participant", values)
        return found


def insert_codebook(con: sqlite3.Connection, book: Codebook) -> int:
    """The clusters and codes of ``book`` into a new project's empty codebook (as
    ``CodebookRepo.load`` adds them); returns the number of codes."""
    for order, cluster in enumerate(book.clusters):
        insert(con, "cluster", codebook_rows.new_cluster(cluster, order))
    codes = codebook_rows.parents_first(book.codes)
    for code in codes:
        insert(con, "code", codebook_rows.code_values(code))
    return len(codes)


def insert(con: sqlite3.Connection, table: str, values: dict) -> int:
    """One row; dicts and lists are stored as JSON text, as SQLAlchemy's JSON type
    stores them (``json.dumps`` with its defaults). Returns the new row's id."""
    columns = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join("?" for _ in values)
    params = tuple(json.dumps(v) if isinstance(v, dict | list) else v for v in values.values())
    cursor = con.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', params)
    return cursor.lastrowid
