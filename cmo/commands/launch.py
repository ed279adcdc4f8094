"""What a command line needs before it runs: which command modules, what the everyday
commands parse (``fast.py``), and cached help.

Importing every command module and building every Typer command costs more than most
commands do; so ``cmo freq`` registers only the module(s) that define ``freq``, and a
help request prints text made once by Typer and kept in the user's cache folder. Both
are keyed by the size and time of every file in ``cmo/commands`` and ``cmo/cli.py``:
edit a command and the next run recomputes them, so they can never be stale.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ..core import user_cache

PACKAGE = Path(__file__).resolve().parents[1]
HELP_FLAGS = ("--help", "-h")
FORMAT = 1  # bump when the cache layout changes

try:  # CPython's own SHA-256: the same digest, without loading OpenSSL (~4 ms a start)
    from _sha256 import sha256 as _sha256
except ImportError:  # a build without it
    from hashlib import sha256 as _sha256


def cache_dir() -> Path:
    return user_cache.folder()


def source_key() -> str:
    """A digest of the files that define the command line."""
    digest = _sha256(f"{FORMAT}\0{sys.version}\0{PACKAGE}".encode())
    files = sorted([PACKAGE / "cli.py", *(PACKAGE / "commands").glob("*.py")])
    user_cache.stamp_files(digest, ((path.name, path) for path in files))
    return digest.hexdigest()[:20]


def checkout_key() -> str:
    """Which installed copy of cmo this is: two checkouts (or a venv and a checkout)
    share one cache folder, and each keeps its own file."""
    return _sha256(str(PACKAGE).encode()).hexdigest()[:10]


class LaunchCache:
    """One JSON file per checkout and source key: command name → modules, and help texts."""

    def __init__(self) -> None:
        self.path = cache_dir() / f"launch-{checkout_key()}-{source_key()}.json"
        try:
            self.data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {}
        self.changed = False

    def modules_for(self, name: str) -> list[str] | None:
        found = self.data.get("modules", {}).get(name)
        return list(found) if isinstance(found, list) else None

    def set_modules(self, mapping: dict[str, list[str]]) -> None:
        self.data["modules"] = mapping
        self.changed = True

    def fast_spec(self, key: str) -> dict | bool | None:
        """What ``fast.py`` parses for a command (False: leave it to Typer; None: not
        worked out yet)."""
        found = self.data.get("fast", {}).get(key)
        return found if isinstance(found, dict | bool) else None

    def set_fast_spec(self, key: str, spec: dict | bool) -> None:
        self.data.setdefault("fast", {})[key] = spec
        self.changed = True

    def help_text(self, key: str) -> tuple[str, str, int] | None:
        """(stdout, stderr, exit code) of a help request seen before."""
        found = self.data.get("help", {}).get(key)
        if isinstance(found, list) and len(found) == 3:
            return str(found[0]), str(found[1]), int(found[2])
        return None

    def set_help(self, key: str, text: str, errors: str, code: int) -> None:
        self.data.setdefault("help", {})[key] = [text, errors, code]
        self.changed = True

    def save(self) -> None:
        """Best effort: a read-only home folder only means the next run is slower."""
        if not self.changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Only this checkout's older files: another checkout's cache is still valid.
            for old in self.path.parent.glob(f"launch-{checkout_key()}-*.json"):
                if old != self.path:
                    old.unlink(missing_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self.data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass


def help_request(args: list[str]) -> str | None:
    """A key for a pure help request (``cmo``, ``cmo --help``, ``cmo code add --help``),
    else None. The key holds what the text depends on: the width Click formats help to
    (at most 80 columns) and the program's name."""
    if args and (args[-1] not in HELP_FLAGS or any(a.startswith("-") for a in args[:-1])):
        return None
    import shutil  # only a help request needs the width

    width = min(shutil.get_terminal_size().columns, 80)
    # Click names the program after argv[0] ('cmo', 'python -m cmo.cli'): part of the key.
    return f"{width}\0{sys.argv[0]}\0" + "\0".join(args)


def command_tree(command, prefix: str = "") -> set[str]:
    """Every command path of a Click command: {'code', 'code add', …}."""
    out = set()
    for name, sub in getattr(command, "commands", {}).items():
        path = f"{prefix}{name}"
        out.add(path)
        out |= command_tree(sub, path + " ")
    return out
