"""Command palette provider: every key binding of the current screen as a named command,
plus opening a transcript and applying a code by name."""

from __future__ import annotations

from functools import partial

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider

from .analysis_actions import PALETTE_COMMANDS
from .backdrop import StillBackdrop


class WorkbenchPalette(StillBackdrop, CommandPalette):
    """Textual's command palette over a still backdrop: typing a search repaints the
    list, not the whole dimmed screen behind it."""


class WorkbenchCommands(Provider):
    def _commands(self) -> list[tuple[str, str, object]]:
        screen = self.screen
        found: list[tuple[str, str, object]] = []
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            found.append(
                (
                    binding.description,
                    f"key: {key}",
                    partial(self.app.run_action, binding.action, active.node),
                )
            )
        store = getattr(self.app, "store", None)
        if store is not None:
            # Names only: the palette must open at once (the summaries count codings).
            casussen = {c.id: c.name for c in store.casussen.all()}
            for t in store.transcripts.all():
                found.append(
                    (
                        f"Open transcript {t.name}",
                        casussen.get(t.casus_id, ""),
                        partial(self.app.open_transcript, t.id),
                    )
                )
            apply = getattr(screen, "apply", None)
            if apply is not None:
                for code in store.codebook.codes():
                    found.append(
                        (
                            f"Apply {code.id} {code.name}",
                            "code the selection",
                            partial(apply, code.id),
                        )
                    )
        for name, help_text, action in PALETTE_COMMANDS:  # analysis screens
            if action not in seen:
                found.append((name, help_text, partial(self.app.run_action, action)))
        return found

    async def startup(self) -> None:
        """Read the commands once per opening of the palette, not on every key typed."""
        self.found = self._commands()

    async def discover(self) -> Hits:
        for name, help_text, callback in self.found:
            if not name.startswith("Apply "):
                yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        letters = query.casefold().replace(" ", "")
        for name, help_text, callback in self.found:
            # The fuzzy matcher needs every letter in order; checking that first spares
            # it the hundreds of names that cannot match (one per code and transcript).
            rest = iter(name.casefold())
            if not all(letter in rest for letter in letters):
                continue
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
