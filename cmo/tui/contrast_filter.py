"""The last step of every drawn line: text that would read at less than WCAG AA (4.5:1)
on its background gets the nearest colour that does.

Code and speaker colours, Rich's 'dim', Textual's own footer keys, border titles and
table cursors all pass through here, in both themes, so no element of any screen can
fall below AA, whatever colour a codebook brings. Box-drawing lines (borders, bars) are
left alone: they are not text, and their faintness tells focused from unfocused panes.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter, dim_color

from .contrast import AA_TEXT, contrast, readable

DIM_FACTOR = 0.5
"""As Textual's own: a dim colour is halfway to the background."""
NOT_TEXT = frozenset(" \u00a0") | frozenset(chr(c) for c in range(0x2500, 0x25A0))


class ContrastFilter(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        out = []
        for segment in segments:
            style = segment.style
            if style is None or style.color is None or style.reverse or _no_text(segment.text):
                out.append(segment)
                continue
            fixed = _readable_style(style, background.rich_color)
            out.append(segment if fixed is style else Segment(segment.text, fixed, None))
        return out


@lru_cache(maxsize=1024)
def _no_text(text: str) -> bool:
    return all(ch in NOT_TEXT for ch in text)


@lru_cache(maxsize=4096)
def _readable_style(style: Style, background: RichColor) -> Style:
    bg = background if style.bgcolor is None or style.bgcolor.is_default else style.bgcolor
    fg = style.color
    if fg.is_default or bg.is_default:
        return style
    if style.dim:
        fg = dim_color(bg, fg, DIM_FACTOR)
    fg_hex, bg_hex = Color.from_rich_color(fg).hex6, Color.from_rich_color(bg).hex6
    if contrast(fg_hex, bg_hex) >= AA_TEXT:
        return style if not style.dim else style + Style(color=fg, dim=False)
    return style + Style(color=Color.parse(readable(fg_hex, bg_hex)).rich_color, dim=False)
