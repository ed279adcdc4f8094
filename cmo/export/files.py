"""Where exports go: ``exports/`` in the project, named by what and when, never
overwriting an existing file unless asked to."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import traceback
import unicodedata
from datetime import datetime
from pathlib import Path

from ..core.errors import Conflict, InputError

FORMAT_SUFFIX = {
    "csv": ".csv",
    "xlsx": ".xlsx",
    "md": ".md",
    "png": ".png",
    "json": ".json",
    "docx": ".docx",
    "svg": ".svg",
    "mermaid": ".mmd",
    "dot": ".dot",
    "qdpx": ".qdpx",
    "qdc": ".qdc",
}


def slug(text: str) -> str:
    """``Participatiehuis Sittard-Geleen`` → ``participatiehuis-sittard-geleen``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-") or "x"


def default_path(
    folder: Path, what: str, scope: str | None, fmt: str, when: datetime | None = None
) -> Path:
    """``exports/matrix-alle-casussen-20261123-170105.xlsx``: to the second, and with
    ``-2``, ``-3`` … when a file of that name exists already (two exports in one second).
    Every export without ``-o`` is named here; ``scope`` None leaves the scope out."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    scoped = f"{what}-{slug(scope)}" if scope is not None else what
    stem = folder / "exports" / f"{scoped}-{stamp}"
    suffix = FORMAT_SUFFIX[fmt]
    path, n = stem.with_name(stem.name + suffix), 2
    while path.exists():
        path = stem.with_name(f"{stem.name}-{n}{suffix}")
        n += 1
    return path


def prepare(path: Path, force: bool = False) -> Path:
    """Make the folder; refuse to replace an existing file unless ``force``.

    The folder is tried with a throw-away file first, so an unwritable path is refused
    with one line naming it instead of failing halfway through the export.
    """
    if path.is_dir():
        raise InputError(path, "is a folder; give a file name with -o")
    if path.exists() and not force:
        raise Conflict(f"{path} exists already; choose another name with -o or add --force")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError as exc:
        raise InputError(path, f"cannot write here ({exc.strerror or exc})") from exc
    return path


def export_path(
    output: Path | None, folder: Path, what: str, scope: str | None, fmt: str, force: bool
) -> Path:
    """The file an export writes: ``output`` when given, else a new name in the project's
    ``exports/`` (``default_path``); checked as ``prepare`` does before anything is built."""
    return prepare(Path(output) if output else default_path(folder, what, scope, fmt), force)


class written:  # noqa: N801 - used as ``with written(path) as partial:``
    """Write an export through this: gives the file to write (a hidden partial file
    beside ``path``, renamed to ``path`` when complete, unless ``atomic`` is False for
    writers that name companion files after it), and turns a full disk or any other
    write failure into one line naming ``path``, with no partial file left behind."""

    def __init__(self, path: Path, atomic: bool = True):
        self.path = path
        self.atomic = atomic
        self.target = path.with_name(f".{path.stem}.partial{path.suffix}") if atomic else path

    def __enter__(self) -> Path:
        return self.target

    def __exit__(self, kind, exc, tb) -> bool:
        if kind is None:
            if self.atomic:
                try:
                    os.replace(self.target, self.path)
                except OSError as error:
                    self._fail(error.strerror or str(error))
            return False
        if issubclass(kind, OSError):
            reason = exc.strerror or str(exc)
            # A writer that failed halfway (openpyxl, python-docx) keeps a zip file open
            # in its frames; when collected later it writes again and prints a traceback.
            # Drop those frames and collect it now, quietly.
            _collect_quietly(tb)
            self._fail(reason)
        self._remove()
        return False

    def _remove(self) -> None:
        with contextlib.suppress(OSError):
            self.target.unlink()

    def _fail(self, reason: str):
        self._remove()
        raise InputError(self.path, f"cannot write the export ({reason}); nothing written")


def _collect_quietly(tb) -> None:
    import gc
    import sys

    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        traceback.clear_frames(tb)
        gc.collect()
    finally:
        sys.unraisablehook = hook
