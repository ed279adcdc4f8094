"""One row's state for the change log, and putting it back: the row of a coding, memo,
code, CMOC, theory version or chain, with a coding's or a CMOC's evidence links.

``changelog`` logs and undoes these; a snapshot of several rows (``accept_state``) is
made of them, without importing the log.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, select

from .coding_rows import with_links
from .schema import CMOC, CMOC_CHAIN, CODE, CODING, EVIDENCE, MEMO, THEORY_VERSION

ENTITY_TABLES: dict[str, Table] = {
    "coding": CODING,
    "memo": MEMO,
    "code": CODE,
    "cmoc": CMOC,
    "theory": THEORY_VERSION,
    "chain": CMOC_CHAIN,
}


def row_state(conn: Connection, entity: str, key: Any) -> dict | None:
    """The row ``key`` of ``entity`` with its CMOC links (None: absent)."""
    table = ENTITY_TABLES[entity]
    row = conn.execute(select(table).where(primary_key(table) == key)).mappings().first()
    if row is None:
        return None
    state = dict(row)
    if entity == "cmoc":
        links = conn.execute(
            select(EVIDENCE.c.coding_id, EVIDENCE.c.direction).where(EVIDENCE.c.cmoc_id == key)
        ).all()
        with_links(entity, state, links)
    elif entity == "coding":
        links = conn.execute(
            select(EVIDENCE.c.cmoc_id, EVIDENCE.c.direction).where(EVIDENCE.c.coding_id == key)
        ).all()
        with_links(entity, state, links)
    return state


def restore_row(conn: Connection, entity: str, key: Any, state: dict | None) -> None:
    """Make the row ``key`` of ``entity`` equal to ``state`` (None: absent)."""
    table = ENTITY_TABLES[entity]
    pk = primary_key(table)
    evidence = cmocs = None
    against: set = set()
    if state is not None:
        state = dict(state)
        evidence = state.pop("_evidence", None)
        cmocs = state.pop("_cmocs", None)
        # States logged before schema 5 have no directions: all their evidence supports.
        against = set(state.pop("_against", None) or ())
        against |= set(state.pop("_cmocs_against", None) or ())
    if entity == "cmoc":
        conn.execute(EVIDENCE.delete().where(EVIDENCE.c.cmoc_id == key))
    if state is None:
        conn.execute(table.delete().where(pk == key))
        return
    exists = conn.execute(select(pk).where(pk == key)).first()
    if exists:
        conn.execute(table.update().where(pk == key).values(**state))
    else:
        conn.execute(table.insert().values(**state))
    if evidence:
        conn.execute(
            EVIDENCE.insert(),
            [
                {"cmoc_id": key, "coding_id": c, "direction": _direction(c, against)}
                for c in evidence
            ],
        )
    if cmocs is not None:
        conn.execute(EVIDENCE.delete().where(EVIDENCE.c.coding_id == key))
        alive = set(conn.execute(select(CMOC.c.id).where(CMOC.c.id.in_(cmocs))).scalars())
        if alive:
            conn.execute(
                EVIDENCE.insert(),
                [
                    {"cmoc_id": c, "coding_id": key, "direction": _direction(c, against)}
                    for c in sorted(alive)
                ],
            )


def _direction(key: Any, against: set) -> str:
    return "weerspreekt" if key in against else "ondersteunt"


def primary_key(table: Table):
    return next(iter(table.primary_key.columns))
