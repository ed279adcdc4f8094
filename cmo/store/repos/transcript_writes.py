"""The rows of one transcript written through SQLAlchemy: its casus, participants and
turns. Shared by importing a transcript (``bulk.py``) and replacing one
(``bulk_replace.py``); the values come from ``store.transcript_rows``, as the
standard-library import's do."""

from __future__ import annotations

from sqlalchemy import Connection, select

from ...core.domain import ParsedTranscript
from .. import transcript_rows
from ..schema import CASUS, PARTICIPANT


def insert_turns(
    conn: Connection, transcript_id: int, parsed: ParsedTranscript, people: dict[str, int]
) -> None:
    """Store the turns of ``parsed`` with their participants (speaker label → id)."""
    if not parsed.turns:
        return
    # Straight to the driver's executemany, in this transaction: SQLAlchemy's per-row
    # parameter processing costs more than the insert itself at 30,000 turns.
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(
        transcript_rows.insert_turns_sql(mark),
        transcript_rows.turn_rows(transcript_id, parsed, people),
    )


def casus_id(conn: Connection, name: str) -> int:
    """The id of the casus of that name, made when it is new."""
    row = conn.execute(
        select(CASUS.c.id).where(CASUS.c.name == transcript_rows.casus_name(name))
    ).first()
    if row:
        return row[0]
    return conn.execute(
        CASUS.insert().values(**transcript_rows.new_casus(name))
    ).inserted_primary_key[0]


def participants(
    conn: Connection,
    casus: int,
    speakers: list[str],
    transcript: str,
    roles: dict[str, str],
    identity: str = "auto",
) -> dict[str, int]:
    """Participant id per speaker label, creating participants that are new to the casus
    (``identity``: see ``cmo.core.speakers.IDENTITY_MODES``)."""
    found: dict[str, int] = {}
    for speaker, label in transcript_rows.speaker_labels(speakers, transcript, identity):
        row = conn.execute(
            select(PARTICIPANT.c.id).where(
                PARTICIPANT.c.casus_id == casus, PARTICIPANT.c.label == label
            )
        ).first()
        if row:
            found[speaker] = row[0]
            continue
        values = transcript_rows.new_participant(casus, speaker, label, roles)
        found[speaker] = conn.execute(PARTICIPANT.insert().values(**values)).inserted_primary_key[0]
    return found
