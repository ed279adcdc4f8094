"""Settling codings flagged for review after a replace: accept the proposed place,
re-place them, or drop them. Each is an ordinary, undoable coding change."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..core.domain import Coding
from ..core.errors import Conflict
from .replace_ops import former_quotes, review_codings

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


def review_items(store, transcript: str | int | None = None) -> list[ReviewItem]:
    """Every coding to review (of one transcript, if given), in text order."""
    found = review_codings(store, transcript)
    items: list[ReviewItem] = []
    by_transcript: dict[int, list[Coding]] = {}
    for coding in found:
        by_transcript.setdefault(coding.transcript_id, []).append(coding)
    for transcript_id, codings in by_transcript.items():
        t = store.transcript(transcript_id)
        turns = store.turns(transcript_id)
        starts = [u.start for u in turns]
        quotes = former_quotes(store, transcript_id)
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


def accept_place(store, coding_id: int, actor: str = "") -> Coding:
    """Keep a review coding where it is; it becomes an ordinary coding."""
    _must_be_review(store, coding_id)
    return store.update_coding(coding_id, actor=actor, status=OK)


def move_to(store, coding_id: int, start: int, end: int, actor: str = "") -> Coding:
    """Put a review coding on ``text[start:end]`` (its right place) and settle it."""
    _must_be_review(store, coding_id)
    return store.update_coding(coding_id, actor=actor, start=start, end=end, status=OK)


def drop(store, coding_id: int, actor: str = "") -> Coding:
    """Remove a review coding whose text is gone for good."""
    _must_be_review(store, coding_id)
    return store.remove_coding(coding_id, actor=actor)


def _must_be_review(store, coding_id: int) -> Coding:
    coding = store.coding(coding_id)
    if coding.status != REVIEW:
        raise Conflict(f"coding {coding_id} is not flagged for review (see 'cmo review list')")
    return coding
