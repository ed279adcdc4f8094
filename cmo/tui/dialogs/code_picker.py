"""The code picker: type to fuzzy-search the codebook, enter to apply.

Returns the chosen code id, ``"+new:NAME"`` to create an emergent code named NAME,
or None when cancelled.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...core.domain import Code
from ..backdrop import StillBackdrop
from ..family_colours import FAMILY_COLOURS
from ..key_ahead import KeyAhead
from ..state.code_search import rank

NEW_CODE = "+new:"


class CodePicker(KeyAhead, StillBackdrop, ModalScreen[str | None]):
    """Fuzzy search over id, name, definition and keywords; recent codes first."""

    AUTO_FOCUS = "#picker-input"
    CSS_PATH = "code_picker.tcss"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("ctrl+n", "new_code", "New emergent code"),
    ]

    def __init__(
        self,
        codes: list[Code],
        recent: list[str],
        title: str = "Apply code",
        counts: dict[str, int] | None = None,
        keys: dict[str, int] | None = None,
    ) -> None:
        """``keys``: code id → the digit key that applies it in the transcript."""
        super().__init__()
        self.keys = keys
        self.codes = codes
        self.recent = recent
        self.title_text = title
        self.counts = counts or {}
        self.shown: list[Code] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(self.title_text, id="picker-title")
            yield Input(
                placeholder="id, name, keyword…  (ctrl+n: new emergent code)", id="picker-input"
            )
            yield OptionList(id="picker-options")
            yield Static("", id="picker-definition")

    def on_mount(self) -> None:
        self.query_one("#picker").border_title = self.title_text
        self.refill("")

    def refill(self, query: str) -> None:
        by_id = {c.id: c for c in self.codes}
        if query.strip():
            self.shown = rank(self.codes, query, limit=30)
        else:
            recent = [by_id[c] for c in self.recent if c in by_id]
            self.shown = recent + [c for c in self.codes if c not in recent]
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        options.add_options(
            [Option(self._label(pos, code), id=code.id) for pos, code in enumerate(self.shown)]
        )
        if self.shown:
            options.highlighted = 0
            self.describe(self.shown[0])
        else:
            self.query_one("#picker-definition", Static).update(
                Text(
                    f"No code matches. ctrl+n creates the emergent code '{query.strip()}'.",
                    style="dim",
                ),
                layout=False,
            )

    def _label(self, pos: int, code: Code) -> Text:
        if self.keys is not None:
            key = f"{self.keys[code.id]} " if code.id in self.keys else "  "
        else:
            recent = not self.query_one("#picker-input", Input).value.strip() and pos < len(
                [c for c in self.recent if c in {x.id for x in self.codes}][:9]
            )
            key = f"{pos + 1} " if recent and pos < 9 else "  "
        colour = code.colour or FAMILY_COLOURS.get(code.family, "")
        return Text.assemble(
            (key, "dim"),
            ("■ ", colour),
            (code.id.ljust(6), "bold"),
            f" {code.name}",
            (" ⁺" if code.emergent else "", "dim"),
        )

    def describe(self, code: Code) -> None:
        self.query_one("#picker-definition", Static).update(
            Text.assemble((f"{code.id} {code.name}\n", "bold"), code.definition or ""),
            layout=False,
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        options = self.query_one("#picker-options", OptionList)
        if options.highlighted is not None and self.shown:
            self.dismiss(self.shown[options.highlighted].id)
        elif event.value.strip():
            # Never a new code from enter: a typo would become a junk code. ctrl+n asks.
            self.notify(
                f"No code matches '{event.value.strip()}': change the search, or ctrl+n to "
                "create it as a new emergent code.",
                severity="warning",
            )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if 0 <= event.option_index < len(self.shown):
            self.describe(self.shown[event.option_index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.shown[event.option_index].id)

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-options", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_new_code(self) -> None:
        self.dismiss(NEW_CODE + self.query_one("#picker-input", Input).value.strip())
