"""Sentence-encoder vectors kept with the project (the ``embedding`` table).

Vectors are derived data: one row per turn, sentence or coded span, with the encoder's
name and version, the sha1 of the span's text and of the whole transcript at the time.
A row is *current* when its model and version are the ones asked for and its
``transcript_hash`` equals the hash of the transcript's text now, so any change of the
text (replace, pseudonymise, an edit) makes the old vectors stale without anyone having
to say so. Code that changes a text may also call :func:`text_changed` to drop them at
once. This module stores bytes only; the suggester turns them into arrays.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, select

from ...core.digest import text_hash
from ..schema import CODING, EMBEDDING, TRANSCRIPT
from .base import Repo


class EmbeddingsRepo(Repo):
    """Stored sentence-encoder vectors and whether they are current."""

    def transcript_hashes(self, ids: Iterable[int] | None = None) -> dict[int, str]:
        """The sha1 of the text now of every transcript (or of those in ``ids``)."""
        query = select(TRANSCRIPT.c.id, TRANSCRIPT.c.text)
        if ids is not None:
            query = query.where(TRANSCRIPT.c.id.in_(sorted(set(ids))))
        with self._db.read() as conn:
            return {r.id: text_hash(r.text) for r in conn.execute(query)}

    def stale_transcripts(self, model: str, version: str) -> list[int]:
        """Transcripts without current vectors of this model (never computed, or the text
        changed since), in id order."""
        current = self.transcript_hashes()
        with self._db.read() as conn:
            done = {
                (r.transcript_id, r.transcript_hash)
                for r in conn.execute(
                    select(EMBEDDING.c.transcript_id, EMBEDDING.c.transcript_hash)
                    .where(EMBEDDING.c.model == model, EMBEDDING.c.version == version)
                    .where(EMBEDDING.c.level != "coding")
                    .group_by(EMBEDDING.c.transcript_id, EMBEDDING.c.transcript_hash)
                )
            }
        return [tid for tid, h in sorted(current.items()) if (tid, h) not in done]

    def save_transcript_vectors(
        self,
        transcript_id: int,
        transcript_hash: str,
        rows: Iterable[tuple[str, int, int, str, bytes]],
        model: str,
        version: str,
    ) -> bool:
        """Replace the transcript's turn and sentence vectors by ``rows`` (level, start, end,
        text hash, vector). Returns False, storing nothing, when the text changed while they
        were computed (the caller computes again)."""
        with self._db.write() as conn:
            row = conn.execute(
                select(TRANSCRIPT.c.text).where(TRANSCRIPT.c.id == transcript_id)
            ).first()
            if row is None or text_hash(row.text) != transcript_hash:
                return False
            conn.execute(
                delete(EMBEDDING).where(
                    EMBEDDING.c.transcript_id == transcript_id, EMBEDDING.c.level != "coding"
                )
            )
            values = [
                {
                    "transcript_id": transcript_id,
                    "level": level,
                    "start": start,
                    "end": end,
                    "text_hash": span_hash,
                    "transcript_hash": transcript_hash,
                    "model": model,
                    "version": version,
                    "vector": vector,
                }
                for level, start, end, span_hash, vector in rows
            ]
            if values:
                conn.execute(EMBEDDING.insert(), values)
        return True

    def save_span_vectors(
        self, rows: Iterable[tuple[int, int, int, str, str, bytes]], model: str, version: str
    ) -> int:
        """Vectors of coded spans that are no turn or sentence: (transcript id, start, end,
        text hash, transcript hash, vector). Returns the number stored."""
        values = [
            {
                "transcript_id": tid,
                "level": "coding",
                "start": start,
                "end": end,
                "text_hash": span_hash,
                "transcript_hash": t_hash,
                "model": model,
                "version": version,
                "vector": vector,
            }
            for tid, start, end, span_hash, t_hash, vector in rows
        ]
        if not values:
            return 0
        with self._db.write() as conn:
            for v in values:
                conn.execute(
                    delete(EMBEDDING).where(
                        EMBEDDING.c.transcript_id == v["transcript_id"],
                        EMBEDDING.c.level == "coding",
                        EMBEDDING.c.start == v["start"],
                        EMBEDDING.c.end == v["end"],
                    )
                )
            conn.execute(EMBEDDING.insert(), values)
        return len(values)

    def text_changed(self, transcript_id: int) -> None:
        """Drop the vectors of a transcript whose text was changed (call it where the text
        changes; stale vectors are also recognised by their hash, so this only saves time)."""
        with self._db.write() as conn:
            conn.execute(delete(EMBEDDING).where(EMBEDDING.c.transcript_id == transcript_id))

    def current_vectors(
        self, model: str, version: str, transcript_id: int | None = None
    ) -> dict[tuple[int, int, int], bytes]:
        """Current vectors by (transcript id, start, end), of one transcript or all."""
        hashes = self.transcript_hashes(None if transcript_id is None else [transcript_id])
        query = select(
            EMBEDDING.c.transcript_id,
            EMBEDDING.c.start,
            EMBEDDING.c.end,
            EMBEDDING.c.transcript_hash,
            EMBEDDING.c.vector,
        ).where(EMBEDDING.c.model == model, EMBEDDING.c.version == version)
        if transcript_id is not None:
            query = query.where(EMBEDDING.c.transcript_id == transcript_id)
        with self._db.read() as conn:
            return {
                (r.transcript_id, r.start, r.end): r.vector
                for r in conn.execute(query)
                if hashes.get(r.transcript_id) == r.transcript_hash
            }

    def coded_span_vectors(self, model: str, version: str) -> dict[tuple[int, int, int], bytes]:
        """Current vectors of the spans that hold a coding (the neighbours' index)."""
        hashes = self.transcript_hashes()
        query = (
            select(
                EMBEDDING.c.transcript_id,
                EMBEDDING.c.start,
                EMBEDDING.c.end,
                EMBEDDING.c.transcript_hash,
                EMBEDDING.c.vector,
            )
            .join(
                CODING,
                (CODING.c.transcript_id == EMBEDDING.c.transcript_id)
                & (CODING.c.start == EMBEDDING.c.start)
                & (CODING.c.end == EMBEDDING.c.end),
            )
            .where(EMBEDDING.c.model == model, EMBEDDING.c.version == version)
            .distinct()
        )
        with self._db.read() as conn:
            return {
                (r.transcript_id, r.start, r.end): r.vector
                for r in conn.execute(query)
                if hashes.get(r.transcript_id) == r.transcript_hash
            }

    def vector_for_text(self, text: str, model: str, version: str) -> bytes | None:
        """A stored vector of exactly this text, wherever it occurs (a vector depends on the
        text alone, so it holds even where that transcript has changed since)."""
        with self._db.read() as conn:
            row = conn.execute(
                select(EMBEDDING.c.vector)
                .where(EMBEDDING.c.text_hash == text_hash(text))
                .where(EMBEDDING.c.model == model, EMBEDDING.c.version == version)
                .limit(1)
            ).first()
        return None if row is None else row.vector

    def stamp(self, transcript_id: int) -> tuple:
        """Changes whenever the transcript's vectors or its text change (for caches)."""
        with self._db.read() as conn:
            row = conn.execute(
                select(func.count(), func.max(EMBEDDING.c.id)).where(
                    EMBEDDING.c.transcript_id == transcript_id
                )
            ).first()
        return (*tuple(row), self.transcript_hashes([transcript_id]).get(transcript_id))

    def embedding_counts(self) -> dict[str, int]:
        """Rows per level, for status lines and tests."""
        with self._db.read() as conn:
            return {
                r.level: r.n
                for r in conn.execute(
                    select(EMBEDDING.c.level, func.count().label("n")).group_by(EMBEDDING.c.level)
                )
            }
