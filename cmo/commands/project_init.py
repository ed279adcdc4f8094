"""``cmo init`` without Typer: the body the declaration in ``foundation.py`` runs.

A new SQLite project is created with the standard library (``store.plain_schema``):
importing SQLAlchemy and SQLModel would cost more than the rest of the command. A
database URL (``--db``, ``$CMO_DATABASE_URL``) goes through the full store.
"""

from __future__ import annotations

from pathlib import Path

from .output import echo, say

BUNDLED_CODEBOOK = Path(__file__).resolve().parents[2] / "codebooks" / "realist-wwb-wmo.yaml"


def init(
    path: Path,
    name: str | None = None,
    codebook: Path | None = None,
    coder: str = "",
    db: str = "",
) -> None:
    """Create a project folder with cmo.db, project.toml and a copy of the codebook."""
    import os

    from ..ingest.codebook_cache import load as load_codebook
    from ..store.fastpath import QuickStore
    from ..store.guard import PASSWORD_WARNING, without_password
    from ..store.project import init_project

    source = codebook or BUNDLED_CODEBOOK
    book = load_codebook(source)  # validate before creating anything
    db = db or os.environ.get("CMO_DATABASE_URL", "")
    project = init_project(
        path, name=name, codebook="codebook.yaml", coder=coder, database=db, quick=True
    )
    if db and without_password(db)[1]:
        say(PASSWORD_WARNING)
    try:
        (Path(path) / "codebook.yaml").write_text(
            source.read_text(encoding="utf-8"), encoding="utf-8"
        )
        if isinstance(project.store, QuickStore):
            added = project.store.load_new_codebook(book)
        else:
            added, _ = project.store.codebook.load(book)
    finally:
        project.close()
    echo(f"Created project '{project.name}' in {path} with {added} codes from {source.name}.")
