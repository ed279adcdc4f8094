"""Answers to suggestions (accept, reject, none): what the suggester learns from next."""

from __future__ import annotations

from sqlalchemy import func, select

from ...core.domain import Coding
from .. import accept_state, changelog, rows
from ..schema import CHANGE, CODING, FEEDBACK
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

    def accept(
        self,
        transcript_id: int,
        start: int,
        end: int,
        code_id: str,
        coder: str,
        source: str = "",
        score: float = 0.0,
        expected_text: str | None = None,
    ) -> Coding:
        """Code ``text[start:end]`` with a suggested code and record the acceptance: one
        transaction and one logged change, so undo takes back both (the coding may exist
        already: then only the answer is new, and undo takes back only that)."""
        from .codings import _check_text

        with self._db.write() as conn:
            if expected_text is not None:
                _check_text(conn, transcript_id, start, end, expected_text)
            newest = conn.execute(select(func.max(CHANGE.c.id))).scalar() or 0
            coding = self._db.codings._insert_coding(
                conn, transcript_id, start, end, code_id, coder, "", None
            )
            # The coding's own 'coding.add' becomes part of this one change.
            was_new = conn.execute(CHANGE.delete().where(CHANGE.c.id > newest)).rowcount > 0
            before_coding = None if was_new else changelog.row_state(conn, "coding", coding.id)
            feedback_id = conn.execute(
                FEEDBACK.insert().values(
                    transcript_id=transcript_id,
                    start=start,
                    end=end,
                    code_id=coding.code_id,
                    answer="accept",
                    source=source,
                    score=float(score),
                    coder=coder,
                )
            ).inserted_primary_key[0]
            key = f"{coding.id}:{feedback_id}"
            before = {"coding": before_coding, "feedback": None}
            after = accept_state.snapshot(conn, key)
            changelog.log(conn, coder, "suggestion.accept", accept_state.ENTITY, key, before, after)
            return rows.coding(conn.execute(select(CODING).where(CODING.c.id == coding.id)).first())

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
