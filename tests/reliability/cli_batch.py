"""Run many ``cmo`` command lines through the real entry point in ONE process.

Reads a JSON list of argument lists on stdin; writes a JSON list of
``{"code": exit code, "stderr": text}`` on stdout. Starting Python and SQLAlchemy
costs about a second per process on a loaded machine; the hostile-input corpus has
about fifty cases, so the corpus runs here, and a sample of it runs as separate
processes too (``test_bad_input.py``) to show both behave the same.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cmo.cli import main  # noqa: E402


def run(argv: list[str]) -> dict:
    err, out = io.StringIO(), io.StringIO()
    sys.argv = ["cmo", *argv]
    code = 0
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException as exc:  # noqa: BLE001 - report, never hide
            import traceback

            traceback.print_exc(file=err)
            code = 99 if not isinstance(exc, KeyboardInterrupt) else 130
    return {"code": code, "stderr": err.getvalue(), "stdout": out.getvalue()}


if __name__ == "__main__":
    cases = json.load(sys.stdin)
    json.dump([run(argv) for argv in cases], sys.stdout)
