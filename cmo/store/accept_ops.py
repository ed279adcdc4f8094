"""Accepting a suggestion: the coding and the researcher's answer as one change.

The coding and the feedback row the learner reads are written in one transaction and
logged as one change, so undo takes back both: an undone acceptance leaves no answer
behind that would still teach the suggester.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from ..core.domain import Coding
from . import history, rows
from .coding_ops import _check_text
from .tables import ChangeRow, CodingRow, FeedbackRow

ENTITY = "suggestion"
"""Change-log entity: key ``<coding id>:<feedback id>``."""
CHANGE = ChangeRow.__table__
CODING = CodingRow.__table__
FEEDBACK = FeedbackRow.__table__


def _parse_key(key: str) -> tuple[int, int]:
    coding, _, feedback = str(key).partition(":")
    return int(coding), int(feedback)


def snapshot(conn: Connection, key: str) -> dict:
    """The coding (with its CMOC links) and the answer; each None when absent."""
    coding_id, feedback_id = _parse_key(key)
    coding = history.row_state(conn, "coding", coding_id)
    answer = conn.execute(select(FEEDBACK).where(FEEDBACK.c.id == feedback_id)).mappings().first()
    return {"coding": coding, "feedback": dict(answer) if answer else None}


def restore_snapshot(conn: Connection, key: str, state: dict | None) -> None:
    coding_id, feedback_id = _parse_key(key)
    state = state or {}
    conn.execute(FEEDBACK.delete().where(FEEDBACK.c.id == feedback_id))
    history.restore(conn, "coding", coding_id, state.get("coding"))
    if state.get("feedback"):
        conn.execute(FEEDBACK.insert().values(**state["feedback"]))


def accept_suggestion(
    store,
    transcript_id: int,
    start: int,
    end: int,
    code_id: str,
    coder: str,
    source: str = "",
    score: float = 0.0,
    expected_text: str | None = None,
) -> Coding:
    """Code ``text[start:end]`` with the suggested ``code_id`` and record the acceptance,
    in one transaction and one logged change (the coding may exist already: then only
    the answer is new, and undo takes back only that)."""
    with store.write() as conn:
        if expected_text is not None:
            _check_text(conn, transcript_id, start, end, expected_text)
        newest = conn.execute(select(func.max(CHANGE.c.id))).scalar() or 0
        coding = store._insert_coding(conn, transcript_id, start, end, code_id, coder, "", None)
        # The coding's own 'coding.add' becomes part of this one change.
        was_new = conn.execute(CHANGE.delete().where(CHANGE.c.id > newest)).rowcount > 0
        before_coding = None if was_new else history.row_state(conn, "coding", coding.id)
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
        history.log(conn, coder, "suggestion.accept", ENTITY, key, before, snapshot(conn, key))
        row = conn.execute(select(CODING).where(CODING.c.id == coding.id)).first()
        return rows.coding(row)
