"""The transcript session (the headless core of the transcript screen) and what it
brought: a suggestion accepted as one undoable change, speaker corrections in the
workbench, and no reload after the researcher's own change."""

from __future__ import annotations

from cmo.core.text import find_quote
from cmo.suggest.persist import work_counts
from cmo.tui.app import create_app
from cmo.tui.dialogs.choice import ChoiceDialog
from cmo.tui.dialogs.prompt import PromptDialog
from cmo.tui.state.session import TranscriptSession
from cmo.tui.widgets.transcript_view import TranscriptView
from tests.pilot import WORKBENCH_SIZE as SIZE
from tests.pilot import async_test, open_first_transcript, select_sentence


def span_of(store, quote: str) -> tuple[int, int, int]:
    t = store.transcripts.all()[0]
    ((start, end),) = find_quote(t.text, quote)
    return t.id, start, end


def test_session_actions_say_what_changed_and_only_others_changes_are_polled(coded_project):
    store = coded_project.store
    tid, start, end = span_of(store, "Ik heb weer structuur.")
    session = TranscriptSession(store, tid, "tester")
    before = len(session.doc.codings)
    change = session.code(start, end, "O3.4")
    assert change.codings and change.coding.code_id == "O3.4"
    assert len(session.doc.codings) == before + 1
    assert session.poll() is None  # our own change: nothing to reload
    removed = session.remove(change.coding)
    assert removed.codings and len(session.doc.codings) == before
    assert session.poll() is None
    undone = session.step("undo")  # brings the O3.4 back and selects it
    assert undone.select == (start, end) and len(session.doc.codings) == before + 1
    assert session.poll() is None and session.reloads == 0
    store.codings.add(tid, start, end, "M4", coder="colleague")  # someone else
    polled = session.poll()
    assert polled is not None and polled.codings and session.reloads == 1
    assert any(c.coder == "colleague" for c in session.doc.codings)


@async_test
async def test_accepting_a_suggestion_is_one_change_that_undo_takes_back_whole(coded_project):
    store = coded_project.store
    app = create_app(coded_project, show_times=False, suggester=lambda text: [("O3.4", 0.91)])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Elke dinsdag en donderdag sta ik vroeg op.")
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        codings, answers = work_counts(store)
        changes = len(store.history.recent(limit=1000))
        await pilot.press("alt+1")
        await pilot.pause()
        assert work_counts(store) == (codings + 1, answers + 1)
        assert len(store.history.recent(limit=1000)) == changes + 1  # one change, not three
        new = [c for c in screen.doc.codings if c.code_id == "O3.4"]
        assert len(new) == 1 and store.codings.all(code_id="O3.4")[0].id == new[0].id
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert work_counts(store) == (codings, answers)  # the answer went with the coding
        assert not [c for c in screen.doc.codings if c.code_id == "O3.4"]
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert work_counts(store) == (codings + 1, answers + 1)
        assert screen.reloads == 0


async def choose(pilot, app, key: str) -> None:
    """Pick the option ``key`` of the ChoiceDialog on screen, with the arrow keys."""
    assert isinstance(app.screen, ChoiceDialog)
    keys = [k for k, _ in app.screen.options]
    await pilot.press(*["down"] * keys.index(key), "enter")
    await pilot.pause()


@async_test
async def test_a_turn_gets_another_speaker_and_a_participant_is_merged_undoably(coded_project):
    store = coded_project.store
    tid = store.transcripts.all()[0].id
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Mijn schulden.")
        turn = screen.doc.turns[screen.doc.turn_at(screen.view.selection.start)]
        assert turn.speaker == "R"
        await pilot.press("S")
        await pilot.pause()
        await choose(pilot, app, "relabel")
        assert isinstance(app.screen, PromptDialog)
        await pilot.press(*["backspace"] * 3, *"Marieke", "enter")
        await pilot.pause()
        relabelled = {t.index: t.speaker for t in store.transcripts.turns(tid)}
        assert relabelled[turn.index] == "Marieke"
        assert [t.speaker for t in screen.doc.turns if t.index == turn.index] == ["Marieke"]
        labels = {p.label.rsplit("/", 1)[-1] for p in store.participants.all()}
        assert "Marieke" in labels  # a new participant (labels are per transcript here)

        # Marieke was R after all: merge her into R.
        await pilot.press("S")
        await pilot.pause()
        await choose(pilot, app, "merge")
        r = next(p for p in store.participants.all() if p.label.endswith("/R"))
        await choose(pilot, app, str(r.id))
        assert not [p for p in store.participants.all() if p.label.endswith("Marieke")]
        merged = next(t for t in store.transcripts.turns(tid) if t.index == turn.index)
        assert merged.participant_id == r.id

        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert {t.index: t.speaker for t in store.transcripts.turns(tid)}[turn.index] == "R"
        assert not [p for p in store.participants.all() if p.label.endswith("Marieke")]
        assert [t.speaker for t in screen.doc.turns if t.index == turn.index] == ["R"]
        assert screen.reloads == 0


@async_test
async def test_the_help_screen_lists_every_bound_key_from_the_one_table(coded_project):
    from cmo.tui.keys import key_rows
    from cmo.tui.screens.help import HelpScreen

    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_first_transcript(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys").content
        shown = list(zip(*(col.cells for col in table.columns), strict=True))
    assert shown == [tuple(row) for row in key_rows()]
    listed = {(where, keys) for where, keys, _ in shown}
    for expected in [("anywhere", "T"), ("anywhere", "ctrl+l"), ("text", "S"), ("text", "n")]:
        assert expected in listed, expected
    # Every key the transcript screen and its text view answer to is in the table.
    bound = {b.key.split(",")[0] for b in screen.BINDINGS if b.description}
    bound |= {b.key.split(",")[0] for b in TranscriptView.BINDINGS if b.description}
    from cmo.tui.keys import key_label

    table_keys = " ".join(keys for _, keys, _ in shown)
    missing = [k for k in bound if key_label(k).split()[0] not in table_keys]
    assert not missing, missing
