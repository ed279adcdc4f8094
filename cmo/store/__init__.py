"""Persistence: SQLModel tables, migrations and the project store API.

SQLite (one file per project, WAL) by default; any SQLAlchemy URL, such as
PostgreSQL, for teams. Every user action is one transaction.
"""

from .project import Project, init_project, open_project
from .store import Store

__all__ = ["Project", "Store", "init_project", "open_project"]
