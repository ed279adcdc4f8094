"""Whole-project commands: backup, and opening the workbench."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import ProjectOpt, opened, say, success


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("check")(check)


def backup(
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Backup file (default: backups/cmo-DATE.db)."),
    ] = None,
    project: ProjectOpt = None,
) -> None:
    """A consistent copy of the project database, safe while others are coding."""
    from ..store.project import backup as make_backup

    with opened(project) as proj:
        target = make_backup(proj, output)
    success(f"Backed up to {target}.")


def check(project: ProjectOpt = None) -> None:
    """Check the database (SQLite integrity and foreign keys)."""
    with opened(project) as proj:
        problems = proj.store.integrity_problems()
    if problems:
        say("\n".join(problems))
    else:
        success("ok")
