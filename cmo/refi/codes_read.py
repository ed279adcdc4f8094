"""Reading REFI-QDA code trees: the ``<Codes>`` of a project or a QDC codebook, and cmo's own Sets.

The tree is mapped onto cmo's families, clusters and codes by :mod:`cmo.refi.codes_plan`;
:mod:`cmo.refi.qdc_read` does both for a ``.qdc`` file (``cmo codebook import``).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from ..core.codebook import MAX_CODE_DEPTH
from . import conventions as rc


@dataclass
class CodeNode:
    guid: str
    name: str
    codable: bool
    colour: str
    description: str
    children: list[CodeNode] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def parse_codes(codes: Element, unmodelled: Counter) -> list[CodeNode]:
    """The Code elements under ``<Codes>`` as a tree (any namespace prefix), refused when
    nested deeper than any codebook is (``CodesTooDeep``): every later walk of the tree
    would overflow the stack."""
    _check_depth(codes)
    roots = []
    for child in codes:
        if rc.local(child.tag) == "Code":
            roots.append(_node(child, unmodelled))
        elif rc.local(child.tag):
            unmodelled[rc.local(child.tag)] += 1
    return roots


class CodesTooDeep(ValueError):
    """The code tree is nested deeper than ``MAX_CODE_DEPTH``."""


def _check_depth(codes: Element) -> None:
    # Walked with a stack of its own: a recursive walk is what the limit protects.
    stack = [(child, 1) for child in codes]
    while stack:
        element, depth = stack.pop()
        if rc.local(element.tag) != "Code":
            continue
        if depth > MAX_CODE_DEPTH:
            raise CodesTooDeep(f"codes are nested more than {MAX_CODE_DEPTH} levels deep")
        stack.extend((child, depth + 1) for child in element)


def _node(element: Element, unmodelled: Counter) -> CodeNode:
    # Name, description and colour exactly as the file has them: they go back out unchanged.
    name = element.get("name") or ""
    node = CodeNode(
        guid=(rc.clean_guid(element.get("guid")) or rc.guid_for("unnamed-code", name)),
        name=name if name.strip() else "(naamloos)",
        codable=(element.get("isCodable") or "true").strip().lower() not in ("false", "0"),
        colour=rc.file_colour(element.get("color")),
        description="",
    )
    for child in element:
        tag = rc.local(child.tag)
        if tag == "Description":
            node.description = child.text or ""
        elif tag == "Code":
            node.children.append(_node(child, unmodelled))
        elif tag == "NoteRef":
            target = rc.clean_guid(child.get("targetGUID"))
            if target:
                node.notes.append(target)
        elif tag:
            unmodelled[f"Code/{tag}"] += 1
    return node


def named_alone_ids(sets: Element | None) -> dict[str, str]:
    """GUID → cmo id of the codes a cmo file wrote by their name alone (its own Set)."""
    for element in sets if sets is not None else ():
        if rc.local(element.tag) == "Set" and element.get("name") == rc.NAMED_ALONE_SET:
            for part in element:
                if rc.local(part.tag) == "Description":
                    try:
                        found = json.loads(part.text or "{}")
                    except ValueError:
                        return {}
                    if isinstance(found, dict):
                        return {
                            g: str(i)
                            for k, i in found.items()
                            if (g := rc.clean_guid(k)) and isinstance(i, str)
                        }
    return {}


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
