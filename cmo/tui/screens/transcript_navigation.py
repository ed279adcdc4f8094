"""Moving around a transcript: next coding, next uncoded turn, find, go to turn, and the
speaker filter. A mixin of :class:`~cmo.tui.screens.transcript.TranscriptScreen`, which
provides ``view`` and ``doc``.
"""

from __future__ import annotations

from rich.text import Text

from ...core.text import find_quote
from .. import selection as sel_ops
from ..dialogs.choice import ChoiceDialog
from ..dialogs.prompt import PromptDialog


class TranscriptNavigation:
    hits: list[tuple[int, int]]
    last_query: str = ""

    def action_next_coding(self, step: int) -> None:
        sel = self.view.selection
        codings = [c for c in self.doc.codings if self.view.visible(self.doc.turn_at(c.start))]
        if step > 0:
            after = [c for c in codings if (c.start, c.end) > (sel.start, sel.end)]
            found = after[0] if after else None
        else:
            before = [c for c in codings if (c.start, c.end) < (sel.start, sel.end)]
            found = before[-1] if before else None
        if found is None:
            self.notify("No more codings in that direction.")
            return
        self.view.select_span(found.start, found.end)

    def action_next_uncoded(self) -> None:
        doc = self.doc
        first = doc.turn_at(self.view.selection.start) + 1
        for index in range(first, len(doc.turns)):
            turn = doc.turns[index]
            if (
                self.view.visible(index)
                and doc.text[turn.start : turn.end].strip()
                and not asks_questions(doc, turn)
                and not doc.codings_over(turn.start, turn.end)
            ):
                self.view.select(sel_ops.first_sentence(doc, index))
                return
        self.notify("No uncoded turn after this one (questions of the interviewer skipped).")

    def action_search(self) -> None:
        def search(query: str | None) -> None:
            if not query:
                return
            self.hits = find_quote(self.doc.text, query)
            self.last_query = query
            if not self.hits:
                self.notify(f"'{query}' does not occur in this transcript.")
                return
            self.notify(f"{len(self.hits)} hit(s); F3 for the next.")
            self.action_search_again()

        self.app.push_screen(
            PromptDialog("Find in transcript", "enter to find; F3 next hit", self.last_query),
            search,
        )

    def action_search_again(self) -> None:
        if not self.hits:
            self.action_search()
            return
        sel = self.view.selection
        after = [h for h in self.hits if h[0] > sel.start]
        start, end = after[0] if after else self.hits[0]
        self.view.select_span(start, end)

    def action_goto_turn(self) -> None:
        def goto(answer: str | None) -> None:
            if not answer or not answer.strip().isdigit():
                return
            number = int(answer)
            for pos, turn in enumerate(self.doc.turns):
                if turn.index == number:
                    if not self.view.visible(pos):
                        self.view.set_filter(None)
                    self.view.select(sel_ops.first_sentence(self.doc, pos))
                    return
            self.notify(f"There is no turn {number}.", severity="warning")

        self.app.push_screen(PromptDialog("Go to turn", "a turn number, as in the gutter"), goto)

    def action_filter_speaker(self) -> None:
        counts: dict[str, int] = {}
        for turn in self.doc.turns:
            if turn.speaker:
                counts[turn.speaker] = counts.get(turn.speaker, 0) + 1
        options = [("*", Text("All speakers", style="bold"))] + [
            (
                name,
                Text.assemble(
                    (name, f"bold {self.doc.speaker_colours.get(name, '')}"),
                    (f"  {n} turns", "dim"),
                ),
            )
            for name, n in counts.items()
        ]

        def chosen(key: str | None) -> None:
            if key is None:
                return
            self.view.set_filter(None if key == "*" else {key})
            self.show_info()

        self.app.push_screen(ChoiceDialog("Show the turns of", options), chosen)


def asks_questions(doc, turn) -> bool:
    """The interviewer's (or focusgroep leader's) turns: ``u`` skips them, they are not
    the data that waits to be coded."""
    from ...core.speakers import is_interviewer

    return doc.role(turn) in ("interviewer", "gespreksleider") or is_interviewer(turn.speaker or "")
