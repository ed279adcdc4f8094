"""ctrl+r in the workbench: a wrong path keeps the dialog open, the wrong file is asked
about (and left alone when cancelled), and ctrl+z right after a replace undoes it."""

from __future__ import annotations

from cmo.core.text import find_quote
from cmo.tui.app import create_app
from cmo.tui.dialogs.choice import ChoiceDialog
from cmo.tui.dialogs.replace_file import ReplaceFileDialog
from cmo.tui.screens.transcript import TranscriptScreen
from tests.pilot import WORKBENCH_SIZE as SIZE
from tests.pilot import async_test, open_first_transcript

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
    from tests.samples import SAMPLE_INTERVIEW

    store = coded_project.store
    spans = sorted((c.id, c.start, c.end) for c in store.codings.all())
    corrected = tmp_path / "gecorrigeerd.txt"
    corrected.write_text(
        SAMPLE_INTERVIEW.replace("Via mijn klantmanager.", "Via mijn klantmanager, mevrouw X."),
        encoding="utf-8",
    )
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(160, 48)) as pilot:  # wide: the codebook pane shows
        await open_first_transcript(pilot)
        await _type_path(pilot, corrected)
        assert "mevrouw X" in app.screen.doc.text
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        assert "mevrouw X" not in app.screen.doc.text
    assert "mevrouw X" not in store.transcripts.all()[0].text
    assert sorted((c.id, c.start, c.end) for c in store.codings.all()) == spans


def _replace_losing_trots(project, tmp_path) -> int:
    """Replace the interview by a version without 'daar ben ik trots op': its M2a coding
    is flagged for review. Returns that coding's id."""
    from cmo.ingest.replace import replace_from_file
    from tests.samples import SAMPLE_INTERVIEW

    corrected = tmp_path / "zonder-trots.txt"
    corrected.write_text(SAMPLE_INTERVIEW.replace(", daar ben ik trots op", ""), encoding="utf-8")
    report = replace_from_file(project.store, "cirkel-client1", corrected, actor="tester")
    (coding_id,) = report.review_ids
    return coding_id


def _gutter_text(screen) -> str:
    view = screen.view
    return "\n".join("".join(s.text for s in view.render_line(y)) for y in range(view.size.height))


@async_test
async def test_review_codings_are_marked_listed_and_settled_with_keys(coded_project, tmp_path):
    from cmo.tui.dialogs.review_list import ReviewListDialog

    store = coded_project.store
    coding_id = _replace_losing_trots(coded_project, tmp_path)
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        assert "M2a!" in _gutter_text(screen)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ReviewListDialog)
        await pilot.press("enter")  # go there
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        coding = store.codings.get(coding_id)
        assert (screen.view.selection.start, screen.view.selection.end) == (
            coding.start,
            coding.end,
        )
        assert "M2a! to review" in str(screen.query_one("#info").render())
        # p, select the right text (the whole turn), p: re-placed and settled
        await pilot.press("p")
        await pilot.press("t")
        await pilot.press("p")
        await pilot.pause()
        placed = store.codings.get(coding_id)
        assert placed.status == "ok" and placed.end - placed.start > coding.end - coding.start
        assert "M2a!" not in _gutter_text(screen)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert store.codings.get(coding_id).status == "review"
        await pilot.press("a")
        await pilot.pause()
        assert store.codings.get(coding_id).status == "ok"
        assert (store.codings.get(coding_id).start, store.codings.get(coding_id).end) == (
            coding.start,
            coding.end,
        )


@async_test
async def test_help_keeps_every_key_on_one_line_in_a_narrow_terminal(coded_project):
    from cmo.tui.screens.help import help_markdown

    KEYS = help_markdown()

    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        shown = app.screen.query_one("#help-keys")
        lines = ["".join(s.text for s in shown.render_line(y)) for y in range(shown.size.height)]
    keys = [
        line.split("|")[2].strip().replace("`", "")
        for line in KEYS.splitlines()
        if line.startswith("| ") and not line.startswith("| Where")
    ]
    for key in keys:
        assert any(key in line for line in lines), f"'{key}' is wrapped or missing"


@async_test
async def test_deciding_a_disagreement_in_the_workbench_settles_it(coded_project):
    from cmo.analysis.consensus import decisions
    from cmo.tui.screens.disagreements import DisagreementsScreen

    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    (span,) = find_quote(t.text, "Elke dinsdag en donderdag")
    store.codings.add(t.id, *span, "M1b", coder="anna")
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(DisagreementsScreen(store, t.id, ["tester", "anna"], actor="lead"))
        await pilot.pause()
        screen = app.screen
        first, second, *_ = screen.items
        await pilot.press("0")  # the first: no code applies
        await pilot.press("2")  # the second: as anna
        await pilot.press("up", "up")
        await pilot.pause()
        shown = str(screen.query_one("#dis-consensus").render())
    decided = decisions(store, t.id)
    assert set(decided) == {(first.start, first.end), (second.start, second.end)}
    assert decided[(first.start, first.end)].text == "no code applies (none)"
    assert decided[(second.start, second.end)].text == "M1b (as anna)"
    assert "settled: no code applies" in shown
