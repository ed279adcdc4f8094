"""The codings of a transcript flagged for review after a replace: what each coded
before, and where it was kept. Returns (action, coding id) or None; the screen acts."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.text import snippet
from ..backdrop import StillBackdrop


class ReviewListDialog(StillBackdrop, ModalScreen[tuple[str, int] | None]):
    CSS_PATH = "review_list.tcss"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("enter", "answer('go')", "Go there"),
        Binding("a", "answer('accept')", "Accept place"),
        Binding("p", "answer('place')", "Re-place"),
        Binding("x", "answer('drop')", "Drop"),
    ]

    def __init__(self, items: list) -> None:
        """``items`` are ``cmo.store.repos.review.ReviewItem``s (plain data)."""
        super().__init__(classes="dialog-screen")
        self.items = items

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="review-list") as box:
            box.border_title = f"{len(self.items)} coding(s) to review"
            yield OptionList(*[self.option(i) for i in self.items], id="review-options")
            yield Static(
                "enter go there · a the place is right · p re-place by selecting · x drop",
                classes="hint",
            )

    @staticmethod
    def option(item) -> Option:
        label = Text()
        label.append(f"{item.coding.code_id}! ", style="bold")
        where = f"turn {item.turn}" if item.turn is not None else "preamble"
        label.append(f"{where} {item.speaker or ''}  ", style="dim")
        if item.former:
            label.append("was «" + snippet(item.former, 0, len(item.former), 40) + "» ")
        label.append("→ «" + snippet(item.proposed, 0, len(item.proposed), 40) + "»", "italic")
        return Option(label, id=str(item.coding.id))

    def action_answer(self, how: str) -> None:
        options = self.query_one("#review-options", OptionList)
        if options.highlighted is None:
            return
        option = options.get_option_at_index(options.highlighted)
        self.dismiss((how, int(option.id)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(("go", int(event.option.id)))
