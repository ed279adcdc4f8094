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
    from .workbench_run import open_workbench as run

    run(project=project, transcript=transcript)
