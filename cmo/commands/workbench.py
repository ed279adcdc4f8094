"""``cmo open``: the coding workbench (a Textual TUI)."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import ProjectArg


def register(app: typer.Typer) -> None:
    app.command("open")(open_workbench)


def open_workbench(
    project: ProjectArg = None,
    transcript: Annotated[
        str | None, typer.Option("--transcript", "-t", help="Open this transcript straight away.")
    ] = None,
) -> None:
    """Open the coding workbench: read, select and code transcripts with the keyboard."""
    from ..store.project import open_project
    from ..tui.app import create_app

    proj = open_project(project)
    try:
        if transcript is not None:
            transcript = proj.store.transcripts.get(transcript).id  # a clear error before the UI
        create_app(proj, suggester=_suggester(proj), transcript=transcript).run()
    finally:
        proj.close()


def _suggester(project):
    """Ranked code suggestions from cmo.suggest for a selected text, loaded on first use
    (the workbench calls this in a thread, so spaCy never delays opening the screen)."""

    def suggest(text: str) -> list:
        from ..suggest.api import suggest_for_text

        return suggest_for_text(project.store, text, top=9)

    return suggest
