"""The overview's "Recent activity": plain rows, repeats grouped (theory.set ×6)."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.changes import describe


@dataclass(frozen=True)
class ActivityRow:
    at: str
    action: str
    what: str
    actor: str
    state: str
    times: int = 1


def short_what(change: dict) -> str:
    """What a change was about, in a few words: a code, a CMOC, a memo's target, a turn."""
    state = change.get("after") or change.get("before") or {}
    entity = change.get("entity")
    if entity == "suggestion":
        return (state.get("coding") or {}).get("code_id") or ""
    if entity == "memo":
        return f"{state.get('target_kind')} {state.get('target_id')}"
    if entity in ("speakers", "transcript"):
        return describe(change)
    return str(state.get("code_id") or state.get("id") or state.get("name") or describe(change))


def activity_rows(changes: list[dict]) -> list[ActivityRow]:
    """One row per change, newest first as given; a run of the same action on the same
    thing by the same person becomes one row with a count."""
    rows: list[ActivityRow] = []
    for change in changes:
        row = ActivityRow(
            at=change.get("at", "")[11:16],
            action=change["action"],
            what=short_what(change),
            actor=change.get("actor") or "",
            state=change.get("state", "done"),
        )
        last = rows[-1] if rows else None
        if last and (last.action, last.what, last.actor, last.state) == (
            row.action,
            row.what,
            row.actor,
            row.state,
        ):
            rows[-1] = ActivityRow(
                last.at, last.action, last.what, last.actor, last.state, last.times + 1
            )
        else:
            rows.append(row)
    return rows
