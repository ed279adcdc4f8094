"""Where real names remain in a project: ``cmo pseudonymise --check``.

Every text column of every table is scanned (transcripts, turns, participants, casussen,
memos, CMOCs, codings, the change log, the stored suggestion model, …) for two kinds of
name:

* the project's own participants: speaker labels that name a person (not ``R``, ``D3``,
  ``KM`` or a pseudonym), searched as whole words in any case;
* persons and places that ``deduce`` finds in free text.

Exports are files outside the database; pass their paths to scan them the same way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.pseudonyms import word_occurrences
from ..core.speakers import is_generic

_FREE_TEXT_COLUMNS = {"text", "memo", "before", "after", "description", "definition", "note"}
_PLACEHOLDER = re.compile(r"^\[[^\]]*\]$|^P-[A-Z]+\d+$")


@dataclass(frozen=True)
class Remaining:
    where: str
    """table.column#row id, or a file name"""
    name: str
    how: str
    """'participant' (a known participant's name) or the deduce tag ('persoon', 'locatie')"""


def known_names(store) -> set[str]:
    """Participants' real names: speaker labels that name someone."""
    from .pseudonymise import _abbreviation

    names = set()
    for person in store.participants.all():
        speaker = person.label.rsplit("/", 1)[-1]
        if is_generic(speaker) or _abbreviation(speaker) or speaker == person.pseudonym:
            continue
        if _PLACEHOLDER.match(speaker):
            continue
        names.add(speaker)
        if len(speaker.split()) > 1 and len(speaker.split()[0]) > 2:
            names.add(speaker.split()[0])
    return names


def scan_project(store, exports: list[Path] = ()) -> list[Remaining]:
    """Every place a real name remains, table by table, then in ``exports``."""
    names = known_names(store)
    found: list[Remaining] = []
    for table_name, key, row in store.queries.every_row():
        for column, value in row.items():
            text = _as_text(value)
            if not text:
                continue
            where = f"{table_name}.{column}#{row[key]}"
            found += _scan(where, text, names, deep=column in _FREE_TEXT_COLUMNS)
    for path in exports:
        data = Path(path).read_bytes()
        found += _scan(str(path), _as_text(data), names, deep=True)
    return found


def _as_text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", "ignore")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return ""


def _scan(where: str, text: str, names: set[str], deep: bool) -> list[Remaining]:
    from .pseudonymise import detected_names

    hits = [
        Remaining(where, name, "participant")
        for name in sorted(names)
        if word_occurrences(text, name, ignore_case=True)
    ]
    if deep and len(text) > 2:
        seen = {h.name.casefold() for h in hits}
        for term, tag in detected_names(text):
            if tag in ("persoon", "locatie") and term.casefold() not in seen:
                if _looks_like_a_name(term):
                    hits.append(Remaining(where, term, tag))
                    seen.add(term.casefold())
    return hits


def _looks_like_a_name(term: str) -> bool:
    # deduce also tags fragments of ids and hex colours inside JSON ("0057cd", "bc").
    return (
        len(term) >= 3
        and term[:1].isalpha()
        and any(ch.isupper() for ch in term)
        and not _PLACEHOLDER.match(term)
        and not term.startswith("P-")
    )
