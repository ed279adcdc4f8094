"""Renaming and removing transcripts, each one undoable step in the change log.

A removal keeps a snapshot of the transcript with its turns, codings (and their CMOC
links and memos), feedback and the participants who spoke only there, so undo puts all
of it back with the same ids.
"""

from __future__ import annotations

from sqlalchemy import select

from ..core.errors import Conflict
from . import history, transcript_state
from .tables import ParticipantRow, TranscriptRow, TurnRow

TRANSCRIPT = TranscriptRow.__table__
PARTICIPANT = ParticipantRow.__table__
TURN = TurnRow.__table__


def rename_transcript(store, transcript: str | int, new_name: str, actor: str = "") -> str:
    """Give a transcript another name; returns the old one."""
    new_name = " ".join(new_name.split())
    if not new_name:
        raise Conflict("a transcript needs a name")
    current = store.transcript(transcript)
    with store.write() as conn:
        clash = conn.execute(
            select(TRANSCRIPT.c.id).where(
                TRANSCRIPT.c.name == new_name, TRANSCRIPT.c.id != current.id
            )
        ).first()
        if clash:
            raise Conflict(f"a transcript named '{new_name}' exists already")
        conn.execute(TRANSCRIPT.update().where(TRANSCRIPT.c.id == current.id).values(name=new_name))
        old_labels = _qualified_labels(conn, current.id, current.name)
        new_labels = {
            pid: f"{new_name}/{label.split('/', 1)[1]}" for pid, label in old_labels.items()
        }
        transcript_state.relabel(conn, new_labels)
        history.log(
            conn,
            actor,
            "transcript.rename",
            "transcript",
            current.id,
            {"name": current.name, "labels": old_labels},
            {"name": new_name, "labels": new_labels},
        )
    return current.name


def _qualified_labels(conn, transcript_id: int, name: str) -> dict[str, str]:
    """Participants whose label carries the transcript's name ('interview-3/R': a generic
    speaker label means a person only within one transcript), by id (as text, for JSON)."""
    speaking = select(TURN.c.participant_id).where(TURN.c.transcript_id == transcript_id)
    rows = conn.execute(
        select(PARTICIPANT.c.id, PARTICIPANT.c.label).where(
            PARTICIPANT.c.id.in_(speaking), PARTICIPANT.c.label.startswith(f"{name}/")
        )
    ).all()
    return {str(r.id): r.label for r in rows}


def remove_transcript(store, transcript: str | int, actor: str = "") -> dict:
    """Remove a transcript with everything on it; returns the snapshot kept for undo."""
    current = store.transcript(transcript)
    with store.write() as conn:
        before = transcript_state.snapshot(conn, current.id)
        transcript_state.restore(conn, current.id, None)
        history.log(conn, actor, "transcript.remove", "transcript", current.id, before, None)
    return before
