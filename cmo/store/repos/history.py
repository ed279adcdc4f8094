"""The change log as the user sees it: undo and redo, the audit trail (who created,
changed or deleted what, and when) and the stamp a shared screen polls."""

from __future__ import annotations

from sqlalchemy import or_, select

from ...core.changes import coder_of
from .. import changelog
from ..schema import CHANGE
from .base import Repo


class HistoryRepo(Repo):
    """The change log as the user sees it: undo, redo, the audit trail, change stamps."""

    def changes(
        self,
        limit: int = 50,
        actor: str | None = None,
        since: str | None = None,
        entity: str | None = None,
        action: str | None = None,
        subject: str | None = None,
    ) -> list[dict]:
        """The newest changes first, filtered.

        Args:
            actor: who made the change.
            since: an ISO UTC timestamp (see :func:`parse_since`).
            entity: 'coding', 'memo', 'code', 'cmoc', 'transcript', or 'coding:12' for one object.
            action: an action ('coding.remove') or its prefix ('coding').
            subject: the coder whose coding was touched (whoever touched it).
        """
        query = select(CHANGE).order_by(CHANGE.c.id.desc())
        if actor:
            query = query.where(CHANGE.c.actor == actor)
        if since:
            query = query.where(CHANGE.c.at >= since)
        if entity:
            kind, _, key = entity.partition(":")
            query = query.where(CHANGE.c.entity == kind)
            if key:
                query = query.where(CHANGE.c.entity_id == key)
        if action:
            query = query.where(or_(CHANGE.c.action == action, CHANGE.c.action.like(f"{action}.%")))
        with self._db.read() as conn:
            found = [dict(r._mapping) for r in conn.execute(query)]
        if subject:
            found = [c for c in found if subject in (coder_of(c["before"]), coder_of(c["after"]))]
        return found[:limit] if limit else found

    def stamp(self) -> tuple[int, int]:
        """A cheap fingerprint of the project's state: (newest change id, number of changes in
        force). It changes with every action, undo and redo, by anyone.

        A screen showing a shared project can poll this every few seconds and reload when it
        differs, so that every coder sees the others' work (see :func:`changes_since`).
        """
        from sqlalchemy import case, func

        query = select(
            func.max(CHANGE.c.id), func.sum(case((CHANGE.c.state == "done", 1), else_=0))
        )
        with self._db.read() as conn:
            newest, done = conn.execute(query).one()
        return (newest or 0, int(done or 0))

    def since(self, change_id: int) -> list[dict]:
        """Every change logged after ``change_id``, oldest first. (An undo or redo flips the
        state of an existing change instead of adding one: :func:`change_stamp` notices it.)"""
        with self._db.read() as conn:
            return [
                dict(r._mapping)
                for r in conn.execute(
                    select(CHANGE).where(CHANGE.c.id > change_id).order_by(CHANGE.c.id)
                )
            ]

    def undo(self, actor: str | None = None) -> dict | None:
        """Undo the last action (of ``actor``, if given). None when there is nothing to undo."""
        with self._db.write() as conn:
            return changelog.step(conn, actor, "undo")

    def redo(self, actor: str | None = None) -> dict | None:
        with self._db.write() as conn:
            return changelog.step(conn, actor, "redo")

    def note(
        self, actor: str, action: str, entity: str, key: str, after: dict | None = None
    ) -> None:
        """Log a change that cannot be undone (such as a QDPX import) for the audit trail;
        undo stops at it instead of silently undoing the step before."""
        with self._db.write() as conn:
            changelog.log(conn, actor, action, entity, key, None, after, state=changelog.FROZEN)

    def purge(self) -> int:
        """Delete the whole change log (it keeps old texts and names); undo then has
        nothing to go back to. Returns the number of entries deleted."""
        with self._db.write() as conn:
            return conn.execute(CHANGE.delete()).rowcount or 0

    def recent(self, limit: int = 50, actor: str | None = None) -> list[dict]:
        query = select(CHANGE).order_by(CHANGE.c.id.desc()).limit(limit)
        if actor:
            query = query.where(CHANGE.c.actor == actor)
        with self._db.read() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]
