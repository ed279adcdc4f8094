"""The workbench's state for huge transcripts gives what the whole lists gave: codings read
piece by piece, units found chunk by chunk, turns read a block at a time."""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right

from cmo.core.domain import Coding, Turn
from cmo.core.text import word_spans
from cmo.tui.state import coding_index
from cmo.tui.state.coding_index import CodingIndex, CodingSource
from cmo.tui.state.turn_table import ROWS_AT_ONCE, StoredTurns, TurnTable, turn_row
from cmo.tui.state.units import END, START, Spans, text_chunks


def random_codings(rng: random.Random, count: int, length: int) -> list[Coding]:
    out = []
    for number in range(1, count + 1):
        start = rng.randrange(length)
        size = rng.choice([1, 5, 40, 300, 9000]) if rng.random() < 0.9 else 30_000
        out.append(Coding(number, 1, start, start + rng.randint(1, size), "C1", "a"))
    return out


def windowed(codings: list[Coding]) -> CodingIndex:
    reads = []

    def starting_in(low: int, high: int) -> list[Coding]:
        reads.append((low, high))
        return [c for c in codings if low <= c.start < high]

    index = CodingIndex(
        None,
        CodingSource(
            longest=lambda: max((c.end - c.start for c in codings), default=0),
            starting_in=starting_in,
            everything=lambda: list(codings),
        ),
    )
    index.reads = reads
    return index


def test_codings_read_piece_by_piece_are_those_of_the_whole_list():
    rng = random.Random(5)
    length = 200_000
    codings = random_codings(rng, 600, length)
    whole = CodingIndex(codings)
    pieces = windowed(codings)
    for _ in range(300):
        start = rng.randrange(length)
        end = start + rng.choice([0, 1, 50, 2000])
        assert pieces.over(start, end) == whole.over(start, end)
        here = (start, end)
        for step in (1, -1):
            shown = (lambda c: c.id % 3 != 0) if rng.random() < 0.5 else (lambda c: True)
            got = pieces.next_after(here, step, shown, length)
            assert got == whole.next_after(here, step, shown, length)
    assert pieces._list is None  # never all read
    assert len(pieces.reads) < length // coding_index.CHUNK + 2


def test_a_change_is_seen_piece_by_piece_and_in_the_whole_list():
    rng = random.Random(6)
    codings = random_codings(rng, 200, 50_000)
    store = list(codings)
    pieces, whole = windowed(store), CodingIndex(list(codings))
    added = Coding(999, 1, 100, 40_000, "M1", "b")  # longer than any before
    store.append(added)
    pieces.add(added)
    whole.add(added)
    store.remove(codings[0])
    pieces.discard(codings[0].id)
    whole.discard(codings[0].id)
    assert pieces.over(39_000, 39_001) == whole.over(39_000, 39_001)
    assert added in whole.over(39_000, 39_001)
    assert codings[0] not in whole.everything
    assert pieces.everything == whole.everything


def test_words_found_chunk_by_chunk_answer_as_the_whole_list():
    rng = random.Random(7)
    pieces = ["aa", "b-c", "d’e", "12", "x" * 50, " ", "  ", "\n", ". ", ", "]
    text = "".join(rng.choice(pieces) for _ in range(20_000))
    count, start_of, chunk_of = text_chunks(text, 500)
    units = Spans(count, lambda k: word_spans(text, start_of(k), start_of(k + 1)), chunk_of)
    spans = word_spans(text)
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    assert list(units) == spans
    for _ in range(500):
        x = rng.randrange(len(text) + 1)
        pos = bisect_left(starts, x)
        assert units.first(x) == (spans[pos] if pos < len(spans) else None)
        pos = bisect_right(ends, x)
        assert units.first(x, END, strict=True) == (spans[pos] if pos < len(spans) else None)
        pos = bisect_right(starts, x) - 1
        assert units.last(x) == (spans[pos] if pos >= 0 else None)
        pos = bisect_left(starts, x) - 1
        assert units.bound(x, START, -1) == (starts[pos] if pos >= 0 else None)


def test_turns_are_read_a_block_at_a_time_and_are_the_stored_ones():
    rows = [
        turn_row(Turn(i + 10, 1, i, f"S{i % 3}", None, None, i * 10 + 3, i * 10 + 9))
        for i in range(ROWS_AT_ONCE * 2 + 5)
    ]
    reads = []

    def read(first: int, count: int):
        reads.append((first, count))
        return rows[first : first + count]

    stored = StoredTurns([(r[6], r[7], r[3]) for r in rows], read)
    head = Turn(0, 1, -1, None, None, None, 0, 2)
    table = TurnTable(stored.columns, stored.rows, head=head)
    assert table[0] is head and table.starts[:2] == [0, 3]
    assert table[ROWS_AT_ONCE + 1] == Turn(*rows[ROWS_AT_ONCE])
    assert table[ROWS_AT_ONCE + 2].index == ROWS_AT_ONCE + 1
    assert reads == [(ROWS_AT_ONCE, ROWS_AT_ONCE)]  # one block, read once
    assert [t.index for t in table] == [-1, *range(len(rows))]
    assert table.speakers[1:4] == ["S0", "S1", "S2"]
