"""The analysis screens of the workbench (CMOCs, candidates, frequencies) driven by Pilot.

Every test asserts on the project database, not only on what the screen shows.
"""

from __future__ import annotations

import pytest

from cmo.core.text import find_quote
from cmo.tui.app import create_app
from tests.pilot import ANALYSIS_SIZE as SIZE
from tests.pilot import async_test


def code(store, quote: str, code_id: str, coder: str = "tester"):
    t = store.transcripts.get("cirkel-client1")
    ((start, end),) = find_quote(t.text, quote)
    return store.codings.add(t.id, start, end, code_id, coder=coder)


async def loaded(pilot, screen, seconds: float = 20.0) -> None:
    """Wait until a screen that computes in a worker thread has filled in."""
    for _ in range(int(seconds / 0.02)):
        if not screen.busy:
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen never finished loading")


@pytest.fixture
def cmo_project(coded_project):
    """The coded interview plus a context and an outcome in the turns of its mechanisms."""
    store = coded_project.store
    code(store, "Via mijn klantmanager", "C1")
    code(store, "Elke dinsdag en donderdag sta ik vroeg op", "O1")
    return coded_project


@async_test
async def test_builder_saves_cmoc_with_codes_and_evidence(cmo_project):
    from cmo.tui.dialogs.cmoc_builder import CmocBuilder, build_cmoc_from_codings

    store = cmo_project.store
    codings = [c for c in store.codings.all() if c.code_id in ("C1", "M3c", "O1")]
    app = create_app(cmo_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        build_cmoc_from_codings(app, codings)
        await pilot.pause()
        assert isinstance(app.screen, CmocBuilder)
        await pilot.press(*"Drempel weg")
        await pilot.press("tab")  # codes list: untick nothing
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, CmocBuilder)
    (made,) = store.cmocs.all()
    assert made.title == "Drempel weg"
    assert (made.contexts, made.mechanisms, made.outcomes) == (("C1",), ("M3c",), ("O1",))
    assert set(made.evidence) == {c.id for c in codings}
    assert made.casus_id == store.casussen.get("De Cirkel Almere").id


@async_test
async def test_browser_edits_fired_memo_jumps_to_evidence_and_removes(cmo_project):
    from cmo.tui.screens.cmoc_browser import CmocBrowserScreen
    from cmo.tui.screens.transcript import TranscriptScreen

    store = cmo_project.store
    m3c = store.codings.all(code_id="M3c")[0]
    c1 = store.codings.all(code_id="C1")[0]
    made = store.cmocs.add(
        title="Drempel",
        contexts=["C1"],
        mechanisms=["M3c"],
        outcomes=["O1"],
        evidence=[m3c.id, c1.id],
        actor="tester",
    )
    app = create_app(cmo_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(CmocBrowserScreen(store, "tester"))
        await pilot.pause()
        browser = app.screen
        # In text order: 'Via mijn klantmanager' (C1) comes before 'laagdrempelig' (M3c).
        assert [e.coding_id for e in browser.evidence] == [c1.id, m3c.id]
        assert "laagdrempelig" in browser.evidence[1].quote
        assert browser.evidence[1].speaker.endswith("R")  # the participant, as in exports

        await pilot.press("f")
        await pilot.pause()
        await pilot.press("down", "enter")  # geactiveerd → niet geactiveerd
        await pilot.pause()
        assert store.cmocs.get(made.id).fired == "niet geactiveerd"

        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"klopt met theorie", "ctrl+s")
        await pilot.pause()
        assert store.cmocs.get(made.id).memo == "klopt met theorie"

        await pilot.press("enter")  # into the evidence table
        await pilot.press("down", "enter")  # open the second fragment
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        sel = app.screen.view.selection
        assert (sel.start, sel.end) == (m3c.start, m3c.end)

        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is browser
        await pilot.press("u")  # unlink the highlighted fragment (M3c)
        await pilot.pause()
        assert store.cmocs.get(made.id).evidence == (c1.id,)
        assert store.codings.get(m3c.id).code_id == "M3c"  # the coding itself stays
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("down", "enter")  # 'Yes, remove'
        await pilot.pause()
    assert store.cmocs.all() == []


@async_test
async def test_candidates_confirm_one_into_a_cmoc(cmo_project):
    from cmo.tui.screens.candidates import CandidatesScreen

    store = cmo_project.store
    app = create_app(cmo_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(CandidatesScreen(store, "tester"))
        await pilot.pause()
        screen = app.screen
        await loaded(pilot, screen)
        assert screen.items == []  # no turn holds a C, an M and an O code
        await pilot.press("w", "w")  # a turn and the two after it
        await loaded(pilot, screen)
        assert screen.window == 2
        first = screen.items[0]
        assert (first.context, first.outcome) == ("C1", "O1")
        await pilot.press("enter")
        await pilot.pause()
        await loaded(pilot, screen)
        assert screen.items[0].covered_by  # the list now knows it is a CMOC
    (made,) = store.cmocs.all()
    assert (made.contexts, made.mechanisms, made.outcomes) == (("C1",), (first.mechanism,), ("O1",))
    assert set(made.evidence) == set(first.evidence)
    assert made.casus_id == first.casus_id


@async_test
async def test_frequencies_switch_by_family_and_per(cmo_project):
    from cmo.analysis.corpus import load_corpus
    from cmo.analysis.frequencies import frequency_table
    from cmo.tui.screens.frequencies import FrequenciesScreen

    store = cmo_project.store
    app = create_app(cmo_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(FrequenciesScreen(store))
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#freq")
        expected = {c.code_id for c in store.codings.all()}
        assert set(screen.table.rows) == expected
        assert table.row_count == len(expected) + 1  # plus the totals row
        assert str(table.get_cell("M3c", table.ordered_columns[3].key)).startswith("1 · ")

        await pilot.press("f")  # C only
        await pilot.pause()
        assert screen.table.rows == ["C1"]
        await pilot.press("b", "p")  # by participant, per 1,000 words
        await pilot.pause()
        assert (screen.by, screen.per, screen.family) == ("participant", "1000-words", "C")
        again = frequency_table(load_corpus(store), by="participant", family="C", per="1000-words")
        assert screen.table.counts == again.counts and screen.table.cols == again.cols
