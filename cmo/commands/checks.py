"""Checks of command-line values, without Typer: shared by the commands' declarations
(``options`` re-exports them) and by the bodies that run without Typer (``fast.py``)."""

from __future__ import annotations


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
