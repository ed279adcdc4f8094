"""Output helpers and the project opener, shared by every command, without Typer.

The everyday commands (``cmo freq``, ``cmo code add`` …) run without importing Typer
(see ``fast.py``), so what their bodies use lives here; ``common`` re-exports it for
the modules that declare the commands.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path


def echo(message: str = "", err: bool = False, nl: bool = True) -> None:
    """As ``typer.echo``: one write, flushed, so stdout and stderr keep their order."""
    stream = sys.stderr if err else sys.stdout
    stream.write(message + ("\n" if nl else ""))
    stream.flush()


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

    echo(fmt(headers))
    echo("  ".join("─" * w for w in widths))
    for row in rows:
        echo(fmt(row))


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
    echo(message, err=True)


def success(message: str) -> None:
    """What a command did (``Wrote …``, ``Removed …``): its output, on standard output."""
    echo(message)


def iter_lines(text: str) -> Iterator[str]:
    yield from text.splitlines()
