"""The transcript screen's core: read, select and code one transcript.

:class:`CodingScreen` is composed of widgets that post messages (the text view owns
the selection and the navigation keys; the panes and status lines draw what they are
given). Every change goes through the screen's
:class:`~cmo.tui.state.session.TranscriptSession`, which commits it and says what
changed; :meth:`CodingScreen.show` is the one way the
screen repaints, for the researcher's own changes and for everyone else's (polled every
few seconds and when the screen comes back into view). The screen the workbench opens,
:class:`~cmo.tui.screens.transcript.TranscriptScreen`, adds the keys for review, team
work and speaker corrections to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header

from ...core.domain import Coding
from ...core.errors import CmoError
from .. import collector
from ..dialogs.memo import open_memo_editor
from ..first_frame import DrawnAfterTheBatch
from ..messages import CodingCommitted, JumpTo
from ..state import selection as sel_ops
from ..state.codebook_data import CodebookData
from ..state.coder_views import ALL
from ..state.session import Change, TranscriptSession
from ..widgets.codebook_pane import CodebookPane
from ..widgets.fitting_footer import FittingFooter
from ..widgets.status_lines import DigitKeysLine, SelectionInfo
from ..widgets.suggestion_pane import SuggestionPane
from ..widgets.transcript_view import TranscriptView
from . import transcript_dialogs as ask

if TYPE_CHECKING:
    from ...store import Store
    from ..widgets.suggestion_pane import Suggester

WIDE = 150
"""From this terminal width on, the codebook pane is shown when the screen opens."""
POLL_SECONDS = 3.0
ALT_DIGIT_KEYS = {1: "inverted_exclamation_mark", 2: "trade_mark_sign", 3: "pound_sign"}
"""What Textual reports for alt+1…3 in xterm-like terminals (ESC+digit) and for option+1…3
on a Mac: ¡ ™ £. Bound too, or alt+1…3 would do nothing there."""


class CodingScreen(DrawnAfterTheBatch, Screen):
    CSS_PATH = "transcript.tcss"
    BINDINGS = [
        Binding("c,enter", "pick", "Code"),
        *[
            Binding(str(n), f"apply_recent({n})", f"Apply the code on key {n}", show=False)
            for n in range(1, 10)
        ],
        Binding("P", "pin", "Pin a code to a digit", show=False),
        Binding("x,delete", "remove", "Remove"),
        Binding("r", "recode", "Change code", show=False),
        Binding("m", "memo", "Memo"),
        Binding("M", "transcript_memo", "Transcript memo", show=False),
        Binding("b", "toggle_codebook", "Codebook"),
        Binding("s", "toggle_suggestions", "Suggestions", show=False),
        *[
            Binding(f"alt+{n},{key}", f"apply_suggestion({n})", f"Apply suggestion {n}", show=False)
            for n, key in ALT_DIGIT_KEYS.items()
        ],
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo", show=False),
        Binding("escape", "back", "Back"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(
        self,
        store: Store,
        transcript_id: int,
        coder: str,
        suggester: Suggester | None = None,
        span: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()
        self.session = TranscriptSession(store, transcript_id, coder)
        self.suggester = suggester
        self.initial_span = span
        self.pane_stale = False
        self.placing: Coding | None = None
        """The review coding waiting for its new place (after the first ``p``)."""

    # What the tests and the benchmark look at.
    doc = property(lambda self: self.session.doc)
    keys = property(lambda self: self.session.keys)
    recent = property(lambda self: self.session.keys.uses)
    coder_view = property(lambda self: self.session.coder_view)
    reloads = property(lambda self: self.session.reloads)

    @property
    def view(self) -> TranscriptView:
        return self.query_one("#text", TranscriptView)

    @property
    def span(self) -> tuple[int, int]:
        """The selection without the white space at its ends."""
        return sel_ops.trimmed(self.doc, self.view.selection)

    # ---- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        doc = self.doc
        # Shown from the start when wide: a pane shown after mounting fills its tree
        # after the first paint, which then has to be drawn again.
        hidden = "" if self.app.size.width >= WIDE else "hidden"
        yield Header()
        with Horizontal(id="body"):
            yield TranscriptView(doc, self.session.coder, id="text")
            with Vertical(id="side", classes=hidden):
                yield CodebookPane(CodebookData(self.session.store), id="codebook", classes=hidden)
                yield SuggestionPane(
                    self.suggester,
                    {c: doc.colour(c) for c in doc.codes},
                    {c.id: c.name for c in doc.codes.values()},
                    id="suggestions",
                    classes="hidden",
                )
        yield SelectionInfo("", id="info")
        yield DigitKeysLine("", id="recent")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.show_title()
        self.view.focus()
        if self.initial_span:
            self.view.select_span(*self.initial_span)
        self.wide = self.app.size.width >= WIDE
        if self.wide:
            self.set_pane("codebook", True)
        self.show(Change(keys=True))
        self.set_interval(POLL_SECONDS, self.poll_changes)
        self.call_after_refresh(collector.freeze_long_lived)

    def on_unmount(self) -> None:
        collector.collect_soon(self.app)

    def show_title(self) -> None:
        """The transcript, its kind and its length in the header; below 100 columns the
        project's name gives way (the header would cut the word count)."""
        t = self.doc.transcript
        words = f"{t.word_count:,}".replace(",", ".")
        self.title = t.name if self.app.size.width < 100 else None
        about = f"{t.kind} · {words} words"
        if self.session.coder_view != ALL:
            about = self.session.view_label
        self.sub_title = about if self.title else f"{t.name} · {about}"

    def on_resize(self) -> None:
        self.show_title()
        self.resize_panes()

    def resize_panes(self) -> None:
        """Crossing the wide breakpoint does what opening at that width does: the pane
        shows from WIDE columns and gives its room back to the text below."""
        wide = self.app.size.width >= WIDE
        if wide != getattr(self, "wide", wide):
            self.wide = wide
            self.set_pane("codebook", wide)
            if not wide and not self.view.has_focus:
                self.view.focus()

    def set_pane(self, pane: str, shown: bool) -> None:
        self.query_one(f"#{pane}").set_class(not shown, "hidden")
        any_shown = any(not w.has_class("hidden") for w in self.query("#side > *"))
        self.query_one("#side").set_class(not any_shown, "hidden")
        if pane == "codebook" and shown and self.pane_stale:
            self.query_one(CodebookPane).refresh_counts(0.01)
            self.pane_stale = False

    def pane_shown(self, pane: str) -> bool:
        return not self.query_one(f"#{pane}").has_class("hidden")

    # ---- the one refresh route ---------------------------------------------------------

    def act(self, action, *args) -> Change | None:
        """Run a session action and show what it changed; a refusal is told, not raised."""
        try:
            change = action(*args)
        except CmoError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return None
        self.show(change)
        return change

    def show(self, change: Change) -> None:
        """Repaint what ``change`` altered, and nothing else."""
        if change.message:
            self.notify(change.message, timeout=10 if change.reopen else 5)
        if change.reopen:
            # After the dialog that asked has gone: reopening while it was still being
            # dismissed raced with its pop (a pane mounting on a screen being removed).
            self.app.call_later(self.app.open_transcript, self.doc.transcript.id)
            return
        if change.closed:
            self.app.pop_screen()
            return
        view = self.view
        if change.turns:
            view.show_doc(self.doc)
        if change.codes:
            view.notify_style_update()
            pane = self.query_one(SuggestionPane)
            pane.colours = {c: self.doc.colour(c) for c in self.doc.codes}
            pane.names = {c.id: c.name for c in self.doc.codes.values()}
        if change.select:
            view.select_span(*change.select)
        if change.codings or change.turns or change.codes:
            if change.coding is not None and not (change.turns or change.codes):
                # One coding added or recoded: only the lines it covers look different.
                view.refresh_span(change.coding.start, change.coding.end)
            else:
                view.refresh()
            if self.pane_shown("codebook"):
                self.query_one(CodebookPane).refresh_counts()
            else:
                self.pane_stale = True
        if change.keys or change.codes:
            self.query_one(DigitKeysLine).show(self.keys, self.doc)
        self.show_info()

    def poll_changes(self) -> None:
        """Someone else's changes (another terminal, the CLI, a colleague, an analysis
        screen): shown, so nobody codes against a stale screen."""
        if not self.is_current:  # being replaced by a reopened screen: leave it to that one
            return
        change = self.session.poll()
        if change is not None:
            self.show(change)

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.poll_changes()

    def on_transcript_view_selection_changed(self, _event: TranscriptView.SelectionChanged) -> None:
        self.show_info()
        if self.pane_shown("suggestions"):
            self.suggest()

    def show_info(self) -> None:
        start, end = self.span
        here = self.doc.innermost(start, end)
        self.query_one(SelectionInfo).show(self.doc, start, end, here, self.view.speaker_filter)

    # ---- applying, changing and removing codes -----------------------------------------

    def apply(self, code_id: str) -> None:
        """Commit a coding of the selection, then show it."""
        change = self.act(self.session.code, *self.span, code_id)
        if change is not None and change.coding is not None:
            self.post_message(CodingCommitted(change.coding.id, change.coding.code_id))

    def action_apply_recent(self, number: int) -> None:
        code_id = self.keys.code_on(number)
        if code_id:
            self.apply(code_id)
        else:
            self.notify(f"No code on {number} yet: press c to pick one, or P to pin one.")

    def pick(self, title: str, then) -> None:
        ask.pick_code(
            self.app, self.doc, self.keys, title, then, self.new_code, self.session.new_code_id()
        )

    def new_code(self, values: dict) -> str | None:
        try:
            code, change = self.session.create_code(values)
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return None
        self.show(change)
        return code.id

    def action_pick(self) -> None:
        self.pick("Apply code", self.apply)

    def action_pin(self) -> None:
        """Pin a code to a digit: that key then always applies it."""

        def digit_for(code_id: str) -> None:
            ask.choose_digit(
                self.app, self.keys, code_id, lambda d: self.act(self.session.pin, d, code_id)
            )

        self.pick("Pin a code to a digit key", digit_for)

    def with_coding(self, verb: str, then, missing: str) -> None:
        """``then(coding)`` for the coding under the selection (asks which when several)."""
        found = self.session.targets(*self.span)
        if not found:
            self.notify(missing, severity="warning")
        else:
            ask.choose_coding(self.app, self.doc, found, verb, then)

    def targets(self) -> list[Coding]:
        return self.session.targets(*self.span)

    def action_remove(self) -> None:
        self.with_coding("Remove", lambda c: self.act(self.session.remove, c), "No coding here.")

    def action_recode(self) -> None:
        def recode(coding: Coding) -> None:
            self.pick(
                f"Change {coding.code_id} to…",
                lambda code_id: self.act(self.session.recode, coding, code_id),
            )

        self.with_coding("Change", recode, "No coding here to change.")

    def action_memo(self) -> None:
        from ...core.text import snippet

        def memo_on(coding: Coding) -> None:
            quote = snippet(self.doc.text, coding.start, coding.end, 40)
            self.edit_memo(
                f"memo:coding:{coding.id}",
                f"Memo · {coding.code_id} · «{quote}»",
                coding.memo,
                lambda text: self.act(self.session.memo, coding, text),
            )

        missing = "No coding here: apply a code first (c), or M for a transcript memo."
        self.with_coding("Memo on", memo_on, missing)

    def action_transcript_memo(self) -> None:
        self.edit_memo(
            f"memo:transcript:{self.doc.transcript.id}",
            f"Memo · {self.doc.transcript.name}",
            self.session.transcript_memo(),
            lambda text: self.act(self.session.set_transcript_memo, text),
        )

    def edit_memo(self, key: str, title: str, text: str, save) -> None:
        """Open the memo editor; text closed without saving is kept as a draft."""
        session = self.session
        open_memo_editor(self.app, session.store, session.coder, key, title, text, save)

    # ---- suggestions ---------------------------------------------------------------------

    def suggest(self) -> None:
        start, end = self.span
        self.query_one(SuggestionPane).show_for(self.doc.text[start:end])

    def action_toggle_suggestions(self) -> None:
        shown = not self.pane_shown("suggestions")
        self.set_pane("suggestions", shown)
        if shown:
            self.suggest()

    def action_apply_suggestion(self, number: int) -> None:
        ranked = self.query_one(SuggestionPane).ranked
        if not self.pane_shown("suggestions") or number > len(ranked):
            self.notify("No suggestion there: press s to show suggestions.")
            return
        code_id, score = ranked[number - 1]
        change = self.act(self.session.accept_suggestion, *self.span, code_id, score)
        if change is not None and change.coding is not None:
            self.post_message(CodingCommitted(change.coding.id, change.coding.code_id))

    # ---- undo and redo (persisted in the project's change log) -------------------------

    def action_undo(self) -> None:
        self.act(self.session.step, "undo")

    def action_redo(self) -> None:
        self.act(self.session.step, "redo")

    # ---- panes and leaving -----------------------------------------------------------------

    def action_toggle_codebook(self) -> None:
        # Shown but not in use (it opens by itself from 150 columns): b goes to it first.
        shown = not (self.pane_shown("codebook") and self.query_one(CodebookPane).has_focus_within)
        self.set_pane("codebook", shown)
        if shown:
            self.query_one("#code-tree").focus()
        else:
            self.view.focus()

    def action_back(self) -> None:
        if self.focused is not self.view:
            self.view.focus()
        else:
            self.app.pop_screen()

    def on_jump_to(self, message: JumpTo) -> None:
        if message.transcript_id == self.doc.transcript.id:
            message.stop()
            self.view.select_span(message.start, message.end)
            self.view.focus()
