"""The help screen (``?``): every key of the workbench on one page, from the bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown


def help_markdown() -> str:
    """The help page: the key table generated from the bindings (the same table as in
    docs/workbench.md), then how coding is kept."""
    from ..keys import key_table

    return (
        "# Coding workbench keys\n\n"
        + key_table()
        + "\nEvery coding is saved in the project database the moment it appears on screen. "
        "In the keys line, `3*M3b` means key 3 is pinned to M3b (p pins, p again unpins).\n"
    )


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q,question_mark", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(help_markdown())
