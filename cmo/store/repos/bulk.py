"""Many rows at once: importing a transcript with its participants and turns, replacing
one by a corrected version (``bulk_replace.py``), and the rows of a REFI-QDA import
(``bulk_rows.py``).

The values of an imported transcript's rows come from ``store.transcript_rows``, which the
standard-library import (``quick_import.py``) shares, so both write the same rows.
"""

from __future__ import annotations

from sqlalchemy import select

from ...core.domain import ParsedTranscript
from ...core.errors import Conflict
from .. import transcript_rows
from ..schema import TRANSCRIPT
from .base import Repo
from .bulk_replace import BulkReplace
from .bulk_rows import BulkRows
from .transcript_writes import casus_id, insert_turns, participants


class BulkRepo(BulkRows, BulkReplace, Repo):
    """Many rows at once: importing a transcript, replacing one with a corrected version
    (:class:`~cmo.store.repos.bulk_replace.BulkReplace`), and the rows of a REFI-QDA
    import (:class:`~cmo.store.repos.bulk_rows.BulkRows`)."""

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
        """Store a parsed transcript with its participants and turns; returns its id.

        Through a unit of work (``store.transaction()``) it takes part in a larger
        transaction: a multi-file import that must land whole or not at all.
        """
        with self._db.write() as conn:
            transcript_rows.check_transcript(parsed, name, casus, source_name)
            if conn.execute(select(TRANSCRIPT.c.id).where(TRANSCRIPT.c.name == name)).first():
                raise Conflict(f"a transcript named '{name}' exists already")
            casus = casus_id(conn, casus)
            values = transcript_rows.new_transcript(parsed, name, casus, kind, source_name, sha256)
            transcript_id = conn.execute(TRANSCRIPT.insert().values(**values)).inserted_primary_key[
                0
            ]
            people = participants(conn, casus, parsed.speakers, name, roles or {}, identity)
            insert_turns(conn, transcript_id, parsed, people)
            return transcript_id
