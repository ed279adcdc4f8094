"""Choose one of a few options (such as the speaker filter). Returns its id or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..backdrop import StillBackdrop


class ChoiceDialog(StillBackdrop, ModalScreen[str | None]):
    CSS_PATH = "dialog.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, options: list[tuple[str, object]]) -> None:
        """``options`` are (id, label) pairs; the label may be Rich text."""
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            yield OptionList(*[Option(label, id=key) for key, label in self.options])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
