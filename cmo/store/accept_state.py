"""Snapshots of an accepted suggestion, for the change log: the coding (with its CMOC
links) and the answer the suggester learns from, logged as one change
(``repos/feedback.py``), so undo takes back both and redo puts back both."""

from __future__ import annotations

from sqlalchemy import Connection, select

from . import row_state
from .schema import FEEDBACK

ENTITY = "suggestion"
"""Change-log entity: key ``<coding id>:<feedback id>``."""


def _parse_key(key: str) -> tuple[int, int]:
    coding, _, feedback = str(key).partition(":")
    return int(coding), int(feedback)


def snapshot(conn: Connection, key: str) -> dict:
    """The coding and the answer; each None when absent."""
    coding_id, feedback_id = _parse_key(key)
    coding = row_state.row_state(conn, "coding", coding_id)
    answer = conn.execute(select(FEEDBACK).where(FEEDBACK.c.id == feedback_id)).mappings().first()
    return {"coding": coding, "feedback": dict(answer) if answer else None}


def restore_snapshot(conn: Connection, key: str, state: dict | None) -> None:
    coding_id, feedback_id = _parse_key(key)
    state = state or {}
    conn.execute(FEEDBACK.delete().where(FEEDBACK.c.id == feedback_id))
    row_state.restore_row(conn, "coding", coding_id, state.get("coding"))
    if state.get("feedback"):
        conn.execute(FEEDBACK.insert().values(**state["feedback"]))
