"""The ``cmo`` command line: a thin Typer layer over the store and the analyses.

Heavy libraries (SQLAlchemy, spaCy, Textual) are imported inside the commands
that need them. A command line registers only the command module(s) it names, and a
help request is answered from a cache made by Typer (``cmo.commands.launch``), so
``cmo --help`` does not even import Typer.
"""

from __future__ import annotations

import contextlib
import os
import sys
from importlib import import_module

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
    "theory",
    "suggest",
    "qdpx",
    "demo",
]


def new_app():
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
    # A callback keeps the app a group of commands even when only one module's single
    # command (``cmo demo``, ``cmo open``) is registered.
    app.callback()(_group)
    return app


def _group() -> None:
    pass


_app = None
_registered: list[str] = []


def app_with(modules: list[str] | None = None):
    """The app with at least these command modules registered (None: all of them)."""
    global _app
    wanted = COMMAND_MODULES if modules is None else modules
    if _app is None:
        _app = new_app()
    if modules is None and _registered != COMMAND_MODULES:
        # The full listing keeps the modules' order: start again with all of them.
        _app, _registered[:] = new_app(), []
    for name in COMMAND_MODULES:
        if name in wanted and name not in _registered:
            import_module(f"cmo.commands.{name}").register(_app)
            _registered.append(name)
    return _app


def __getattr__(name: str):
    if name == "app":  # ``from cmo.cli import app``: the whole command line
        return app_with(None)
    raise AttributeError(name)


def command_modules() -> dict[str, list[str]]:
    """Top-level command name → the modules that define it or add subcommands to it.

    Worked out in a fresh interpreter: a module that adds subcommands to another's group
    at import (``theory`` to ``export``) is only seen as doing so when nothing imported it
    before; in this process a command may already have."""
    import json
    import subprocess

    found = subprocess.run(
        [sys.executable, "-c", "import json, cmo.cli as c; print(json.dumps(c._modules_here()))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(found.stdout)


def _modules_here() -> dict[str, list[str]]:
    import typer

    from .commands.launch import command_tree

    probe, seen, mapping = new_app(), set(), {}
    for name in COMMAND_MODULES:
        import_module(f"cmo.commands.{name}").register(probe)
        tree = command_tree(typer.main.get_command(probe))
        for path in tree - seen:
            mapping.setdefault(path.split()[0], [])
            if name not in mapping[path.split()[0]]:
                mapping[path.split()[0]].append(name)
        seen = tree
    return mapping


def _run(args: list[str]) -> None:
    """Run one command line with only the modules it needs; help from the cache."""
    from .commands import fast
    from .commands.launch import LaunchCache, help_request

    cache = LaunchCache()
    if fast.run(args, cache):  # the everyday commands, without Typer (see fast.py)
        global _ended_read_only
        _ended_read_only = fast.matching(args)[0] in fast.READ_ONLY
        return
    key = help_request(args)
    if key is not None:
        cached = cache.help_text(key)
        if cached is None:
            cached = _capture_help(args)
            cache.set_help(key, *cached)
            cache.save()
        text, errors, code = cached
        sys.stdout.write(text)
        sys.stdout.flush()
        sys.stderr.write(errors)
        sys.exit(code)
    first = next((a for a in args if not a.startswith("-")), None)
    modules = cache.modules_for(first) if first else None
    if first and modules is None and "modules" not in cache.data:
        cache.set_modules(command_modules())
        cache.save()
        modules = cache.modules_for(first)
    app_with(modules)(args=args, standalone_mode=True)


def _capture_help(args: list[str]) -> tuple[str, str, int]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            app_with(None)(args=args, standalone_mode=True)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return out.getvalue(), err.getvalue(), code


def _stdout_closed() -> bool:
    """Whether standard output is a pipe its reader has closed (a broken pipe of our
    own, e.g. to a worker, is a real error)."""
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (OSError, ValueError, AttributeError):
        return False


_ended_read_only = False
"""Whether the command line just run was a read-only fast command that returned."""


def script_main() -> None:
    """The ``cmo`` program: :func:`main`, then, after a read-only command that has said
    all it has to say, an exit without Python's teardown, which frees a large project's
    objects one by one (about 10 ms at 1M words, as long as the work of some commands).
    Nothing is left to do at that point: such a command wrote nothing, its output is
    flushed, and no thread or handler of its own is waiting."""
    main()
    threading = sys.modules.get("threading")  # not imported: no thread was started
    if _ended_read_only and (threading is None or threading.active_count() == 1):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            return  # let the usual exit report it
        os._exit(0)


def main() -> None:
    """Entry point: one-line errors on stderr, a traceback only with --debug."""
    debug = "--debug" in sys.argv or os.environ.get("CMO_DEBUG") == "1"
    if "--debug" in sys.argv:
        sys.argv.remove("--debug")
    from .core.errors import CmoError

    try:
        try:
            _run(sys.argv[1:])
        finally:  # what is still buffered, while a broken pipe can be told apart
            with contextlib.suppress(ValueError, AttributeError):  # closed or no stdout
                sys.stdout.flush()
    except CmoError as exc:
        if debug:
            raise
        print(f"cmo: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("cmo: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError as exc:
        if debug or not _stdout_closed():  # a pipe of our own broke: an error like any other
            _unexpected(exc, debug)
        # The reader of our output went away (`cmo freq | head`): stop quietly with the
        # status Click gives the commands it runs, and keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # an unexpected failure is still one line unless --debug
        _unexpected(exc, debug)


def _unexpected(exc: Exception, debug: bool) -> None:
    if debug:
        raise exc
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
    script_main()
