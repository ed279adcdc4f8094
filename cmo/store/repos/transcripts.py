"""Renaming and removing transcripts, each one undoable step in the change log.

A removal keeps a snapshot of the transcript with its turns, codings (and their CMOC
links and memos), feedback and the participants who spoke only there, so undo puts all
of it back with the same ids.
"""

from __future__ import annotations

from sqlalchemy import select

from ...core.domain import Transcript, Turn
from ...core.errors import Conflict, NotFound
from .. import changelog, rows, shared_queries, transcript_state
from ..schema import PARTICIPANT, TRANSCRIPT, TURN
from .base import Repo
from .casussen import name_or_id_of


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


class TranscriptsRepo(Repo):
    """Transcripts and their turns: read, rename, remove (each undoable)."""

    def all(self, casus: str | int | None = None) -> list[Transcript]:
        query = select(TRANSCRIPT).order_by(TRANSCRIPT.c.casus_id, TRANSCRIPT.c.name)
        if casus is not None:
            query = query.where(TRANSCRIPT.c.casus_id == self._db.casussen.get(casus).id)
        with self._db.read() as conn:
            return [rows.transcript(r) for r in conn.execute(query)]

    def index(self) -> dict[str, tuple[str, str]]:
        """Every transcript's name → (SHA-256 of its source, casus): what an import checks
        against, without the counts of ``summaries``."""
        found = self._db.fetch(
            "SELECT t.name, t.sha256, c.name FROM transcript t JOIN casus c ON c.id = t.casus_id"
        )
        return {name: (sha, casus) for name, sha, casus in found}

    def summaries(self, counts: bool = True) -> list[dict]:
        """One row per transcript with counts, without loading the texts (``counts=False``:
        without the coding counts, which read every coding)."""
        return shared_queries.transcript_summaries(self._db.fetch, counts)

    def get(self, name_or_id: str | int) -> Transcript:
        with self._db.read() as conn:
            row = conn.execute(
                select(TRANSCRIPT).where(name_or_id_of(TRANSCRIPT, name_or_id))
            ).first()
            if row is None and isinstance(name_or_id, str):
                row = conn.execute(
                    select(TRANSCRIPT).where(TRANSCRIPT.c.source_name == name_or_id)
                ).first()
        if row is None:
            raise NotFound(f"no transcript '{name_or_id}' (see 'cmo transcripts')")
        return rows.transcript(row)

    def turns(self, transcript: str | int) -> list[Turn]:
        transcript_id = self.get(transcript).id if isinstance(transcript, str) else transcript
        with self._db.read() as conn:
            return [
                rows.turn(r)
                for r in conn.execute(
                    select(TURN).where(TURN.c.transcript_id == transcript_id).order_by(TURN.c.idx)
                )
            ]

    def turn_columns(self, transcript_id: int) -> list[tuple[int, int, str | None]]:
        """(start, end, speaker) of each of the transcript's turns, by index: what the
        workbench keeps of a transcript's 15,000 turns (the rest of a turn's row is read
        for the few on screen, :meth:`turn_rows`)."""
        mark = self._db.placeholder
        return self._db.fetch(
            f'SELECT start, "end", speaker FROM turn WHERE transcript_id = {mark} ORDER BY idx',
            (transcript_id,),
        )

    def turn_rows(self, transcript_id: int, first: int = 0, count: int = -1) -> list[tuple]:
        """``count`` (-1: all) of the transcript's turns from position ``first`` on (by
        index), as plain tuples in :class:`Turn` field order."""
        mark = self._db.placeholder
        limit = f" LIMIT {int(count)} OFFSET {int(first)}" if count >= 0 else ""
        return self._db.fetch(
            'SELECT id, transcript_id, idx, speaker, participant_id, timestamp, start, "end" '
            f"FROM turn WHERE transcript_id = {mark} ORDER BY idx{limit}",
            (transcript_id,),
        )

    def find_by_sha(self, sha256: str) -> str | None:
        with self._db.read() as conn:
            row = conn.execute(
                select(TRANSCRIPT.c.name).where(TRANSCRIPT.c.sha256 == sha256)
            ).first()
        return row[0] if row else None

    def rename(self, transcript: str | int, new_name: str, actor: str = "") -> str:
        """Give a transcript another name; returns the old one."""
        new_name = " ".join(new_name.split())
        if not new_name:
            raise Conflict("a transcript needs a name")
        current = self._db.transcripts.get(transcript)
        with self._db.write() as conn:
            clash = conn.execute(
                select(TRANSCRIPT.c.id).where(
                    TRANSCRIPT.c.name == new_name, TRANSCRIPT.c.id != current.id
                )
            ).first()
            if clash:
                raise Conflict(f"a transcript named '{new_name}' exists already")
            conn.execute(
                TRANSCRIPT.update().where(TRANSCRIPT.c.id == current.id).values(name=new_name)
            )
            old_labels = _qualified_labels(conn, current.id, current.name)
            new_labels = {
                pid: f"{new_name}/{label.split('/', 1)[1]}" for pid, label in old_labels.items()
            }
            transcript_state.relabel(conn, new_labels)
            changelog.log(
                conn,
                actor,
                "transcript.rename",
                "transcript",
                current.id,
                {"name": current.name, "labels": old_labels},
                {"name": new_name, "labels": new_labels},
            )
        return current.name

    def remove(self, transcript: str | int, actor: str = "") -> dict:
        """Remove a transcript with everything on it; returns the snapshot kept for undo."""
        current = self._db.transcripts.get(transcript)
        with self._db.write() as conn:
            before = transcript_state.snapshot(conn, current.id)
            transcript_state.restore(conn, current.id, None)
            changelog.log(conn, actor, "transcript.remove", "transcript", current.id, before, None)
        return before
