"""The architecture holds: only cmo.tui imports textual; inner layers never import outer ones.
(What a process loads at start-up is checked in functional/test_startup.py.)"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "cmo"
LAYERS = ["core", "store", "ingest", "suggest", "analysis", "export", "tui", "commands", "cli"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    package = list(rel.parts[:-1]) if rel.name != "__init__" else list(rel.parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
                found.add(module)
                if not node.module:
                    found.update(".".join(base + [a.name]) for a in node.names)
            elif node.module:
                found.add(node.module)
    return found


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "cmo" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in LAYERS else None


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py"))


def test_only_tui_imports_textual():
    offenders = [
        str(p.relative_to(PACKAGE.parent))
        for p in _modules()
        if "tui" not in p.relative_to(PACKAGE).parts
        and any(m == "textual" or m.startswith("textual.") for m in _imports(p))
    ]
    assert offenders == []


def test_inner_layers_never_import_outer_ones():
    violations = []
    for path in _modules():
        own = _layer("cmo." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
        if own is None:
            continue
        for imported in _imports(path):
            other = _layer(imported)
            if other and LAYERS.index(other) > LAYERS.index(own):
                violations.append(f"{path.relative_to(PACKAGE.parent)} imports {imported}")
    assert violations == []


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], capture_output=True, text=True, cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
