"""Codings and memos: the researcher's work, each change committed and undoable."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, func, select

from ..core.domain import Coding, Memo
from ..core.errors import Conflict, NotFound
from . import history, rows
from .tables import CodeRow, CodingRow, MemoRow, TranscriptRow, TurnRow, new_guid, now

CODING = CodingRow.__table__
CODE = CodeRow.__table__
MEMO = MemoRow.__table__
TRANSCRIPT = TranscriptRow.__table__
TURN = TurnRow.__table__
CHANGE = history.CHANGE


class CodingOps:
    def add_coding(
        self,
        transcript_id: int,
        start: int,
        end: int,
        code_id: str,
        coder: str = "",
        memo: str = "",
        actor: str | None = None,
        expected_text: str | None = None,
    ) -> Coding:
        """Code ``text[start:end]``. Returns once the coding is committed.

        Applying the same code to the same span by the same coder twice is a no-op
        that returns the existing coding. ``actor`` is who the change log names when it
        is not the coder (a consensus coding is recorded by one of the team).
        ``expected_text`` is the text the caller saw at ``start:end``; when the transcript
        changed in between (a replace), the coding is refused rather than put on other text.
        """
        with self.write() as conn:
            if expected_text is not None:
                _check_text(conn, transcript_id, start, end, expected_text)
            return self._insert_coding(conn, transcript_id, start, end, code_id, coder, memo, actor)

    def add_coding_located(
        self,
        transcript_id: int,
        locate: Callable[[str, list[tuple[int, int, int]]], tuple[int, int]],
        code_id: str,
        coder: str = "",
        memo: str = "",
        actor: str | None = None,
    ) -> Coding:
        """Code the span ``locate(text, turns)`` finds, with text and turns read inside the
        write transaction: a replace that commits between reading and writing cannot move
        the coding onto other text. ``turns`` are (index, start, end); ``locate`` raises a
        CmoError when it finds nothing."""
        with self.write() as conn:
            text = conn.execute(
                select(TRANSCRIPT.c.text).where(TRANSCRIPT.c.id == transcript_id)
            ).scalar()
            if text is None:
                raise NotFound(f"no transcript {transcript_id}")
            turns = [
                (r.idx, r.start, r.end)
                for r in conn.execute(
                    select(TURN.c.idx, TURN.c.start, TURN.c.end)
                    .where(TURN.c.transcript_id == transcript_id)
                    .order_by(TURN.c.idx)
                )
            ]
            start, end = locate(text, turns)
            return self._insert_coding(conn, transcript_id, start, end, code_id, coder, memo, actor)

    def _insert_coding(self, conn, transcript_id, start, end, code_id, coder, memo, actor):
        code = _check_code(conn, code_id)
        _check_span(conn, transcript_id, start, end)
        existing = conn.execute(
            select(CODING).where(
                CODING.c.transcript_id == transcript_id,
                CODING.c.start == start,
                CODING.c.end == end,
                CODING.c.code_id == code,
                CODING.c.coder == coder,
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
                coder=coder,
                memo=memo,
                created_at=stamp,
                updated_at=stamp,
                status="ok",
                guid=new_guid(),
            )
        ).inserted_primary_key[0]
        after = history.row_state(conn, "coding", coding_id)
        history.log(conn, actor or coder, "coding.add", "coding", coding_id, None, after)
        return rows.coding(_as_row(after))

    def remove_coding(self, coding_id: int, actor: str = "") -> Coding:
        with self.write() as conn:
            before = history.row_state(conn, "coding", coding_id)
            if before is None:
                raise NotFound(f"no coding {coding_id}")
            conn.execute(CODING.delete().where(CODING.c.id == coding_id))
            history.log(conn, actor, "coding.remove", "coding", coding_id, before, None)
        return rows.coding(_as_row(before))

    def update_coding(self, coding_id: int, actor: str = "", **changes) -> Coding:
        """Change the code, memo, span or status of a coding."""
        allowed = {"code_id", "memo", "start", "end", "status"}
        if set(changes) - allowed:
            raise Conflict(f"cannot change {', '.join(sorted(set(changes) - allowed))}")
        with self.write() as conn:
            before = history.row_state(conn, "coding", coding_id)
            if before is None:
                raise NotFound(f"no coding {coding_id}")
            if "code_id" in changes:
                changes["code_id"] = _check_code(conn, changes["code_id"])
            if "start" in changes or "end" in changes:
                _check_span(
                    conn,
                    before["transcript_id"],
                    changes.get("start", before["start"]),
                    changes.get("end", before["end"]),
                )
            conn.execute(
                CODING.update().where(CODING.c.id == coding_id).values(updated_at=now(), **changes)
            )
            after = history.row_state(conn, "coding", coding_id)
            action = "coding.memo" if set(changes) == {"memo"} else "coding.update"
            history.log(conn, actor, action, "coding", coding_id, before, after)
        return rows.coding(_as_row(after))

    def coding(self, coding_id: int) -> Coding:
        with self.read() as conn:
            row = conn.execute(select(CODING).where(CODING.c.id == coding_id)).first()
        if row is None:
            raise NotFound(f"no coding {coding_id}")
        return rows.coding(row)

    def codings(
        self,
        transcript_id: int | None = None,
        code_id: str | None = None,
        casus_id: int | None = None,
        coder: str | None = None,
    ) -> list[Coding]:
        query = select(CODING).order_by(CODING.c.transcript_id, CODING.c.start, CODING.c.id)
        if transcript_id is not None:
            query = query.where(CODING.c.transcript_id == transcript_id)
        if code_id is not None:
            query = query.where(func.lower(CODING.c.code_id) == code_id.lower())
        if coder is not None:
            query = query.where(CODING.c.coder == coder)
        if casus_id is not None:
            query = query.where(
                CODING.c.transcript_id.in_(
                    select(TRANSCRIPT.c.id).where(TRANSCRIPT.c.casus_id == casus_id)
                )
            )
        with self.read() as conn:
            return [rows.coding(r) for r in conn.execute(query)]

    # ---- memos ----------------------------------------------------------------------

    def memo(self, target_kind: str, target_id: str | int) -> Memo | None:
        with self.read() as conn:
            row = conn.execute(
                select(MEMO).where(
                    MEMO.c.target_kind == target_kind, MEMO.c.target_id == str(target_id)
                )
            ).first()
        return rows.memo(row) if row else None

    def memos(self) -> list[Memo]:
        with self.read() as conn:
            return [rows.memo(r) for r in conn.execute(select(MEMO).order_by(MEMO.c.id))]

    def set_memo(self, target_kind: str, target_id: str | int, text: str, author: str = "") -> Memo:
        """Write the memo of a project, casus, transcript or code (one memo per target)."""
        with self.write() as conn:
            row = conn.execute(
                select(MEMO).where(
                    MEMO.c.target_kind == target_kind, MEMO.c.target_id == str(target_id)
                )
            ).first()
            if row:
                before = history.row_state(conn, "memo", row.id)
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
            after = history.row_state(conn, "memo", memo_id)
            history.log(conn, author, "memo.set", "memo", memo_id, before, after)
        return rows.memo(_as_row(after))

    # ---- undo, redo and the log ------------------------------------------------------

    def undo(self, actor: str | None = None) -> dict | None:
        """Undo the last action (of ``actor``, if given). None when there is nothing to undo."""
        with self.write() as conn:
            return history.step(conn, actor, "undo")

    def redo(self, actor: str | None = None) -> dict | None:
        with self.write() as conn:
            return history.step(conn, actor, "redo")

    def note_change(
        self, actor: str, action: str, entity: str, key: str, after: dict | None = None
    ) -> None:
        """Log a change that cannot be undone (such as a QDPX import) for the audit trail;
        undo stops at it instead of silently undoing the step before."""
        with self.write() as conn:
            history.log(conn, actor, action, entity, key, None, after, state=history.FROZEN)

    def purge_history(self) -> int:
        """Delete the whole change log (it keeps old texts and names); undo then has
        nothing to go back to. Returns the number of entries deleted."""
        with self.write() as conn:
            return conn.execute(CHANGE.delete()).rowcount or 0

    def changes(self, limit: int = 50, actor: str | None = None) -> list[dict]:
        query = select(CHANGE).order_by(CHANGE.c.id.desc()).limit(limit)
        if actor:
            query = query.where(CHANGE.c.actor == actor)
        with self.read() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]


class _as_row:
    """Lets a state dict from the change log pass for a database row."""

    def __init__(self, state: dict):
        self.__dict__.update(state)


def _check_code(conn: Connection, code_id: str) -> str:
    row = conn.execute(select(CODE.c.id).where(func.lower(CODE.c.id) == code_id.lower())).first()
    if row is None:
        raise NotFound(f"no code '{code_id}' in the codebook")
    return row[0]


def _check_span(conn: Connection, transcript_id: int, start: int, end: int) -> None:
    length = conn.execute(
        select(func.length(TRANSCRIPT.c.text)).where(TRANSCRIPT.c.id == transcript_id)
    ).scalar()
    if length is None:
        raise NotFound(f"no transcript {transcript_id}")
    if not (0 <= start < end <= length):
        raise Conflict(f"span {start}-{end} is outside the transcript (0-{length}) or empty")


def _check_text(conn: Connection, transcript_id: int, start: int, end: int, expected: str) -> None:
    current = conn.execute(
        select(func.substr(TRANSCRIPT.c.text, start + 1, max(end - start, 0))).where(
            TRANSCRIPT.c.id == transcript_id
        )
    ).scalar()
    if current is None:
        raise NotFound(f"no transcript {transcript_id}")
    if current != expected:
        raise TextChanged(
            "the transcript changed while you were coding (replaced or edited by someone "
            "else); nothing was stored: reload it and code again"
        )


class TextChanged(Conflict):
    """The text under a span is no longer what the coder saw."""
