"""Snapshots of who speaks where, for the change log: the participants of a casus and
the turns of some of its transcripts, before and after a speaker correction
(``repos/participants.py``), and putting such a snapshot back on undo."""

from __future__ import annotations

from sqlalchemy import Connection, select

from .schema import PARTICIPANT, TURN

ENTITY = "speakers"
"""Change-log entity: key ``<casus id>:<transcript id>,<transcript id>…``."""


def _parse_key(key: str) -> tuple[int, list[int]]:
    casus, _, transcripts = str(key).partition(":")
    return int(casus), [int(t) for t in transcripts.split(",") if t]


def snapshot(conn: Connection, key: str) -> dict:
    """Participants of the casus and turns of the transcripts named in ``key``."""
    casus_id, transcript_ids = _parse_key(key)
    people = [
        dict(r)
        for r in conn.execute(
            select(PARTICIPANT).where(PARTICIPANT.c.casus_id == casus_id).order_by(PARTICIPANT.c.id)
        ).mappings()
    ]
    turns = [
        dict(r)
        for r in conn.execute(
            select(TURN).where(TURN.c.transcript_id.in_(transcript_ids)).order_by(TURN.c.id)
        ).mappings()
    ]
    return {"participants": people, "turns": turns}


def restore_snapshot(conn: Connection, key: str, state: dict | None) -> None:
    casus_id, transcript_ids = _parse_key(key)
    if state is None:
        return
    conn.execute(TURN.delete().where(TURN.c.transcript_id.in_(transcript_ids)))
    wanted = {p["id"]: p for p in state["participants"]}
    present = set(
        conn.execute(select(PARTICIPANT.c.id).where(PARTICIPANT.c.casus_id == casus_id)).scalars()
    )
    gone = present - set(wanted)
    if gone:
        # Turns of other transcripts never point at these (they were created or emptied by
        # the logged change, which touched only the transcripts in the key).
        conn.execute(PARTICIPANT.delete().where(PARTICIPANT.c.id.in_(gone)))
    for pid, row in wanted.items():
        if pid in present:
            conn.execute(PARTICIPANT.update().where(PARTICIPANT.c.id == pid).values(**row))
        else:
            conn.execute(PARTICIPANT.insert().values(**row))
    if state["turns"]:
        conn.execute(TURN.insert(), state["turns"])
