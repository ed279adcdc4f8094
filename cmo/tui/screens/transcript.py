"""The transcript screen: read, select and code one transcript.

Every change goes through the Store and is committed before the screen shows it;
the screen then updates its in-memory :class:`TranscriptDoc` and repaints.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ...core.domain import Code
from ...core.errors import CmoError
from ...core.text import snippet
from ...store.repos import queries as queries
from .. import contrast
from .. import selection as sel_ops
from ..dialogs.choice import ChoiceDialog
from ..dialogs.code_picker import NEW_CODE, CodePicker
from ..dialogs.memo import open_memo_editor
from ..dialogs.new_code import NewCodeDialog
from ..digit_keys import DIGITS, DigitKeys
from ..document import TranscriptDoc
from ..messages import CodingCommitted, JumpTo
from ..widgets.codebook_pane import CodebookPane
from ..widgets.suggestion_pane import SuggestionPane
from ..widgets.transcript_view import TranscriptView
from .transcript_analysis import ANALYSIS_BINDINGS, TranscriptAnalysis
from .transcript_live import LIVE_BINDINGS, TranscriptLive
from .transcript_navigation import TranscriptNavigation
from .transcript_review import REVIEW_BINDINGS, TranscriptReview
from .transcript_suggestions import TranscriptSuggestions

WIDE = 150
"""From this terminal width on, the codebook pane is shown when the screen opens."""
ALT_DIGIT_KEYS = {1: "inverted_exclamation_mark", 2: "trade_mark_sign", 3: "pound_sign"}
"""What Textual reports for alt+1…3 in xterm-like terminals (ESC+digit) and for option+1…3
on a Mac: ¡ ™ £. Bound too, or alt+1…3 would do nothing there."""


class TranscriptScreen(
    TranscriptReview,
    TranscriptLive,
    TranscriptSuggestions,
    TranscriptAnalysis,
    TranscriptNavigation,
    Screen,
):
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
        Binding("n", "next_coding(1)", "Next coding", show=False),
        Binding("N", "next_coding(-1)", "Previous coding", show=False),
        Binding("u", "next_uncoded", "Next uncoded turn", show=False),
        Binding("slash", "search", "Find", show=False),
        Binding("f3", "search_again", "Find next", show=False),
        Binding("g", "goto_turn", "Go to turn", show=False),
        Binding("f", "filter_speaker", "Speaker filter", show=False),
        Binding("b", "toggle_codebook", "Codebook"),
        Binding("s", "toggle_suggestions", "Suggestions", show=False),
        *[
            Binding(f"alt+{n},{key}", f"apply_suggestion({n})", f"Apply suggestion {n}", show=False)
            for n, key in ALT_DIGIT_KEYS.items()
        ],
        *ANALYSIS_BINDINGS,
        *LIVE_BINDINGS,
        *REVIEW_BINDINGS,
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo", show=False),
        Binding("escape", "back", "Back"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(
        self,
        store,
        transcript_id: int,
        coder: str,
        suggester=None,
        span: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.suggester = suggester
        self.doc = TranscriptDoc.load(store, transcript_id)
        self.initial_span = span
        self.keys = DigitKeys(
            store.settings.pins(coder),
            store.queries.recent_codes(coder=coder),
            store.settings.recent_slots(coder),
        )
        self.keys.keep_only(set(self.doc.codes))
        self.hits: list[tuple[int, int]] = []
        self.pane_stale = False

    # ---- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield TranscriptView(self.doc, self.coder, id="text")
            with Vertical(id="side", classes="hidden"):
                yield CodebookPane(self.store, id="codebook", classes="hidden")
                yield SuggestionPane(
                    self.suggester,
                    {c: self.doc.colour(c) for c in self.doc.codes},
                    {c.id: c.name for c in self.doc.codes.values()},
                    id="suggestions",
                    classes="hidden",
                )
        yield Static("", id="info")
        yield Static("", id="recent")
        yield Footer()

    def on_mount(self) -> None:
        t = self.doc.transcript
        self.sub_title = f"{t.name} · {t.kind} · {t.word_count} words"
        view = self.view
        view.focus()
        if self.initial_span:
            view.select_span(*self.initial_span)
        if self.app.size.width >= WIDE:
            self.set_pane("codebook", True)
        self.show_recent()
        self.show_info()
        self.start_live_updates()

    @property
    def view(self) -> TranscriptView:
        return self.query_one("#text", TranscriptView)

    def set_pane(self, pane: str, shown: bool) -> None:
        self.query_one(f"#{pane}").set_class(not shown, "hidden")
        any_shown = any(not w.has_class("hidden") for w in self.query("#side > *"))
        self.query_one("#side").set_class(not any_shown, "hidden")
        if pane == "codebook" and shown and self.pane_stale:
            self.query_one(CodebookPane).refresh_counts(0.01)
            self.pane_stale = False

    def pane_shown(self, pane: str) -> bool:
        return not self.query_one(f"#{pane}").has_class("hidden")

    # ---- status lines ------------------------------------------------------------------

    def on_transcript_view_selection_changed(self, _event: TranscriptView.SelectionChanged) -> None:
        self.show_info()
        if self.pane_shown("suggestions"):
            self.suggest()

    def show_info(self) -> None:
        view, doc = self.view, self.doc
        sel = view.selection
        turn = doc.turns[doc.turn_at(sel.start)]
        here = doc.innermost(*sel_ops.trimmed(doc, sel))
        info = Text()
        info.append(f"turn {turn.index} " if turn.index >= 0 else "preamble ", style="bold")
        speaker = doc.speaker_colours.get(turn.speaker or "")
        info.append(f"{turn.speaker or '—'}  ", style=self.ink(speaker, "#info") if speaker else "")
        info.append(f"«{snippet(doc.text, sel.start, sel.end, 36)}»  ", style="italic")
        if here:
            info.append("codes here: ")
            for coding in here[:5]:
                review = coding.status == "review"
                info.append(
                    coding.code_id + ("!" if review else "") + ("✎" if coding.memo else "") + " ",
                    style=f"bold {self.ink(doc.colour(coding.code_id), '#info')}",
                )
                if review:
                    info.append("to review (a keep · p re-place · x drop) ", style="bold")
        if view.speaker_filter is not None:
            info.append(f" · filter: {', '.join(sorted(view.speaker_filter))}", style="dim")
        # Fixed height: no layout pass needed, which keeps applying a code fast.
        self.query_one("#info", Static).update(info, layout=False)

    @property
    def recent(self) -> list[str]:
        """Code ids, the most recently applied first."""
        return self.keys.uses

    def ink(self, colour: str, where: str) -> str:
        """``colour`` made readable (WCAG AA) on the background of the widget ``where``."""
        background = self.query_one(where).styles.background
        if not background.a:
            background = self.styles.background
        return contrast.readable(colour, background.hex6)

    def show_recent(self) -> None:
        line = Text("keys ", style="dim")
        for digit, code_id, pinned in self.keys.items():
            line.append(f"{digit}", style="bold reverse")
            line.append("*" if pinned else " ", style="bold")
            line.append(
                f"{code_id}  ", style=f"bold {self.ink(self.doc.colour(code_id), '#recent')}"
            )
        if not self.keys.items():
            line.append("— codes you apply appear here on keys 1–9 (P pins one)", style="dim")
        self.query_one("#recent", Static).update(line, layout=False)

    # ---- applying, changing and removing codes -----------------------------------------

    def apply(self, code_id: str) -> None:
        """Commit a coding of the selection, then show it."""
        start, end = sel_ops.trimmed(self.doc, self.view.selection)
        if end <= start:
            self.notify("Select some text first.", severity="warning")
            return
        try:
            coding = self.store.codings.add(
                self.doc.transcript.id,
                start,
                end,
                code_id,
                coder=self.coder,
                expected_text=self.doc.transcript.text[start:end],
            )
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return
        self.doc.add(coding)
        self.view.refresh()
        self.remember(coding.code_id)
        self.changed()
        self.post_message(CodingCommitted(coding.id, coding.code_id))
        self.tell_if_hidden(coding.code_id)

    def remember(self, code_id: str) -> None:
        before = dict(self.keys.recent_slots)
        self.keys.used(code_id)
        if self.keys.recent_slots != before:  # a code got a digit: keep that for next time
            self.store.settings.set_recent_slots(self.coder, self.keys.recent_slots)
        self.show_recent()

    def changed(self) -> None:
        self.show_info()
        if self.pane_shown("codebook"):
            self.query_one(CodebookPane).refresh_counts()
        else:
            self.pane_stale = True
        self.record_own_stamp()

    def targets(self) -> list:
        """The codings under the selection, the closest fit first; of codings that fit
        equally well, the coder's own (not a colleague's) first."""
        found = self.doc.innermost(*sel_ops.trimmed(self.doc, self.view.selection))
        fit = {c.id: i for i, c in enumerate(found)}
        return sorted(
            found,
            key=lambda c: (
                not (c.start == found[0].start and c.end == found[0].end),
                c.coder != self.coder,
                fit[c.id],
            ),
        )

    def target(self):
        """The coding a single-coding action takes when there is no choice to make."""
        found = self.targets()
        return found[0] if found else None

    def with_coding(self, verb: str, then, missing: str) -> None:
        """Call ``then(coding)`` for the coding under the selection; when several sit there,
        ask which (the closest fit is highlighted, so enter takes it)."""
        found = self.targets()
        if not found:
            self.notify(missing, severity="warning")
            return
        if len(found) == 1:
            then(found[0])
            return
        by_id = {str(c.id): c for c in found}
        options = [
            (
                str(c.id),
                Text.assemble(
                    (f"{c.code_id:<6}", f"bold {self.doc.colour(c.code_id)}"),
                    (f" {c.coder:<8} ", "dim"),
                    f"«{snippet(self.doc.text, c.start, c.end, 44)}»",
                ),
            )
            for c in found
        ]

        def chosen(key: str | None) -> None:
            if key in by_id:
                then(by_id[key])

        self.app.push_screen(ChoiceDialog(f"{verb} which coding?", options), chosen)

    def action_pick(self) -> None:
        self.open_picker("Apply code", self.apply)

    def open_picker(self, title: str, then) -> None:
        codes = list(self.doc.codes.values())
        keys = {code_id: digit for digit, code_id, _ in self.keys.items()}
        picker = CodePicker(codes, self.recent, title=title, keys=keys)

        def chosen(result: str | None) -> None:
            if result is None:
                return
            if result.startswith(NEW_CODE):
                self.new_code(result[len(NEW_CODE) :], then)
            else:
                then(result)

        self.app.push_screen(picker, chosen)

    def new_code(self, name: str, then) -> None:
        taken = {c.casefold() for c in self.doc.codes}
        number = 1
        while f"e{number}" in taken:
            number += 1

        def created(values: dict | None) -> None:
            if not values:
                return
            try:
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
            except CmoError as exc:
                self.notify(str(exc), severity="error")
                return
            self.reload_codes()
            self.record_own_stamp()
            self.notify(f"Emergent code {code.id} '{code.name}' created.")
            then(code.id)

        self.app.push_screen(NewCodeDialog(name, f"E{number}"), created)

    def reload_codes(self) -> None:
        self.doc.codes = {c.id: c for c in self.store.codebook.codes()}
        # A code taken away (undo of its creation) must leave the number keys too.
        self.keys.keep_only(set(self.doc.codes))
        self.show_recent()
        self.view.notify_style_update()
        pane = self.query_one(SuggestionPane)
        pane.colours = {c: self.doc.colour(c) for c in self.doc.codes}
        pane.names = {c.id: c.name for c in self.doc.codes.values()}

    def action_apply_recent(self, number: int) -> None:
        code_id = self.keys.code_on(number)
        if code_id:
            self.apply(code_id)
        else:
            self.notify(f"No code on {number} yet: press c to pick one, or P to pin one.")

    def action_pin(self) -> None:
        """Pin a code to a digit: that key then always applies it."""

        def digit_for(code_id: str) -> None:
            options = []
            for digit in DIGITS:
                now = self.keys.code_on(digit)
                pinned = digit in self.keys.pins
                label = f"{digit}  " + (
                    f"{now} ({'pinned' if pinned else 'recent'})" if now else "free"
                )
                options.append((str(digit), label))
            if self.keys.digit_of(code_id) in self.keys.pins:
                options.append(("unpin", f"unpin {code_id}"))

            def chosen(key: str | None) -> None:
                if key is None:
                    return
                if key == "unpin":
                    digit = self.keys.digit_of(code_id)
                    self.keys.pin(digit, None)
                    self.store.settings.set_pin(self.coder, digit, None)
                    self.notify(f"{code_id} is no longer pinned.")
                else:
                    self.keys.pin(int(key), code_id)
                    self.store.settings.set_pin(self.coder, int(key), code_id)
                    self.notify(f"Key {key} now always applies {code_id}.")
                self.show_recent()

            self.app.push_screen(ChoiceDialog(f"Pin {code_id} to key…", options), chosen)

        self.open_picker("Pin a code to a digit key", digit_for)

    def action_remove(self) -> None:
        self.with_coding("Remove", self.remove_coding, "No coding here.")

    def remove_coding(self, coding) -> None:
        try:
            self.store.codings.remove(coding.id, actor=self.coder)
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return
        self.doc.discard(coding.id)
        self.view.refresh()
        self.changed()
        self.notify(f"Removed {coding.code_id} (ctrl+z to undo).")

    def action_recode(self) -> None:
        self.with_coding("Change", self.recode_coding, "No coding here to change.")

    def recode_coding(self, coding) -> None:
        def recode(code_id: str) -> None:
            try:
                updated = self.store.codings.update(coding.id, actor=self.coder, code_id=code_id)
            except CmoError as exc:
                self.notify(str(exc), severity="error")
                return
            self.doc.add(updated)
            self.view.refresh()
            self.remember(updated.code_id)
            self.changed()

        self.open_picker(f"Change {coding.code_id} to…", recode)

    def action_memo(self) -> None:
        self.with_coding(
            "Memo on",
            self.memo_on,
            "No coding here: apply a code first (c), or M for a transcript memo.",
        )

    def memo_on(self, coding) -> None:
        quote = snippet(self.doc.text, coding.start, coding.end, 40)

        def save(text: str) -> None:
            if text == coding.memo:
                return
            try:
                updated = self.store.codings.update(coding.id, actor=self.coder, memo=text)
            except CmoError as exc:
                self.notify(str(exc), severity="error")
                return
            self.doc.add(updated)
            self.view.refresh()
            self.changed()
            self.notify(f"Memo saved on {coding.code_id}.")

        self.edit_memo(
            f"memo:coding:{coding.id}", f"Memo · {coding.code_id} · «{quote}»", coding.memo, save
        )

    def action_transcript_memo(self) -> None:
        tid = self.doc.transcript.id
        memo = self.store.memos.get("transcript", tid)

        def save(text: str) -> None:
            if memo and text == memo.text:
                return
            try:
                self.store.memos.set("transcript", tid, text, author=self.coder)
            except CmoError as exc:
                self.notify(str(exc), severity="error")
                return
            self.record_own_stamp()
            self.notify("Transcript memo saved.")

        self.edit_memo(
            f"memo:transcript:{tid}",
            f"Memo · {self.doc.transcript.name}",
            memo.text if memo else "",
            save,
        )

    def edit_memo(self, key: str, title: str, text: str, save) -> None:
        """Open the memo editor; text closed without saving is kept as a draft."""
        open_memo_editor(self.app, self.store, self.coder, key, title, text, save)

    # ---- undo and redo (persisted in the project's change log) -------------------------

    def action_undo(self) -> None:
        self.history_step("undo")

    def action_redo(self) -> None:
        self.history_step("redo")

    def history_step(self, direction: str) -> None:
        try:
            change = getattr(self.store.history, direction)(actor=self.coder)
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return
        if change is None:
            self.notify(f"Nothing to {direction}.")
            return
        if change["entity"] == "transcript":
            self.after_transcript_step(change, "Undone" if direction == "undo" else "Redone")
            return
        if change["entity"] == "code":
            self.reload_codes()
        self.doc.set_codings(self.visible_codings())
        state = change["after"] or change["before"] or {}
        if change["entity"] == "coding" and state.get("transcript_id") == self.doc.transcript.id:
            self.view.select_span(state["start"], state["end"])
        self.view.refresh()
        self.changed()
        verb = "Undone" if direction == "undo" else "Redone"
        # Undo is project-wide: say so when the step changed another transcript.
        where = state.get("transcript_id") if change["entity"] == "coding" else None
        here = where in (None, self.doc.transcript.id)
        elsewhere = "" if here else f" in {self.store.transcripts.get(where).name}"
        self.notify(f"{verb}: {change['action']} {state.get('code_id', '')}".rstrip() + elsewhere)

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
