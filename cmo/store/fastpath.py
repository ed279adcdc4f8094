"""A SQLite project opened with the standard library alone, and the queries it shares
with the full store.

Importing SQLAlchemy and SQLModel and building the table classes costs about half a
second, more than ``cmo freq`` needs to compute its table. Commands that only read (and
``cmo code add``) open the project as a :class:`QuickStore` instead: ``sqlite3`` with the
same pragmas as the engine in ``db.py`` (WAL, foreign keys, busy timeout, synchronous
FULL), and ``BEGIN IMMEDIATE`` for a write. When the project is not a current SQLite
project (a server URL, an older schema that needs migrating) the caller opens the full
:class:`~cmo.store.store.Store`, which knows how.

The queries both stores run are in :mod:`~cmo.store.shared_queries`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.domain import Coding, Transcript, Turn
from ..core.errors import NotFound, ProjectError
from ..core.names import check_name
from . import coding_rows, guard, shared_queries
from .lookups import Lookups
from .schema_version import SCHEMA_VERSION

if TYPE_CHECKING:
    from .quick_import import QuickUnit

BUSY_TIMEOUT_MS = 30_000


class QuickStore:
    """Plain ``sqlite3`` access to a project at the current schema version."""

    is_sqlite = True
    placeholder = "?"

    def __init__(self, connection: sqlite3.Connection, path: Path, identity: guard.Identity):
        self.connection = connection
        self.path = path
        self.url = f"sqlite:///{path}"
        self.identity = identity
        """Checked in every write: the file and project this store opened (see ``guard``)."""

    def fetch(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self.connection.execute(sql, params).fetchall()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, as ``db.write``: committed at the end, rolled back on error."""
        con = self.connection
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                self.identity.verify(con)
                yield con
            except BaseException:
                if con.in_transaction:  # SQLite ends it itself on a full disk
                    con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        except sqlite3.OperationalError as exc:  # disk full, I/O error: one line
            raise ProjectError(guard.explain_write_error(self.url, exc)) from None

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that all see one state of the database (a read transaction), such as
        the several queries of an export while someone else codes."""
        self.connection.execute("BEGIN")
        try:
            yield
        finally:
            self.connection.execute("COMMIT")

    def export_everything(self, codebook_only: bool = False) -> dict:
        """What an export writes, in one read transaction (see ``plain_export``)."""
        from . import plain_export

        with self.snapshot():
            return plain_export.read(self.fetch, codebook_only)

    @contextmanager
    def transaction(self) -> Iterator[QuickUnit]:
        """What an import writes, in one write transaction (as ``Store.transaction``):
        every file lands, or none does."""
        from .quick_import import QuickUnit  # the writer of imports: read-only commands skip it

        with self.write() as con:
            yield QuickUnit(con)

    def load_new_codebook(self, book) -> int:
        """A new project's codebook (``cmo init``), in one write transaction; returns
        the number of codes added."""
        from .quick_import import insert_codebook

        with self.write() as con:
            return insert_codebook(con, book)

    @property
    def transcripts(self) -> QuickTranscripts:
        return QuickTranscripts(self)

    @property
    def codings(self) -> QuickCodings:
        return QuickCodings(self)

    @property
    def lookups(self) -> Lookups:
        return Lookups(self.fetch, self.placeholder)

    # The reads of the suggestions (``quick_reads``): a first suggestion without SQLAlchemy.

    @property
    def codebook(self):
        from .quick_reads import QuickCodebook

        return QuickCodebook(self.fetch)

    @property
    def artifacts(self):
        from .quick_reads import QuickArtifacts

        return QuickArtifacts(self.fetch)

    @property
    def embeddings(self):
        from .quick_reads import QuickEmbeddings

        return QuickEmbeddings(self.fetch)

    @property
    def feedback(self):
        from .quick_reads import QuickFeedback

        return QuickFeedback(self.fetch)

    @property
    def history(self):
        from .quick_reads import QuickHistory

        return QuickHistory(self.fetch)

    @property
    def queries(self):
        from .quick_reads import QuickQueries

        return QuickQueries(self.fetch)

    def integrity_problems(self) -> list[str]:
        return shared_queries.integrity_problems(self.fetch)

    def data_version(self) -> int:
        """Changes when another connection (any process) commits to the database: two
        equal answers mean that nobody else wrote in between."""
        return self.connection.execute("PRAGMA data_version").fetchone()[0]

    def reopened(self) -> QuickStore:
        """The same project on a connection of its own, for reading in a forked helper
        (a SQLite connection must not be used on both sides of a fork)."""
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA query_only = ON")
        return QuickStore(con, self.path, self.identity)

    def close(self) -> None:
        self.connection.close()


class QuickTranscripts:
    """What ``cmo code add`` reads of ``store.transcripts``, with the same meaning."""

    def __init__(self, store: QuickStore):
        self.fetch = store.fetch

    def summaries(self, counts: bool = True) -> list[dict]:
        return shared_queries.transcript_summaries(self.fetch, counts)

    def index(self) -> dict[str, tuple[str, str]]:
        """As ``TranscriptsRepo.index``: name → (SHA-256 of its source, casus)."""
        found = self.fetch(
            "SELECT t.name, t.sha256, c.name FROM transcript t JOIN casus c ON c.id = t.casus_id"
        )
        return {name: (sha, casus) for name, sha, casus in found}

    def get(self, name_or_id: str | int) -> Transcript:
        """As ``TranscriptsRepo.get``: by id, name, or the name of the imported file."""
        columns = "id, name, casus_id, kind, source_name, sha256, imported_at, text, "
        columns += "word_count, guid"
        if isinstance(name_or_id, int) or str(name_or_id).isdigit():
            found = self.fetch(f"SELECT {columns} FROM transcript WHERE id = ?", (int(name_or_id),))
        else:
            found = self.fetch(f"SELECT {columns} FROM transcript WHERE name = ?", (name_or_id,))
            found = found or self.fetch(
                f"SELECT {columns} FROM transcript WHERE source_name = ?", (name_or_id,)
            )
        if not found:
            raise NotFound(f"no transcript '{name_or_id}' (see 'cmo transcripts')")
        return Transcript(*found[0])

    def all(self) -> list[Transcript]:
        """As ``TranscriptsRepo.all()``: every transcript, by casus and name."""
        columns = "id, name, casus_id, kind, source_name, sha256, imported_at, text, "
        columns += "word_count, guid"
        return [
            Transcript(*r)
            for r in self.fetch(f"SELECT {columns} FROM transcript ORDER BY casus_id, name")
        ]

    def turns(self, transcript: str | int) -> list[Turn]:
        tid = self.get(transcript).id if isinstance(transcript, str) else transcript
        return [
            Turn(*r)
            for r in self.fetch(
                "SELECT id, transcript_id, idx, speaker, participant_id, timestamp, start, "
                '"end" FROM turn WHERE transcript_id = ? ORDER BY idx',
                (tid,),
            )
        ]


class QuickCodings:
    """``store.codings.add`` and ``add_located`` in plain ``sqlite3``: the same checks, and
    the same row and change-log entry (built by ``coding_rows``, as the repository's are)."""

    def __init__(self, store: QuickStore):
        self.store = store

    def count(self) -> int:
        from .quick_reads import codings_count

        return codings_count(self.store.fetch)

    def all(self, transcript_id: int | None = None) -> list[Coding]:
        from .quick_reads import codings_all

        return codings_all(self.store.fetch, transcript_id)

    def add(
        self,
        transcript_id: int,
        start: int,
        end: int,
        code_id: str,
        coder: str = "",
        memo: str = "",
        actor: str | None = None,
    ) -> Coding:
        with self.store.write() as con:
            return _insert_coding(con, transcript_id, start, end, code_id, coder, memo, actor)

    def add_located(
        self,
        transcript_id: int,
        locate: Callable[[str, list[tuple[int, int, int]]], tuple[int, int]],
        code_id: str,
        coder: str = "",
        memo: str = "",
        actor: str | None = None,
    ) -> Coding:
        """The span is found in the text and turns as they are inside the write
        transaction, so a replace committed in between cannot move the coding."""
        with self.store.write() as con:
            found = con.execute(
                "SELECT text FROM transcript WHERE id = ?", (transcript_id,)
            ).fetchone()
            if found is None:
                raise NotFound(f"no transcript {transcript_id}")
            turns = con.execute(
                'SELECT idx, start, "end" FROM turn WHERE transcript_id = ? ORDER BY idx',
                (transcript_id,),
            ).fetchall()
            start, end = locate(found[0], turns)
            return _insert_coding(con, transcript_id, start, end, code_id, coder, memo, actor)


def _insert_coding(con, transcript_id, start, end, code_id, coder, memo, actor) -> Coding:
    check_name("coder name", coder or "")
    row = con.execute("SELECT id FROM code WHERE lower(id) = lower(?)", (code_id,)).fetchone()
    if row is None:
        raise coding_rows.no_code(code_id)
    code_id = row[0]
    length = con.execute(
        "SELECT length(text) FROM transcript WHERE id = ?", (transcript_id,)
    ).fetchone()
    coding_rows.check_span(start, end, None if length is None else length[0], transcript_id)
    existing = con.execute(
        'SELECT id FROM coding WHERE transcript_id = ? AND start = ? AND "end" = ? '
        "AND code_id = ? AND coder = ?",
        (transcript_id, start, end, code_id, coder),
    ).fetchone()
    if existing:
        return coding_rows.coding(_coding_state(con, existing[0]))
    values = coding_rows.new_coding(transcript_id, start, end, code_id, coder, memo)
    values["id"] = coding_rows.reserve_coding_ids(con.execute)
    cursor = _insert(con, "coding", values)
    state = _coding_state(con, cursor.lastrowid)
    links = con.execute(
        "SELECT cmoc_id, direction FROM cmoc_evidence WHERE coding_id = ?", (state["id"],)
    ).fetchall()
    after = coding_rows.with_links("coding", dict(state), links)
    who = actor or coder
    con.execute(
        "UPDATE change SET state = 'dropped' WHERE state = 'undone' AND actor = ?",
        (who,),
    )
    entry = coding_rows.change_entry(who, "coding.add", "coding", state["id"], None, after)
    entry["after"] = json.dumps(after)
    _insert(con, "change", entry)
    return coding_rows.coding(state)


def _insert(con: sqlite3.Connection, table: str, values: dict) -> sqlite3.Cursor:
    columns = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join("?" for _ in values)
    return con.execute(
        f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', tuple(values.values())
    )


def _coding_state(con: sqlite3.Connection, coding_id: int) -> dict:
    cursor = con.execute("SELECT * FROM coding WHERE id = ?", (coding_id,))
    names = [d[0] for d in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def open_quick(path: Path) -> QuickStore | None:
    """The database at ``path`` as a QuickStore, or None when it needs the full store
    (a missing schema, another schema version, no identity row yet, a read-only file)."""
    if guard.read_only_reason(path):
        return None
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        configure(con)
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" not in names:
            con.close()
            return None
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except BaseException:
        con.close()
        raise
    if row is None or str(row[0]) != str(SCHEMA_VERSION):
        con.close()
        return None
    project_id = guard.read_identity(con)
    if not project_id:
        con.close()
        return None
    return QuickStore(con, path, guard.capture(f"sqlite:///{path}", path, project_id))


def configure(con: sqlite3.Connection) -> None:
    """The pragmas ``db._sqlite_on_connect`` sets on every SQLAlchemy connection."""
    con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    con.execute("PRAGMA foreign_keys = ON")
    mode = con.execute("PRAGMA journal_mode").fetchone()[0]
    if mode.lower() != "wal":
        con.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit that returned is on disk, even if the machine loses power after it.
    con.execute("PRAGMA synchronous = FULL")
