"""Define a new emergent code. Returns the fields as a dict, or None if cancelled.

The screen that opened the dialog adds the code through ``store.add_code``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from ...core.domain import FAMILIES
from ..backdrop import StillBackdrop


class NewCodeDialog(StillBackdrop, ModalScreen[dict | None]):
    CSS_PATH = "dialog.tcss"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("ctrl+s", "save", "Create", priority=True),
    ]

    def __init__(self, name: str, suggested_id: str, family: str = "M") -> None:
        super().__init__(classes="dialog-screen")
        self.code_name = name
        self.suggested_id = suggested_id
        self.family = family

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = "New emergent code"
            yield Static("Name", classes="field-label")
            yield Input(self.code_name, id="code-name")
            yield Static("Id", classes="field-label")
            yield Input(self.suggested_id, id="code-id")
            yield Static("Family", classes="field-label")
            yield Select(
                [(f"{k} {v}", k) for k, v in FAMILIES.items()],
                value=self.family,
                allow_blank=False,
                id="code-family",
            )
            yield Static(
                "Definition (what a fragment must show to get this code)", classes="field-label"
            )
            yield Input("", id="code-definition")
            yield Static(
                "Keywords, comma separated (the suggester looks for these)", classes="field-label"
            )
            yield Input("", placeholder="schaamte, schamen, gêne", id="code-keywords")
            yield Static("enter or ctrl+s create · esc cancel", classes="hint")

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        values = {
            "name": self.query_one("#code-name", Input).value.strip(),
            "id": self.query_one("#code-id", Input).value.strip(),
            "family": str(self.query_one("#code-family", Select).value),
            "definition": self.query_one("#code-definition", Input).value.strip(),
            "keywords": keywords(self.query_one("#code-keywords", Input).value),
        }
        if not values["name"] or not values["id"]:
            self.notify("A code needs a name and an id.", severity="warning")
            return
        self.dismiss(values)


def keywords(typed: str) -> tuple[str, ...]:
    """'schaamte, schamen ,, gêne' → ('schaamte', 'schamen', 'gêne'), each once."""
    return tuple(dict.fromkeys(k.strip() for k in typed.split(",") if k.strip()))
