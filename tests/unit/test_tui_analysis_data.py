"""The plain-data helpers behind the workbench's analysis screens (no Textual needed)."""

from __future__ import annotations

from cmo.core.domain import Coding, Turn
from cmo.tui.state.analysis_data import codings_near, in_context, split_by_family

TEXT = "I: Vraag een?\nR: Antwoord een. Nog iets.\nI: Vraag twee?\nR: Antwoord twee.\n"


def turns() -> list[Turn]:
    out, start = [], 0
    for index, line in enumerate(TEXT.splitlines(keepends=True)):
        out.append(Turn(index, 1, index, line[0], None, None, start, start + len(line) - 1))
        start += len(line)
    return out


def coding(cid: int, start: int, end: int, code: str) -> Coding:
    return Coding(cid, 1, start, end, code, "tester")


def test_codings_near_prefers_selection_then_turn_then_neighbours():
    t = turns()
    first = TEXT.index("Antwoord een")
    second = TEXT.index("Antwoord twee")
    in_turn = coding(1, first, first + 12, "M1a")
    later = coding(2, second, second + 13, "O1")
    codings = [in_turn, later]
    assert codings_near(codings, t, first, first + 5) == [in_turn]
    nog = TEXT.index("Nog iets")
    assert codings_near(codings, t, nog, nog + 3) == [in_turn]  # same turn, not selected
    question = TEXT.index("Vraag twee")
    assert codings_near(codings, t, question, question + 5) == [in_turn, later]  # neighbours
    assert codings_near([], t, 0, 3) == []


def test_split_by_family_keeps_first_appearance_and_drops_other_families():
    codings = [
        coding(1, 0, 2, "O1"),
        coding(2, 0, 2, "C1"),
        coding(3, 3, 4, "O1"),
        coding(4, 5, 6, "X"),
    ]
    families = {"O1": "O", "C1": "C", "X": "E"}
    assert split_by_family(codings, families) == {"C": ["C1"], "M": [], "O": ["O1"]}


def test_in_context_starts_at_the_question_line():
    start = TEXT.index("Antwoord twee")
    before, fragment, after = in_context(TEXT, start, start + 13, around=30)
    assert fragment == "Antwoord twee"
    assert before == "I: Vraag twee?\nR: "  # cut at a line break: the question stays
    assert after.startswith(".")
    wide_before, _, _ = in_context(TEXT, start, start + 13, around=200)
    assert wide_before.startswith("I: Vraag een?")
