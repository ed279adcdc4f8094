"""Snapshot tests of the workbench (pytest-textual-snapshot).

Content is deterministic: a fixed coder, no clock times, no paths on screen, no
cursor blink. Update the SVGs with ``pytest --snapshot-update`` after checking them.
"""

from __future__ import annotations

import pytest

from cmo.core.text import find_quote
from cmo.tui.app import create_app


@pytest.fixture
def overlapping_project(coded_project):
    """The fixture interview with nested and overlapping codings added."""
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    for quote, code in [
        ("Ik heb weer structuur. Elke dinsdag en donderdag sta ik vroeg op.", "O3.4"),
        ("En ik heb een cursus computervaardigheden gedaan, daar ben ik trots op", "M2a"),
        ("Elke dinsdag en donderdag sta ik vroeg op. En ik heb een cursus", "M1c"),
        ("Via mijn klantmanager. Ze zei: ‘probeer het gewoon een keer’.", "M3a"),
        ("Ze zei: ‘probeer het gewoon een keer’. Het is hier laagdrempelig", "C1"),
    ]:
        ((start, end),) = find_quote(t.text, quote)
        store.codings.add(t.id, start, end, code, coder="tester")
    return coded_project


def _no_blink(app) -> None:
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False


class TestOverview:
    def test_overview(self, snap_compare, coded_project):
        app = create_app(coded_project, show_times=False)
        assert snap_compare(app, terminal_size=(120, 36))

    def test_overview_small_terminal(self, snap_compare, coded_project):
        app = create_app(coded_project, show_times=False)
        assert snap_compare(app, terminal_size=(80, 24))


class TestTranscript:
    def test_overlapping_codings(self, snap_compare, overlapping_project):
        app = create_app(overlapping_project, show_times=False)

        async def run_before(pilot) -> None:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("ctrl+down", "ctrl+down", "down")

        assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)

    def test_picker_after_typing(self, snap_compare, overlapping_project):
        app = create_app(overlapping_project, show_times=False)

        async def run_before(pilot) -> None:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()
            _no_blink(pilot.app)
            await pilot.press(*"klantbenadering")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)

    def test_codebook_pane_with_fragments(self, snap_compare, overlapping_project):
        app = create_app(overlapping_project, show_times=False)

        async def run_before(pilot) -> None:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("b")
            await pilot.pause()
            pilot.app.screen.query_one("CodebookPane").show_fragments("M2a")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(140, 40), run_before=run_before)


@pytest.fixture
def project_with_cmoc(overlapping_project):
    """The overlapping codings and a CMOC with their evidence (for the CMOC browser)."""

    store = overlapping_project.store
    evidence = [c.id for c in store.codings.all() if c.code_id in ("M3c", "M2a", "O3.4")]
    store.cmocs.add(actor="tester", title="Laagdrempelig contact geeft structuur",
        mechanisms=["M3c", "M2a"], outcomes=["O3.4"], evidence=evidence,
    )  # fmt: skip
    return overlapping_project


SIZES = [(80, 24), (160, 48)]


class TestMainScreensAtTwoSizes:
    """Overview, transcript, frequencies and CMOC browser in an 80×24 and a 160×48
    terminal: no cut numbers or headers (the Pilot tests in test_tui_workbench_fixes.py
    check the widths; these keep the whole picture)."""

    @pytest.mark.parametrize("size", SIZES)
    def test_overview(self, snap_compare, project_with_cmoc, size):
        app = create_app(project_with_cmoc, show_times=False)
        assert snap_compare(app, terminal_size=size)

    @pytest.mark.parametrize("size", SIZES)
    def test_transcript(self, snap_compare, project_with_cmoc, size):
        app = create_app(project_with_cmoc, show_times=False)

        async def run_before(pilot) -> None:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("ctrl+down", "ctrl+down", "down", "greater_than_sign")
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES)
    def test_frequencies(self, snap_compare, project_with_cmoc, size):
        app = create_app(project_with_cmoc, show_times=False)

        async def run_before(pilot) -> None:
            await pilot.press("F")
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES)
    def test_cmoc_browser(self, snap_compare, project_with_cmoc, size):
        app = create_app(project_with_cmoc, show_times=False)

        async def run_before(pilot) -> None:
            await pilot.press("ctrl+o")
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.fixture
def focusgroepen_project(project, tmp_path):
    """Three coded focus groups in casussen with long names (headers that must wrap)."""
    from tests.samples import coded_focusgroepen

    coded_focusgroepen(
        project.store,
        tmp_path,
        ("Participatiehuis Sittard-Geleen", "Service voor de Wijk Ede", "De Cirkel"),
    )
    return project


class TestFrequenciesOfFocusGroups:
    """Long casus names as headers, and the participants of three focus groups."""

    @pytest.mark.parametrize("size", SIZES)
    def test_by_casus(self, snap_compare, focusgroepen_project, size):
        app = create_app(focusgroepen_project, show_times=False)

        async def run_before(pilot) -> None:
            await pilot.press("F")
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES)
    def test_by_participant(self, snap_compare, focusgroepen_project, size):
        app = create_app(focusgroepen_project, show_times=False)

        async def run_before(pilot) -> None:
            await pilot.press("F")
            await pilot.pause()
            await pilot.press("b")
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=run_before)
