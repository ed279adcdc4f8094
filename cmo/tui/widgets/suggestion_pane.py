"""A side pane for code suggestions on the current selection.

The suggestion logic lives in ``cmo.suggest`` (built separately). The app is given a
``suggester``: any callable ``(text: str) -> list`` of ``(code_id, score)`` pairs or
objects with ``code_id`` and ``score`` attributes, best first. Without one, the pane
says so. The pane never decides anything itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.widgets import Static

Suggester = Callable[[str], list]


@dataclass(frozen=True)
class Offer:
    """One suggestion as the pane shows it: what the suggester carried, nothing added."""

    code_id: str
    score: float
    name: str = ""
    reason: str = ""
    source: str = ""


class SuggestionPane(Static):
    """Shows ranked suggestions for the selected text (keys alt+1…alt+3 apply them)."""

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text(encoding="utf-8")

    def __init__(
        self,
        suggester: Suggester | None,
        colours: dict[str, str],
        names: dict[str, str] | None = None,
        **widget_options,
    ) -> None:
        """``names``: code id → name, for suggesters that return bare (id, score) pairs."""
        super().__init__("", **widget_options)
        self.suggester = suggester
        self.colours = colours
        self.names = names or {}
        self.ranked: list[tuple[str, float]] = []
        self.offers: list[Offer] = []
        self.border_title = "Suggestions"

    def show_for(self, fragment: str) -> None:
        if self.suggester is None:
            self.update(Text("No suggester is installed for this project.", style="dim"))
            return
        if not fragment.strip():
            self.ranked = []
            self.update(Text("Select some text.", style="dim"))
            return
        # The first call may load a language model (seconds): say so at once.
        self.update(Text("Loading suggestions…", style="dim italic"))
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
            ranked = [_offer(item) for item in self.suggester(fragment)][:9]
        except Exception as exc:  # a failing suggester must never break coding
            self.app.call_from_thread(self.update, Text(f"Suggestions failed: {exc}", style="red"))
            return
        self.app.call_from_thread(self.show_ranked, ranked)

    def show_ranked(self, offers: list[Offer]) -> None:
        self.offers = offers
        self.ranked = [(o.code_id, o.score) for o in offers]
        lines = Text()
        for pos, offer in enumerate(offers, start=1):
            key = f"alt+{pos} " if pos <= 3 else "      "
            lines.append(key, style="bold" if pos <= 3 else "dim")
            colour = self.colours.get(offer.code_id, "")
            lines.append(offer.code_id, style=f"bold {colour}".strip())
            name = offer.name or self.names.get(offer.code_id, "")
            lines.append(f" {name}" if name else "")
            lines.append(f"  {offer.score:.2f}", style="dim")
            if offer.source:
                lines.append(f" {offer.source}", style="dim")
            lines.append("\n")
            if offer.reason and pos <= 3:
                # One line under its code, cut visibly: wrapped, it ran back to the left
                # edge; the review screen (R) shows reasons in full.
                room = max(10, (self.content_size.width or 40) - 6)
                reason = " ".join(offer.reason.split())
                if len(reason) > room:
                    reason = reason[: room - 1] + "…"
                lines.append(f"      {reason}\n", style="italic")
        self.update(lines if offers else Text("No suggestions.", style="dim"))


def _offer(item) -> Offer:
    """A suggester's item: an (id, score) pair or an object such as cmo.suggest's
    Suggestion (code_id, score, name, explanation or reason, source)."""
    if isinstance(item, tuple | list):
        return Offer(str(item[0]), float(item[1]))
    reason = getattr(item, "explanation", "") or getattr(item, "reason", "") or ""
    return Offer(
        str(item.code_id),
        float(getattr(item, "score", 0.0)),
        str(getattr(item, "name", "") or ""),
        str(reason),
        str(getattr(item, "source", "") or ""),
    )
