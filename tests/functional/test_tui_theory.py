"""The programme-theory screen and linked coding, driven through run_test().

Every test asserts on the project database, not only on what the screen shows.
"""

from __future__ import annotations

from cmo.core.text import find_quote
from cmo.tui.app import create_app
from cmo.tui.state.selection import Selection
from tests.pilot import ANALYSIS_SIZE as SIZE
from tests.pilot import async_test


def _theory_project(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    codings = {c.code_id: c.id for c in store.codings.all()}
    made = store.cmocs.add(
        mechanisms=["M3c"], evidence=[codings["M3c"], codings["M1c"]], actor="tester"
    )
    store.theory.new_version("ronde 1", actor="tester")
    return store, t, made


@async_test
async def test_theory_screen_sets_status_confidence_and_flips_a_fragment(coded_project):
    from cmo.tui.screens.theory import TheoryScreen

    store, _t, made = _theory_project(coded_project)
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TheoryScreen)
        assert screen.theory.cmocs[0].cmoc.id == made.id
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # hypothese → ondersteund → verfijnd
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # laag → middel → hoog
        await pilot.pause()
        await pilot.press("tab", "d")  # the first fragment becomes evidence against
        await pilot.pause()
        shown = screen.theory.cmocs[0]
        assert (shown.entry.status, shown.entry.confidence) == ("verfijnd", "hoog")
        assert shown.counts.fragments_against == 1
    entry = store.theory.version().entries[made.id]
    assert (entry.status, entry.confidence) == ("verfijnd", "hoog")
    assert store.cmocs.get(made.id).against == (min(made.evidence),)


@async_test
async def test_linked_coding_codes_c_m_o_and_attaches_against_an_existing_cmoc(coded_project):
    from cmo.tui.dialogs.linked_coding import LinkedCodingDialog
    from cmo.tui.screens.transcript import TranscriptScreen

    store, t, made = _theory_project(coded_project)
    ((start, end),) = find_quote(t.text, "Ik heb weer structuur")
    before = len(store.codings.all())
    app = create_app(coded_project, show_times=False, transcript="cirkel-client1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        screen.view.select(Selection.span(start, end))
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LinkedCodingDialog)
        dialog.query_one("#linked-C").value = "C1"
        dialog.query_one("#linked-M").value = "M1c"
        dialog.query_one("#linked-O").value = "O2"
        dialog.query_one("#linked-cmoc").value = made.id
        dialog.query_one("#linked-direction").value = "weerspreekt"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
    added = [c for c in store.codings.all() if c.start == start and c.end == end]
    assert sorted(c.code_id for c in added) == ["C1", "M1c", "O2"]
    # The fragment was coded M1c already: that coding is reused, not doubled.
    assert len(store.codings.all()) == before + 2
    after = store.cmocs.get(made.id)
    assert {c.id for c in added} <= set(after.against)


@async_test
async def test_linked_coding_makes_a_new_cmoc_of_the_codes(coded_project):
    from cmo.tui.dialogs.linked_coding import LinkedCodingDialog

    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    ((start, end),) = find_quote(t.text, "Ik heb weer structuur")
    app = create_app(coded_project, show_times=False, transcript="cirkel-client1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.view.select(Selection.span(start, end))
        await pilot.press("ctrl+l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LinkedCodingDialog)
        dialog.query_one("#linked-M").value = "M1c"
        dialog.query_one("#linked-O").value = "O2"
        await pilot.press("ctrl+s")
        await pilot.pause()
    (made,) = store.cmocs.all()
    assert (made.mechanisms, made.outcomes) == (("M1c",), ("O2",))
    assert made.against == () and len(made.evidence) == 2
    assert made.casus_id == store.casussen.get("De Cirkel Almere").id
