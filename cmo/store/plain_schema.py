"""A new SQLite project's schema as plain SQL: ``cmo init`` without SQLAlchemy.

Importing SQLAlchemy and SQLModel and building the table classes costs more than all the
rest of ``cmo init``. The statements below are the ones SQLModel's ``create_all`` issues
for the table classes of ``schema.py`` on SQLite, written out; a test
(``tests/unit/test_plain_init.py``) creates a database both ways and compares their
``sqlite_master`` and ``meta`` rows, and prints the text to put here when the classes
change. Older projects are still upgraded by ``migrations.py`` through the full store.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from ..core.errors import ProjectError
from . import fastpath, guard
from .schema_version import SCHEMA_VERSION

TABLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "meta",
        """
        "key" VARCHAR NOT NULL
        value VARCHAR NOT NULL
        PRIMARY KEY ("key")
        """,
        (),
    ),
    (
        "casus",
        """
        id INTEGER NOT NULL
        name VARCHAR NOT NULL
        attributes JSON NOT NULL
        guid VARCHAR NOT NULL
        PRIMARY KEY (id)
        UNIQUE (name)
        """,
        (),
    ),
    (
        "code",
        """
        id VARCHAR NOT NULL
        family VARCHAR NOT NULL
        name VARCHAR NOT NULL
        cluster VARCHAR NOT NULL
        definition TEXT NOT NULL
        keywords JSON NOT NULL
        parent VARCHAR
        colour VARCHAR NOT NULL
        emergent BOOLEAN NOT NULL
        sort_order INTEGER NOT NULL
        guid VARCHAR NOT NULL
        named_alone BOOLEAN NOT NULL
        PRIMARY KEY (id)
        FOREIGN KEY(parent) REFERENCES code (id)
        """,
        (),
    ),
    (
        "cluster",
        """
        id VARCHAR NOT NULL
        family VARCHAR NOT NULL
        name VARCHAR NOT NULL
        description VARCHAR NOT NULL
        sort_order INTEGER NOT NULL
        guid VARCHAR NOT NULL
        named_alone BOOLEAN NOT NULL
        PRIMARY KEY (id)
        """,
        (),
    ),
    (
        "memo",
        """
        id INTEGER NOT NULL
        target_kind VARCHAR NOT NULL
        target_id VARCHAR NOT NULL
        text TEXT NOT NULL
        author VARCHAR NOT NULL
        created_at VARCHAR NOT NULL
        updated_at VARCHAR NOT NULL
        guid VARCHAR NOT NULL
        PRIMARY KEY (id)
        """,
        ("CREATE INDEX ix_memo_target ON memo (target_kind, target_id)",),
    ),
    (
        "change",
        """
        id INTEGER NOT NULL
        at VARCHAR NOT NULL
        actor VARCHAR NOT NULL
        action VARCHAR NOT NULL
        entity VARCHAR NOT NULL
        entity_id VARCHAR NOT NULL
        "before" JSON
        "after" JSON
        state VARCHAR NOT NULL
        PRIMARY KEY (id)
        """,
        ("CREATE INDEX ix_change_actor_state ON change (actor, state)",),
    ),
    (
        "artifact",
        """
        name VARCHAR NOT NULL
        data BLOB NOT NULL
        info JSON NOT NULL
        created_at VARCHAR NOT NULL
        PRIMARY KEY (name)
        """,
        (),
    ),
    (
        "workbench_setting",
        """
        coder VARCHAR NOT NULL
        "key" VARCHAR NOT NULL
        value VARCHAR NOT NULL
        updated_at VARCHAR NOT NULL
        PRIMARY KEY (coder, "key")
        """,
        (),
    ),
    (
        "theory_version",
        """
        id INTEGER NOT NULL
        name VARCHAR NOT NULL
        note TEXT NOT NULL
        created_at VARCHAR NOT NULL
        entries JSON NOT NULL
        PRIMARY KEY (id)
        UNIQUE (name)
        """,
        (),
    ),
    (
        "cmoc_chain",
        """
        id INTEGER NOT NULL
        from_cmoc VARCHAR NOT NULL
        to_cmoc VARCHAR NOT NULL
        note VARCHAR NOT NULL
        created_at VARCHAR NOT NULL
        PRIMARY KEY (id)
        UNIQUE (from_cmoc, to_cmoc)
        """,
        (),
    ),
    (
        "participant",
        """
        id INTEGER NOT NULL
        casus_id INTEGER NOT NULL
        label VARCHAR NOT NULL
        role VARCHAR NOT NULL
        attributes JSON NOT NULL
        pseudonym VARCHAR NOT NULL
        guid VARCHAR NOT NULL
        PRIMARY KEY (id)
        UNIQUE (casus_id, label)
        FOREIGN KEY(casus_id) REFERENCES casus (id)
        """,
        ("CREATE INDEX ix_participant_casus_id ON participant (casus_id)",),
    ),
    (
        "transcript",
        """
        id INTEGER NOT NULL
        name VARCHAR NOT NULL
        casus_id INTEGER NOT NULL
        kind VARCHAR NOT NULL
        source_name VARCHAR NOT NULL
        sha256 VARCHAR NOT NULL
        imported_at VARCHAR NOT NULL
        text TEXT NOT NULL
        word_count INTEGER NOT NULL
        guid VARCHAR NOT NULL
        PRIMARY KEY (id)
        UNIQUE (name)
        FOREIGN KEY(casus_id) REFERENCES casus (id)
        """,
        ("CREATE INDEX ix_transcript_casus_id ON transcript (casus_id)",),
    ),
    (
        "cmoc",
        """
        id VARCHAR NOT NULL
        title VARCHAR NOT NULL
        casus_id INTEGER
        contexts JSON NOT NULL
        mechanisms JSON NOT NULL
        outcomes JSON NOT NULL
        resource TEXT NOT NULL
        reasoning TEXT NOT NULL
        fired VARCHAR NOT NULL
        relation VARCHAR NOT NULL
        memo TEXT NOT NULL
        created_at VARCHAR NOT NULL
        updated_at VARCHAR NOT NULL
        guid VARCHAR NOT NULL
        sentence TEXT NOT NULL
        PRIMARY KEY (id)
        FOREIGN KEY(casus_id) REFERENCES casus (id)
        """,
        (),
    ),
    (
        "turn",
        """
        id INTEGER NOT NULL
        transcript_id INTEGER NOT NULL
        idx INTEGER NOT NULL
        speaker VARCHAR
        participant_id INTEGER
        timestamp VARCHAR
        start INTEGER NOT NULL
        "end" INTEGER NOT NULL
        PRIMARY KEY (id)
        UNIQUE (transcript_id, idx)
        FOREIGN KEY(transcript_id) REFERENCES transcript (id) ON DELETE CASCADE
        FOREIGN KEY(participant_id) REFERENCES participant (id)
        """,
        ("CREATE INDEX ix_turn_participant_id ON turn (participant_id)",),
    ),
    (
        "coding",
        """
        id INTEGER NOT NULL
        transcript_id INTEGER NOT NULL
        start INTEGER NOT NULL
        "end" INTEGER NOT NULL
        code_id VARCHAR NOT NULL
        coder VARCHAR NOT NULL
        memo TEXT NOT NULL
        created_at VARCHAR NOT NULL
        updated_at VARCHAR NOT NULL
        status VARCHAR NOT NULL
        guid VARCHAR NOT NULL
        PRIMARY KEY (id)
        FOREIGN KEY(transcript_id) REFERENCES transcript (id) ON DELETE CASCADE
        FOREIGN KEY(code_id) REFERENCES code (id)
        """,
        (
            "CREATE INDEX ix_coding_code_id ON coding (code_id)",
            "CREATE INDEX ix_coding_coder_text_order ON coding "
            '(coder, transcript_id, start, id, "end", code_id, status)',
            "CREATE INDEX ix_coding_review ON coding (coder) WHERE status = 'review'",
            "CREATE INDEX ix_coding_text_order ON coding "
            '(transcript_id, start, id, "end", code_id, coder, status)',
            "CREATE INDEX ix_coding_transcript_code ON coding "
            '(transcript_id, code_id, start, "end", status)',
        ),
    ),
    (
        "suggestion_feedback",
        """
        id INTEGER NOT NULL
        transcript_id INTEGER NOT NULL
        start INTEGER NOT NULL
        "end" INTEGER NOT NULL
        code_id VARCHAR
        answer VARCHAR NOT NULL
        source VARCHAR NOT NULL
        score FLOAT NOT NULL
        coder VARCHAR NOT NULL
        at VARCHAR NOT NULL
        PRIMARY KEY (id)
        FOREIGN KEY(transcript_id) REFERENCES transcript (id) ON DELETE CASCADE
        """,
        (
            "CREATE INDEX ix_suggestion_feedback_transcript_id "
            "ON suggestion_feedback (transcript_id)",
        ),
    ),
    (
        "embedding",
        """
        id INTEGER NOT NULL
        transcript_id INTEGER NOT NULL
        level VARCHAR NOT NULL
        start INTEGER NOT NULL
        "end" INTEGER NOT NULL
        text_hash VARCHAR NOT NULL
        transcript_hash VARCHAR NOT NULL
        model VARCHAR NOT NULL
        version VARCHAR NOT NULL
        vector BLOB NOT NULL
        created_at VARCHAR NOT NULL
        PRIMARY KEY (id)
        FOREIGN KEY(transcript_id) REFERENCES transcript (id) ON DELETE CASCADE
        """,
        (
            "CREATE INDEX ix_embedding_text_hash ON embedding (text_hash)",
            'CREATE INDEX ix_embedding_transcript ON embedding (transcript_id, start, "end")',
        ),
    ),
    (
        "cmoc_evidence",
        """
        cmoc_id VARCHAR NOT NULL
        coding_id INTEGER NOT NULL
        direction VARCHAR NOT NULL
        PRIMARY KEY (cmoc_id, coding_id)
        FOREIGN KEY(cmoc_id) REFERENCES cmoc (id) ON DELETE CASCADE
        FOREIGN KEY(coding_id) REFERENCES coding (id) ON DELETE CASCADE
        """,
        (),
    ),
)
"""(table, its columns and constraints one per line, its indexes), in the order
``create_all`` makes them (a table after those its foreign keys name)."""


def statements() -> list[str]:
    """Every CREATE statement, each as ``create_all`` writes it (SQLite keeps the text)."""
    out = []
    for name, body, indexes in TABLES:
        lines = [line.strip() for line in body.strip().splitlines()]
        out.append(f"CREATE TABLE {name} (\n\t" + ", \n\t".join(lines) + "\n)")
        out.extend(indexes)
    return out


def create_database(path: Path) -> fastpath.QuickStore:
    """A new project database at ``path`` (which must not exist), opened as the
    standard-library store, with the pragmas of every connection (WAL first, as the
    engine sets it before ``create_all``)."""
    url = f"sqlite:///{path}"
    con = sqlite3.connect(path, timeout=fastpath.BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        fastpath.configure(con)
        project_id = create(con)
        return fastpath.QuickStore(con, path, guard.capture(url, path, project_id))
    except sqlite3.Error as exc:  # a full disk, a folder that cannot be written: one line
        con.close()
        raise ProjectError(guard.explain_write_error(url, exc)) from None
    except BaseException:
        con.close()
        raise


def create(con: sqlite3.Connection) -> str:
    """Create the schema in the empty database of ``con`` (autocommit mode, as
    ``fastpath.configure`` leaves it), with the schema version and a new project identity,
    in one transaction; returns the identity."""
    project_id = uuid.uuid4().hex
    con.execute("BEGIN IMMEDIATE")
    try:
        if con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise ProjectError("the new project database has tables already (another cmo init?)")
        for statement in statements():
            con.execute(statement)
        con.executemany(
            'INSERT INTO meta ("key", value) VALUES (?, ?)',
            [("schema_version", str(SCHEMA_VERSION)), (guard.IDENTITY_KEY, project_id)],
        )
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return project_id
