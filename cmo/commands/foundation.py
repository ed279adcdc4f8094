"""Project set-up and import (``cmo init``, ``cmo import``); the commands on what was
imported (transcripts, turns, casussen, participants, the codebook) live beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import ProjectOpt, key_values, opened, say, table

BUNDLED_CODEBOOK = Path(__file__).resolve().parents[2] / "codebooks" / "realist-wwb-wmo.yaml"


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
    import os
    import sys

    from ..ingest.codebook_yaml import load_codebook
    from ..store.project import init_project

    source = codebook or BUNDLED_CODEBOOK
    book = load_codebook(source)  # validate before creating anything
    db = db or os.environ.get("CMO_DATABASE_URL", "")
    project = init_project(path, name=name, codebook="codebook.yaml", coder=coder, database=db)
    from ..store.guard import PASSWORD_WARNING, without_password

    if without_password(db)[1]:
        print(PASSWORD_WARNING, file=sys.stderr)
    try:
        (Path(path) / "codebook.yaml").write_text(
            source.read_text(encoding="utf-8"), encoding="utf-8"
        )
        added, _ = project.store.codebook.load(book)
    finally:
        project.close()
    typer.echo(f"Created project '{project.name}' in {path} with {added} codes from {source.name}.")


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
    from ..ingest.service import import_files

    roles = key_values(role, "--role")
    with opened(project) as proj:
        report = import_files(
            proj.store,
            files,
            casus=casus,
            kind=kind,
            name=name,
            roles=roles,
            replace=replace,
            identity=identity,
            dry_run=dry_run,
            force=force,
            actor=proj.default_coder,
        )
        if report.imported or report.replaced:
            _start_embedding(proj.store)
    for warning in report.warnings:
        say(f"warning: {warning}")
    for unchanged in report.unchanged:
        typer.echo(f"{unchanged}: already imported with the same content; nothing to do.")
    if dry_run:
        _print_previews(report.previews, casus)
        return
    if report.imported:
        typer.echo(
            f"Imported {len(report.imported)} transcript(s) into '{casus}': "
            f"{report.turns} turns, {report.words} words."
        )
    for replaced in report.replaced:
        typer.echo(
            f"Replaced {replaced.summary()}"
            + (" (see 'cmo review list')." if replaced.review else ".")
        )
        for warning in replaced.warnings:
            say(f"warning: {warning}")


def _print_previews(previews, casus: str) -> None:
    for item in previews:
        typer.echo(
            f"{item.name} ({item.kind}, casus '{casus}'): {item.turns} turns, {item.words} words"
        )
        if item.header:
            typer.echo(f"  header (no turn): {item.header[:100]}")
        table(
            [
                (s.speaker, s.participant, s.role, s.turns, s.words, s.first_words)
                for s in item.speakers
            ],
            ["speaker", "participant", "role", "turns", "words", "first words"],
            align="lllrrl",
        )
    typer.echo("Dry run: nothing was imported.")


def _start_embedding(store) -> None:
    """Sentence vectors for the new texts, in a detached process: the import never waits."""
    from ..suggest.embed_worker import start_worker

    try:
        start_worker(store)
    except OSError:  # suggestions compute what they need; only slower
        pass
