"""Keys typed ahead of a dialog reach the dialog, not the screen behind it.

A fast typist (or a loaded machine) sends `g 5 enter` before the "Go to turn" dialog has
mounted. Textual hands a key to whatever is focused when the app reads it; before the
dialog has composed nothing is focused and the key is lost. So the app holds a key while
the top screen is a dialog still mounting, and while a dialog that has just been answered
waits for its answer to be handled (which may push the next dialog).
"""

from __future__ import annotations

import asyncio

WAIT_AT_MOST = 1.0
"""Seconds a key is held at most, so that a dialog that never settles cannot hang input."""


class KeyAhead:
    """Mixin for a modal dialog; pair it with AUTO_FOCUS so focus is set at compose time."""

    def key_ahead_ready(self) -> asyncio.Event:
        ready = self.__dict__.get("_key_ahead_ready")
        if ready is None:
            ready = self.__dict__["_key_ahead_ready"] = asyncio.Event()
        return ready

    def _on_mount(self) -> None:
        self.key_ahead_ready().set()

    def dismiss(self, result=None):
        callbacks = getattr(self, "_result_callbacks", [])
        requester = callbacks[-1].requester if callbacks else None
        awaited = super().dismiss(result)
        if requester is not None:
            # The answer is handled by call_next on the requester; release held keys after it.
            gate = asyncio.Event()
            self.app.key_gate = gate
            requester.call_next(gate.set)
        return awaited


class KeyOrder:
    """Hand the app one key at a time: the next waits until the last one has been handled.

    Textual forwards a key to the focused widget and checks non-priority bindings only when
    the key bubbles back to the app, behind any keys typed meanwhile; so `g 5` gave the `5`
    to the transcript before `g` had opened its dialog. Keys that arrive while one is in
    flight wait here, and follow the one in flight up the DOM until it is handled.
    """

    def __init__(self, app) -> None:
        self.app = app
        self.waiting: list = []
        self.busy = False
        self.turn = 0
        self.settling: asyncio.Task | None = None  # kept: a bare task may be collected

    def take(self, event) -> bool:
        """True: the app handles ``event`` now (it is followed); False: it waits its turn."""
        if self.busy:
            self.waiting.append(event)
            return False
        self.busy = True
        self.turn += 1
        # Should the key vanish with a closing screen, the next one goes after a moment.
        turn = self.turn
        self.app.set_timer(WAIT_AT_MOST, lambda: self.unstick(turn))
        return True

    async def unstick(self, turn: int) -> None:
        if self.busy and turn == self.turn:
            await self.release()

    def follow(self, event, node) -> None:
        """Call back once ``node`` has processed ``event``; go on to its parent if it bubbled."""

        def after() -> None:
            parent = node.parent
            if event._stop_propagation or parent is None or node is self.app:
                self.app.call_later(self.next)
            else:
                self.follow(event, parent)

        if not node.call_later(after):  # a closed widget: nothing left to wait for
            self.app.call_later(self.next)

    def next(self) -> None:
        """Let what the key set off settle (an input's submit reaching its dialog, a
        dialog's answer pushing the next one), then hand over the next waiting key."""
        if not self.waiting:
            self.busy = False
            return
        chain = []
        node = self.app.focused
        while node is not None and node is not self.app:
            chain.append(node)
            node = node.parent
        self.settle(chain)

    def settle(self, chain: list) -> None:
        if chain:
            node = chain.pop(0)
            if not node.call_later(self.settle, chain):
                self.app.call_later(self.release)
            return
        gate = getattr(self.app, "key_gate", None)
        if gate is not None and not gate.is_set():
            self.app.key_gate = None
            self.settling = asyncio.get_running_loop().create_task(self.release_after(gate))
        else:
            self.app.call_later(self.release)

    async def release_after(self, gate: asyncio.Event) -> None:
        await _wait(gate)
        self.app.call_later(self.release)

    async def release(self) -> None:
        self.busy = False
        if self.waiting:
            await self.app.on_event(self.waiting.pop(0))


async def wait_until_ready(app) -> None:
    """Hold a key until the dialog it is meant for can take it."""
    gate = getattr(app, "key_gate", None)
    if gate is not None:
        await _wait(gate)
        app.key_gate = None
    try:
        screen = app.screen
    except Exception:  # no screen yet: nothing to wait for
        return
    if isinstance(screen, KeyAhead):
        await _wait(screen.key_ahead_ready())


async def _wait(event: asyncio.Event) -> None:
    if not event.is_set():
        try:
            await asyncio.wait_for(event.wait(), WAIT_AT_MOST)
        except TimeoutError:
            pass
