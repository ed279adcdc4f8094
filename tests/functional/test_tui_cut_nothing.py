"""Nothing cut silently, at 80×24 and 160×48: a name too long for its column ends in '…'
and shows whole elsewhere on the screen; no number is cut or scrolled out of sight."""

from __future__ import annotations

from rich.style import Style
from textual.widgets import DataTable

from cmo.tui.app import create_app
from cmo.tui.screens.cmoc_browser import CmocBrowserScreen
from cmo.tui.screens.frequencies import FrequenciesScreen
from tests.pilot import async_test, open_first_transcript
from tests.samples import coded_focusgroepen

LONG_CASUSSEN = ("Participatiehuis Sittard-Geleen", "Service voor de Wijk Ede", "De Cirkel")


def fits(table: DataTable) -> bool:
    return table.virtual_size.width <= table.scrollable_content_region.width


def cells(table: DataTable, row: int) -> list[str]:
    return [str(c.plain if hasattr(c, "plain") else c) for c in table.get_row_at(row)]


def long_cmocs(store) -> None:
    """Two CMOCs whose titles and casus names are longer than an 80-column table has,
    each with the codings of its casus as evidence."""
    casussen = {c.name: c.id for c in store.casussen.all()}
    in_casus = {t.id: t.casus_id for t in store.transcripts.all()}
    for name, title in [
        (
            LONG_CASUSSEN[0],
            "De premie maakt de stap naar betaald werk aantrekkelijk voor wie zoekt",
        ),
        (LONG_CASUSSEN[1], "Een vaste klantmanager in de wijk houdt mensen binnen boord"),
    ]:
        evidence = [
            c.id for c in store.codings.all() if in_casus[c.transcript_id] == casussen[name]
        ]
        store.cmocs.add(actor="tester", title=title, casus_id=casussen[name],
            contexts=["C1"], mechanisms=["M3a", "M2a"], outcomes=["O2"], evidence=evidence,
        )  # fmt: skip


@async_test
async def test_the_cmoc_browser_at_80_columns_cuts_titles_visibly_and_keeps_every_number(
    project, tmp_path
):
    store = project.store
    coded_focusgroepen(store, tmp_path, LONG_CASUSSEN)
    long_cmocs(store)
    items = store.cmocs.all()
    app = create_app(project, show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CmocBrowserScreen)
        table = screen.query_one("#cmocs", DataTable)
        assert fits(table)  # no column (the evidence count) off to the right
        headers = [str(c.label) for c in table.columns.values()]
        assert headers[0] == "Id" and headers[-1] == "Ev." and "Title" in headers
        widths = {str(c.label): c.width for c in table.columns.values()}
        for i, item in enumerate(items):
            row = cells(table, i)
            assert row[-1] == str(len(item.evidence))
            title = row[headers.index("Title")]
            assert len(title) <= widths["Title"]
            if len(item.title) > widths["Title"]:
                assert title.endswith("…") and item.title.startswith(title[:-1])
        assert any(len(x.title) > widths["Title"] for x in items)
        # The whole title, the casus, fired and relation are in the detail of the CMOC.
        detail = str(screen.query_one("#cmoc-detail").render())
        first = items[0]
        assert " ".join(first.title.split()) in " ".join(detail.split())
        casus = {c.id: c.name for c in store.casussen.all()}[first.casus_id]
        assert casus in detail and first.relation in detail and first.fired in detail

        evidence = screen.query_one("#evidence", DataTable)
        assert fits(evidence)
        ev_widths = [c.width for c in evidence.columns.values()]
        row = screen.evidence[0]
        shown = cells(evidence, 0)
        assert shown[1] == row.casus or (shown[1].endswith("…") and len(shown[1]) == ev_widths[1])
        if shown[1] != row.casus:  # cut: the full names are under the table
            assert f"{row.casus} · {row.transcript}" in evidence.border_subtitle


@async_test
async def test_the_cmoc_browser_at_160_columns_shows_titles_whole(project, tmp_path):
    store = project.store
    coded_focusgroepen(store, tmp_path, LONG_CASUSSEN)
    long_cmocs(store)
    app = create_app(project, show_times=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        table = app.screen.query_one("#cmocs", DataTable)
        assert fits(table)
        headers = [str(c.label) for c in table.columns.values()]
        assert headers == ["Id", "Title", "Casus", "C", "M", "O", "Fired", "Relation", "Ev."]
        titles = [cells(table, i)[1] for i in range(table.row_count)]
        assert titles == [x.title for x in store.cmocs.all()]
        assert table.columns[table.ordered_columns[1].key].width >= max(map(len, titles))


@async_test
async def test_the_codebook_pane_at_80_columns_ends_cut_names_in_an_ellipsis(coded_project):
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_transcript(pilot)
        await pilot.press("b")
        await pilot.pause()
        pane = screen.query_one("CodebookPane")
        tree = pane.query_one("#code-tree")
        room = tree.scrollable_content_region.width
        cut = []
        for code_id, node in pane.code_nodes.items():
            depth, parent = 0, node.parent  # levels under the hidden root
            while parent is not None:
                depth, parent = depth + 1, parent.parent
            drawn = tree.render_label(node, Style(), Style()).plain
            assert 4 * (depth - 1) + len(drawn) <= room, drawn
            if len(drawn) < len(node.label.plain):
                assert drawn.endswith("…"), drawn
                cut.append(code_id)
        assert cut  # the 80-column pane is narrower than the longest names
        # The highlighted code's whole name is under the tree.
        code_id = cut[0]
        tree.move_cursor(pane.code_nodes[code_id])
        await pilot.pause()
        code = next(c for c in coded_project.store.codebook.codes() if c.id == code_id)
        assert f"{code.id} {code.name}" in str(pane.query_one("#code-definition").render())


@async_test
async def test_frequencies_by_participant_keep_the_group_and_whole_code_columns(project, tmp_path):
    store = project.store
    coded_focusgroepen(store, tmp_path, LONG_CASUSSEN)
    extra = ["C1", "C2", "O1", "O2", "M1a", "M1b", "M3b", "O3.4"]
    for t in store.transcripts.all():
        turns = store.transcripts.turns(t.id)
        for turn, code in zip(turns[1:], extra, strict=False):
            store.codings.add(t.id, turn.start, turn.end, code, coder="tester")
    app = create_app(project, show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(FrequenciesScreen(store, by="participant"))
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#freq", DataTable)
        assert screen.transposed
        assert table.fixed_columns == 2  # the participant and its total never scroll away
        columns = list(table.columns.values())
        code_widths = {c.width for c in columns[2:]}
        assert len(code_widths) == 1
        (width,) = code_widths
        fixed = sum(c.width + 2 for c in columns[:2])
        room = table.scrollable_content_region.width
        assert (room - fixed) % (width + 2) == 0  # code columns tile the room: none cut
        on_screen = (room - fixed) // (width + 2)
        assert on_screen < len(screen.table.rows)
        assert f"{on_screen} of {len(screen.table.rows)} codes" in table.border_subtitle
        for _ in range(len(screen.table.rows)):
            await pilot.press("right")
        await pilot.pause()
        assert table.scroll_x % (width + 2) == 0  # scrolled by whole columns


@async_test
async def test_frequencies_by_casus_fit_80_columns(project, tmp_path):
    store = project.store
    coded_focusgroepen(store, tmp_path, LONG_CASUSSEN)
    app = create_app(project, show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(FrequenciesScreen(store))
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#freq", DataTable)
        assert not screen.transposed and fits(table)
        for i in range(table.row_count):
            row = table.get_row_at(i)
            assert all(str(c) for c in row[2:])  # every count there, whole


@async_test
async def test_the_transcript_header_keeps_the_word_count_at_80_columns(coded_project):
    store = coded_project.store
    store.transcripts.rename(store.transcripts.all()[0].id, "cirkel-interview-client-een")
    coded_project.name = "Evaluatie activering WWB en Wmo 2025"
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_transcript(pilot)
        t = screen.doc.transcript
        header = "".join(s.text for s in app.screen._compositor.render_strips()[0])
        assert f"{t.word_count} words" in header.replace(".", "")
        assert t.name in header
