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

from ..schema import (
    ARTIFACT,
    CASUS,
    CLUSTER,
    CMOC,
    CMOC_CHAIN,
    CODE,
    CODING,
    EMBEDDING,
    MEMO,
    PARTICIPANT,
    THEORY_VERSION,
    TRANSCRIPT,
    TURN,
    WORKBENCH_SETTING,
)
from .base import Repo

# Free text a researcher writes, and JSON holding such text: (table, key column, columns).
FREE_TEXT: tuple[tuple[object, str, tuple[str, ...]], ...] = (
    (MEMO, "id", ("text",)),
    (CODING, "id", ("memo",)),
    (CMOC, "id", ("title", "resource", "reasoning", "memo", "sentence")),
    (CMOC_CHAIN, "id", ("note",)),
    (THEORY_VERSION, "id", ("note", "entries")),
    (CASUS, "id", ("attributes",)),
    (PARTICIPANT, "id", ("attributes", "role")),  # "moeder van Kevin"
    # An emergent code's definition may quote a participant ("zoals Fatima zei").
    (CODE, "id", ("name", "definition")),
    (CLUSTER, "id", ("name", "description")),
)
SETTINGS = WORKBENCH_SETTING
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


class PseudonymsRepo(Repo):
    """What pseudonymisation reads and rewrites outside the transcript texts."""

    def free_texts(self) -> list[tuple[str, object]]:
        """Every free-text value (str, or JSON as stored) with a key ``table.column#id``."""
        out = []
        with self._db.read() as conn:
            for table, key, columns in FREE_TEXT:
                for row in conn.execute(select(table)).mappings():
                    for column in columns:
                        if row[column]:
                            out.append((f"{table.name}.{column}#{row[key]}", row[column]))
            for row in conn.execute(select(SETTINGS)).mappings():
                if row["value"]:
                    where = f"{SETTINGS.name}.value#{row['coder']}/{row['key']}"
                    out.append((where, row["value"]))
        return out

    def coders(self) -> set[str]:
        """Everyone who coded or wrote a memo: the research team."""
        with self._db.read() as conn:
            names = {r[0] for r in conn.execute(select(CODING.c.coder).distinct())}
            names |= {r[0] for r in conn.execute(select(MEMO.c.author).distinct())}
        return {n for n in names if n}

    def rewrite(
        self, rewrite: Callable[[str], str], renames: Renames, changed_transcripts: set[int]
    ) -> dict[str, int]:
        """Every free-text value through ``rewrite`` (strings inside JSON too), the
        renames, embeddings of ``changed_transcripts`` and the learned suggestion model
        dropped (both are rebuilt from the new text), in one transaction (the caller's,
        inside ``store.transaction()``). Returns counts per kind."""
        with self._db.write() as conn:
            return _rewrite(conn, rewrite, renames, changed_transcripts)


def _rewrite(conn: Connection, rewrite, renames: Renames, changed_transcripts) -> dict[str, int]:
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
    embedding = EMBEDDING
    for transcript_id in sorted(changed_transcripts):
        counts["embeddings"] += (
            conn.execute(
                embedding.delete().where(embedding.c.transcript_id == transcript_id)
            ).rowcount
            or 0
        )
    artifact = ARTIFACT
    counts["models"] = (
        conn.execute(artifact.delete().where(artifact.c.name.in_(DERIVED_ARTIFACTS))).rowcount or 0
    )
    return counts


def _rename(conn: Connection, renames: Renames) -> int:
    casus, transcript = CASUS, TRANSCRIPT
    participant, turn = PARTICIPANT, TURN
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
