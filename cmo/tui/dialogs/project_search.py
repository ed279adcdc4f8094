"""Search the text of every transcript in the project; choosing a hit jumps to it.

Returns the chosen hit (a dict from ``store.queries.search``) or None.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...store.repos import queries as queries
from ..backdrop import StillBackdrop

if TYPE_CHECKING:
    from ...store import Store


class ProjectSearchDialog(StillBackdrop, ModalScreen[dict | None]):
    CSS_PATH = "dialog.tcss"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("down", "focus_results", "Results", show=False),
    ]

    def __init__(self, store: Store, query: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.store = store
        self.query_text = query
        self.hits: list[dict] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = "Search the project"
            yield Input(
                self.query_text, placeholder="words or a quote, enter to search", id="search-input"
            )
            yield Static("", id="search-count", classes="hint")
            yield OptionList(id="search-results")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.hits = self.store.queries.search(event.value)
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options(
            [
                Option(
                    Text.assemble(
                        (f"{h['casus']} · {h['transcript']}", "bold"),
                        f" · turn {h['turn']} · {h['speaker'] or '—'}\n",
                        (h["quote"], "italic"),
                    )
                )
                for h in self.hits
            ]
        )
        self.query_one("#search-count", Static).update(
            f"{len(self.hits)} hit(s) · ↓ to choose, enter to open"
        )
        if self.hits:
            results.highlighted = 0

    def action_focus_results(self) -> None:
        self.query_one("#search-results", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[event.option_index])
