"""Settling codings flagged for review after a replace: accept the proposed place,
re-place them, or drop them. Each is an ordinary, undoable coding change."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from sqlalchemy import select

from ...core.domain import Coding
from ...core.errors import Conflict
from .. import rows
from ..schema import CHANGE, CODING
from .base import Repo
from .bulk_replace import _transcript_row

REVIEW, OK = "review", "ok"


@dataclass(frozen=True)
class ReviewItem:
    coding: Coding
    transcript: str
    turn: int | None
    speaker: str | None
    former: str
    """The coded text before the replace (empty if not known)."""
    proposed: str
    """The text at the place the coding was kept."""


class ReviewRepo(Repo):
    """Codings flagged for review after a replace, and settling them."""

    def items(self, transcript: str | int | None = None) -> list[ReviewItem]:
        """Every coding to review (of one transcript, if given), in text order."""
        found = self.codings(transcript)
        items: list[ReviewItem] = []
        by_transcript: dict[int, list[Coding]] = {}
        for coding in found:
            by_transcript.setdefault(coding.transcript_id, []).append(coding)
        for transcript_id, codings in by_transcript.items():
            t = self._db.transcripts.get(transcript_id)
            turns = self._db.transcripts.turns(transcript_id)
            starts = [u.start for u in turns]
            quotes = self.former_quotes(transcript_id)
            for c in codings:
                i = bisect.bisect_right(starts, c.start) - 1
                turn = turns[i] if i >= 0 else None
                items.append(
                    ReviewItem(
                        coding=c,
                        transcript=t.name,
                        turn=turn.index if turn else None,
                        speaker=turn.speaker if turn else None,
                        former=quotes.get(c.id, ""),
                        proposed=t.text[c.start : c.end],
                    )
                )
        return items

    def accept_place(self, coding_id: int, actor: str = "") -> Coding:
        """Keep a review coding where it is; it becomes an ordinary coding."""
        self._must_be_review(coding_id)
        return self._db.codings.update(coding_id, actor=actor, status=OK)

    def move_to(self, coding_id: int, start: int, end: int, actor: str = "") -> Coding:
        """Put a review coding on ``text[start:end]`` (its right place) and settle it."""
        self._must_be_review(coding_id)
        return self._db.codings.update(coding_id, actor=actor, start=start, end=end, status=OK)

    def drop(self, coding_id: int, actor: str = "") -> Coding:
        """Remove a review coding whose text is gone for good."""
        self._must_be_review(coding_id)
        return self._db.codings.remove(coding_id, actor=actor)

    def _must_be_review(self, coding_id: int) -> Coding:
        coding = self._db.codings.get(coding_id)
        if coding.status != REVIEW:
            raise Conflict(f"coding {coding_id} is not flagged for review (see 'cmo review list')")
        return coding

    def codings(self, transcript: str | int | None = None) -> list[Coding]:
        """Codings flagged for review (their text was not found in a corrected version)."""
        query = (
            select(CODING)
            .where(CODING.c.status == "review")
            .order_by(CODING.c.transcript_id, CODING.c.start)
        )
        with self._db.read() as conn:
            if transcript is not None:
                query = query.where(CODING.c.transcript_id == _transcript_row(conn, transcript).id)
            return [rows.coding(r) for r in conn.execute(query)]

    def former_quotes(self, transcript_id: int) -> dict[int, str]:
        """The text each coding of a transcript had before its latest replacement (in force)."""
        with self._db.read() as conn:
            change = conn.execute(
                select(CHANGE.c.after)
                .where(
                    CHANGE.c.action == "transcript.replace",
                    CHANGE.c.entity_id == str(transcript_id),
                    CHANGE.c.state.in_(("done", "frozen")),
                )
                .order_by(CHANGE.c.id.desc())
                .limit(1)
            ).scalar()
        change = change or {}
        # Older versions of cmo kept the moves under 'codings'.
        moves = change.get("moves", change.get("codings", []))
        return {m["id"]: m["quote"] for m in moves if "quote" in m}
