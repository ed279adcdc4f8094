"""Options shared by every command, and (from ``output``) the output helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .output import (  # noqa: F401  (re-exported: the command modules import them from here)
    echo,
    emit_json,
    iter_lines,
    key_values,
    opened,
    say,
    success,
    table,
)

ProjectOpt = Annotated[
    Path | None,
    typer.Option(
        "--project",
        "-p",
        help="Project folder (default: $CMO_PROJECT or the "
        "nearest folder upwards with project.toml).",
        show_default=False,
    ),
]
ProjectArg = Annotated[
    Path | None,
    typer.Argument(
        help="Project folder (default: $CMO_PROJECT or the nearest folder upwards with "
        "project.toml).",
        show_default=False,
    ),
]
"""The project as an argument, for the commands whose subject it is (open, serve)."""
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (stable, see README).")]
