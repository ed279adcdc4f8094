"""The transcript as speaker blocks with highlighted codings: a Line API widget.

Only the lines on screen are rendered, so a 50,000-word transcript opens at once.
Each line is: a gutter with the ids of the codes on that line, a bar in the
speaker's colour, then the text. Codings are shaded in their code's colour (the
innermost wins); where codings overlap the text is underlined, bold when three or
more overlap, and the gutter lists them all.
"""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..state import selection as sel_ops
from ..state.document import TranscriptDoc
from ..state.layout import HEADER, TEXT, Layout
from ..state.selection import Selection
from . import transcript_paint as paint
from .transcript_mouse import MouseSelection
from .transcript_places import GoingPlaces

BAR = "▌ "
MAX_TEXT_WIDTH = 110
"""Long lines are hard to read: wrap at this width even on a wide terminal."""


class TranscriptView(GoingPlaces, MouseSelection, ScrollView, can_focus=True):
    """Shows a :class:`TranscriptDoc` and owns the keyboard and mouse selection."""

    ALLOW_SELECT = False
    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text(encoding="utf-8")
    COMPONENT_CLASSES = {
        "transcript-view--selection",
        "transcript-view--header",
        "transcript-view--dim",
        "transcript-view--gutter",
    }
    BINDINGS = [
        Binding("down,j", "sentence(1)", "Next sentence", show=False),
        Binding("up,k", "sentence(-1)", "Previous sentence", show=False),
        Binding("right,l", "word(1)", "Next word", show=False),
        Binding("left,h", "word(-1)", "Previous word", show=False),
        Binding("ctrl+down,right_square_bracket", "turn(1)", "Next turn", show=False),
        Binding("ctrl+up,left_square_bracket", "turn(-1)", "Previous turn", show=False),
        Binding("shift+down,J", "extend('sentence', 1)", "Extend by sentence", show=False),
        Binding(
            "shift+up,K", "extend('sentence', -1)", "Shrink/extend back by sentence", show=False
        ),
        Binding("shift+right,L", "edge('end', 1)", "End one word further", show=False),
        Binding("shift+left,H", "edge('end', -1)", "End one word back", show=False),
        Binding(
            "alt+shift+left,shift+alt+left,less_than_sign",
            "edge('start', -1)",
            "Start one word earlier",
            show=False,
        ),
        Binding(
            "alt+shift+right,shift+alt+right,greater_than_sign",
            "edge('start', 1)",
            "Start one word later",
            show=False,
        ),
        Binding(
            "ctrl+shift+down,right_curly_bracket", "extend('turn', 1)", "Extend by turn", show=False
        ),
        Binding(
            "ctrl+shift+up,left_curly_bracket",
            "extend('turn', -1)",
            "Extend back by turn",
            show=False,
        ),
        Binding("t", "select_turn", "Select turn"),
        Binding("n", "next_coding(1)", "Next coding", show=False),
        Binding("N", "next_coding(-1)", "Previous coding", show=False),
        Binding("u", "next_uncoded", "Next uncoded turn", show=False),
        Binding("slash", "search", "Find", show=False),
        Binding("f3", "search_again", "Find next", show=False),
        Binding("g", "goto_turn", "Go to turn", show=False),
        Binding("f", "filter_speaker", "Speaker filter", show=False),
        Binding("home", "last_turn(-1)", "First turn", show=False),
        Binding("end", "last_turn(1)", "Last turn", show=False),
    ]

    class SelectionChanged(Message):
        """The selection moved; the screen updates its status line and suggestions."""

        def __init__(self, selection: Selection) -> None:
            super().__init__()
            self.selection = selection

    def __init__(self, doc: TranscriptDoc, coder: str = "", **widget_options) -> None:
        """``coder``: who is at the workbench (the margin marks other coders' codings)."""
        super().__init__(**widget_options)
        self.doc = doc
        self.coder = coder
        self.selection = sel_ops.first_sentence(doc, 0) if doc.turns else Selection(0, 0)
        self.speaker_filter: set[str] | None = None
        self.layout_cache: Layout | None = None
        self._styles: dict[str, Style] = {}
        self._dragging = False
        self.hits: list[tuple[int, int]] = []
        self.last_query = ""
        self.painted_at = 0.0
        """perf_counter() of the last render_line call (for the benchmark)."""
        self._revealing = False
        self._strips: dict[int, tuple[tuple, Strip]] = {}
        """y → (what the line showed, its strip): a repaint after a key redraws only the
        lines whose selection or codings changed, and Textual's own per-strip caches
        (crop, contrast filter) keep working for the rest."""

    # ---- layout ------------------------------------------------------------------------

    @property
    def gutter_width(self) -> int:
        return 12 if self.size.width >= 100 else 8

    @property
    def text_x(self) -> int:
        return self.gutter_width + len(BAR)

    def visible(self, turn_index: int) -> bool:
        if self.speaker_filter is None:
            return True
        return (self.doc.turns.speakers[turn_index] or "") in self.speaker_filter

    def relayout(self) -> None:
        width = self.scrollable_content_region.width or self.size.width
        text_width = min(MAX_TEXT_WIDTH, max(10, width - self.text_x - 1))
        shown = None if self.speaker_filter is None else self.visible
        self.layout_cache = Layout(self.doc, text_width, shown)
        self._strips.clear()
        self.layout_cache.reveal(self.scroll_offset.y, self._height())
        self._sync_size()
        self.refresh()

    def _height(self) -> int:
        return self.scrollable_content_region.height or self.size.height or 1

    def _sync_size(self) -> None:
        """The scrollable size follows the layout (whose estimated heights become real
        as turns are shown)."""
        layout = self.layout_cache
        if layout is not None and self.virtual_size.height != len(layout):
            width = self.scrollable_content_region.width or self.size.width
            self.virtual_size = Size(width, len(layout))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Before the lines now on screen are drawn, their turns are wrapped; when that
        moves them (a turn above was taller than estimated), scroll with them."""
        if self.layout_cache is not None and not self._revealing:
            shift = self.layout_cache.reveal(round(new_value), self._height())
            self._sync_size()
            if shift:
                self._revealing = True
                try:
                    self.scroll_target_y = self.scroll_y = max(0, new_value + shift)
                finally:
                    self._revealing = False
                return
        super().watch_scroll_y(old_value, new_value)

    @property
    def layout(self) -> Layout:
        if self.layout_cache is None:
            self.relayout()
        assert self.layout_cache is not None
        return self.layout_cache

    def on_resize(self, event: events.Resize) -> None:
        # The width relayout uses (without the scroll bar): the widget's whole width
        # differed from it and laid the text out twice on every opening.
        width = self.scrollable_content_region.width or event.size.width
        if self.layout_cache is None or self.layout_cache.width != min(
            MAX_TEXT_WIDTH, max(10, width - self.text_x - 1)
        ):
            self.relayout()
            self.call_after_refresh(self.scroll_to_selection)

    def set_filter(self, speakers: set[str] | None) -> None:
        self.speaker_filter = speakers
        self.relayout()
        if not self.visible(self.doc.turn_at(self.selection.start)):
            self.select(sel_ops.turn(self.doc, self.selection, 1, self.visible))
        else:
            self.post_message(self.SelectionChanged(self.selection))
        self.scroll_to_selection()

    def show_doc(self, doc: TranscriptDoc) -> None:
        """Show a rebuilt document of the same text (after a speaker correction)."""
        self.doc = doc
        self._styles.clear()
        self._strips.clear()
        self.relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    # ---- selection --------------------------------------------------------------------

    def select(self, selection: Selection, scroll: bool = True) -> None:
        before, self.selection = self.selection, selection
        self.refresh_span(before.start, before.end)
        self.refresh_span(selection.start, selection.end)
        if scroll:
            self.scroll_to_selection()
        self.post_message(self.SelectionChanged(selection))

    def select_span(self, start: int, end: int) -> None:
        if self.speaker_filter is not None and not self.visible(self.doc.turn_at(start)):
            self.set_filter(None)
        self.select(Selection.span(start, end))

    def refresh_span(self, start: int, end: int) -> None:
        """Repaint the screen lines that show ``[start, end]``."""
        if self.layout_cache is None:
            return self.refresh()
        first, last = self.layout.line_of(start), self.layout.line_of(end)
        self._sync_size()
        self.refresh_lines(first, last - first + 1)

    def scroll_to_selection(self) -> None:
        y = self.layout.line_of(self.selection.focus)
        self._sync_size()
        top, height = self.scroll_offset.y, self.scrollable_content_region.height or 1
        margin = 2 if height > 8 else 0
        if y < top + margin:
            self.scroll_to(y=max(0, y - margin), animate=False, immediate=True)
        elif y >= top + height - margin:
            self.scroll_to(y=y - height + margin + 1, animate=False, immediate=True)

    def action_sentence(self, step: int) -> None:
        self.select(sel_ops.sentence(self.doc, self.selection, step, self.visible))

    def action_word(self, step: int) -> None:
        self.select(sel_ops.word(self.doc, self.selection, step))

    def action_turn(self, step: int) -> None:
        self.select(sel_ops.turn(self.doc, self.selection, step, self.visible))

    def action_extend(self, unit: str, step: int) -> None:
        self.select(sel_ops.extend(self.doc, self.selection, unit, step))

    def action_select_turn(self) -> None:
        self.select(sel_ops.whole_turn(self.doc, self.selection))

    def action_edge(self, edge: str, step: int) -> None:
        self.select(sel_ops.move_edge(self.doc, self.selection, edge, step))

    def action_last_turn(self, step: int) -> None:
        count = len(self.doc.turns)
        order = range(count - 1, -1, -1) if step > 0 else range(count)
        found = next((i for i in order if self.visible(i)), None)
        if found is not None:
            self.select(sel_ops.first_sentence(self.doc, found))

    # ---- rendering ---------------------------------------------------------------------

    def _style(self, key: str) -> Style:
        if not self._styles:
            self._build_styles()
        style = self._styles.get(key)
        if style is None and key.startswith(("code:", "id:", "speaker:")):
            style = self._styles[key] = paint.colour_style(
                self.doc, key, *self._colours, self._styles["base"]
            )
        return style or self._styles["base"]

    def colours(self) -> tuple[str, str]:
        """(background, text) of the view as hex, from the theme."""
        base = self.rich_style
        background = (
            Color.from_rich_color(base.bgcolor)
            if base.bgcolor is not None
            else (self.styles.background if self.styles.background.a else Color(30, 30, 30))
        )
        foreground = (
            Color.from_rich_color(base.color) if base.color is not None else Color(224, 224, 224)
        )
        return background.hex6, foreground.hex6

    def _build_styles(self) -> None:
        background, foreground = self.colours()
        self._colours = (background, foreground)
        self._styles = paint.base_styles(  # code and speaker styles follow on first use
            background,
            foreground,
            lambda name: self.get_component_rich_style(f"transcript-view--{name}", partial=True),
        )

    def render_line(self, y: int) -> Strip:
        import time

        self.painted_at = time.perf_counter()
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self._style("base")
        index = scroll_y + y
        layout = self.layout
        version = layout.version
        layout.reveal(scroll_y, self._height())  # wrapped already, unless drawn before a scroll
        if layout.version != version:
            self._sync_size()
            self.refresh()
        line = layout.line(index)
        if line is None:
            return Strip.blank(width, base)
        key = self._line_key(line, scroll_x, width)
        cached = self._strips.get(index)
        if cached is not None and cached[0] == key:
            return cached[1]
        strip = self._paint(line, scroll_x, width, base)
        self._strips[index] = (key, strip)
        return strip

    def _line_key(self, line, scroll_x: int, width: int) -> tuple:
        """What the strip of ``line`` depends on besides the document and the styles
        (whose changes clear the cache): the part of the selection on it, its codings."""
        if line.kind != TEXT:
            return (line, scroll_x, width, self.gutter_width)
        start, end = line.start, line.end
        sel_start, sel_end = self.selection.start, self.selection.end
        if sel_start == sel_end:
            shown = ("cursor", sel_start) if start <= sel_start <= end else None
        elif sel_start < end and sel_end > start:
            shown = (max(sel_start, start), min(sel_end, end))
        else:
            shown = None
        codings = tuple(self.doc.codings_over(start, end))
        return (line, scroll_x, width, self.gutter_width, shown, codings)

    def _paint(self, line, scroll_x: int, width: int, base: Style) -> Strip:
        turn = self.doc.turns[line.turn]
        bar_style = self._style("speaker:" + turn.speaker if turn.speaker else "dim")
        if line.kind == HEADER:
            segments = paint.gutter_turn(turn.index, self.gutter_width, self._style)
            segments += [
                Segment(BAR, bar_style),
                *paint.header(self.doc, turn, bar_style, self._style),
            ]
        elif line.kind == TEXT:
            segments = paint.gutter_codes(
                self.doc, self.coder, line.start, line.end, self.gutter_width, self._style
            )
            segments += [Segment(BAR, bar_style)]
            segments += paint.text(self.doc, line.start, line.end, self.selection, self._style)
        else:
            segments = []
        return Strip(segments).crop_extend(scroll_x, scroll_x + width, base)
