"""Codings and memos: the researcher's work, each change committed and undoable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

from sqlalchemy import Connection, func, select

from ...core.domain import Coding
from ...core.errors import Conflict, NotFound
from ...core.names import check_name
from .. import changelog, coding_rows, rows
from ..schema import (
    CODE,
    CODING,
    TRANSCRIPT,
    TURN,
    now,
)
from .base import Repo

CHANGE = changelog.CHANGE


class CodingsRepo(Repo):
    """Codings: the researcher's work, each change one committed, undoable transaction."""

    def add(
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
        with self._db.write() as conn:
            if expected_text is not None:
                _check_text(conn, transcript_id, start, end, expected_text)
            return self._insert_coding(conn, transcript_id, start, end, code_id, coder, memo, actor)

    def add_located(
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
        with self._db.write() as conn:
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
        check_name("coder name", coder or "")
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
        values = coding_rows.new_coding(transcript_id, start, end, code, coder, memo)
        if conn.dialect.name == "sqlite":
            values["id"] = coding_rows.reserve_coding_ids(conn.exec_driver_sql)
        coding_id = conn.execute(CODING.insert().values(**values)).inserted_primary_key[0]
        after = changelog.row_state(conn, "coding", coding_id)
        changelog.log(conn, actor or coder, "coding.add", "coding", coding_id, None, after)
        return rows.coding(_as_row(after))

    def remove(self, coding_id: int, actor: str = "") -> Coding:
        with self._db.write() as conn:
            before = changelog.row_state(conn, "coding", coding_id)
            if before is None:
                raise NotFound(f"no coding {coding_id}")
            conn.execute(CODING.delete().where(CODING.c.id == coding_id))
            changelog.log(conn, actor, "coding.remove", "coding", coding_id, before, None)
        return rows.coding(_as_row(before))

    def update(self, coding_id: int, actor: str = "", **changes) -> Coding:
        """Change the code, memo, span or status of a coding."""
        allowed = {"code_id", "memo", "start", "end", "status"}
        if set(changes) - allowed:
            raise Conflict(f"cannot change {', '.join(sorted(set(changes) - allowed))}")
        with self._db.write() as conn:
            before = changelog.row_state(conn, "coding", coding_id)
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
            after = changelog.row_state(conn, "coding", coding_id)
            action = "coding.memo" if set(changes) == {"memo"} else "coding.update"
            changelog.log(conn, actor, action, "coding", coding_id, before, after)
        return rows.coding(_as_row(after))

    def count(self) -> int:
        with self._db.read() as conn:
            return conn.execute(select(func.count()).select_from(CODING)).scalar() or 0

    def get(self, coding_id: int) -> Coding:
        with self._db.read() as conn:
            row = conn.execute(select(CODING).where(CODING.c.id == coding_id)).first()
        if row is None:
            raise NotFound(f"no coding {coding_id}")
        return rows.coding(row)

    def all(
        self,
        transcript_id: int | None = None,
        code_id: str | None = None,
        casus_id: int | None = None,
        coder: str | None = None,
    ) -> list[Coding]:
        # The columns in the order of Coding's fields: rows become codings positionally.
        query = select(*(CODING.c[f.name] for f in fields(Coding))).order_by(
            CODING.c.transcript_id, CODING.c.start, CODING.c.id
        )
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
        with self._db.read() as conn:
            # One fetch (iterating a result asks the driver row by row): a transcript's
            # 100,000 codings in a fraction of the time.
            found = conn.execute(query).all()
        return [Coding(*r) for r in found]

    # ---- what the workbench reads of one transcript ------------------------------------
    # Plain SQL straight through the driver, in the covering index's order (start, id):
    # the transcript view reads the codings of the text on screen first, and all of them
    # only when it needs them all.

    def longest(self, transcript_id: int) -> int:
        """The length of the transcript's longest coding (0 without codings)."""
        mark = self._db.placeholder
        found = self._db.fetch(
            f'SELECT MAX("end" - start) FROM coding WHERE transcript_id = {mark}',
            (transcript_id,),
        )
        return found[0][0] or 0

    def starting_in(self, transcript_id: int, low: int, high: int) -> list[Coding]:
        """The transcript's codings with ``low <= start < high``, by start and id."""
        mark = self._db.placeholder
        return self._of_transcript(
            f"AND start >= {mark} AND start < {mark}", (transcript_id, low, high)
        )

    def of_transcript(self, transcript_id: int) -> list[Coding]:
        """Every coding of the transcript, by start and id."""
        return self._of_transcript("", (transcript_id,))

    def _of_transcript(self, where: str, params: tuple) -> list[Coding]:
        columns = ", ".join(f'"{f.name}"' for f in fields(Coding))
        mark = self._db.placeholder
        found = self._db.fetch(
            f"SELECT {columns} FROM coding WHERE transcript_id = {mark} {where} ORDER BY start, id",
            params,
        )
        return [Coding(*r) for r in found]


class _as_row:
    """Lets a state dict from the change log pass for a database row."""

    def __init__(self, state: dict):
        self.__dict__.update(state)


def _check_code(conn: Connection, code_id: str) -> str:
    row = conn.execute(select(CODE.c.id).where(func.lower(CODE.c.id) == code_id.lower())).first()
    if row is None:
        raise coding_rows.no_code(code_id)
    return row[0]


def _check_span(conn: Connection, transcript_id: int, start: int, end: int) -> None:
    length = conn.execute(
        select(func.length(TRANSCRIPT.c.text)).where(TRANSCRIPT.c.id == transcript_id)
    ).scalar()
    coding_rows.check_span(start, end, length, transcript_id)


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
