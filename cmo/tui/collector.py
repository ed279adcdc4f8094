"""Keeping Python's cycle collector off the key path.

A full collection walks every object the process holds: with a 50,000-word transcript
open (turns, sentences, screen lines, drawn strips) one took 45–80 ms, paid by whichever
key press happened to allocate at that moment. What is loaded when the app starts, and
what a transcript screen holds while it is open, lives until the screen closes, so it is
frozen (left out of the walks); when a transcript screen closes, the collector gets it
all back and runs once, a moment later, when nobody is typing.
"""

from __future__ import annotations

import gc

AFTER_CLOSE_SECONDS = 1.0


def freeze_long_lived() -> None:
    gc.freeze()


def collect_soon(app) -> None:
    """After a transcript screen closed: unfreeze, collect and freeze again, shortly."""
    app.set_timer(AFTER_CLOSE_SECONDS, _collect_and_freeze)


def _collect_and_freeze() -> None:
    gc.unfreeze()
    gc.collect()
    gc.freeze()
