"""Helpers for driving the workbench through Textual's Pilot (``App.run_test()``)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import time

# Terminal sizes of the Pilot tests: the workbench's usual size, and a wider one the
# analysis screens need to show every column.
WORKBENCH_SIZE = (120, 40)
ANALYSIS_SIZE = (140, 44)


# Textual's Pilot waits after every key and pause() until the app looks idle: it sleeps in
# slices of 20 ms until a slice in which the process used < 1/20 of it in CPU, so a key
# costs >= 40 ms asleep and the Pilot tests spent two thirds of their time sleeping. The
# tests use the same rule in 2 ms slices, and also do not call the app idle while one of
# its running timers is due within the 20 ms a Textual slice would have covered (Textual
# resizes through a timer of 1/120 s). A test that needs a worker thread awaits it, as before.
IDLE_SLICE = 0.002
TIMER_HORIZON = 0.02


def _sleeping_timer(handle: asyncio.TimerHandle):
    """The Textual Timer whose sleep ``handle`` ends, if it is one."""
    from textual.timer import Timer

    future = handle._args[0] if handle._args else None  # noqa: SLF001
    for callback, _context in getattr(future, "_callbacks", None) or ():
        task = getattr(callback, "__self__", None)
        frame = (
            getattr(task.get_coro(), "cr_frame", None) if isinstance(task, asyncio.Task) else None
        )
        owner = frame.f_locals.get("self") if frame is not None else None
        if isinstance(owner, Timer):
            return owner
    return None


def _timer_due_soon(loop: asyncio.AbstractEventLoop) -> bool:
    """A sleep ends within TIMER_HORIZON that is not a paused Textual timer (the screen's
    update timer sleeps one more period after each update, paused) nor the screen's update
    timer (it paints what the widgets hold, and pause() paints anyway)."""
    now = loop.time()
    for handle in loop._scheduled:  # noqa: SLF001 - asyncio keeps its timers here
        if handle.cancelled() or handle.when() - now >= TIMER_HORIZON:
            continue
        timer = _sleeping_timer(handle)
        if timer is None or (timer._active.is_set() and timer.name != "screen_update"):  # noqa: SLF001
            return True
    return False


async def wait_for_idle(min_sleep: float = IDLE_SLICE, max_sleep: float = 1) -> None:
    """``textual._wait.wait_for_idle`` in short slices (see above)."""
    loop = asyncio.get_running_loop()
    started = time.monotonic()
    while True:
        cpu = time.process_time()
        await asyncio.sleep(IDLE_SLICE)
        cpu_used = time.process_time() - cpu
        elapsed = time.monotonic() - started
        if elapsed >= max_sleep:
            return
        if elapsed > min_sleep and cpu_used < IDLE_SLICE / 20 and not _timer_due_soon(loop):
            return


@contextlib.contextmanager
def use_quick_idle_check():
    """Pilot (its keys, pause()) waits with ``wait_for_idle`` above while inside."""
    import textual.app
    import textual.pilot

    modules = (textual.app, textual.pilot)
    saved = [module.wait_for_idle for module in modules]  # fails loudly if Textual moves it
    for module in modules:
        module.wait_for_idle = wait_for_idle
    try:
        yield
    finally:
        for module, original in zip(modules, saved, strict=True):
            module.wait_for_idle = original


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


async def open_codebook_pane(pilot):
    """Open the first transcript and its codebook pane (b); return the pane and its tree."""
    screen = await open_first_transcript(pilot)
    await pilot.press("b")
    await pilot.pause()
    pane = screen.query_one("CodebookPane")
    return pane, pane.query_one("#code-tree")


async def select_sentence(pilot, screen, sentence: str) -> None:
    """Press ↓ until ``sentence`` is selected (as a user would)."""
    for _ in range(len(screen.doc.sentences)):
        sel = screen.view.selection
        if screen.doc.text[sel.start : sel.end] == sentence:
            return
        await pilot.press("down")
    raise AssertionError(f"never selected {sentence!r}")
