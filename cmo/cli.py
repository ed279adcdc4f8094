"""The ``cmo`` command line: a thin Typer layer over the store and the analyses.

Heavy libraries (SQLAlchemy, spaCy, Textual) are imported inside the commands
that need them, so ``cmo --help`` stays instant.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module

import typer

app = typer.Typer(
    name="cmo",
    help="Realist evaluation in the terminal: code transcripts as Context, Mechanism and "
    "Outcome, build CMO configurations, export matrices and tables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Each module in cmo/commands registers its own commands (one line per module, so that
# command groups can be added without touching each other).
COMMAND_MODULES = [
    "foundation",
    "coding",
    "project_admin",
    "workbench",
    "serve",
    "team",
    "analysis",
    "suggest",
    "qdpx",
    "demo",
]
for _name in COMMAND_MODULES:
    import_module(f"cmo.commands.{_name}").register(app)


def main() -> None:
    """Entry point: one-line errors on stderr, a traceback only with --debug."""
    debug = "--debug" in sys.argv or os.environ.get("CMO_DEBUG") == "1"
    if "--debug" in sys.argv:
        sys.argv.remove("--debug")
    from .core.errors import CmoError

    try:
        app(standalone_mode=True)
    except CmoError as exc:
        if debug:
            raise
        print(f"cmo: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("cmo: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # an unexpected failure is still one line unless --debug
        if debug:
            raise
        if isinstance(exc, OSError) and exc.filename is not None:
            # A file or folder we cannot read or write (unwritable -o, a file where a
            # folder should be): name it, like an InputError.
            print(f"cmo: error: {exc.filename}: {exc.strerror or exc}", file=sys.stderr)
            sys.exit(2)
        print(
            f"cmo: error: unexpected {type(exc).__name__}: {exc} (rerun with --debug)",
            file=sys.stderr,
        )
        sys.exit(70)


if __name__ == "__main__":
    main()
