"""One transaction shared by several repository calls: ``with store.transaction() as tx``.

``tx`` exposes the same repositories as the store (``tx.bulk``, ``tx.codings``, …), all
bound to one connection: everything done through it commits when the block ends, or
nothing does (an error rolls the whole unit back). Reads inside see the unit's own
uncommitted writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .repo_access import Repos

if TYPE_CHECKING:
    from sqlalchemy import Connection


class UnitOfWork(Repos):
    def __init__(self, store, conn: Connection):
        # ``store``: the Store this unit belongs to (not imported: store.py imports us).
        self.store = store
        self.conn = conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        yield self.conn

    read = write

    @contextmanager
    def transaction(self) -> Iterator[UnitOfWork]:
        """Already one: a nested unit joins it."""
        yield self

    def fetch(self, sql: str, params: tuple = ()) -> list[tuple]:
        cursor = self.conn.connection.cursor()
        try:
            cursor.execute(sql, params)
            return cursor.fetchall()
        finally:
            cursor.close()

    def __getattr__(self, name: str):
        # url, placeholder, is_sqlite, read_only…: what the store says about the project.
        return getattr(self.store, name)
