"""Whose codings a transcript shows: every coder's, one coder's, or only those on
fragments where the coders disagree (``v`` cycles through them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.domain import Coding

if TYPE_CHECKING:
    from ...store import Store

ALL, DISAGREEMENTS = "all coders", "disagreements"


def coders(store: Store, transcript_id: int) -> list[str]:
    """Who coded this transcript, without the consensus."""
    from ...analysis.agreement import CONSENSUS, codings_by_coder

    return [c for c in codings_by_coder(store, transcript_id) if c != CONSENSUS]


def visible(store: Store, transcript_id: int, view: str) -> list[Coding]:
    """The codings of the transcript that ``view`` (ALL, DISAGREEMENTS or a coder) shows."""
    codings = store.codings.all(transcript_id)
    if view == ALL:
        return codings
    if view != DISAGREEMENTS:
        return [c for c in codings if c.coder == view]
    from ...analysis.agreement import disagreements

    who = coders(store, transcript_id)
    if len(who) < 2:
        return []
    fragments = disagreements(store, transcript_id, who, unit="turn")
    return [
        c
        for c in codings
        if any(c.start < f.end and c.end > f.start and c.code_id in f.disputed for f in fragments)
    ]
