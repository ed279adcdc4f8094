"""Codebooks read before, kept parsed: ``cmo init`` without the YAML parser.

Importing PyYAML and parsing the bundled codebook with it costs more than the rest of
``cmo init``. A codebook that parsed and validated is kept as JSON in the user's cache
folder (``~/.cache/cmo``), keyed by the file's bytes, its name (a codebook without a
``codebook:`` name takes the file's) and the size and time of the modules that parse it:
the same bytes read by the same code give the same codebook, and an edit to either
makes the next read parse again. A codebook with a problem is never kept, so its error
is always the parser's own. Best effort: a cache that cannot be read or written only
means parsing.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from ..core import user_cache
from ..core.codebook import Cluster, Codebook
from ..core.domain import Code

FORMAT = 1
KEEP = 16
"""Parsed codebooks kept; the oldest go first."""
PACKAGE = Path(__file__).resolve().parents[1]
SOURCES = ("ingest/codebook_yaml.py", "ingest/codebook_cache.py", "core/codebook.py")
SOURCES += ("core/domain.py", "core/names.py")


def cache_folder() -> Path:
    return user_cache.folder()


def _key(data: bytes, path: Path) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{path.stem}\0".encode())
    user_cache.stamp_files(digest, ((name, PACKAGE / name) for name in SOURCES))
    digest.update(data)
    return digest.hexdigest()[:32]


def load(path: Path) -> Codebook:
    """The codebook in ``path``, parsed and validated as ``codebook_yaml.load_codebook``
    does (which raises the ``InputError`` of a bad one)."""
    from .safety import MAX_CODEBOOK_BYTES, read_input_file

    path = Path(path)
    try:
        data = read_input_file(path, MAX_CODEBOOK_BYTES)
    except Exception:  # noqa: BLE001 - the parser reads it again and says what is wrong
        data = None
    if data is not None:
        found = _read(cache_folder() / f"codebook-{_key(data, path)}.json")
        if found is not None:
            return found
    from .codebook_yaml import load_codebook

    book = load_codebook(path)
    if data is not None:
        _write(cache_folder() / f"codebook-{_key(data, path)}.json", book)
    return book


def _read(file: Path) -> Codebook | None:
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
        return Codebook(
            name=raw["name"],
            version=raw["version"],
            title=raw["title"],
            clusters=[Cluster(**c) for c in raw["clusters"]],
            codes=[Code(**{**c, "keywords": tuple(c["keywords"])}) for c in raw["codes"]],
            lines=raw["lines"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(file: Path, book: Codebook) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(asdict(book), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, file)
        kept = sorted(file.parent.glob("codebook-*.json"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
