"""Review suggestions: walk through the uncoded fragments of a transcript, one at a time.

The queue comes from :func:`cmo.suggest.api.review_stream` (fragments nobody coded or
answered yet that have at least one suggestion), computed in a thread so spaCy never
blocks the screen. Each answer goes through :func:`cmo.suggest.api.record_feedback`:

* accept (``a``/enter for the highlighted suggestion, ``1``–``3`` for that one): the
  coding is created, by the human who pressed the key, and the answer stored;
* reject (``x``): the highlighted suggestion does not fit here; stored, and taken off
  the list (when none are left, the next fragment comes);
* pick another code (``c``): the code picker; the chosen code is accepted;
* none fits (``0``): stored as 'none' (seen, no code applies);
* skip (space): no answer, the fragment comes back next time.

Suggestions are shown in their own panel, apart from the human codings of the turn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...core.errors import CmoError
from ..dialogs.code_picker import NEW_CODE, CodePicker
from ..family_colours import FAMILY_COLOURS
from ..messages import JumpTo
from ..state.analysis_data import in_context
from ..widgets.fitting_footer import FittingFooter

if TYPE_CHECKING:
    from ...store import Store

Stream = Callable[..., Iterator[dict]]


class ReviewScreen(Screen[int]):
    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("a,enter", "accept", "Accept"),
        *[
            Binding(str(n), f"accept({n})", f"Accept suggestion {n}", show=False)
            for n in range(1, 4)
        ],
        Binding("x", "reject", "Reject"),
        Binding("c", "pick", "Other code"),
        Binding("0", "none_fits", "None fits"),
        Binding("space", "skip", "Skip"),
        Binding("o", "open", "Open in transcript", show=False),
        Binding("escape", "back", "Back"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(
        self,
        store: Store,
        transcript_id: int,
        coder: str = "",
        top: int = 3,
        level: str = "turn",
        stream: Stream | None = None,
    ) -> None:
        """Args:
        stream: ``(store, transcript_id, top=, level=) -> fragments``; default
            ``cmo.suggest.api.review_stream`` (tests may pass a quicker one).
        """
        super().__init__()
        self.store = store
        self.transcript = store.transcripts.get(transcript_id)
        self.coder = coder
        self.top = top
        self.level = level
        self.stream = stream
        self.queue: list[dict] = []
        self.current: dict | None = None
        self.finished = False
        self.answers = 0
        self.codes = {c.id: c for c in store.codebook.codes()}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="review-where")
        with VerticalScroll(id="review-text-box") as box:
            box.border_title = "Fragment"
            yield Static("", id="review-text")
        options = OptionList(id="review-suggestions")
        options.border_title = "Suggestions (not codings until you accept)"
        yield options
        yield Static("", id="review-coded")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.sub_title = f"review suggestions · {self.transcript.name}"
        self.query_one("#review-text", Static).update(
            Text("Finding uncoded fragments with suggestions…", style="dim")
        )
        self.query_one("#review-suggestions", OptionList).focus()
        self.load()

    # ---- the queue -----------------------------------------------------------------------

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="review",
        description="suggestions to review",
    )
    def load(self) -> None:
        """Fill the queue fragment by fragment; the first one shows as soon as it is ready."""
        stream = self.stream
        if stream is None:
            from ...suggest.api import review_stream as stream
        try:
            for fragment in stream(self.store, self.transcript.id, top=self.top, level=self.level):
                if get_current_worker().is_cancelled:
                    return
                self.app.call_from_thread(self.arrive, fragment)
        except Exception as exc:  # a failing suggester must never break the workbench
            self.app.call_from_thread(self.failed, str(exc))
            return
        self.app.call_from_thread(self.arrive, None)

    def arrive(self, fragment: dict | None) -> None:
        if not self.is_attached:  # the researcher left while suggestions were computed
            return
        if fragment is None:
            self.finished = True
        else:
            self.queue.append(fragment)
        if self.current is None:
            self.advance()
        else:
            self.show_where()

    def failed(self, problem: str) -> None:
        if not self.is_attached:
            return
        self.finished = True
        self.query_one("#review-text", Static).update(
            Text(f"Suggestions failed: {problem}", style="red")
        )

    def advance(self) -> None:
        """Show the next fragment of the queue, or say that the review is done."""
        self.current = self.queue.pop(0) if self.queue else None
        if self.current is None:
            self.query_one("#review-suggestions", OptionList).clear_options()
            self.query_one("#review-coded", Static).update("")
            message = (
                "Nothing left to review in this transcript: every fragment with a "
                f"suggestion is coded or answered ({self.answers} answers now). esc: back"
                if self.finished
                else "Finding the next fragment…"
            )
            self.query_one("#review-where", Static).update(Text(message, style="dim"))
            if self.finished:
                # Also in the big box: the one-line status is cut off in an 80-column terminal.
                self.query_one("#review-text", Static).update(Text(message))
            return
        self.show()

    def show(self) -> None:
        self.show_where()
        self.query_one("#review-text-box").scroll_home(animate=False)
        self.show_suggestions()

    def show_where(self) -> None:
        """Turn and speaker of the fragment, and how many more are waiting."""
        fragment = self.current
        where = Text()
        turn = fragment.get("turn")
        where.append(f"turn {turn} " if turn is not None else "", style="bold")
        where.append(f"{fragment.get('speaker') or '—'}", style="bold")
        more = f"{len(self.queue)} more" if self.finished else f"{len(self.queue)} more so far…"
        where.append(f"   {more} · {self.answers} answered", style="dim")
        self.query_one("#review-where", Static).update(where)

    def show_suggestions(self) -> None:
        options = self.query_one("#review-suggestions", OptionList)
        options.clear_options()
        for pos, s in enumerate(self.current["suggestions"], start=1):
            label = Text.assemble(
                (f"{pos} ", "bold reverse"),
                (f" {s.code_id:<6}", f"bold {FAMILY_COLOURS.get(s.family, '')}"),
                f" {s.name}  ",
                (f"{s.score:.2f} {s.source}", "dim"),
                ("\n     " + s.explanation if s.explanation else "", "dim italic"),
            )
            options.add_option(Option(label, id=str(pos - 1)))
        if self.current["suggestions"]:
            options.highlighted = 0
        self.highlight_matches()
        human = self.human_codes()
        self.query_one("#review-coded", Static).update(
            Text.assemble(("Human codings here: ", "dim"), " ".join(human) or "none yet")
        )

    def highlight_matches(self) -> None:
        """The fragment, with the words that matched the highlighted suggestion underlined."""
        fragment = self.current
        text = Text(fragment["text"], style="bold")
        chosen = self.highlighted()
        if chosen is not None:
            for match in chosen.matches:
                start, end = match.get("start"), match.get("end")
                if isinstance(start, int) and isinstance(end, int):
                    text.stylize(f"underline {FAMILY_COLOURS.get(chosen.family, '')}", start, end)
        before, _, after = in_context(self.transcript.text, fragment["start"], fragment["end"])
        shown = Text.assemble((before, "dim"), text, (after, "dim"))
        self.query_one("#review-text", Static).update(shown)

    def human_codes(self) -> list[str]:
        f = self.current
        return sorted(
            {
                c.code_id
                for c in self.store.codings.all(transcript_id=self.transcript.id)
                if c.start < f["end"] and f["start"] < c.end
            }
        )

    def highlighted(self):
        if self.current is None or not self.current["suggestions"]:
            return None
        index = self.query_one("#review-suggestions", OptionList).highlighted or 0
        return self.current["suggestions"][min(index, len(self.current["suggestions"]) - 1)]

    def on_option_list_option_highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        if self.current is not None:
            self.highlight_matches()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_accept()

    # ---- answers -------------------------------------------------------------------------

    def answer(self, code_id: str | None, answer: str, suggestion=None) -> bool:
        """Store one answer through the suggest API; True when it was stored."""
        from ...suggest.api import record_feedback

        f = self.current
        try:
            coding = record_feedback(
                self.store,
                self.transcript.id,
                f["start"],
                f["end"],
                code_id,
                answer,
                source=suggestion.source if suggestion else "",
                coder=self.coder,
                score=suggestion.score if suggestion else 0.0,
            )
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return False
        self.answers += 1
        if coding is not None:
            self.notify(f"Coded {coding.code_id}.")
        return True

    def action_accept(self, number: int | None = None) -> None:
        if self.current is None:
            return
        items = self.current["suggestions"]
        chosen = (
            self.highlighted()
            if number is None
            else (items[number - 1] if number <= len(items) else None)
        )
        if chosen is None:
            self.notify("No suggestion there.", severity="warning")
            return
        if self.answer(chosen.code_id, "accept", chosen):
            self.advance()

    def action_reject(self) -> None:
        chosen = self.highlighted()
        if chosen is None or not self.answer(chosen.code_id, "reject", chosen):
            return
        self.current["suggestions"] = [s for s in self.current["suggestions"] if s is not chosen]
        if self.current["suggestions"]:
            self.show_suggestions()
        else:
            self.advance()

    def action_none_fits(self) -> None:
        if self.current is not None and self.answer(None, "none"):
            self.advance()

    def action_skip(self) -> None:
        if self.current is not None:
            self.advance()

    def action_pick(self) -> None:
        if self.current is None:
            return
        recent = [s.code_id for s in self.current["suggestions"]]
        picker = CodePicker(list(self.codes.values()), recent, title="Code this fragment as…")

        def chosen(code_id: str | None) -> None:
            if not code_id or self.current is None:
                return
            if code_id.startswith(NEW_CODE):
                self.notify(
                    "Create emergent codes in the transcript (c, then ctrl+n).", severity="warning"
                )
                return
            if self.answer(code_id, "accept"):
                self.advance()

        self.app.push_screen(picker, chosen)

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(
                JumpTo(self.transcript.id, self.current["start"], self.current["end"])
            )

    def action_back(self) -> None:
        """Close the review; the result is the number of answers given."""
        self.workers.cancel_group(self, "review")
        if self.answers:
            self.retrain()
        self.dismiss(self.answers)

    def retrain(self) -> None:
        """Let the suggester learn from the answers (a background job; returns at once)."""
        try:
            from ...suggest.api import maybe_retrain

            maybe_retrain(self.store, process=True)
        except Exception:  # noqa: BLE001 - learning later is fine; coding must go on
            pass
