"""Programme theory versions and CMOC chains in the store; every change undoable.

A version is one row whose ``entries`` hold every CMOC's judgement in that round, so
creating a version or judging a CMOC is one row change in the change log, undone by
``cmo undo`` like any other.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from ...core import cmoc as cmoc_core
from ...core import theory as core
from ...core.chains import chain_cycle
from ...core.errors import Conflict, InputError, NotFound
from ...core.text import one_line
from ...core.theory import TheoryEntry, TheoryVersion
from .. import changelog
from ..schema import CMOC, CODE, now
from ..schema import CMOC_CHAIN as CHAIN
from ..schema import THEORY_VERSION as VERSION
from .base import Repo

# ---- chains ----------------------------------------------------------------------------


def _chain_cmocs_exist(conn: Connection, *keys: str) -> None:
    alive = set(conn.execute(select(CMOC.c.id).where(CMOC.c.id.in_(keys))).scalars())
    for key in keys:
        if key not in alive:
            raise NotFound(f"no CMOC '{key}' (see 'cmo cmoc list')")


def _to_version(row) -> TheoryVersion:
    return TheoryVersion(
        number=row["id"],
        name=row["name"],
        note=row["note"],
        created_at=row["created_at"],
        entries={k: TheoryEntry.from_json(k, v) for k, v in (row["entries"] or {}).items()},
    )


# ---- linked coding ---------------------------------------------------------------------


class TheoryRepo(Repo):
    """The programme theory: versions, entries per CMOC, and chains of CMOCs."""

    def code_names(self) -> dict[str, str]:
        with self._db.read() as conn:
            return dict(conn.execute(select(CODE.c.id, CODE.c.name)).all())

    def versions(self) -> list[TheoryVersion]:
        """Every version, oldest first."""
        with self._db.read() as conn:
            found = conn.execute(select(VERSION).order_by(VERSION.c.id)).mappings().all()
        return [_to_version(r) for r in found]

    def version(self, name_or_number: str | int | None = None) -> TheoryVersion:
        """A version by its number (``2``) or name (``ronde 2``); None: the newest."""
        found = self.versions()
        if not found:
            raise NotFound("no programme theory version yet; start one with 'cmo theory new NAME'")
        if name_or_number is None:
            return found[-1]
        text = str(name_or_number).strip()
        for v in found:
            if text.isdigit() and v.number == int(text):
                return v
        for v in found:
            if v.name.casefold() == " ".join(text.split()).casefold():
                return v
        raise NotFound(f"no theory version '{text}' (see 'cmo theory list')")

    def live_content(self) -> dict[str, dict]:
        """Every CMOC as it is now, as a version snapshot."""
        names = self.code_names()
        return {x.id: core.snapshot(x, names) for x in self._db.cmocs.all()}

    def content(self, number: int, all_versions: list[TheoryVersion] | None = None):
        """The CMOC contents at the end of version ``number``."""
        return core.version_content(all_versions or self.versions(), number, self.live_content())

    def new_version(self, name: str, note: str = "", actor: str = "") -> TheoryVersion:
        """Start the next version: every CMOC carries its judgement over, with today's content.

        The first version marks every CMOC as a hypothesis with confidence laag.
        """
        name = one_line(name)
        if not name:
            raise InputError("name", "a theory version needs a name, e.g. 'ronde 2'")
        if name.isdigit():
            raise InputError(name, "a version name cannot be only a number (numbers name versions)")
        previous = self.versions()
        last = previous[-1] if previous else None
        if any(v.name.casefold() == name.casefold() for v in previous):
            raise Conflict(f"theory version '{name}' exists already")
        names = self.code_names()
        entries = {}
        for x in self._db.cmocs.all():
            carried = last.entries.get(x.id) if last else None
            entry = TheoryEntry(
                cmoc_id=x.id,
                status=carried.status if carried else core.DEFAULT_STATUS,
                confidence=carried.confidence if carried else core.DEFAULT_CONFIDENCE,
                rationale=carried.rationale if carried else "",
                change="",
                was=core.snapshot(x, names),
            )
            entries[x.id] = entry.as_json()
        with self._db.write() as conn:
            if conn.execute(select(VERSION.c.id).where(VERSION.c.name == name)).first():
                raise Conflict(f"theory version '{name}' exists already")
            key = conn.execute(
                VERSION.insert().values(
                    name=name, note=one_line(note), created_at=now(), entries=entries
                )
            ).inserted_primary_key[0]
            after = changelog.row_state(conn, "theory", key)
            changelog.log(conn, actor, "theory.new", "theory", key, None, after)
        return _to_version(after)

    def set_entry(
        self,
        cmoc_id: str,
        version_name: str | int | None = None,
        *,
        status: str | None = None,
        confidence: str | None = None,
        rationale: str | None = None,
        change: str | None = None,
        actor: str = "",
    ) -> TheoryEntry:
        """Judge a CMOC in a version (default: the newest); only the given fields change."""
        key = cmoc_core.parse_id(cmoc_id)
        target = self.version(version_name)
        values: dict[str, str] = {}
        if status is not None:
            values["status"] = core.check_status(status)
        if confidence is not None:
            values["confidence"] = core.check_confidence(confidence)
        if rationale is not None:
            values["rationale"] = one_line(rationale)
        if change is not None:
            values["change"] = one_line(change)
        if not values:
            raise InputError(
                "theory set", "nothing to set: give --status, --confidence, --because or --change"
            )
        with self._db.write() as conn:
            if conn.execute(select(CMOC.c.id).where(CMOC.c.id == key)).first() is None:
                raise NotFound(f"no CMOC '{key}' (see 'cmo cmoc list')")
            before = changelog.row_state(conn, "theory", target.number)
            entries = dict(before["entries"])
            entries[key] = TheoryEntry.from_json(key, entries.get(key, {})).as_json() | values
            conn.execute(
                VERSION.update().where(VERSION.c.id == target.number).values(entries=entries)
            )
            after = changelog.row_state(conn, "theory", target.number)
            changelog.log(conn, actor, "theory.set", "theory", target.number, before, after)
        return TheoryEntry.from_json(key, entries[key])

    def entry_history(self, cmoc_id: str) -> list[tuple[TheoryVersion, TheoryEntry]]:
        """The CMOC's judgement in every version that has it, oldest first."""
        key = cmoc_core.parse_id(cmoc_id)
        return [(v, v.entries[key]) for v in self.versions() if key in v.entries]

    def chain_links(self) -> list[tuple[str, str]]:
        """Every chain link between two existing CMOCs, as (from, to)."""
        with self._db.read() as conn:
            alive = set(conn.execute(select(CMOC.c.id)).scalars())
            found = conn.execute(select(CHAIN.c.from_cmoc, CHAIN.c.to_cmoc).order_by(CHAIN.c.id))
            return [(a, b) for a, b in found if a in alive and b in alive]

    def add_chain(self, first: str, then: str, note: str = "", actor: str = "") -> None:
        """The outcome of ``first`` is the context of ``then``.

        Raises:
            NotFound: a CMOC does not exist.
            Conflict: the link exists, or it would close a cycle (named in the message).
        """
        a, b = cmoc_core.parse_id(first), cmoc_core.parse_id(then)
        with self._db.write() as conn:
            _chain_cmocs_exist(conn, a, b)
            if conn.execute(
                select(CHAIN.c.id).where(CHAIN.c.from_cmoc == a, CHAIN.c.to_cmoc == b)
            ).first():
                raise Conflict(f"{a} → {b} is a chain link already")
            alive = set(conn.execute(select(CMOC.c.id)).scalars())
            edges = [
                (x, y)
                for x, y in conn.execute(select(CHAIN.c.from_cmoc, CHAIN.c.to_cmoc))
                if x in alive and y in alive
            ]
            cycle = chain_cycle(edges, (a, b))
            if cycle is not None:
                raise Conflict(f"{a} → {b} would make a cycle: {' → '.join(cycle)}")
            key = conn.execute(
                CHAIN.insert().values(from_cmoc=a, to_cmoc=b, note=one_line(note), created_at=now())
            ).inserted_primary_key[0]
            after = changelog.row_state(conn, "chain", key)
            changelog.log(conn, actor, "chain.add", "chain", key, None, after)

    def remove_chain(self, first: str, then: str, actor: str = "") -> None:
        a, b = cmoc_core.parse_id(first), cmoc_core.parse_id(then)
        with self._db.write() as conn:
            key = conn.execute(
                select(CHAIN.c.id).where(CHAIN.c.from_cmoc == a, CHAIN.c.to_cmoc == b)
            ).scalar()
            if key is None:
                raise NotFound(f"no chain link {a} → {b} (see 'cmo cmoc chains')")
            before = changelog.row_state(conn, "chain", key)
            conn.execute(CHAIN.delete().where(CHAIN.c.id == key))
            changelog.log(conn, actor, "chain.remove", "chain", key, before, None)

    def code_and_attach(
        self,
        transcript_id: int,
        start: int,
        end: int,
        codes: list[str],
        cmoc_id: str | None = None,
        direction: str = "ondersteunt",
        actor: str = "",
        title: str = "",
    ):
        """Code one fragment with its C, M and O codes and attach the codings to a CMOC.

        ``cmoc_id`` None makes a new CMOC of those codes (in the transcript's casus). Checks
        everything first, so a refused request changes nothing. Returns the CMOC.
        """
        from ...core.cmoc import check_codes
        from ...core.theory import check_direction

        direction = check_direction(direction)
        known = {c.id: c for c in self._db.codebook.codes()}
        if not codes:
            raise InputError("linked coding", "choose at least one C, M or O code")
        if end <= start:
            raise InputError("linked coding", "select some text first")
        by_family = {f: [c for c in codes if known.get(c) and known[c].family == f] for f in "CMO"}
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise InputError(unknown[0], f"no code '{unknown[0]}' in the codebook")
        for family, role in (("C", "context"), ("M", "mechanism"), ("O", "outcome")):
            check_codes(role, by_family[family], known, family)
        transcript = self._db.transcripts.get(transcript_id)
        target = self._db.cmocs.get(cmoc_id) if cmoc_id else None
        if target is not None and target.casus_id not in (None, transcript.casus_id):
            raise Conflict(f"{target.id} belongs to another casus than '{transcript.name}'")
        made = [
            self._db.codings.add(transcript_id, start, end, code, coder=actor).id
            for family in "CMO"
            for code in by_family[family]
        ]
        if target is None:
            kind = {"evidence": made} if direction == "ondersteunt" else {"against": made}
            return self._db.cmocs.add(
                title=title,
                casus_id=transcript.casus_id,
                contexts=by_family["C"],
                mechanisms=by_family["M"],
                outcomes=by_family["O"],
                actor=actor,
                **kind,
            )
        return self._db.cmocs.link_evidence(target.id, made, actor=actor, direction=direction)
