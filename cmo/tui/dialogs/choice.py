"""Choose one of a few options (such as the speaker filter). Returns its id or None."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..backdrop import StillBackdrop
from ..key_ahead import KeyAhead


class ChoiceDialog(KeyAhead, StillBackdrop, ModalScreen[str | None]):
    AUTO_FOCUS = "OptionList"
    CSS_PATH = "dialog.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(
        self,
        title: str,
        options: list[tuple[str, object]],
        typed: dict[str, str] | None = None,
        highlight: str | None = None,
    ) -> None:
        """``options`` are (id, label) pairs; the label may be Rich text. ``typed`` maps a
        key (such as a digit) to the option it chooses at once; ``highlight`` is the option
        enter takes before the cursor moves."""
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.options = options
        self.typed = typed or {}
        self.highlight = highlight

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            choices = OptionList(*[Option(label, id=key) for key, label in self.options])
            ids = [key for key, _ in self.options]
            if self.highlight in ids:
                choices.highlighted = ids.index(self.highlight)
            yield choices

    def on_key(self, event: events.Key) -> None:
        chosen = self.typed.get(event.character or "")
        if chosen is not None:
            # Stop it here: the key chooses, it must not reach the screen behind.
            event.stop()
            event.prevent_default()
            self.dismiss(chosen)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
