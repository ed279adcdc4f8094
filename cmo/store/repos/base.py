"""What every repository stands on: a handle that opens transactions.

A repository never holds a connection. It asks its handle for one: ``read()`` and
``write()`` on a :class:`~cmo.store.store.Store` each open their own transaction;
on a :class:`~cmo.store.unit_of_work.UnitOfWork` they hand out the one connection of
that unit, so several repository calls commit together or not at all.
"""

from __future__ import annotations

from typing import Any


class Repo:
    """One repository bound to a handle (a Store or a unit of work)."""

    def __init__(self, db: Any):
        self._db = db
