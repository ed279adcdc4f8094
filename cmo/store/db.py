"""Engines and transactions.

SQLite gets WAL, foreign keys, a busy timeout and ``BEGIN IMMEDIATE`` for writes,
so two processes on one project queue instead of failing with "database is
locked". PostgreSQL needs none of this and gets a plain engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import ArgumentError

BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str, read_only: bool = False) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_on_read_only if read_only else _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except ArgumentError:  # 'bogus://x', 'mysql://…' without a driver: one line, not a traceback
        from ..core.errors import ProjectError
        from .urls import hide_password

        raise ProjectError(
            f"{hide_password(url)}: not a database URL cmo can use; "
            "give postgresql://user@host/db or sqlite:///file.db"
        ) from None
    if engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _postgres_on_begin)
    return engine


def _sqlite_on_connect(dbapi_conn, _record) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own implicit
    # transactions cannot be made IMMEDIATE).
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    if mode.lower() != "wal":
        cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit that returned is on disk, even if the machine loses power after it.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _sqlite_on_read_only(dbapi_conn, _record) -> None:
    # A read-only file: no journal-mode change, which would be a write.
    dbapi_conn.isolation_level = None
    dbapi_conn.execute("PRAGMA query_only = ON")


def _sqlite_on_begin(conn: Connection) -> None:
    if conn.get_execution_options().get("cmo_write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


PG_WRITE_LOCK = 0x636D6F  # "cmo": one advisory lock per database for write transactions


def _postgres_on_begin(conn: Connection) -> None:
    # The store's writes read, then write (merge attributes, check for a duplicate coding,
    # undo). SQLite serialises them with BEGIN IMMEDIATE; on PostgreSQL a transaction-scoped
    # advisory lock gives the same guarantee. Reads never wait.
    if conn.get_execution_options().get("cmo_write"):
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed when the block ends, rolled back on any error."""
    with engine.connect().execution_options(cmo_write=True) as conn, conn.begin():
        yield conn


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn, conn.begin():
        yield conn
