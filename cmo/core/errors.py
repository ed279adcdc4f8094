"""Errors that reach the user as one line: the file (or object) and the problem."""

from __future__ import annotations

from pathlib import Path


class CmoError(Exception):
    """Base class: anything we can explain to a researcher without a traceback."""

    exit_code = 1


class InputError(CmoError):
    """A file we were given cannot be used. The message names the file and the reason."""

    exit_code = 2

    def __init__(self, source: str | Path, problem: str, line: int | None = None):
        # A file name may hold terminal control characters: show them, never send them.
        self.source = "".join(
            ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
            for ch in str(source)
        )
        self.problem = problem
        self.line = line
        where = f"{self.source}:{line}" if line is not None else self.source
        super().__init__(f"{where}: {problem}")


class UsageError(CmoError):
    """The command was asked for something it refuses to do as given (say why and how)."""

    exit_code = 2


class NotFound(CmoError):
    """A transcript, code, coding or casus that the user named does not exist."""

    exit_code = 3


class Conflict(CmoError):
    """The request clashes with what is already in the project (duplicate, changed source)."""

    exit_code = 4


class ProjectError(CmoError):
    """The project folder, its settings or its database cannot be used."""

    exit_code = 5
