"""Options and argument checks shared by the analysis, CMOC and theory commands.

Only Typer is imported at the top, so a command module that uses these stays cheap to
import (``cmo --help``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .checks import check_choice, check_format, coding_ids, input_error  # noqa: F401

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
