"""Rows written many at a time, for applying a planned REFI-QDA import (``cmo/refi/apply.py``).

The REFI-QDA package decides what a file's codes, cases, sources, selections, notes and
sets become; these methods write that, inside the caller's unit of work
(``store.transaction()``), so the whole import lands or none of it. Kinds are named as
the tables are: ``cluster``, ``code``, ``casus``, ``participant``, ``transcript``,
``coding``, ``memo``, ``cmoc``, ``theory_version``, ``cmoc_chain``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import func, select

from .. import coding_rows
from ..schema import (
    CASUS,
    CLUSTER,
    CMOC,
    CMOC_CHAIN,
    CODE,
    CODING,
    CODING_ORDER_INDEX,
    EVIDENCE,
    MEMO,
    PARTICIPANT,
    THEORY_VERSION,
    TRANSCRIPT,
)

KINDS = {
    "cluster": CLUSTER,
    "code": CODE,
    "casus": CASUS,
    "participant": PARTICIPANT,
    "transcript": TRANSCRIPT,
    "coding": CODING,
    "memo": MEMO,
    "cmoc": CMOC,
    "theory_version": THEORY_VERSION,
    "cmoc_chain": CMOC_CHAIN,
}
CODING_COLUMNS = (
    "transcript_id",
    "start",
    "end",
    "code_id",
    "coder",
    "memo",
    "created_at",
    "updated_at",
    "status",
    "guid",
)
"""The order of the values in each tuple given to :meth:`BulkRows.insert_codings`."""


class BulkRows:
    """Mixed into :class:`~cmo.store.repos.bulk.BulkRepo`."""

    _db: object

    def _rows(self, query) -> list:
        with self._db.write() as conn:
            return conn.execute(query).all()

    def _run(self, statement, values=None):
        with self._db.write() as conn:
            return conn.execute(statement) if values is None else conn.execute(statement, values)

    # ---- what the project has ----------------------------------------------------------

    def guids(self, kind: str) -> set[str]:
        return {r[0] for r in self._rows(select(KINDS[kind].c.guid))}

    def ids(self, kind: str) -> set:
        return {r[0] for r in self._rows(select(KINDS[kind].c.id))}

    def pairs(self, kind: str, first: str, second: str) -> set[tuple]:
        """(first, second) column values of every row: GUID → id, a chain's two ends …"""
        table = KINDS[kind]
        return {tuple(r) for r in self._rows(select(table.c[first], table.c[second]))}

    def newest_coding_id(self) -> int:
        return self._rows(select(func.max(CODING.c.id)))[0][0] or 0

    def memo_keys(self) -> set:
        """Each memo's GUID and its (kind, target, text): what a merge must not add again."""
        query = select(MEMO.c.guid, MEMO.c.target_kind, MEMO.c.target_id, MEMO.c.text)
        return {key for g, k, t, x in self._rows(query) for key in (g, (k, t, x))}

    def casus_ids(self) -> dict[str, int]:
        return dict(self._rows(select(CASUS.c.name, CASUS.c.id)))

    def codings_of(self, transcript_id: int) -> list[tuple]:
        """(id, start, end, code id, coder, guid) of each coding of a transcript."""
        return self._rows(
            select(
                CODING.c.id,
                CODING.c.start,
                CODING.c.end,
                CODING.c.code_id,
                CODING.c.coder,
                CODING.c.guid,
            ).where(CODING.c.transcript_id == transcript_id)
        )

    def coding_memo(self, coding_id: int) -> str:
        found = self._rows(select(CODING.c.memo).where(CODING.c.id == coding_id))
        return (found[0][0] if found else "") or ""

    def participant_row(self, casus_id: int, label: str) -> dict | None:
        found = self._rows(
            select(PARTICIPANT).where(
                PARTICIPANT.c.casus_id == casus_id, PARTICIPANT.c.label == label
            )
        )
        return dict(found[0]._mapping) if found else None

    # ---- writing -----------------------------------------------------------------------

    def insert(self, kind: str, values: dict) -> object:
        """One row; returns its primary key."""
        return self._run(KINDS[kind].insert().values(**values)).inserted_primary_key[0]

    def insert_many(self, kind: str, rows: list[dict]) -> None:
        if rows:
            self._run(KINDS[kind].insert(), rows)

    def update(self, kind: str, key: object, values: dict) -> None:
        table = KINDS[kind]
        self._run(table.update().where(table.c.id == key).values(**values))

    def insert_codings(self, rows: list[tuple]) -> None:
        """Codings as tuples in :data:`CODING_COLUMNS` order; on SQLite straight through
        the driver (a hundred thousand rows)."""
        if not rows:
            return
        with self._db.write() as conn:
            if conn.dialect.name == "sqlite":
                first = coding_rows.reserve_coding_ids(conn.exec_driver_sql, len(rows))
                names = ", ".join(f'"{c}"' for c in ("id", *CODING_COLUMNS))
                marks = ", ".join("?" * (len(CODING_COLUMNS) + 1))
                conn.exec_driver_sql(
                    f"INSERT INTO coding ({names}) VALUES ({marks})",
                    [(first + i, *r) for i, r in enumerate(rows)],
                )
            else:
                conn.execute(
                    CODING.insert(), [dict(zip(CODING_COLUMNS, r, strict=True)) for r in rows]
                )

    @contextmanager
    def coding_indexes_deferred(self) -> Iterator[None]:
        """Codings written into an empty table (a new project's import) skip the indexes
        no query of an import uses; those are built once at the end, in the same
        transaction: one sort instead of a hundred thousand B-tree insertions each.
        The (transcript, start) index stays: the import reads a transcript's codings."""
        with self._db.write() as conn:
            if (
                conn.dialect.name != "sqlite"
                or conn.exec_driver_sql("SELECT 1 FROM coding LIMIT 1").first()
            ):
                deferred = []
            else:
                deferred = conn.exec_driver_sql(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    "AND tbl_name = 'coding' AND sql IS NOT NULL AND name != ?",
                    (CODING_ORDER_INDEX,),
                ).all()
            for name, _sql in deferred:
                conn.exec_driver_sql(f'DROP INDEX "{name}"')
        yield
        if deferred:
            with self._db.write() as conn:
                for _name, sql in deferred:
                    conn.exec_driver_sql(sql)

    def coding_guids_of(self, transcript_id: int) -> list[tuple[int, str]]:
        return self._rows(
            select(CODING.c.id, CODING.c.guid).where(CODING.c.transcript_id == transcript_id)
        )

    def insert_evidence(
        self, cmoc_id: str, coding_ids: list[int], directions: dict[int, str] | None = None
    ) -> None:
        """Evidence of a CMOC; ``directions`` (coding id → 'weerspreekt' …) default
        'ondersteunt'."""
        directions = directions or {}
        if coding_ids:
            self._run(
                EVIDENCE.insert(),
                [
                    {
                        "cmoc_id": cmoc_id,
                        "coding_id": c,
                        "direction": directions.get(c, "ondersteunt"),
                    }
                    for c in coding_ids
                ],
            )
