"""Review-suggestions mode and the disagreement view, driven by Pilot.

Assertions are on the database: suggestion_feedback rows, codings created only on an
accept, and consensus codings under the coder 'consensus'.
"""

from __future__ import annotations

from sqlalchemy import select

from cmo.core.text import find_quote
from cmo.store.schema import FeedbackRow
from cmo.tui.app import create_app
from tests.pilot import WORKBENCH_SIZE as SIZE
from tests.pilot import async_test


async def wait_for(pilot, condition, seconds: float = 60.0) -> None:
    """Pause until ``condition()`` holds (suggestions load in a worker thread)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out waiting for the screen")


def feedback(store) -> list[tuple]:
    table = FeedbackRow.__table__
    with store.read() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                select(table.c.start, table.c.code_id, table.c.answer, table.c.coder).order_by(
                    table.c.id
                )
            )
        ]


@async_test
async def test_review_accept_reject_pick_and_none_are_stored(project, sample_file):
    from cmo.ingest.service import import_files
    from cmo.tui.dialogs.code_picker import CodePicker
    from cmo.tui.screens.review import ReviewScreen

    import_files(project.store, [sample_file], casus="De Cirkel Almere", roles={"R": "cliënt"})
    store = project.store
    t = store.transcripts.get("cirkel-client1")
    app = create_app(project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ReviewScreen(store, t.id, coder="tester"))
        screen = app.screen
        await wait_for(pilot, lambda: screen.current is not None)
        shown = screen.current
        top = shown["suggestions"][0].code_id
        assert store.codings.all() == []  # suggestions are not codings
        await pilot.press("a")  # accept the top suggestion
        await wait_for(pilot, lambda: screen.current is not None)
        second = screen.current
        rejected = second["suggestions"][0].code_id
        await pilot.press("x")  # reject it: the next suggestion moves up
        await pilot.pause()
        assert screen.current is second and rejected not in [
            s.code_id for s in second["suggestions"]
        ]
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CodePicker)
        await pilot.press(*"o4", "enter")  # a code the suggester did not offer
        await wait_for(pilot, lambda: screen.current is not None)
        third = screen.current
        assert third["start"] > second["start"]
        await pilot.press("0")  # no code fits
        await wait_for(pilot, lambda: screen.finished and screen.current is None)
        assert "Nothing left" in str(screen.query_one("#review-where").render())
    rows = feedback(store)
    assert rows[:3] == [
        (shown["start"], top, "accept", "tester"),
        (second["start"], rejected, "reject", "tester"),
        (second["start"], "O4", "accept", "tester"),
    ]
    assert rows[3:] == [(third["start"], None, "none", "tester")]
    codings = {(c.start, c.end, c.code_id, c.coder) for c in store.codings.all()}
    assert codings == {
        (shown["start"], shown["end"], top, "tester"),
        (second["start"], second["end"], "O4", "tester"),
    }


@async_test
async def test_disagreements_record_consensus(coded_project):
    from cmo.tui.screens.disagreements import DisagreementsScreen

    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")

    def span(quote):
        ((start, end),) = find_quote(t.text, quote)
        return start, end

    # anna agrees on M3c, codes M1b where tester coded M1c and M2a, and skips M4.
    store.codings.add(t.id, *span("laagdrempelig"), "M3c", coder="anna")
    store.codings.add(t.id, *span("Elke dinsdag en donderdag"), "M1b", coder="anna")
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(DisagreementsScreen(store, t.id, ["tester", "anna"], actor="lead"))
        await pilot.pause()
        screen = app.screen
        assert [d.disputed for d in screen.items] == [("M1b", "M1c", "M2a"), ("M4",)]
        await pilot.press("2")  # turn with M1b/M1c/M2a: take anna's
        await pilot.pause()
        assert screen.position == 1
        await pilot.press("1")  # turn with M4: take tester's
        await pilot.pause()
        consensus = {(c.code_id, c.start, c.end) for c in store.codings.all(coder="consensus")}
        assert consensus == {
            ("M1b", *span("Elke dinsdag en donderdag")),
            ("M4", *span("via de schuldhulp")),
        }
        await pilot.press("up", "b")  # back to the first and take both coders' codes
        await pilot.pause()
    codes = sorted(c.code_id for c in store.codings.all(coder="consensus"))
    assert codes == ["M1b", "M1c", "M2a", "M4"]
    assert all(
        c.memo.startswith("consensus of tester, anna") for c in store.codings.all(coder="consensus")
    )
