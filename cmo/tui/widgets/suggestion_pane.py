"""A side pane for code suggestions on the current selection.

The suggestion logic lives in ``cmo.suggest`` (built separately). The app is given a
``suggester``: any callable ``(text: str) -> list`` of ``(code_id, score)`` pairs or
objects with ``code_id`` and ``score`` attributes, best first. Without one, the pane
says so. The pane never decides anything itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import work
from textual.widgets import Static

Suggester = Callable[[str], list]


class SuggestionPane(Static):
    """Shows ranked suggestions for the selected text (keys alt+1…alt+3 apply them)."""

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text(encoding="utf-8")

    def __init__(
        self, suggester: Suggester | None, colours: dict[str, str], **widget_options
    ) -> None:
        super().__init__("", **widget_options)
        self.suggester = suggester
        self.colours = colours
        self.ranked: list[tuple[str, float]] = []
        self.border_title = "Suggestions"

    def show_for(self, fragment: str) -> None:
        if self.suggester is None:
            self.update(Text("No suggester is installed for this project.", style="dim"))
            return
        if not fragment.strip():
            self.ranked = []
            self.update(Text("Select some text.", style="dim"))
            return
        self.update(Text("…", style="dim"))
        self.compute(fragment)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="suggest",
        description="suggest codes",
    )
    def compute(self, fragment: str) -> None:
        """Ask the suggester in a thread: a first call may load a language model."""
        try:
            ranked = [_pair(item) for item in self.suggester(fragment)][:9]
        except Exception as exc:  # a failing suggester must never break coding
            self.app.call_from_thread(self.update, Text(f"Suggestions failed: {exc}", style="red"))
            return
        self.app.call_from_thread(self.show_ranked, ranked)

    def show_ranked(self, ranked: list[tuple[str, float]]) -> None:
        self.ranked = ranked
        lines = Text()
        for pos, (code_id, value) in enumerate(ranked[:3], start=1):
            lines.append(f"alt+{pos} ", style="dim")
            lines.append(code_id, style=f"bold {self.colours.get(code_id, '')}".strip())
            lines.append(f"  {value:.2f}\n", style="dim")
        for code_id, value in ranked[3:]:
            lines.append(f"      {code_id}  {value:.2f}\n", style="dim")
        self.update(lines if ranked else Text("No suggestions.", style="dim"))


def _pair(item) -> tuple[str, float]:
    if isinstance(item, tuple | list):
        return str(item[0]), float(item[1])
    return str(item.code_id), float(getattr(item, "score", 0.0))
