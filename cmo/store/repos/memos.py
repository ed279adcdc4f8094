"""Memos: one per project, casus, transcript, code or CMOC, each change undoable."""

from __future__ import annotations

from sqlalchemy import select

from ...core.domain import Memo
from .. import changelog, rows
from ..schema import MEMO, new_guid, now
from .base import Repo
from .codings import _as_row


class MemosRepo(Repo):
    """Memos by target (kind and id)."""

    def get(self, target_kind: str, target_id: str | int) -> Memo | None:
        with self._db.read() as conn:
            row = conn.execute(
                select(MEMO).where(
                    MEMO.c.target_kind == target_kind, MEMO.c.target_id == str(target_id)
                )
            ).first()
        return rows.memo(row) if row else None

    def all(self) -> list[Memo]:
        with self._db.read() as conn:
            return [rows.memo(r) for r in conn.execute(select(MEMO).order_by(MEMO.c.id))]

    def set(self, target_kind: str, target_id: str | int, text: str, author: str = "") -> Memo:
        """Write the memo of a project, casus, transcript or code (one memo per target)."""
        with self._db.write() as conn:
            row = conn.execute(
                select(MEMO).where(
                    MEMO.c.target_kind == target_kind, MEMO.c.target_id == str(target_id)
                )
            ).first()
            if row:
                before = changelog.row_state(conn, "memo", row.id)
                conn.execute(
                    MEMO.update()
                    .where(MEMO.c.id == row.id)
                    .values(text=text, author=author, updated_at=now())
                )
                memo_id = row.id
            else:
                before = None
                stamp = now()
                memo_id = conn.execute(
                    MEMO.insert().values(
                        target_kind=target_kind,
                        target_id=str(target_id),
                        text=text,
                        author=author,
                        created_at=stamp,
                        updated_at=stamp,
                        guid=new_guid(),
                    )
                ).inserted_primary_key[0]
            after = changelog.row_state(conn, "memo", memo_id)
            changelog.log(conn, author, "memo.set", "memo", memo_id, before, after)
        return rows.memo(_as_row(after))
