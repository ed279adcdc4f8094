"""The project store: every read and write the CLI, the TUI and the analyses use.

Each repository method that changes something is one transaction (or part of the one
of ``store.transaction()``); a method that returns has committed. Methods return the
plain types of ``cmo.core.domain``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import OperationalError

from ..core.errors import ProjectError
from . import guard, shared_queries
from .db import make_engine, read, write
from .lookups import Lookups
from .migrations import ensure_schema
from .repo_access import Repos
from .unit_of_work import UnitOfWork


class Store(Repos):
    """All persistent state of one project, behind one SQLAlchemy engine.

    What a project holds is reached through its repositories (``store.transcripts``,
    ``store.codings``, ``store.cmocs``, …; see :class:`~cmo.store.repo_access.Repos`);
    ``store.transaction()`` gives the same repositories bound to one transaction.
    """

    def __init__(self, url: str, backup: Callable[[int], None] | None = None, create: bool = True):
        self.url = url
        guard.check_url(url, must_exist=not create)
        path = guard.sqlite_path(url)
        self.read_only = guard.read_only_reason(path) if path is not None else ""
        engine_url = guard.read_only_url(path) if self.read_only else url
        self.engine: Engine = make_engine(engine_url, read_only=bool(self.read_only))
        with self._one_line_errors():
            self.migrations_applied = ensure_schema(self.engine, backup=backup)
            self.identity = guard.capture(url, path, self._project_identity())

    def _project_identity(self) -> str:
        with read(self.engine) as conn:
            current = guard.read_identity(conn)
        if current or self.read_only:
            return current
        with write(self.engine) as conn:
            return guard.ensure_identity(conn)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction, refused on a read-only database and on one that has
        vanished or been replaced since the store opened it (see ``guard``)."""
        if self.read_only:
            raise ProjectError(
                f"{self.identity.path}: the project database is read-only "
                f"({self.read_only}); nothing can be changed"
            )
        with self._one_line_errors(), write(self.engine) as conn:
            self.identity.verify(conn)
            yield conn

    @contextmanager
    def _one_line_errors(self) -> Iterator[None]:
        # A full disk or a file that turned read-only is one line naming the file, not the
        # driver's message with the SQL statement and its parameters.
        try:
            yield
        except OperationalError as exc:
            raise ProjectError(guard.explain_write_error(self.url, exc)) from None

    def read(self):
        return read(self.engine)

    @contextmanager
    def transaction(self) -> Iterator[UnitOfWork]:
        """A unit of work: the repositories bound to one write transaction, which commits
        when the block ends and rolls back whole on any error."""
        with self.write() as conn:
            yield UnitOfWork(self, conn)

    def fetch(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Plain tuples straight from the database driver: for 100,000 rows SQLAlchemy's
        row objects cost more than the query. ``params`` use :attr:`placeholder`."""
        with self.engine.connect() as conn:
            cursor = conn.connection.cursor()
            try:
                cursor.execute(sql, params)
                return cursor.fetchall()
            finally:
                cursor.close()

    def export_everything(self, codebook_only: bool = False) -> dict:
        """What an export writes, read in one read transaction by the same plain SQL as
        the standard-library store's (``plain_export``), so that both export alike."""
        from . import plain_export

        with self.read() as conn:
            driver = conn.connection

            def fetch(sql: str, params: tuple = ()) -> list[tuple]:
                cursor = driver.cursor()
                try:
                    cursor.execute(sql, params)
                    return cursor.fetchall()
                finally:
                    cursor.close()

            return plain_export.read(fetch, codebook_only, self.engine.dialect.name == "sqlite")

    @property
    def lookups(self) -> Lookups:
        """Plain-SQL lookups shared with the fast path's store."""
        return Lookups(self.fetch, self.placeholder)

    @property
    def placeholder(self) -> str:
        return "?" if self.engine.dialect.paramstyle == "qmark" else "%s"

    def integrity_problems(self) -> list[str]:
        """SQLite's own check of the file; empty when the database is sound."""
        if not self.is_sqlite:
            return []
        return shared_queries.integrity_problems(self.fetch)

    # ---- whole-project views ---------------------------------------------------------

    def logical_dump(self) -> dict[str, list[tuple]]:
        """Every table's rows, sorted: two equal dumps mean an unchanged project."""
        from sqlmodel import SQLModel

        dump: dict[str, list[tuple]] = {}
        with self.read() as conn:
            for name, table in sorted(SQLModel.metadata.tables.items()):
                dump[name] = sorted(
                    (tuple(repr(v) for v in r) for r in conn.execute(select(table))),
                )
        return dump
