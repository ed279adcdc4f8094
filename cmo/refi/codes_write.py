"""cmo's codebook as REFI-QDA XML: the ``<CodeBook>`` of a QDPX project and of a QDC file.

Families and clusters become non-codable parent codes; emergent codes and codes
written by their name alone are listed in cmo's own Sets, so they come back as they were.
"""

from __future__ import annotations

import json

from ..core.codebook import Cluster, ordered
from ..core.domain import FAMILIES, Code
from . import conventions as rc
from .xml_write import attrs, description


def codebook_xml(
    codes: list[Code],
    clusters: list[tuple[Cluster, str]],
    notes: dict[str, list[str]],
    indent: str = "    ",
    cases: list[tuple[str, str]] = (),
) -> str:
    """The ``<Codes>`` tree: family nodes, cluster nodes, codes and their children.

    Args:
        codes: Every code of the project.
        clusters: (cluster, stored guid) pairs in display order.
        notes: Note GUIDs per code id (memos on codes).
        cases: (GUID, name) of casussen: each also a code with the Case's GUID, under
            one group, which is how NVivo and QualCoder tie a case to its texts.
    """
    by_parent = _tree(codes)
    cluster_family = {c.id: c.family for c, _ in clusters}
    out = [f"{indent}<Codes>\n"]
    for family, family_name in FAMILIES.items():
        inner = indent + "  "
        out.append(
            f"{inner}<Code{attrs(guid=rc.guid_for('family', family), name=family_name)}"
            f' isCodable="false">\n'
        )
        out.append(description(f"{family_name} ({family})", inner + "  "))
        for cluster, guid in clusters:
            if cluster.family != family:
                continue
            label = cluster.name if cluster.named_alone else rc.code_label(cluster.id, cluster.name)
            out.append(f'{inner}  <Code{attrs(guid=guid, name=label)} isCodable="false">\n')
            out.append(description(cluster.description, inner + "    "))
            for code in by_parent.get(None, []):
                if code.family == family and code.cluster == cluster.id:
                    _code(code, by_parent, notes, inner + "    ", out)
            out.append(f"{inner}  </Code>\n")
        for code in by_parent.get(None, []):  # no cluster, or a cluster of another family
            if code.family == family and cluster_family.get(code.cluster) != family:
                _code(code, by_parent, notes, inner + "  ", out)
        out.append(f"{inner}</Code>\n")
    if cases:
        inner = indent + "  "
        out.append(
            f"{inner}<Code{attrs(guid=rc.CASES_GROUP_GUID, name=rc.CASES_GROUP)}"
            f' isCodable="false">\n'
        )
        out.append(description(rc.CASES_GROUP_DESCRIPTION, inner + "  "))
        out.extend(
            f'{inner}  <Code{attrs(guid=guid, name=name)} isCodable="true"/>\n'
            for guid, name in cases
        )
        out.append(f"{inner}</Code>\n")
    out.append(f"{indent}</Codes>\n")
    return "".join(out)


def _tree(codes: list[Code]) -> dict[str | None, list[Code]]:
    """Children per parent id (None: top level). A code whose parent is unknown, or whose
    parents form a cycle, goes to the top level, so no code is ever left out."""
    by_id = {c.id: c for c in codes}
    top: set[str] = set()
    for code in codes:
        seen, current = {code.id}, code
        while current.parent in by_id and current.parent not in seen:
            seen.add(current.parent)
            current = by_id[current.parent]
        if current.parent in seen:  # a cycle: cut it at this code
            top.add(code.id)
    tree: dict[str | None, list[Code]] = {}
    for code in ordered(codes):
        parent = code.parent if code.parent in by_id and code.id not in top else None
        tree.setdefault(parent, []).append(code)
    return tree


def _code(
    code: Code, by_parent: dict, notes: dict[str, list[str]], indent: str, out: list[str]
) -> None:
    colour = rc.file_colour(code.colour)  # as another tool wrote it, if the schema allows
    out.append(
        f"{indent}<Code{attrs(guid=code.guid, name=label(code))}"
        f' isCodable="true"{attrs(color=colour)}>\n'
    )
    out.append(
        description(rc.description_with_keywords(code.definition, code.keywords), indent + "  ")
    )
    for note in notes.get(code.id, ()):
        out.append(f'{indent}  <NoteRef targetGUID="{note}"/>\n')
    for child in by_parent.get(code.id, []):
        _code(child, by_parent, notes, indent + "  ", out)
    out.append(f"{indent}</Code>\n")


def label(code: Code) -> str:
    """A code's name in REFI-QDA: "id name", or the name alone as another tool wrote it."""
    return code.name if code.named_alone else rc.code_label(code.id, code.name)


def named_alone_set_xml(
    codes: list[Code], clusters: list[tuple[Cluster, str]], indent: str, member: str
) -> str:
    """The Set of codes written by their name alone, with their cmo ids, or ''.

    Other tools show it as one more code group; cmo reads the ids back from it.
    ``member`` is the MemberCode attribute: ``targetGUID`` (project) or ``guid`` (QDC).
    """
    members = [(c.guid, c.id) for c in ordered(codes) if c.named_alone]
    members += [(guid, c.id) for c, guid in clusters if c.named_alone]
    if not members:
        return ""
    ids = json.dumps(dict(members), ensure_ascii=False, sort_keys=True)
    out = [
        f"{indent}<Set{attrs(guid=rc.guid_for('set', 'named-alone'), name=rc.NAMED_ALONE_SET)}>\n",
        description(ids, indent + "  "),
    ]
    out.extend(f'{indent}  <MemberCode {member}="{guid}"/>\n' for guid, _ in members)
    out.append(f"{indent}</Set>\n")
    return "".join(out)


def emergent_set_xml(codes: list[Code], indent: str, member: str = "targetGUID") -> str:
    """cmo's Set of emergent codes (kept as a code group by other tools), or ''.

    ``member`` is the MemberCode attribute: ``targetGUID`` (project) or ``guid`` (QDC).
    """
    members = [c for c in ordered(codes) if c.emergent]
    if not members:
        return ""
    out = [
        f"{indent}<Set{attrs(guid=rc.guid_for('set', 'emergent'), name=rc.EMERGENT_SET)}>\n",
        description(
            "Codes die in de data zijn gevonden, buiten de programmatheorie.", indent + "  "
        ),
    ]
    out.extend(f'{indent}  <MemberCode {member}="{c.guid}"/>\n' for c in members)
    out.append(f"{indent}</Set>\n")
    return "".join(out)
