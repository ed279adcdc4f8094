"""A footer that never cuts a key in half: at narrow widths the last keys of the screen
give way, so that help (?) and the command palette (^p) always show."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets._footer import FooterKey  # the footer's own key widget

from .footer import SteadyFooter

ALWAYS = {"help", "app.help"}
"""Actions whose key shows at every width: the way to every other key."""


def key_width(key: FooterKey) -> int:
    """Cells a key takes: the key with a cell each side, the description and a cell."""
    return len(key.key_display) + 2 + len(key.description) + 1


class FittingFooter(SteadyFooter):
    def compose(self) -> ComposeResult:
        shown = list(super().compose())
        room = self.app.size.width - 1
        palette = [k for k in shown if isinstance(k, FooterKey) and k.has_class("-command-palette")]
        room -= sum(key_width(k) for k in palette)
        keys = [k for k in shown if k not in palette]

        def used() -> int:
            return sum(key_width(k) if isinstance(k, FooterKey) else 12 for k in keys)

        # The screen's keys come first and the app's last, most used first within each:
        # drop from the end, sparing help.
        while used() > room:
            spare = [k for k in keys if not (isinstance(k, FooterKey) and k.action in ALWAYS)]
            if not spare:
                break
            keys.remove(spare[-1])
        self.styles.grid_size_columns = len(keys)
        yield from keys + palette

    def on_resize(self) -> None:
        if self.is_attached:
            self.call_after_refresh(self.recompose)
