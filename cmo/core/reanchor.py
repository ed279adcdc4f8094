"""Moving coded spans from an old version of a text to a corrected one.

A researcher corrects a transcript after coding it: typos fixed, names
pseudonymised, a paragraph added or removed. Offsets into the old text mean
nothing in the new one, so every span is found again by its *text*:

1. The two texts are aligned (lines first, then words inside changed lines) with
   ``difflib.SequenceMatcher``; this maps every old offset to a new one.
2. A span whose mapped text is identical moved **exactly**. So did one whose text
   occurs unchanged nearby (or anywhere, for longer quotes: a moved paragraph).
3. Otherwise the best approximate match near the mapped place (then, for longer
   quotes, anywhere) is taken if it is similar enough: a **fuzzy** move.
4. Otherwise the span is kept at its mapped place, flagged for **review**.

No span is ever dropped: every input span gets a valid, non-empty span in the
new text. Pure functions, no I/O.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

EXACT, FUZZY, REVIEW = "exact", "fuzzy", "review"
FUZZY_THRESHOLD = 80.0
"""Minimum rapidfuzz similarity (0–100) for a fuzzy move."""
# A word or sign carries the white space after it: a lone " " token would occur between
# every two words and make the word alignment quadratic.
_TOKEN_RE = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")
_MAX_TOKEN_CELLS = 250_000
"""Above this many (old × new) tokens in one changed block, let difflib ignore very common
tokens (autojunk): near-linear time, slightly coarser alignment."""
_GLOBAL_QUOTE = 20
"""Quotes at least this long are also searched for in the whole text (a moved paragraph)."""


@dataclass(frozen=True)
class Anchor:
    """Where a span lands in the new text, and how sure we are of it."""

    start: int
    end: int
    status: str
    """'exact', 'fuzzy' or 'review'."""
    score: float = 100.0


@dataclass(frozen=True)
class Alignment:
    """Matching blocks (old_start, new_start, length) in code points, sorted and disjoint."""

    blocks: tuple[tuple[int, int, int], ...]
    old_len: int
    new_len: int
    starts: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", tuple(b[0] for b in self.blocks))

    def map(self, pos: int) -> int:
        """The new offset of old offset ``pos``; a position in a changed region keeps its
        distance from the start of that region."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0:
            o, n, size = self.blocks[i]
            if pos < o + size:
                return n + pos - o
            prev_old, prev_new = o + size, n + size
        else:
            prev_old, prev_new = 0, 0
        next_new = self.blocks[i + 1][1] if i + 1 < len(self.blocks) else self.new_len
        # Inside a changed stretch: the same distance from its start, kept inside it (a
        # proportional guess would throw a position far off when much text was added).
        return prev_new + min(pos - prev_old, max(0, next_new - prev_new))

    def inside(self, pos: int) -> bool:
        """Whether old offset ``pos`` lies in text that did not change."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.blocks[i][0] + self.blocks[i][2]

    def map_span(self, start: int, end: int) -> tuple[int, int]:
        """An old span in new offsets; an end inside a changed region takes all of the
        replacement ('Jan?' → '[naam]?' maps 'Jan' to '[naam]', not '[na')."""
        new_start = self.map(start)
        if end <= start:
            return new_start, new_start
        new_end = self.map(end - 1) + 1 if self.inside(end - 1) else self.map(end)
        return new_start, max(new_start, new_end)


def align(old: str, new: str) -> Alignment:
    """Align two versions of a text: lines first, then words within changed lines."""
    old_lines, old_at = _split_lines(old)
    new_lines, new_at = _split_lines(new)
    blocks: list[tuple[int, int, int]] = []
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        o1, o2 = old_at[i1], old_at[i2]
        n1, n2 = new_at[j1], new_at[j2]
        if op == "equal":
            blocks.append((o1, n1, o2 - o1))
        elif op == "replace":
            blocks.extend(_token_blocks(old, new, o1, o2, n1, n2))
    return Alignment(tuple(_merge(blocks)), len(old), len(new))


def reanchor(
    old: str, new: str, spans: Sequence[tuple[int, int]], threshold: float = FUZZY_THRESHOLD
) -> list[Anchor]:
    """Find each ``old[start:end]`` in ``new``; one ``Anchor`` per span, in order.

    Raises ``ValueError`` if ``new`` is empty (there is nowhere to keep a span).
    """
    if not new:
        raise ValueError("the new text is empty")
    alignment = align(old, new) if spans else None
    return [_anchor_one(old, new, start, end, alignment, threshold) for start, end in spans]


def _anchor_one(
    old: str, new: str, start: int, end: int, alignment: Alignment, threshold: float
) -> Anchor:
    start, end = max(0, min(start, len(old))), max(0, min(end, len(old)))
    mapped_start, mapped_end = alignment.map_span(start, end)
    quote = old[start:end]
    if quote and new[mapped_start:mapped_end] == quote:
        return Anchor(mapped_start, mapped_end, EXACT)
    if quote.strip():
        found = _exact_nearby(new, quote, mapped_start)
        if found is not None:
            return Anchor(found, found + len(quote), EXACT)
        fuzzy = _fuzzy_nearby(new, quote, mapped_start, mapped_end, threshold)
        if fuzzy is not None:
            return fuzzy
    return _review(new, mapped_start, mapped_end, quote)


def _exact_nearby(new: str, quote: str, near: int) -> int | None:
    """The occurrence of ``quote`` closest to ``near``: within a window for short quotes
    (a common word elsewhere is not the coded one), anywhere for long ones."""
    window = max(200, 2 * len(quote))
    lo = 0 if len(quote) >= _GLOBAL_QUOTE else max(0, near - window)
    hi = len(new) if len(quote) >= _GLOBAL_QUOTE else min(len(new), near + len(quote) + window)
    best, pos = None, new.find(quote, lo, hi)
    while pos != -1:
        if best is None or abs(pos - near) < abs(best - near):
            best = pos
        if pos > near:
            break  # later ones are further away
        pos = new.find(quote, pos + 1, hi)
    return best


def _fuzzy_nearby(
    new: str, quote: str, mapped_start: int, mapped_end: int, threshold: float
) -> Anchor | None:
    """The best approximate match: the aligned place itself, or the best-matching stretch
    near it (or, for longer quotes, anywhere), whichever is more similar."""
    from rapidfuzz import fuzz

    if len(quote.strip()) < 4:
        return None  # too short to recognise after a change
    needed = max(threshold, 90.0) if len(quote) < 12 else threshold
    candidates: list[tuple[float, int, int]] = []
    s, e = _snap(new, mapped_start, mapped_end, quote)
    if e > s:
        candidates.append((fuzz.ratio(quote, new[s:e]), s, e))
    window = max(200, 2 * len(quote))
    places = [(max(0, mapped_start - window), min(len(new), mapped_end + window))]
    if len(quote) >= _GLOBAL_QUOTE:
        places.append((0, len(new)))
    for lo, hi in places:
        if hi - lo < len(quote) // 2:
            continue
        found = fuzz.partial_ratio_alignment(quote, new[lo:hi], score_cutoff=needed)
        if found is None:
            continue
        if len(quote) <= hi - lo:
            s, e = lo + found.dest_start, lo + found.dest_end
        else:  # the window was shorter than the quote: the whole window matched
            s, e = lo, hi
        s, e = _snap(new, s, e, quote)
        if e - s >= max(1, len(quote.strip()) // 2):
            candidates.append((fuzz.ratio(quote, new[s:e]), s, e))
            break  # the nearby match is preferred to one anywhere
    best = max(candidates, default=None, key=lambda c: c[0])  # first wins a tie
    if best is None or best[0] < needed:
        return None
    return Anchor(best[1], best[2], FUZZY, round(best[0], 1))


def _snap(text: str, start: int, end: int, quote: str = "") -> tuple[int, int]:
    """Widen a span to whole words and trim surrounding white space, and punctuation
    that the quote does not start or end with."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    lead = quote[:1].isalnum()
    trail = quote[-1:].isalnum()
    while start < end and (text[start].isspace() or (lead and text[start] in _STRAY_START)):
        start += 1
    while end > start and (text[end - 1].isspace() or (trail and text[end - 1] in _STRAY_END)):
        end -= 1
    for opening, closing in ("[]", "()"):  # keep '[naam]' whole
        inside = text[start:end]
        if inside.count(opening) > inside.count(closing) and text[end : end + 1] == closing:
            end += 1
        elif inside.count(closing) > inside.count(opening) and text[start - 1 : start] == opening:
            start -= 1
    return start, end


_STRAY_START = ".,;:!?)]}’”"
_STRAY_END = ".,;:!?([{‘“"


def _review(new: str, mapped_start: int, mapped_end: int, quote: str = "") -> Anchor:
    """Keep the span where its text used to be, widened to whole words; if (almost)
    nothing is left there (the text was deleted), take the nearest line with text, so
    the reviewer sees the context."""
    start, end = _snap(new, mapped_start, mapped_end, quote)
    if end - start < max(1, len(quote.strip()) // 4) or not new[start:end].strip():
        start, end = _line_around(new, min(max(mapped_start, 0), len(new) - 1))
    start = min(max(start, 0), len(new) - 1)
    end = max(start + 1, min(end, len(new)))
    return Anchor(start, end, REVIEW, 0.0)


def _line_around(text: str, pos: int) -> tuple[int, int]:
    """The line holding ``pos`` (or else the nearest line before it, or after it, with
    text), without surrounding white space."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start:line_end].strip():
        return _snap(text, line_start, line_end)
    before = text[:line_start].rstrip()
    if before.strip():
        return _line_around(text, len(before) - 1)
    after = len(text) - len(text[line_end:].lstrip())
    if after < len(text):
        return _line_around(text, after)
    return pos, pos + 1


def _split_lines(text: str) -> tuple[list[str], list[int]]:
    """Lines with their newline, and the offset where each starts (plus the end)."""
    lines = text.splitlines(keepends=True) if text else []
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    offsets.append(pos)
    return lines, offsets


def _token_blocks(
    old: str, new: str, o1: int, o2: int, n1: int, n2: int
) -> list[tuple[int, int, int]]:
    old_tokens = [(m.group(), o1 + m.start()) for m in _TOKEN_RE.finditer(old[o1:o2])]
    new_tokens = [(m.group(), n1 + m.start()) for m in _TOKEN_RE.finditer(new[n1:n2])]
    if not old_tokens or not new_tokens:
        return []
    # A huge changed block (a text without line breaks) would make word alignment
    # quadratic; autojunk keeps it near-linear at the cost of some precision.
    junk = len(old_tokens) * len(new_tokens) > _MAX_TOKEN_CELLS
    matcher = SequenceMatcher(
        None, [t for t, _ in old_tokens], [t for t, _ in new_tokens], autojunk=junk
    )
    blocks = []
    for i, j, size in matcher.get_matching_blocks():
        if size:
            o_start = old_tokens[i][1]
            o_end = old_tokens[i + size - 1][1] + len(old_tokens[i + size - 1][0])
            blocks.append((o_start, new_tokens[j][1], o_end - o_start))
    return blocks


def _merge(blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    merged: list[tuple[int, int, int]] = []
    for o, n, size in sorted(blocks):
        if size <= 0:
            continue
        if merged and merged[-1][0] + merged[-1][2] == o and merged[-1][1] + merged[-1][2] == n:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + size)
        else:
            merged.append((o, n, size))
    return merged
