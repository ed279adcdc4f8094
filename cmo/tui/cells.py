"""Table cells that never cut silently: a value wider than its column ends in '…' (and
the screen shows it whole elsewhere: a detail line, a border title)."""

from __future__ import annotations

from rich.text import Text


def cut(value: str | Text, width: int) -> Text:
    text = Text(value) if isinstance(value, str) else value
    if text.cell_len <= width:
        return text
    cut_text = text.copy()
    cut_text.truncate(max(1, width), overflow="ellipsis")
    return cut_text
