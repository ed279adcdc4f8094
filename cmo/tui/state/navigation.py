"""Where the navigation keys of a transcript go: the next coding, the next uncoded turn,
the next search hit. Pure functions over a :class:`~.document.TranscriptDoc`."""

from __future__ import annotations

from ...core.domain import Turn
from ...core.speakers import is_interviewer
from . import selection as sel_ops
from .document import TranscriptDoc
from .selection import Selection, Visible


def next_coding(
    doc: TranscriptDoc, sel: Selection, step: int, visible: Visible
) -> tuple[int, int] | None:
    """The span of the next (``step`` 1) or previous (-1) coding in a shown turn."""
    found = doc.index.next_after(
        (sel.start, sel.end), step, lambda c: visible(doc.turn_at(c.start)), len(doc.text)
    )
    return (found.start, found.end) if found else None


def next_uncoded(doc: TranscriptDoc, sel: Selection, visible: Visible) -> Selection | None:
    """The first sentence of the next shown turn that has text, is no interviewer's
    question and holds no coding."""
    for index in range(doc.turn_at(sel.start) + 1, len(doc.turns)):
        turn = doc.turns[index]
        if (
            visible(index)
            and doc.text[turn.start : turn.end].strip()
            and not asks_questions(doc, turn)
            and not doc.codings_over(turn.start, turn.end)
        ):
            return sel_ops.first_sentence(doc, index)
    return None


def next_hit(hits: list[tuple[int, int]], sel: Selection) -> tuple[int, int]:
    """The first hit after the selection's start, else (wrapping round) the first."""
    return next((h for h in hits if h[0] > sel.start), hits[0])


def turn_numbered(doc: TranscriptDoc, number: int) -> int | None:
    """The position in ``doc.turns`` of the turn the gutter numbers ``number``."""
    return next((pos for pos, n in enumerate(doc.turns.numbers) if n == number), None)


def speaker_counts(doc: TranscriptDoc) -> dict[str, int]:
    counts: dict[str, int] = {}
    for speaker in doc.turns.speakers:
        if speaker:
            counts[speaker] = counts.get(speaker, 0) + 1
    return counts


def asks_questions(doc: TranscriptDoc, turn: Turn) -> bool:
    """The interviewer's (or focusgroep leader's) turns: ``u`` skips them, they are not
    the data that waits to be coded."""
    return doc.role(turn) in ("interviewer", "gespreksleider") or is_interviewer(turn.speaker or "")
