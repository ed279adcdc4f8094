"""REFI-QDA code trees: reading a QDC codebook, and mapping any tool's tree onto cmo's codebook.

Tools nest codes freely: ATLAS.ti and MAXQDA use code groups or folders, NVivo
nests codable nodes, QualCoder marks categories ``isCodable="false"``, and colours
are often missing. The tree is mapped like this:

* a node named after a family ("Context", "Mechanismen", "Outcomes") sets the family
  of everything under it;
* a node that cannot be coded is a cluster;
* a codable node is a code; codable nodes under it are its children (any depth);
* a code whose id or name is already in the project is that code (mapped, not added);
  other codes are added, flagged emergent unless the file says otherwise.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from ..core.codebook import Cluster, Codebook, validate
from ..core.errors import InputError
from ..core.model import Code
from . import refi_common as rc
from .qdpx_archive import parse_xml


@dataclass
class CodeNode:
    guid: str
    name: str
    codable: bool
    colour: str
    description: str
    children: list[CodeNode] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class CodePlan:
    """What importing a code tree does to a project's codebook."""

    code_ids: dict[str, str] = field(default_factory=dict)
    """GUID of every codable node → the cmo code id it maps to."""
    new_codes: list[Code] = field(default_factory=list)
    new_clusters: list[Cluster] = field(default_factory=list)
    mapped: list[str] = field(default_factory=list)
    structure: set[str] = field(default_factory=set)
    """GUIDs of family and cluster nodes (codings on them cannot be kept)."""
    warnings: list[str] = field(default_factory=list)


def parse_codes(codes: Element, unmodelled: Counter) -> list[CodeNode]:
    """The Code elements under ``<Codes>`` as a tree (any depth, any namespace prefix)."""
    roots = []
    for child in codes:
        if rc.local(child.tag) == "Code":
            roots.append(_node(child, unmodelled))
        elif rc.local(child.tag):
            unmodelled[rc.local(child.tag)] += 1
    return roots


def _node(element: Element, unmodelled: Counter) -> CodeNode:
    node = CodeNode(
        guid=(
            rc.clean_guid(element.get("guid"))
            or rc.guid_for("unnamed-code", element.get("name", ""))
        ),
        name=" ".join((element.get("name") or "").split()) or "(naamloos)",
        codable=(element.get("isCodable") or "true").strip().lower() not in ("false", "0"),
        colour=rc.colour_or_none(element.get("color")) or "",
        description="",
    )
    for child in element:
        name = rc.local(child.tag)
        if name == "Description":
            node.description = (child.text or "").strip()
        elif name == "Code":
            node.children.append(_node(child, unmodelled))
        elif name == "NoteRef":
            target = rc.clean_guid(child.get("targetGUID"))
            if target:
                node.notes.append(target)
        elif name:
            unmodelled[f"Code/{name}"] += 1
    return node


def plan_codes(
    roots: list[CodeNode],
    existing: list[Code],
    clusters: list[Cluster],
    *,
    strict: bool = False,
    emergent: set[str] | None = None,
    default_family: str = "M",
) -> CodePlan:
    """Map a code tree onto the project's codebook.

    Args:
        roots: The parsed tree.
        existing: The project's codes (matched by id, then by name, case-insensitively).
        clusters: The project's clusters (matched by id, then by name).
        strict: The file was written by cmo (every code name starts with its id).
        emergent: GUIDs of codes the file marks emergent; None means "every new code".
        default_family: Family of new codes that sit under no family node.
    """
    return _Planner(existing, clusters, strict, emergent, default_family).run(roots)


class _Planner:
    def __init__(self, existing, clusters, strict, emergent, default_family):
        self.by_id = {c.id.casefold(): c for c in existing}
        self.by_name = {c.name.casefold(): c for c in existing}
        self.by_label = {c.label.casefold(): c for c in existing}
        self.clusters_by_id = {c.id.casefold(): c for c in clusters}
        self.clusters_by_name = {c.name.casefold(): c for c in clusters}
        self.taken = set(self.by_id)
        self.cluster_taken = set(self.clusters_by_id)
        self.guids = {c.guid for c in existing}
        self.strict, self.emergent, self.default_family = strict, emergent, default_family
        self.order = 0 if not existing else 1000
        self.plan = CodePlan()

    def run(self, roots: list[CodeNode]) -> CodePlan:
        for node in roots:
            self.walk(node, None, "", None)
        return self.plan

    def walk(self, node: CodeNode, family: str | None, cluster: str, parent: str | None) -> None:
        code_id, name = rc.split_label(node.name, self.strict)
        found = rc.family_of_name(node.name) if family is None and parent is None else None
        if found and (node.children or not node.codable):
            self.plan.structure.add(node.guid)
            for child in node.children:
                self.walk(child, found, "", None)
            return
        if not node.codable:
            self.plan.structure.add(node.guid)
            cluster_id = self.cluster(node, family)
            for child in node.children:
                self.walk(child, family, cluster_id, None)
            return
        mapped = self.match(code_id, name, node.name)
        if mapped is not None:
            self.plan.code_ids[node.guid] = mapped.id
            self.plan.mapped.append(mapped.id)
            this = mapped.id
        else:
            this = self.add(node, code_id, name, family, cluster, parent)
        for child in node.children:
            self.walk(child, family or self.family_of(this), "", this)

    def match(self, code_id: str | None, name: str, label: str) -> Code | None:
        if code_id and code_id.casefold() in self.by_id:
            return self.by_id[code_id.casefold()]
        if self.strict:
            return None
        return self.by_label.get(label.casefold()) or self.by_name.get(name.casefold())

    def add(self, node: CodeNode, code_id, name, family, cluster, parent) -> str:
        if not family and code_id and code_id[0].upper() in "CMO" and code_id[1:2].isdigit():
            family = code_id[0].upper()
        family = family or self.default_family
        wanted = code_id or rc.slug(name)
        new_id = self.unique(wanted, self.taken)
        if code_id and new_id != code_id:
            self.plan.warnings.append(
                f"code '{node.name}': id '{code_id}' is taken, imported as '{new_id}'"
            )
        definition, keywords = rc.split_keywords(node.description)
        guid = node.guid if node.guid not in self.guids else rc.derived_guid(node.guid, "code")
        self.guids.add(guid)
        emergent = True if self.emergent is None else node.guid in self.emergent
        code = Code(
            id=new_id,
            family=family,
            name=name,
            cluster=cluster if parent is None else "",
            definition=definition,
            keywords=keywords,
            parent=parent,
            colour=node.colour,
            emergent=emergent,
            sort_order=self.order,
            guid=guid,
        )
        self.order += 1
        self.plan.new_codes.append(code)
        self.plan.code_ids[node.guid] = new_id
        self.by_id[new_id.casefold()] = code
        return new_id

    def cluster(self, node: CodeNode, family: str | None) -> str:
        cluster_id, name = rc.split_label(node.name, self.strict)
        if cluster_id is None and not self.strict:
            first = node.name.split(" ", 1)
            if len(first) == 2 and len(first[0]) <= 3 and first[0].isupper():
                cluster_id, name = first
        found = self.clusters_by_id.get((cluster_id or "").casefold()) or (
            None if self.strict else self.clusters_by_name.get(name.casefold())
        )
        if found is not None:
            return found.id
        new_id = self.unique(cluster_id or rc.slug(name), self.cluster_taken)
        cluster = Cluster(
            id=new_id, family=family or self.default_family, name=name, description=node.description
        )
        self.plan.new_clusters.append(cluster)
        self.clusters_by_id[new_id.casefold()] = cluster
        return new_id

    def family_of(self, code_id: str) -> str:
        return self.by_id[code_id.casefold()].family

    @staticmethod
    def unique(wanted: str, taken: set[str]) -> str:
        candidate, n = wanted, 2
        while candidate.casefold() in taken:
            candidate = f"{wanted}-{n}"
            n += 1
        taken.add(candidate.casefold())
        return candidate


def emergent_guids(sets: Element | None) -> set[str]:
    """GUIDs of the codes in cmo's 'emergente codes' Set (ATLAS.ti writes ``guid=``)."""
    found: set[str] = set()
    for element in sets if sets is not None else ():
        if rc.local(element.tag) == "Set" and element.get("name") == rc.EMERGENT_SET:
            for member in element:
                if rc.local(member.tag) == "MemberCode":
                    guid = rc.clean_guid(member.get("targetGUID") or member.get("guid"))
                    if guid:
                        found.add(guid)
    return found


def load_qdc(path: Path) -> Codebook:
    """Read a REFI-QDA codebook (``.qdc``) as a cmo ``Codebook``.

    Raises:
        InputError: not a QDC file, unsafe XML, or a tree cmo cannot hold.
    """
    from .safety import read_input_file

    path = Path(path)
    data = read_input_file(path)  # a FIFO or device is refused before it is opened
    root = parse_xml(data, path)
    if rc.local(root.tag) not in ("CodeBook", "Project"):
        raise InputError(path, f"not a REFI-QDA codebook (root element <{rc.local(root.tag)}>)")
    if rc.local(root.tag) == "Project":  # a project.qde saved as .qdc: take its codebook
        root = next((c for c in root if rc.local(c.tag) == "CodeBook"), root)
    codes = next((c for c in root if rc.local(c.tag) == "Codes"), None)
    if codes is None:
        raise InputError(path, "the codebook has no <Codes>")
    strict = (root.get("origin") or "").startswith(rc.ORIGIN_PREFIX)
    sets = next((c for c in root if rc.local(c.tag) == "Sets"), None)
    unmodelled: Counter = Counter()
    plan = plan_codes(
        parse_codes(codes, unmodelled), [], [], strict=strict, emergent=emergent_guids(sets)
    )
    book = Codebook(
        name=path.stem,
        title=root.get("origin") or "",
        clusters=plan.new_clusters,
        codes=plan.new_codes,
    )
    problems = validate(book)
    if problems:
        raise InputError(path, str(problems[0]))
    return book
