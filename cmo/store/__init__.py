"""Persistence: SQLModel tables, migrations and the project store API.

SQLite (one file per project, WAL) by default; any SQLAlchemy URL, such as
PostgreSQL, for teams. Every user action is one transaction.

The names below load on first use, so that ``from cmo.store import rows`` (or the
standard-library fast path) does not import SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .project import Project, init_project, open_project
    from .store import Store

__all__ = ["Project", "Store", "init_project", "open_project"]


def __getattr__(name: str):
    if name == "Store":
        from .store import Store

        return Store
    if name in ("Project", "init_project", "open_project"):
        from . import project

        return getattr(project, name)
    raise AttributeError(f"module 'cmo.store' has no attribute {name!r}")
