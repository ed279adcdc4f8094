"""A small, named registry of schema migrations (in the manner of sqlite-utils).

A new database is created from the table classes at the newest version. An older
one is upgraded step by step; a SQLite file is copied aside first. The version
lives in the ``meta`` table under ``schema_version``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, inspect, text
from sqlmodel import SQLModel

from ..core.errors import ProjectError
from . import schema
from .db import write


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def _v2_history_cmoc_feedback(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE participant ADD COLUMN pseudonym VARCHAR NOT NULL DEFAULT ''"))
    conn.execute(text("ALTER TABLE coding ADD COLUMN status VARCHAR NOT NULL DEFAULT 'ok'"))
    for name in schema.V2_TABLES:
        SQLModel.metadata.tables[name].create(conn)


def _v4_names_from_other_tools(conn: Connection) -> None:
    found = inspect(conn)
    for table in ("code", "cluster"):
        if "named_alone" not in {c["name"] for c in found.get_columns(table)}:
            conn.execute(
                text(f"ALTER TABLE {table} ADD COLUMN named_alone BOOLEAN NOT NULL DEFAULT FALSE")
            )


def _v8_embeddings(conn: Connection) -> None:
    SQLModel.metadata.tables["embedding"].create(conn, checkfirst=True)


def _v5_programme_theory(conn: Connection) -> None:
    # Step 2 creates the CMOC tables from today's classes, which have these columns already.
    added = {
        ("cmoc", "sentence"): "TEXT NOT NULL DEFAULT ''",
        ("cmoc_evidence", "direction"): "VARCHAR NOT NULL DEFAULT 'ondersteunt'",
    }
    found = inspect(conn)
    for (table, column), kind in added.items():
        if column not in {c["name"] for c in found.get_columns(table)}:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {kind}"))
    for name in schema.V5_TABLES:
        SQLModel.metadata.tables[name].create(conn, checkfirst=True)


def _v9_workbench_settings(conn: Connection) -> None:
    for name in schema.V9_TABLES:
        SQLModel.metadata.tables[name].create(conn, checkfirst=True)


def _v10_covering_coding_indexes(conn: Connection) -> None:
    conn.execute(text(f"DROP INDEX IF EXISTS {schema.CODING_OLD_ORDER_INDEX}"))
    for index in SQLModel.metadata.tables["coding"].indexes:
        if index.name in (schema.CODING_ORDER_INDEX, schema.CODING_COUNT_INDEX):
            index.create(conn, checkfirst=True)


def _v11_status_in_covering_indexes(conn: Connection) -> None:
    """The same two indexes with the status added: dropped and made again."""
    for name in (schema.CODING_ORDER_INDEX, schema.CODING_COUNT_INDEX):
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
    _v10_covering_coding_indexes(conn)


def _v12_coder_indexes(conn: Connection) -> None:
    for index in SQLModel.metadata.tables["coding"].indexes:
        if index.name in (schema.CODING_CODER_INDEX, schema.CODING_REVIEW_INDEX):
            index.create(conn, checkfirst=True)


MIGRATIONS: list[Migration] = [
    Migration(
        2,
        "change history, pseudonyms, coding status, CMOCs, suggestion feedback",
        _v2_history_cmoc_feedback,
    ),
    Migration(4, "names of codes from other tools kept as they came", _v4_names_from_other_tools),
    Migration(
        5,
        "programme theory versions, evidence direction, if-then-because sentences, chains",
        _v5_programme_theory,
    ),
    Migration(8, "sentence-encoder embeddings of turns and sentences", _v8_embeddings),
    Migration(9, "workbench settings: pinned digits and drafts", _v9_workbench_settings),
    Migration(
        10,
        "covering indexes for codings in text order and counts per code",
        _v10_covering_coding_indexes,
    ),
    Migration(
        11,
        "the coding status in the covering indexes (codings awaiting review left out)",
        _v11_status_in_covering_indexes,
    ),
    Migration(
        12,
        "each coder's codings in text order, and those awaiting review, indexed",
        _v12_coder_indexes,
    ),
]


def schema_version(conn: Connection) -> int | None:
    """The version a database is at, or None for an empty database."""
    names = set(inspect(conn).get_table_names())
    if "meta" not in names:
        if names:
            raise ProjectError(
                "the database has tables but no cmo schema version: not a cmo project"
            )
        return None
    row = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    return int(row[0]) if row else 1


def ensure_schema(engine: Engine, backup: Callable[[int], None] | None = None) -> list[str]:
    """Create or upgrade the schema; returns the names of the migrations applied."""
    with engine.connect() as conn:
        version = schema_version(conn)
    if version == schema.SCHEMA_VERSION:
        return []
    if version is not None and version > schema.SCHEMA_VERSION:
        raise ProjectError(
            f"the project has schema version {version}, newer than this cmo understands "
            f"({schema.SCHEMA_VERSION}); upgrade cmo"
        )
    if version is None:
        with write(engine) as conn:
            if schema_version(conn) is not None:  # created by another process meanwhile
                return []
            SQLModel.metadata.create_all(conn)
            _set_version(conn, schema.SCHEMA_VERSION)
        return ["create"]
    if backup is not None:
        backup(version)
    applied = []
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        with write(engine) as conn:
            # Another process may have opened (and upgraded) the project meanwhile; the
            # write lock is held from here, so this re-check cannot race.
            if (schema_version(conn) or 0) >= migration.version:
                continue
            migration.apply(conn)
            _set_version(conn, migration.version)
        applied.append(migration.name)
    return applied


def _set_version(conn: Connection, version: int) -> None:
    conn.execute(text("DELETE FROM meta WHERE key = 'schema_version'"))
    conn.execute(
        text("INSERT INTO meta (key, value) VALUES ('schema_version', :v)"), {"v": str(version)}
    )
