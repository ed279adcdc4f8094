"""Keeping the transcript screen in step with the team: coder views and live updates.

A mixin of :class:`~cmo.tui.screens.transcript.TranscriptScreen` (which provides
``store``, ``coder``, ``doc``, ``view`` and ``changed``). ``LIVE_BINDINGS`` go into the
screen's ``BINDINGS``.

- ``v`` cycles what the text shows: every coder's codings, one coder's, or only the
  codings on fragments where the coders disagree.
- ``ctrl+r`` takes a corrected version of the transcript from a file (typos fixed,
  names pseudonymised, a paragraph added): every coding moves with its text, and those
  whose text is gone stay, flagged for review (the same as ``cmo import FILE --replace``).
- Every few seconds the screen asks the store for its change stamp; when someone else
  (another terminal, the CLI, a colleague on the server) changed the project, the
  codings are reloaded, so nobody codes against a stale screen. After each change of its
  own the screen records the new stamp, so its own coding never causes a reload (unless
  someone else changed something in between, which the next poll then shows).
"""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from ...core.domain import Coding

LIVE_BINDINGS = [
    Binding("v", "cycle_coder_view", "Coder view", show=False),
    Binding("ctrl+r", "replace_transcript", "Replace with a corrected version", show=False),
]
POLL_SECONDS = 3.0
ALL, DISAGREEMENTS = "all coders", "disagreements"


class TranscriptLive:
    coder_view: str = ALL
    reloads: int = 0
    """How often a poll found someone else's change and reloaded (the benchmark checks
    that the researcher's own coding never counts)."""

    def start_live_updates(self) -> None:

        self.stamp = self.store.history.stamp()
        self.set_interval(POLL_SECONDS, self.poll_changes)

    def record_own_stamp(self) -> None:
        """Called after each change this screen made. The stamp moves by exactly one
        change when the change was ours alone (a new change, or an undo/redo that flips
        one): then it is ours to record. Anything else means someone else wrote too, and
        the old stamp stays so the next poll reloads."""

        newest, done = self.store.history.stamp()
        old_newest, old_done = getattr(self, "stamp", (newest, done))
        added = newest == old_newest + 1 and done == old_done + 1
        flipped = newest == old_newest and abs(done - old_done) == 1
        if added or flipped:
            self.stamp = (newest, done)

    def poll_changes(self) -> None:

        if not self.is_current:  # being replaced by a reopened screen: leave it to that one
            return
        stamp = self.store.history.stamp()
        if stamp == self.stamp:
            return
        self.stamp = stamp
        self.reloads += 1
        current = self.store.transcripts.get(self.doc.transcript.id)
        if current.sha256 != self.doc.transcript.sha256:
            self.notify("This transcript was replaced by a corrected version; reopening it.")
            self.app.call_later(self.app.open_transcript, current.id)
            return
        self.reload_codings()

    def visible_codings(self) -> list[Coding]:
        """The codings of this transcript that the current coder view shows."""
        codings = self.store.codings.all(self.doc.transcript.id)
        if self.coder_view == ALL:
            return codings
        if self.coder_view != DISAGREEMENTS:
            return [c for c in codings if c.coder == self.coder_view]
        from ...analysis.agreement import disagreements
        from .disagreements import coders_of

        coders = coders_of(self.store, self.doc.transcript.id)
        if len(coders) < 2:
            return []
        fragments = disagreements(self.store, self.doc.transcript.id, coders, unit="turn")
        return [
            c
            for c in codings
            if any(
                c.start < f.end and c.end > f.start and c.code_id in f.disputed for f in fragments
            )
        ]

    def tell_if_hidden(self, code_id: str) -> None:
        """A coding just made vanishes from a view of another coder's codings: say so."""
        if self.coder_view not in (ALL, self.coder):
            view = self.coder_view
            label = view if view == DISAGREEMENTS else f"only {view}"
            self.notify(f"Coded {code_id}; the view '{label}' does not show it (v: all coders).")

    def reload_codings(self) -> None:
        self.doc.set_codings(self.visible_codings())
        self.view.refresh()
        self.changed()

    def action_cycle_coder_view(self) -> None:
        from .disagreements import coders_of

        views = [ALL, *coders_of(self.store, self.doc.transcript.id), DISAGREEMENTS]
        position = views.index(self.coder_view) if self.coder_view in views else 0
        self.coder_view = views[(position + 1) % len(views)]
        self.reload_codings()
        shown = len(self.doc.codings)
        label = (
            self.coder_view
            if self.coder_view in (ALL, DISAGREEMENTS)
            else (f"only {self.coder_view}")
        )
        self.notify(f"Showing {label}: {shown} codings.")
        self.sub_title = f"{self.doc.transcript.name} · {label}"

    def action_replace_transcript(self) -> None:
        from ..dialogs.replace_file import ReplaceFileDialog

        def replace(path: str | None) -> None:
            if path:
                self.replace_from(path.strip())

        self.app.push_screen(ReplaceFileDialog(), replace)

    def replace_from(self, path: str, force: bool = False) -> None:
        """Replace from ``path``; when it shares too little with this transcript, ask."""
        from pathlib import Path

        from ...core.errors import CmoError
        from ...ingest.replace import replace_from_file
        from ...store.repos.bulk import TooDifferent

        try:
            report = replace_from_file(
                self.store,
                self.doc.transcript.id,
                Path(path).expanduser(),
                actor=self.coder,
                force=force,
            )
        except TooDifferent as exc:
            self.ask_replace_anyway(path, exc)
            return
        except CmoError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.reopen(self.doc.transcript.id)
        self.app.notify(report.summary() + " (ctrl+z undoes the replace)", timeout=10)

    def ask_replace_anyway(self, path: str, refused) -> None:
        from ..dialogs.choice import ChoiceDialog

        name = Path(path).name
        title = f"Only {refused.share:.0%} of '{refused.transcript}' is found in {name}"
        options = [
            ("cancel", "Cancel: keep the transcript as it is"),
            ("force", "Replace anyway: codings that are not found go to review"),
        ]

        def answered(choice: str | None) -> None:
            if choice == "force":
                self.replace_from(path, force=True)

        self.app.push_screen(ChoiceDialog(title, options), answered)

    def after_transcript_step(self, change: dict, verb: str) -> None:
        """Undo or redo of a replace, rename or removal: the text itself changed."""
        ids = {t.id for t in self.store.transcripts.all()}
        this = self.doc.transcript.id
        self.notify(f"{verb} {change['action']} of transcript {change['entity_id']}.")
        if this in ids:
            self.reopen(this)
        else:
            self.app.pop_screen()

    def reopen(self, transcript_id: int) -> None:
        """Open the transcript afresh (its text changed). The poll must not notice the
        same change and open it a second time while the new screen mounts."""

        self.stamp = self.store.history.stamp()
        # After the dialog that asked for the file has gone: reopening while it was still
        # being dismissed raced with its pop (a pane mounting on a screen being removed).
        self.app.call_later(self.app.open_transcript, transcript_id)
