"""The workbench after an hour with a researcher: each test reproduces one thing that
hurt (undoable unlink, drafts, a chooser for overlapping codings, stable number keys,
no junk codes from enter, suggestions with names and reasons) and checks the store."""

from __future__ import annotations

from types import SimpleNamespace

from textual.widgets import DataTable, Input, TextArea

from cmo.core.changes import describe
from cmo.core.text import find_quote
from cmo.tui.app import create_app
from cmo.tui.dialogs.choice import ChoiceDialog
from cmo.tui.dialogs.cmoc_builder import CmocBuilder
from cmo.tui.dialogs.code_picker import CodePicker
from cmo.tui.dialogs.memo import MemoDialog
from cmo.tui.dialogs.new_code import NewCodeDialog
from cmo.tui.screens.cmoc_browser import CmocBrowserScreen
from tests.pilot import WORKBENCH_SIZE as SIZE
from tests.pilot import async_test, open_codebook_pane, open_first_transcript, select_sentence
from tests.samples import coded_focusgroepen


def with_cmoc(project):
    store = project.store
    evidence = [c.id for c in store.codings.all()]
    store.cmocs.add(actor="tester", title="Koffie", mechanisms=["M3c", "M2a"], outcomes=["O1"],
        evidence=evidence,
    )  # fmt: skip
    return evidence


def overlap(project, quote: str, code_id: str):
    store = project.store
    t = store.transcripts.all()[0]
    ((s, e),) = find_quote(t.text, quote)
    return store.codings.add(t.id, s, e, code_id, coder="tester")


# ---- 1. the CMOC browser: undo where the change was made, q quits --------------------


@async_test
async def test_unlink_in_the_cmoc_browser_is_undone_there_and_the_log_names_it(coded_project):
    store = coded_project.store
    evidence = with_cmoc(coded_project)
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, CmocBrowserScreen)
        await pilot.press("tab", "u")
        await pilot.pause()
        left = store.cmocs.all()[0].evidence
        assert len(left) == len(evidence) - 1
        (gone,) = set(evidence) - set(left)
        assert f"unlinked fragment {gone}" in describe(store.history.recent(limit=1)[0])
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sorted(store.cmocs.all()[0].evidence) == sorted(evidence)
        assert app.screen.query_one("#evidence", DataTable).row_count == len(evidence)


@async_test
async def test_q_quits_on_every_screen(coded_project):
    from cmo.tui.screens.candidates import CandidatesScreen
    from cmo.tui.screens.disagreements import DisagreementsScreen
    from cmo.tui.screens.frequencies import FrequenciesScreen
    from cmo.tui.screens.review import ReviewScreen

    overlap(coded_project, "Mijn schulden.", "M1c").id  # noqa: B018
    store = coded_project.store
    t = store.transcripts.all()[0]
    ((s, e),) = find_quote(t.text, "laagdrempelig")
    store.codings.add(t.id, s, e, "M2a", coder="bert")
    with_cmoc(coded_project)
    app = create_app(coded_project, show_times=False)
    quits = []
    app.exit = lambda *args, **kwargs: quits.append(type(app.screen).__name__)
    makers = [
        lambda: CmocBrowserScreen(store, "tester"),
        lambda: CandidatesScreen(store, "tester"),
        lambda: FrequenciesScreen(store),
        lambda: ReviewScreen(store, t.id, "tester"),
        lambda: DisagreementsScreen(store, t.id, ["bert", "tester"], actor="tester"),
    ]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for make in makers:
            app.push_screen(make())
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
    assert quits == [
        "CmocBrowserScreen",
        "CandidatesScreen",
        "FrequenciesScreen",
        "ReviewScreen",
        "DisagreementsScreen",
    ]


# ---- 2. esc keeps typed text -----------------------------------------------------------


@async_test
async def test_esc_in_the_memo_editor_keeps_a_draft(coded_project):
    store = coded_project.store
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Ik heb weer structuur.")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MemoDialog)
        await pilot.press(*"eerlijk")
        await pilot.press("escape")
        await pilot.pause()
        (m1c,) = store.codings.all(code_id="M1c")
        assert m1c.memo == ""
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "eerlijk"
        await pilot.press("ctrl+s")
        await pilot.pause()
    (m1c,) = store.codings.all(code_id="M1c")
    assert m1c.memo == "eerlijk"
    assert store.settings.draft(coded_project.default_coder, f"memo:coding:{m1c.id}") is None


@async_test
async def test_esc_in_the_cmoc_builder_keeps_the_title_and_texts(coded_project):
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Mijn schulden.")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, CmocBuilder)
        await pilot.press(*"Schulden eerst")
        await pilot.press("escape")
        await pilot.pause()
        assert coded_project.store.cmocs.all() == []
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.query_one("#builder-title", Input).value == "Schulden eerst"


# ---- 3. a chooser when several codings sit under the cursor ----------------------------


@async_test
async def test_x_and_r_offer_a_chooser_for_overlapping_codings(coded_project):
    store = coded_project.store
    second = overlap(coded_project, "Ik heb weer structuur.", "O3.4")
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Ik heb weer structuur.")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        keys = [key for key, _ in app.screen.options]
        assert str(second.id) in keys and len(keys) == 2
        await pilot.press("down", "enter")
        await pilot.pause()
        chosen = keys[1]
        await pilot.press(*"o1", "enter")
        await pilot.pause()
        codes = {c.id: c.code_id for c in store.codings.all()}
        assert codes[int(chosen)] == "O1"
        other = int(keys[0])
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
    left = {c.id for c in store.codings.all()}
    assert int(chosen) not in left and other in left


# ---- 4. stable number keys --------------------------------------------------------------


@async_test
async def test_a_pinned_digit_keeps_its_code_and_recent_codes_do_not_shift(coded_project):
    store = coded_project.store
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await pilot.press("P", *"m3b", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("home", "down", "down", "enter")  # digit 3
        await pilot.pause()
        before = {digit: code for digit, code, _ in screen.keys.items()}
        assert before[3] == "M3b"
        await select_sentence(pilot, screen, "Mijn schulden.")
        await pilot.press("c", *"o1", "enter")  # a code not on the keys yet
        await pilot.pause()
        await pilot.press("down", "3")
        await pilot.pause()
        after = {digit: code for digit, code, _ in screen.keys.items()}
        assert all(after[d] == code for d, code in before.items())
        assert "O1" in after.values()
    assert store.settings.pins(coded_project.default_coder) == {3: "M3b"}
    assert len(store.codings.all(code_id="M3b")) == 1
    # After a restart every digit still means what it meant.
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        again = {digit: code for digit, code, _ in screen.keys.items()}
    assert all(again[d] == code for d, code in after.items())  # free digits may fill up


# ---- 6. enter never makes a code from a search ------------------------------------------


@async_test
async def test_enter_on_a_search_without_match_makes_no_code(coded_project):
    store = coded_project.store
    codes = len(store.codebook.codes())
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_transcript(pilot)
        await pilot.press("c", *"zzqxv", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, NewCodeDialog)
        assert isinstance(app.screen, CodePicker)
    assert len(store.codebook.codes()) == codes


# ---- 9. suggestions with name and reason; emergent codes with definition and keywords ----


@async_test
async def test_the_suggestion_pane_shows_name_and_reason(coded_project):
    offer = SimpleNamespace(
        code_id="M1c", name="Structuur", score=0.93, source="lexicon",
        explanation="trefwoord 'structuur'",
    )  # fmt: skip
    app = create_app(coded_project, show_times=False, suggester=lambda text: [offer, ("O1", 0.2)])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(screen.query_one("#suggestions").render())
    assert "Structuur" in shown and "trefwoord 'structuur'" in shown
    assert "Deelname aan de interventie" in shown  # O1's name from the codebook


@async_test
async def test_the_emergent_code_form_stores_definition_and_keywords(coded_project):
    store = coded_project.store
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Mijn schulden.")
        await pilot.press("c", *"schaamte", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NewCodeDialog)
        app.screen.query_one("#code-definition", Input).value = "schaamte over de uitkering"
        app.screen.query_one("#code-keywords", Input).value = "schaamte, schamen ,, gêne"
        await pilot.press("ctrl+s")
        await pilot.pause()
    code = store.codebook.code("E1")
    assert code.definition == "schaamte over de uitkering"
    assert code.keywords == ("schaamte", "schamen", "gêne")


# ---- 5. part of a sentence in a few keys -------------------------------------------------


@async_test
async def test_either_end_of_a_selection_moves_by_a_word(coded_project):
    store = coded_project.store
    store.settings.set_pin(coded_project.default_coder, 1, "M1c")
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Elke dinsdag en donderdag sta ik vroeg op.")
        keys = ["greater_than_sign", "greater_than_sign", "H", "1"]  # start →→, end ←, apply
        await pilot.press(*keys[:3])
        sel = screen.view.selection
        assert screen.doc.text[sel.start : sel.end] == "en donderdag sta ik vroeg"
        await pilot.press("less_than_sign", "L")  # and back out again by a word at each end
        sel = screen.view.selection
        assert screen.doc.text[sel.start : sel.end] == "dinsdag en donderdag sta ik vroeg op."
        await pilot.press("L")  # the end grows into the next sentence, a word at a time
        sel = screen.view.selection
        assert screen.doc.text[sel.end - 4 : sel.end] == "p. En"[-4:]
        await pilot.press("greater_than_sign", "H", "H", keys[-1])
        await pilot.pause()
    assert len(keys) <= 8
    quotes = [
        store.transcripts.all()[0].text[c.start : c.end] for c in store.codings.all(code_id="M1c")
    ]
    assert "en donderdag sta ik vroeg" in quotes


# ---- live updates: the researcher's own change is no news ---------------------------------


@async_test
async def test_own_codings_cause_no_reload_but_a_colleagues_do(coded_project):
    store = coded_project.store
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Mijn schulden.")
        await pilot.press("1", "down", "2", "ctrl+z")
        await pilot.pause()
        screen.poll_changes()
        assert screen.reloads == 0
        t = store.transcripts.all()[0]
        ((s, e),) = find_quote(t.text, "Elke dinsdag")
        store.codings.add(t.id, s, e, "O1", coder="colleague")
        screen.poll_changes()
        await pilot.pause()
        assert screen.reloads == 1
        assert "O1" in {c.code_id for c in screen.doc.codings}


# ---- 10. the margin ------------------------------------------------------------------------


@async_test
async def test_the_margin_marks_memos_other_coders_and_fits_three_codes_at_80(coded_project):
    store = coded_project.store
    t = store.transcripts.all()[0]
    ((s, e),) = find_quote(t.text, "Ik heb weer structuur.")
    store.codings.add(t.id, s, e, "O3.4", coder="bert")
    memo = store.codings.add(t.id, s, e, "M2a", coder="tester")
    store.codings.update(memo.id, actor="tester", memo="eerlijk")
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_transcript(pilot)
        await select_sentence(pilot, screen, "Ik heb weer structuur.")
        view = screen.view
        y = view.layout.line_of(s)
        view.scroll_to(y=y, animate=False, immediate=True)
        await pilot.pause()
        drawn = "".join(seg.text for seg in view.render_line(y - view.scroll_offset.y))
        gutter = drawn[: view.gutter_width]
    assert len(gutter) == view.gutter_width
    assert "+" in gutter  # three codes at 80 columns: the rest as +N, on this one line
    from cmo.tui.state.margin import fit_margin, margin_labels

    here = [c for c in screen.doc.codings if c.start < e and c.end > s]
    labels = {m.code_id: m.text for m in margin_labels(here, "tester")}
    assert labels["M2a"] == "M2a✎" and labels["O3.4"] == "O3.4°" and labels["M1c"] == "M1c"
    shown, more = fit_margin(margin_labels(here, "tester"), 12)  # "M1c O3.4° +1"
    assert more == "+1" and len(shown) == 2


@async_test
async def test_recent_activity_says_a_change_was_undone(coded_project):
    store = coded_project.store
    (m4,) = store.codings.all(code_id="M4")
    store.codings.remove(m4.id, actor="tester")
    store.history.undo(actor="tester")
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        activity = str(app.screen.query_one("#activity").render())
    first = activity.splitlines()[0]
    assert "coding.remove" in first and "undone" in first


# ---- 7 and 8: nothing cut -------------------------------------------------------------------


def fits(table) -> bool:
    """Every column of the table is on screen: no horizontal scrolling hides a number."""
    return table.virtual_size.width <= table.scrollable_content_region.width


@async_test
async def test_the_overview_shows_whole_counts_at_80_and_160_columns(coded_project):
    for size in ((80, 24), (160, 48)):
        app = create_app(coded_project, show_times=False)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            table = app.screen.query_one("#transcripts", DataTable)
            assert fits(table), size
            codes = [c for c in table.columns.values() if str(c.label) == "Codes"][0]
            summary = coded_project.store.transcripts.summaries()[0]
            assert codes.width >= len(str(summary["codings"])) >= 1


@async_test
async def test_the_codebook_pane_shows_counts_at_80_columns(coded_project):
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane, tree = await open_codebook_pane(pilot)
        width = tree.scrollable_content_region.width
        counts = coded_project.store.codebook.counts()
        for code_id, node in pane.code_nodes.items():
            label = node.label.plain
            number = f"{counts.get(code_id, 0):>4}"
            assert number in label
            # Four cells per tree level: the count ends inside the visible width.
            depth = len(list(node.ancestors)) - 1 if hasattr(node, "ancestors") else 2
            assert 4 * depth + label.index(number) + len(number) <= width, label


@async_test
async def test_the_cmoc_browser_gives_the_quote_the_room_at_160(coded_project):
    with_cmoc(coded_project)
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        for selector in ("#cmocs", "#evidence"):
            assert fits(app.screen.query_one(selector, DataTable)), selector
        evidence = app.screen.query_one("#evidence", DataTable)
        quote = [c for c in evidence.columns.values() if str(c.label) == "Quote"][0]
        assert quote.width >= 40


@async_test
async def test_frequencies_at_160_cut_nothing_and_colour_as_the_cli(project, tmp_path):
    from cmo.analysis.frequencies import CLEAR_RESIDUAL
    from cmo.tui.screens.frequencies import LESS, MORE, FrequenciesScreen, _style

    store = project.store
    coded_focusgroepen(
        store, tmp_path, ("Participatiehuis Sittard-Geleen", "Service voor de Wijk Ede")
    )
    app = create_app(project, show_times=False)
    async with app.run_test(size=(160, 48)) as pilot:
        app.push_screen(FrequenciesScreen(store))
        await pilot.pause()
        table = app.screen.query_one("#freq", DataTable)
        assert fits(table)
        headers = [" ".join(str(c.label).split()) for c in table.columns.values()]
        assert "Participatiehuis Sittard-Geleen" in headers
        assert str(table.get_row("__total__")[1]) == "Total"
        names = table.columns[list(table.columns)[1]].width
        assert names >= max(
            len(c.name) for c in store.codebook.codes() if c.id in ("M1c", "M3a", "M2a")
        )
        await pilot.press("b")  # by participant
        await pilot.pause()
        table = app.screen.query_one("#freq", DataTable)
        assert fits(table)
        headers = [" ".join(str(c.label).split()) for c in table.columns.values()]
        first = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        people = [h for h in headers + first if "/D" in h]
        assert len(people) == len(set(people)) == 8, str(headers + first)  # D1–D4 twice
    assert CLEAR_RESIDUAL == 2.0
    assert _style(2.0) == MORE and "B71C1C" in MORE  # red: more than expected, as the CLI
    assert _style(-2.0) == LESS and "0D47A1" in LESS  # blue: less
    assert _style(1.97) == ""  # the CLI's threshold, not 1.96


@async_test
async def test_the_overview_at_80_cuts_no_name_silently(coded_project, tmp_path):
    from cmo.ingest.service import import_files

    source = tmp_path / "focusgroep-deelnemers-wijkcentrum-de-cirkel-najaar-2024.txt"
    source.write_text("GL: Welkom allemaal.\nPiet: Dank je wel.\n", encoding="utf-8")
    import_files(coded_project.store, [source], casus="De Cirkel Almere", kind="focusgroep")
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#transcripts", DataTable)
        assert fits(table)
        summaries = coded_project.store.transcripts.summaries()
        row = next(i for i, s in enumerate(summaries) if s["name"] == source.stem)
        first = next(i for i, s in enumerate(summaries) if s["casus"] == "De Cirkel Almere")
        casus, name = str(table.get_cell_at((first, 0))), str(table.get_cell_at((row, 1)))
        assert casus == "De Cirkel Almere"  # the casus has the room it needs
        assert name.endswith("…") and source.stem.startswith(name[:-1])  # cut, and says so
        table.move_cursor(row=row)
        await pilot.pause()
        assert table.border_subtitle == f"De Cirkel Almere · {source.stem}"


@async_test
async def test_the_palette_lists_and_opens_a_transcript_over_a_still_backdrop(coded_project):
    from textual.command import CommandList, CommandPalette

    from cmo.tui.screens.transcript import TranscriptScreen

    transcript = coded_project.store.transcripts.all()[0]
    app = create_app(coded_project, show_times=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        palette = None
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press(*"open transcript")
        for _ in range(50):
            await pilot.pause(0.02)
            if palette.query_one(CommandList).option_count:
                break
        # The dimmed transcript screen behind was drawn once, not once per letter.
        assert len(palette._backdrop) == 1
        listed = str(palette.query_one(CommandList).get_option_at_index(0).prompt)
        assert f"Open transcript {transcript.name}" in listed
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, TranscriptScreen)
        assert app.screen.doc.transcript.id == transcript.id
