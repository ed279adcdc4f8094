"""The workbench tried in tmux at 160×48 and 80×24: each test reproduces one thing the
tester found (digit pins, key-ahead into dialogs, resizing, cut text, esc, relabelling)."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from cmo.core.changes import describe
from cmo.core.domain import Coding
from cmo.core.text import find_quote
from cmo.tui.app import create_app
from cmo.tui.dialogs.choice import ChoiceDialog
from cmo.tui.screens.cmoc_browser import CmocBrowserScreen
from cmo.tui.screens.frequencies import FrequenciesScreen
from cmo.tui.screens.overview import OverviewScreen
from cmo.tui.state.margin import fit_margin, margin_labels
from tests.pilot import WORKBENCH_SIZE as SIZE
from tests.pilot import async_test, open_first_transcript
from tests.samples import coded_focusgroepen


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


# ---- 2. keys typed before a dialog has mounted reach the dialog ------------------------


@async_test
async def test_keys_typed_ahead_reach_the_goto_and_pin_dialogs(coded_project):
    store = coded_project.store
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await type_ahead(pilot, "g", "5", "enter")
        assert not isinstance(app.screen, ChoiceDialog)
        assert screen is app.screen
        doc = screen.doc
        assert doc.turns[doc.turn_at(screen.view.selection.start)].index == 5
        await type_ahead(pilot, "P", "m", "4", "enter", "3")
        assert app.screen is screen
        assert screen.keys.code_on(3) == "M4"
    assert store.settings.pins(coded_project.default_coder) == {3: "M4"}


# ---- 10. relabelling a speaker keeps their role ----------------------------------------


@async_test
async def test_relabelling_a_speaker_keeps_the_role(coded_project):
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        doc = screen.doc
        turn = next(t for t in doc.turns if t.index >= 0 and doc.role(t))
        await pilot.press("g", *str(turn.index), "enter", "S", "enter")
        await pilot.pause()
        prompt = app.screen.query_one("#prompt-input", Input)
        prompt.value = "Truus"
        await pilot.press("enter")
        await pilot.pause()
        doc = screen.doc
        again = doc.turns[doc.turn_at(screen.view.selection.start)]
        assert (again.index, again.speaker) == (turn.index, "Truus")
        assert doc.role(again) == doc.role(turn) != ""
        people = coded_project.store.participants.all(doc.transcript.casus_id)
        assert {p.label: p.role for p in people}.get("Truus") == doc.role(turn)


# ---- 9. a narrow margin still names a code ---------------------------------------------


def test_a_narrow_margin_names_one_code_before_plus_n():
    codings = [
        Coding(id=1, transcript_id=1, start=0, end=9, code_id="O3.4", coder="a", memo="m"),
        Coding(id=2, transcript_id=1, start=0, end=9, code_id="M4", coder="b"),
    ]
    labels = margin_labels(codings, coder="a")
    shown, more = fit_margin(labels, 7)  # "O3.4✎ +1" is 8: the id without its mark
    assert (more, [label.text for label in shown]) == ("+1", ["O3.4"])
    shown, more = fit_margin(labels, 6)  # "O3.4 +1" is 7: the next id that fits
    assert (more, [label.text for label in shown]) == ("+1", ["M4"])
    shown, more = fit_margin(labels, 12)
    assert (more, [label.text for label in shown]) == ("", ["O3.4✎", "M4°"])
    shown, more = fit_margin(labels[:1], 3)
    assert (more, [label.text for label in shown]) == ("", ["O3…"])


# ---- 7. one esc leaves the CMOC screen; F replaces it instead of stacking --------------


@async_test
async def test_one_esc_leaves_the_cmoc_screen_and_f_replaces_it(coded_project):
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, CmocBrowserScreen)
        await pilot.press("tab", "escape")
        await pilot.pause()
        assert app.screen is overview
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, FrequenciesScreen)
        assert not any(isinstance(s, CmocBrowserScreen) for s in app.screen_stack)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is overview


# ---- 11. the change log says what each change was about ---------------------------------


def test_the_log_names_memos_accepted_suggestions_and_relabelled_turns(coded_project):
    store = coded_project.store
    t = store.transcripts.all()[0]
    store.memos.set("transcript", t.id, "Eerste indruk: open gesprek", author="tester")
    (memo,) = store.history.recent(limit=1)
    assert describe(memo) == f"on transcript {t.id}: «Eerste indruk: open gesprek»"
    ((s, e),) = find_quote(t.text, "Mijn schulden.")
    store.feedback.accept(t.id, s, e, "O1", coder="tester", source="model", score=0.93)
    (accepted,) = store.history.recent(limit=1)
    assert (
        describe(accepted) == f"O1 [{s}:{e}] of tester in transcript {t.id} (suggested, score 0.93)"
    )
    turn = next(x for x in store.transcripts.turns(t.id) if x.index >= 0)
    store.participants.relabel_turn(t.id, turn.index, "Truus", actor="tester")
    (relabel,) = store.history.recent(limit=1)
    assert describe(relabel) == f"turn {turn.index}: {turn.speaker} → Truus"


@async_test
async def test_recent_activity_groups_repeats_and_lines_up(coded_project):
    store = coded_project.store
    t = store.transcripts.all()[0]
    for text in ("een", "twee", "drie"):
        store.memos.set("transcript", t.id, text, author="tester")
    ((s, e),) = find_quote(t.text, "Mijn schulden.")
    store.feedback.accept(t.id, s, e, "O1", coder="tester", source="model", score=0.9)
    turn = next(x for x in store.transcripts.turns(t.id) if x.index >= 0)
    store.participants.relabel_turn(t.id, turn.index, "Truus", actor="tester")
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        lines = str(app.screen.query_one("#activity").render()).splitlines()
    assert lines[0].split()[:2] == ["turn.relabel", "turn"]
    assert lines[1].split()[:2] == ["suggestion.accept", "O1"]
    assert lines[2].split()[:4] == ["memo.set", "×3", "transcript", str(t.id)]
    assert sum("memo.set" in line for line in lines) == 1
    # the "what" column starts at the same place on every line
    starts = {
        len(line) - len(line.split(maxsplit=1 if "×" not in line else 2)[-1]) for line in lines[:3]
    }
    assert len(starts) == 1, lines


# ---- 12. a span over two turns says so in the status line ------------------------------


@async_test
async def test_the_status_line_names_both_turns_of_a_span(coded_project):
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await pilot.press("g", "2", "enter", "right_curly_bracket")
        await pilot.pause()
        doc, sel = screen.doc, screen.view.selection
        assert doc.turns[doc.turn_at(sel.end - 1)].index == 3
        info = str(app.screen.query_one("#info").render())
        assert info.startswith("turns 2–3 "), info


# ---- 6. at 80 columns the footer still shows help and the palette ---------------------


@async_test
async def test_help_and_palette_keys_show_in_full_at_80_columns(coded_project):
    from cmo.tui.widgets.fitting_footer import FittingFooter

    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for opener in ((), ("enter",), ("escape", "ctrl+o")):
            await pilot.press(*opener)
            await pilot.pause()
            footer = app.screen.query_one(FittingFooter)
            line = footer.render().plain
            keys = footer.placed
            shown = {k.action for k in keys if k.right <= 80}
            assert "help" in {a.removeprefix("app.") for a in shown}, (app.screen, shown)
            assert "command_palette" in {a.removeprefix("app.") for a in shown}
            assert " ? Help " in line and " ^p " in line, line
            if opener:  # the transcript and the CMOC browser: the way back shows too
                assert "undo" in shown and " ^z Undo " in line, line
            ends = sorted(k.right for k in keys)
            assert len(keys) >= 3 and ends[-1] <= 80 and len(line) <= 80


# ---- 5. messages cover neither the status line nor the number keys --------------------


@async_test
async def test_a_message_covers_neither_the_status_line_nor_the_keys(coded_project):
    from textual.widgets._toast import Toast

    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_first_transcript(pilot)
        screen.notify("Removed C3 (ctrl+z to undo).")  # as after x
        await pilot.pause(0.3)
        toasts = list(app.screen.query(Toast)) or list(app.query(Toast))
        assert toasts
        lines = [screen.query_one("#info").region, screen.query_one("#recent").region]
        for toast in toasts:
            assert toast.region.width
            assert not any(toast.region.overlaps(line) for line in lines), toast.region
    assert app.NOTIFICATION_TIMEOUT <= 3


# ---- 3. a resize adapts the layout as a start at that size does ------------------------


@async_test
async def test_narrowing_the_terminal_hides_the_codebook_and_keeps_the_footer(coded_project):
    from cmo.tui.widgets.fitting_footer import FittingFooter

    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_first_transcript(pilot)
        assert screen.pane_shown("codebook")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not screen.pane_shown("codebook")
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert screen.pane_shown("codebook")
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        footer = app.screen.query_one(FittingFooter).region
        assert footer.height == 1 and footer.bottom == 24, footer


# ---- 12. the palette exports the matrix, the mechanism table and QDPX ------------------


@async_test
async def test_the_palette_exports_qdpx_and_the_matrix(coded_project):
    import zipfile

    from cmo.tui.exports import written_path

    written = []
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for name in ("Export the project as QDPX", "Export the CMO matrix"):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*name)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            written.append(written_path(app.last_export))
    qdpx, matrix = written
    assert qdpx.suffix == ".qdpx" and qdpx.parent == coded_project.path / "exports"
    with zipfile.ZipFile(qdpx) as archive:
        assert "project.qde" in archive.namelist()
    assert matrix.suffix == ".xlsx" and matrix.stat().st_size > 0


@async_test
async def test_suggestions_say_they_are_loading_and_reasons_keep_to_one_line(coded_project):
    import threading
    from types import SimpleNamespace

    release = threading.Event()

    def slow(text):  # a first call that loads a model
        release.wait(5)
        reason = "matches the keywords schulden, geld, rekeningen, betalen, budget " * 3
        return [SimpleNamespace(code_id="O1", score=0.9, reason=reason)]

    app = create_app(coded_project, show_times=False, suggester=slow)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await pilot.press("s")
        await pilot.pause()
        pane = screen.query_one("#suggestions")
        assert "Loading suggestions…" in str(pane.render())
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(pane.render()).splitlines()
        assert shown[0].split()[:2] == ["alt+1", "O1"]
        assert shown[1].startswith("      matches the keywords") and shown[1].endswith("…")
        assert len(shown[1]) <= pane.content_size.width


# ---- 4. the frequency table at 80 columns keeps its totals and cuts names visibly ------


@async_test
async def test_frequencies_at_80_columns_keep_the_totals_in_view(project, tmp_path):
    from textual.widgets import DataTable

    store = project.store
    coded_focusgroepen(
        store,
        tmp_path,
        ("Participatiehuis Sittard-Geleen", "Service voor de Wijk Ede", "De Cirkel"),
    )
    app = create_app(project, show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("F")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FrequenciesScreen)
        for _ in range(2):  # by casus, then by participant
            table = screen.query_one("#freq", DataTable)
            ft = screen.table
            headers = [str(c.label) for c in table.columns.values()]
            total_at = headers.index("Total")
            assert sum(c.width + 2 for c in list(table.columns.values())[: total_at + 1]) <= 78
            totals = [
                str(row[total_at]) for row in (table.get_row_at(i) for i in range(table.row_count))
            ]
            expected = ft.col_totals if screen.transposed else ft.row_totals
            assert totals[:-1] == [str(n) for n in expected] and totals[-1] == str(ft.total)
            await pilot.press("b")
            await pilot.pause()
