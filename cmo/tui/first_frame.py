"""Work that waits until the workbench's first frame is on the terminal.

Textual composes and mounts the first screen inside a batch: what an ``on_mount`` or a
``call_after_refresh`` does there runs before anything is written, and the frames drawn
inside the batch are thrown away. Reading every coding for the overview's counts and the
codebook's took about 90 ms there on a project of 1M words and 100,000 codings, so the
transcript list reached the terminal that much later. Queued here, the same work runs
after the refresh that follows :class:`textual.events.Ready` (Textual sends it once the
first screen is laid out, and writes the frame at that refresh), while the researcher
reads the list.
"""

from __future__ import annotations

from collections.abc import Callable


def after_first_frame(node, callback: Callable[[], object]) -> None:
    """Run ``callback`` once the app's first frame is on the terminal (after the next
    refresh, when it already is, or in an app that does not wait for it)."""
    waiting = getattr(node.app, "first_frame_waiting", None)
    if waiting is None:
        node.call_after_refresh(callback)
    else:
        waiting.append((node, callback))


def first_frame_drawn(app) -> None:
    """Called on the app's Ready: what waited runs after the next refresh, each in its
    own widget (one that was removed meanwhile drops it)."""
    waiting, app.first_frame_waiting = app.first_frame_waiting, None
    for node, callback in waiting or ():
        node.call_after_refresh(callback)


class DrawnAfterTheBatch:
    """For a screen that can be the first one shown: no frame drawn inside a batch.

    Textual draws the first screen inside its start-up batch and then throws that frame
    away (``App._display`` writes nothing while a batch is open); the frame that reaches
    the terminal is drawn again when the batch ends. The overview of a 1M-word project
    spent ~45 ms drawing the frame nobody saw. Here the screen only asks to be redrawn,
    which Textual does once the batch is over."""

    def _compositor_refresh(self) -> None:
        if self.app._batch_count:
            self.refresh()
            return
        super()._compositor_refresh()
