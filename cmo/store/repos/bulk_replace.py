"""Replacing a transcript by a corrected version without losing a single coding.

The text, turns and participants are rebuilt from the new version; every coding
(and every piece of suggestion feedback) is moved to its text in the new version
by ``cmo.core.reanchor``. Codings that cannot be found again keep a best-guess
span inside a turn and get ``status='review'``. All of it is one transaction.

Before anything changes, the two texts are compared: when too little of the old text is
found again in the new one (the wrong file was picked), the replace is refused with
:class:`TooDifferent` unless ``force`` is given.

A replace is one undoable step: the change log (action ``transcript.replace``) keeps a
snapshot of the transcript with its turns, participants, codings and feedback before and
after (see ``transcript_state``), so ``cmo undo`` puts everything back exactly.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from ...core.domain import ParsedTranscript
from ...core.errors import Conflict, NotFound
from ...core.reanchor import EXACT, FUZZY, REVIEW, align, reanchor
from ...core.speakers import default_role
from .. import changelog, transcript_state
from ..schema import CODING, FEEDBACK, MEMO, PARTICIPANT, TRANSCRIPT, TURN, now
from .transcript_writes import insert_turns, participants

MIN_KEPT_SHARE = 0.5
"""A corrected version keeps at least this share of the old text (typos, names and a
paragraph change a few per cent); a different interview keeps a few per cent."""


class TooDifferent(Conflict):
    """The new text shares too little with the old one to be a corrected version of it."""

    def __init__(self, transcript: str, source: str, share: float):
        self.transcript, self.source, self.share = transcript, source, share
        super().__init__(
            f"{source}: only {share:.0%} of the text of '{transcript}' is found again in it "
            f"(a corrected version keeps at least {MIN_KEPT_SHARE:.0%}); is it the right file? "
            "Use --force to replace it anyway"
        )


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
    kept_share: float = 1.0
    """The share of the old text found again in the new one."""

    @property
    def codings(self) -> int:
        return self.exact + self.fuzzy + self.review

    def summary(self) -> str:
        return (
            f"{self.transcript}: {self.kept_share:.0%} of the text kept; {self.codings} "
            f"codings: {self.exact} moved exactly, {self.fuzzy} moved fuzzily, "
            f"{self.review} need review"
        )


def kept_share(old: str, new: str) -> float:
    """The share of the characters of ``old`` that the alignment finds in ``new``."""
    if not old:
        return 1.0
    return sum(size for _, _, size in align(old, new).blocks) / len(old)


def inside_turn(text: str, start: int, end: int, turns: list[tuple[int, int]]) -> tuple[int, int]:
    """A review span kept within the text of one turn: never over a speaker label or a
    time stamp between turns. ``turns`` are sorted (start, end) spans."""
    if not turns:
        return start, end
    best = max(turns, key=lambda t: min(end, t[1]) - max(start, t[0]))
    if min(end, best[1]) - max(start, best[0]) > 0:
        return max(start, best[0]), min(end, best[1])
    # Only on labels or blank lines: the first line of the turn that follows (or the last).
    following = bisect.bisect_left([t[0] for t in turns], start)
    turn_start, turn_end = turns[min(following, len(turns) - 1)]
    line_end = text.find("\n", turn_start, turn_end)
    return turn_start, turn_end if line_end == -1 else line_end


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


def _reanchor_decisions(conn: Connection, transcript_id: int, old: str, new: str) -> None:
    """Consensus decisions are keyed by their fragment's span: move the keys along."""

    memo = MEMO
    prefix = f"{transcript_id}:"
    items = conn.execute(
        select(memo.c.id, memo.c.target_id).where(
            memo.c.target_kind == "consensus", memo.c.target_id.like(f"{prefix}%")
        )
    ).all()
    spans = []
    for item in items:
        start, _, end = item.target_id[len(prefix) :].partition("-")
        spans.append((int(start), int(end)))
    for item, anchor in zip(items, reanchor(old, new, spans), strict=True):
        conn.execute(
            memo.update()
            .where(memo.c.id == item.id)
            .values(target_id=f"{prefix}{anchor.start}-{anchor.end}")
        )


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
    people = participants(conn, old.casus_id, parsed.speakers, old.name, roles)
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


class BulkReplace:
    """Replacing a transcript by a corrected version: mixed into
    :class:`~cmo.store.repos.bulk.BulkRepo`."""

    _db: object

    def replace_transcript(
        self,
        transcript: str | int,
        parsed: ParsedTranscript,
        *,
        sha256: str = "",
        source_name: str | None = None,
        roles: dict[str, str] | None = None,
        actor: str = "",
        force: bool = False,
    ) -> ReplaceReport:
        """Put ``parsed`` in place of the text of ``transcript`` and re-anchor its codings.

        Raises :class:`TooDifferent` (and changes nothing) when less than
        ``MIN_KEPT_SHARE`` of the old text is found again, unless ``force``. Through a
        unit of work it takes part in a larger transaction (a multi-file import).
        """
        with self._db.write() as conn:
            return self._replace(conn, transcript, parsed, sha256, source_name, roles, actor, force)

    def _replace(
        self, conn, transcript, parsed, sha256, source_name, roles, actor, force
    ) -> ReplaceReport:
        if not parsed.text:
            raise ValueError("a replacement transcript needs text")
        old = _transcript_row(conn, transcript)
        report = ReplaceReport(old.name, kept_share=kept_share(old.text, parsed.text))
        if report.kept_share < MIN_KEPT_SHARE and not force:
            raise TooDifferent(old.name, source_name or "the new version", report.kept_share)
        before = transcript_state.snapshot(conn, old.id)
        codings = conn.execute(
            select(CODING).where(CODING.c.transcript_id == old.id).order_by(CODING.c.id)
        ).all()
        anchors = reanchor(old.text, parsed.text, [(c.start, c.end) for c in codings])
        turn_spans = [(t.start, t.end) for t in parsed.turns if t.end > t.start]
        stamp = now()
        moves = []
        for coding, anchor in zip(codings, anchors, strict=True):
            status = "review" if anchor.status == REVIEW or coding.status == "review" else "ok"
            start, end = anchor.start, anchor.end
            if anchor.status == REVIEW:
                start, end = inside_turn(parsed.text, start, end, turn_spans)
            setattr(report, anchor.status, getattr(report, anchor.status) + 1)
            if status == "review":
                report.review_ids.append(coding.id)
            moves.append(
                {
                    "id": coding.id,
                    "old": [coding.start, coding.end],
                    "new": [start, end],
                    "how": anchor.status,
                    "quote": old.text[coding.start : coding.end],
                }
            )
            if (start, end, status) != (coding.start, coding.end, coding.status):
                conn.execute(
                    CODING.update()
                    .where(CODING.c.id == coding.id)
                    .values(start=start, end=end, status=status, updated_at=stamp)
                )
        report.feedback_dropped = _reanchor_feedback(conn, old.id, old.text, parsed.text)
        _reanchor_decisions(conn, old.id, old.text, parsed.text)
        _rebuild_turns(conn, old, parsed, roles or {}, report)
        conn.execute(
            TRANSCRIPT.update()
            .where(TRANSCRIPT.c.id == old.id)
            .values(
                text=parsed.text,
                word_count=parsed.word_count,
                sha256=sha256 or old.sha256,
                source_name=source_name if source_name is not None else old.source_name,
                imported_at=stamp,
            )
        )
        after = transcript_state.snapshot(conn, old.id)
        after.update(
            {
                "exact": report.exact,
                "fuzzy": report.fuzzy,
                "review": report.review,
                "kept_share": round(report.kept_share, 4),
                "moves": moves,
            }
        )
        changelog.log(conn, actor, "transcript.replace", "transcript", old.id, before, after)
        return report
