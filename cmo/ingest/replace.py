"""Taking a corrected version of one transcript: the entry point for the TUI.

The CLI reaches the same code through ``import_files(..., replace=True)``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..core.errors import InputError
from ..store import Store
from ..store.repos.bulk_replace import ReplaceReport
from .readers import read_transcript


def replace_from_file(
    store: Store,
    transcript: str | int,
    path: Path,
    roles: dict[str, str] | None = None,
    actor: str = "",
    force: bool = False,
) -> ReplaceReport:
    """Read ``path`` and put it in place of ``transcript``, moving every coding along.

    Codings whose text is gone are kept with ``status='review'``; the report counts
    exact moves, fuzzy moves and codings to review. One transaction, one undoable step.
    Raises ``TooDifferent`` when the file shares too little with the transcript, unless
    ``force``.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    parsed = read_transcript(path, data)
    return store.bulk.replace_transcript(
        transcript,
        parsed,
        sha256=hashlib.sha256(data).hexdigest(),
        source_name=path.name,
        roles=roles,
        actor=actor,
        force=force,
    )
