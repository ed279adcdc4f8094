"""The transcript view's keys for going places: the next coding, the next uncoded turn,
a search hit, a turn by number, one speaker's turns (mixed into the view)."""

from __future__ import annotations

from ..state import navigation
from ..state import selection as sel_ops


class GoingPlaces:
    """Mixed into :class:`~.transcript_view.TranscriptView`, whose selection, ``select``,
    ``visible`` and speaker filter these actions use."""

    hits: list[tuple[int, int]]
    last_query: str

    def action_next_coding(self, step: int) -> None:
        found = navigation.next_coding(self.doc, self.selection, step, self.visible)
        if found is None:
            self.notify("No more codings in that direction.")
        else:
            self.select_span(*found)

    def action_next_uncoded(self) -> None:
        found = navigation.next_uncoded(self.doc, self.selection, self.visible)
        if found is None:
            self.notify("No uncoded turn after this one (questions of the interviewer skipped).")
        else:
            self.select(found)

    def action_search(self) -> None:
        from ...core.text import find_quote
        from ..dialogs.prompt import PromptDialog

        def search(query: str | None) -> None:
            if not query:
                return
            self.hits, self.last_query = find_quote(self.doc.text, query), query
            if not self.hits:
                self.notify(f"'{query}' does not occur in this transcript.")
                return
            self.notify(f"{len(self.hits)} hit(s); F3 for the next.")
            self.action_search_again()

        prompt = PromptDialog("Find in transcript", "enter to find; F3 next hit", self.last_query)
        self.app.push_screen(prompt, search)

    def action_search_again(self) -> None:
        if not self.hits:
            self.action_search()
        else:
            self.select_span(*navigation.next_hit(self.hits, self.selection))

    def action_goto_turn(self) -> None:
        from ..dialogs.prompt import PromptDialog

        def goto(answer: str | None) -> None:
            if not answer or not answer.strip().isdigit():
                return
            pos = navigation.turn_numbered(self.doc, int(answer))
            if pos is None:
                self.notify(f"There is no turn {int(answer)}.", severity="warning")
                return
            if not self.visible(pos):
                self.set_filter(None)
            self.select(sel_ops.first_sentence(self.doc, pos))

        self.app.push_screen(PromptDialog("Go to turn", "a turn number, as in the gutter"), goto)

    def action_filter_speaker(self) -> None:
        from rich.text import Text

        from ..dialogs.choice import ChoiceDialog

        options = [("*", Text("All speakers", style="bold"))] + [
            (
                name,
                Text.assemble(
                    (name, f"bold {self.doc.speaker_colours.get(name, '')}"),
                    (f"  {n} turns", "dim"),
                ),
            )
            for name, n in navigation.speaker_counts(self.doc).items()
        ]

        def chosen(key: str | None) -> None:
            if key is not None:
                self.set_filter(None if key == "*" else {key})

        self.app.push_screen(ChoiceDialog("Show the turns of", options), chosen)
