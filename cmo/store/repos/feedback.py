"""Answers to suggestions (accept, reject, none): what the suggester learns from next."""

from __future__ import annotations

from sqlalchemy import func, select

from ..schema import FEEDBACK
from .base import Repo


class FeedbackRepo(Repo):
    """Suggestion feedback, one row per human answer."""

    def add(
        self,
        transcript_id: int,
        start: int,
        end: int,
        code_id: str,
        answer: str,
        source: str = "",
        score: float = 0.0,
        coder: str = "",
    ) -> None:
        with self._db.write() as conn:
            conn.execute(
                FEEDBACK.insert().values(
                    transcript_id=transcript_id,
                    start=start,
                    end=end,
                    code_id=code_id,
                    answer=answer,
                    source=source,
                    score=float(score),
                    coder=coder,
                )
            )

    def all(self) -> list[dict]:
        """Every answer in the order given, as dicts of the row's columns."""
        with self._db.read() as conn:
            return [
                dict(r._mapping) for r in conn.execute(select(FEEDBACK).order_by(FEEDBACK.c.id))
            ]

    def count(self) -> int:
        with self._db.read() as conn:
            return conn.execute(select(func.count()).select_from(FEEDBACK)).scalar() or 0

    def answered_spans(self, transcript_id: int) -> set[tuple[int, int]]:
        """The (start, end) of every fragment of a transcript someone answered."""
        query = select(FEEDBACK.c.start, FEEDBACK.c.end).where(
            FEEDBACK.c.transcript_id == transcript_id
        )
        with self._db.read() as conn:
            return {(r.start, r.end) for r in conn.execute(query)}
