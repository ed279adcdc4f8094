"""One open transcript: the store, the document, the coder, the number keys and the
change stamp, and every action the transcript screen offers.

The screen never talks to the store itself. Each action commits through the store,
updates the document in place and returns a :class:`Change` saying what to repaint;
an action that cannot be done raises :class:`~cmo.core.errors.CmoError` and leaves the
document as it was. After each of its own changes the session records the project's
change stamp, so :meth:`TranscriptSession.poll` only reports someone else's changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...core.domain import Code, Coding, Participant, Turn
from ...core.errors import InputError
from . import coder_views
from .change import Change
from .coder_views import ALL, DISAGREEMENTS
from .digit_keys import DigitKeys
from .document import TranscriptDoc

if TYPE_CHECKING:
    from ...store import Store

REVIEW = "review"


class TranscriptSession:
    def __init__(self, store: Store, transcript_id: int, coder: str) -> None:
        self.store = store
        self.coder = coder
        self.doc = TranscriptDoc.load(store, transcript_id)
        self.keys = DigitKeys(
            store.settings.pins(coder),
            store.queries.recent_codes(coder=coder),
            store.settings.recent_slots(coder),
        )
        self.keys.keep_only(set(self.doc.codes))
        self.coder_view = ALL
        self.stamp = store.history.stamp()
        self.reloads = 0
        """How often a poll found someone else's change (the benchmark checks that the
        researcher's own changes never count)."""

    @property
    def transcript_id(self) -> int:
        return self.doc.transcript.id

    # ---- the change stamp: whose change was it? -----------------------------------------

    def _own(self) -> None:
        """After a change of ours the stamp moves by exactly one change (a new one, or an
        undo/redo that flips one): then it is ours to record. Anything else means someone
        else wrote too, and the old stamp stays so that the next poll reloads."""
        newest, done = self.store.history.stamp()
        old_newest, old_done = self.stamp
        added = newest == old_newest + 1 and done == old_done + 1
        flipped = newest == old_newest and abs(done - old_done) == 1
        if added or flipped:
            self.stamp = (newest, done)

    def poll(self) -> Change | None:
        """Someone else's changes since the last look, or None."""
        stamp = self.store.history.stamp()
        if stamp == self.stamp:
            return None
        self.stamp = stamp
        self.reloads += 1
        current = self.store.transcripts.get(self.transcript_id)
        if current.sha256 != self.doc.transcript.sha256:
            return Change(
                reopen=True,
                message="This transcript was replaced by a corrected version; reopening it.",
            )
        self.reload_codes()
        self.reload_turns()
        return Change(codings=True, codes=True, turns=True, keys=True)

    def settle_stamp(self) -> None:
        """Take the current stamp as seen (the screen is about to reopen anyway)."""
        self.stamp = self.store.history.stamp()

    # ---- what is shown --------------------------------------------------------------------

    def visible_codings(self) -> list[Coding]:
        """The codings of this transcript that the current coder view shows."""
        return coder_views.visible(self.store, self.transcript_id, self.coder_view)

    def coders(self) -> list[str]:
        """Who coded this transcript, without the consensus."""
        return coder_views.coders(self.store, self.transcript_id)

    def reload_codings(self) -> Change:
        self.show_codings(self.doc)
        return Change(codings=True)

    def show_codings(self, doc: TranscriptDoc) -> None:
        """Give ``doc`` the codings the coder view shows: with every coder's, the document
        reads them from the store as the screen asks (a huge transcript's 100,000 are not
        read all at once); else the view's list."""
        if self.coder_view == ALL:
            doc.reset_codings()
        else:
            doc.set_codings(self.visible_codings())

    def reload_codes(self) -> None:
        self.doc.codes = {c.id: c for c in self.store.codebook.codes()}
        # A code taken away (undo of its creation) must leave the number keys too.
        self.keys.keep_only(set(self.doc.codes))
        self.show_codings(self.doc)

    def reload_turns(self) -> None:
        """Rebuild the document after a speaker correction (the text is the same)."""
        doc = TranscriptDoc.load(self.store, self.transcript_id)
        self.show_codings(doc)
        self.doc = doc

    def cycle_view(self) -> Change:
        """All coders → each coder → disagreements → all coders."""
        views = [ALL, *self.coders(), DISAGREEMENTS]
        position = views.index(self.coder_view) if self.coder_view in views else 0
        self.coder_view = views[(position + 1) % len(views)]
        self.show_codings(self.doc)
        return Change(
            codings=True, message=f"Showing {self.view_label}: {len(self.doc.codings)} codings."
        )

    @property
    def view_label(self) -> str:
        if self.coder_view in (ALL, DISAGREEMENTS):
            return self.coder_view
        return f"only {self.coder_view}"

    def targets(self, start: int, end: int) -> list[Coding]:
        """The codings under ``[start, end)``, the closest fit first; of codings that fit
        equally well, the coder's own (not a colleague's) first."""
        found = self.doc.innermost(start, end)
        fit = {c.id: i for i, c in enumerate(found)}
        return sorted(
            found,
            key=lambda c: (
                not (c.start == found[0].start and c.end == found[0].end),
                c.coder != self.coder,
                fit[c.id],
            ),
        )

    # ---- coding --------------------------------------------------------------------------

    def code(self, start: int, end: int, code_id: str) -> Change:
        """Commit a coding of ``text[start:end]``."""
        if end <= start:
            raise InputError("selection", "select some text first")
        coding = self.store.codings.add(
            self.transcript_id,
            start,
            end,
            code_id,
            coder=self.coder,
            expected_text=self.doc.text[start:end],
        )
        return self._coded(coding)

    def accept_suggestion(
        self, start: int, end: int, code_id: str, score: float, source: str = "pane"
    ) -> Change:
        """Code the span with a suggested code and tell the learner, as one undoable change."""
        if end <= start:
            raise InputError("selection", "select some text first")
        coding = self.store.feedback.accept(
            self.transcript_id,
            start,
            end,
            code_id,
            coder=self.coder,
            source=source,
            score=score,
            expected_text=self.doc.text[start:end],
        )
        return self._coded(coding)

    def _coded(self, coding: Coding) -> Change:
        self.doc.add(coding)
        self._own()
        keys = self.remember(coding.code_id)
        message = ""
        if self.coder_view not in (ALL, self.coder):
            message = (
                f"Coded {coding.code_id}; the view '{self.view_label}' does not show it "
                "(v: all coders)."
            )
        return Change(codings=True, keys=keys, coding=coding, message=message)

    def remember(self, code_id: str) -> bool:
        """Put a code just used on the number keys; True when the keys changed."""
        before, order = dict(self.keys.recent_slots), list(self.keys.uses)
        self.keys.used(code_id)
        if self.keys.recent_slots != before:  # a code got a digit: keep it for next time
            self.store.settings.set_recent_slots(self.coder, self.keys.recent_slots)
        return self.keys.recent_slots != before or self.keys.uses != order

    def recode(self, coding: Coding, code_id: str) -> Change:
        updated = self.store.codings.update(coding.id, actor=self.coder, code_id=code_id)
        self.doc.add(updated)
        self._own()
        return Change(codings=True, keys=self.remember(updated.code_id), coding=updated)

    def remove(self, coding: Coding) -> Change:
        self.store.codings.remove(coding.id, actor=self.coder)
        self.doc.discard(coding.id)
        self._own()
        return Change(codings=True, message=f"Removed {coding.code_id} (ctrl+z to undo).")

    def memo(self, coding: Coding, text: str) -> Change:
        if text == coding.memo:
            return Change()
        updated = self.store.codings.update(coding.id, actor=self.coder, memo=text)
        self.doc.add(updated)
        self._own()
        return Change(codings=True, message=f"Memo saved on {coding.code_id}.")

    def transcript_memo(self) -> str:
        memo = self.store.memos.get("transcript", self.transcript_id)
        return memo.text if memo else ""

    def set_transcript_memo(self, text: str) -> Change:
        if text == self.transcript_memo():
            return Change()
        self.store.memos.set("transcript", self.transcript_id, text, author=self.coder)
        self._own()
        return Change(message="Transcript memo saved.")

    def new_code_id(self) -> str:
        """The first free emergent id: E1, E2, …"""
        taken = {c.casefold() for c in self.doc.codes}
        number = 1
        while f"e{number}" in taken:
            number += 1
        return f"E{number}"

    def create_code(self, values: dict) -> tuple[Code, Change]:
        code = self.store.codebook.add(
            Code(
                id=values["id"],
                family=values["family"],
                name=values["name"],
                definition=values["definition"],
                keywords=values.get("keywords", ()),
                emergent=True,
            ),
            actor=self.coder,
        )
        self._own()
        self.reload_codes()
        message = f"Emergent code {code.id} '{code.name}' created."
        return code, Change(codes=True, keys=True, message=message)

    def pin(self, digit: int | None, code_id: str) -> Change:
        """Pin ``code_id`` to ``digit`` (None: unpin it)."""
        if digit is None:
            digit = self.keys.digit_of(code_id)
            if digit is None:
                return Change()
            self.keys.pin(digit, None)
            self.store.settings.set_pin(self.coder, digit, None)
            return Change(keys=True, message=f"{code_id} is no longer pinned.")
        before = self.keys.code_on(digit)
        self.keys.pin(digit, code_id)
        self.store.settings.set_pin(self.coder, digit, code_id)
        message = f"Key {digit} now always applies {code_id}"
        if before and before != code_id:
            message += f", replacing {before}"
        return Change(keys=True, message=message + ".")

    # ---- review codings (after a replace) ------------------------------------------------

    def review_here(self, start: int, end: int) -> Coding | None:
        here = [c for c in self.doc.codings_over(start, end) if c.status == REVIEW]
        return min(here, key=lambda c: c.end - c.start, default=None)

    def settle_review(
        self, coding: Coding, how: str, span: tuple[int, int] | None = None
    ) -> Change:
        """``how``: 'accept' (its place is right), 'place' (move it to ``span``), 'drop'."""
        if how == "accept":
            settled = self.store.review.accept_place(coding.id, actor=self.coder)
        elif how == "place":
            if span is None or span[1] <= span[0]:
                raise InputError("selection", "select some text first")
            settled = self.store.review.move_to(coding.id, *span, actor=self.coder)
        else:
            self.store.review.drop(coding.id, actor=self.coder)
            settled = None
        self._own()
        done = {"accept": "kept in place", "place": "placed", "drop": "dropped"}[how]
        message = f"{coding.code_id} {done} (ctrl+z to undo)."
        if settled is None:
            self.doc.discard(coding.id)
            return Change(codings=True, message=message)
        self.doc.add(settled)
        return Change(codings=True, select=(settled.start, settled.end), message=message)

    # ---- speakers -------------------------------------------------------------------------

    def participant_of(self, turn: Turn) -> Participant | None:
        people = self.store.participants.all(self.doc.transcript.casus_id)
        return next((p for p in people if p.id == turn.participant_id), None)

    def participants(self) -> list[Participant]:
        return self.store.participants.all(self.doc.transcript.casus_id)

    def relabel_turn(self, turn: Turn, speaker: str) -> Change:
        """Give ``turn`` another speaker (found or created among the casus' participants)."""
        done = self.store.participants.relabel_turn(
            self.transcript_id, turn.index, speaker, actor=self.coder
        )
        return self._speakers(f"Turn {turn.index}: {done['from']} → {done['to']}.")

    def split_turn(self, turn: Turn, at: int, speaker: str = "") -> Change:
        """Split ``turn`` at offset ``at``; the second part gets ``speaker`` (default: the
        same speaker)."""
        done = self.store.participants.split_turn(
            self.transcript_id, turn.index, at, speaker or None, actor=self.coder
        )
        return self._speakers(f"Turn {turn.index} split; {done['speaker']} speaks from there.")

    def merge_participant(self, other: Participant, into: Participant) -> Change:
        """``other`` is the same person as ``into``: its turns become ``into``'s."""
        done = self.store.participants.merge(
            into.label, other.label, casus=self._casus(), actor=self.coder
        )
        return self._speakers(f"{done['merged']} merged into {done['kept']}.")

    def split_participant(self, person: Participant) -> Change:
        """One person per transcript for a label that names different people."""
        done = self.store.participants.split(person.label, casus=self._casus(), actor=self.coder)
        return self._speakers(f"{done['split']} split into {', '.join(done['into'])}.")

    def _casus(self) -> str:
        return next(
            c.name for c in self.store.casussen.all() if c.id == self.doc.transcript.casus_id
        )

    def _speakers(self, message: str) -> Change:
        self._own()
        self.reload_turns()
        return Change(codings=True, turns=True, message=message + " (ctrl+z to undo)")

    # ---- undo and redo (the project's change log) -----------------------------------------

    def step(self, direction: str) -> Change:
        """Undo or redo the coder's last change, wherever in the project it was."""
        change = getattr(self.store.history, direction)(actor=self.coder)
        if change is None:
            return Change(message=f"Nothing to {direction}.")
        self._own()
        verb = "Undone" if direction == "undo" else "Redone"
        entity = change["entity"]
        if entity == "transcript":
            alive = any(t.id == self.transcript_id for t in self.store.transcripts.all())
            self.settle_stamp()
            message = f"{verb} {change['action']} of transcript {change['entity_id']}."
            return Change(reopen=alive, closed=not alive, message=message)
        state = change["after"] or change["before"] or {}
        if entity == "suggestion":
            state = state.get("coding") or {}
        if entity == "code":
            self.reload_codes()
        if entity == "speakers":
            self.reload_turns()
        else:
            self.show_codings(self.doc)
        where = state.get("transcript_id") if "start" in state else None
        select = None
        if where == self.transcript_id:
            select = (state["start"], state["end"])
        # Undo is project-wide: say so when the step changed another transcript.
        elsewhere = (
            ""
            if where in (None, self.transcript_id)
            else (f" in {self.store.transcripts.get(where).name}")
        )
        message = f"{verb}: {change['action']} {state.get('code_id', '')}".rstrip() + elsewhere
        return Change(
            codings=True,
            codes=entity == "code",
            keys=entity == "code",
            turns=entity == "speakers",
            select=select,
            message=message,
        )

    # ---- a corrected version of the text ---------------------------------------------------

    def replace_from(self, path: str, force: bool = False) -> Change:
        """Replace the text from ``path``; raises ``TooDifferent`` when it shares too
        little with this transcript (ask, then call again with ``force``)."""
        from ...ingest.replace import replace_from_file

        report = replace_from_file(
            self.store,
            self.transcript_id,
            Path(path).expanduser(),
            actor=self.coder,
            force=force,
        )
        # The poll must not notice the same change and reopen a second time.
        self.settle_stamp()
        return Change(reopen=True, message=report.summary() + " (ctrl+z undoes the replace)")
