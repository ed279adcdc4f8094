"""ctrl+r in the workbench: a wrong path keeps the dialog open, the wrong file is asked
about (and left alone when cancelled), and ctrl+z right after a replace undoes it."""

from __future__ import annotations

from cmo.tui.app import create_app
from cmo.tui.dialogs.choice import ChoiceDialog
from cmo.tui.dialogs.replace_file import ReplaceFileDialog
from cmo.tui.screens.transcript import TranscriptScreen

from .test_tui_workbench import SIZE, async_test, open_first_transcript

UNRELATED = """Verslag bewonersavond Ede
Op de avond kwamen veertig bewoners over de nieuwe speeltuin aan de Bosrand praten.
De wethouder beloofde in het voorjaar met een ontwerp terug te komen.
"""


async def _type_path(pilot, path) -> None:
    await pilot.press("ctrl+r")
    await pilot.pause()
    await pilot.click("#prompt-input")
    for ch in str(path):
        await pilot.press(ch if ch != "/" else "slash")
    await pilot.press("enter")
    await pilot.pause()


@async_test
async def test_a_wrong_path_keeps_the_dialog_open_with_a_message(coded_project, tmp_path):
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_transcript(pilot)
        await _type_path(pilot, tmp_path / "typo.txt")
        assert isinstance(app.screen, ReplaceFileDialog)
        message = str(app.screen.query_one("#replace-problem").render())
        assert "typo.txt: no such file" in message


@async_test
async def test_the_wrong_file_is_asked_about_and_cancel_leaves_the_transcript(
    coded_project, tmp_path
):
    store = coded_project.store
    before = store.logical_dump()
    wrong = tmp_path / "ede-bewonersavond.txt"
    wrong.write_text(UNRELATED, encoding="utf-8")
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_transcript(pilot)
        await _type_path(pilot, wrong)
        assert isinstance(app.screen, ChoiceDialog)
        assert "% of 'cirkel-client1' is found in ede-bewonersavond.txt" in app.screen.title_text
        await pilot.press("enter")  # the first option: cancel
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
    assert store.logical_dump() == before


@async_test
async def test_ctrl_z_right_after_a_replace_undoes_the_replace(coded_project, tmp_path):
    from tests.conftest import SAMPLE_INTERVIEW

    store = coded_project.store
    spans = sorted((c.id, c.start, c.end) for c in store.codings())
    corrected = tmp_path / "gecorrigeerd.txt"
    corrected.write_text(
        SAMPLE_INTERVIEW.replace("Via mijn klantmanager.", "Via mijn klantmanager, mevrouw X."),
        encoding="utf-8",
    )
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_transcript(pilot)
        await _type_path(pilot, corrected)
        assert "mevrouw X" in app.screen.doc.text
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        assert "mevrouw X" not in app.screen.doc.text
    assert "mevrouw X" not in store.transcripts()[0].text
    assert sorted((c.id, c.start, c.end) for c in store.codings()) == spans
