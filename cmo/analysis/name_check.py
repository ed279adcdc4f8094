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
from functools import lru_cache
from pathlib import Path

from ..core.pseudonyms import word_occurrences

_FREE_TEXT_COLUMNS = {"text", "memo", "before", "after", "description", "definition", "note"}
_PLACEHOLDER = re.compile(r"^\[[^\]]*\]$|^P-[A-Z]+\d+$")


@dataclass(frozen=True)
class Remaining:
    where: str
    """table.column#row id, or a file name"""
    name: str
    how: str
    """'participant' (a known participant's name) or the deduce tag ('persoon', 'locatie')"""


_SLUG_COLUMNS = {
    ("transcript", "name"),
    ("transcript", "source_name"),
    ("casus", "name"),
    ("participant", "label"),
    ("turn", "speaker"),
}
_SKIPPED_TABLES = {"embedding", "meta"}
"""Vectors and the schema's own keys: no text a person wrote."""
_MAX_MEMBER = 64 * 1024 * 1024


def known_names(store) -> set[str]:
    """Participants' real names (labels that name someone) and the casus' places."""
    from .pseudonymise import PLACE_KEYS
    from .pseudonymise_project import participant_names

    names = {n for found in participant_names(store).values() for n in found}
    for casus in store.casussen.all():
        for key, value in casus.attributes.items():
            if key.casefold() in PLACE_KEYS and isinstance(value, str) and value.strip():
                if not _PLACEHOLDER.match(value.strip()):
                    names.add(value.strip())
    return names


def scan_project(store, exports: list[Path] = (), folder: Path | None = None) -> list[Remaining]:
    """Every place a real name remains, table by table, then in ``exports`` and the
    files of the project folder (``project.toml``, ``exports/``, ``backups/``)."""
    from .pseudonymise import codebook_words
    from .pseudonymise_project import team

    context = _Context(known_names(store), codebook_words(store), team(store))
    found: list[Remaining] = []
    for table_name, key, row in store.queries.every_row():
        if table_name in _SKIPPED_TABLES:
            continue
        for column, value in row.items():
            text = _as_text(value)
            if not text:
                continue
            where = f"{table_name}.{column}#{row[key]}"
            if (table_name, column) in _SLUG_COLUMNS:
                found += context.scan_slug(where, text)
            else:
                found += context.scan(where, text, deep=column in _FREE_TEXT_COLUMNS)
    files = list(exports)
    if folder is not None:
        files.append(folder / "project.toml")
        for sub in ("exports", "backups"):
            if (folder / sub).is_dir():
                files += sorted(p for p in (folder / sub).rglob("*") if p.is_file())
    own = _Context(context.names, context.vocabulary | _own_words(), context.team)
    for path in files:
        for where, text in _file_texts(Path(path)):
            found += own.scan(where, text, deep=True)
    return found


_OFFICE_LAYOUT = re.compile(
    r"(^|/)(theme\d*|styles|stylesWithEffects|fontTable|settings|webSettings|numbering)\.xml$"
)


@lru_cache(maxsize=1)
def _own_words() -> frozenset[str]:
    """Words cmo's export code writes itself (headings such as "Bron" or "Velden", the
    RAMESES reference's authors): found in an export, they came from cmo, not a project."""
    package_root = Path(__file__).resolve().parents[1]  # read as text, not imported
    words: set[str] = set()
    for package in ("export", "refi", "core"):
        for source in (package_root / package).glob("*.py"):
            text = source.read_text(encoding="utf-8")
            words.update(w.casefold() for w in re.findall(r"\w+", text))
    return frozenset(words)


def _binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def _file_texts(path: Path) -> list[tuple[str, str]]:
    """The text of a file; of a zip archive (.qdpx, .xlsx, .docx) every member's."""
    import zipfile

    if path.suffix.casefold() == ".db":  # a backup: a whole database, read as bytes
        return [(str(path), _as_text(path.read_bytes()))]
    if zipfile.is_zipfile(path):
        out = []
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir() or info.file_size > _MAX_MEMBER:
                    continue
                if _OFFICE_LAYOUT.search(info.filename):
                    continue  # fonts and styles of the Office format, no content
                data = archive.read(info)
                if not _binary(data):
                    out.append((f"{path}:{info.filename}", _xml_text(_as_text(data))))
        return out
    data = path.read_bytes()
    return [] if _binary(data) else [(str(path), _xml_text(_as_text(data)))]


def _xml_text(text: str) -> str:
    # Markup says nothing about people; a name inside a tag's attribute (<Case name=…>)
    # stays, as text between quotes.
    text = re.sub(r"</?[\w:.-]+|/?>", " ", text)
    return text.replace("&quot;", '"').replace("&amp;", "&").replace("&apos;", "'")


def _as_text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", "ignore")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return ""


@dataclass
class _Context:
    names: set[str]
    vocabulary: frozenset[str]
    team: frozenset[str]

    def scan(self, where: str, text: str, deep: bool) -> list[Remaining]:
        from .pseudonymise import detected_names
        from .pseudonymise_project import keeps_a_name

        hits = [
            Remaining(where, name, "participant")
            for name in sorted(self.names)
            if name.split()[0].casefold() in text.casefold()
            and word_occurrences(text, name, ignore_case=True)
        ]
        if deep and len(text) > 2:
            seen = {h.name.casefold() for h in hits}
            for term, tag in detected_names(text):
                if tag in ("persoon", "locatie") and term.casefold() not in seen:
                    if _looks_like_a_name(term) and keeps_a_name(
                        term, tag, self.vocabulary, self.team
                    ):
                        hits.append(Remaining(where, term, tag))
                        seen.add(term.casefold())
        return hits

    def scan_slug(self, where: str, text: str) -> list[Remaining]:
        """A name made of words (a transcript or file name, a label): each word alone."""
        from .pseudonymise import detected_names
        from .pseudonymise_project import keeps_a_name

        hits = self.scan(where, text, deep=False)
        seen = {h.name.casefold() for h in hits}
        for word in re.split(r"[^\w]+", text):
            if not word.isalpha() or word.casefold() in seen or _PLACEHOLDER.match(word):
                continue
            for term, tag in detected_names(word[:1].upper() + word[1:].lower()):
                if keeps_a_name(term, tag, self.vocabulary, self.team):
                    hits.append(Remaining(where, word, tag))
                    seen.add(word.casefold())
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
