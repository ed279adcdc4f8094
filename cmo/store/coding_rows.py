"""The coding row and its change-log entry, defined once for both ways into a project:
the repositories (``repos/codings.py`` through ``changelog.py``, with SQLAlchemy) and the
standard-library fast path (``fastpath.py``, which writes the same dicts with ``sqlite3``).

Standard library only: ``cmo code add`` on the fast path must not load SQLAlchemy.
"""

from __future__ import annotations

from ..core.domain import Coding
from ..core.errors import Conflict, NotFound
from ..core.names import check_name
from .stamps import new_guid, now

AGAINST = "weerspreekt"
"""Direction of evidence that speaks against a CMOC."""


def new_coding(
    transcript_id: int, start: int, end: int, code_id: str, coder: str, memo: str
) -> dict:
    """The values of a new coding row."""
    stamp = now()
    return {
        "transcript_id": transcript_id,
        "start": start,
        "end": end,
        "code_id": code_id,
        "coder": coder,
        "memo": memo,
        "created_at": stamp,
        "updated_at": stamp,
        "status": "ok",
        "guid": new_guid(),
    }


def reserve_coding_ids(run, count: int = 1) -> int:
    """The first of ``count`` new coding ids on SQLite, which would otherwise give the id of
    a removed (or undone) newest coding to the next one: the change log, CMOC evidence
    snapshots and theory versions would then name two codings by one id. The highest id
    ever given is kept in ``meta``; PostgreSQL's sequences never reuse an id anyway.

    ``run(sql, params)`` executes on the open write transaction (``sqlite3`` or
    SQLAlchemy's ``exec_driver_sql``) and returns a cursor."""
    top = run("SELECT max(id) FROM coding", ()).fetchone()[0] or 0
    row = run("SELECT value FROM meta WHERE key = ?", (HIGH_KEY,)).fetchone()
    if row is None:  # a project from before this rule: once, from what its log has seen
        row = run(
            "SELECT max(CAST(entity_id AS INTEGER)) FROM change WHERE entity = 'coding'", ()
        ).fetchone()
    first = max(top, int(row[0] or 0)) + 1
    run(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (HIGH_KEY, str(first + count - 1)),
    )
    return first


HIGH_KEY = "coding_id_high"


def with_links(entity: str, state: dict, links: list[tuple[str | int, str]]) -> dict:
    """A row's state as the change log keeps it, with its evidence links: (cmoc id,
    direction) for a coding (removing one cascades it out of CMOCs, so undo must put the
    links back), (coding id, direction) for a CMOC."""
    if entity == "coding":
        state["_cmocs"] = sorted(c for c, _ in links)
        state["_cmocs_against"] = sorted(c for c, d in links if d == AGAINST)
    elif entity == "cmoc":
        state["_evidence"] = sorted(c for c, _ in links)
        state["_against"] = sorted(c for c, d in links if d == AGAINST)
    return state


def change_entry(
    actor: str,
    action: str,
    entity: str,
    key: object,
    before: dict | None,
    after: dict | None,
    state: str = "done",
) -> dict:
    """The values of a change-log row (``before``/``after`` as dicts: JSON columns)."""
    # Every change names who made it (--coder, CMO_CODER, project.toml): an escape
    # sequence there would run in the terminal of whoever reads the log.
    check_name("coder name", actor or "")
    return {
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": str(key),
        "before": before,
        "after": after,
        "at": now(),
        "state": state,
    }


def check_span(start: int, end: int, length: int | None, transcript_id: int) -> None:
    if length is None:
        raise NotFound(f"no transcript {transcript_id}")
    if not (0 <= start < end <= length):
        raise Conflict(f"span {start}-{end} is outside the transcript (0-{length}) or empty")


def no_code(code_id: str) -> NotFound:
    return NotFound(f"no code '{code_id}' in the codebook")


def coding(state: dict) -> Coding:
    """A Coding from a row's state (a dict with at least the Coding's fields)."""
    return Coding(**{name: state[name] for name in Coding.__dataclass_fields__})
