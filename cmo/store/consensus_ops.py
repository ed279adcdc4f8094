"""Consensus codings: stored under coder 'consensus', logged under the person who entered them."""

from __future__ import annotations

from sqlalchemy import select

from ..core.model import Coding
from . import history, rows
from .coding_ops import CODING, _as_row, _check_code, _check_span
from .tables import new_guid, now

CONSENSUS = "consensus"


def add_consensus_coding(
    store, transcript_id: int, start: int, end: int, code_id: str, actor: str = "", memo: str = ""
) -> Coding:
    """Like ``Store.add_coding`` with coder 'consensus', but the change log names ``actor``
    (who recorded the consensus), so the audit trail shows who decided. The same code on
    the same span twice is a no-op that returns the existing coding."""
    with store.write() as conn:
        code = _check_code(conn, code_id)
        _check_span(conn, transcript_id, start, end)
        existing = conn.execute(
            select(CODING).where(
                CODING.c.transcript_id == transcript_id,
                CODING.c.start == start,
                CODING.c.end == end,
                CODING.c.code_id == code,
                CODING.c.coder == CONSENSUS,
            )
        ).first()
        if existing:
            return rows.coding(existing)
        stamp = now()
        coding_id = conn.execute(
            CODING.insert().values(
                transcript_id=transcript_id,
                start=start,
                end=end,
                code_id=code,
                coder=CONSENSUS,
                memo=memo,
                created_at=stamp,
                updated_at=stamp,
                status="ok",
                guid=new_guid(),
            )
        ).inserted_primary_key[0]
        after = history.row_state(conn, "coding", coding_id)
        history.log(conn, actor or CONSENSUS, "coding.add", "coding", coding_id, None, after)
    return rows.coding(_as_row(after))
