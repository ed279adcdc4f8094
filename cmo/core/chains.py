"""Chains of CMOCs: the outcome of one CMOC is the context of the next. A link that would
close a cycle is refused (``chain_cycle`` names the cycle)."""

from __future__ import annotations

from collections import defaultdict


def chain_cycle(edges: list[tuple[str, str]], new: tuple[str, str]) -> list[str] | None:
    """The cycle that adding ``new`` (from → to) would close, as a path, or None."""
    start, goal = new
    if start == goal:
        return [start, start]
    following: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        following[a].append(b)
    # A path goal → … → start plus the new edge start → goal is a cycle.
    parent: dict[str, str | None] = {goal: None}
    stack = [goal]
    while stack:
        node = stack.pop()
        if node == start:
            path = [node]
            while parent[path[-1]] is not None:
                path.append(parent[path[-1]])
            return [start, *reversed(path)]
        for nxt in following[node]:
            if nxt not in parent:
                parent[nxt] = node
                stack.append(nxt)
    return None


def chains(edges: list[tuple[str, str]]) -> list[list[str]]:
    """Maximal paths through the chain links, each from a CMOC no link leads to."""
    following: dict[str, list[str]] = defaultdict(list)
    targets = set()
    for a, b in sorted(edges):
        following[a].append(b)
        targets.add(b)
    out: list[list[str]] = []

    def walk(path: list[str]) -> None:
        nexts = following.get(path[-1], [])
        if not nexts:
            out.append(path)
            return
        for n in nexts:
            walk([*path, n])

    for root in sorted(set(following) - targets):
        walk([root])
    return out
