"""The pure re-anchoring rules, case by case (cmo.core.reanchor)."""

from __future__ import annotations

import pytest

from cmo.core.reanchor import EXACT, FUZZY, REVIEW, align, reanchor

OLD = (
    "I: Hoe gaat het met Jan?\n"
    "R: Het gaat goed, ik heb weer strutuur in mijn leven.\n"
    "I: En de schulden?\n"
    "R: Die zijn geregeld via de schuldhulp, ja.\n"
)


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def _moved(old: str, new: str, quote: str):
    (anchor,) = reanchor(old, new, [_span(old, quote)])
    return anchor.status, new[anchor.start : anchor.end]


def test_unchanged_text_keeps_offsets():
    spans = [_span(OLD, "weer strutuur"), _span(OLD, "ja")]
    assert [(a.start, a.end, a.status) for a in reanchor(OLD, OLD, spans)] == [
        (*spans[0], EXACT),
        (*spans[1], EXACT),
    ]


def test_text_before_the_coding_changes_offsets_not_the_text():
    new = "Transcript gecorrigeerd op 3 mei.\n\n" + OLD
    assert _moved(OLD, new, "geregeld via de schuldhulp") == (EXACT, "geregeld via de schuldhulp")


def test_a_moved_paragraph_is_found_far_away():
    lines = OLD.splitlines(keepends=True)
    new = "".join([lines[2], lines[3], lines[0], lines[1]])
    assert _moved(OLD, new, "Die zijn geregeld via de schuldhulp") == (
        EXACT,
        "Die zijn geregeld via de schuldhulp",
    )


def test_a_fixed_typo_is_a_fuzzy_move():
    new = OLD.replace("strutuur", "structuur")
    assert _moved(OLD, new, "ik heb weer strutuur in mijn leven") == (
        FUZZY,
        "ik heb weer structuur in mijn leven",
    )


def test_a_pseudonymised_name_keeps_its_brackets():
    new = OLD.replace("Jan", "[naam]")
    assert _moved(OLD, new, "Hoe gaat het met Jan") == (FUZZY, "Hoe gaat het met [naam]")
    assert _moved(OLD, new, "Jan") == (REVIEW, "[naam]")


def test_deleted_text_is_flagged_and_points_at_its_context():
    new = OLD.replace("R: Die zijn geregeld via de schuldhulp, ja.\n", "")
    status, shown = _moved(OLD, new, "Die zijn geregeld via de schuldhulp")
    assert status == REVIEW and shown.strip()


def test_alignment_maps_offsets_inside_unchanged_text():
    new = "XYZ\n" + OLD
    alignment = align(OLD, new)
    assert all(alignment.map(i) == i + 4 for i in range(0, len(OLD), 7))


def test_an_empty_new_text_is_refused():
    with pytest.raises(ValueError):
        reanchor(OLD, "", [(0, 3)])
