"""Reads for one sweep over a whole project: its turns and codings in text order, their
offsets packed with their transcript so that a sweep never notices where a transcript
ends, straight from the covering index; on SQLite a column at a time, as one JSON array
each (``_arrays``), which costs a third of making a row object per row.

``PackedReads`` is part of ``Corpus``: it reads through the corpus's store and counts the
codings the corpus counts (``_coder_filter``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from operator import le, lt

from ..store.coding_indexes import CODING_CODER_INDEX, CODING_ORDER_INDEX

PACKED = 1 << 32
"""Offsets (code points, far below 2**32) packed with their transcript: one number per
position that sorts in text order across the whole project."""
PACKED_OFFSETS = f'transcript_id * {PACKED} + start, transcript_id * {PACKED} + "end"'
"""A turn's or a coding's start and end, packed."""
PACKED_SPAN = f"{PACKED_OFFSETS}, code_id"
"""A coding's packed start and end, and its code."""

EVERY_CODER = (
    "WITH RECURSIVE coders(name) AS (SELECT MIN(coder) FROM coding UNION ALL "
    "SELECT (SELECT MIN(coder) FROM coding WHERE coder > name) FROM coders "
    "WHERE name IS NOT NULL)"
)
"""The table ``coders(name)`` of every coder of a coding, and a NULL after the last: one
lookup each in the index by coder (``CODING_CODER_INDEX``), from the smallest name on."""


class PackedReads:
    """The packed reads of a ``Corpus`` (see the module docstring)."""

    def packed_turns(
        self, transcripts: list[int] | None = None
    ) -> tuple[tuple[int, ...], tuple[int, ...], tuple]:
        """(starts, ends, participants) of every turn (of ``transcripts``, if given) in text
        order, the offsets packed with their transcript (``PACKED * transcript + offset``),
        so that one sweep runs over the whole project without noticing where a transcript
        ends."""
        where = (
            ""
            if transcripts is None
            else f"WHERE transcript_id IN ({', '.join(map(str, transcripts)) or 'NULL'}) "
        )
        columns = f"{PACKED_OFFSETS}, participant_id"
        if _arrays_read(self._store):
            starts, ends, people = _arrays(self._store, columns, f"turn {where}")
            # Turns in the order they were stored are, nearly always, in text order; two
            # at one position (an empty turn) need the order of their numbers, so then
            # they are read again in order.
            if all(map(lt, starts, starts[1:])):
                return starts, ends, people
        rows = self._store.fetch(
            f"SELECT {columns} FROM turn {where}ORDER BY transcript_id, start, idx"
        )
        return tuple(zip(*rows, strict=True)) if rows else ((), (), ())  # type: ignore[return-value]

    def packed_spans(
        self,
        with_coder: bool,
        codes: list[str] | None,
        transcripts: list[int] | None,
        within: tuple[int | None, int | None] = (None, None),
    ) -> list[tuple]:
        """(start, end, code, coder or '') of the counted codings (of ``coder``, if set) in text
        order, the offsets packed as in ``packed_turns``; only these codes and transcripts
        when given, and those starting ``within`` (from, up to: packed positions, None for
        no bound). Straight from the covering index, without a sort."""
        where, params = self._spans_filter(codes, transcripts, within)
        # Pooled, every coding is the empty coder's (one shared empty string, no object).
        coder = ", coder" if with_coder else ", ''"
        return self._store.fetch(
            f"SELECT {PACKED_SPAN}{coder} FROM coding {where} ORDER BY transcript_id, start, id",
            params,
        )

    def packed_spans_of(
        self,
        coder: str | None,
        codes: list[str] | None,
        transcripts: list[int] | None,
        within: tuple[int | None, int | None] = (None, None),
    ) -> Iterable[tuple]:
        """(start, end, code) as in ``packed_spans``, of one ``coder`` (None: every coder
        counted), to be read once: a column fewer to make objects of, and on SQLite each
        column read as one array (``_arrays``)."""
        where, params = self._spans_filter(codes, transcripts, within)
        if coder is not None:
            where += f" AND coder = {self._store.placeholder}"
            params += (coder,)
        # One coder's codings are read from the index by coder, without the others'.
        index = CODING_ORDER_INDEX if coder is None and self.coder is None else CODING_CODER_INDEX
        if not _arrays_read(self._store, index):
            sql = f"SELECT {PACKED_SPAN} FROM coding {where} ORDER BY transcript_id, start, id"
            return self._store.fetch(sql, params)
        # SQLite hands an aggregate the rows in the order it reads them: from a covering
        # index in text order, named because for a few transcripts or codes the planner
        # would take another. Should they come in another order all the same, they are
        # sorted (a sweep needs the starts in order, not the order among equal ones).
        source = f"coding INDEXED BY {index} {where}"
        starts, ends, codes_ = _arrays(self._store, PACKED_SPAN, source, params)
        spans = zip(starts, ends, codes_, strict=True)
        return spans if all(map(le, starts, starts[1:])) else sorted(spans)

    def coders(self) -> list[str]:
        """Every coder with a coding in the project, in order (only this corpus's coder,
        when it has one): a few lookups in the index of coders, one per coder, rather
        than a read of every coding. Some may have no codings among those counted."""
        if self.coder is not None:
            return [self.coder]
        rows = self._store.fetch(f"{EVERY_CODER} SELECT name FROM coders WHERE name IS NOT NULL")
        return [r[0] for r in rows]

    def _spans_filter(
        self, codes: list[str] | None, transcripts, within=(None, None)
    ) -> tuple[str, tuple]:
        """The WHERE clause of the counted codings of these codes and transcripts, starting
        ``within`` (packed positions: compared as (transcript, start), a range of the
        covering index)."""
        where, params = self._coder_filter()
        mark = self._store.placeholder
        if codes is not None:
            where += f" AND code_id IN ({', '.join([mark] * len(codes)) or 'NULL'})"
            params += tuple(codes)
        if transcripts is not None:
            where += f" AND transcript_id IN ({', '.join(map(str, transcripts)) or 'NULL'})"
        for bound, compare in zip(within, (">=", "<"), strict=True):
            if bound is not None:
                transcript, offset = divmod(int(bound), PACKED)
                where += f" AND (transcript_id, start) {compare} ({transcript}, {offset})"
        return where, params


def indexed_by(store, index: str) -> str:
    """`` INDEXED BY index`` on SQLite when the index is there, else nothing: for a query
    whose best index the planner cannot see without statistics."""
    if getattr(store, "is_sqlite", False) and _has_index(store, index):
        return f" INDEXED BY {index}"
    return ""


def _arrays_read(store, index: str | None = None) -> bool:
    """Whether ``_arrays`` works here (and the ``index`` it reads is there): SQLite from
    3.38 on (JSON built in); the full store on PostgreSQL reads rows."""
    import sqlite3

    if not getattr(store, "is_sqlite", False) or sqlite3.sqlite_version_info < (3, 38):
        return False
    return index is None or _has_index(store, index)


def _has_index(store, index: str) -> bool:
    """Whether a SQLite store's database has the ``index`` (an older schema may not)."""
    sql = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?"
    return store.fetch(sql.replace("?", store.placeholder), (index,))[0][0] > 0


def _arrays(store, columns: str, source: str, params: tuple = ()) -> list[list]:
    """Each of the comma-separated ``columns`` of ``SELECT columns FROM source`` as one list,
    in the order SQLite reads the rows: each column arrives as one JSON array, decoded in C,
    which costs a third of making a row object per row with a number object per value."""
    names = columns.split(", ")
    arrays = ", ".join(f"json_group_array({name})" for name in names)
    (row,) = store.fetch(f"SELECT {arrays} FROM {source}", params)
    return [json.loads(text) for text in row]
