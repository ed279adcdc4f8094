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

from ...core.errors import CmoError
from ...core.model import Code
from ...core.text import snippet
from ...store import workbench_queries as queries
from .. import selection as sel_ops
from ..dialogs.code_picker import NEW_CODE, CodePicker
from ..dialogs.memo import MemoDialog
from ..dialogs.new_code import NewCodeDialog
from ..document import TranscriptDoc
from ..messages import CodingCommitted, CodingsChanged, JumpTo
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
            Binding(str(n), f"apply_recent({n})", f"Apply recent code {n}", show=False)
            for n in range(1, 10)
        ],
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
        self.recent = queries.recent_codes(store, coder=coder)
        self.hits: list[tuple[int, int]] = []
        self.pane_stale = False

    # ---- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield TranscriptView(self.doc, id="text")
            with Vertical(id="side", classes="hidden"):
                yield CodebookPane(self.store, id="codebook", classes="hidden")
                yield SuggestionPane(
                    self.suggester,
                    {c: self.doc.colour(c) for c in self.doc.codes},
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
        info.append(
            f"{turn.speaker or '—'}  ", style=doc.speaker_colours.get(turn.speaker or "", "")
        )
        info.append(f"«{snippet(doc.text, sel.start, sel.end, 36)}»  ", style="italic")
        if here:
            info.append("codes here: ")
            for coding in here[:5]:
                review = coding.status == "review"
                info.append(
                    coding.code_id + ("!" if review else "") + ("✎" if coding.memo else "") + " ",
                    style=f"bold {doc.colour(coding.code_id)}",
                )
                if review:
                    info.append("to review (a keep · p re-place · x drop) ", style="bold")
        if view.speaker_filter is not None:
            info.append(f" · filter: {', '.join(sorted(view.speaker_filter))}", style="dim")
        # Fixed height: no layout pass needed, which keeps applying a code fast.
        self.query_one("#info", Static).update(info, layout=False)

    def show_recent(self) -> None:
        line = Text("recent ", style="dim")
        for pos, code_id in enumerate(self.recent[:9], start=1):
            line.append(f"{pos}", style="bold reverse")
            line.append(f" {code_id}  ", style=f"bold {self.doc.colour(code_id)}")
        if not self.recent:
            line.append("— codes you apply appear here on keys 1–9", style="dim")
        self.query_one("#recent", Static).update(line, layout=False)

    # ---- applying, changing and removing codes -----------------------------------------

    def apply(self, code_id: str) -> None:
        """Commit a coding of the selection, then show it."""
        start, end = sel_ops.trimmed(self.doc, self.view.selection)
        if end <= start:
            self.notify("Select some text first.", severity="warning")
            return
        try:
            coding = self.store.add_coding(
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
        self.recent = [code_id] + [c for c in self.recent if c != code_id][:8]
        self.show_recent()

    def changed(self) -> None:
        self.show_info()
        if self.pane_shown("codebook"):
            self.query_one(CodebookPane).refresh_counts()
        else:
            self.pane_stale = True
        self.post_message(CodingsChanged(self.doc.transcript.id))

    def target(self):
        """The coding the next remove/recode/memo acts on: the closest fit to the selection;
        of codings that fit equally well, the coder's own (not a colleague's)."""
        found = self.doc.innermost(*sel_ops.trimmed(self.doc, self.view.selection))
        ties = [c for c in found if (c.start, c.end) == (found[0].start, found[0].end)]
        return next((c for c in ties if c.coder == self.coder), found[0]) if found else None

    def action_pick(self) -> None:
        self.open_picker("Apply code", self.apply)

    def open_picker(self, title: str, then) -> None:
        codes = list(self.doc.codes.values())
        picker = CodePicker(codes, self.recent, title=title)

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
                code = self.store.add_code(
                    Code(
                        id=values["id"],
                        family=values["family"],
                        name=values["name"],
                        definition=values["definition"],
                        emergent=True,
                    ),
                    actor=self.coder,
                )
            except CmoError as exc:
                self.notify(str(exc), severity="error")
                return
            self.reload_codes()
            self.notify(f"Emergent code {code.id} '{code.name}' created.")
            then(code.id)

        self.app.push_screen(NewCodeDialog(name, f"E{number}"), created)

    def reload_codes(self) -> None:
        self.doc.codes = {c.id: c for c in self.store.codes()}
        # A code taken away (undo of its creation) must leave the number keys too.
        self.recent = [c for c in self.recent if c in self.doc.codes]
        self.show_recent()
        self.view.notify_style_update()
        self.query_one(SuggestionPane).colours = {c: self.doc.colour(c) for c in self.doc.codes}

    def action_apply_recent(self, number: int) -> None:
        if number <= len(self.recent):
            self.apply(self.recent[number - 1])
        else:
            self.notify(f"No recent code on {number} yet: press c to pick one.")

    def action_remove(self) -> None:
        coding = self.target()
        if coding is None:
            self.notify("No coding here.", severity="warning")
            return
        try:
            self.store.remove_coding(coding.id, actor=self.coder)
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return
        self.doc.discard(coding.id)
        self.view.refresh()
        self.changed()
        self.notify(f"Removed {coding.code_id} (ctrl+z to undo).")

    def action_recode(self) -> None:
        coding = self.target()
        if coding is None:
            self.notify("No coding here to change.", severity="warning")
            return

        def recode(code_id: str) -> None:
            try:
                updated = self.store.update_coding(coding.id, actor=self.coder, code_id=code_id)
            except CmoError as exc:
                self.notify(str(exc), severity="error")
                return
            self.doc.add(updated)
            self.view.refresh()
            self.remember(updated.code_id)
            self.changed()

        self.open_picker(f"Change {coding.code_id} to…", recode)

    def action_memo(self) -> None:
        coding = self.target()
        if coding is None:
            self.notify(
                "No coding here: apply a code first (c), or M for a transcript memo.",
                severity="warning",
            )
            return
        quote = snippet(self.doc.text, coding.start, coding.end, 40)

        def save(text: str | None) -> None:
            if text is None or text == coding.memo:
                return
            try:
                updated = self.store.update_coding(coding.id, actor=self.coder, memo=text)
            except CmoError as exc:
                self.notify(str(exc), severity="error")
                return
            self.doc.add(updated)
            self.changed()
            self.notify(f"Memo saved on {coding.code_id}.")

        self.app.push_screen(MemoDialog(f"Memo · {coding.code_id} · «{quote}»", coding.memo), save)

    def action_transcript_memo(self) -> None:
        tid = self.doc.transcript.id
        memo = self.store.memo("transcript", tid)

        def save(text: str | None) -> None:
            if text is None or (memo and text == memo.text):
                return
            try:
                self.store.set_memo("transcript", tid, text, author=self.coder)
            except CmoError as exc:
                self.notify(str(exc), severity="error")
                return
            self.notify("Transcript memo saved.")

        self.app.push_screen(
            MemoDialog(f"Memo · {self.doc.transcript.name}", memo.text if memo else ""), save
        )

    # ---- undo and redo (persisted in the project's change log) -------------------------

    def action_undo(self) -> None:
        self.history_step("undo")

    def action_redo(self) -> None:
        self.history_step("redo")

    def history_step(self, direction: str) -> None:
        try:
            change = getattr(self.store, direction)(actor=self.coder)
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
        elsewhere = "" if here else f" in {self.store.transcript(where).name}"
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
