"""Small lookups written once in plain SQL, for both stores (the repositories' and the
standard-library fast path's): each takes the store's ``fetch`` and placeholder."""

from __future__ import annotations

from collections.abc import Callable

from ..core.errors import NotFound


class Lookups:
    def __init__(self, fetch: Callable[..., list[tuple]], placeholder: str):
        self.fetch = fetch
        self.mark = placeholder

    def coder_has_codings(self, coder: str) -> bool:
        sql = f"SELECT 1 FROM coding WHERE coder = {self.mark} LIMIT 1"
        return bool(self.fetch(sql, (coder,)))

    def casus_id(self, casus: str) -> int:
        """The id of a casus given by name or id (as ``store.casussen.get``)."""
        by = "id" if casus.isdigit() else "name"
        key: int | str = int(casus) if casus.isdigit() else casus
        found = self.fetch(f"SELECT id FROM casus WHERE {by} = {self.mark}", (key,))
        if not found:
            raise NotFound(f"no casus '{casus}'")
        return found[0][0]
