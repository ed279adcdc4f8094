"""Correcting speakers after import: relabel or split a turn, merge or split participants.

Codings are anchored to offsets in the transcript text, which none of these change, so
every coding keeps its place; only who said it changes. Each correction is one
transaction, logged in the change history with the participants of the casus and the
turns of the transcripts it touched before and after, so ``cmo undo`` restores it.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from ..core.errors import Conflict, InputError, NotFound
from ..core.speakers import default_role, participant_label
from . import history
from .tables import ParticipantRow, TranscriptRow, TurnRow, new_guid

PARTICIPANT = ParticipantRow.__table__
TRANSCRIPT = TranscriptRow.__table__
TURN = TurnRow.__table__
ENTITY = "speakers"
"""Change-log entity: key ``<casus id>:<transcript id>,<transcript id>…``."""


# ---- snapshots for the change log ------------------------------------------------------


def _parse_key(key: str) -> tuple[int, list[int]]:
    casus, _, transcripts = str(key).partition(":")
    return int(casus), [int(t) for t in transcripts.split(",") if t]


def snapshot(conn: Connection, key: str) -> dict:
    """Participants of the casus and turns of the transcripts named in ``key``."""
    casus_id, transcript_ids = _parse_key(key)
    people = [
        dict(r)
        for r in conn.execute(
            select(PARTICIPANT).where(PARTICIPANT.c.casus_id == casus_id).order_by(PARTICIPANT.c.id)
        ).mappings()
    ]
    turns = [
        dict(r)
        for r in conn.execute(
            select(TURN).where(TURN.c.transcript_id.in_(transcript_ids)).order_by(TURN.c.id)
        ).mappings()
    ]
    return {"participants": people, "turns": turns}


def restore_snapshot(conn: Connection, key: str, state: dict | None) -> None:
    casus_id, transcript_ids = _parse_key(key)
    if state is None:
        return
    conn.execute(TURN.delete().where(TURN.c.transcript_id.in_(transcript_ids)))
    wanted = {p["id"]: p for p in state["participants"]}
    present = set(
        conn.execute(select(PARTICIPANT.c.id).where(PARTICIPANT.c.casus_id == casus_id)).scalars()
    )
    gone = present - set(wanted)
    if gone:
        # Turns of other transcripts never point at these (they were created or emptied by
        # the logged change, which touched only the transcripts in the key).
        conn.execute(PARTICIPANT.delete().where(PARTICIPANT.c.id.in_(gone)))
    for pid, row in wanted.items():
        if pid in present:
            conn.execute(PARTICIPANT.update().where(PARTICIPANT.c.id == pid).values(**row))
        else:
            conn.execute(PARTICIPANT.insert().values(**row))
    if state["turns"]:
        conn.execute(TURN.insert(), state["turns"])


# ---- the corrections -------------------------------------------------------------------


def relabel_turn(store, transcript: str | int, index: int, speaker: str, actor: str = "") -> dict:
    """Give turn ``index`` of ``transcript`` another speaker (a participant of the casus,
    found or created by the usual identity rule)."""
    speaker = " ".join(speaker.split())
    if not speaker:
        raise InputError("--speaker", "give the speaker label")
    t = store.transcript(transcript)
    with store.write() as conn:
        key = f"{t.casus_id}:{t.id}"
        before = snapshot(conn, key)
        turn = _turn(conn, t, index)
        pid = _participant_for(conn, t.casus_id, speaker, t.name)
        conn.execute(
            TURN.update().where(TURN.c.id == turn["id"]).values(speaker=speaker, participant_id=pid)
        )
        _drop_silent(conn, [turn["participant_id"]])
        after = snapshot(conn, key)
        history.log(conn, actor, "turn.relabel", ENTITY, key, before, after)
    return {"transcript": t.name, "index": index, "from": turn["speaker"], "to": speaker}


def split_turn(
    store,
    transcript: str | int,
    index: int,
    at: int,
    speaker: str | None = None,
    content: int | None = None,
    actor: str = "",
) -> dict:
    """Split turn ``index`` of ``transcript`` at text offset ``at``.

    The second part starts at ``content`` (default: ``at``, past white space; give it
    to leave a speaker label out of the turn's text) and gets ``speaker`` (default: the
    turn's own speaker).
    """
    t = store.transcript(transcript)
    with store.write() as conn:
        key = f"{t.casus_id}:{t.id}"
        before = snapshot(conn, key)
        turn = _turn(conn, t, index)
        if not turn["start"] < at < turn["end"]:
            raise InputError(str(at), f"is not inside turn {index} ({turn['start']}–{turn['end']})")
        head_end = at
        while head_end > turn["start"] and t.text[head_end - 1].isspace():
            head_end -= 1
        tail_start = at if content is None else content
        while tail_start < turn["end"] and t.text[tail_start].isspace():
            tail_start += 1
        new_speaker = " ".join(speaker.split()) if speaker else turn["speaker"]
        if head_end <= turn["start"] or tail_start >= turn["end"]:
            raise InputError(str(at), "would leave an empty turn")
        pid = (
            _participant_for(conn, t.casus_id, new_speaker, t.name)
            if new_speaker
            else turn["participant_id"]
        )
        rows = [dict(r) for r in conn.execute(_turns_query(t.id)).mappings()]
        conn.execute(TURN.delete().where(TURN.c.transcript_id == t.id))
        out = []
        for row in rows:
            if row["idx"] < index:
                out.append(row)
            elif row["idx"] == index:
                out.append({**row, "end": head_end})
                out.append(
                    {
                        "transcript_id": t.id,
                        "idx": index + 1,
                        "speaker": new_speaker,
                        "participant_id": pid,
                        "timestamp": None,
                        "start": tail_start,
                        "end": row["end"],
                    }
                )
            else:
                out.append({**row, "idx": row["idx"] + 1})
        conn.execute(TURN.insert(), [r for r in out if "id" in r])
        conn.execute(TURN.insert(), [r for r in out if "id" not in r])
        after = snapshot(conn, key)
        history.log(conn, actor, "turn.split", ENTITY, key, before, after)
    return {"transcript": t.name, "index": index, "at": at, "speaker": new_speaker}


def merge_participants(
    store, keep: str, other: str, casus: str | None = None, actor: str = ""
) -> dict:
    """Make ``other`` the same person as ``keep``: its turns become ``keep``'s; its
    attributes fill in what ``keep`` lacks."""
    a, b = store.participant(keep, casus), store.participant(other, casus)
    if a.id == b.id:
        raise InputError(other, "is the same participant")
    if a.casus_id != b.casus_id:
        raise Conflict(f"'{keep}' and '{other}' are in different casussen")
    with store.write() as conn:
        ids = _transcripts_of(conn, [b.id])
        key = f"{a.casus_id}:{','.join(map(str, ids))}"
        before = snapshot(conn, key)
        conn.execute(TURN.update().where(TURN.c.participant_id == b.id).values(participant_id=a.id))
        conn.execute(
            PARTICIPANT.update()
            .where(PARTICIPANT.c.id == a.id)
            .values(
                attributes={**b.attributes, **a.attributes},
                role=a.role or b.role,
                pseudonym=a.pseudonym or b.pseudonym,
            )
        )
        conn.execute(PARTICIPANT.delete().where(PARTICIPANT.c.id == b.id))
        after = snapshot(conn, key)
        history.log(conn, actor, "participant.merge", ENTITY, key, before, after)
    return {"kept": a.label, "merged": b.label, "transcripts": len(ids)}


def split_participant(store, label: str, casus: str | None = None, actor: str = "") -> dict:
    """Make a participant one person per transcript (``transcript/label``), each with the
    role and attributes it had."""
    person = store.participant(label, casus)
    with store.write() as conn:
        ids = _transcripts_of(conn, [person.id])
        if len(ids) < 2:
            raise InputError(label, "speaks in one transcript only; nothing to split")
        key = f"{person.casus_id}:{','.join(map(str, ids))}"
        before = snapshot(conn, key)
        names = dict(
            conn.execute(
                select(TRANSCRIPT.c.id, TRANSCRIPT.c.name).where(TRANSCRIPT.c.id.in_(ids))
            ).all()
        )
        made = []
        for tid in ids:
            new_label = f"{names[tid]}/{person.label.rsplit('/', 1)[-1]}"
            clash = conn.execute(
                select(PARTICIPANT.c.id).where(
                    PARTICIPANT.c.casus_id == person.casus_id, PARTICIPANT.c.label == new_label
                )
            ).first()
            if clash:
                raise Conflict(f"a participant '{new_label}' exists already; merge first")
            pid = conn.execute(
                PARTICIPANT.insert().values(
                    casus_id=person.casus_id,
                    label=new_label,
                    role=person.role,
                    attributes=dict(person.attributes),
                    pseudonym="",
                    guid=new_guid(),
                )
            ).inserted_primary_key[0]
            conn.execute(
                TURN.update()
                .where(TURN.c.transcript_id == tid, TURN.c.participant_id == person.id)
                .values(participant_id=pid)
            )
            made.append(new_label)
        conn.execute(PARTICIPANT.delete().where(PARTICIPANT.c.id == person.id))
        after = snapshot(conn, key)
        history.log(conn, actor, "participant.split", ENTITY, key, before, after)
    return {"split": person.label, "into": made}


# ---- helpers ---------------------------------------------------------------------------


def _turns_query(transcript_id: int):
    return select(TURN).where(TURN.c.transcript_id == transcript_id).order_by(TURN.c.idx)


def _turn(conn: Connection, t, index: int) -> dict:
    row = (
        conn.execute(select(TURN).where(TURN.c.transcript_id == t.id, TURN.c.idx == index))
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"transcript '{t.name}' has no turn {index} (see 'cmo turns {t.name}')")
    return dict(row)


def _participant_for(conn: Connection, casus_id: int, speaker: str, transcript: str) -> int:
    label = participant_label(speaker, transcript)
    row = conn.execute(
        select(PARTICIPANT.c.id).where(
            PARTICIPANT.c.casus_id == casus_id, PARTICIPANT.c.label == label
        )
    ).first()
    if row:
        return row[0]
    return conn.execute(
        PARTICIPANT.insert().values(
            casus_id=casus_id,
            label=label,
            role=default_role(speaker),
            attributes={},
            pseudonym="",
            guid=new_guid(),
        )
    ).inserted_primary_key[0]


def _drop_silent(conn: Connection, person_ids: list[int | None]) -> None:
    """Remove these participants when they are left without a turn: a person who says
    nothing would still count among the casus' participants."""
    ids = [p for p in person_ids if p is not None]
    if not ids:
        return
    speaking = select(TURN.c.participant_id).where(TURN.c.participant_id.in_(ids))
    conn.execute(
        PARTICIPANT.delete().where(PARTICIPANT.c.id.in_(ids), PARTICIPANT.c.id.not_in(speaking))
    )


def _transcripts_of(conn: Connection, person_ids: list[int]) -> list[int]:
    return sorted(
        conn.execute(
            select(TURN.c.transcript_id).where(TURN.c.participant_id.in_(person_ids)).distinct()
        ).scalars()
    )
