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

from .. import selection as sel_ops
from ..document import TranscriptDoc
from ..layout import HEADER, TEXT, Layout
from ..selection import Selection

BAR = "▌ "
MAX_TEXT_WIDTH = 110
"""Long lines are hard to read: wrap at this width even on a wide terminal."""


class TranscriptView(ScrollView, can_focus=True):
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
        Binding("shift+right,L", "extend('word', 1)", "Extend by word", show=False),
        Binding("shift+left,H", "extend('word', -1)", "Shrink/extend back by word", show=False),
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
        Binding("home", "edge(-1)", "First turn", show=False),
        Binding("end", "edge(1)", "Last turn", show=False),
    ]

    class SelectionChanged(Message):
        """The selection moved; the screen updates its status line and suggestions."""

        def __init__(self, selection: Selection) -> None:
            super().__init__()
            self.selection = selection

    def __init__(self, doc: TranscriptDoc, **widget_options) -> None:
        super().__init__(**widget_options)
        self.doc = doc
        self.selection = sel_ops.first_sentence(doc, 0) if doc.turns else Selection(0, 0)
        self.speaker_filter: set[str] | None = None
        self.layout_cache: Layout | None = None
        self._styles: dict[str, Style] = {}
        self._dragging = False
        self.painted_at = 0.0
        """perf_counter() of the last render_line call (for the benchmark)."""

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
        return (self.doc.turns[turn_index].speaker or "") in self.speaker_filter

    def relayout(self) -> None:
        width = self.scrollable_content_region.width or self.size.width
        text_width = min(MAX_TEXT_WIDTH, max(10, width - self.text_x - 1))
        self.layout_cache = Layout(self.doc, text_width, self.visible)
        self.virtual_size = Size(width, len(self.layout_cache))
        self.refresh()

    @property
    def layout(self) -> Layout:
        if self.layout_cache is None:
            self.relayout()
        assert self.layout_cache is not None
        return self.layout_cache

    def on_resize(self, event: events.Resize) -> None:
        if self.layout_cache is None or self.layout_cache.width != min(
            MAX_TEXT_WIDTH, max(10, event.size.width - self.text_x - 1)
        ):
            self.relayout()
            self.call_after_refresh(self.scroll_to_selection)

    def set_filter(self, speakers: set[str] | None) -> None:
        self.speaker_filter = speakers
        self.relayout()
        if not self.visible(self.doc.turn_at(self.selection.start)):
            self.select(sel_ops.turn(self.doc, self.selection, 1, self.visible))
        self.scroll_to_selection()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    # ---- selection --------------------------------------------------------------------

    def select(self, selection: Selection, scroll: bool = True) -> None:
        self.selection = selection
        self.refresh()
        if scroll:
            self.scroll_to_selection()
        self.post_message(self.SelectionChanged(selection))

    def select_span(self, start: int, end: int) -> None:
        if self.speaker_filter is not None and not self.visible(self.doc.turn_at(start)):
            self.set_filter(None)
        self.select(Selection.span(start, end))

    def scroll_to_selection(self) -> None:
        y = self.layout.line_of(self.selection.focus)
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

    def action_edge(self, step: int) -> None:
        shown = [i for i in range(len(self.doc.turns)) if self.visible(i)]
        if shown:
            self.select(sel_ops.first_sentence(self.doc, shown[-1] if step > 0 else shown[0]))

    # ---- mouse: click selects a word, drag selects a range -----------------------------

    def _offset_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset_capture(self)
        y = offset.y + self.scroll_offset.y
        return self.layout.offset_at(y, offset.x + self.scroll_offset.x - self.text_x)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        where = self._offset_at(event)
        if where is None:
            return
        self.focus()
        self._dragging = True
        self.capture_mouse()
        self.select(Selection(where, where), scroll=False)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self._dragging:
            return
        where = self._offset_at(event)
        if where is not None and where != self.selection.focus:
            self.select(Selection(self.selection.anchor, where), scroll=False)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if not self._dragging:
            return
        self._dragging = False
        self.release_mouse()
        where = self._offset_at(event)
        anchor = self.selection.anchor
        if where is None or where == anchor:
            # A click without a drag selects the word; a double click, the sentence (on_click:
            # only Click events know the click count, a MouseUp has no ``chain``).
            starts, ends = self.doc.words()
            self.select(_unit_at(starts, ends, anchor) or self.selection, scroll=False)
        else:
            self.select(_snap_to_words(self.doc, Selection(anchor, where)), scroll=False)

    def on_click(self, event: events.Click) -> None:
        if event.chain > 1:
            pick = sel_ops.whole_sentence(self.doc, self.selection.start)
            self.select(pick or self.selection, scroll=False)

    # ---- rendering ---------------------------------------------------------------------

    def _style(self, key: str) -> Style:
        if not self._styles:
            self._build_styles()
        return self._styles.get(key) or self._styles["base"]

    def _build_styles(self) -> None:
        base = self.rich_style
        background = self.styles.background if self.styles.background.a else Color(30, 30, 30)
        styles = {"base": base}
        for name in ("selection", "header", "dim", "gutter"):
            styles[name] = base + self.get_component_rich_style(f"transcript-view--{name}")
        for code_id in self.doc.codes:
            shade = Color.parse(self.doc.colour(code_id)).blend(background, 0.45)
            styles["code:" + code_id] = base + Style(bgcolor=shade.rich_color)
            styles["id:" + code_id] = base + Style(
                color=Color.parse(self.doc.colour(code_id)).rich_color, bold=True
            )
        for speaker, colour in self.doc.speaker_colours.items():
            styles["speaker:" + speaker] = base + Style(
                color=Color.parse(colour).rich_color, bold=True
            )
        self._styles = styles

    def render_line(self, y: int) -> Strip:
        import time

        self.painted_at = time.perf_counter()
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self._style("base")
        index = scroll_y + y
        layout = self.layout
        if index >= len(layout.lines):
            return Strip.blank(width, base)
        line = layout.lines[index]
        turn = self.doc.turns[line.turn]
        bar_style = self._style("speaker:" + turn.speaker if turn.speaker else "dim")
        if line.kind == HEADER:
            segments = self._gutter_turn(turn.index) + [Segment(BAR, bar_style)]
            segments += self._header(turn, bar_style)
        elif line.kind == TEXT:
            segments = self._gutter_codes(line.start, line.end) + [Segment(BAR, bar_style)]
            segments += self._text(line.start, line.end)
        else:
            segments = []
        strip = Strip(segments).crop_extend(scroll_x, scroll_x + width, base)
        return strip

    def _gutter_turn(self, number: int) -> list[Segment]:
        label = f"{number}" if number >= 0 else ""
        return [Segment(label.rjust(self.gutter_width - 1) + " ", self._style("gutter"))]

    def _gutter_codes(self, start: int, end: int) -> list[Segment]:
        width = self.gutter_width - 1
        ids: list[str] = []
        for coding in self.doc.codings_over(start, end):
            # A coding flagged for review after a replace carries a '!'.
            label = coding.code_id + ("!" if coding.status == "review" else "")
            if coding.start < end and label not in ids:
                ids.append(label)
        segments: list[Segment] = []
        used = 0
        for pos, code_id in enumerate(ids):
            rest = len(ids) - pos - 1
            need = len(code_id) + (1 if segments else 0)
            room = width - used - (len(f"+{rest}") + 1 if rest else 0)
            if need > room:
                more = f"+{len(ids) - pos}"
                if used + len(more) + (1 if segments else 0) <= width:
                    segments.append(
                        Segment((" " if segments else "") + more, self._style("gutter"))
                    )
                    used += len(more) + (1 if len(segments) > 1 else 0)
                break
            segments.append(
                Segment(
                    (" " if segments else "") + code_id,
                    self._style("id:" + code_id.rstrip("!")),
                )
            )
            used += need
        segments.insert(0, Segment(" " * max(0, width - used), self._style("gutter")))
        segments.append(Segment(" ", self._style("base")))
        return segments

    def _header(self, turn, speaker_style: Style) -> list[Segment]:
        if turn.index < 0:
            return [Segment("(no speaker)", self._style("dim"))]
        parts = [Segment(turn.speaker or "(no speaker)", speaker_style)]
        role = self.doc.role(turn)
        details = [d for d in (role, turn.timestamp) if d]
        if details:
            parts.append(Segment("  " + " · ".join(details), self._style("dim")))
        return parts

    def _text(self, start: int, end: int) -> list[Segment]:
        text = self.doc.text
        codings = [c for c in self.doc.codings_over(start, end) if c.start < end]
        sel_start, sel_end = self.selection.start, self.selection.end
        cuts = {start, end}
        for coding in codings:
            cuts.update(p for p in (coding.start, coding.end) if start < p < end)
        cuts.update(p for p in (sel_start, sel_end) if start < p < end)
        ordered = sorted(cuts)
        segments = []
        for a, b in zip(ordered, ordered[1:], strict=False):
            covering = [c for c in codings if c.start <= a and c.end >= b]
            if covering:
                inner = min(covering, key=lambda c: c.end - c.start)
                style = self._style("code:" + inner.code_id)
                if len(covering) >= 2:
                    style += Style(underline=True, bold=len(covering) >= 3)
            else:
                style = self._style("base")
            if sel_start <= a and b <= sel_end and sel_end > sel_start:
                style += self._style("selection")
            segments.append(Segment(text[a:b], style))
        if sel_start == sel_end and start <= sel_start <= end:
            # An empty selection (during a click) shows as a one-cell cursor.
            segments = _with_cursor(segments, sel_start - start, self._style("selection"))
        return segments


def _unit_at(starts: list[int], ends: list[int], offset: int) -> Selection | None:
    from bisect import bisect_right

    pos = bisect_right(starts, offset) - 1
    if pos >= 0 and starts[pos] <= offset < ends[pos]:
        return Selection.span(starts[pos], ends[pos])
    return None


def _snap_to_words(doc: TranscriptDoc, sel: Selection) -> Selection:
    """A dragged range grows to whole words at both ends (as codings usually are)."""
    starts, ends = doc.words()
    first = _unit_at(starts, ends, sel.start)
    last = _unit_at(starts, ends, max(sel.start, sel.end - 1))
    start = first.start if first else sel.start
    end = last.end if last else sel.end
    return Selection(start, end) if sel.anchor <= sel.focus else Selection(end, start)


def _with_cursor(segments: list[Segment], column: int, style: Style) -> list[Segment]:
    out: list[Segment] = []
    pos = 0
    for seg in segments:
        n = len(seg.text)
        if pos <= column < pos + n:
            cut = column - pos
            out += [
                Segment(seg.text[:cut], seg.style),
                Segment(seg.text[cut], style),
                Segment(seg.text[cut + 1 :], seg.style),
            ]
        else:
            out.append(seg)
        pos += n
    if column >= pos:
        out.append(Segment(" ", style))
    return [s for s in out if s.text]
