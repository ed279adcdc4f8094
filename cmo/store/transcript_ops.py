"""Renaming and removing transcripts, each one undoable step in the change log.

A removal keeps a snapshot of the transcript with its turns, codings (and their CMOC
links and memos), feedback and the participants who spoke only there, so undo puts all
of it back with the same ids.
"""

from __future__ import annotations

from sqlalchemy import select

from ..core.errors import Conflict
from . import history, transcript_state
from .tables import TranscriptRow

TRANSCRIPT = TranscriptRow.__table__


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
        history.log(
            conn,
            actor,
            "transcript.rename",
            "transcript",
            current.id,
            {"name": current.name},
            {"name": new_name},
        )
    return current.name


def remove_transcript(store, transcript: str | int, actor: str = "") -> dict:
    """Remove a transcript with everything on it; returns the snapshot kept for undo."""
    current = store.transcript(transcript)
    with store.write() as conn:
        before = transcript_state.snapshot(conn, current.id)
        transcript_state.restore(conn, current.id, None)
        history.log(conn, actor, "transcript.remove", "transcript", current.id, before, None)
    return before
