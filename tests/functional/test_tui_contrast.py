"""WCAG AA in both themes: every text cell the workbench draws, on every main screen, at
80×24 and 160×48, reads at 4.5:1 or better against its own background; every cell has a
background from the theme (no terminal colour showing through); only the two checked
themes are offered; the selection has a colour no code uses."""

from __future__ import annotations

import unicodedata

import pytest
from coloraide import Color as Colour
from textual.color import Color
from textual.filter import dim_color

from cmo.tui.app import DARK, LIGHT, create_app
from cmo.tui.contrast import SELECTION, contrast
from tests.pilot import async_test

SCREENS = [
    ("overview", ()),
    ("transcript", ("enter", "b", "s")),
    ("picker", ("c",)),
    ("frequencies", ("escape", "escape", "F")),
    ("cmocs", ("escape", "ctrl+o")),
    ("help", ("question_mark",)),
]


@pytest.fixture(scope="module")
def demo_like_project(tmp_path_factory, demo_factory):
    """The demo project: three casussen, emergent codes, CMOCs, two coders (read only)."""
    from cmo.store.project import open_project

    project = open_project(demo_factory(tmp_path_factory.mktemp("demo") / "demo"))
    yield project
    project.close()


def is_text(ch: str) -> bool:
    return (
        bool(ch.strip())
        and not "\u2500" <= ch <= "\u259f"
        and unicodedata.category(ch)[0] in "LNPS"
    )


def low_contrast(app) -> list[tuple]:
    """(text, foreground, background, ratio) of every drawn segment below AA, and every
    text segment without a background of its own."""
    from textual.screen import ModalScreen

    # Under a dialog the screen below is dimmed on purpose (inactive, not read): only the
    # dialog itself counts there.
    regions = (
        [w.region for w in app.screen.children] if isinstance(app.screen, ModalScreen) else None
    )
    found = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            style = segment.style
            at, x = x, x + segment.cell_length
            if regions is not None and not any(r.contains(at, y) for r in regions):
                continue
            if segment.text and (
                style is None or style.bgcolor is None or style.bgcolor.is_default
            ):
                # Blank lines and gutters too: the terminal's own background must not show.
                found.append((repr(segment.text[:10]), "no background of its own", "", 0))
                continue
            if not any(is_text(c) for c in segment.text):
                continue
            if style.color is None:
                found.append((segment.text, "no colour of its own", "", 0))
                continue
            fg, bg = style.color, style.bgcolor
            if style.dim:
                fg = dim_color(bg, fg, 0.5)
            if style.reverse:
                fg, bg = bg, fg
            pair = Color.from_rich_color(fg).hex6, Color.from_rich_color(bg).hex6
            ratio = contrast(*pair)
            if ratio < 4.5:
                found.append((segment.text.strip()[:30], *pair, round(ratio, 2)))
    return found


@pytest.mark.parametrize("theme", [DARK, LIGHT])
@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
@async_test
async def test_every_text_cell_meets_wcag_aa(demo_like_project, theme, size):
    app = create_app(demo_like_project, show_times=False, suggester=lambda t: [("M1c", 0.9)])
    problems = {}
    async with app.run_test(size=size) as pilot:
        app.theme = theme
        await pilot.pause()
        for name, keys in SCREENS:
            await pilot.press(*keys)
            await app.workers.wait_for_complete()
            await pilot.pause()
            if found := low_contrast(app):
                problems[name] = found[:5]
            if name in ("picker", "help"):
                await pilot.press("escape")
                await pilot.pause()
        assert app.screen is not None
    assert problems == {}


@async_test
async def test_only_the_checked_themes_are_offered(coded_project):
    app = create_app(coded_project, show_times=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert set(app.available_themes) == {DARK, LIGHT}
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == LIGHT


def test_the_selection_has_a_hue_no_code_uses(coded_project):
    colours = [c.colour for c in coded_project.store.codebook.codes() if c.colour]
    colours += ["#2E86AB", "#E07A1F", "#2A9D5C"]  # the family colours
    assert len(colours) > 3
    for background, text in SELECTION.values():
        hue = Colour(background).convert("hsl")["hue"]
        for colour in colours:
            other = Colour(colour).convert("hsl")["hue"]
            distance = min(abs(hue - other), 360 - abs(hue - other))
            assert distance >= 40, (background, colour)
        assert contrast(text, background) >= 4.5
