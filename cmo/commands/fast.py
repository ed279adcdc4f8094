"""A direct call for the commands a researcher runs all day, without Typer.

Importing Typer costs about 0.1 s and parsing through it another 0.2 s (it builds every
parameter through its own machinery on each run), more than ``cmo freq`` needs for its
work. For the commands listed in :data:`FAST`, a well-formed command line (known
options, values of the right type) is parsed here and the command called directly.
What to parse is read once from the command function's own signature (the same
``typer.Option`` declarations Typer reads) and kept in the launch cache (``launch.py``,
keyed by the command files, so never stale); the commands' bodies live in modules
that do not import Typer. Anything else (``--help``, an unknown or repeated option, a
bad number, a missing value) is left to Typer, which gives its usual message; so this
path can only ever be faster, never different.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

FAST: dict[tuple[str, ...], tuple[str, str, str | None]] = {
    ("freq",): ("analysis", "freq", "analysis_tables"),
    ("cooccur",): ("analysis", "cooccur", "analysis_tables"),
    ("transcripts",): ("transcripts", "transcripts", "transcript_list"),
    ("codings",): ("coding", "codings", None),
    ("code", "add"): ("coding", "code_add", "coding_add"),
    ("init",): ("foundation", "init", "project_init"),
    ("import",): ("foundation", "import_", "transcript_import"),
    ("export", "qdpx"): ("qdpx", "export_qdpx", "qdpx_export"),
    ("suggest",): ("suggest", "suggest", "suggest_run"),
    ("open",): ("workbench", "open_workbench", "workbench_run"),
}
"""Command words → (module in cmo.commands that declares it, function, the module with
the same function without Typer, or None when the declaring function is called)."""

READ_ONLY = {("freq",), ("cooccur",), ("transcripts",), ("codings",)}
"""The fast commands that only read the project (``cli.script_main`` ends them quickly)."""

KINDS = {"str": str, "int": int, "bool": bool, "Path": Path}
_PLAIN = {
    "exists": False,
    "file_okay": True,
    "dir_okay": True,
    "writable": False,
    "readable": True,
    "resolve_path": False,
    "allow_dash": False,
    "case_sensitive": True,
    "parser": None,
    "click_type": None,
    "count": False,
}
"""Parameter settings under which Typer does nothing but convert the value."""


class NoSubcommand:
    """What a group callback (``cmo transcripts``) asks of its context when called directly."""

    invoked_subcommand = None


class NotFast(Exception):
    """This command line is for Typer to parse."""


def matching(args: list[str]) -> tuple[tuple[str, ...], list[str]] | tuple[None, list[str]]:
    """(the command words, the remaining args) when the command line names a fast command."""
    for words in FAST:
        if tuple(args[: len(words)]) == words:
            return words, args[len(words) :]
    return None, args


def command_for(args: list[str]):
    """(declaring function, remaining args) when the command line names a fast command."""
    words, rest = matching(args)
    if words is None:
        return None, args
    module, name, _body = FAST[words]
    return getattr(import_module(f"cmo.commands.{module}"), name), rest


def describe(fn) -> dict:
    """What to parse for ``fn``, as JSON-ready data, from its Typer declarations; or
    NotFast when it takes something this parser leaves to Typer."""
    import inspect
    import json
    import typing

    import typer.models  # the declarations only

    hints = typing.get_type_hints(fn, include_extras=True)
    options: dict[str, list] = {}
    positional: list[list] = []
    defaults: dict = {}
    ranges: dict[str, list] = {}
    context: list[str] = []
    for name, param in inspect.signature(fn).parameters.items():
        hint = hints[name]
        if hint is typer.Context:
            context.append(name)  # a group's own listing: words would be a subcommand
            continue
        meta = getattr(hint, "__metadata__", ())
        kind, many = _simple_type(typing.get_args(hint)[0] if meta else hint)
        info = meta[0] if meta else None
        if info is not None and any(
            getattr(info, attr, default) != default for attr, default in _PLAIN.items()
        ):
            raise NotFast(name)  # Typer's own checks (a path that must exist, a choice …)
        if isinstance(info, typer.models.ArgumentInfo):
            positional.append([name, kind, many])
        elif isinstance(info, typer.models.OptionInfo):
            if info.callback or info.envvar or info.prompt or info.is_eager:
                raise NotFast(name)
            decls = [d for d in (info.default, *(info.param_decls or ())) if isinstance(d, str)]
            decls = [d for d in decls if d.startswith("-")]
            if not decls:
                decls = ["--" + name.replace("_", "-")]
                if kind == "bool":
                    options["--no-" + name.replace("_", "-")] = [name, kind, False, False]
            for decl in decls:
                if kind == "bool" and decl.count("/") == 1:  # "--train/--no-train"
                    on, off = (d.strip() for d in decl.split("/"))
                    options[on] = [name, kind, True, False]
                    options[off] = [name, kind, False, False]
                    continue
                options[decl] = [name, kind, True if kind == "bool" else None, many]
            if info.min is not None or info.max is not None:
                if kind != "int" or many or getattr(info, "clamp", False):
                    raise NotFast(name)
                ranges[name] = [info.min, info.max]  # outside it: Typer's message
        else:
            raise NotFast(name)
        if param.default is not inspect.Parameter.empty:
            default = list(param.default) if many else param.default
            try:
                json.dumps(default)
            except TypeError:
                raise NotFast(name) from None
            defaults[name] = default
    return {
        "options": options,
        "positional": positional,
        "defaults": defaults,
        "context": context,
        "ranges": ranges,
        "names": [n for n in inspect.signature(fn).parameters if n not in context],
    }


def parse(fn, args: list[str]) -> dict:
    """Keyword arguments for the declaring function ``fn`` from ``args``, or NotFast."""
    spec = describe(fn)
    values = parse_with(spec, args)
    return {**values, **{name: NoSubcommand() for name in spec["context"]}}


def parse_with(spec: dict, args: list[str]) -> dict:
    """Keyword arguments (without any context) from ``args`` by ``spec``, or NotFast."""
    options = spec["options"]
    positional = [list(p) for p in spec["positional"]]
    values = {k: list(v) if isinstance(v, list) else v for k, v in spec["defaults"].items()}
    seen: set[str] = set()
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if token == "--" or token in ("--help", "-h"):
            raise NotFast(token)
        if token.startswith("-") and len(token) > 1:
            flag, eq, inline = token.partition("=")
            if flag not in options:
                raise NotFast(token)
            name, kind, constant, many = options[flag]
            if name in seen and not many:
                raise NotFast(token)
            if kind == "bool":
                if eq or name in seen:
                    raise NotFast(token)
                seen.add(name)
                values[name] = constant
                continue
            if not eq:
                if not rest:
                    raise NotFast(token)
                inline = rest.pop(0)
            value = _convert(inline, kind)
            if many:
                values[name] = [*(values[name] if name in seen else []), value]
            else:
                values[name] = value
            seen.add(name)
        else:
            if not positional:
                raise NotFast(token)
            name, kind, many = positional[0]
            if many:  # a variadic argument takes every remaining word
                values.setdefault(name, []).append(_convert(token, kind))
                continue
            positional.pop(0)
            values[name] = _convert(token, kind)
    missing = [n for n in spec["names"] if n not in values]
    if missing:
        raise NotFast(missing[0])
    for name, (low, high) in spec.get("ranges", {}).items():
        value = values[name]
        if value is None:
            continue
        if (low is not None and value < low) or (high is not None and value > high):
            raise NotFast(name)
    return values


def _simple_type(hint) -> tuple[str, bool]:
    """(the name of the value's type, whether the parameter takes a list of them)."""
    import types
    import typing

    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin is list and len(args) == 1 and args[0] in KINDS.values() and args[0] is not bool:
        return args[0].__name__, True
    kind = args[0] if origin in (typing.Union, types.UnionType) and args else hint
    if len(args) > 1 or kind not in KINDS.values():
        raise NotFast(str(hint))
    return kind.__name__, False


def _convert(value: str, kind: str):
    if kind == "int":
        try:
            return int(value)
        except ValueError:
            raise NotFast(value) from None
    if kind == "Path":
        return Path(value)
    return value


def run(args: list[str], cache=None) -> bool:
    """Run a fast command line; False when it is for Typer. ``cache``: the launch cache,
    if the caller has it open already."""
    words, rest = matching(args)
    if words is None:
        return False
    if cache is None:
        from .launch import LaunchCache

        cache = LaunchCache()
    module, name, body = FAST[words]
    key = " ".join(words)
    spec = cache.fast_spec(key)
    if spec is None:  # first run after an install or an edit: read the declarations
        try:
            spec = describe(getattr(import_module(f"cmo.commands.{module}"), name))
        except NotFast:
            spec = False
        cache.set_fast_spec(key, spec)
        cache.save()
    if not spec:
        return False
    try:
        values = parse_with(spec, rest)
    except NotFast:
        return False
    if body is not None:
        getattr(import_module(f"cmo.commands.{body}"), name)(**values)
    else:
        fn = getattr(import_module(f"cmo.commands.{module}"), name)
        fn(**values, **{context: NoSubcommand() for context in spec["context"]})
    return True
