"""CMO configurations in the store: add, change, link evidence, remove; each undoable.

Functions take a ``Store``; every change is one transaction, logged to the change
table with the row's state (evidence included) before and after, so ``cmo undo``
restores a removed CMOC with its evidence.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, select

from ...core import cmoc as core
from ...core.cmoc import Cmoc
from ...core.errors import Conflict, InputError, NotFound
from .. import changelog, rows
from ..schema import (
    CASUS,
    CMOC,
    CODE,
    CODING,
    EVIDENCE,
    TRANSCRIPT,
    new_guid,
    now,
)
from .base import Repo

EDITABLE = (
    "title",
    "casus_id",
    "contexts",
    "mechanisms",
    "outcomes",
    "resource",
    "reasoning",
    "fired",
    "relation",
    "memo",
    "sentence",
)


# ---- helpers ---------------------------------------------------------------------------


def _existing(conn: Connection, key: str) -> dict:
    state = changelog.row_state(conn, "cmoc", key)
    if state is None:
        raise NotFound(f"no CMOC '{key}' (see 'cmo cmoc list')")
    return state


def _checked(conn: Connection, values: dict) -> dict:
    codes = {r.id: rows.code(r) for r in conn.execute(select(CODE))}
    out = dict(values)
    for field, family in (("contexts", "C"), ("mechanisms", "M"), ("outcomes", "O")):
        role = field.removesuffix("s")
        out[field] = list(core.check_codes(role, core.split_codes(values[field]), codes, family))
    out["fired"] = core.check_fired(values["fired"])
    out["relation"] = core.check_relation(values["relation"])
    out["title"] = " ".join(str(values["title"]).split())
    for field in ("resource", "reasoning", "memo"):
        out[field] = str(values[field] or "")
    out["sentence"] = " ".join(str(values.get("sentence") or "").split())
    if out["casus_id"] is not None:
        casus = CASUS
        if conn.execute(select(casus.c.id).where(casus.c.id == out["casus_id"])).first() is None:
            raise NotFound(f"no casus {out['casus_id']}")
    if not (out["contexts"] or out["mechanisms"] or out["outcomes"]):
        raise InputError("cmoc", "a CMOC needs at least one context, mechanism or outcome code")
    return out


def _link(
    conn: Connection,
    key: str,
    casus_id: int | None,
    coding_ids: list[int],
    direction: str = "ondersteunt",
) -> None:
    if not coding_ids:
        return
    coding_ids = list(dict.fromkeys(int(c) for c in coding_ids))
    found = set(conn.execute(select(CODING.c.id).where(CODING.c.id.in_(coding_ids))).scalars())
    missing = [c for c in coding_ids if c not in found]
    if missing:
        raise NotFound(f"no coding {missing[0]} (see 'cmo codings')")
    if casus_id is not None:
        _check_evidence_casus(conn, casus_id, coding_ids)
    conn.execute(
        EVIDENCE.insert(),
        [{"cmoc_id": key, "coding_id": c, "direction": direction} for c in coding_ids],
    )


def _check_evidence_casus(conn: Connection, casus_id: int, coding_ids: list[int]) -> None:
    if not coding_ids:
        return
    outside = conn.execute(
        select(CODING.c.id)
        .join(TRANSCRIPT, TRANSCRIPT.c.id == CODING.c.transcript_id)
        .where(CODING.c.id.in_(coding_ids), TRANSCRIPT.c.casus_id != casus_id)
    ).first()
    if outside:
        raise Conflict(f"coding {outside[0]} lies in another casus than the CMOC")


def _to_cmoc(row, evidence: list[int], against: list[int] = ()) -> Cmoc:
    return Cmoc(
        id=row["id"],
        title=row["title"],
        casus_id=row["casus_id"],
        contexts=tuple(row["contexts"] or ()),
        mechanisms=tuple(row["mechanisms"] or ()),
        outcomes=tuple(row["outcomes"] or ()),
        resource=row["resource"],
        reasoning=row["reasoning"],
        fired=row["fired"],
        relation=row["relation"],
        memo=row["memo"],
        evidence=tuple(sorted(evidence)),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        guid=row["guid"],
        sentence=row.get("sentence") or "",
        against=tuple(sorted(against)),
    )


class CmocsRepo(Repo):
    """CMO configurations: add, change, link evidence, remove; each one undoable transaction."""

    def all(self, casus_id: int | None = None) -> list[Cmoc]:
        """Every CMOC in id order; with ``casus_id``, those of that casus and project-wide ones."""
        with self._db.read() as conn:
            query = select(CMOC).order_by(CMOC.c.id)
            if casus_id is not None:
                query = query.where((CMOC.c.casus_id == casus_id) | CMOC.c.casus_id.is_(None))
            found = list(conn.execute(query).mappings())
            evidence: dict[str, list[int]] = defaultdict(list)
            against: dict[str, list[int]] = defaultdict(list)
            for cmoc_id, coding_id, direction in conn.execute(
                select(EVIDENCE.c.cmoc_id, EVIDENCE.c.coding_id, EVIDENCE.c.direction).order_by(
                    EVIDENCE.c.coding_id
                )
            ):
                evidence[cmoc_id].append(coding_id)
                if direction == "weerspreekt":
                    against[cmoc_id].append(coding_id)
        return [_to_cmoc(r, evidence.get(r["id"], []), against.get(r["id"], [])) for r in found]

    def get(self, cmoc_id: str) -> Cmoc:
        key = core.parse_id(cmoc_id)
        with self._db.read() as conn:
            state = changelog.row_state(conn, "cmoc", key)
        if state is None:
            raise NotFound(f"no CMOC '{key}' (see 'cmo cmoc list')")
        return _to_cmoc(state, state["_evidence"], state["_against"])

    def add(
        self,
        *,
        title: str = "",
        casus_id: int | None = None,
        contexts: list[str] | tuple[str, ...] = (),
        mechanisms: list[str] | tuple[str, ...] = (),
        outcomes: list[str] | tuple[str, ...] = (),
        resource: str = "",
        reasoning: str = "",
        fired: str = "geactiveerd",
        relation: str = "ondersteunt",
        memo: str = "",
        evidence: list[int] | tuple[int, ...] = (),
        actor: str = "",
        sentence: str = "",
        against: list[int] | tuple[int, ...] = (),
    ) -> Cmoc:
        """Create the next CMOC (``CMOC-01``, ``CMOC-02``…) and link its evidence codings.

        ``evidence`` supports the CMOC, ``against`` contradicts it; ``sentence`` is an edited
        if–then–because sentence (empty: generated from the codes and texts).

        Raises:
            InputError: a code is unknown or of the wrong family, fired/relation is not valid.
            NotFound: an evidence coding does not exist.
            Conflict: an evidence coding lies in another casus than the CMOC's.
        """
        values = {
            "title": title,
            "casus_id": casus_id,
            "contexts": contexts,
            "mechanisms": mechanisms,
            "outcomes": outcomes,
            "resource": resource,
            "reasoning": reasoning,
            "fired": fired,
            "relation": relation,
            "memo": memo,
            "sentence": sentence,
        }
        with self._db.write() as conn:
            values = _checked(conn, values)
            # Ids in the change log count too: a removed CMOC may come back with 'undo'.
            existing = set(conn.execute(select(CMOC.c.id)).scalars())
            existing |= set(
                conn.execute(
                    select(changelog.CHANGE.c.entity_id).where(changelog.CHANGE.c.entity == "cmoc")
                ).scalars()
            )
            key = core.next_id(existing)
            stamp = now()
            conn.execute(
                CMOC.insert().values(
                    id=key, created_at=stamp, updated_at=stamp, guid=new_guid(), **values
                )
            )
            _link(conn, key, casus_id, [c for c in evidence if c not in set(against)])
            _link(conn, key, casus_id, list(against), "weerspreekt")
            after = changelog.row_state(conn, "cmoc", key)
            changelog.log(conn, actor, "cmoc.add", "cmoc", key, None, after)
        return _to_cmoc(after, after["_evidence"], after["_against"])

    def update(self, cmoc_id: str, actor: str = "", **changes) -> Cmoc:
        """Change any of the fields in ``EDITABLE``; codes and labels are checked as in add."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise Conflict(f"cannot change {', '.join(sorted(unknown))} of a CMOC")
        key = core.parse_id(cmoc_id)
        with self._db.write() as conn:
            before = _existing(conn, key)
            merged = {k: before[k] for k in EDITABLE} | changes
            values = _checked(conn, merged)
            if "casus_id" in changes and values["casus_id"] is not None:
                _check_evidence_casus(conn, values["casus_id"], before["_evidence"])
            conn.execute(CMOC.update().where(CMOC.c.id == key).values(updated_at=now(), **values))
            after = changelog.row_state(conn, "cmoc", key)
            changelog.log(conn, actor, "cmoc.update", "cmoc", key, before, after)
        return _to_cmoc(after, after["_evidence"], after["_against"])

    def link_evidence(
        self,
        cmoc_id: str,
        coding_ids: list[int],
        actor: str = "",
        unlink: bool = False,
        direction: str = "ondersteunt",
    ) -> Cmoc:
        """Add codings to (or with ``unlink`` remove them from) a CMOC's evidence.

        ``direction`` 'weerspreekt' links them as evidence against; a coding linked already
        with the other direction changes direction.
        """
        from ...core.theory import check_direction

        direction = check_direction(direction)
        key = core.parse_id(cmoc_id)
        with self._db.write() as conn:
            before = _existing(conn, key)
            if unlink:
                missing = sorted(set(coding_ids) - set(before["_evidence"]))
                if missing:
                    raise NotFound(f"coding {missing[0]} is not evidence of {key}")
                conn.execute(
                    EVIDENCE.delete().where(
                        EVIDENCE.c.cmoc_id == key, EVIDENCE.c.coding_id.in_(coding_ids)
                    )
                )
            else:
                new = [c for c in dict.fromkeys(coding_ids) if c not in before["_evidence"]]
                _link(conn, key, before["casus_id"], new, direction)
                old = [c for c in coding_ids if c in before["_evidence"]]
                if old:
                    conn.execute(
                        EVIDENCE.update()
                        .where(EVIDENCE.c.cmoc_id == key, EVIDENCE.c.coding_id.in_(old))
                        .values(direction=direction)
                    )
            conn.execute(CMOC.update().where(CMOC.c.id == key).values(updated_at=now()))
            after = changelog.row_state(conn, "cmoc", key)
            changelog.log(
                conn, actor, "cmoc.unlink" if unlink else "cmoc.link", "cmoc", key, before, after
            )
        return _to_cmoc(after, after["_evidence"], after["_against"])

    def remove(self, cmoc_id: str, actor: str = "") -> Cmoc:
        key = core.parse_id(cmoc_id)
        with self._db.write() as conn:
            before = _existing(conn, key)
            conn.execute(EVIDENCE.delete().where(EVIDENCE.c.cmoc_id == key))
            conn.execute(CMOC.delete().where(CMOC.c.id == key))
            changelog.log(conn, actor, "cmoc.remove", "cmoc", key, before, None)
        return _to_cmoc(before, before["_evidence"], before["_against"])
