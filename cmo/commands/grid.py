"""Box-drawn terminal tables in the look rich gives them, without importing rich.

``cmo freq`` and ``cmo cooccur`` print one table; importing rich and letting it lay out
a 25 × 25 table costs more than computing it. This draws the same table (rich's
heavy-headed box, no padding at the outer edges, a title wrapped to the table's width)
line for line, with colour on a terminal. Where rich would do more than this knows (a
table wider than the terminal, which it squeezes; characters that are not one cell
wide; a note to wrap), :func:`render` returns None and the caller lets rich draw it.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass

STYLES = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "blue": "34"}
_SIMPLE = re.compile(r"[ -~\u00a0-\u02ff\u0391-\u03c9\u2010-\u2027\u2030-\u205e\u2190-\u22ff]*")
"""Characters that take exactly one cell (rich measures the same): Latin, Greek,
punctuation, arrows and mathematical signs; anything else goes to rich."""


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False
    min_width: int | None = None
    max_width: int | None = None
    """Longer cells end in … (rich's ``overflow="ellipsis"``, ``no_wrap``)."""


Cell = tuple[str, str]
"""(text, style): style a space-separated list of :data:`STYLES`, or '', or
``@N:style`` for a style from character N on (a residual after its count)."""


def width_and_colour() -> tuple[int, bool]:
    """The console's width and whether to colour, as the tables' rich Console decides:
    a terminal's width; piped output is not cut to 80 columns (240)."""
    if not sys.stdout.isatty():
        return 240, False
    try:
        columns = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
    except (OSError, ValueError):
        columns = 80
    colour = not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    return columns, colour


def render(
    title: str,
    columns: list[Column],
    rows: list[list[Cell]],
    width: int,
    colour: bool,
    notes: tuple[str, ...] = (),
) -> str | None:
    """The table (and notes under it) as text, or None when rich must draw it."""
    texts = [title, *notes, *(c.header for c in columns), *(t for row in rows for t, _ in row)]
    if not all(_SIMPLE.fullmatch(t) for t in texts):
        return None
    widths = []
    for i, column in enumerate(columns):
        size = max([len(column.header), *(len(row[i][0]) for row in rows)])
        if column.min_width is not None:
            size = max(size, column.min_width)
        if column.max_width is not None:
            size = min(size, column.max_width)
        widths.append(size)
    last = len(columns) - 1
    # One space of padding between columns, none at the outer edges (pad_edge=False).
    cells = [w + (i > 0) + (i < last) for i, w in enumerate(widths)]
    total = sum(cells) + len(cells) + 1
    if total > width:
        return None
    title_lines = _wrap(title, total)
    if title_lines is None:
        return None

    def paint(text: str, style: str) -> str:
        if not colour or not style or not text:
            return text
        codes = ";".join(STYLES[s] for s in style.split())
        return f"\x1b[{codes}m{text}\x1b[0m"

    def line(cells_: list[Cell], bar: str, header: bool = False) -> str:
        out = []
        for i, ((text, style), column, size) in enumerate(
            zip(cells_, columns, widths, strict=True)
        ):
            if len(text) > size:
                text = text[: size - 1] + "…"
            gap = " " * (size - len(text))
            if header:
                shown = paint(text, "bold")
            elif style.startswith("@"):  # "@N:style": the style from character N on
                at, _, style = style[1:].partition(":")
                shown = text[: int(at)] + paint(text[int(at) :], style)
            else:
                shown = paint(text, style)
            body = gap + shown if column.right else shown + gap
            out.append((" " if i > 0 else "") + body + (" " if i < last else ""))
        return bar + bar.join(out) + bar

    def rule(left: str, fill: str, cross: str, right: str) -> str:
        return left + cross.join(fill * c for c in cells) + right

    out = [paint(t, "italic") for t in title_lines]
    out.append(rule("┏", "━", "┳", "┓"))
    out.append(line([(c.header, "") for c in columns], "┃", header=True))
    out.append(rule("┡", "━", "╇", "┩"))
    out.extend(line(row, "│") for row in rows)
    out.append(rule("└", "─", "┴", "┘"))
    for note in notes:  # as rich prints a line of text: wrapped, not padded
        wrapped = _wrap(note, width, pad=False)
        if wrapped is None:
            return None
        out.extend(wrapped)
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int, pad: bool = True) -> list[str] | None:
    """Lines of ``text`` at most ``width`` wide (rich's wrapping: break before a word that
    does not fit), padded to it for a title; None for a word wider than a line."""
    lines: list[str] = []
    current = ""
    for word in re.findall(r"\s*\S+\s*", text):
        bare = word.rstrip()
        if len(bare) > width:
            return None
        if current and len(current) + len(bare) > width:
            lines.append(current)
            current = word
        else:
            current += word
    if current or not lines:
        lines.append(current)
    lines = [ln[:width] if len(ln) > width else ln for ln in lines]
    return [ln.ljust(width) for ln in lines] if pad else lines
