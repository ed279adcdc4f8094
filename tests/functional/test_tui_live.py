"""The transcript screen keeps up with the team: coder views, changes made elsewhere, and
accepted suggestions feeding the learner."""

from __future__ import annotations

from sqlalchemy import select

from cmo.core.text import find_quote
from cmo.store.schema import FeedbackRow
from cmo.tui.app import create_app
from tests.pilot import WORKBENCH_SIZE as SIZE
from tests.pilot import async_test, open_first_transcript, select_sentence


def second_coder(project) -> None:
    """Bert codes two fragments: one as anna's 'tester' did (M3c), one differently."""
    store = project.store
    t = store.transcripts.all()[0]
    ((s, e),) = find_quote(t.text, "laagdrempelig")
    store.codings.add(t.id, s, e, "M3c", coder="bert")
    ((s, e),) = find_quote(t.text, "Ik heb weer structuur")
    store.codings.add(t.id, s, e, "M2a", coder="bert")


@async_test
async def test_v_cycles_all_one_coder_and_disagreements(coded_project):
    second_coder(coded_project)
    store = coded_project.store
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        everyone = {c.id for c in store.codings.all()}
        assert {c.id for c in screen.doc.codings} == everyone
        seen = []
        for _ in range(4):
            await pilot.press("v")
            await pilot.pause()
            seen.append(
                (
                    screen.coder_view,
                    {c.coder for c in screen.doc.codings},
                    {c.code_id for c in screen.doc.codings},
                )
            )
        views = [view for view, _, _ in seen]
        assert views == ["bert", "tester", "disagreements", "all coders"]
        assert seen[0][1] == {"bert"} and seen[1][1] == {"tester"}
        # Per turn: both coded M3c in the koffie turn and M2a in the structuur turn (agreed,
        # hidden); only tester coded M1c there and M4 in the schulden turn (disputed).
        assert seen[2][2] == {"M1c", "M4"}
        assert {c.id for c in screen.doc.codings} == everyone


@async_test
async def test_changes_made_elsewhere_appear_after_a_poll(coded_project):
    store = coded_project.store
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        before = len(screen.doc.codings)
        t = store.transcripts.all()[0]
        ((s, e),) = find_quote(t.text, "Mijn schulden.")
        # The same as another terminal or the CLI would do: straight into the store.
        added = store.codings.add(t.id, s, e, "M4", coder="colleague")
        screen.poll_changes()
        await pilot.pause()
        assert added.id in {c.id for c in screen.doc.codings}
        assert len(screen.doc.codings) == before + 1
        store.codings.remove(added.id, actor="colleague")
        screen.poll_changes()
        await pilot.pause()
        assert added.id not in {c.id for c in screen.doc.codings}


@async_test
async def test_accepting_a_suggestion_records_feedback(coded_project):
    app = create_app(
        coded_project, show_times=False, suggester=lambda text: [("M1c", 0.9), ("O1", 0.2)]
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Mijn schulden.")
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("alt+1")
        await pilot.pause()
    store = coded_project.store
    with store.read() as conn:
        feedback = conn.execute(select(FeedbackRow.__table__)).mappings().all()
    text = store.transcripts.all()[0].text
    assert [(text[f["start"] : f["end"]], f["code_id"], f["answer"]) for f in feedback] == [
        ("Mijn schulden.", "M1c", "accept")
    ]
    assert (
        len(
            [
                c
                for c in store.codings.all(code_id="M1c")
                if text[c.start : c.end] == "Mijn schulden."
            ]
        )
        == 1
    )


@async_test
async def test_ctrl_r_replaces_the_transcript_and_codings_move_along(coded_project, tmp_path):
    from tests.samples import SAMPLE_INTERVIEW

    corrected = tmp_path / "gecorrigeerd.txt"
    corrected.write_text(
        SAMPLE_INTERVIEW.replace(
            "Via mijn klantmanager.", "Via mijn klantmanager, mevrouw X."
        ).replace("Zijn er dingen", "Zijn er nog dingen"),
        encoding="utf-8",
    )
    store = coded_project.store
    quotes_before = sorted(
        (c.code_id, store.transcripts.all()[0].text[c.start : c.end]) for c in store.codings.all()
    )
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_transcript(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.click("#prompt-input")
        for ch in str(corrected):
            await pilot.press(ch if ch != "/" else "slash")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert "mevrouw X" in screen.doc.text
    text = store.transcripts.all()[0].text
    assert "mevrouw X" in text
    assert sorted((c.code_id, text[c.start : c.end]) for c in store.codings.all()) == quotes_before
    assert {c.status for c in store.codings.all()} == {"ok"}
