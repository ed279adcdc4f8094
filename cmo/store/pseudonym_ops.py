"""Rewriting every name-bearing value of a project in one transaction (pseudonymisation).

The analysis layer decides what replaces what (``cmo.analysis.pseudonymise_project``);
this module only reads the values and writes the changed ones back, all at once, so a
kill or a full disk leaves the project as it was. Transcript texts are not touched here:
they change through ``replace_transcript`` so codings are re-anchored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from .tables import (
    ArtifactRow,
    CasusRow,
    ClusterRow,
    CmocChainRow,
    CmocRow,
    CodeRow,
    CodingRow,
    EmbeddingRow,
    MemoRow,
    ParticipantRow,
    TheoryVersionRow,
    TranscriptRow,
    TurnRow,
    WorkbenchSettingRow,
)

# Free text a researcher writes, and JSON holding such text: (table, key column, columns).
FREE_TEXT: tuple[tuple[object, str, tuple[str, ...]], ...] = (
    (MemoRow.__table__, "id", ("text",)),
    (CodingRow.__table__, "id", ("memo",)),
    (CmocRow.__table__, "id", ("title", "resource", "reasoning", "memo", "sentence")),
    (CmocChainRow.__table__, "id", ("note",)),
    (TheoryVersionRow.__table__, "id", ("note", "entries")),
    (CasusRow.__table__, "id", ("attributes",)),
    (ParticipantRow.__table__, "id", ("attributes", "role")),  # "moeder van Kevin"
    # An emergent code's definition may quote a participant ("zoals Fatima zei").
    (CodeRow.__table__, "id", ("name", "definition")),
    (ClusterRow.__table__, "id", ("name", "description")),
)
SETTINGS = WorkbenchSettingRow.__table__
DERIVED_ARTIFACTS = ("suggest-model",)
"""Artifacts learned from the transcripts' text (the codebook's vectors are not)."""


@dataclass
class Renames:
    """New names by row id; only the changed ones."""

    casus: dict[int, str] = field(default_factory=dict)
    transcripts: dict[int, tuple[str, str]] = field(default_factory=dict)
    """transcript id → (name, source file name)"""
    participants: dict[int, str] = field(default_factory=dict)
    speakers: dict[int, str] = field(default_factory=dict)
    """participant id → the speaker label their turns show"""


def free_texts(store) -> list[tuple[str, object]]:
    """Every free-text value (str, or JSON as stored) with a key ``table.column#id``."""
    out = []
    with store.read() as conn:
        for table, key, columns in FREE_TEXT:
            for row in conn.execute(select(table)).mappings():
                for column in columns:
                    if row[column]:
                        out.append((f"{table.name}.{column}#{row[key]}", row[column]))
        for row in conn.execute(select(SETTINGS)).mappings():
            if row["value"]:
                out.append((f"{SETTINGS.name}.value#{row['coder']}/{row['key']}", row["value"]))
    return out


def rewrite_project(
    store,
    rewrite: Callable[[str], str],
    renames: Renames,
    changed_transcripts: set[int],
    conn: Connection | None = None,
) -> dict[str, int]:
    """In one transaction: every free-text value through ``rewrite`` (strings inside JSON
    too), the renames, embeddings of ``changed_transcripts`` and the learned suggestion
    model dropped (both are rebuilt from the new text). Returns counts per kind."""
    if conn is None:
        with store.write() as own:
            return rewrite_project(store, rewrite, renames, changed_transcripts, own)
    counts = {"texts": 0, "renamed": 0, "embeddings": 0, "models": 0}
    for table, key, columns in FREE_TEXT:
        for row in conn.execute(select(table)).mappings():
            values = {c: _rewritten(row[c], rewrite) for c in columns}
            changed = {c: v for c, v in values.items() if v != row[c]}
            if changed:
                conn.execute(table.update().where(table.c[key] == row[key]).values(**changed))
                counts["texts"] += len(changed)
    for row in conn.execute(select(SETTINGS)).mappings():
        new = rewrite(row["value"]) if row["value"] else row["value"]
        if new != row["value"]:
            conn.execute(
                SETTINGS.update()
                .where(SETTINGS.c.coder == row["coder"], SETTINGS.c.key == row["key"])
                .values(value=new)
            )
            counts["texts"] += 1
    counts["renamed"] = _rename(conn, renames)
    embedding = EmbeddingRow.__table__
    for transcript_id in sorted(changed_transcripts):
        counts["embeddings"] += (
            conn.execute(
                embedding.delete().where(embedding.c.transcript_id == transcript_id)
            ).rowcount
            or 0
        )
    artifact = ArtifactRow.__table__
    counts["models"] = (
        conn.execute(artifact.delete().where(artifact.c.name.in_(DERIVED_ARTIFACTS))).rowcount or 0
    )
    return counts


def _rename(conn: Connection, renames: Renames) -> int:
    casus, transcript = CasusRow.__table__, TranscriptRow.__table__
    participant, turn = ParticipantRow.__table__, TurnRow.__table__
    n = 0
    # Two passes through temporary names, so a swap (A→B while B→C) never meets a
    # unique constraint halfway.
    for table, column, changes in (
        (casus, "name", renames.casus),
        (participant, "label", renames.participants),
    ):
        for row_id in changes:
            conn.execute(
                table.update().where(table.c.id == row_id).values({column: f"\x00tmp{row_id}"})
            )
        for row_id, new in changes.items():
            conn.execute(table.update().where(table.c.id == row_id).values({column: new}))
            n += 1
    for row_id in renames.transcripts:
        conn.execute(
            transcript.update().where(transcript.c.id == row_id).values(name=f"\x00tmp{row_id}")
        )
    for row_id, (name, source) in renames.transcripts.items():
        conn.execute(
            transcript.update()
            .where(transcript.c.id == row_id)
            .values(name=name, source_name=source)
        )
        n += 1
    for participant_id, speaker in renames.speakers.items():
        n += (
            conn.execute(
                turn.update().where(turn.c.participant_id == participant_id).values(speaker=speaker)
            ).rowcount
            or 0
        )
    return n


def _rewritten(value, rewrite: Callable[[str], str]):
    if isinstance(value, str):
        return rewrite(value)
    if isinstance(value, dict):
        return {k: _rewritten(v, rewrite) for k, v in value.items()}
    if isinstance(value, list):
        return [_rewritten(v, rewrite) for v in value]
    return value
