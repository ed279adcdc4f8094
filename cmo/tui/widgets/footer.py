"""The key footer, rebuilt only when what it shows changes.

Textual's footer rebuilds all its keys (a widget each, each styled anew) whenever the
bindings of the screen might have changed: every focus move, screen push and pop. On
the transcript screen that was a dozen widgets restyled several times while it opened,
for the same keys.
"""

from __future__ import annotations

from textual.widgets import Footer


class SteadyFooter(Footer):
    _shown: tuple | None = None

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        shown = tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show or binding.key == screen.app.COMMAND_PALETTE_BINDING
        )
        if shown != self._shown:
            self._shown = shown
            self.call_after_refresh(self.recompose)
