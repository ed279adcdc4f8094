"""What the commands print with ``--json`` for a participant or a coding, and how a memo
target (``transcript:NAME``) is read: one place each, so every command says it alike."""

from __future__ import annotations


def participant_json(person, casus_name: str) -> dict:
    return {
        "id": person.id,
        "casus": casus_name,
        "label": person.label,
        "role": person.role,
        "pseudonym": person.pseudonym,
        "attributes": person.attributes,
    }


def coding_json(coding, transcript_name: str, text: str) -> dict:
    """``text`` is the whole transcript's text; the coding's own text is cut from it."""
    return {
        "id": coding.id,
        "transcript": transcript_name,
        "start": coding.start,
        "end": coding.end,
        "code": coding.code_id,
        "coder": coding.coder,
        "memo": coding.memo,
        "status": coding.status,
        "text": text[coding.start : coding.end],
        "created_at": coding.created_at,
        "updated_at": coding.updated_at,
    }


def memo_target(store, target: str) -> tuple[str, str] | None:
    """``project``, ``transcript:NAME``, ``casus:NAME`` or ``code:ID`` → the memo's target
    kind and id; None for any other kind (the caller says where it was written)."""
    kind, _, key = target.partition(":")
    ident = {
        "project": lambda: "",
        "transcript": lambda: str(store.transcripts.get(key).id),
        "casus": lambda: str(store.casussen.get(key).id),
        "code": lambda: store.codebook.code(key).id,
    }
    if kind not in ident:
        return None
    return kind, ident[kind]()
