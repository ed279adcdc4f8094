"""The change log: every user action, for undo/redo across restarts and for the audit trail.

Each action stores the state of the changed row before and after. Undo restores
``before``; redo restores ``after``. Undone actions form a suffix of the log; a new
action drops them, as in every editor.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, select, update

from ..core.errors import Conflict
from . import row_state as rows_state
from . import transcript_state
from .coding_rows import change_entry
from .schema import (
    CHANGE,
)

FROZEN = "frozen"
"""State of a change that cannot be undone (kept for the audit trail only)."""


def _snapshots():
    """Entities logged as a snapshot of several rows (speaker corrections, an accepted
    suggestion), by name."""
    from . import accept_state, speaker_state

    return {
        speaker_state.ENTITY: (speaker_state.snapshot, speaker_state.restore_snapshot),
        accept_state.ENTITY: (accept_state.snapshot, accept_state.restore_snapshot),
    }


def row_state(conn: Connection, entity: str, key: Any) -> dict | None:
    if entity in _snapshots():
        return _snapshots()[entity][0](conn, key)
    return rows_state.row_state(conn, entity, key)


def log(
    conn: Connection,
    actor: str,
    action: str,
    entity: str,
    key: Any,
    before: dict | None,
    after: dict | None,
    state: str = "done",
) -> None:
    """Log an action (``state`` FROZEN: one that cannot be undone); like every new action
    it drops the actor's undone ones."""
    conn.execute(
        update(CHANGE)
        .where(and_(CHANGE.c.state == "undone", CHANGE.c.actor == actor))
        .values(state="dropped")
    )
    conn.execute(
        CHANGE.insert().values(**change_entry(actor, action, entity, key, before, after, state))
    )


def restore(conn: Connection, entity: str, key: Any, state: dict | None) -> None:
    """Make the row ``key`` of ``entity`` equal to ``state`` (None: absent)."""
    if entity in _snapshots():
        _snapshots()[entity][1](conn, key, state)
        return
    rows_state.restore_row(conn, entity, key, state)


def step(conn: Connection, actor: str | None, direction: str) -> dict | None:
    """Undo (direction 'undo') or redo the last action of ``actor``; returns the change."""
    query = select(CHANGE)
    if actor is not None:
        query = query.where(CHANGE.c.actor == actor)
    if direction == "undo":
        # A change that cannot be undone (a QDPX import, a replace logged by an older cmo)
        # stops undo there: skipping it would silently undo the step before.
        query = query.where(CHANGE.c.state.in_(("done", FROZEN))).order_by(CHANGE.c.id.desc())
    else:
        query = query.where(CHANGE.c.state == "undone").order_by(CHANGE.c.id.asc())
    change = conn.execute(query.limit(1)).mappings().first()
    if change is None:
        return None
    if change["state"] == FROZEN:
        raise Conflict(
            f"the last change, '{change['action']}' of {change['entity']} "
            f"{change['entity_id']} at {change['at'][:16].replace('T', ' ')}, cannot be undone"
        )
    if change["entity"] == "transcript":
        transcript_state.step(conn, dict(change), direction)
        _mark(conn, change["id"], direction)
        return dict(change)
    entity, key = change["entity"], _key(change["entity"], change["entity_id"])
    if entity == "coding":
        _check_not_across_replace(conn, change, direction)
    expected, target = (
        (change["after"], change["before"])
        if direction == "undo"
        else (change["before"], change["after"])
    )
    current = row_state(conn, entity, key)
    if not _same(current, expected):
        raise Conflict(
            f"cannot {direction} '{change['action']}' on {entity} {key}: it was changed since"
        )
    restore(conn, entity, key, target)
    _mark(conn, change["id"], direction)
    return dict(change)


def _mark(conn: Connection, change_id: int, direction: str) -> None:
    conn.execute(
        update(CHANGE)
        .where(CHANGE.c.id == change_id)
        .values(state="undone" if direction == "undo" else "done")
    )


def _check_not_across_replace(conn: Connection, change, direction: str) -> None:
    """A coding change made on an older version of the text cannot be undone or redone
    while a later replace (or removal) of that transcript is in force."""
    state = change["before"] or change["after"] or {}
    transcript_id = state.get("transcript_id")
    if transcript_id is None:
        return
    later = transcript_state.later_transcript_change(conn, change["id"], transcript_id)
    if later is not None:
        raise Conflict(
            f"cannot {direction} '{change['action']}' on coding {change['entity_id']}: "
            f"it was made before '{later['action']}' (change {later['id']}); "
            "undo that first"
        )


def _same(current: dict | None, expected: dict | None) -> bool:
    if current is None or expected is None:
        return current is None and expected is None
    ignore = {"updated_at"}
    return all(current.get(k) == v for k, v in expected.items() if k not in ignore)


def _key(entity: str, raw: str) -> Any:
    if entity in _snapshots():
        return raw
    pk = rows_state.primary_key(rows_state.ENTITY_TABLES[entity])
    return int(raw) if pk.type.python_type is int else raw
