"""A coder's own workbench settings, kept in the project: pinned digit keys and drafts.

Pins make the number keys stable (digit 3 is always M1c for this coder); drafts keep text
typed into a memo or a CMOC form that was closed without saving, so it is never lost.
Not in the change log: these are the coder's working state, not research data.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from ..schema import WORKBENCH_SETTING as SETTING
from ..schema import now
from .base import Repo

DIGITS = range(1, 10)


def _put(conn, coder: str, key: str, value: str | None) -> None:
    conn.execute(delete(SETTING).where(SETTING.c.coder == coder, SETTING.c.key == key))
    if value is not None:
        conn.execute(SETTING.insert().values(coder=coder, key=key, value=value, updated_at=now()))


class SettingsRepo(Repo):
    """A coder's workbench settings: pinned digit keys, recent slots, drafts."""

    def pins(self, coder: str) -> dict[int, str]:
        """Digit → code id for the digits this coder pinned."""
        return self._digits(coder, "pin:")

    def set_pin(self, coder: str, digit: int, code_id: str | None) -> None:
        """Pin ``code_id`` to ``digit`` (None unpins); a code sits on one digit at most."""
        if digit not in DIGITS:
            raise ValueError(f"digit must be 1–9, not {digit}")
        with self._db.write() as conn:
            if code_id:
                conn.execute(
                    delete(SETTING).where(
                        SETTING.c.coder == coder,
                        SETTING.c.key.like("pin:%"),
                        SETTING.c.value == code_id,
                    )
                )
            _put(conn, coder, f"pin:{digit}", code_id)

    def recent_slots(self, coder: str) -> dict[int, str]:
        """Digit → code id for the digits recent codes last held (so they keep them)."""
        return self._digits(coder, "recent:")

    def _digits(self, coder: str, prefix: str) -> dict[int, str]:
        found = {}
        for key, value in self._values(coder, prefix).items():
            digit = int(key.removeprefix(prefix))
            if digit in DIGITS and value:
                found[digit] = value
        return found

    def set_recent_slots(self, coder: str, slots: dict[int, str]) -> None:
        with self._db.write() as conn:
            for digit in DIGITS:
                _put(conn, coder, f"recent:{digit}", slots.get(digit))

    def draft(self, coder: str, key: str) -> str | None:
        """Text kept from a closed, unsaved form (None: no draft)."""
        return self._values(coder, f"draft:{key}", exact=True).get(f"draft:{key}")

    def set_draft(self, coder: str, key: str, text: str | None) -> None:
        """Keep ``text`` as the draft for ``key``; None or blank text forgets it."""
        with self._db.write() as conn:
            _put(conn, coder, f"draft:{key}", text if text and text.strip() else None)

    def _values(self, coder: str, prefix: str, exact: bool = False) -> dict[str, str]:
        match = SETTING.c.key == prefix if exact else SETTING.c.key.like(prefix + "%")
        query = select(SETTING.c.key, SETTING.c.value).where(SETTING.c.coder == coder, match)
        with self._db.read() as conn:
            return {key: value for key, value in conn.execute(query)}
