"""Read-only queries the coding workbench needs beyond the Store's own methods.

Each function takes a :class:`~cmo.store.store.Store` and returns plain dicts or
lists, so the TUI never builds SQL itself.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from sqlalchemy import func, select

from ...core.text import find_quote, snippet
from ..schema import CASUS, CODING, TRANSCRIPT, TURN
from .base import Repo


def _turns_by_transcript(conn, transcript_ids: set[int]) -> dict[int, list[tuple]]:
    if not transcript_ids:
        return {}
    out: dict[int, list[tuple]] = {}
    query = (
        select(TURN.c.transcript_id, TURN.c.start, TURN.c.idx, TURN.c.speaker)
        .where(TURN.c.transcript_id.in_(transcript_ids))
        .order_by(TURN.c.transcript_id, TURN.c.start)
    )
    for tid, start, idx, speaker in conn.execute(query):
        out.setdefault(tid, []).append((start, idx, speaker))
    return out


def _speaker_at(turns: list[tuple], offset: int) -> tuple[str, int | None]:
    """The speaker and turn index of the turn that holds ``offset``."""
    pos = bisect_right([t[0] for t in turns], offset) - 1
    if pos < 0:
        return "", None
    return turns[pos][2] or "", turns[pos][1]


class QueriesRepo(Repo):
    """Read-only queries across tables, returning plain dicts and lists, so that no layer
    outside the store builds SQL."""

    def recent_codes(self, limit: int = 9, coder: str | None = None) -> list[str]:
        """The code ids applied most recently (newest first), one entry per code."""
        # Per code its newest coding, found from the end of the code's index entries: a
        # look-up per code in the codebook, where grouping every coding by code read the
        # whole table (300,000 rows: 0.15 s before the workbench showed a transcript).
        mark = self._db.placeholder
        by_coder = f" AND c.coder = {mark}" if coder else ""
        found = self._db.fetch(
            "SELECT id FROM (SELECT code.id AS id, (SELECT c.id FROM coding c "
            f"WHERE c.code_id = code.id{by_coder} ORDER BY c.id DESC LIMIT 1) AS last "
            f"FROM code) AS recent WHERE last IS NOT NULL ORDER BY last DESC LIMIT {int(limit)}",
            (coder,) if coder else (),
        )
        return [code_id for (code_id,) in found]

    def code_fragments(self, code_id: str, width: int = 70) -> list[dict]:
        """Every coding of ``code_id`` across the project, with casus, transcript and speaker.

        Returns dicts with ``coding_id, transcript_id, transcript, casus, start, end, speaker,
        turn, quote``, ordered by casus, transcript and position.
        """
        query = (
            select(
                CODING.c.id,
                CODING.c.transcript_id,
                CODING.c.start,
                CODING.c.end,
                TRANSCRIPT.c.name.label("transcript"),
                CASUS.c.name.label("casus"),
            )
            .join(TRANSCRIPT, TRANSCRIPT.c.id == CODING.c.transcript_id)
            .join(CASUS, CASUS.c.id == TRANSCRIPT.c.casus_id)
            .where(func.lower(CODING.c.code_id) == code_id.lower())
            .order_by(CASUS.c.name, TRANSCRIPT.c.name, CODING.c.start)
        )
        with self._db.read() as conn:
            found = [dict(r._mapping) for r in conn.execute(query)]
            ids = {f["transcript_id"] for f in found}
            texts = (
                dict(
                    conn.execute(
                        select(TRANSCRIPT.c.id, TRANSCRIPT.c.text).where(TRANSCRIPT.c.id.in_(ids))
                    ).all()
                )
                if ids
                else {}
            )
            turns = _turns_by_transcript(conn, ids)
        fragments = []
        for f in found:
            speaker, turn = _speaker_at(turns.get(f["transcript_id"], []), f["start"])
            fragments.append(
                {
                    "coding_id": f["id"],
                    "transcript_id": f["transcript_id"],
                    "transcript": f["transcript"],
                    "casus": f["casus"],
                    "start": f["start"],
                    "end": f["end"],
                    "speaker": speaker,
                    "turn": turn,
                    "quote": snippet(texts[f["transcript_id"]], f["start"], f["end"], width),
                }
            )
        return fragments

    def search(
        self, query: str, limit: int = 200, width: int = 70, transcript_id: int | None = None
    ) -> list[dict]:
        """Where ``query`` occurs in the project's texts (tolerant of case, quotes, spacing).

        Returns dicts with ``transcript_id, transcript, casus, start, end, speaker, turn,
        quote``; at most ``limit`` hits, in casus and transcript order.
        """
        if not query.strip():
            return []
        sql = (
            select(
                TRANSCRIPT.c.id, TRANSCRIPT.c.name, TRANSCRIPT.c.text, CASUS.c.name.label("casus")
            )
            .join(CASUS, CASUS.c.id == TRANSCRIPT.c.casus_id)
            .order_by(CASUS.c.name, TRANSCRIPT.c.name)
        )
        if transcript_id is not None:
            sql = sql.where(TRANSCRIPT.c.id == transcript_id)
        hits: list[dict] = []
        with self._db.read() as conn:
            for row in conn.execute(sql):
                spans = find_quote(row.text, query)
                if not spans:
                    continue
                turns = _turns_by_transcript(conn, {row.id}).get(row.id, [])
                for start, end in spans:
                    speaker, turn = _speaker_at(turns, start)
                    hits.append(
                        {
                            "transcript_id": row.id,
                            "transcript": row.name,
                            "casus": row.casus,
                            "start": start,
                            "end": end,
                            "speaker": speaker,
                            "turn": turn,
                            "quote": snippet(row.text, max(0, start - 30), end + 30, width),
                        }
                    )
                    if len(hits) >= limit:
                        return hits
        return hits

    def codings_stamp(self) -> tuple:
        """(count, newest id, newest change time) of the codings: changes whenever a
        coding is added, removed or moved."""
        query = select(func.count(), func.max(CODING.c.id), func.max(CODING.c.updated_at))
        with self._db.read() as conn:
            return tuple(conn.execute(query).first())

    def texts_stamp(self) -> tuple:
        """(count, newest id, total words) of the transcripts."""
        query = select(func.count(), func.max(TRANSCRIPT.c.id), func.sum(TRANSCRIPT.c.word_count))
        with self._db.read() as conn:
            return tuple(conn.execute(query).first())

    def every_row(self) -> Iterator[tuple[str, str, dict]]:
        """(table name, primary-key column, row) for every row of every table, table by
        table in name order: for checks that must see everything (names left behind)."""
        from sqlmodel import SQLModel

        with self._db.read() as conn:
            for table_name, table in sorted(SQLModel.metadata.tables.items()):
                key = next(iter(table.primary_key.columns)).name
                for row in conn.execute(select(table)).mappings():
                    yield table_name, key, dict(row)
