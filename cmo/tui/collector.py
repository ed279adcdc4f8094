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
_paused_for_start = False


def pause_for_start() -> None:
    """``cmo open``: no collection until the first frame is on the terminal. Start-up
    makes ~150,000 objects that live as long as the app (modules, Textual, the overview's
    rows) and next to no garbage, and each collection on the way walked all of them:
    15-20 ms of the ~0.4 s to a 1M-word project's overview."""
    global _paused_for_start
    if gc.isenabled():
        gc.disable()
        _paused_for_start = True


def start_is_over() -> None:
    """The first frame is out: what start-up made is frozen, the collector runs again."""
    global _paused_for_start
    gc.freeze()
    if _paused_for_start:
        _paused_for_start = False
        gc.enable()


def freeze_long_lived() -> None:
    gc.freeze()


def collect_soon(app) -> None:
    """After a transcript screen closed: unfreeze, collect and freeze again, shortly."""
    app.set_timer(AFTER_CLOSE_SECONDS, _collect_and_freeze)


def _collect_and_freeze() -> None:
    gc.unfreeze()
    gc.collect()
    gc.freeze()
