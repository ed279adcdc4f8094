"""A transcript with everything that hangs on it, as one undoable state.

Replacing a transcript by a corrected version, or removing it, changes many rows at once:
the text, the turns, the participants who speak in it, the place of every coding, the
suggestion feedback. For undo (and redo) the change log keeps a *snapshot* of all of it
before and after, and :func:`restore` makes the database equal to a snapshot again, ids
and all. A snapshot is plain JSON.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from ..core.errors import Conflict
from .schema import (
    CMOC,
    CODING,
    EVIDENCE,
    FEEDBACK,
    MEMO,
    PARTICIPANT,
    TRANSCRIPT,
    TURN,
)

SNAPSHOT = "_snapshot"
"""Marks a change-log state that is a whole-transcript snapshot."""


def snapshot(conn: Connection, transcript_id: int) -> dict | None:
    """The transcript, its turns, codings (with CMOC links and memos), feedback and the
    participants who speak in it; None when there is no such transcript."""
    row = conn.execute(select(TRANSCRIPT).where(TRANSCRIPT.c.id == transcript_id)).mappings()
    transcript = row.first()
    if transcript is None:
        return None
    turns = _rows(conn, select(TURN).where(TURN.c.transcript_id == transcript_id), TURN.c.idx)
    codings = _rows(
        conn, select(CODING).where(CODING.c.transcript_id == transcript_id), CODING.c.id
    )
    coding_ids = [c["id"] for c in codings]
    people = sorted({t["participant_id"] for t in turns if t["participant_id"] is not None})
    return {
        SNAPSHOT: 1,
        "transcript": dict(transcript),
        "turns": turns,
        "participants": _rows(
            conn, select(PARTICIPANT).where(PARTICIPANT.c.id.in_(people)), PARTICIPANT.c.id
        ),
        "codings": codings,
        "evidence": [
            list(r)
            for r in conn.execute(
                select(EVIDENCE.c.cmoc_id, EVIDENCE.c.coding_id)
                .where(EVIDENCE.c.coding_id.in_(coding_ids))
                .order_by(EVIDENCE.c.coding_id, EVIDENCE.c.cmoc_id)
            )
        ],
        "feedback": _rows(
            conn, select(FEEDBACK).where(FEEDBACK.c.transcript_id == transcript_id), FEEDBACK.c.id
        ),
        "memos": _rows(conn, _memo_query(transcript_id, coding_ids), MEMO.c.id),
    }


def fingerprint(state: dict | None) -> tuple | None:
    """What must be unchanged for a snapshot to be undone: the text and every coding."""
    if state is None:
        return None
    t = state["transcript"]
    return (
        t["name"],
        t["text"],
        tuple(
            (c["id"], c["start"], c["end"], c["code_id"], c["coder"], c["status"], c["memo"])
            for c in state["codings"]
        ),
    )


def restore(conn: Connection, transcript_id: int, target: dict | None) -> None:
    """Make transcript ``transcript_id`` and what hangs on it equal to ``target``
    (None: absent). Participants who spoke only here and are not in ``target`` go."""
    current = snapshot(conn, transcript_id)
    if current is not None:
        coding_ids = [c["id"] for c in current["codings"]]
        conn.execute(EVIDENCE.delete().where(EVIDENCE.c.coding_id.in_(coding_ids)))
        conn.execute(MEMO.delete().where(MEMO.c.id.in_([m["id"] for m in current["memos"]])))
        conn.execute(CODING.delete().where(CODING.c.transcript_id == transcript_id))
        conn.execute(FEEDBACK.delete().where(FEEDBACK.c.transcript_id == transcript_id))
        conn.execute(TURN.delete().where(TURN.c.transcript_id == transcript_id))
        if target is None:
            conn.execute(TRANSCRIPT.delete().where(TRANSCRIPT.c.id == transcript_id))
    if target is not None:
        values = dict(target["transcript"])
        if current is None:
            conn.execute(TRANSCRIPT.insert().values(**values))
        else:
            conn.execute(
                TRANSCRIPT.update().where(TRANSCRIPT.c.id == transcript_id).values(**values)
            )
        present = set(
            conn.execute(
                select(PARTICIPANT.c.id).where(
                    PARTICIPANT.c.id.in_([p["id"] for p in target["participants"]])
                )
            ).scalars()
        )
        missing = [p for p in target["participants"] if p["id"] not in present]
        _insert(conn, PARTICIPANT, missing)
        _insert(conn, TURN, target["turns"])
        _insert(conn, CODING, target["codings"])
        alive = set(conn.execute(select(CMOC.c.id)).scalars())
        _insert(
            conn,
            EVIDENCE,
            [{"cmoc_id": m, "coding_id": c} for m, c in target["evidence"] if m in alive],
        )
        _insert(conn, FEEDBACK, target["feedback"])
        _insert(conn, MEMO, target["memos"])
    kept = {p["id"] for p in (target or {}).get("participants", [])}
    for person in (current or {}).get("participants", []):
        if person["id"] in kept:
            continue
        if conn.execute(select(TURN.c.id).where(TURN.c.participant_id == person["id"])).first():
            continue  # still speaks in another transcript
        conn.execute(PARTICIPANT.delete().where(PARTICIPANT.c.id == person["id"]))


def step(conn: Connection, change: dict, direction: str) -> None:
    """Undo or redo a change of a whole transcript (replace, remove, rename)."""
    transcript_id = int(change["entity_id"])
    expected, target = (
        (change["after"], change["before"])
        if direction == "undo"
        else (change["before"], change["after"])
    )
    state = change["before"] or change["after"] or {}
    name = state.get("name") or state.get("transcript", {}).get("name")
    what = f"'{change['action']}' of transcript '{name or transcript_id}'"
    if _is_snapshot(expected) or _is_snapshot(target) or expected is None or target is None:
        current = snapshot(conn, transcript_id)
        if fingerprint(current) != fingerprint(expected):
            raise Conflict(
                f"cannot {direction} {what}: its text or codings were changed since "
                f"({direction} those changes first)"
            )
        restore(conn, transcript_id, target)
        return
    # A rename: only the name changes.
    current_name = conn.execute(
        select(TRANSCRIPT.c.name).where(TRANSCRIPT.c.id == transcript_id)
    ).scalar()
    if current_name != expected["name"]:
        raise Conflict(f"cannot {direction} {what}: it is now called '{current_name}'")
    clash = conn.execute(
        select(TRANSCRIPT.c.id).where(
            TRANSCRIPT.c.name == target["name"], TRANSCRIPT.c.id != transcript_id
        )
    ).first()
    if clash:
        raise Conflict(f"cannot {direction} {what}: another transcript is named '{target['name']}'")
    conn.execute(
        TRANSCRIPT.update().where(TRANSCRIPT.c.id == transcript_id).values(name=target["name"])
    )
    relabel(conn, target.get("labels", {}))


def relabel(conn: Connection, labels: dict[str, str]) -> None:
    """Give participants (by id, as text) these labels."""
    for person_id, label in labels.items():
        conn.execute(
            PARTICIPANT.update().where(PARTICIPANT.c.id == int(person_id)).values(label=label)
        )


def later_transcript_change(conn: Connection, change_id: int, transcript_id: int) -> dict | None:
    """A replace or removal of ``transcript_id`` in force and logged after ``change_id``:
    undoing a coding change from before it would put offsets into the wrong text."""
    from .schema import CHANGE

    row = (
        conn.execute(
            select(CHANGE)
            .where(
                CHANGE.c.id > change_id,
                CHANGE.c.entity == "transcript",
                CHANGE.c.entity_id == str(transcript_id),
                CHANGE.c.action.in_(("transcript.replace", "transcript.remove")),
                CHANGE.c.state.in_(("done", "frozen")),
            )
            .order_by(CHANGE.c.id)
            .limit(1)
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def _is_snapshot(state: dict | None) -> bool:
    return bool(state) and SNAPSHOT in state


def _rows(conn: Connection, query, order) -> list[dict]:
    return [dict(r) for r in conn.execute(query.order_by(order)).mappings()]


def _memo_query(transcript_id: int, coding_ids: list[int]):
    from sqlalchemy import and_, or_

    return select(MEMO).where(
        or_(
            and_(MEMO.c.target_kind == "transcript", MEMO.c.target_id == str(transcript_id)),
            and_(
                MEMO.c.target_kind == "coding", MEMO.c.target_id.in_([str(i) for i in coding_ids])
            ),
        )
    )


def _insert(conn: Connection, table, items: list[dict]) -> None:
    if items:
        conn.execute(table.insert(), [dict(i) for i in items])
