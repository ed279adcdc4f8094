"""What storing an imported transcript writes, decided once for both stores.

The full store (``repos/bulk.py``, SQLAlchemy, also PostgreSQL) and the standard-library
import (``quick_import.py``, ``sqlite3``) each run their own SQL, but the checks, the
values of every row and the order in which new GUIDs and time stamps are drawn come from
here, so the two write the same rows (a test imports the same files both ways and
compares every table).
"""

from __future__ import annotations

from ..core.domain import ParsedTranscript
from ..core.names import check_name
from ..core.speakers import default_role, participant_label
from . import stamps

TURN_COLUMNS = ("transcript_id", "idx", "speaker", "participant_id", "timestamp", "start", "end")


def check_transcript(parsed: ParsedTranscript, name: str, casus: str, source_name: str) -> None:
    """Names that would attack a terminal or a spreadsheet are refused before anything
    is written (QDPX and other routes skip the readers' own check)."""
    check_name("transcript name", name, source_name)
    check_name("casus name", casus)
    for speaker in parsed.speakers:
        check_name("speaker name", speaker)


def casus_name(name: str) -> str:
    return " ".join(name.split())


def new_casus(name: str) -> dict:
    """A casus made by an import: no attributes yet."""
    return {"name": casus_name(name), "attributes": {}, "guid": stamps.new_guid()}


def new_transcript(
    parsed: ParsedTranscript, name: str, casus_id: int, kind: str, source_name: str, sha256: str
) -> dict:
    return {
        "name": name,
        "casus_id": casus_id,
        "kind": kind,
        "source_name": source_name,
        "sha256": sha256,
        "imported_at": stamps.now(),
        "text": parsed.text,
        "word_count": parsed.word_count,
        "guid": stamps.new_guid(),
    }


def speaker_labels(speakers: list[str], transcript: str, identity: str) -> list[tuple[str, str]]:
    """(speaker, participant label) per speaker (``identity``: see
    ``cmo.core.speakers.IDENTITY_MODES``)."""
    return [(speaker, participant_label(speaker, transcript, identity)) for speaker in speakers]


def new_participant(casus_id: int, speaker: str, label: str, roles: dict[str, str]) -> dict:
    """A participant new to the casus: the role given on the command line, else the one
    the label implies (``GL`` → gespreksleider)."""
    role = roles.get(speaker) or roles.get(speaker.casefold()) or default_role(speaker)
    return {
        "casus_id": casus_id,
        "label": label,
        "role": role,
        "attributes": {},
        "pseudonym": "",
        "guid": stamps.new_guid(),
    }


def turn_rows(transcript_id: int, parsed: ParsedTranscript, people: dict[str, int]) -> list[tuple]:
    """The turns as tuples in :data:`TURN_COLUMNS` order (speaker label → participant id)."""
    return [
        (
            transcript_id,
            i,
            t.speaker,
            people.get(t.speaker) if t.speaker else None,
            t.timestamp,
            t.start,
            t.end,
        )
        for i, t in enumerate(parsed.turns)
    ]


def insert_turns_sql(mark: str = "?") -> str:
    names = ", ".join(f'"{c}"' if c == "end" else c for c in TURN_COLUMNS)
    return f"INSERT INTO turn ({names}) VALUES ({', '.join([mark] * len(TURN_COLUMNS))})"
