"""The coding workbench driven by keyboard and mouse through Textual's Pilot.

Every test asserts on the project database (``store.codings.all()``), not only on
what the screen shows.
"""

from __future__ import annotations

from cmo.tui.app import create_app
from cmo.tui.messages import CodingCommitted
from cmo.tui.screens.overview import OverviewScreen
from cmo.tui.screens.transcript import TranscriptScreen
from tests.pilot import WORKBENCH_SIZE as SIZE
from tests.pilot import async_test, open_first_transcript, select_sentence

TARGET = "Ze zei: ‘probeer het gewoon een keer’."


@async_test
async def test_whole_flow_code_memo_undo_redo_quit(coded_project):
    store = coded_project.store
    messages: list = []
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, TARGET)

        await pilot.press("c")
        await pilot.press(*"m3b")
        await pilot.pause()
        assert app.screen.shown[0].id == "M3b"
        await pilot.press("enter")
        await pilot.pause()

        m3b = store.codings.all(code_id="M3b")
        assert len(m3b) == 1
        text = store.transcripts.get(m3b[0].transcript_id).text
        assert text[m3b[0].start : m3b[0].end] == TARGET
        assert m3b[0].coder == coded_project.default_coder
        assert any(isinstance(m, CodingCommitted) and m.code_id == "M3b" for m in messages)
        assert "M3b" in str(app.screen.query_one("#info").render())

        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"eerlijk")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.codings.get(m3b[0].id).memo == "eerlijk"

        await pilot.press("ctrl+z")  # undoes the memo
        await pilot.pause()
        assert store.codings.get(m3b[0].id).memo == ""
        await pilot.press("ctrl+z")  # undoes the coding
        await pilot.pause()
        assert store.codings.all(code_id="M3b") == []
        assert all(c.code_id != "M3b" for c in screen.doc.codings)

        await pilot.press("ctrl+y")  # redoes the coding
        await pilot.pause()
        assert [c.id for c in store.codings.all(code_id="M3b")] == [m3b[0].id]
        assert any(c.code_id == "M3b" for c in screen.doc.codings)

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    assert len(store.codings.all()) == 5


@async_test
async def test_undo_works_after_a_restart(coded_project):
    store = coded_project.store
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, TARGET)
        await pilot.press("c", *"realist", "enter")
        await pilot.pause()
    assert len(store.codings.all(code_id="M3b")) == 1

    again = create_app(coded_project, show_times=False)
    async with again.run_test(size=SIZE) as pilot:
        await open_first_transcript(pilot)
        await pilot.press("ctrl+z")
        await pilot.pause()
    assert store.codings.all(code_id="M3b") == []


@async_test
async def test_picker_finds_m3b_first_by_id_name_or_keyword(coded_project):
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_transcript(pilot)
        await pilot.press("c")
        for query in ("m3b", "realist", "klantbenadering"):
            app.screen.query_one("#picker-input").value = ""
            await pilot.press(*query)
            await pilot.pause()
            assert app.screen.shown[0].id == "M3b", query
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
    assert coded_project.store.codings.all(code_id="M3b") == []


@async_test
async def test_recent_keys_remove_and_recode(coded_project):
    store = coded_project.store
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        recent = list(screen.recent)
        assert recent[0] == "M4"  # the fixture's last coding
        await select_sentence(pilot, screen, "Ik heb weer structuur.")
        await pilot.press("2")  # the second most recent code
        await pilot.pause()
        coded = store.codings.all(code_id=recent[1])
        assert any(screen.doc.text[c.start : c.end] == "Ik heb weer structuur." for c in coded)

        # Two codings sit there now (the fixture's M1c and this one): a chooser asks.
        assert {c.code_id for c in screen.targets()} == {"M1c", recent[1]}
        await pilot.press("r")
        await pilot.pause()
        keys = [key for key, _ in app.screen.options]
        new = next(c for c in coded if screen.doc.text[c.start : c.end] == "Ik heb weer structuur.")
        await pilot.press(*["down"] * keys.index(str(new.id)), "enter")
        await pilot.press(*"o1", "enter")  # change it into O1
        await pilot.pause()
        o1 = store.codings.all(code_id="O1")
        assert len(o1) == 1
        assert screen.doc.text[o1[0].start : o1[0].end] == "Ik heb weer structuur."

        await pilot.press("x")
        await pilot.pause()
        keys = [key for key, _ in app.screen.options]
        await pilot.press(*["down"] * keys.index(str(o1[0].id)), "enter")
        await pilot.pause()
        assert store.codings.all(code_id="O1") == []


@async_test
async def test_extend_select_turn_and_mouse_drag(coded_project):
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Ik heb weer structuur.")
        await pilot.press("shift+right")
        sel = screen.view.selection
        assert screen.doc.text[sel.start : sel.end] == "Ik heb weer structuur. Elke"
        await pilot.press("t")
        turn = screen.doc.turns[screen.doc.turn_at(sel.start)]
        sel = screen.view.selection
        assert (
            screen.doc.text[sel.start : sel.end] == screen.doc.text[turn.start : turn.end].strip()
        )
        await pilot.press("right_curly_bracket")  # extend by a turn: spans two turns
        sel = screen.view.selection
        assert screen.doc.turn_at(sel.end - 1) == screen.doc.turn_at(sel.start) + 1
        await pilot.press("c", *"m1c", "enter")
        await pilot.pause()
        spanning = [
            c for c in coded_project.store.codings.all(code_id="M1c") if c.end - c.start > 60
        ]
        assert len(spanning) == 1

        # The mouse: drag over "Ik heb weer structuur" and code it.
        view = screen.view
        y = next(
            y
            for y, line in enumerate(view.layout.lines)
            if screen.doc.text[line.start : line.end].startswith("Ik heb weer")
        )
        y -= view.scroll_offset.y
        x0 = view.text_x
        await pilot.mouse_down(view, offset=(x0 + 1, y))
        await pilot.hover(view, offset=(x0 + 14, y))
        await pilot.mouse_up(view, offset=(x0 + 14, y))
        sel = view.selection
        assert screen.doc.text[sel.start : sel.end] == "Ik heb weer structuur"
        await pilot.press("c", *"m2a", "enter")
        await pilot.pause()
        assert any(
            screen.doc.text[c.start : c.end] == "Ik heb weer structuur"
            for c in coded_project.store.codings.all(code_id="M2a")
        )


@async_test
async def test_emergent_code_from_the_picker(coded_project):
    store = coded_project.store
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Mijn schulden.")
        await pilot.press("c", *"sociaal netwerk", "ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    code = store.codebook.code("E1")
    assert code.emergent and code.name == "sociaal netwerk"
    [coding] = store.codings.all(code_id="E1")
    assert (
        store.transcripts.get(coding.transcript_id).text[coding.start : coding.end]
        == "Mijn schulden."
    )


@async_test
async def test_navigation_next_coding_uncoded_goto_and_transcript_memo(coded_project):
    store = coded_project.store
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await pilot.press("n")
        first = min(store.codings.all(), key=lambda c: c.start)
        sel = screen.view.selection
        assert (sel.start, sel.end) == (first.start, first.end)
        await pilot.press("u")
        sel = screen.view.selection
        turn = screen.doc.turns[screen.doc.turn_at(sel.start)]
        # Every answer is coded: u skips the interviewer's (uncoded) questions and stays.
        assert turn.speaker != "I" and (sel.start, sel.end) == (first.start, first.end)
        await pilot.press("g", "3", "enter")
        await pilot.pause()
        assert screen.doc.turns[screen.doc.turn_at(screen.view.selection.start)].index == 3
        await pilot.press("slash", *"schuldhulp", "enter")
        await pilot.pause()
        sel = screen.view.selection
        assert screen.doc.text[sel.start : sel.end] == "schuldhulp"
        await pilot.press("M", *"eerste indruk", "ctrl+s")
        await pilot.pause()
    assert store.memos.get("transcript", screen.doc.transcript.id).text == "eerste indruk"


@async_test
async def test_codebook_pane_lists_fragments_and_jumps(coded_project):
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        overview = app.screen
        overview.query_one("#code-tree").focus()
        pane = overview.query_one("CodebookPane")
        pane.show_fragments("M4")
        await pilot.pause()
        assert len(pane.fragments) == 1
        assert pane.fragments[0]["casus"] == "De Cirkel Almere"
        assert pane.fragments[0]["speaker"] == "R"
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        sel = screen.view.selection
        assert screen.doc.text[sel.start : sel.end] == "via de schuldhulp"


@async_test
async def test_speaker_filter_project_search_palette_help_theme(coded_project):
    from cmo.tui.palette import WorkbenchCommands

    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await pilot.press("f")
        await pilot.pause()
        options = app.screen.query_one("OptionList")
        options.highlighted = [o.id for o in options._options].index("I")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view.speaker_filter == {"I"}
        for _ in range(4):
            await pilot.press("down")
            assert screen.doc.turns[screen.doc.turn_at(screen.view.selection.start)].speaker == "I"
        await pilot.press("ctrl+f", *"koffie", "enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        sel = app.screen.view.selection
        assert app.screen.doc.text[sel.start : sel.end] == "koffie"

        names = [name for name, _, _ in WorkbenchCommands(app.screen)._commands()]
        for wanted in (
            "Code",
            "Undo",
            "Redo",
            "Memo",
            "Next coding",
            "Speaker filter",
            "Go to turn",
            "Help",
            "Search project",
            "Apply M3b Realistische klantbenadering",
        ):
            assert wanted in names
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape", "ctrl+t")
        assert app.theme == "textual-light"


@async_test
async def test_suggestion_pane_uses_the_given_suggester(coded_project):
    seen: list[str] = []

    def suggester(text: str) -> list[tuple[str, float]]:
        seen.append(text)
        return [("M1c", 0.9), ("O1", 0.2)]

    app = create_app(coded_project, show_times=False, suggester=suggester)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Mijn schulden.")
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert seen[-1] == "Mijn schulden."
        await pilot.press("alt+1")
        await pilot.pause()
    text = coded_project.store.transcripts.all()[0].text
    assert "Mijn schulden." in [
        text[c.start : c.end] for c in coded_project.store.codings.all(code_id="M1c")
    ]
