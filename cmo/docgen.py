"""Documentation whose examples cannot drift from the program.

Every example in ``docs/*.md`` is the output of really running it, written between
`cog <https://nedbatchelder.com/code/cog/>`_ markers (as sqlite-utils does for its CLI
reference)::

    <!-- [[[cog
    import cmo.docgen as docs
    docs.fresh_demo()
    docs.run("cmo transcripts -p demo-project")
    ]]] -->
    ...the command and its output, generated...
    <!-- [[[end]]] -->

``fresh_demo()`` builds the demo project in a scratch folder (with the files of
``docs/examples/`` copied into ``examples/``); each ``run`` executes one command there,
as a researcher would (at a terminal width of ``WIDTH``), checks its exit status and writes the
command and its output. ``cli_reference()`` writes the ``--help`` of every command.

    python -m cmo.docgen          # regenerate the docs
    python -m cmo.docgen --check  # fail if a doc differs from what the program says

A test runs the check, so a change that alters an example fails until the docs are
regenerated.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
WIDTH = 100
"""Terminal width the examples are run at (tables use it)."""
MARKER = "[[[cog"

_workdir: Path | None = None
_demo_cache: Path | None = None
_demo_output: str = ""
DEMO_COMMAND = ["demo", "demo-project"]


def doc_files() -> list[Path]:
    """The docs that hold generated examples."""
    return sorted(p for p in DOCS.glob("*.md") if MARKER in p.read_text(encoding="utf-8"))


def fresh_demo(built: bool = True) -> Path:
    """Start a doc (or a part of one) on a freshly built demo project in ``demo-project``
    (``built=False``: an empty folder, for a doc that shows ``cmo demo`` itself)."""
    global _workdir
    _workdir = Path(tempfile.mkdtemp(prefix="cmo-docs-"))
    if built:
        _demo_into(_workdir)
    if EXAMPLES.is_dir():
        shutil.copytree(EXAMPLES, _workdir / "examples")
    return _workdir


def _demo_into(folder: Path) -> str:
    """``cmo demo demo-project`` in ``folder``; its output. The demo is built once per run
    (the build is deterministic and costs seconds) and copied for every doc that starts
    on it, including the tour, which shows the command itself."""
    global _demo_cache, _demo_output
    if _demo_cache is None:
        built = Path(tempfile.mkdtemp(prefix="cmo-docs-demo-"))
        _demo_output = _cmo(DEMO_COMMAND, built, expect=0)
        _demo_cache = built
    shutil.copytree(_demo_cache / "demo-project", folder / "demo-project")
    return _demo_output


def run(command: str, status: int = 0, out=None, show: bool = True) -> str:
    """Run ``command`` (``cmo …``) in the demo folder; write it and its output as a
    console block (unless not ``show``: a step the doc only describes). Fails unless it
    exits with ``status``."""
    if _workdir is None:
        raise RuntimeError("call fresh_demo() before run()")
    args = shlex.split(command)
    if args[0] != "cmo":
        raise ValueError(f"examples run cmo, not {args[0]!r}")
    if args[1:] == DEMO_COMMAND and status == 0 and not (_workdir / "demo-project").exists():
        output = _demo_into(_workdir)
    else:
        output = _cmo(args[1:], _workdir, expect=status, shown=command)
    if show:
        _write(f"```console\n$ {command}\n{output}```\n", out)
    return output


def write_file(name: str, out=None) -> None:
    """Show a file the examples made (an export), as it is."""
    if _workdir is None:
        raise RuntimeError("call fresh_demo() before write_file()")
    _write((_workdir / name).read_text(encoding="utf-8").rstrip("\n") + "\n", out)


def cli_reference(out=None) -> None:
    """The ``--help`` of every command and subcommand, in the order of ``cmo --help``."""
    import click
    import typer

    from .cli import app

    root = typer.main.get_command(app)
    parts = []
    for path, command in _walk(root, ["cmo"]):
        ctx = click.Context(command, info_name=" ".join(path), terminal_width=WIDTH)
        ctx.max_content_width = WIDTH
        text = command.get_help(ctx)
        parts.append(f"## {' '.join(path)}\n\n```text\n{text}\n```\n")
    _write("\n".join(parts), out)


def commands() -> list[str]:
    """Every command path, e.g. 'cmo review accept' (for the test that all are documented)."""
    import typer

    from .cli import app

    return [" ".join(path) for path, _ in _walk(typer.main.get_command(app), ["cmo"])]


def _walk(command, path: list[str]):
    yield path, command
    for name in getattr(command, "commands", {}):
        sub = command.commands[name]
        if getattr(sub, "hidden", False):
            continue
        yield from _walk(sub, [*path, name])


def _cmo(args: list[str], cwd: Path, expect: int, shown: str = "") -> str:
    """Run ``cmo ARGS`` in ``cwd`` as from a terminal of ``WIDTH`` columns; its standard
    output and error, in the order written. In this process: a fresh one per example
    would make regenerating the docs take minutes."""
    import contextlib
    import io

    from . import cli

    buffer = io.StringIO()
    saved_env = {k: v for k, v in os.environ.items() if k.startswith("CMO_")}
    for key in saved_env:
        del os.environ[key]
    # The examples show the commands, not the background embedding they would start.
    os.environ["CMO_EMBED_WORKER"] = "off"
    saved = (sys.argv, os.getcwd(), os.environ.get("COLUMNS"), os.environ.get("LINES"))
    os.environ.update(COLUMNS=str(WIDTH), LINES="40")
    sys.argv = ["cmo", *args]
    status = 0
    try:
        os.chdir(cwd)
        with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
            try:
                cli.main()
            except SystemExit as exc:
                status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = saved[0]
        os.chdir(saved[1])
        for key, value in (("COLUMNS", saved[2]), ("LINES", saved[3])):
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        os.environ.pop("CMO_EMBED_WORKER", None)
        os.environ.update(saved_env)
    output = buffer.getvalue().replace(str(cwd) + os.sep, "").replace(str(cwd), ".")
    if status != expect:
        raise RuntimeError(
            f"example '{shown or ' '.join(args)}' exited with {status}, expected {expect}:\n"
            f"{output}"
        )
    return output if output.endswith("\n") or not output else output + "\n"


def _write(text: str, out) -> None:
    if out is not None:
        out(text)
        return
    import cog  # provided by cogapp while it runs a doc

    cog.out(text)


def main(argv: list[str] | None = None) -> int:
    """Regenerate the docs (or, with --check, tell whether they are up to date)."""
    from cogapp import Cog

    argv = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in argv
    files = [str(p) for p in doc_files()]
    options = ["--check"] if check else ["-r"]
    return Cog().main(["cog", *options, "--verbosity=1", *files])


if __name__ == "__main__":
    sys.exit(main())
