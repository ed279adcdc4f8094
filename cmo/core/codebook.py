"""The realist codebook as plain data, and its validation.

A codebook is families (C, M, O), clusters inside a family, and codes inside a
cluster or under a parent code. Validation reports every problem with the line it
came from, so a researcher editing YAML by hand can find it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .domain import FAMILIES, Code
from .names import control_character, lookalike_key

MAX_CODE_DEPTH = 64
"""No codebook nests codes this deep; a chain of thousands would overflow every tree walk
(the QDPX writer, the workbench tree) long after the import said it was fine."""


@dataclass(frozen=True)
class Cluster:
    id: str
    family: str
    name: str
    description: str = ""
    named_alone: bool = False
    """Came from another tool's REFI-QDA file: written back by its name alone."""
    guid: str = ""


@dataclass
class Codebook:
    name: str
    version: str = "1"
    title: str = ""
    clusters: list[Cluster] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    """Line (1-based) where each code id was defined, for error messages."""

    def code(self, code_id: str) -> Code | None:
        wanted = code_id.casefold()
        return next((c for c in self.codes if c.id.casefold() == wanted), None)

    def cluster(self, cluster_id: str) -> Cluster | None:
        return next((c for c in self.clusters if c.id == cluster_id), None)


@dataclass(frozen=True)
class Problem:
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


def validate(book: Codebook, line_of: dict[int, int] | None = None) -> list[Problem]:
    """Every problem in ``book``: duplicate ids, unknown families, clusters or parents, cycles.

    ``line_of`` maps the position of a code in ``book.codes`` to its source line.
    """
    line_of = line_of or {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    lookalikes: dict[str, str] = {}
    cluster_ids = {c.id for c in book.clusters}
    for pos, code in enumerate(book.codes):
        line = line_of.get(pos)
        key = code.id.casefold()
        if not code.id.strip():
            problems.append(Problem(line, "a code has an empty id"))
            continue
        for what, value in (("code id", code.id), ("code name", code.name)):
            if control_character(value):
                shown = value.encode("unicode_escape").decode("ascii")[:40]
                problems.append(
                    Problem(
                        line,
                        f"{what} '{shown}' contains the control character "
                        f"{control_character(value)}",
                    )
                )
        if key in seen:
            first = line_of.get(seen[key])
            where = f" (first defined on line {first})" if first else ""
            problems.append(Problem(line, f"duplicate code id '{code.id}'{where}"))
        else:
            seen[key] = pos
        twin = lookalikes.setdefault(lookalike_key(code.id), code.id)
        if twin.casefold() != key:  # e.g. Cyrillic 'С1' beside Latin 'C1'
            shown = code.id.encode("unicode_escape").decode("ascii")
            problems.append(
                Problem(line, f"code id '{shown}' looks the same as code id '{twin}'; rename it")
            )
        if code.family not in FAMILIES:
            problems.append(
                Problem(line, f"code '{code.id}' has family '{code.family}', expected C, M or O")
            )
        if code.cluster and code.cluster not in cluster_ids:
            problems.append(
                Problem(line, f"code '{code.id}' names unknown cluster '{code.cluster}'")
            )
    by_id = {c.id.casefold(): (pos, c) for pos, c in enumerate(book.codes)}
    for pos, code in enumerate(book.codes):
        if code.parent and code.parent.casefold() not in by_id:
            problems.append(
                Problem(line_of.get(pos), f"code '{code.id}' names unknown parent '{code.parent}'")
            )
    problems.extend(_cycles(book.codes, by_id, line_of))
    cluster_seen: set[str] = set()
    for cluster in book.clusters:
        if cluster.id in cluster_seen:
            problems.append(
                Problem(
                    book.lines.get(f"cluster:{cluster.id}"), f"duplicate cluster id '{cluster.id}'"
                )
            )
        cluster_seen.add(cluster.id)
        if cluster.family not in FAMILIES:
            problems.append(
                Problem(
                    book.lines.get(f"cluster:{cluster.id}"),
                    f"cluster '{cluster.id}' has family '{cluster.family}', expected C, M or O",
                )
            )
    return problems


def _cycles(
    codes: list[Code], by_id: dict[str, tuple[int, Code]], line_of: dict[int, int]
) -> list[Problem]:
    problems: list[Problem] = []
    reported: set[str] = set()
    for pos, code in enumerate(codes):
        path = [code.id]
        on_path = {code.id}
        current = code
        while current.parent and current.parent.casefold() in by_id:
            _, current = by_id[current.parent.casefold()]
            if len(path) > MAX_CODE_DEPTH:
                problems.append(
                    Problem(
                        line_of.get(pos),
                        f"code '{code.id}' is nested more than {MAX_CODE_DEPTH} levels deep",
                    )
                )
                return problems
            if current.id.casefold() == code.id.casefold():
                cycle = frozenset(p.casefold() for p in path)
                if not cycle & reported:
                    chain = " → ".join([*path, code.id])
                    problems.append(Problem(line_of.get(pos), f"parent cycle: {chain}"))
                    reported |= cycle
                break
            if current.id in on_path:
                break  # a cycle further up; reported when we start from one of its members
            path.append(current.id)
            on_path.add(current.id)
    return problems


def ordered(codes: list[Code]) -> list[Code]:
    """Codes in reading order: C, M, O, then by sort order and id."""
    family_rank = {f: i for i, f in enumerate(FAMILIES)}
    return sorted(codes, key=lambda c: (family_rank.get(c.family, 9), c.sort_order, _natural(c.id)))


def _natural(code_id: str) -> tuple:
    import re

    return tuple(int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", code_id))
