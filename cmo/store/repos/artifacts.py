"""Named derived data kept with the project (the trained suggestion model, code vectors,
blend weights): bytes plus a JSON ``info``, replaced whole."""

from __future__ import annotations

from sqlalchemy import select

from ..schema import ARTIFACT, now
from .base import Repo


class ArtifactsRepo(Repo):
    """One row per name; ``put`` replaces it in one transaction."""

    def get(self, name: str) -> dict | None:
        """``{"data", "info", "created_at"}`` of the artifact, or None."""
        with self._db.read() as conn:
            row = conn.execute(
                select(ARTIFACT.c.data, ARTIFACT.c.info, ARTIFACT.c.created_at).where(
                    ARTIFACT.c.name == name
                )
            ).first()
        return None if row is None else dict(row._mapping)

    def info(self, name: str) -> dict | None:
        """``{"info", "created_at"}`` without loading the data (a model is megabytes)."""
        with self._db.read() as conn:
            row = conn.execute(
                select(ARTIFACT.c.info, ARTIFACT.c.created_at).where(ARTIFACT.c.name == name)
            ).first()
        return None if row is None else dict(row._mapping)

    def put(self, name: str, data: bytes, info: dict) -> None:
        with self._db.write() as conn:
            conn.execute(ARTIFACT.delete().where(ARTIFACT.c.name == name))
            conn.execute(
                ARTIFACT.insert().values(name=name, data=data, info=info, created_at=now())
            )
