"""The analysis screens reached with the workbench's own keys, from a transcript.

Assertions are on the database and on the transcript shown after coming back.
"""

from __future__ import annotations

from cmo.core.text import find_quote
from cmo.suggest.ranker import Suggestion
from cmo.tui.app import create_app
from cmo.tui.screens.transcript import TranscriptScreen
from tests.pilot import WORKBENCH_SIZE as SIZE
from tests.pilot import async_test

TARGET = "Ze zei: ‘probeer het gewoon een keer’."


async def open_at(pilot, sentence: str) -> TranscriptScreen:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TranscriptScreen)
    for _ in range(len(screen.doc.sentences)):
        sel = screen.view.selection
        if screen.doc.text[sel.start : sel.end] == sentence:
            return screen
        await pilot.press("down")
    raise AssertionError(f"never selected {sentence!r}")


@async_test
async def test_o_builds_a_cmoc_from_the_turn_of_the_selection(coded_project):
    from cmo.tui.dialogs.cmoc_builder import CmocBuilder
    from cmo.tui.screens.cmoc_browser import CmocBrowserScreen
    from cmo.tui.screens.frequencies import FrequenciesScreen

    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    ((start, end),) = find_quote(t.text, "Via mijn klantmanager")
    c1 = store.codings.add(t.id, start, end, "C1", coder="tester")
    m3c = store.codings.all(code_id="M3c")[0]
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        transcript = await open_at(pilot, TARGET)  # uncoded sentence in a coded turn
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, CmocBuilder)
        await pilot.press(*"Klantmanager verwijst", "ctrl+s")
        await pilot.pause()
        assert app.screen is transcript
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, CmocBrowserScreen)
        assert [x.id for x in app.screen.items] == ["CMOC-01"]
        await pilot.press("escape", "F")
        await pilot.pause()
        assert isinstance(app.screen, FrequenciesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is transcript
    (made,) = store.cmocs.all()
    assert (made.title, made.contexts, made.mechanisms) == (
        "Klantmanager verwijst",
        ("C1",),
        ("M3c",),
    )
    assert set(made.evidence) == {c1.id, m3c.id}


@async_test
async def test_D_and_R_record_consensus_and_accepts_shown_on_return(coded_project, monkeypatch):
    from cmo.suggest import api
    from cmo.tui.screens.disagreements import DisagreementsScreen
    from cmo.tui.screens.review import ReviewScreen

    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    ((start, end),) = find_quote(t.text, "Elke dinsdag en donderdag")
    store.codings.add(t.id, start, end, "M1b", coder="anna")
    turn = next(
        u for u in store.transcripts.turns(t.id) if "Mijn schulden" in t.text[u.start : u.end]
    )

    def one_fragment(_store, transcript_id, top=3, level="turn"):
        yield {
            "transcript_id": transcript_id,
            "turn": turn.index,
            "speaker": turn.speaker,
            "start": turn.start,
            "end": turn.end,
            "text": t.text[turn.start : turn.end],
            "coded": [],
            "suggestions": [Suggestion("O2", "Voorkómen van uitval", "O", 0.8, "lexicon", "test")],
        }

    monkeypatch.setattr(api, "review_stream", one_fragment)
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        transcript = await open_at(pilot, TARGET)
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, DisagreementsScreen)
        assert app.screen.coders == ["anna", "tester"]
        # Turn with M3c (tester only) first; the next is anna's M1b against M1c and M2a.
        assert app.screen.current.codes["anna"] == ()
        await pilot.press("j", "1")  # take anna's M1b
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is transcript
        assert "M1b" in {c.code_id for c in transcript.doc.codings if c.coder == "consensus"}

        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        for _ in range(100):
            if app.screen.current is not None:
                break
            await pilot.pause(0.02)
        await pilot.press("a", "escape")
        await pilot.pause()
        assert app.screen is transcript
        shown = {(c.code_id, c.start, c.end) for c in transcript.doc.codings}
        assert ("O2", turn.start, turn.end) in shown
    assert [c.code_id for c in store.codings.all(coder="consensus")] == ["M1b"]
    assert [(c.start, c.end) for c in store.codings.all(code_id="O2")] == [(turn.start, turn.end)]
