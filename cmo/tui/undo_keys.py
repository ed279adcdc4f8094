"""ctrl+z / ctrl+y on the analysis screens: the project's own undo, where the change was made.

A mixin for a screen with ``store``, ``coder`` and a ``reload(keep=None)`` method. The
transcript screen has its own (it also moves the selection to the undone coding).
"""

from __future__ import annotations

from textual.binding import Binding

from ..core.errors import CmoError

UNDO_BINDINGS = [
    Binding("ctrl+z", "undo", "Undo"),
    Binding("ctrl+y", "redo", "Redo", show=False),
]


def step(screen, direction: str) -> dict | None:
    """Undo or redo the coder's last change; tells the researcher what it was."""
    from ..core.changes import describe

    try:
        change = getattr(screen.store.history, direction)(actor=screen.coder)
    except CmoError as exc:
        screen.notify(str(exc), severity="error")
        return None
    if change is None:
        screen.notify(f"Nothing to {direction}.")
        return None
    verb = "Undone" if direction == "undo" else "Redone"
    screen.notify(f"{verb}: {change['action']} {describe(change)}".rstrip())
    return change


class UndoKeys:
    def action_undo(self) -> None:
        if step(self, "undo") is not None:
            self.reload(keep=getattr(self, "shown_id", None))

    def action_redo(self) -> None:
        if step(self, "redo") is not None:
            self.reload(keep=getattr(self, "shown_id", None))
