"""Reading the change log: '--since' values and one line per change, for the audit trail."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from .errors import InputError

_RELATIVE_RE = re.compile(r"^(\d+)\s*([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(value: str, now: datetime | None = None) -> str:
    """An ISO UTC timestamp from '2026-03-12', '2026-03-12T14:00' or '90m', '2h', '3d', '1w'."""
    value = value.strip()
    m = _RELATIVE_RE.match(value)
    if m:
        now = now or datetime.now(UTC)
        try:
            moment = now - timedelta(**{_UNITS[m.group(2)]: int(m.group(1))})
        except OverflowError:  # '99999999d' reaches before the year 1: everything
            moment = datetime.min.replace(tzinfo=UTC)
        return moment.isoformat(timespec="milliseconds")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            "--since",
            f"'{value}' is not a date (2026-03-12), a date and time "
            "(2026-03-12T14:00) or a span such as 90m, 2h, 3d, 1w",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def describe(change: dict) -> str:
    """A short account of what changed, e.g. 'M3b [120:180] of bram in transcript 3'."""
    before, after = change.get("before") or {}, change.get("after") or {}
    if change["entity"] == "suggestion":  # an accepted suggestion: the coding it made
        coding = (after or {}).get("coding") or (before or {}).get("coding") or {}
        answer = (after or {}).get("feedback") or (before or {}).get("feedback") or {}
        score = f", score {answer['score']:.2f}" if answer.get("score") is not None else ""
        inner = {"entity": "coding", "before": None, "after": coding} if coding else None
        return (describe(inner) if inner else "") + (f" (suggested{score})" if answer else "")
    if change["entity"] == "speakers":
        return _describe_speakers(before, after)
    if change["entity"] == "memo":
        state = after or before
        text = " ".join(str(state.get("text") or "").split())
        short = text if len(text) <= 40 else text[:39] + "…"
        return f"on {state.get('target_kind')} {state.get('target_id')}" + (
            f": «{short}»" if short else ""
        )
    if change["entity"] == "coding":
        state = after or before
        what = (
            f"{state.get('code_id')} [{state.get('start')}:{state.get('end')}]"
            f" of {state.get('coder') or '?'} in transcript {state.get('transcript_id')}"
        )
        if before and after:
            diffs = [
                f"{k} {before.get(k)}→{after.get(k)}"
                for k in ("code_id", "start", "end", "status")
                if before.get(k) != after.get(k)
            ]
            if before.get("memo") != after.get("memo"):
                diffs.append("memo")
            if diffs:
                what += ": " + ", ".join(diffs)
        return what
    if change["entity"] == "project" and change["action"] == "project.import-qdpx":
        return (
            f"{after.get('file', '')}: {len(after.get('transcripts', []))} transcript(s), "
            f"{after.get('codings', 0)} codings"
        )
    if change["entity"] == "transcript":
        return _describe_transcript(change["action"], before, after)
    state = after or before
    for key in ("name", "title", "target_kind", "id"):
        if state.get(key):
            return f"{key} {state[key]}" + _evidence_change(before, after)
    return _evidence_change(before, after).lstrip("; ")


def _describe_speakers(before: dict, after: dict) -> str:
    """Which turns got another speaker: 'turn 4: Deelnemer 2 → Truus'."""
    old = {t.get("id"): t for t in before.get("turns") or ()}
    parts = []
    for turn in after.get("turns") or ():
        was = old.get(turn.get("id"))
        if was is not None and was.get("speaker") != turn.get("speaker"):
            parts.append(f"turn {turn.get('idx')}: {was.get('speaker')} → {turn.get('speaker')}")
    if not parts and len(after.get("turns") or ()) != len(old):
        parts.append(f"{len(old)} → {len(after.get('turns') or ())} turns")
    return "; ".join(parts[:3]) + (f" (+{len(parts) - 3})" if len(parts) > 3 else "")


def _evidence_change(before: dict, after: dict) -> str:
    """Which fragments a link or unlink of CMOC evidence added or took out."""
    if not (before and after) or "_evidence" not in before:
        return ""
    old, new = set(before.get("_evidence") or ()), set(after.get("_evidence") or ())
    parts = []
    if new - old:
        parts.append("linked fragment " + ", ".join(str(i) for i in sorted(new - old)))
    if old - new:
        parts.append("unlinked fragment " + ", ".join(str(i) for i in sorted(old - new)))
    return "".join(f"; {p}" for p in parts)


def _describe_transcript(action: str, before: dict, after: dict) -> str:
    def name(state: dict) -> str:
        return state.get("name") or (state.get("transcript") or {}).get("name", "")

    if action == "transcript.rename":
        return f"{name(before)} → {name(after)}"
    if action == "transcript.remove":
        return f"{name(before)} with {len(before.get('codings', []))} codings"
    if action == "transcript.replace":
        return (
            f"{name(before)}: {after.get('exact', 0)} exact, "
            f"{after.get('fuzzy', 0)} fuzzy, {after.get('review', 0)} review"
        )
    return name(after or before)


def coder_of(state: dict | None) -> str | None:
    return (state or {}).get("coder")
