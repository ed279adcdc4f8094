"""cmo: realist evaluation in the terminal.

The package is layered, inner to outer: ``core`` (plain domain types and pure
functions), ``store`` (SQLModel persistence), ``ingest``, ``suggest``,
``analysis``, ``export``, then the command line (``cli``/``commands``) and the
Textual workbench (``tui``). Only ``tui`` imports textual.
"""

__version__ = "0.1.0"
