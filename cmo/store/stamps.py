"""Timestamps and GUIDs for new rows, shared by the table classes and the fast path."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> str:
    """UTC timestamps as ISO text: sortable, portable across SQLite and PostgreSQL."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def new_guid() -> str:
    import uuid  # on first use: uuid imports platform, a cost to every read-only command

    return str(uuid.uuid4())
