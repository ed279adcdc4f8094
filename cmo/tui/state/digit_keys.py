"""What the number keys 1–9 apply in a transcript: pinned codes, then recent ones.

A pinned digit always means its code. The free digits hold recently used codes, and a
code keeps its digit for as long as it stays on the keys: a new code takes an empty
free digit, or else the digit of the code used longest ago. So no key changes meaning
because another code was applied. Plain data, no Textual.
"""

from __future__ import annotations

DIGITS = tuple(range(1, 10))


class DigitKeys:
    def __init__(
        self, pins: dict[int, str], recent: list[str], kept: dict[int, str] | None = None
    ) -> None:
        """``recent``: code ids, the most recently used first; ``kept``: the digits
        recent codes held last time (they keep them, also after a restart)."""
        self.pins = {d: c for d, c in pins.items() if d in DIGITS}
        self.recent_slots: dict[int, str] = {
            d: c
            for d, c in (kept or {}).items()
            if d in DIGITS and d not in self.pins and c not in self.pins.values()
        }
        self.uses: list[str] = []
        """Code ids, the most recently used first."""
        for code_id in recent:
            if code_id in self.pins.values() or code_id in self.recent_slots.values():
                continue
            free = self.free_digits()
            if not free:
                break
            self.recent_slots[free[0]] = code_id
        self.uses = list(recent)

    def free_digits(self) -> list[int]:
        return [d for d in DIGITS if d not in self.pins and d not in self.recent_slots]

    def code_on(self, digit: int) -> str | None:
        return self.pins.get(digit) or self.recent_slots.get(digit)

    def digit_of(self, code_id: str) -> int | None:
        for digit in DIGITS:
            if self.code_on(digit) == code_id:
                return digit
        return None

    def used(self, code_id: str) -> None:
        """``code_id`` was just applied: it gets a digit if it has none."""
        self.uses = [code_id] + [c for c in self.uses if c != code_id]
        if self.digit_of(code_id) is not None:
            return
        free = self.free_digits()
        if free:
            self.recent_slots[free[0]] = code_id
            return
        if not self.recent_slots:
            return  # every digit is pinned
        rank = {c: i for i, c in enumerate(self.uses)}
        oldest = max(self.recent_slots, key=lambda d: rank.get(self.recent_slots[d], len(rank)))
        self.recent_slots[oldest] = code_id

    def pin(self, digit: int, code_id: str | None) -> None:
        """Pin ``code_id`` on ``digit`` (None unpins it; the digit becomes free)."""
        for d in [d for d, c in self.pins.items() if c == code_id]:
            del self.pins[d]
        for d in [d for d, c in self.recent_slots.items() if c == code_id or d == digit]:
            del self.recent_slots[d]
        self.pins.pop(digit, None)
        if code_id:
            self.pins[digit] = code_id

    def keep_only(self, codes: set[str]) -> None:
        """Forget codes that no longer exist (an undone emergent code)."""
        self.pins = {d: c for d, c in self.pins.items() if c in codes}
        self.recent_slots = {d: c for d, c in self.recent_slots.items() if c in codes}
        self.uses = [c for c in self.uses if c in codes]

    def items(self) -> list[tuple[int, str, bool]]:
        """(digit, code id, pinned) for every digit with a code, in digit order."""
        out = []
        for digit in DIGITS:
            code_id = self.code_on(digit)
            if code_id:
                out.append((digit, code_id, digit in self.pins))
        return out
