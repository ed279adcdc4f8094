"""SQLModel table definitions: the schema at its newest version.

Fresh databases are created from these classes; older ones are brought here by
``migrations.py``. A test checks that both paths give the same schema.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from .coding_indexes import (  # noqa: F401 - the migrations and bulk rows name them here
    AWAITING_REVIEW,
    CODING_CODER_INDEX,
    CODING_COUNT_INDEX,
    CODING_OLD_ORDER_INDEX,
    CODING_ORDER_INDEX,
    CODING_REVIEW_INDEX,
)
from .schema_version import SCHEMA_VERSION  # noqa: E402, F401 - one number, two readers
from .stamps import new_guid, now  # noqa: E402, F401 - used by the fields below


class Meta(SQLModel, table=True):
    __tablename__ = "meta"
    key: str = Field(primary_key=True)
    value: str = ""


class CasusRow(SQLModel, table=True):
    __tablename__ = "casus"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    attributes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    guid: str = Field(default_factory=new_guid)


class ParticipantRow(SQLModel, table=True):
    __tablename__ = "participant"
    __table_args__ = (UniqueConstraint("casus_id", "label"),)
    id: int | None = Field(default=None, primary_key=True)
    casus_id: int = Field(foreign_key="casus.id", index=True)
    label: str
    role: str = ""
    attributes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    pseudonym: str = ""
    guid: str = Field(default_factory=new_guid)


class TranscriptRow(SQLModel, table=True):
    __tablename__ = "transcript"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    casus_id: int = Field(foreign_key="casus.id", index=True)
    kind: str = "interview"
    source_name: str = ""
    sha256: str = ""
    imported_at: str = Field(default_factory=now)
    text: str = Field(sa_column=Column(Text, nullable=False))
    word_count: int = 0
    guid: str = Field(default_factory=new_guid)


class TurnRow(SQLModel, table=True):
    __tablename__ = "turn"
    __table_args__ = (UniqueConstraint("transcript_id", "idx"),)
    id: int | None = Field(default=None, primary_key=True)
    transcript_id: int = Field(foreign_key="transcript.id", ondelete="CASCADE")
    idx: int
    speaker: str | None = None
    participant_id: int | None = Field(default=None, foreign_key="participant.id", index=True)
    timestamp: str | None = None
    start: int
    end: int


class CodeRow(SQLModel, table=True):
    __tablename__ = "code"
    id: str = Field(primary_key=True)
    family: str
    name: str
    cluster: str = ""
    definition: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    keywords: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    parent: str | None = Field(default=None, foreign_key="code.id")
    colour: str = ""
    emergent: bool = False
    sort_order: int = 0
    guid: str = Field(default_factory=new_guid)
    named_alone: bool = False
    """v4: named by another tool without a cmo id; REFI-QDA gets the name alone."""


class ClusterRow(SQLModel, table=True):
    __tablename__ = "cluster"
    id: str = Field(primary_key=True)
    family: str
    name: str
    description: str = ""
    sort_order: int = 0
    guid: str = Field(default_factory=new_guid)
    named_alone: bool = False


class CodingRow(SQLModel, table=True):
    __tablename__ = "coding"
    __table_args__ = (
        # Both cover what they serve, so those reads never look up the rows themselves:
        # every coding in text order (analyses, the sweeps), a third of the time of an
        # index on (transcript, start) that looks each row up …
        # The status is in both (from schema 11): the analyses leave out codings awaiting
        # review, and a filter on a column the index lacks looks up every row again.
        Index(
            CODING_ORDER_INDEX, "transcript_id", "start", "id", "end", "code_id", "coder", "status"
        ),
        # … and counting codings per transcript and code (``cmo freq``), without a sort.
        Index(CODING_COUNT_INDEX, "transcript_id", "code_id", "start", "end", "status"),
        # From schema 12, one coder's codings in text order: a count per coder reads
        # only that coder's (half the index with two), and which coders there are is a
        # lookup per coder (``Corpus.coders``), not a read of every coding …
        Index(
            CODING_CODER_INDEX,
            "coder",
            "transcript_id",
            "start",
            "id",
            "end",
            "code_id",
            "status",
        ),
        # … and those awaiting review, rare, are counted from an index of their own.
        Index(
            CODING_REVIEW_INDEX,
            "coder",
            sqlite_where=text(AWAITING_REVIEW),
            postgresql_where=text(AWAITING_REVIEW),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    transcript_id: int = Field(foreign_key="transcript.id", ondelete="CASCADE")
    start: int
    end: int
    code_id: str = Field(foreign_key="code.id", index=True)
    coder: str = ""
    memo: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: str = Field(default_factory=now)
    updated_at: str = Field(default_factory=now)
    status: str = "ok"
    """'ok', or 'review' when re-anchoring could not find the coded text again."""
    guid: str = Field(default_factory=new_guid)


class MemoRow(SQLModel, table=True):
    __tablename__ = "memo"
    __table_args__ = (Index("ix_memo_target", "target_kind", "target_id"),)
    id: int | None = Field(default=None, primary_key=True)
    target_kind: str
    """'project', 'casus', 'transcript', 'code', 'coding' or 'cmoc'."""
    target_id: str = ""
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    author: str = ""
    created_at: str = Field(default_factory=now)
    updated_at: str = Field(default_factory=now)
    guid: str = Field(default_factory=new_guid)


# ---- version 2: change history, CMO configurations, suggestion feedback ----------------


class ChangeRow(SQLModel, table=True):
    """One user action, for undo/redo across restarts and for the audit trail."""

    __tablename__ = "change"
    # Undo looks up the newest 'done' change of one coder on every keystroke: keep it indexed.
    __table_args__ = (Index("ix_change_actor_state", "actor", "state"),)
    id: int | None = Field(default=None, primary_key=True)
    at: str = Field(default_factory=now)
    actor: str = ""
    action: str
    """Such as 'coding.add', 'coding.remove', 'coding.update', 'memo.set', 'code.add'."""
    entity: str
    entity_id: str
    before: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    state: str = "done"
    """'done', 'undone' (can be redone), 'dropped' (undone, then superseded) or 'frozen'
    (kept for the audit trail, cannot be undone: a QDPX import)."""


class CmocRow(SQLModel, table=True):
    __tablename__ = "cmoc"
    id: str = Field(primary_key=True)
    title: str = ""
    casus_id: int | None = Field(default=None, foreign_key="casus.id")
    contexts: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    mechanisms: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    outcomes: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    resource: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    reasoning: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    fired: str = "geactiveerd"
    relation: str = "ondersteunt"
    memo: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: str = Field(default_factory=now)
    updated_at: str = Field(default_factory=now)
    guid: str = Field(default_factory=new_guid)
    sentence: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    """Version 5: the edited if–then–because sentence; empty means generated."""


class CmocEvidenceRow(SQLModel, table=True):
    __tablename__ = "cmoc_evidence"
    cmoc_id: str = Field(foreign_key="cmoc.id", primary_key=True, ondelete="CASCADE")
    coding_id: int = Field(foreign_key="coding.id", primary_key=True, ondelete="CASCADE")
    direction: str = "ondersteunt"
    """Version 5: 'ondersteunt' or 'weerspreekt'."""


class FeedbackRow(SQLModel, table=True):
    """A researcher's answer to a suggestion: accepted, rejected, or seen and left uncoded."""

    __tablename__ = "suggestion_feedback"
    id: int | None = Field(default=None, primary_key=True)
    transcript_id: int = Field(foreign_key="transcript.id", index=True, ondelete="CASCADE")
    start: int
    end: int
    code_id: str | None = None
    answer: str
    """'accept', 'reject' or 'none' (fragment seen, no code fits)."""
    source: str = ""
    score: float = 0.0
    coder: str = ""
    at: str = Field(default_factory=now)


class ArtifactRow(SQLModel, table=True):
    """Binary artefacts kept with the project, such as the trained text classifier."""

    __tablename__ = "artifact"
    name: str = Field(primary_key=True)
    data: bytes = b""
    info: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: str = Field(default_factory=now)


class WorkbenchSettingRow(SQLModel, table=True):
    """A coder's own workbench settings: digits pinned to codes, unsaved drafts."""

    __tablename__ = "workbench_setting"
    coder: str = Field(primary_key=True)
    key: str = Field(primary_key=True)
    """'pin:3' (a digit key), 'draft:memo:coding:12', 'draft:cmoc' …"""
    value: str = ""
    updated_at: str = Field(default_factory=now)


V9_TABLES = ("workbench_setting",)


class EmbeddingRow(SQLModel, table=True):
    """A sentence-encoder vector of one turn, sentence or coded span: derived data,
    recomputed when the text changes (``text_hash``) or the model does."""

    __tablename__ = "embedding"
    __table_args__ = (
        Index("ix_embedding_transcript", "transcript_id", "start", "end"),
        Index("ix_embedding_text_hash", "text_hash"),
    )
    id: int | None = Field(default=None, primary_key=True)
    transcript_id: int = Field(foreign_key="transcript.id", ondelete="CASCADE")
    level: str
    """'turn', 'sentence' or 'coding'."""
    start: int
    end: int
    text_hash: str
    """sha1 of the span's text: a lookup key for any text, and the test that it is current."""
    transcript_hash: str
    """sha1 of the whole transcript text when the vector was computed."""
    model: str
    version: str
    vector: bytes = b""
    """float16 values, little-endian."""
    created_at: str = Field(default_factory=now)


V2_TABLES = ("change", "cmoc", "cmoc_evidence", "suggestion_feedback", "artifact")


# ---- version 5: programme theory versions and CMOC chains -------------------------------


class TheoryVersionRow(SQLModel, table=True):
    """One version of the programme theory: per CMOC its judgement in that round."""

    __tablename__ = "theory_version"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: str = Field(default_factory=now)
    entries: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    """CMOC id → {status, confidence, rationale, change, was}; see cmo.core.theory."""


class CmocChainRow(SQLModel, table=True):
    """The outcome of ``from_cmoc`` is the context of ``to_cmoc``.

    No foreign keys: removing a CMOC (undoably) leaves its links, which reads ignore
    while the CMOC is gone and which come back with it on undo.
    """

    __tablename__ = "cmoc_chain"
    __table_args__ = (UniqueConstraint("from_cmoc", "to_cmoc"),)
    id: int | None = Field(default=None, primary_key=True)
    from_cmoc: str
    to_cmoc: str
    note: str = ""
    created_at: str = Field(default_factory=now)


V5_TABLES = ("theory_version", "cmoc_chain")


# The Core tables behind the classes above, named once for every query in cmo.store.
META = Meta.__table__
CASUS = CasusRow.__table__
PARTICIPANT = ParticipantRow.__table__
TRANSCRIPT = TranscriptRow.__table__
TURN = TurnRow.__table__
CODE = CodeRow.__table__
CLUSTER = ClusterRow.__table__
CODING = CodingRow.__table__
MEMO = MemoRow.__table__
CHANGE = ChangeRow.__table__
CMOC = CmocRow.__table__
EVIDENCE = CmocEvidenceRow.__table__
FEEDBACK = FeedbackRow.__table__
ARTIFACT = ArtifactRow.__table__
WORKBENCH_SETTING = WorkbenchSettingRow.__table__
EMBEDDING = EmbeddingRow.__table__
THEORY_VERSION = TheoryVersionRow.__table__
CMOC_CHAIN = CmocChainRow.__table__
