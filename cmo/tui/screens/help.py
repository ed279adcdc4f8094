"""The help screen (``?``): every key of the workbench on one page, from the bindings."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..backdrop import StillBackdrop


def help_markdown() -> str:
    """The help page: the key table generated from the bindings (the same table as in
    docs/workbench.md), then how coding is kept."""
    from ..keys import key_table

    return (
        "# Coding workbench keys\n\n"
        + key_table()
        + "\nEvery coding is saved in the project database the moment it appears on screen. "
        "In the keys line, `3*M3b` means key 3 is pinned to M3b (P pins or unpins).\n"
    )


class HelpScreen(StillBackdrop, ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q,question_mark", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(keys_table(help_markdown()), id="help-keys")


def keys_table(markdown: str) -> Table:
    """The key table of ``markdown`` as a Rich table whose key column never wraps
    (a Markdown table splits 'shift+↑ (J K)' over two lines in a narrow window)."""
    lines = markdown.splitlines()
    title = next((line.lstrip("# ") for line in lines if line.startswith("#")), "")
    rows = [
        [cell.strip().replace("`", "") for cell in line.strip().strip("|").split("|")]
        for line in lines
        if line.startswith("|") and not line.startswith("|---")
    ]
    table = Table(title=title, title_style="bold", expand=True, box=None, padding=(0, 1))
    header, *body = rows
    table.add_column(header[0], style="dim", no_wrap=True)
    table.add_column(header[1], style="bold", no_wrap=True)
    table.add_column(header[2], ratio=1)
    for row in body:
        table.add_row(*row)
    table.caption = next((line for line in lines if line and not line.startswith(("#", "|"))), None)
    table.caption_style = "italic"
    return table
