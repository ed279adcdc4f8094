"""The help screen (``?``): every key of the workbench on one page."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = """\
# Coding workbench keys

| Where | Key | Does |
|---|---|---|
| overview | ↑ ↓ enter | choose and open a transcript |
| overview | b / tab | go to the codebook tree |
| text | ↓ ↑ (j k) | select next / previous sentence |
| text | → ← (l h) | select next / previous word |
| text | ctrl+↓ ctrl+↑ (] [) | first sentence of next / previous turn |
| text | shift+↓ shift+↑ (J K) | extend / shrink by a sentence |
| text | shift+→ shift+← (L H) | extend / shrink by a word |
| text | ctrl+shift+↓ ↑ (} {) | extend / shrink by a turn |
| text | t | select the whole turn |
| text | mouse | click a word, double-click a sentence, drag a range |
| text | c or enter | code picker: type `m3b`, `realist`…, enter applies |
| text | 1 … 9 | apply a recently used code |
| picker | ctrl+n | create a new emergent code (and apply it) |
| text | x / delete | remove the coding under the selection |
| text | r | change the code of the coding under the selection |
| text | m / M | memo on the coding / on the transcript |
| text | n / N | next / previous coding |
| text | u | next turn without codes |
| text | / and F3 | find in this transcript, next hit |
| text | g | go to turn number |
| text | f | show one speaker only (focusgroep) |
| text | b / s | codebook pane / suggestions pane (alt+1 … alt+3 apply a suggestion) |
| text | o | build a CMOC from the codings under the selection (or its turn) |
| text | R / D | review suggestions / disagreements between coders |
| text | v | coder view: all coders, one coder, only disagreements |
| text | ctrl+r | replace the transcript with a corrected version (codings move along) |
| text | ! | codings to review after a replace (marked `!` in the margin) |
| text | a / p | review coding: keep its place / p, select the right text, p again |
| text | ctrl+z / ctrl+y | undo / redo (kept in the project, also after a restart) |
| text | esc | back to the overview |
| anywhere | ctrl+f | search the whole project |
| anywhere | ctrl+o / F | CMOC browser (a: candidate CMOCs) / code frequencies |
| anywhere | ctrl+p | command palette: every action by name |
| anywhere | ctrl+t | light / dark theme |
| anywhere | ? / q | this help / quit |

Every coding is saved in the project database the moment it appears on screen.
"""


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q,question_mark", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(keys_table(KEYS), id="help-keys")


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
