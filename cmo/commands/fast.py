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
}
"""Command words → (module in cmo.commands, function)."""

SIMPLE = (str, int, bool, Path)


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
    options: dict[str, tuple[str, type, bool | None]] = {}
    positional: list[tuple[str, type]] = []
    values: dict = {}
    for name, param in signature.parameters.items():
        hint = hints[name]
        meta = getattr(hint, "__metadata__", ())
        kind = _simple_type(typing.get_args(hint)[0] if meta else hint)
        info = meta[0] if meta else None
        if isinstance(info, typer.models.ArgumentInfo):
            positional.append((name, kind))
        elif isinstance(info, typer.models.OptionInfo):
            if info.callback or info.envvar or info.prompt or info.is_eager:
                raise NotFast(name)
            decls = [d for d in (info.default, *(info.param_decls or ())) if isinstance(d, str)]
            decls = [d for d in decls if d.startswith("-")]
            if not decls:
                decls = ["--" + name.replace("_", "-")]
                if kind is bool:
                    options["--no-" + name.replace("_", "-")] = (name, kind, False)
            for decl in decls:
                options[decl] = (name, kind, True if kind is bool else None)
            if info.min is not None or info.max is not None:
                raise NotFast(name)  # range checks: Typer's message
        else:
            raise NotFast(name)
        if param.default is not inspect.Parameter.empty:
            values[name] = param.default
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
            name, kind, constant = options[flag]
            if name in seen:
                raise NotFast(token)
            seen.add(name)
            if kind is bool:
                if eq:
                    raise NotFast(token)
                values[name] = constant
                continue
            if not eq:
                if not rest:
                    raise NotFast(token)
                inline = rest.pop(0)
            values[name] = _convert(inline, kind)
        else:
            if not positional:
                raise NotFast(token)
            name, kind = positional.pop(0)
            values[name] = _convert(token, kind)
    missing = [n for n in signature.parameters if n not in values]
    if missing:
        raise NotFast(missing[0])
    return values


def _simple_type(hint) -> type:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    kind = args[0] if typing.get_origin(hint) in (typing.Union, _union_type()) and args else hint
    if len(args) > 1 or kind not in SIMPLE:
        raise NotFast(str(hint))
    return kind


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
