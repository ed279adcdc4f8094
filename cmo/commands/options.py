"""Options and argument checks shared by the analysis, CMOC and theory commands.

Only Typer is imported at the top, so a command module that uses these stays cheap to
import (``cmo --help``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

CasusOpt = Annotated[str | None, typer.Option("--casus", help="Casus name or id.")]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Output file (default: exports/<what>-<scope>-<time>.<ext>)."
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing output file.")]
ExcelOpt = Annotated[
    bool,
    typer.Option(
        "--excel-nl", help="CSV for a Dutch Excel: semicolon, UTF-8 with BOM, decimal comma."
    ),
]
CoderOpt = Annotated[str | None, typer.Option("--coder", help="Who makes the change.")]
OnlyCoderOpt = Annotated[
    str | None,
    typer.Option(
        "--coder",
        help="Only this coder's codings (e.g. consensus). Default: every coder's, "
        "a fragment coded alike by two coders counted once.",
    ),
]


def coding_ids(values: list[str] | None) -> list[int]:
    """Coding ids as given on the command line: repeated, or separated by commas."""
    out: list[int] = []
    for value in values or ():
        for part in value.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit():
                raise input_error(part, "coding ids are numbers (see 'cmo codings')")
            out.append(int(part))
    return out


def input_error(source: str, problem: str):
    from ..core.errors import InputError

    return InputError(source, problem)


def check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    check_choice("--format", fmt, allowed)


def check_choice(option: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise input_error(option, f"'{value}' is not one of {', '.join(allowed)}")
