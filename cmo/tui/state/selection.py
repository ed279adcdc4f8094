"""Keyboard selection over a transcript: moving and extending by word, sentence and turn.

A selection has an anchor (where it started) and a focus (the end that moves), as
in every text editor. Plain moves select one whole unit; shift-moves move the focus.
Pure functions over a :class:`~cmo.tui.state.document.TranscriptDoc`, easy to test.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from .document import TranscriptDoc

Visible = Callable[[int], bool]
"""Whether the turn with this index (into ``doc.turns``) is shown (speaker filter)."""


@dataclass(frozen=True)
class Selection:
    anchor: int
    focus: int

    @property
    def start(self) -> int:
        return min(self.anchor, self.focus)

    @property
    def end(self) -> int:
        return max(self.anchor, self.focus)

    @classmethod
    def span(cls, start: int, end: int) -> Selection:
        return cls(start, end)


def trimmed(doc: TranscriptDoc, sel: Selection) -> tuple[int, int]:
    """The selection without surrounding white space: the span a coding gets."""
    start, end = sel.start, sel.end
    # Speaker labels sit between turns: a selection never takes them along.
    first = doc.turns[doc.turn_at(start)] if doc.turns else None
    if first is not None and start >= first.end:
        following = doc.turn_at(start) + 1
        start = doc.turns[following].start if following < len(doc.turns) else end
    last = doc.turns[doc.turn_at(max(start, end - 1))] if doc.turns else None
    if last is not None and end > last.end:
        end = last.end
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return start, end


def _all(_: int) -> bool:
    return True


# ---- plain moves: select the next or previous unit ----------------------------------


def sentence(doc: TranscriptDoc, sel: Selection, step: int, visible: Visible = _all) -> Selection:
    """Select the sentence after (step 1) or before (step -1) the selection."""
    if step > 0:
        pos = bisect_left(doc.sentence_starts, sel.end)
        while pos < len(doc.sentences) and not visible(doc.turn_at(doc.sentences[pos][0])):
            pos += 1
    else:
        pos = bisect_right(doc.sentence_ends, sel.start) - 1
        while pos >= 0 and not visible(doc.turn_at(doc.sentences[pos][0])):
            pos -= 1
    if not 0 <= pos < len(doc.sentences):
        return sel
    return Selection.span(*doc.sentences[pos])


def word(doc: TranscriptDoc, sel: Selection, step: int) -> Selection:
    starts, ends = doc.words()
    if step > 0:
        pos = bisect_left(starts, sel.end)
    else:
        pos = bisect_right(ends, sel.start) - 1
    if not 0 <= pos < len(starts):
        return sel
    return Selection.span(starts[pos], ends[pos])


def turn(doc: TranscriptDoc, sel: Selection, step: int, visible: Visible = _all) -> Selection:
    """Select the first sentence of the next (or previous) shown turn."""
    index = doc.turn_at(sel.start) + step
    while 0 <= index < len(doc.turns) and not visible(index):
        index += step
    if not 0 <= index < len(doc.turns):
        return sel
    return first_sentence(doc, index)


def first_sentence(doc: TranscriptDoc, turn_index: int) -> Selection:
    t = doc.turns[turn_index]
    pos = bisect_left(doc.sentence_starts, t.start)
    if pos < len(doc.sentences) and doc.sentences[pos][0] < max(t.end, t.start + 1):
        return Selection.span(*doc.sentences[pos])
    return Selection.span(t.start, t.end)


def whole_turn(doc: TranscriptDoc, sel: Selection) -> Selection:
    t = doc.turns[doc.turn_at(sel.start)]
    start, end = trimmed(doc, Selection(t.start, t.end))
    return Selection.span(start, end) if end > start else sel


def whole_sentence(doc: TranscriptDoc, offset: int) -> Selection:
    return Selection.span(*doc.sentence_at(offset))


# ---- extending: move the focus by a unit ---------------------------------------------


def extend(doc: TranscriptDoc, sel: Selection, unit: str, step: int) -> Selection:
    """Move the focus to the next unit end (step 1) or previous unit start (step -1).

    ``unit`` is 'word', 'sentence' or 'turn'. The focus never lands on the anchor, so a
    selection can shrink past it and grow on the other side.
    """
    if unit == "word":
        starts, ends = doc.words()
    elif unit == "sentence":
        starts, ends = doc.sentence_starts, doc.sentence_ends
    else:
        starts = doc.turn_starts
        ends = [_trim_end(doc, t.end) for t in doc.turns]
    focus = sel.focus
    for _ in range(2):
        # The focus lands on unit ends while it is after the anchor and on unit starts
        # while it is before, so a selection never gains or keeps stray white space.
        forward_side = focus > sel.anchor or (focus == sel.anchor and step > 0)
        bounds = ends if forward_side else starts
        if step > 0:
            pos = bisect_right(bounds, focus)
            if pos >= len(bounds):
                return sel
        else:
            pos = bisect_left(bounds, focus) - 1
            if pos < 0:
                return sel
        focus = bounds[pos]
        if forward_side and focus < sel.anchor:  # shrank past the anchor: grow backwards
            pos = bisect_left(starts, sel.anchor) - 1
            focus = starts[pos] if pos >= 0 else sel.anchor
        elif not forward_side and focus > sel.anchor:
            pos = bisect_right(ends, sel.anchor)
            focus = ends[pos] if pos < len(ends) else sel.anchor
        if focus != sel.anchor:
            return Selection(sel.anchor, focus)
    return sel


def move_edge(doc: TranscriptDoc, sel: Selection, edge: str, step: int) -> Selection:
    """Move one end of the selection by a word: ``edge`` 'start' or 'end', ``step`` -1
    (left) or 1 (right). The end lands on word ends, the start on word starts, and the
    selection keeps at least one word.

    From a selected sentence, part of it takes a few presses: the start moves right past
    the words to leave out, the end moves left.
    """
    starts, ends = doc.words()
    start, end = sel.start, sel.end
    if edge == "end":
        if step > 0:
            pos = bisect_right(ends, end)
            end = _with_closing(doc.text, ends[pos]) if pos < len(ends) else end
        else:
            # The last word goes with the punctuation after it ('op.' at once).
            last = bisect_left(starts, end) - 1
            if last >= 1 and ends[last - 1] > start:
                end = _with_closing(doc.text, ends[last - 1])
    elif step < 0:
        pos = bisect_left(starts, start) - 1
        start = starts[pos] if pos >= 0 else start
    else:
        pos = bisect_right(starts, start)
        start = starts[pos] if pos < len(starts) and starts[pos] < end else start
    return Selection(start, end)


CLOSING = ".,;:!?…’”)»'\""


def _with_closing(text: str, end: int) -> int:
    """``end`` moved past punctuation that closes the word before it."""
    while end < len(text) and text[end] in CLOSING:
        end += 1
    return end


def _trim_end(doc: TranscriptDoc, end: int) -> int:
    while end > 0 and doc.text[end - 1].isspace():
        end -= 1
    return end


def from_coding(start: int, end: int) -> Selection:
    return Selection.span(start, end)


def word_at(doc: TranscriptDoc, offset: int) -> Selection | None:
    """The word holding ``offset`` (a click), if any."""
    starts, ends = doc.words()
    pos = bisect_right(starts, offset) - 1
    if pos >= 0 and starts[pos] <= offset < ends[pos]:
        return Selection.span(starts[pos], ends[pos])
    return None


def snap_to_words(doc: TranscriptDoc, sel: Selection) -> Selection:
    """A dragged range grows to whole words at both ends (as codings usually are)."""
    first = word_at(doc, sel.start)
    last = word_at(doc, max(sel.start, sel.end - 1))
    start = first.start if first else sel.start
    end = last.end if last else sel.end
    return Selection(start, end) if sel.anchor <= sel.focus else Selection(end, start)
