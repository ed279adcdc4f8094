"""What a project export reads, in plain SQL through ``fetch``: the one reader both stores
use (``Store.export_everything`` and ``QuickStore.export_everything``, which needs no
SQLAlchemy), in the shapes of the repositories' lists, so an export cannot tell which
store it read."""

from __future__ import annotations

import json
from types import SimpleNamespace

from ..core.codebook import ordered
from . import rows

CODE_COLUMNS = (
    "id family name cluster definition keywords parent colour emergent sort_order guid named_alone"
)
CLUSTER_COLUMNS = "id family name description sort_order guid named_alone"
CASUS_COLUMNS = "id name attributes guid"
PARTICIPANT_COLUMNS = "id casus_id label role attributes pseudonym guid"
MEMO_COLUMNS = "id target_kind target_id text author created_at updated_at guid"
CMOC_COLUMNS = (
    "id title casus_id contexts mechanisms outcomes resource reasoning fired relation memo "
    "created_at updated_at guid sentence"
)
TRANSCRIPT_COLUMNS = ("id", "guid", "name", "casus_id", "kind", "source_name", "sha256")
TRANSCRIPT_ORDER = "name, id"
"""The order of the sources in an export (the id decides between equal names, so that a
second read gives the same order)."""


def read(fetch, codebook_only: bool = False, sqlite: bool = True) -> dict:
    """codes, clusters and (unless ``codebook_only``) casussen, participants, memos,
    transcripts, codings, speaks, evidence (with its direction), cmocs, theory_versions and
    chains. The caller holds a read
    transaction, so that all of it is one state of the project."""
    out: dict = {
        "codes": ordered(
            [rows.code(r) for r in named_rows(fetch, CODE_COLUMNS, "code", ("keywords",))]
        ),
        "clusters": [
            rows.cluster(r)
            for r in named_rows(fetch, CLUSTER_COLUMNS, "cluster ORDER BY sort_order, id")
        ],
    }
    if codebook_only:
        return out
    out["casussen"] = [
        rows.casus(r)
        for r in named_rows(fetch, CASUS_COLUMNS, "casus ORDER BY name", ("attributes",))
    ]
    out["participants"] = [
        rows.participant(r)
        for r in named_rows(
            fetch, PARTICIPANT_COLUMNS, "participant ORDER BY casus_id, label", ("attributes",)
        )
    ]
    out["memos"] = [rows.memo(r) for r in named_rows(fetch, MEMO_COLUMNS, "memo ORDER BY id")]
    names = (*TRANSCRIPT_COLUMNS, "imported_at", "text")
    out["transcripts"] = [
        dict(zip(names, r, strict=True))
        for r in fetch(f"SELECT {', '.join(names)} FROM transcript ORDER BY {TRANSCRIPT_ORDER}")
    ]
    # Every coding in one fetch, straight from the driver (no row objects on the way).
    # The table read in storage order and sorted, not walked in the order index: the
    # index lacks the memo, time stamp and GUID, and fetching them through it costs a
    # table look-up per coding in random order (twice the time at 100,000 codings).
    # (NOT INDEXED is SQLite's; PostgreSQL's planner makes that choice itself.)
    out["codings"] = fetch(
        'SELECT id, transcript_id, start, "end", code_id, coder, memo, created_at, guid '
        f"FROM coding{' NOT INDEXED' if sqlite else ''} "
        'ORDER BY transcript_id, start, "end", id'
    )
    out["speaks"] = fetch(
        "SELECT DISTINCT transcript_id, participant_id FROM turn WHERE participant_id IS NOT NULL"
    )
    out["evidence"] = fetch(
        "SELECT cmoc_id, coding_id, direction FROM cmoc_evidence ORDER BY coding_id"
    )
    out["cmocs"] = [
        dict(vars(r))
        for r in named_rows(
            fetch, CMOC_COLUMNS, "cmoc ORDER BY id", ("contexts", "mechanisms", "outcomes")
        )
    ]
    out["theory_versions"] = [
        dict(vars(r))
        for r in named_rows(
            fetch, "id name note created_at entries", "theory_version ORDER BY id", ("entries",)
        )
    ]
    out["chains"] = [
        dict(vars(r))
        for r in named_rows(fetch, "id from_cmoc to_cmoc note created_at", "cmoc_chain ORDER BY id")
    ]
    return out


def named_rows(
    fetch, columns: str, source: str, json_columns: tuple[str, ...] = (), params: tuple = ()
) -> list:
    """Rows of ``SELECT columns FROM source`` (``source`` may go on with WHERE, ORDER BY and
    ``?`` for ``params``) with the columns as attributes (as the row mappers in ``rows``
    read them); JSON columns decoded (SQLite keeps them as text)."""
    names = columns.split()
    quoted = ", ".join(f'"{n}"' for n in names)
    out = []
    for values in fetch(f"SELECT {quoted} FROM {source}", params):
        row = dict(zip(names, values, strict=True))
        for name in json_columns:
            if isinstance(row[name], str):
                row[name] = json.loads(row[name])
        out.append(SimpleNamespace(**row))
    return out
