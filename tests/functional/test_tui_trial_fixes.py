"""The workbench tried in tmux at 160×48 and 80×24: each test reproduces one thing the
tester found (digit pins, key-ahead into dialogs, resizing, cut text, esc, relabelling)."""

from __future__ import annotations

from textual import events

from cmo.tui.app import create_app
from cmo.tui.dialogs.choice import ChoiceDialog

from .test_tui_workbench import SIZE, async_test, open_first_transcript


async def type_ahead(pilot, *keys: str) -> None:
    """Queue every key at once, as a fast typist does while a dialog is still mounting."""
    for key in keys:
        char = key if len(key) == 1 else None
        pilot.app._driver.send_message(events.Key(key, char))
    await pilot.pause()
    await pilot.pause()


# ---- 1. typing a digit pins to it; replacing a pin names the code it replaces ----------


@async_test
async def test_typing_a_digit_in_the_pin_dialog_pins_to_that_digit(coded_project):
    store = coded_project.store
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await pilot.press("P", *"m1a", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("5")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
        assert screen.keys.code_on(5) == "M1a"
    assert store.settings.pins(coded_project.default_coder) == {5: "M1a"}


@async_test
async def test_replacing_a_pin_says_which_code_it_replaces(coded_project):
    store = coded_project.store
    messages: list = []
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        old = screen.keys.code_on(1)
        assert old is not None
        app.notify = lambda message, **kw: messages.append(message)  # type: ignore[method-assign]
        await pilot.press("P", *"o1", "enter", "1")
        await pilot.pause()
        assert screen.keys.code_on(1) == "O1"
    assert store.settings.pins(coded_project.default_coder) == {1: "O1"}
    assert any(f"replacing {old}" in m for m in messages), messages
