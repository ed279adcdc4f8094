"""The units coders are compared on, and each coder's yes/no decisions per unit."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ..core.domain import Coding
from ..core.errors import InputError
from ..core.text import sentence_spans

UNITS = ("turn", "sentence", "char")


def unit_spans(
    text: str, turn_spans: Sequence[tuple[int, int]], unit: str
) -> list[tuple[int, int]]:
    """The units of a transcript as sorted, non-overlapping (start, end) spans.

    Turns (or the whole text for a transcript without turns), the sentences inside them,
    or every non-space character.
    """
    if unit not in UNITS:
        raise InputError("--unit", f"unit must be one of {', '.join(UNITS)}, not '{unit}'")
    turns = list(turn_spans) or [(0, len(text))]
    if unit == "turn":
        return turns
    if unit == "sentence":
        return [s for start, end in turns for s in sentence_spans(text, start, end)]
    return [(i, i + 1) for start, end in turns for i in range(start, end) if not text[i].isspace()]


def decisions(
    spans: list[tuple[int, int]],
    codings: Sequence[Coding],
    code_id: str,
    bounds: tuple[list[int], list[int]] | None = None,
):
    """A yes/no array over ``spans``: does a coding of ``code_id`` overlap the unit?

    ``bounds`` (the spans' starts and ends) may be passed to save recomputing them.
    """
    import numpy as np

    starts, ends = bounds or ([s for s, _ in spans], [e for _, e in spans])
    out = np.zeros(len(spans), dtype=bool)
    for c in codings:
        if c.code_id != code_id:
            continue
        # units with start < c.end and end > c.start
        lo = bisect_right(ends, c.start)
        hi = bisect_left(starts, c.end)
        out[lo:hi] = True
    return out
