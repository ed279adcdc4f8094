"""Options and output helpers shared by every command."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

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


@contextmanager
def opened(project: Path | None, quick: bool = False):
    """The project, closed at the end. ``quick``: a SQLite project opens with the standard
    library alone (``store.fastpath``), for commands that only read or add a coding."""
    from ..store.project import open_project

    proj = open_project(project, quick=quick)
    try:
        yield proj
    finally:
        proj.close()


def emit_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def table(
    rows: Iterable[Sequence[object]], headers: Sequence[str], align: str | None = None
) -> None:
    """Print an aligned plain-text table; numbers right-aligned."""
    rows = [["" if v is None else str(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=False)]
    align = align or "".join(
        "r" if rows and all(_numeric(r[i]) for r in rows) else "l" for i in range(len(headers))
    )

    def fmt(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if a == "r" else c.ljust(w)
            for c, w, a in zip(cells, widths, align, strict=False)
        ).rstrip()

    typer.echo(fmt(headers))
    typer.echo("  ".join("─" * w for w in widths))
    for row in rows:
        typer.echo(fmt(row))


def _numeric(value: str) -> bool:
    try:
        float(value.rstrip("%"))
        return True
    except ValueError:
        return False


def key_values(pairs: list[str], what: str) -> dict[str, str]:
    """Parse ``key=value`` options."""
    from ..core.errors import InputError

    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise InputError(pair, f"{what} must be written as key=value")
        key, value = pair.split("=", 1)
        out[key.strip()] = value.strip()
    return out


def say(message: str) -> None:
    """A warning, a hint or progress: on standard error, apart from the command's output."""
    typer.echo(message, err=True)


def success(message: str) -> None:
    """What a command did (``Wrote …``, ``Removed …``): its output, on standard output."""
    typer.echo(message)


def iter_lines(text: str) -> Iterator[str]:
    yield from text.splitlines()
