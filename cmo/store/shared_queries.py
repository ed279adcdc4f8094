"""The queries both stores run: the full :class:`~cmo.store.store.Store` and the
standard-library :class:`~cmo.store.fastpath.QuickStore`.

Each takes a ``fetch(sql, params) -> list[tuple]``, so the query layer is written once
and neither store imports the other's driver.
"""

from __future__ import annotations

from collections.abc import Callable

from ..core.bulk import without_gc

Fetch = Callable[..., list[tuple]]


def integrity_problems(fetch: Fetch) -> list[str]:
    """SQLite's own check of the file; empty when the database is sound."""
    result = [r[0] for r in fetch("PRAGMA quick_check")]
    problems = [] if result == ["ok"] else result
    problems += [
        f"foreign key violation in {r[0]} row {r[1]}" for r in fetch("PRAGMA foreign_key_check")
    ]
    return problems


@without_gc
def transcript_summaries(fetch: Fetch, counts: bool = True) -> list[dict]:
    """One row per transcript with counts, without loading the texts. ``counts=False``:
    without the coding counts (``coded_turns``, ``codings``, ``progress``), the part that
    reads every coding.

    A turn is coded when a coding overlaps it: :func:`coded_counts` finds that per turn
    among the codings that start shortly before it, not by joining every turn to every
    coding (quadratic in the length of a transcript).
    """
    names = (
        "id",
        "name",
        "kind",
        "source_name",
        "sha256",
        "imported_at",
        "word_count",
        "guid",
        "casus",
    )
    rows = [
        dict(zip(names, r, strict=True))
        for r in fetch(
            "SELECT t.id, t.name, t.kind, t.source_name, t.sha256, t.imported_at, "
            "t.word_count, t.guid, c.name FROM transcript t JOIN casus c ON c.id = t.casus_id "
            "ORDER BY c.name, t.name"
        )
    ]
    turns = {
        tid: (n, speakers)
        for tid, n, speakers in fetch(
            "SELECT transcript_id, COUNT(*), COUNT(DISTINCT participant_id) FROM turn "
            "GROUP BY transcript_id"
        )
    }
    for row in rows:
        row["turns"], row["speakers"] = turns.get(row["id"], (0, 0))
    return with_coding_counts(fetch, rows) if counts else rows


def with_coding_counts(fetch: Fetch, rows: list[dict]) -> list[dict]:
    """``rows`` of :func:`transcript_summaries` (``counts=False``) with their coding counts."""
    codings, reaches = {}, {}
    for tid, n, reach in fetch(
        'SELECT transcript_id, COUNT(*), MAX("end" - start) FROM coding GROUP BY transcript_id'
    ):
        codings[tid], reaches[tid] = n, reach
    coded = coded_counts(fetch, reaches)
    for row in rows:
        row["coded_turns"] = coded.get(row["id"], 0)
        row["codings"] = codings.get(row["id"], 0)
        row["progress"] = round(row["coded_turns"] / row["turns"], 3) if row["turns"] else 0.0
    return rows


PROBE_REACH = 4096
"""Up to this length of a transcript's longest coding, its coded turns are counted in SQL."""

_PROBED = """
WITH reach(transcript_id, reach) AS (VALUES {values})
SELECT t.transcript_id, COUNT(*) FROM turn t JOIN reach r ON r.transcript_id = t.transcript_id
WHERE EXISTS (
    SELECT 1 FROM coding c WHERE c.transcript_id = t.transcript_id
    AND c.start >= t.start - r.reach AND c.start < t."end" AND c."end" > t.start
)
GROUP BY t.transcript_id
"""


def coded_counts(fetch: Fetch, reaches: dict[int, int]) -> dict[int, int]:
    """Per transcript, the turns that at least one coding overlaps; ``reaches``: the
    length of each transcript's longest coding.

    A coding overlapping a turn starts less than the longest coding's length before it,
    so each turn looks at the few codings in that stretch (the covering index on start):
    in SQL, without reading 100,000 codings into Python. A transcript with a coding longer
    than ``PROBE_REACH`` (whose stretches would hold most of its codings) is swept
    instead (:func:`coded_turns`), so neither way is quadratic.
    """
    probed = [(int(t), int(r)) for t, r in reaches.items() if r is not None and r <= PROBE_REACH]
    out: dict[int, int] = {}
    if probed:
        values = ", ".join(f"({t}, {r})" for t, r in probed)
        out.update(fetch(_PROBED.format(values=values)))
    for tid in (t for t, r in reaches.items() if r is not None and r > PROBE_REACH):
        where = f"WHERE transcript_id = {int(tid)}"
        out.update(
            coded_turns(
                fetch(f'SELECT transcript_id, start, "end" FROM turn {where} ORDER BY "end"'),
                # In the order of the covering index (tables.CODING_ORDER_INDEX): no sort.
                fetch(f'SELECT transcript_id, start, "end" FROM coding {where} ORDER BY start'),
            )
        )
    return out


def coded_turns(turns: list[tuple], codings: list[tuple]) -> dict[int, int]:
    """Per transcript, the turns that at least one coding overlaps.

    ``turns`` are (transcript, start, end) ordered by transcript and end; ``codings``
    the same ordered by transcript and start. A turn is coded when a coding starting
    before the turn's end ends after the turn's start: walking the turns by end, the
    codings starting before it are a growing prefix, so the largest end in that prefix
    answers it. Linear after the sort.
    """
    out: dict[int, int] = {}
    j, n = 0, len(codings)
    current, reach = None, -1
    for tid, start, end in turns:
        if tid != current:
            current, reach = tid, -1
            while j < n and codings[j][0] < tid:
                j += 1
        while j < n and codings[j][0] == tid and codings[j][1] < end:
            reach = max(reach, codings[j][2])
            j += 1
        if reach > start:
            out[tid] = out.get(tid, 0) + 1
    return out
