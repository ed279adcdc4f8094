"""Project set-up and import (``cmo init``, ``cmo import``); the commands on what was
imported (transcripts, turns, casussen, participants, the codebook) live beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import ProjectOpt
from .project_init import BUNDLED_CODEBOOK  # noqa: F401 - demo and tests find it here


def register(app: typer.Typer) -> None:
    # The groups of the other modules are added here, in this order, so that the command
    # list of `cmo --help` keeps its order and a command line finds them through this one.
    from . import casus_participants, codebook, transcripts

    app.command("init")(init)
    app.command("import")(import_)
    transcripts.register(app)
    casus_participants.register(app)
    app.add_typer(codebook.app, name="codebook")


def init(
    path: Annotated[Path, typer.Argument(help="Folder for the new project.")],
    name: Annotated[str | None, typer.Option(help="Project name (default: folder name).")] = None,
    codebook: Annotated[
        Path | None,
        typer.Option(help="Codebook YAML (default: the bundled realist WWB–Wmo codebook)."),
    ] = None,
    coder: Annotated[str, typer.Option(help="Default coder name.")] = "",
    db: Annotated[
        str,
        typer.Option(
            "--db", help="Database URL instead of cmo.db, e.g. postgresql://user@host/db."
        ),
    ] = "",
) -> None:
    """Create a project folder with cmo.db, project.toml and a copy of the codebook."""
    from .project_init import init as run

    run(path, name=name, codebook=codebook, coder=coder, db=db)


def import_(
    files: Annotated[
        list[Path], typer.Argument(help="Transcript files (.txt .docx .odt .vtt .srt).")
    ],
    casus: Annotated[str, typer.Option(help="Casus the transcripts belong to.")],
    kind: Annotated[
        str | None,
        typer.Option(
            help="interview, focusgroep or document (default: guessed from the speakers)."
        ),
    ] = None,
    name: Annotated[str | None, typer.Option(help="Transcript name (one file only).")] = None,
    role: Annotated[
        list[str], typer.Option(help="Speaker role, e.g. --role R=cliënt (repeatable).")
    ] = [],  # noqa: B006
    replace: Annotated[
        bool, typer.Option(help="Take a corrected version of a transcript already in the project.")
    ] = False,
    identity: Annotated[
        str,
        typer.Option(
            help="auto: a name is one person in the casus, a generic label (R, Deelnemer) one "
            "per transcript; transcript: every speaker per transcript; casus: every label "
            "one person in the casus."
        ),
    ] = "auto",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show speakers and turns; change nothing.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            help="With --replace: replace even when the new file shares little of the old text."
        ),
    ] = False,
    project: ProjectOpt = None,
) -> None:
    """Import transcripts into a casus. All files land together, or none do.

    With --replace, a transcript of the same name takes the corrected version: every
    coding moves with its text; one undoable step ('cmo undo').
    """
    from .transcript_import import import_ as run

    run(
        files,
        casus,
        kind=kind,
        name=name,
        role=role,
        replace=replace,
        identity=identity,
        dry_run=dry_run,
        force=force,
        project=project,
    )
