"""Mapping any tool's REFI-QDA code tree onto cmo's codebook: what an import does to the codes.

Tools nest codes freely: ATLAS.ti and MAXQDA use code groups or folders, NVivo
nests codable nodes, QualCoder marks categories ``isCodable="false"``, and colours
are often missing. The tree is mapped like this:

* a node that cannot be coded is a cluster; a codable node is a code, and codable
  nodes under it are its children (any depth);
* a node named after a family ("Context", "Mechanismen", "Outcomes") sets the family
  of everything under it (and is kept itself, as a cluster or a code);
* a code is an existing code of the project only by its GUID, by its exact id (the
  whole name is the id, such as ``C1`` or ``M3b``) or by its exact name (or the
  ``"id name"`` label cmo writes); never by a first word or a prefix. A mapping
  file can say otherwise. Every such mapping is listed in the plan;
* any other code is added, flagged emergent, with its name, description and colour
  exactly as the file has them; it is written back under that name alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.codebook import Cluster
from ..core.domain import Code
from ..core.errors import InputError
from . import conventions as rc

if TYPE_CHECKING:
    from .codes_read import CodeNode

NEW = "new"
"""The value in a mapping file that makes a code new even if the rules would map it."""


@dataclass(frozen=True)
class CodeMapping:
    """One code of the file that is an existing code of the project."""

    their_name: str
    their_guid: str
    our_id: str
    our_name: str
    rule: str
    """'GUID', 'id', 'name' or 'mapping file'."""


@dataclass
class CodePlan:
    """What importing a code tree does to a project's codebook."""

    code_ids: dict[str, str] = field(default_factory=dict)
    """GUID of every codable node → the cmo code id it maps to."""
    new_codes: list[Code] = field(default_factory=list)
    new_clusters: list[Cluster] = field(default_factory=list)
    mapped: list[str] = field(default_factory=list)
    mappings: list[CodeMapping] = field(default_factory=list)
    case_codes: set[str] = field(default_factory=set)
    """GUIDs of codes that stand for a Case (NVivo, cmo): their codings tie texts to it."""
    structure: set[str] = field(default_factory=set)
    """GUIDs of family and cluster nodes (codings on them cannot be kept)."""
    unused_overrides: list[str] = field(default_factory=list)
    """Keys of the mapping file that name no code of the file."""
    file_ids: dict[str, str] = field(default_factory=dict)
    """The code ids a cmo file used → the ids they have now (they differ after a clash)."""
    warnings: list[str] = field(default_factory=list)


def plan_codes(
    roots: list[CodeNode],
    existing: list[Code],
    clusters: list[Cluster],
    *,
    strict: bool = False,
    emergent: set[str] | None = None,
    default_family: str = "M",
    named_alone: dict[str, str] | None = None,
    overrides: dict[str, str] | None = None,
    ids_from_names: bool = False,
    overrides_source: str | Path = "mapping file",
    case_guids: set[str] | None = None,
) -> CodePlan:
    """Map a code tree onto the project's codebook.

    Args:
        roots: The parsed tree.
        existing: The project's codes.
        clusters: The project's clusters.
        strict: The file was written by cmo (a code name is its id, a space, its name,
            unless ``named_alone`` gives the id).
        emergent: GUIDs of codes the file marks emergent; None means "every new code".
        default_family: Family of new codes that sit under no family node.
        named_alone: For a cmo file, GUID → cmo id of codes written by their name alone.
        overrides: From a mapping file: a code's GUID or exact name → an existing code
            id, or ``"new"``.
        ids_from_names: The researcher says the first word of each name is its id.

    Raises:
        InputError: an override maps onto a code that is not in the project.
    """
    return _Planner(
        existing,
        clusters,
        strict,
        emergent,
        default_family,
        named_alone or {},
        overrides or {},
        ids_from_names,
        overrides_source,
        case_guids or set(),
    ).run(roots)


class _Planner:
    def __init__(
        self,
        existing,
        clusters,
        strict,
        emergent,
        default_family,
        named_alone,
        overrides,
        ids_from_names,
        overrides_source,
        case_guids,
    ):
        self.case_guids = case_guids
        self.existing = {c.id: c for c in existing}
        """The project's codes (what a file's code can be mapped onto)."""
        self.planned: dict[str, Code] = {}
        self.by_guid = {c.guid: c for c in existing if c.guid}
        self.by_name: dict[str, Code] = {}
        for code in existing:  # the label as cmo writes it, then the bare name (stronger)
            self.by_name.setdefault(rc.code_label(code.id, code.name), code)
        for code in existing:
            self.by_name[code.name] = code
        self.clusters_by_id = {c.id.casefold(): c for c in clusters}
        self.clusters_by_guid = {c.guid: c for c in clusters if c.guid}
        self.clusters_by_name = {rc.code_label(c.id, c.name): c for c in clusters}
        self.clusters_by_name.update({c.name: c for c in clusters})
        self.taken = {c.id.casefold() for c in existing}
        self.cluster_taken = set(self.clusters_by_id)
        self.guids = {c.guid for c in existing} | {c.guid for c in clusters}
        unknown = sorted({v for v in overrides.values() if v != NEW and v not in self.existing})
        if unknown:
            raise InputError(
                overrides_source,
                f"maps onto code(s) not in the project: {', '.join(unknown)}",
            )
        self.used_overrides: set[str] = set()
        self.strict, self.emergent, self.default_family = strict, emergent, default_family
        self.named_alone, self.overrides = named_alone, overrides
        self.ids_from_names = ids_from_names
        self.order = 0 if not existing else 1000
        self.plan = CodePlan()

    def run(self, roots: list[CodeNode]) -> CodePlan:
        for node in roots:
            self.walk(node, None, "", None, top=True)
        self.plan.unused_overrides = [k for k in self.overrides if k not in self.used_overrides]
        return self.plan

    def walk(
        self, node: CodeNode, family: str | None, cluster: str, parent: str | None, top=False
    ) -> None:
        if node.guid in self.case_guids or node.guid == rc.CASES_GROUP_GUID:
            self.plan.case_codes.add(node.guid)  # a case, not a code
            for child in node.children:
                self.walk(child, family, cluster, parent)
            return
        found = rc.family_of_name(node.name) if top else None
        ours = any(node.guid == rc.guid_for("family", f) for f in "CMO")
        if found and (ours or (self.strict and (node.children or not node.codable))):
            self.plan.structure.add(node.guid)  # one of cmo's own family nodes
            for child in node.children:
                self.walk(child, found, "", None)
            return
        family = family or found
        if not node.codable:
            self.plan.structure.add(node.guid)
            cluster_id = self.cluster(node, family)
            for child in node.children:
                self.walk(child, family, cluster_id, None)
            return
        mapped, rule = self.match(node)
        if mapped is not None:
            self.plan.code_ids[node.guid] = mapped.id
            self.plan.mapped.append(mapped.id)
            self.plan.mappings.append(
                CodeMapping(node.name, node.guid, mapped.id, mapped.name, rule)
            )
            code_id = self.file_id(node)[0]
            if self.strict and code_id:
                self.plan.file_ids[code_id] = mapped.id
            this = mapped.id
        else:
            this = self.add(node, family, cluster, parent)
        for child in node.children:
            self.walk(child, family or self.family_of(this), "", this)

    def file_id(self, node: CodeNode) -> tuple[str | None, str, bool]:
        """(id the file gives, name, named alone) of a node."""
        if self.strict:
            if node.guid in self.named_alone:
                return self.named_alone[node.guid], node.name, True
            code_id, name = rc.split_label(node.name, True)
            return code_id, name, False
        if self.ids_from_names:
            code_id, name = rc.split_label(node.name)
            if code_id:
                return code_id, name, False
        return (node.name if rc.whole_name_is_id(node.name) else None), node.name, True

    def match(self, node: CodeNode) -> tuple[Code | None, str]:
        key = node.guid if node.guid in self.overrides else node.name
        wanted = self.overrides.get(key)
        if wanted:
            self.used_overrides.add(key)
        if wanted == NEW:
            return None, ""
        if wanted:
            return self.existing[wanted], "mapping file"
        if node.guid in self.by_guid:
            return self.by_guid[node.guid], "GUID"
        code_id, name, _ = self.file_id(node)
        if code_id and code_id in self.existing:
            code = self.existing[code_id]
            if self.strict and code.name != name:
                self.plan.warnings.append(
                    f"code '{node.name}' mapped by its id onto {code.id} '{code.name}' "
                    "(the names differ; a mapping file can say 'new')"
                )
            return code, "id"
        if not self.strict and node.name in self.by_name:
            return self.by_name[node.name], "name"
        return None, ""

    def add(self, node: CodeNode, family, cluster, parent) -> str:
        code_id, name, alone = self.file_id(node)
        if not family and code_id and code_id[0].upper() in "CMO" and code_id[1:2].isdigit():
            family = code_id[0].upper()
        family = family or self.default_family
        new_id = self.unique(code_id or rc.slug(name), self.taken)
        if code_id and new_id != code_id:
            self.plan.warnings.append(
                f"code '{node.name}': id '{code_id}' is taken, imported as '{new_id}'"
            )
        if code_id:
            self.plan.file_ids[code_id] = new_id
        if self.strict:
            definition, keywords = rc.split_keywords(node.description)
        else:  # another tool's description is all definition, kept exactly
            definition, keywords = node.description, ()
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
            named_alone=alone,
        )
        self.order += 1
        self.plan.new_codes.append(code)
        self.plan.code_ids[node.guid] = new_id
        self.planned[new_id] = code
        return new_id

    def cluster(self, node: CodeNode, family: str | None) -> str:
        code_id, name, alone = self.file_id(node)
        found = (
            self.clusters_by_guid.get(node.guid)
            or self.clusters_by_id.get((code_id or "").casefold())
            or (None if self.strict else self.clusters_by_name.get(node.name))
        )
        if found is not None:
            return found.id
        new_id = self.unique(code_id or rc.slug(name), self.cluster_taken)
        guid = node.guid if node.guid not in self.guids else rc.derived_guid(node.guid, "code")
        self.guids.add(guid)
        cluster = Cluster(
            id=new_id,
            family=family or self.default_family,
            name=name,
            description=node.description.strip() if self.strict else node.description,
            named_alone=alone,
            guid=guid,
        )
        self.plan.new_clusters.append(cluster)
        self.clusters_by_id[new_id.casefold()] = cluster
        return new_id

    def family_of(self, code_id: str) -> str:
        return (self.planned.get(code_id) or self.existing[code_id]).family

    @staticmethod
    def unique(wanted: str, taken: set[str]) -> str:
        candidate, n = wanted, 2
        while candidate.casefold() in taken:
            candidate = f"{wanted}-{n}"
            n += 1
        taken.add(candidate.casefold())
        return candidate
