"""Casussen (the cases of a realist evaluation) and their attributes."""

from __future__ import annotations

from sqlalchemy import select

from ...core.domain import Casus
from ...core.errors import Conflict, NotFound
from ...core.names import check_name
from .. import rows
from ..schema import CASUS, new_guid
from .base import Repo


def name_or_id_of(table, key: str | int):
    """The condition finding a row by id (an int or digits) or else by name."""
    if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
        return table.c.id == int(key)
    return table.c.name == key


class CasussenRepo(Repo):
    """Casussen by name or id; adding and changing one is one transaction."""

    def all(self) -> list[Casus]:
        with self._db.read() as conn:
            return [rows.casus(r) for r in conn.execute(select(CASUS).order_by(CASUS.c.name))]

    def get(self, name_or_id: str | int) -> Casus:
        with self._db.read() as conn:
            row = conn.execute(select(CASUS).where(name_or_id_of(CASUS, name_or_id))).first()
        if row is None:
            raise NotFound(f"no casus '{name_or_id}'")
        return rows.casus(row)

    def add(self, name: str, attributes: dict[str, str] | None = None) -> Casus:
        name = check_name("casus name", " ".join(name.split()))
        if not name:
            raise Conflict("a casus needs a name")
        with self._db.write() as conn:
            if conn.execute(select(CASUS.c.id).where(CASUS.c.name == name)).first():
                raise Conflict(f"casus '{name}' exists already")
            conn.execute(
                CASUS.insert().values(name=name, attributes=attributes or {}, guid=new_guid())
            )
        return self.get(name)

    def set(self, name: str, attributes: dict[str, str], rename: str | None = None) -> Casus:
        current = self.get(name)
        with self._db.write() as conn:
            # Merge with the attributes as they are inside this transaction, so that two
            # people setting different attributes at once both keep theirs.
            stored = (
                conn.execute(select(CASUS.c.attributes).where(CASUS.c.id == current.id)).scalar()
                or {}
            )
            merged = {k: v for k, v in {**stored, **attributes}.items() if v != ""}
            values: dict = {"attributes": merged}
            if rename:
                values["name"] = check_name("casus name", " ".join(rename.split()))
                clash = select(CASUS.c.id).where(
                    CASUS.c.name == values["name"], CASUS.c.id != current.id
                )
                if conn.execute(clash).first():
                    raise Conflict(f"casus '{values['name']}' exists already")
            conn.execute(CASUS.update().where(CASUS.c.id == current.id).values(**values))
        return self.get(rename or name)
