"""Edit a memo (on a coding, a transcript or a CMOC field). Returns the text, or None.

Text closed with esc is never thrown away: :func:`open_memo_editor` keeps it as the
coder's draft in the project and offers it again the next time the same memo is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ..backdrop import StillBackdrop

if TYPE_CHECKING:
    from ...store import Store


class MemoDialog(StillBackdrop, ModalScreen[str | None]):
    CSS_PATH = "dialog.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "close", "Close (keeps a draft)"),
    ]

    def __init__(self, title: str, text: str = "", original: str | None = None) -> None:
        """``text`` is what the editor starts with (a draft, when there is one);
        ``original`` is the saved memo (default: ``text``)."""
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.text = text
        self.original = text if original is None else original
        self.unsaved: str | None = None
        """Set on esc when the text differs from the saved memo."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            if self.text != self.original:
                box.border_subtitle = "draft restored"
            yield TextArea(self.text, id="memo-text", soft_wrap=True)
            yield Static(
                "ctrl+s save · esc close (unsaved text is kept as a draft)", classes="hint"
            )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_close(self) -> None:
        text = self.query_one(TextArea).text
        self.unsaved = text if text != self.original else None
        self.dismiss(None)


def open_memo_editor(
    app, store: Store, coder: str, key: str, title: str, text: str, save: Callable[[str], None]
) -> None:
    """Edit ``text`` in a :class:`MemoDialog`; ``save`` gets the text on ctrl+s.

    ``key`` names the memo (e.g. 'memo:coding:12') for its draft.
    """

    kept = store.settings.draft(coder, key)
    dialog = MemoDialog(title, kept if kept is not None else text, original=text)

    def done(result: str | None) -> None:
        store.settings.set_draft(coder, key, None if result is not None else dialog.unsaved)
        if result is not None:
            save(result)
        elif dialog.unsaved is not None:
            app.notify("Not saved: the text is kept as a draft and comes back when you reopen it.")

    app.push_screen(dialog, done)
