"""Reading and writing the codebook as YAML, with line numbers for every problem."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..core.codebook import Cluster, Codebook, validate
from ..core.domain import Code
from ..core.errors import InputError
from .safety import MAX_CODEBOOK_BYTES

CODE_FIELDS = {
    "id",
    "family",
    "name",
    "cluster",
    "definition",
    "keywords",
    "parent",
    "colour",
    "color",
    "emergent",
}


MAX_ALIASES = 100
"""A codebook has no need for many YAML aliases; a few hundred are how an alias bomb
("billion laughs") multiplies a few hundred bytes into gigabytes."""
MAX_NODES = 200_000
"""Nodes built, aliases expanded: the output measured, whatever the input size."""


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records the line of every mapping under ``__line__`` and refuses
    alias bombs, counting aliases and the nodes they would expand to."""

    aliases = 0
    nodes = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _Refused(f"refused: more than {MAX_ALIASES} YAML aliases (an alias bomb?)")
        return super().compose_node(parent, index)

    def construct_object(self, node, deep=False):
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(
                f"refused: the YAML expands to more than {MAX_NODES:,} values (an alias bomb?)"
            )
        return super().construct_object(node, deep)


class _Refused(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    # A key given twice would keep only its last value, silently: "id: C1 / id: C2".
    keys: set = set()
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
            if key_node.value in keys:
                raise _Refused(
                    f"the key '{key_node.value[:40]}' is given twice in one entry",
                    line=key_node.start_mark.line + 1,
                )
            keys.add(key_node.value)
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load_codebook(path: Path) -> Codebook:
    """Parse and validate a codebook file; ``InputError`` names the line of the first problem."""
    from .safety import read_input_file

    path = Path(path)
    data = read_input_file(path, MAX_CODEBOOK_BYTES)  # a FIFO is refused, not waited on
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot read codebook: {exc}") from None
    try:
        data = yaml.load(raw, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except _Refused as exc:
        raise InputError(path, str(exc), line=exc.line) from None
    except RecursionError:
        raise InputError(path, "refused: the YAML is nested too deeply") from None
    except ValueError as exc:  # an integer of thousands of digits, a date like 2024-13-45
        raise InputError(path, f"not valid YAML: {str(exc).split(';')[0][:120]}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            path,
            f"not valid YAML: {str(getattr(exc, 'problem', None) or exc).splitlines()[0]}",
            line=mark.line + 1 if mark else None,
        ) from None
    book, line_of = parse_codebook(data, path)
    problems = validate(book, line_of)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise InputError(path, first.message + more, line=first.line)
    return book


def parse_codebook(data: object, path: Path) -> tuple[Codebook, dict[int, int]]:
    if not isinstance(data, dict) or not isinstance(data.get("codes"), list):
        raise InputError(path, "a codebook needs a 'codes:' list")
    clusters = []
    lines: dict[str, int] = {}
    for entry in data.get("clusters") or []:
        if not isinstance(entry, dict) or not entry.get("id"):
            raise InputError(path, "every cluster needs an id", line=_line(entry))
        clusters.append(
            Cluster(
                id=str(entry["id"]),
                family=str(entry.get("family", "")),
                name=str(entry.get("name", entry["id"])),
                description=str(entry.get("description", "")).strip(),
            )
        )
        lines[f"cluster:{entry['id']}"] = _line(entry) or 0
    cluster_family = {c.id: c.family for c in clusters}
    codes, line_of = [], {}
    for order, entry in enumerate(data["codes"]):
        if not isinstance(entry, dict):
            raise InputError(path, "every code must be a mapping with id and name", line=None)
        unknown = set(entry) - CODE_FIELDS - {"__line__"}
        if unknown:
            raise InputError(
                path,
                f"unknown field(s) {', '.join(sorted(unknown))} in code '{entry.get('id', '?')}'",
                line=_line(entry),
            )
        if entry.get("id") is None or not entry.get("name"):
            raise InputError(path, "every code needs an id and a name", line=_line(entry))
        for field_name in ("id", "name", "parent", "cluster", "family"):
            value = entry.get(field_name)
            if value is not None and not isinstance(value, str):
                # YAML reads 010 as 8, 1.10 as 1.1, yes as True, 2020-01-01 as a date:
                # the id stored would not be the id written.
                raise InputError(
                    path,
                    f"code {field_name} {value!r:.40} is a {type(value).__name__}, not text; "
                    "put it in quotes",
                    line=_line(entry),
                )
        keywords = entry.get("keywords") or []
        if isinstance(keywords, str):
            keywords = [k.strip() for k in keywords.split(",")]
        cluster = str(entry.get("cluster") or "")
        family = str(entry.get("family") or cluster_family.get(cluster) or "")
        if not family and entry.get("parent"):
            family = _family_of_parent(data["codes"], str(entry["parent"]), cluster_family)
        codes.append(
            Code(
                id=str(entry["id"]),
                family=family,
                name=str(entry["name"]),
                cluster=cluster,
                definition=" ".join(str(entry.get("definition") or "").split()),
                keywords=tuple(str(k) for k in keywords if str(k).strip()),
                parent=str(entry["parent"]) if entry.get("parent") else None,
                colour=str(entry.get("colour") or entry.get("color") or ""),
                emergent=bool(entry.get("emergent", False)),
                sort_order=order,
            )
        )
        line_of[len(codes) - 1] = _line(entry) or 0
        lines[codes[-1].id] = _line(entry) or 0
    book = Codebook(
        name=str(data.get("codebook") or path.stem),
        version=str(data.get("version", 1)),
        title=str(data.get("title", "")),
        clusters=clusters,
        codes=codes,
        lines=lines,
    )
    return book, line_of


def dump_codebook(book: Codebook) -> str:
    clusters = [
        {
            "id": c.id,
            "family": c.family,
            "name": c.name,
            **({"description": c.description} if c.description else {}),
        }
        for c in book.clusters
    ]
    codes = []
    for c in book.codes:
        entry: dict = {"id": c.id, "family": c.family, "name": c.name}
        for key in ("cluster", "parent", "colour"):
            if getattr(c, key):
                entry[key] = getattr(c, key)
        if c.emergent:
            entry["emergent"] = True
        if c.definition:
            entry["definition"] = c.definition
        if c.keywords:
            entry["keywords"] = list(c.keywords)
        codes.append(entry)
    data = {
        "codebook": book.name,
        "version": book.version,
        "title": book.title,
        "clusters": clusters,
        "codes": codes,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _line(entry: object) -> int | None:
    return entry.get("__line__") if isinstance(entry, dict) else None


def _family_of_parent(entries: list, parent: str, cluster_family: dict[str, str]) -> str:
    seen = set()
    while parent and parent not in seen:
        seen.add(parent)
        match = next(
            (e for e in entries if isinstance(e, dict) and str(e.get("id")) == parent), None
        )
        if match is None:
            return ""
        if match.get("family"):
            return str(match["family"])
        if match.get("cluster") in cluster_family:
            return cluster_family[match["cluster"]]
        parent = str(match.get("parent") or "")
    return ""
