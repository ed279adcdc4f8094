"""The key footer: one widget drawing one line, that never cuts a key in half.

Textual's footer is a widget per key, all rebuilt and restyled whenever the bindings
might have changed (every focus move, screen push and pop): opening a transcript
rebuilt it twice, ~60 ms of styling and two more layouts of the whole screen, for the
same keys. This one keeps the keys as data and repaints its single line when they
change. At narrow widths the last keys of the screen give way, so that help (?) and
the command palette (^p) always show; a click on a key presses it.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

ALWAYS = {"help", "app.help"}
"""Actions whose key shows at every width: the way to every other key."""
KEEP_LONGER = {"undo"}
"""Given way last: where a stray key did something, the way back must show."""


class FooterKey(NamedTuple):
    key: str
    display: str
    description: str
    action: str
    enabled: bool

    @property
    def width(self) -> int:
        """Cells it takes: the key with a cell each side, the description and a cell."""
        return len(self.display) + 2 + len(self.description) + 1


class PlacedKey(NamedTuple):
    key: FooterKey
    x: int
    """First cell; the key spans ``x`` to ``x + key.width``."""

    @property
    def action(self) -> str:
        return self.key.action

    @property
    def right(self) -> int:
        return self.x + self.key.width


def fit(keys: list[FooterKey], palette: list[FooterKey], width: int) -> list[PlacedKey]:
    """Where each key goes in ``width`` cells: the screen's keys from the left (dropping
    from the end, sparing help and then undo, until they fit), the palette's key at the
    right end."""
    room = width - 1 - sum(k.width for k in palette)
    keys = list(keys)
    while sum(k.width for k in keys) > room:
        spare = [k for k in keys if k.action not in ALWAYS | KEEP_LONGER]
        spare = spare or [k for k in keys if k.action not in ALWAYS]
        if not spare:
            break
        keys.remove(spare[-1])
    placed, x = [], 0
    for key in keys:
        placed.append(PlacedKey(key, x))
        x += key.width
    x = width - sum(k.width for k in palette)
    for key in palette:
        placed.append(PlacedKey(key, x))
        x += key.width
    return placed


class FittingFooter(Widget):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"fitting-footer--key", "fitting-footer--description"}
    DEFAULT_CSS = """
    FittingFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .fitting-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .fitting-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, **widget_options) -> None:
        super().__init__(**widget_options)
        self.keys: tuple[list[FooterKey], list[FooterKey]] = ([], [])
        self.placed: list[PlacedKey] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        app = self.app
        keys, palette, seen = [], [], set()
        for _, binding, enabled, _tooltip in screen.active_bindings.values():
            is_palette = binding.key == app.COMMAND_PALETTE_BINDING
            if not (binding.show or is_palette) or binding.action in seen:
                continue
            seen.add(binding.action)
            key = FooterKey(
                binding.key, app.get_key_display(binding), binding.description,
                binding.action, enabled,
            )  # fmt: skip
            (palette if is_palette else keys).append(key)
        if (keys, palette) != self.keys:
            self.keys = (keys, palette)
            self.refresh()

    def render(self) -> Text:
        width = self.size.width or self.app.size.width
        self.placed = fit(*self.keys, width)
        key_style = self.get_component_rich_style("fitting-footer--key")
        description_style = self.get_component_rich_style("fitting-footer--description")
        line = Text(no_wrap=True, overflow="crop")
        for placed in self.placed:
            key = placed.key
            if placed.x > line.cell_len:
                line.append(" " * (placed.x - line.cell_len))
            dim = Style() if key.enabled else Style(dim=True)
            line.append(f" {key.display} ", key_style + dim)
            line.append(f"{key.description} ", description_style + dim)
        return line

    def on_resize(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        for placed in self.placed:
            if placed.x <= event.x < placed.right:
                if placed.key.enabled:
                    self.app.simulate_key(placed.key.key)
                else:
                    self.app.bell()
                return
