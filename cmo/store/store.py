"""The project store: every read and write the CLI, the TUI and the analyses use.

Each public method that changes something is one transaction; a method that
returns has committed. Methods return the plain types of ``cmo.core.domain``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import OperationalError

from ..core.domain import Casus, Participant, Transcript, Turn
from ..core.errors import Conflict, NotFound, ProjectError
from ..core.names import check_name
from . import fastpath, guard, rows
from .codebook_ops import CodebookOps
from .coding_ops import CodingOps
from .db import make_engine, read, write
from .import_ops import ImportOps
from .migrations import ensure_schema
from .tables import CasusRow, ParticipantRow, TranscriptRow, TurnRow

CASUS = CasusRow.__table__
PARTICIPANT = ParticipantRow.__table__
TRANSCRIPT = TranscriptRow.__table__
TURN = TurnRow.__table__


class Store(ImportOps, CodebookOps, CodingOps):
    """All persistent state of one project, behind one SQLAlchemy engine."""

    def __init__(self, url: str, backup: Callable[[int], None] | None = None, create: bool = True):
        self.url = url
        guard.check_url(url, must_exist=not create)
        path = guard.sqlite_path(url)
        self.read_only = guard.read_only_reason(path) if path is not None else ""
        engine_url = guard.read_only_url(path) if self.read_only else url
        self.engine: Engine = make_engine(engine_url, read_only=bool(self.read_only))
        with self._one_line_errors():
            self.migrations_applied = ensure_schema(self.engine, backup=backup)
            self.identity = guard.capture(url, path, self._project_identity())

    def _project_identity(self) -> str:
        with read(self.engine) as conn:
            current = guard.read_identity(conn)
        if current or self.read_only:
            return current
        with write(self.engine) as conn:
            return guard.ensure_identity(conn)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction, refused on a read-only database and on one that has
        vanished or been replaced since the store opened it (see ``guard``)."""
        if self.read_only:
            raise ProjectError(
                f"{self.identity.path}: the project database is read-only "
                f"({self.read_only}); nothing can be changed"
            )
        with self._one_line_errors(), write(self.engine) as conn:
            self.identity.verify(conn)
            yield conn

    @contextmanager
    def _one_line_errors(self) -> Iterator[None]:
        # A full disk or a file that turned read-only is one line naming the file, not the
        # driver's message with the SQL statement and its parameters.
        try:
            yield
        except OperationalError as exc:
            raise ProjectError(guard.explain_write_error(self.url, exc)) from None

    def read(self):
        return read(self.engine)

    def fetch(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Plain tuples straight from the database driver: for 100,000 rows SQLAlchemy's
        row objects cost more than the query. ``params`` use :attr:`placeholder`."""
        with self.engine.connect() as conn:
            cursor = conn.connection.cursor()
            try:
                cursor.execute(sql, params)
                return cursor.fetchall()
            finally:
                cursor.close()

    @property
    def placeholder(self) -> str:
        return "?" if self.engine.dialect.paramstyle == "qmark" else "%s"

    def integrity_problems(self) -> list[str]:
        """SQLite's own check of the file; empty when the database is sound."""
        if not self.is_sqlite:
            return []
        return fastpath.integrity_problems(self.fetch)

    # ---- casussen ------------------------------------------------------------------

    def casussen(self) -> list[Casus]:
        with self.read() as conn:
            return [rows.casus(r) for r in conn.execute(select(CASUS).order_by(CASUS.c.name))]

    def casus(self, name_or_id: str | int) -> Casus:
        with self.read() as conn:
            row = conn.execute(select(CASUS).where(_name_or_id(CASUS, name_or_id))).first()
        if row is None:
            raise NotFound(f"no casus '{name_or_id}'")
        return rows.casus(row)

    def add_casus(self, name: str, attributes: dict[str, str] | None = None) -> Casus:
        name = check_name("casus name", " ".join(name.split()))
        if not name:
            raise Conflict("a casus needs a name")
        with self.write() as conn:
            if conn.execute(select(CASUS.c.id).where(CASUS.c.name == name)).first():
                raise Conflict(f"casus '{name}' exists already")
            conn.execute(
                CASUS.insert().values(name=name, attributes=attributes or {}, guid=_guid())
            )
        return self.casus(name)

    def set_casus(self, name: str, attributes: dict[str, str], rename: str | None = None) -> Casus:
        current = self.casus(name)
        with self.write() as conn:
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
        return self.casus(rename or name)

    # ---- participants -----------------------------------------------------------------

    def participants(self, casus: str | int | None = None) -> list[Participant]:
        query = select(PARTICIPANT).order_by(PARTICIPANT.c.casus_id, PARTICIPANT.c.label)
        if casus is not None:
            query = query.where(PARTICIPANT.c.casus_id == self.casus(casus).id)
        with self.read() as conn:
            return [rows.participant(r) for r in conn.execute(query)]

    def participant(self, label: str, casus: str | int | None = None) -> Participant:
        matches = [p for p in self.participants(casus) if p.label == label or p.pseudonym == label]
        if not matches:
            raise NotFound(f"no participant '{label}'" + (f" in casus '{casus}'" if casus else ""))
        if len(matches) > 1:
            raise Conflict(f"participant '{label}' is in several casussen; name the casus")
        return matches[0]

    def set_participant(
        self,
        label: str,
        casus: str | None = None,
        role: str | None = None,
        attributes: dict[str, str] | None = None,
        pseudonym: str | None = None,
    ) -> Participant:
        person = self.participant(label, casus)
        values: dict = {}
        if role is not None:
            values["role"] = role
        if pseudonym is not None:
            values["pseudonym"] = pseudonym
        if values or attributes:
            with self.write() as conn:
                if attributes:  # merged inside the transaction: no lost update
                    stored = (
                        conn.execute(
                            select(PARTICIPANT.c.attributes).where(PARTICIPANT.c.id == person.id)
                        ).scalar()
                        or {}
                    )
                    merged = {**stored, **attributes}
                    values["attributes"] = {k: v for k, v in merged.items() if v != ""}
                conn.execute(
                    PARTICIPANT.update().where(PARTICIPANT.c.id == person.id).values(**values)
                )
        return self.participant(label, casus)

    # ---- transcripts and turns -------------------------------------------------------

    def transcripts(self, casus: str | int | None = None) -> list[Transcript]:
        query = select(TRANSCRIPT).order_by(TRANSCRIPT.c.casus_id, TRANSCRIPT.c.name)
        if casus is not None:
            query = query.where(TRANSCRIPT.c.casus_id == self.casus(casus).id)
        with self.read() as conn:
            return [rows.transcript(r) for r in conn.execute(query)]

    def transcript_index(self) -> dict[str, tuple[str, str]]:
        """Every transcript's name → (SHA-256 of its source, casus): what an import checks
        against, without the counts of ``transcript_summaries``."""
        rows = self.fetch(
            "SELECT t.name, t.sha256, c.name FROM transcript t JOIN casus c ON c.id = t.casus_id"
        )
        return {name: (sha, casus) for name, sha, casus in rows}

    def transcript_summaries(self) -> list[dict]:
        """One row per transcript with counts, without loading the texts."""
        return fastpath.transcript_summaries(self.fetch)

    def transcript(self, name_or_id: str | int) -> Transcript:
        with self.read() as conn:
            row = conn.execute(
                select(TRANSCRIPT).where(_name_or_id(TRANSCRIPT, name_or_id))
            ).first()
            if row is None and isinstance(name_or_id, str):
                row = conn.execute(
                    select(TRANSCRIPT).where(TRANSCRIPT.c.source_name == name_or_id)
                ).first()
        if row is None:
            raise NotFound(f"no transcript '{name_or_id}' (see 'cmo transcripts')")
        return rows.transcript(row)

    def turns(self, transcript: str | int) -> list[Turn]:
        transcript_id = (
            self.transcript(transcript).id if isinstance(transcript, str) else transcript
        )
        with self.read() as conn:
            return [
                rows.turn(r)
                for r in conn.execute(
                    select(TURN).where(TURN.c.transcript_id == transcript_id).order_by(TURN.c.idx)
                )
            ]

    def participants_by_id(self) -> dict[int, Participant]:
        return {p.id: p for p in self.participants()}

    # ---- whole-project views ---------------------------------------------------------

    def logical_dump(self) -> dict[str, list[tuple]]:
        """Every table's rows, sorted: two equal dumps mean an unchanged project."""
        from sqlmodel import SQLModel

        dump: dict[str, list[tuple]] = {}
        with self.read() as conn:
            for name, table in sorted(SQLModel.metadata.tables.items()):
                dump[name] = sorted(
                    (tuple(repr(v) for v in r) for r in conn.execute(select(table))),
                )
        return dump


def _name_or_id(table, name_or_id: str | int):
    if isinstance(name_or_id, int) or (isinstance(name_or_id, str) and name_or_id.isdigit()):
        return table.c.id == int(name_or_id)
    return table.c.name == name_or_id


def _guid() -> str:
    from .tables import new_guid

    return new_guid()
