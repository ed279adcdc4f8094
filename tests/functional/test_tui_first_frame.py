"""The workbench's first frame (tui/first_frame.py): drawn once, after Textual's start-up
batch; what reads every coding (the counts) and the other screens' style sheets follow
it, and are then what they would have been without the wait."""

from __future__ import annotations

from collections import Counter

from cmo.store.project import open_project
from cmo.tui.app import EVERY_SCREENS_CSS, HERE, create_app
from cmo.tui.screens.transcript import TranscriptScreen
from tests.pilot import async_test, open_first_transcript

WIDE = (160, 48)  # wide enough for the overview's codebook pane


def shown(app) -> dict:
    """What the overview shows: the transcript rows and the codebook's code labels."""
    screen = app.screen
    table = screen.query_one("#transcripts")
    pane = screen.query_one("CodebookPane")
    return {
        "rows": [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)],
        "codes": {code: str(node.label) for code, node in pane.code_nodes.items()},
    }


def label_count(label: str) -> str:
    """The count column of a code label (``■ M3b    2 name``): five characters after the
    marker and the id."""
    return label[7:12].strip()


def recording_frames(app) -> list[tuple[bool, dict | None]]:
    """Each frame the app hands to the terminal: (inside a batch, what it showed)."""
    frames: list[tuple[bool, dict | None]] = []
    display = app._display

    def recorded(screen, renderable) -> None:
        if renderable is not None:
            listed = type(screen).__name__ == "OverviewScreen" and screen.summaries
            frames.append((app._batch_count > 0, shown(app) if listed else None))
        display(screen, renderable)

    app._display = recorded
    return frames


@async_test
async def test_the_first_frame_lists_the_transcripts_and_the_counts_follow(coded_project):
    store = coded_project.store
    codings = store.codings.all()
    per_code = Counter(c.code_id for c in codings)
    assert per_code, "the fixture has codings"
    project = open_project(coded_project.path, full_later=True)  # as `cmo open` does
    try:
        app = create_app(project, show_times=False)
        frames = recording_frames(app)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause()
            settled = shown(app)
        assert frames and not any(batched for batched, _ in frames), "a frame drawn in a batch"
        first = next(what for _, what in frames if what is not None)
        # The list is there from the first frame; the two count columns are blank in it.
        assert [row[1] for row in first["rows"]] == [row[1] for row in settled["rows"]]
        assert all(row[-1] == "" and row[-2].strip() == "" for row in first["rows"])
        assert all(label_count(label) == "" for label in first["codes"].values())
        # Then the counts, recomputed here from the codings themselves.
        assert settled["rows"][0][-1] == str(len(codings))
        for code, label in settled["codes"].items():
            assert label_count(label) == str(per_code.get(code, 0)), label
    finally:
        project.close()


@async_test
async def test_the_other_screens_style_sheets_are_read_after_the_first_frame(coded_project):
    app = create_app(coded_project, show_times=False)
    transcript_css = str(HERE / "screens" / "transcript.tcss")
    at_first_frame = []
    display = app._display

    def recorded(screen, renderable) -> None:
        if renderable is not None and not app._batch_count and not at_first_frame:
            at_first_frame.append(app.stylesheet.has_source(transcript_css))
        display(screen, renderable)

    app._display = recorded
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert at_first_frame == [False]
        assert all(app.stylesheet.has_source(str(HERE / name)) for name in EVERY_SCREENS_CSS)
        reparsed = []
        reparse = app.stylesheet.reparse
        app.stylesheet.reparse = lambda: (reparsed.append(1), reparse())[1]
        screen = await open_first_transcript(pilot)
        assert isinstance(screen, TranscriptScreen)
        assert reparsed == []  # its style sheet was read already: no reparse on opening
        assert screen.query_one("#side").styles.width.value == 44  # transcript.tcss applies


@async_test
async def test_the_collector_paused_for_the_start_runs_again_after_the_first_frame(
    coded_project,
):
    import gc

    from cmo.tui import collector

    assert gc.isenabled()
    collector.pause_for_start()  # as `cmo open` does, before its imports
    try:
        app = create_app(coded_project, show_times=False)
        during = []
        display = app._display

        def recorded(screen, renderable) -> None:
            if renderable is not None and not during:
                during.append(gc.isenabled())
            display(screen, renderable)

        app._display = recorded
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause()
            assert during == [False]  # paused up to the first frame
            assert gc.isenabled()  # and running again after it
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_collector_the_caller_paused_stays_paused():
    import gc

    from cmo.tui import collector

    gc.disable()
    try:
        collector.pause_for_start()
        collector.start_is_over()
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
