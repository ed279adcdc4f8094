"""Replacing a transcript by a corrected version without losing a single coding.

The text, turns and participants are rebuilt from the new version; every coding
(and every piece of suggestion feedback) is moved to its text in the new version
by ``cmo.core.reanchor``. Codings that cannot be found again keep a best-guess
span and get ``status='review'``. All of it is one transaction.

A replace is not undoable: the old text and every old span are kept in the change
log (action ``transcript.replace``), and earlier coding changes of the transcript
are set to state ``frozen``, because undoing them would put old-text offsets into
the new text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from ..core.errors import NotFound
from ..core.model import Coding, ParsedTranscript
from ..core.reanchor import EXACT, FUZZY, REVIEW, reanchor
from ..core.speakers import default_role
from ..core.text import count_words
from . import rows
from .history import CHANGE
from .import_ops import _participants, insert_turns
from .tables import (
    CodingRow,
    FeedbackRow,
    ParticipantRow,
    TranscriptRow,
    TurnRow,
    now,
)

CODING = CodingRow.__table__
FEEDBACK = FeedbackRow.__table__
PARTICIPANT = ParticipantRow.__table__
TRANSCRIPT = TranscriptRow.__table__
TURN = TurnRow.__table__
FROZEN = "frozen"


@dataclass
class ReplaceReport:
    """What happened to the codings of one replaced transcript."""

    transcript: str
    exact: int = 0
    fuzzy: int = 0
    review: int = 0
    review_ids: list[int] = field(default_factory=list)
    turns: int = 0
    feedback_dropped: int = 0
    participants_removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def codings(self) -> int:
        return self.exact + self.fuzzy + self.review

    def summary(self) -> str:
        return (
            f"{self.transcript}: {self.codings} codings: {self.exact} moved exactly, "
            f"{self.fuzzy} moved fuzzily, {self.review} need review"
        )


def replace_transcript(
    store,
    transcript: str | int,
    parsed: ParsedTranscript,
    *,
    sha256: str = "",
    source_name: str | None = None,
    roles: dict[str, str] | None = None,
    actor: str = "",
    conn: Connection | None = None,
) -> ReplaceReport:
    """Put ``parsed`` in place of the text of ``transcript`` and re-anchor its codings.

    Pass ``conn`` to take part in a larger transaction (a multi-file import).
    """
    if conn is None:
        with store.write() as own:
            return replace_transcript(
                store,
                transcript,
                parsed,
                sha256=sha256,
                source_name=source_name,
                roles=roles,
                actor=actor,
                conn=own,
            )
    if not parsed.text:
        raise ValueError("a replacement transcript needs text")
    old = _transcript_row(conn, transcript)
    report = ReplaceReport(old.name)
    codings = conn.execute(
        select(CODING).where(CODING.c.transcript_id == old.id).order_by(CODING.c.id)
    ).all()
    anchors = reanchor(old.text, parsed.text, [(c.start, c.end) for c in codings])
    stamp = now()
    moves = []
    for coding, anchor in zip(codings, anchors, strict=True):
        status = "review" if anchor.status == REVIEW or coding.status == "review" else "ok"
        setattr(report, anchor.status, getattr(report, anchor.status) + 1)
        if status == "review":
            report.review_ids.append(coding.id)
        moves.append(
            {
                "id": coding.id,
                "old": [coding.start, coding.end],
                "new": [anchor.start, anchor.end],
                "how": anchor.status,
                "quote": old.text[coding.start : coding.end],
            }
        )
        if (anchor.start, anchor.end, status) != (coding.start, coding.end, coding.status):
            conn.execute(
                CODING.update()
                .where(CODING.c.id == coding.id)
                .values(start=anchor.start, end=anchor.end, status=status, updated_at=stamp)
            )
    report.feedback_dropped = _reanchor_feedback(conn, old.id, old.text, parsed.text)
    _rebuild_turns(conn, old, parsed, roles or {}, report)
    conn.execute(
        TRANSCRIPT.update()
        .where(TRANSCRIPT.c.id == old.id)
        .values(
            text=parsed.text,
            word_count=count_words(parsed.text),
            sha256=sha256 or old.sha256,
            source_name=source_name if source_name is not None else old.source_name,
            imported_at=stamp,
        )
    )
    _freeze_history(conn, old.id)
    conn.execute(
        CHANGE.insert().values(
            at=stamp,
            actor=actor,
            action="transcript.replace",
            entity="transcript",
            entity_id=str(old.id),
            state=FROZEN,
            before={
                "name": old.name,
                "sha256": old.sha256,
                "source_name": old.source_name,
                "text": old.text,
            },
            after={
                "sha256": sha256,
                "exact": report.exact,
                "fuzzy": report.fuzzy,
                "review": report.review,
                "codings": moves,
            },
        )
    )
    return report


def review_codings(store, transcript: str | int | None = None) -> list[Coding]:
    """Codings flagged for review (their text was not found in a corrected version)."""
    query = (
        select(CODING)
        .where(CODING.c.status == "review")
        .order_by(CODING.c.transcript_id, CODING.c.start)
    )
    with store.read() as conn:
        if transcript is not None:
            query = query.where(CODING.c.transcript_id == _transcript_row(conn, transcript).id)
        return [rows.coding(r) for r in conn.execute(query)]


def former_quotes(store, transcript_id: int) -> dict[int, str]:
    """The text each coding of a transcript had before its latest replacement."""
    with store.read() as conn:
        change = conn.execute(
            select(CHANGE.c.after)
            .where(
                CHANGE.c.action == "transcript.replace", CHANGE.c.entity_id == str(transcript_id)
            )
            .order_by(CHANGE.c.id.desc())
            .limit(1)
        ).scalar()
    return {m["id"]: m["quote"] for m in (change or {}).get("codings", [])}


# ---- helpers ----------------------------------------------------------------------------


def _transcript_row(conn: Connection, transcript: str | int):
    column = TRANSCRIPT.c.id if isinstance(transcript, int) else TRANSCRIPT.c.name
    row = conn.execute(select(TRANSCRIPT).where(column == transcript)).first()
    if row is None:
        raise NotFound(f"no transcript '{transcript}' (see 'cmo transcripts')")
    return row


def _reanchor_feedback(conn: Connection, transcript_id: int, old: str, new: str) -> int:
    """Move suggestion feedback along; feedback on text that is gone is dropped (it is
    training data about words that no longer exist, not a researcher's coding)."""
    items = conn.execute(
        select(FEEDBACK.c.id, FEEDBACK.c.start, FEEDBACK.c.end).where(
            FEEDBACK.c.transcript_id == transcript_id
        )
    ).all()
    dropped = 0
    for item, anchor in zip(
        items, reanchor(old, new, [(i.start, i.end) for i in items]), strict=True
    ):
        if anchor.status in (EXACT, FUZZY):
            conn.execute(
                FEEDBACK.update()
                .where(FEEDBACK.c.id == item.id)
                .values(start=anchor.start, end=anchor.end)
            )
        else:
            conn.execute(FEEDBACK.delete().where(FEEDBACK.c.id == item.id))
            dropped += 1
    return dropped


def _rebuild_turns(
    conn: Connection, old, parsed: ParsedTranscript, roles: dict[str, str], report: ReplaceReport
) -> None:
    before = set(
        conn.execute(
            select(TURN.c.participant_id).where(
                TURN.c.transcript_id == old.id, TURN.c.participant_id.is_not(None)
            )
        ).scalars()
    )
    conn.execute(TURN.delete().where(TURN.c.transcript_id == old.id))
    people = _participants(conn, old.casus_id, parsed.speakers, old.name, roles)
    insert_turns(conn, old.id, parsed, people)
    report.turns = len(parsed.turns)
    # A speaker who no longer speaks (a name replaced by a pseudonym) must not linger
    # as a participant, unless a researcher described them: then we keep and warn.
    for person_id in before - set(people.values()):
        if conn.execute(select(TURN.c.id).where(TURN.c.participant_id == person_id)).first():
            continue
        person = conn.execute(select(PARTICIPANT).where(PARTICIPANT.c.id == person_id)).first()
        speaker = person.label.rsplit("/", 1)[-1]
        if person.attributes or person.pseudonym or person.role not in ("", default_role(speaker)):
            report.warnings.append(
                f"participant '{person.label}' no longer speaks in "
                f"'{old.name}' but has a role or attributes; kept"
            )
            continue
        conn.execute(PARTICIPANT.delete().where(PARTICIPANT.c.id == person_id))
        report.participants_removed.append(person.label)


def _freeze_history(conn: Connection, transcript_id: int) -> None:
    changes = conn.execute(
        select(CHANGE.c.id, CHANGE.c.before, CHANGE.c.after).where(
            CHANGE.c.entity == "coding", CHANGE.c.state.in_(("done", "undone"))
        )
    ).all()
    frozen = [
        c.id
        for c in changes
        if any((s or {}).get("transcript_id") == transcript_id for s in (c.before, c.after))
    ]
    if frozen:
        conn.execute(CHANGE.update().where(CHANGE.c.id.in_(frozen)).values(state=FROZEN))
