"""Helpers for driving the workbench through Textual's Pilot (``App.run_test()``)."""

from __future__ import annotations

import asyncio
import functools

# Terminal sizes of the Pilot tests: the workbench's usual size, and a wider one the
# analysis screens need to show every column.
WORKBENCH_SIZE = (120, 40)
ANALYSIS_SIZE = (140, 44)


def async_test(fn):
    """Run an async test without a pytest asyncio plugin (none is installed)."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return run


async def open_first_transcript(pilot):
    """From the overview, open the first transcript (Enter) and return its screen."""
    from cmo.tui.screens.overview import OverviewScreen
    from cmo.tui.screens.transcript import TranscriptScreen

    await pilot.pause()
    assert isinstance(pilot.app.screen, OverviewScreen)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TranscriptScreen)
    return screen


async def select_sentence(pilot, screen, sentence: str) -> None:
    """Press ↓ until ``sentence`` is selected (as a user would)."""
    for _ in range(len(screen.doc.sentences)):
        sel = screen.view.selection
        if screen.doc.text[sel.start : sel.end] == sentence:
            return
        await pilot.press("down")
    raise AssertionError(f"never selected {sentence!r}")
