"""A direct call for the commands a researcher runs all day, without Typer's machinery.

Typer builds every parameter through pydantic on each run (about 0.2 s before the
command starts). For the commands listed in :data:`FAST`, a well-formed command line
(known options, values of the right type) is parsed here from the command function's own
signature (the same ``typer.Option`` declarations Typer reads) and the function is called
directly. Anything else (``--help``, an unknown or repeated option, a bad number, a
missing value) is left to Typer, which gives its usual message; so this path can only
ever be faster, never different.
"""

from __future__ import annotations

import inspect
import typing
from importlib import import_module
from pathlib import Path

FAST: dict[tuple[str, ...], tuple[str, str]] = {
    ("freq",): ("analysis", "freq"),
    ("cooccur",): ("analysis", "cooccur"),
    ("transcripts",): ("foundation", "transcripts"),
    ("codings",): ("coding", "codings"),
    ("code", "add"): ("coding", "code_add"),
    ("init",): ("foundation", "init"),
    ("import",): ("foundation", "import_"),
}
"""Command words → (module in cmo.commands, function)."""

SIMPLE = (str, int, bool, Path)
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


def command_for(args: list[str]):
    """(function, remaining args) when the command line names a fast command."""
    for words, (module, name) in FAST.items():
        if tuple(args[: len(words)]) == words:
            return getattr(import_module(f"cmo.commands.{module}"), name), args[len(words) :]
    return None, args


def parse(fn, args: list[str]) -> dict:
    """Keyword arguments for ``fn`` from ``args``, or NotFast."""
    import typer.models  # the declarations only; Typer's parsing machinery stays unloaded

    hints = typing.get_type_hints(fn, include_extras=True)
    signature = inspect.signature(fn)
    options: dict[str, tuple[str, type, bool | None, bool]] = {}
    positional: list[tuple[str, type, bool]] = []
    values: dict = {}
    for name, param in signature.parameters.items():
        hint = hints[name]
        if hint is typer.Context:
            values[name] = NoSubcommand()  # a group's own listing: words would be a subcommand
            continue
        meta = getattr(hint, "__metadata__", ())
        kind, many = _simple_type(typing.get_args(hint)[0] if meta else hint)
        info = meta[0] if meta else None
        if info is not None and any(
            getattr(info, attr, default) != default for attr, default in _PLAIN.items()
        ):
            raise NotFast(name)  # Typer's own checks (a path that must exist, a choice …)
        if isinstance(info, typer.models.ArgumentInfo):
            positional.append((name, kind, many))
        elif isinstance(info, typer.models.OptionInfo):
            if info.callback or info.envvar or info.prompt or info.is_eager:
                raise NotFast(name)
            decls = [d for d in (info.default, *(info.param_decls or ())) if isinstance(d, str)]
            decls = [d for d in decls if d.startswith("-")]
            if not decls:
                decls = ["--" + name.replace("_", "-")]
                if kind is bool:
                    options["--no-" + name.replace("_", "-")] = (name, kind, False, False)
            for decl in decls:
                options[decl] = (name, kind, True if kind is bool else None, many)
            if info.min is not None or info.max is not None:
                raise NotFast(name)  # range checks: Typer's message
        else:
            raise NotFast(name)
        if param.default is not inspect.Parameter.empty:
            values[name] = list(param.default) if many else param.default
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
            if kind is bool:
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
    missing = [n for n in signature.parameters if n not in values]
    if missing:
        raise NotFast(missing[0])
    return values


def _simple_type(hint) -> tuple[type, bool]:
    """(the value's type, whether the parameter takes a list of them)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin is list and len(args) == 1 and args[0] in SIMPLE and args[0] is not bool:
        return args[0], True
    kind = args[0] if origin in (typing.Union, _union_type()) and args else hint
    if len(args) > 1 or kind not in SIMPLE:
        raise NotFast(str(hint))
    return kind, False


def _union_type():
    import types

    return types.UnionType


def _convert(value: str, kind: type):
    if kind is int:
        try:
            return int(value)
        except ValueError:
            raise NotFast(value) from None
    if kind is Path:
        return Path(value)
    return value


def run(args: list[str]) -> bool:
    """Run a fast command line; False when it is for Typer."""
    fn, rest = command_for(args)
    if fn is None:
        return False
    try:
        values = parse(fn, rest)
    except NotFast:
        return False
    fn(**values)
    return True
