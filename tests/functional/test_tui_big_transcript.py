"""The workbench on a big transcript (200,000 words, 5,000 codings): it opens without
reading everything, and every key still works at the far end of the text: ``end``,
coding the last sentence, a selection over two turns, search, scrolling back up."""

from __future__ import annotations

import random

import pytest

from cmo.core.domain import Code
from cmo.core.text import sentence_spans
from cmo.ingest.service import import_files
from cmo.store.project import init_project
from cmo.store.stamps import new_guid, now
from cmo.tui.app import create_app
from cmo.tui.state.layout import BLANK, EXACT_UP_TO, HEADER, TEXT, Line, wrap
from tests.pilot import WORKBENCH_SIZE, async_test, open_first_transcript

WORDS = 200_000
NEEDLE = "Zeldzame zebra's zwemmen zelden in de gracht."
SENTENCES = [
    "Via mijn klantmanager ben ik hier terechtgekomen.",
    "Het is hier laagdrempelig en er staat altijd koffie klaar.",
    "Ik heb weer structuur in mijn week.",
    "Mijn begeleider is eerlijk over wat haalbaar is.",
    "De regels van de gemeente maken het soms lastig.",
    "Kleine stappen, zegt ze dan, niet te veel tegelijk.",
]


def big_text(words: int) -> str:
    rng = random.Random(3)
    lines, count = ["Focusgroep (gegenereerd)", ""], 0
    while count < words:
        speaker = "GL" if rng.random() < 0.2 else rng.choice(["Marieke", "Ahmed", "Joke"])
        turn = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 14)))
        lines.append(f"{speaker}: {turn}")
        count += len(turn.split()) + 1
    lines.insert(len(lines) - 40, f"Joke: {NEEDLE} Dat zie je niet vaak.")
    lines.append("Marieke: Dat was het dan. Tot de volgende keer!")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def big_project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    source = folder / "groot.txt"
    source.write_text(big_text(WORDS), encoding="utf-8")
    project = init_project(folder / "proj", name="big", coder="tester")
    store = project.store
    store.codebook.add(Code("O1", "O", "Uitkomst"), actor="tester")
    store.codebook.add(Code("M1", "M", "Mechanisme"), actor="tester")
    import_files(store, [source], casus="Groot", kind="focusgroep")
    transcript = store.transcripts.all()[0]
    spans = [
        s
        for t in store.transcripts.turns(transcript.id)
        for s in sentence_spans(transcript.text, t.start, t.end)
    ]
    stamp = now()
    rows = [
        (transcript.id, s, e, "M1", "tester", "", stamp, stamp, "ok", new_guid())
        for s, e in spans[: len(spans) - 10 : 6]
    ]
    store.bulk.insert_codings(rows)
    store.settings.set_pin("tester", 1, "O1")
    yield project
    project.close()


def shown_line(view, offset: int) -> str:
    """The text of the screen line showing ``offset``, as drawn."""
    y = view.layout.line_of(offset)
    assert view.scroll_offset.y <= y < view.scroll_offset.y + view.scrollable_content_region.height
    strip = view.render_line(y - view.scroll_offset.y)
    return "".join(segment.text for segment in strip)


def true_lines(doc, width: int, first, count: int) -> list:
    """``count`` lines from ``first`` on, as wrapping every turn from its turn on gives."""
    out = []
    for turn in range(first.turn, len(doc.turns)):
        start, end = doc.turns.starts[turn], doc.turns.ends[turn]
        out += [Line(BLANK, turn, start, start), Line(HEADER, turn, start, start)]
        out += [Line(TEXT, turn, s, e) for s, e in wrap(doc.text, start, end, width)]
        if len(out) > count + 200:
            break
    at = out.index(first)
    return out[at : at + count]


@async_test
async def test_end_codes_the_last_sentence_of_a_big_transcript(big_project):
    store = big_project.store
    app = create_app(big_project, show_times=False)
    async with app.run_test(size=WORKBENCH_SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        doc, view = screen.doc, screen.view
        assert len(doc.text) > EXACT_UP_TO  # the layout estimates, as for a huge one
        assert doc.index._list is None, "all codings were read to open the transcript"
        sel = view.selection
        assert doc.text[sel.start : sel.end][:15] in shown_line(view, sel.start)

        first = min((c.start, c.end) for c in store.codings.all(doc.transcript.id))
        await pilot.press("n")
        await pilot.pause()
        assert (view.selection.start, view.selection.end) == first

        await pilot.press("end")
        await pilot.pause()
        sel = view.selection
        assert doc.text[sel.start : sel.end] == "Dat was het dan."
        await pilot.press("N")
        await pilot.pause()
        before_end = max((c.start, c.end) for c in store.codings.all(doc.transcript.id))
        assert (view.selection.start, view.selection.end) == before_end
        await pilot.press("end")
        await pilot.pause()
        assert "Dat was het dan." in shown_line(view, sel.start)
        await pilot.press("down", "1")
        await pilot.pause()
        last = [c for c in store.codings.all(code_id="O1")]
        assert [doc.text[c.start : c.end] for c in last] == ["Tot de volgende keer!"]
        assert "O1" in shown_line(view, last[0].start)  # the margin names it
        assert doc.index._list is None

        # A selection over the last two turns, coded at once.
        await pilot.press("ctrl+up", "t", "right_curly_bracket", "c", *"m1", "enter")
        await pilot.pause()
        spanning = [c for c in store.codings.all(code_id="M1") if c.start >= sel.start - 2000]
        two_turns = [c for c in spanning if doc.turn_at(c.start) != doc.turn_at(c.end - 1)]
        assert len(two_turns) == 1
        assert doc.text[two_turns[0].start : two_turns[0].end].endswith("Tot de volgende keer!")

        # Search finds a sentence 40 turns before the end; the screen shows it.
        await pilot.press("slash", *NEEDLE[:20], "enter")
        await pilot.pause()
        sel = view.selection
        assert doc.text[sel.start : sel.end].casefold() == NEEDLE[:20].casefold()
        assert NEEDLE[:20] in shown_line(view, sel.start)

        # Scrolling up a few pages from there, over turns whose height was only
        # estimated: the screen shows the transcript's lines in order, none left out.
        found_at = view.scroll_offset.y
        for _ in range(40):  # one line up at a time: what was on top moves one down
            top = view.scroll_offset.y
            was_on_top = view.layout.line(top)
            view.scroll_to(y=top - 1, animate=False, immediate=True)
            await pilot.pause()
            assert view.layout.line(view.scroll_offset.y + 1) == was_on_top
        for _ in range(4):
            await pilot.press("pageup")
            await pilot.pause()
        top, height = view.scroll_offset.y, view.scrollable_content_region.height
        assert top < found_at - 40 - 3 * height
        on_screen = [view.layout.line(top + y) for y in range(height)]
        assert on_screen == true_lines(doc, view.layout.width, on_screen[0], height)
        for y, line in enumerate(on_screen):
            if line.kind == TEXT:
                assert doc.text[line.start : line.end] in "".join(
                    s.text for s in view.render_line(y)
                )
        await pilot.press("home")
        await pilot.pause()
        assert view.scroll_offset.y == 0


@async_test
async def test_the_overview_counts_again_on_return_and_once_when_opened(big_project, monkeypatch):
    from cmo.store.repos.transcripts import TranscriptsRepo
    from cmo.tui.screens.overview import OverviewScreen

    reads = []  # reads of the coding counts (the list without them comes first)
    summaries = TranscriptsRepo.summaries

    def counted(repo, counts=True):
        if counts:
            reads.append(1)
        return summaries(repo, counts)

    monkeypatch.setattr(TranscriptsRepo, "summaries", counted)
    app = create_app(big_project, show_times=False)
    async with app.run_test(size=WORKBENCH_SIZE) as pilot:
        await pilot.pause()
        assert len(reads) == 1  # mounting and showing the overview read the counts once
        before = app.screen.summaries[0]["codings"]
        screen = await open_first_transcript(pilot)
        await pilot.press("down", "1")
        await pilot.pause()
        assert screen.doc.codings_over(*screen.span)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert len(reads) == 2 and app.screen.summaries[0]["codings"] == before + 1
