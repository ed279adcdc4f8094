"""Regression tests for bugs found by using the workbench in real 80×24 terminals.

Each test drives the app with Pilot, as a researcher would, and asserts on the
project database or on what the screen shows.
"""

from __future__ import annotations

from cmo.core.text import find_quote
from cmo.tui.app import create_app
from cmo.tui.screens.overview import OverviewScreen
from cmo.tui.screens.transcript import TranscriptScreen
from tests.pilot import async_test, open_first_transcript, select_sentence

SMALL = (80, 24)


async def cycle_view_to(pilot, screen: TranscriptScreen, view: str) -> None:
    """Press v (coder view) until ``view`` shows."""
    for _ in range(6):
        if screen.coder_view == view:
            return
        await pilot.press("v")
        await pilot.pause()
    raise AssertionError(f"never showed {view!r}")


def messages(app) -> list[str]:
    """Every notification the app showed, including those that already timed out:
    on a loaded machine a toast can expire between two key presses."""
    return list(app.notified)


def recording(app):
    """Wrap ``app.notify`` so that ``messages(app)`` sees each notification once."""
    app.notified = []
    notify = app.notify

    def record(message, *args, **kwargs):
        app.notified.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = record
    return app


@async_test
async def test_alt_digits_as_terminals_send_them_apply_suggestions(coded_project):
    """xterm, tmux, GNOME Terminal send ESC+1 for alt+1, which Textual reports as '¡'
    (and ™ £ for alt+2, alt+3, as option+digit on a Mac): those must apply too."""
    from cmo.tui.screens.help import help_markdown

    def suggester(text: str) -> list[tuple[str, float]]:
        return [("M1c", 0.9), ("O1", 0.5), ("M4", 0.2)]

    store = coded_project.store
    app = create_app(coded_project, show_times=False, suggester=suggester)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Mijn schulden.")
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("inverted_exclamation_mark")  # alt+1 from an xterm
        await pilot.press("pound_sign")  # alt+3
        await pilot.pause()
    text = store.transcripts.all()[0].text
    for code_id in ("M1c", "M4"):
        assert "Mijn schulden." in [
            text[c.start : c.end] for c in store.codings.all(code_id=code_id)
        ]
    assert not [
        c for c in store.codings.all(code_id="O1") if text[c.start : c.end] == "Mijn schulden."
    ]
    assert "alt+1" in help_markdown()


@async_test
async def test_new_code_dialog_scrolls_to_the_definition_at_80x24(coded_project):
    from cmo.tui.dialogs.new_code import NewCodeDialog

    store = coded_project.store
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Mijn schulden.")
        await pilot.press("c", *"schaamte", "ctrl+n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewCodeDialog)
        definition = dialog.query_one("#code-definition")
        dialog.set_focus(definition)
        await pilot.pause()
        box = dialog.query_one(".dialog")
        # The field the researcher types in is inside the visible part of the dialog.
        assert box.content_region.contains_region(definition.region)
        await pilot.press(*"schaamte over de uitkering", "ctrl+s")
        await pilot.pause()
    assert store.codebook.code("E1").definition == "schaamte over de uitkering"


@async_test
async def test_undoing_a_new_code_takes_it_off_the_number_keys(coded_project):
    store = coded_project.store
    app = recording(create_app(coded_project, show_times=False))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Mijn schulden.")
        await pilot.press("c", *"schaamte", "ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.recent[0] == "E1"
        await pilot.press("ctrl+z", "ctrl+z")  # the coding, then the code
        await pilot.pause()
        assert store.codebook.codes() and "E1" not in {c.id for c in store.codebook.codes()}
        assert "E1" not in screen.recent
        assert "E1" not in str(screen.query_one("#recent").render())
        before = len(store.codings.all())
        await pilot.press("1")  # now the code that was second: a real one
        await pilot.pause()
        assert not any("no code" in m for m in messages(app))
    assert len(store.codings.all()) == before + 1


@async_test
async def test_empty_cmoc_browser_names_the_key_that_builds_one(coded_project):
    from cmo.tui.screens.cmoc_browser import CmocBrowserScreen
    from cmo.tui.screens.transcript import TranscriptScreen

    build_key = next(b.key for b in TranscriptScreen.BINDINGS if b.action == "build_cmoc")
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, CmocBrowserScreen)
        hint = app.screen.query_one("#cmocs").border_subtitle
        assert hint.startswith(f"none yet: {build_key} in a transcript builds one")


@async_test
async def test_ctrl_n_in_the_consensus_picker_says_why_nothing_happens(coded_project):
    from cmo.tui.screens.disagreements import DisagreementsScreen

    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    ((start, end),) = find_quote(t.text, "Elke dinsdag en donderdag")
    store.codings.add(t.id, start, end, "M1b", coder="anna")
    app = recording(create_app(coded_project, show_times=False))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.push_screen(DisagreementsScreen(store, t.id, ["tester", "anna"], actor="lead"))
        await pilot.pause()
        before = len(store.codings.all())
        await pilot.press("c", *"nieuw", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, DisagreementsScreen)
        assert any("emergent" in m for m in messages(app))
    assert len(store.codings.all()) == before
    assert not [c for c in store.codebook.codes() if c.emergent]


@async_test
async def test_esc_closes_the_full_screen_codebook_of_the_overview(coded_project):
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        overview = app.screen
        assert isinstance(overview, OverviewScreen) and overview.has_class("narrow")
        await pilot.press("b")
        await pilot.pause()
        assert overview.has_class("show-codebook")
        assert not overview.query_one("#overview-left").display
        await pilot.press("escape")
        await pilot.pause()
        assert not overview.has_class("show-codebook")
        assert overview.focused is overview.query_one("#transcripts")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)


@async_test
async def test_cmoc_titles_widen_when_the_terminal_grows(coded_project):
    from cmo.tui.screens.cmoc_browser import CmocBrowserScreen

    title = "Laagdrempelig contact in de wijk geeft structuur"
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SMALL) as pilot:
        coded_project.store.cmocs.add(
            title=title, mechanisms=["M3c"], outcomes=["O1"], actor="tester"
        )
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CmocBrowserScreen)
        table = screen.query_one("#cmocs")
        narrow = [c.width for c in table.columns.values()][1]
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        wide = [c.width for c in table.columns.values()][1]
        assert narrow < wide and wide >= 40
        assert table.row_count == 1


@async_test
async def test_finished_review_says_so_in_the_fragment_box_at_80x24(coded_project):
    from cmo.tui.screens.review import ReviewScreen

    store = coded_project.store
    t = store.transcripts.all()[0]
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = ReviewScreen(store, t.id, coder="tester", stream=lambda *a, **k: iter(()))
        app.push_screen(screen)
        for _ in range(100):
            if screen.finished:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        box = str(screen.query_one("#review-text").render())
        assert "Nothing left to review" in box and "esc: back" in box
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)


@async_test
async def test_undo_of_a_coding_in_another_transcript_names_that_transcript(
    coded_project, sample_file, tmp_path
):
    from cmo.ingest.service import import_files

    store = coded_project.store
    second = tmp_path / "cirkel-client2.txt"
    second.write_text(sample_file.read_text(encoding="utf-8") + "\nI: Dank je.\n", "utf-8")
    import_files(store, [second], casus="De Cirkel Almere", roles={"R": "cliënt"})
    [other] = [t for t in store.transcripts.all() if t.name != "cirkel-client1"]
    ((start, end),) = find_quote(other.text, "laagdrempelig")
    coding = store.codings.add(other.id, start, end, "O1", coder=coded_project.default_coder)
    app = recording(create_app(coded_project, show_times=False, transcript="cirkel-client1"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        assert screen.doc.transcript.name == "cirkel-client1"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert coding.id not in [c.id for c in store.codings.all(other.id)]
        assert any(m.endswith(f"O1 in {other.name}") for m in messages(app))


@async_test
async def test_remove_and_memo_act_on_the_coders_own_coding_not_a_colleagues(coded_project):
    store = coded_project.store
    me = coded_project.default_coder
    t = store.transcripts.get("cirkel-client1")
    ((start, end),) = find_quote(t.text, "Mijn schulden.")
    theirs = store.codings.add(t.id, start, end, "O1", coder="anna")  # first in the list
    mine = store.codings.add(t.id, start, end, "O1", coder=me)
    assert me != "anna"
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Mijn schulden.")
        # Two codings there: a chooser asks, with the coder's own one first (enter).
        await pilot.press("m")
        await pilot.pause()
        assert [key for key, _ in app.screen.options][0] == str(mine.id)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"mijn memo", "ctrl+s")
        await pilot.pause()
        assert store.codings.get(mine.id).memo == "mijn memo"
        assert store.codings.get(theirs.id).memo == ""
        await pilot.press("x", "enter")
        await pilot.pause()
    left = [c for c in store.codings.all(code_id="O1") if (c.start, c.end) == (start, end)]
    assert [c.id for c in left] == [theirs.id]


@async_test
async def test_coding_in_another_coders_view_says_it_is_hidden(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    ((start, end),) = find_quote(t.text, "laagdrempelig")
    store.codings.add(t.id, start, end, "M3c", coder="anna")
    app = recording(create_app(coded_project, show_times=False))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Mijn schulden.")
        await cycle_view_to(pilot, screen, "anna")
        await pilot.press("c", *"m1c", "enter")
        await pilot.pause()
        assert any("only anna" in m and "does not show" in m for m in messages(app))
        await cycle_view_to(pilot, screen, "all coders")
        await pilot.press("c", *"o1", "enter")
        await pilot.pause()
        assert sum("does not show" in m for m in messages(app)) == 1, messages(app)
    made = {c.code_id for c in store.codings.all() if c.coder == coded_project.default_coder}
    assert {"M1c", "O1"} <= made


@async_test
async def test_b_goes_to_the_codebook_that_a_wide_terminal_opened_by_itself(coded_project):
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_first_transcript(pilot)
        assert screen.pane_shown("codebook") and screen.focused is screen.view
        await pilot.press("b")
        await pilot.pause()
        assert screen.pane_shown("codebook")
        assert screen.focused is screen.query_one("#code-tree")
        await pilot.press("b")  # in the pane: b closes it and goes back to the text
        await pilot.pause()
        assert not screen.pane_shown("codebook") and screen.focused is screen.view
        await pilot.press("b")
        await pilot.pause()
        assert screen.pane_shown("codebook")
        assert screen.focused is screen.query_one("#code-tree")


@async_test
async def test_ctrl_o_from_a_fragment_goes_back_to_the_open_browser(coded_project):
    from cmo.tui.dialogs.memo import MemoDialog
    from cmo.tui.screens.cmoc_browser import CmocBrowserScreen

    store = coded_project.store
    evidence = [c.id for c in store.codings.all() if c.code_id in ("M3c", "M1c")]
    store.cmocs.add(title="Huiskamer", mechanisms=["M3c"], outcomes=["O1"], evidence=evidence)
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SMALL) as pilot:
        await open_first_transcript(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        browser = app.screen
        assert isinstance(browser, CmocBrowserScreen)
        depth = len(app.screen_stack)
        for _ in range(3):  # browse: open a fragment, back to the list with ctrl+o
            if browser.focused is not browser.query_one("#evidence"):
                await pilot.press("enter")  # from the list to its evidence
            await pilot.press("enter")  # open the fragment
            await pilot.pause()
            assert isinstance(app.screen, TranscriptScreen)
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert app.screen is browser
        assert len(app.screen_stack) == depth
        await pilot.press("escape")  # one esc leaves the browser, from either table
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        # A dialog on top is never thrown away with what was typed in it.
        await pilot.press("ctrl+o", "m", *"half", "ctrl+o")
        await pilot.pause()
        assert any(isinstance(s, MemoDialog) for s in app.screen_stack)


@async_test
async def test_click_selects_a_word_and_double_click_a_sentence(coded_project):
    """A real terminal sends MouseDown, MouseUp and Click: the MouseUp must not crash."""
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Ik heb weer structuur.")
        view = screen.view
        y = next(
            y
            for y, line in enumerate(view.layout.lines)
            if screen.doc.text[line.start : line.end].startswith("Ik heb weer")
        )
        y -= view.scroll_offset.y
        await pilot.click(view, offset=(view.text_x + 8, y))  # on "weer"
        await pilot.pause()
        sel = view.selection
        assert screen.doc.text[sel.start : sel.end] == "weer"
        await pilot.double_click(view, offset=(view.text_x + 8, y))
        await pilot.pause()
        sel = view.selection
        assert screen.doc.text[sel.start : sel.end] == "Ik heb weer structuur."
