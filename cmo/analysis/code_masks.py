"""A unit's codes (a turn's, one coder's) as the bits of one number, and the counts of
codes and pairs of codes from how many units hold each such number: a few thousand
combinations taken apart once each, rather than a set of codes built per unit. Plain
data in and out, so that a forked helper's part can be joined with this process's.
"""

from __future__ import annotations

from collections import Counter


class CodeBits(dict):
    """Code → its own bit (1, 2, 4, …), handed out on first sight."""

    def __missing__(self, code: str) -> int:
        value = self[code] = 1 << len(self)
        return value


def count_masks(units: dict[str, dict[int, int]]) -> Counter[int]:
    """How many units hold each combination of codes: a unit's codes are the bits of one
    number (the OR of their ``bit``), counted per distinct number, in C, rather than a
    set built per unit."""
    masks: Counter[int] = Counter()
    for of_coder in units.values():
        masks.update(of_coder.values())
    return masks


def parted(units: dict[str, dict[int, int]], middle: int) -> tuple[Counter, dict]:
    """(the masks of the units before turn ``middle``, the units from it on): what the
    other part cannot hold, counted, and what it may hold, to be joined with it."""
    alone: Counter[int] = Counter()
    shared = {}
    for coder, of_coder in units.items():
        alone.update(mask for turn, mask in of_coder.items() if turn < middle)
        shared[coder] = {turn: mask for turn, mask in of_coder.items() if turn >= middle}
    return alone, shared


def join_change(units: dict[str, dict[int, int]], other: dict[str, dict[int, int]]) -> Counter:
    """How the masks of ``units`` change when ``other``'s are joined in (a unit in both
    holds the codes of both): +1 for each mask that comes, -1 for each that goes."""
    change: Counter[int] = Counter()
    for coder, theirs in other.items():
        mine = units.get(coder, {})
        for turn, mask in theirs.items():
            was = mine.get(turn)
            if was is None:
                change[mask] += 1
            elif was | mask != was:
                change[was] -= 1
                change[was | mask] += 1
    return change


def mask_counts(masks: Counter[int], bit: dict) -> tuple[Counter, Counter, int]:
    """(diagonal, pairs, units) from the number of units per combination of codes: each
    combination (a few thousand) is taken apart once, not each unit.

    The counts of one code's row (with itself and with every other code) are fields of
    one big integer, each wide enough for any count: a combination adds its number of
    units to every field of its codes in one addition per code, not one per pair.
    """
    units = masks.total()
    by_bit = sorted(bit, key=bit.__getitem__)
    width = units.bit_length() + 1
    field = (1 << width) - 1
    one_at = [1 << (i * width) for i in range(len(by_bit))]
    rows = [0] * len(by_bit)
    for mask, n in masks.items():
        # The bits taken apart inline: a generator per combination takes as long again.
        positions = []
        spread = 0
        while mask:
            low = mask & -mask
            i = low.bit_length() - 1
            positions.append(i)
            spread |= one_at[i]
            mask ^= low
        spread *= n
        for i in positions:
            rows[i] += spread
    diagonal: Counter = Counter()
    pairs: Counter = Counter()
    for i, row in enumerate(rows):
        if not row:
            continue
        code = by_bit[i]
        diagonal[code] = (row >> (i * width)) & field
        row >>= (i + 1) * width
        j = i + 1
        while row:
            count = row & field
            if count:
                other = by_bit[j]
                pairs[(code, other) if code < other else (other, code)] = count
            row >>= width
            j += 1
    return diagonal, pairs, units
