"""Storing an imported transcript, its speakers and turns, in one transaction."""

from __future__ import annotations

from sqlalchemy import Connection, select

from ..core.domain import ParsedTranscript
from ..core.errors import Conflict
from ..core.names import check_name
from ..core.speakers import default_role, participant_label
from ..core.text import count_words
from .tables import CasusRow, ParticipantRow, TranscriptRow, TurnRow, new_guid, now

CASUS = CasusRow.__table__
PARTICIPANT = ParticipantRow.__table__
TRANSCRIPT = TranscriptRow.__table__
TURN = TurnRow.__table__


class ImportOps:
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
        conn: Connection | None = None,
    ) -> int:
        """Store a parsed transcript with its participants and turns; returns its id.

        Pass ``conn`` to take part in a larger transaction (a multi-file import
        that must land whole or not at all).
        """
        if conn is None:
            with self.write() as own:
                return self.add_transcript(
                    parsed,
                    name=name,
                    casus=casus,
                    kind=kind,
                    source_name=source_name,
                    sha256=sha256,
                    roles=roles,
                    identity=identity,
                    conn=own,
                )
        check_name("transcript name", name, source_name)
        check_name("casus name", casus)
        for speaker in parsed.speakers:  # QDPX and other routes that skip the readers' check
            check_name("speaker name", speaker)
        if conn.execute(select(TRANSCRIPT.c.id).where(TRANSCRIPT.c.name == name)).first():
            raise Conflict(f"a transcript named '{name}' exists already")
        casus_id = _casus_id(conn, casus)
        transcript_id = conn.execute(
            TRANSCRIPT.insert().values(
                name=name,
                casus_id=casus_id,
                kind=kind,
                source_name=source_name,
                sha256=sha256,
                imported_at=now(),
                text=parsed.text,
                word_count=count_words(parsed.text),
                guid=new_guid(),
            )
        ).inserted_primary_key[0]
        people = _participants(conn, casus_id, parsed.speakers, name, roles or {}, identity)
        insert_turns(conn, transcript_id, parsed, people)
        return transcript_id

    def find_by_sha(self, sha256: str) -> str | None:
        with self.read() as conn:
            row = conn.execute(
                select(TRANSCRIPT.c.name).where(TRANSCRIPT.c.sha256 == sha256)
            ).first()
        return row[0] if row else None


def insert_turns(
    conn: Connection, transcript_id: int, parsed: ParsedTranscript, people: dict[str, int]
) -> None:
    """Store the turns of ``parsed`` with their participants (speaker label → id)."""
    if not parsed.turns:
        return
    conn.execute(
        TURN.insert(),
        [
            {
                "transcript_id": transcript_id,
                "idx": i,
                "speaker": t.speaker,
                "participant_id": people.get(t.speaker) if t.speaker else None,
                "timestamp": t.timestamp,
                "start": t.start,
                "end": t.end,
            }
            for i, t in enumerate(parsed.turns)
        ],
    )


def _casus_id(conn: Connection, name: str) -> int:
    name = " ".join(name.split())
    row = conn.execute(select(CASUS.c.id).where(CASUS.c.name == name)).first()
    if row:
        return row[0]
    return conn.execute(
        CASUS.insert().values(name=name, attributes={}, guid=new_guid())
    ).inserted_primary_key[0]


def _participants(
    conn: Connection,
    casus_id: int,
    speakers: list[str],
    transcript: str,
    roles: dict[str, str],
    identity: str = "auto",
) -> dict[str, int]:
    """Participant id per speaker label, creating participants that are new to the casus
    (``identity``: see ``cmo.core.speakers.IDENTITY_MODES``)."""
    found: dict[str, int] = {}
    for speaker in speakers:
        label = participant_label(speaker, transcript, identity)
        row = conn.execute(
            select(PARTICIPANT.c.id).where(
                PARTICIPANT.c.casus_id == casus_id, PARTICIPANT.c.label == label
            )
        ).first()
        if row:
            found[speaker] = row[0]
            continue
        role = roles.get(speaker) or roles.get(speaker.casefold()) or default_role(speaker)
        found[speaker] = conn.execute(
            PARTICIPANT.insert().values(
                casus_id=casus_id,
                label=label,
                role=role,
                attributes={},
                pseudonym="",
                guid=new_guid(),
            )
        ).inserted_primary_key[0]
    return found
