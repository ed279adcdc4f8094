"""The segments of one screen line of the transcript view: the margin with the codes on
the line, a turn's header, and the text shaded by its codings and the selection.

Functions of the document and a ``style(key)`` lookup, so the view only decides which
line to draw and with which colours.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual.color import Color

from ...core.domain import Turn
from .. import contrast
from ..state.document import TranscriptDoc
from ..state.margin import fit_margin, margin_labels
from ..state.selection import Selection

StyleOf = Callable[[str], Style]


def base_styles(
    background: str, foreground: str, component: Callable[[str], Style]
) -> dict[str, Style]:
    """Every fixed style the view draws with, each text colour made readable (WCAG AA)
    on what it is drawn on, and every cell given the theme's background (no terminal
    background shows through in the gutter or between turns). ``component(name)``: the
    view's component style ``transcript-view--name``."""
    base = Style(
        color=Color.parse(foreground).rich_color, bgcolor=Color.parse(background).rich_color
    )
    styles = {"base": base}
    for name in ("header", "dim", "gutter"):
        part = component(name)
        colour = Color.from_rich_color(part.color).hex6 if part.color is not None else foreground
        ink = Color.parse(contrast.readable(colour, background)).rich_color
        styles[name] = base + Style(color=ink, bold=part.bold)
    sel_bg, sel_fg = contrast.selection(background)
    styles["selection"] = base + Style(
        color=Color.parse(sel_fg).rich_color, bgcolor=Color.parse(sel_bg).rich_color, bold=True
    )
    return styles


def colour_style(
    doc: TranscriptDoc, key: str, background: str, foreground: str, base: Style
) -> Style | None:
    """A code's tint (``code:ID``) or id colour (``id:ID``), or a speaker's colour
    (``speaker:NAME``), made readable; the view asks on first use (a codebook has dozens
    of codes, a screen shows a few)."""
    kind, _, name = key.partition(":")
    if kind == "speaker":
        colour = doc.speaker_colours.get(name)
        if colour is None:
            return None
        ink = contrast.readable(colour, background)
        return base + Style(color=Color.parse(ink).rich_color, bold=True)
    if name not in doc.codes:
        return None
    colour = doc.colour(name)
    if kind == "code":
        tint, text = contrast.code_shade(colour, background, foreground)
        return Style(color=Color.parse(text).rich_color, bgcolor=Color.parse(tint).rich_color)
    ink = contrast.readable(colour, background)
    return base + Style(color=Color.parse(ink).rich_color, bold=True)


def gutter_turn(number: int, width: int, style: StyleOf) -> list[Segment]:
    label = f"{number}" if number >= 0 else ""
    return [Segment(label.rjust(width - 1) + " ", style("gutter"))]


def gutter_codes(
    doc: TranscriptDoc, coder: str, start: int, end: int, width: int, style: StyleOf
) -> list[Segment]:
    width -= 1
    on_line = [c for c in doc.codings_over(start, end) if c.start < end]
    shown, more = fit_margin(margin_labels(on_line, coder), width)
    segments: list[Segment] = []
    for label in shown:
        if segments:
            segments.append(Segment(" ", style("gutter")))
        segments.append(Segment(label.text, style("id:" + label.code_id)))
    if more:
        segments.append(Segment((" " if segments else "") + more, style("gutter")))
    used = sum(len(s.text) for s in segments)
    segments.insert(0, Segment(" " * max(0, width - used), style("gutter")))
    segments.append(Segment(" ", style("gutter")))
    return segments


def header(doc: TranscriptDoc, turn: Turn, speaker_style: Style, style: StyleOf) -> list[Segment]:
    if turn.index < 0:
        return [Segment("(no speaker)", style("dim"))]
    parts = [Segment(turn.speaker or "(no speaker)", speaker_style)]
    details = [d for d in (doc.role(turn), turn.timestamp) if d]
    if details:
        parts.append(Segment("  " + " · ".join(details), style("dim")))
    return parts


def text(
    doc: TranscriptDoc, start: int, end: int, selection: Selection, style: StyleOf
) -> list[Segment]:
    """The text of ``[start, end)``: each coding shaded in its code's colour (the
    innermost wins), underlined where codings overlap (bold from three), the selection
    on top."""
    codings = [c for c in doc.codings_over(start, end) if c.start < end]
    sel_start, sel_end = selection.start, selection.end
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
            shade = style("code:" + inner.code_id)
            if len(covering) >= 2:
                shade += Style(underline=True, bold=len(covering) >= 3)
        else:
            shade = style("base")
        if sel_start <= a and b <= sel_end and sel_end > sel_start:
            shade += style("selection")
        segments.append(Segment(doc.text[a:b], shade))
    if sel_start == sel_end and start <= sel_start <= end:
        # An empty selection (during a click) shows as a one-cell cursor.
        segments = _with_cursor(segments, sel_start - start, style("selection"))
    return segments


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
