"""What the codebook pane shows, read from the project: the codes, their clusters, how
often each is used, and the fragments of one code. The pane draws it; only this reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.domain import Code

if TYPE_CHECKING:
    from ...store import Store


class CodebookData:
    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def reads(self):
        """The store's plain-SQL reads while its full store opens (``store/later.py``)."""
        return getattr(self.store, "first_reads", self.store)

    def codes(self) -> list[Code]:
        return self.reads.codebook.codes()

    def counts(self) -> dict[str, int]:
        """Codings per code id, the ids case-folded."""
        return {k.casefold(): v for k, v in self.reads.codebook.counts().items()}

    def cluster_names(self) -> dict[str, str]:
        return {c.id: c.name for c in self.reads.codebook.clusters()}

    def fragments(self, code_id: str) -> list[dict]:
        """The fragments of ``code_id`` across the project (casus, transcript, speaker,
        quote and span, for the list and for JumpTo)."""
        return self.store.queries.code_fragments(code_id)
