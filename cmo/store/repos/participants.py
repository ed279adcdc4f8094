"""Correcting speakers after import: relabel or split a turn, merge or split participants.

Codings are anchored to offsets in the transcript text, which none of these change, so
every coding keeps its place; only who said it changes. Each correction is one
transaction, logged in the change history with the participants of the casus and the
turns of the transcripts it touched before and after, so ``cmo undo`` restores it.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from ...core.domain import Participant
from ...core.errors import Conflict, InputError, NotFound
from ...core.speakers import default_role, participant_label
from .. import changelog, rows
from ..schema import PARTICIPANT, TRANSCRIPT, TURN, new_guid
from ..speaker_state import ENTITY, snapshot
from .base import Repo

# ---- the corrections -------------------------------------------------------------------


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


def _participant_for(
    conn: Connection, casus_id: int, speaker: str, transcript: str, role: str = ""
) -> int:
    """The casus' participant for ``speaker``, made when missing (with the role the label
    implies, else ``role``)."""
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
            role=default_role(speaker) or role,
            attributes={},
            pseudonym="",
            guid=new_guid(),
        )
    ).inserted_primary_key[0]


def _role_of(conn: Connection, person_id: int | None) -> str:
    if person_id is None:
        return ""
    row = conn.execute(select(PARTICIPANT.c.role).where(PARTICIPANT.c.id == person_id)).first()
    return row[0] if row else ""


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


class ParticipantsRepo(Repo):
    """The people who speak: participants per casus, and corrections of who said what."""

    def all(self, casus: str | int | None = None) -> list[Participant]:
        query = select(PARTICIPANT).order_by(PARTICIPANT.c.casus_id, PARTICIPANT.c.label)
        if casus is not None:
            query = query.where(PARTICIPANT.c.casus_id == self._db.casussen.get(casus).id)
        with self._db.read() as conn:
            return [rows.participant(r) for r in conn.execute(query)]

    def get(self, label: str, casus: str | int | None = None) -> Participant:
        matches = [p for p in self.all(casus) if p.label == label or p.pseudonym == label]
        if not matches:
            raise NotFound(f"no participant '{label}'" + (f" in casus '{casus}'" if casus else ""))
        if len(matches) > 1:
            raise Conflict(f"participant '{label}' is in several casussen; name the casus")
        return matches[0]

    def by_id(self) -> dict[int, Participant]:
        return {p.id: p for p in self.all()}

    def set(
        self,
        label: str,
        casus: str | None = None,
        role: str | None = None,
        attributes: dict[str, str] | None = None,
        pseudonym: str | None = None,
    ) -> Participant:
        person = self.get(label, casus)
        values: dict = {}
        if role is not None:
            values["role"] = role
        if pseudonym is not None:
            values["pseudonym"] = pseudonym
        if values or attributes:
            with self._db.write() as conn:
                if attributes:  # merged inside the transaction: no lost update
                    stored = (
                        conn.execute(
                            select(PARTICIPANT.c.attributes).where(PARTICIPANT.c.id == person.id)
                        ).scalar()
                        or {}
                    )
                    merged = {**stored, **attributes}
                    values["attributes"] = {k: v for k, v in merged.items() if v != ""}
                conn.execute(
                    PARTICIPANT.update().where(PARTICIPANT.c.id == person.id).values(**values)
                )
        return self.get(label, casus)

    def relabel_turn(
        self, transcript: str | int, index: int, speaker: str, actor: str = ""
    ) -> dict:
        """Give turn ``index`` of ``transcript`` another speaker (a participant of the casus,
        found or created by the usual identity rule)."""
        speaker = " ".join(speaker.split())
        if not speaker:
            raise InputError("--speaker", "give the speaker label")
        t = self._db.transcripts.get(transcript)
        with self._db.write() as conn:
            key = f"{t.casus_id}:{t.id}"
            before = snapshot(conn, key)
            turn = _turn(conn, t, index)
            # A new name for the same speaker keeps their role (Deelnemer 2 · cliënt → Truus).
            role = _role_of(conn, turn["participant_id"])
            pid = _participant_for(conn, t.casus_id, speaker, t.name, role)
            conn.execute(
                TURN.update()
                .where(TURN.c.id == turn["id"])
                .values(speaker=speaker, participant_id=pid)
            )
            _drop_silent(conn, [turn["participant_id"]])
            after = snapshot(conn, key)
            changelog.log(conn, actor, "turn.relabel", ENTITY, key, before, after)
        return {"transcript": t.name, "index": index, "from": turn["speaker"], "to": speaker}

    def split_turn(
        self,
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
        t = self._db.transcripts.get(transcript)
        with self._db.write() as conn:
            key = f"{t.casus_id}:{t.id}"
            before = snapshot(conn, key)
            turn = _turn(conn, t, index)
            if not turn["start"] < at < turn["end"]:
                raise InputError(
                    str(at), f"is not inside turn {index} ({turn['start']}–{turn['end']})"
                )
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
            changelog.log(conn, actor, "turn.split", ENTITY, key, before, after)
        return {"transcript": t.name, "index": index, "at": at, "speaker": new_speaker}

    def merge(self, keep: str, other: str, casus: str | None = None, actor: str = "") -> dict:
        """Make ``other`` the same person as ``keep``: its turns become ``keep``'s; its
        attributes fill in what ``keep`` lacks."""
        a, b = self._db.participants.get(keep, casus), self._db.participants.get(other, casus)
        if a.id == b.id:
            raise InputError(other, "is the same participant")
        if a.casus_id != b.casus_id:
            raise Conflict(f"'{keep}' and '{other}' are in different casussen")
        with self._db.write() as conn:
            ids = _transcripts_of(conn, [b.id])
            key = f"{a.casus_id}:{','.join(map(str, ids))}"
            before = snapshot(conn, key)
            conn.execute(
                TURN.update().where(TURN.c.participant_id == b.id).values(participant_id=a.id)
            )
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
            changelog.log(conn, actor, "participant.merge", ENTITY, key, before, after)
        return {"kept": a.label, "merged": b.label, "transcripts": len(ids)}

    def split(self, label: str, casus: str | None = None, actor: str = "") -> dict:
        """Make a participant one person per transcript (``transcript/label``), each with the
        role and attributes it had."""
        person = self._db.participants.get(label, casus)
        with self._db.write() as conn:
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
            changelog.log(conn, actor, "participant.split", ENTITY, key, before, after)
        return {"split": person.label, "into": made}
