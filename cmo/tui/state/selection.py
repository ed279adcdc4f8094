"""Keyboard selection over a transcript: moving and extending by word, sentence and turn.

A selection has an anchor (where it started) and a focus (the end that moves), as
in every text editor. Plain moves select one whole unit; shift-moves move the focus.
Pure functions over a :class:`~cmo.tui.state.document.TranscriptDoc`, easy to test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .document import TranscriptDoc
from .units import END, START

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
    units, turns = doc.sentence_units, doc.turns
    if step > 0:
        found = units.first(sel.end)
        while found is not None and not visible(index := doc.turn_at(found[0])):
            # A hidden turn is skipped whole: on to the first sentence of the next turn.
            found = units.first(turns.starts[index + 1]) if index + 1 < len(turns) else None
    else:
        found = units.last(sel.start, END)
        while found is not None and not visible(index := doc.turn_at(found[0])):
            found = units.last(turns.starts[index], START, strict=True)
    return sel if found is None else Selection.span(*found)


def word(doc: TranscriptDoc, sel: Selection, step: int) -> Selection:
    units = doc.word_units
    found = units.first(sel.end) if step > 0 else units.last(sel.start, END)
    return sel if found is None else Selection.span(*found)


def turn(doc: TranscriptDoc, sel: Selection, step: int, visible: Visible = _all) -> Selection:
    """Select the first sentence of the next (or previous) shown turn."""
    index = doc.turn_at(sel.start) + step
    while 0 <= index < len(doc.turns) and not visible(index):
        index += step
    if not 0 <= index < len(doc.turns):
        return sel
    return first_sentence(doc, index)


def first_sentence(doc: TranscriptDoc, turn_index: int) -> Selection:
    start, end = doc.turns.starts[turn_index], doc.turns.ends[turn_index]
    found = doc.sentence_units.first(start)
    if found is not None and found[0] < max(end, start + 1):
        return Selection.span(*found)
    return Selection.span(start, end)


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
    units = {"word": doc.word_units, "sentence": doc.sentence_units}.get(unit) or doc.turn_units
    focus = sel.focus
    for _ in range(2):
        # The focus lands on unit ends while it is after the anchor and on unit starts
        # while it is before, so a selection never gains or keeps stray white space.
        forward_side = focus > sel.anchor or (focus == sel.anchor and step > 0)
        moved = units.bound(focus, END if forward_side else START, step)
        if moved is None:
            return sel
        focus = moved
        if forward_side and focus < sel.anchor:  # shrank past the anchor: grow backwards
            focus = _or(units.bound(sel.anchor, START, -1), sel.anchor)
        elif not forward_side and focus > sel.anchor:
            focus = _or(units.bound(sel.anchor, END, 1), sel.anchor)
        if focus != sel.anchor:
            return Selection(sel.anchor, focus)
    return sel


def _or(found: int | None, default: int) -> int:
    return default if found is None else found


def move_edge(doc: TranscriptDoc, sel: Selection, edge: str, step: int) -> Selection:
    """Move one end of the selection by a word: ``edge`` 'start' or 'end', ``step`` -1
    (left) or 1 (right). The end lands on word ends, the start on word starts, and the
    selection keeps at least one word.

    From a selected sentence, part of it takes a few presses: the start moves right past
    the words to leave out, the end moves left.
    """
    words = doc.word_units
    start, end = sel.start, sel.end
    if edge == "end":
        if step > 0:
            found = words.bound(end, END, 1)
            end = _with_closing(doc.text, found) if found is not None else end
        else:
            # The last word goes with the punctuation after it ('op.' at once).
            last = words.last(end, START, strict=True)
            before = words.last(last[0], START, strict=True) if last else None
            if before is not None and before[1] > start:
                end = _with_closing(doc.text, before[1])
    elif step < 0:
        start = _or(words.bound(start, START, -1), start)
    else:
        found = words.bound(start, START, 1)
        start = found if found is not None and found < end else start
    return Selection(start, end)


CLOSING = ".,;:!?…’”)»'\""


def _with_closing(text: str, end: int) -> int:
    """``end`` moved past punctuation that closes the word before it."""
    while end < len(text) and text[end] in CLOSING:
        end += 1
    return end


def from_coding(start: int, end: int) -> Selection:
    return Selection.span(start, end)


def word_at(doc: TranscriptDoc, offset: int) -> Selection | None:
    """The word holding ``offset`` (a click), if any."""
    found = doc.word_units.last(offset)
    if found is not None and found[0] <= offset < found[1]:
        return Selection.span(*found)
    return None


def snap_to_words(doc: TranscriptDoc, sel: Selection) -> Selection:
    """A dragged range grows to whole words at both ends (as codings usually are)."""
    first = word_at(doc, sel.start)
    last = word_at(doc, max(sel.start, sel.end - 1))
    start = first.start if first else sel.start
    end = last.end if last else sel.end
    return Selection(start, end) if sel.anchor <= sel.focus else Selection(end, start)
