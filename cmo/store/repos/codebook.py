"""Codes and clusters in the store; emergent codes are ordinary codes with a flag."""

from __future__ import annotations

from sqlalchemy import func, select

from ...core.codebook import Cluster, Codebook, ordered
from ...core.domain import FAMILIES, Code
from ...core.errors import Conflict, NotFound
from ...core.names import check_name
from .. import changelog, codebook_rows, rows
from ..schema import CLUSTER, CODE, CODING
from .base import Repo


class CodebookRepo(Repo):
    """Codes and clusters: read, load a codebook, add and change codes (undoable)."""

    def codes(self) -> list[Code]:
        with self._db.read() as conn:
            return ordered([rows.code(r) for r in conn.execute(select(CODE))])

    def code(self, code_id: str) -> Code:
        with self._db.read() as conn:
            row = conn.execute(select(CODE).where(func.lower(CODE.c.id) == code_id.lower())).first()
        if row is None:
            raise NotFound(f"no code '{code_id}' in the codebook (see 'cmo codebook show')")
        return rows.code(row)

    def clusters(self) -> list[Cluster]:
        with self._db.read() as conn:
            return [
                rows.cluster(r)
                for r in conn.execute(select(CLUSTER).order_by(CLUSTER.c.sort_order, CLUSTER.c.id))
            ]

    def counts(self) -> dict[str, int]:
        with self._db.read() as conn:
            return dict(
                conn.execute(
                    select(CODING.c.code_id, func.count()).group_by(CODING.c.code_id)
                ).all()
            )

    def load(self, book: Codebook) -> tuple[int, int]:
        """Add or update the clusters and codes of ``book``; returns (added, updated).

        Codes already in the project and not in the book (emergent ones) are kept.
        """
        added = updated = 0
        with self._db.write() as conn:
            for order, cluster in enumerate(book.clusters):
                if conn.execute(select(CLUSTER.c.id).where(CLUSTER.c.id == cluster.id)).first():
                    values = codebook_rows.cluster_values(cluster, order)
                    conn.execute(
                        CLUSTER.update().where(CLUSTER.c.id == cluster.id).values(**values)
                    )
                else:
                    conn.execute(
                        CLUSTER.insert().values(**codebook_rows.new_cluster(cluster, order))
                    )
            # Parents first, so the foreign key on code.parent is always satisfied.
            for code in codebook_rows.parents_first(book.codes):
                values = codebook_rows.code_values(code)
                existing = conn.execute(select(CODE.c.id).where(CODE.c.id == code.id)).first()
                if existing:
                    values.pop("guid")
                    conn.execute(CODE.update().where(CODE.c.id == code.id).values(**values))
                    updated += 1
                else:
                    conn.execute(CODE.insert().values(**values))
                    added += 1
        return added, updated

    def add(self, code: Code, actor: str = "") -> Code:
        """Add one code (typically emergent) as an undoable action."""
        if code.family not in FAMILIES:
            raise Conflict(f"family must be C, M or O, not '{code.family}'")
        if not code.id.strip() or not code.name.strip():
            raise Conflict("a code needs an id and a name")
        check_name("code id", code.id)
        check_name("code name", code.name)
        with self._db.write() as conn:
            clash = conn.execute(
                select(CODE.c.id).where(func.lower(CODE.c.id) == code.id.lower())
            ).first()
            if clash:
                raise Conflict(f"code id '{clash[0]}' exists already")
            if (
                code.parent
                and not conn.execute(select(CODE.c.id).where(CODE.c.id == code.parent)).first()
            ):
                raise NotFound(f"parent code '{code.parent}' does not exist")
            if (
                code.cluster
                and not conn.execute(
                    select(CLUSTER.c.id).where(CLUSTER.c.id == code.cluster)
                ).first()
            ):
                raise NotFound(f"cluster '{code.cluster}' does not exist")
            conn.execute(CODE.insert().values(**codebook_rows.code_values(code)))
            changelog.log(
                conn,
                actor,
                "code.add",
                "code",
                code.id,
                None,
                changelog.row_state(conn, "code", code.id),
            )
        return self.code(code.id)

    def update(self, code_id: str, actor: str = "", **changes) -> Code:
        allowed = {"name", "definition", "keywords", "colour", "cluster", "parent", "emergent"}
        unknown = set(changes) - allowed
        if unknown:
            raise Conflict(f"cannot change {', '.join(sorted(unknown))} of a code")
        current = self.code(code_id)
        if "keywords" in changes:
            changes["keywords"] = list(changes["keywords"])
        with self._db.write() as conn:
            before = changelog.row_state(conn, "code", current.id)
            conn.execute(CODE.update().where(CODE.c.id == current.id).values(**changes))
            changelog.log(
                conn,
                actor,
                "code.update",
                "code",
                current.id,
                before,
                changelog.row_state(conn, "code", current.id),
            )
        return self.code(current.id)
