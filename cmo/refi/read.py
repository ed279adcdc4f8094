"""Reading a REFI-QDA ``project.qde`` into plain data, whichever tool wrote it.

Elements are matched by local name, so any namespace prefix (or a missing or
older namespace) works. Every element cmo does not model is counted in
``ProjectDoc.unmodelled`` so the import can say what it left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from . import conventions as rc
from .codes_read import CodeNode, emergent_guids, named_alone_ids, parse_codes


@dataclass(slots=True)
class Coding:
    guid: str | None
    code: str | None
    user: str | None
    created: str | None
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Selection:
    guid: str | None
    start: int
    end: int
    name: str
    description: str
    user: str | None
    created: str | None
    codings: list[Coding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Source:
    guid: str
    name: str
    plain_path: str | None
    content: str | None
    description: str
    user: str | None
    created: str | None
    selections: list[Selection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)


@dataclass
class Case:
    guid: str
    name: str | None
    description: str
    variables: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


@dataclass
class Note:
    guid: str
    name: str
    text: str | None
    path: str | None
    user: str | None
    created: str | None


@dataclass
class SetInfo:
    guid: str
    name: str
    description: str
    codes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Link:
    guid: str
    name: str
    origin: str | None
    target: str | None


@dataclass
class ProjectDoc:
    name: str
    origin: str
    base_path: str
    description: str = ""
    users: dict[str, str] = field(default_factory=dict)
    codes: list[CodeNode] = field(default_factory=list)
    emergent: set[str] = field(default_factory=set)
    named_alone: dict[str, str] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    notes: dict[str, Note] = field(default_factory=dict)
    project_notes: list[str] = field(default_factory=list)
    sets: list[SetInfo] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    unmodelled: Counter = field(default_factory=Counter)

    @property
    def by_cmo(self) -> bool:
        return self.origin.startswith(rc.ORIGIN_PREFIX)


def read_project(
    root: Element, selections: dict[Element, list[Selection]] | None = None
) -> ProjectDoc:
    """The document as plain data. ``selections``: the selections of each text source,
    read already while parsing (:mod:`cmo.refi.read_stream`); they are not in the tree."""
    doc = ProjectDoc(
        name=root.get("name") or "",
        origin=root.get("origin") or "",
        base_path=root.get("basePath") or "",
    )
    sets_element = None
    for child in root:
        name = rc.local(child.tag)
        if name == "Users":
            for user in child:
                guid = rc.clean_guid(user.get("guid"))
                if guid:
                    doc.users[guid] = user.get("name") or user.get("id") or guid
        elif name == "CodeBook":
            for codes in child:
                if rc.local(codes.tag) == "Codes":
                    doc.codes.extend(parse_codes(codes, doc.unmodelled))
        elif name == "Variables":
            for variable in child:
                guid = rc.clean_guid(variable.get("guid"))
                if guid:
                    doc.variables[guid] = variable.get("name") or guid
        elif name == "Cases":
            doc.cases.extend(_case(case, doc) for case in child if rc.local(case.tag) == "Case")
        elif name == "Sources":
            for source in child:
                if rc.local(source.tag) == "TextSource":
                    doc.sources.append(_source(source, doc, selections))
                elif rc.local(source.tag):
                    doc.unmodelled[rc.local(source.tag)] += 1
        elif name == "Notes":
            for note in child:
                if rc.local(note.tag) == "Note":
                    parsed = _note(note, doc)
                    doc.notes[parsed.guid] = parsed
        elif name == "Sets":
            sets_element = child
            doc.sets.extend(_set(s) for s in child if rc.local(s.tag) == "Set")
        elif name == "Links":
            doc.links.extend(
                Link(
                    rc.clean_guid(x.get("guid")) or "",
                    x.get("name") or "",
                    rc.clean_guid(x.get("originGUID")),
                    rc.clean_guid(x.get("targetGUID")),
                )
                for x in child
                if rc.local(x.tag) == "Link"
            )
        elif name == "Description":
            doc.description = (child.text or "").strip()
        elif name == "NoteRef":
            _ref(child, doc.project_notes)
        elif name:
            doc.unmodelled[name] += 1
    doc.emergent = emergent_guids(sets_element)
    doc.named_alone = named_alone_ids(sets_element) if doc.by_cmo else {}
    return doc


def _variable_value(element: Element, doc: ProjectDoc) -> tuple[str, str] | None:
    ref, value = None, None
    for part in element:
        name = rc.local(part.tag)
        if name == "VariableRef":
            ref = rc.clean_guid(part.get("targetGUID"))
        elif name.endswith("Value"):
            value = (part.text or "").strip()
    if ref is None or value is None:
        return None
    return doc.variables.get(ref, ref), value


def _case(element: Element, doc: ProjectDoc) -> Case:
    case = Case(
        guid=rc.clean_guid(element.get("guid")) or "", name=element.get("name"), description=""
    )
    for child in element:
        name = rc.local(child.tag)
        if name == "Description":
            case.description = (child.text or "").strip()
        elif name == "VariableValue":
            pair = _variable_value(child, doc)
            if pair:
                case.variables[pair[0]] = pair[1]
        elif name == "SourceRef":
            _ref(child, case.sources)
        elif name:
            doc.unmodelled[f"Case/{name}"] += 1
    return case


def _source(
    element: Element, doc: ProjectDoc, streamed: dict[Element, list[Selection]] | None = None
) -> Source:
    source = Source(
        guid=rc.clean_guid(element.get("guid")) or "",
        name=element.get("name") or "",
        plain_path=element.get("plainTextPath"),
        content=None,
        description="",
        user=rc.clean_guid(element.get("creatingUser")),
        created=rc.xsd_date_time(element.get("creationDateTime")),
    )
    if streamed is not None:
        source.selections = streamed[element]
    for child in element:
        name = _name(child.tag)
        if name == "PlainTextSelection":
            source.selections.append(_selection(child, doc))
        elif name == "PlainTextContent":
            source.content = child.text or ""
        elif name == "Description":
            source.description = (child.text or "").strip()
        elif name == "NoteRef":
            _ref(child, source.notes)
        elif name == "VariableValue":
            pair = _variable_value(child, doc)
            if pair:
                source.variables[pair[0]] = pair[1]
        elif name == "Coding":
            doc.unmodelled["TextSource/Coding (whole-document coding)"] += 1
        elif name:
            doc.unmodelled[f"TextSource/{name}"] += 1
    return source


_LOCAL: dict[str, str] = {}
_GUIDS: dict[str | None, str | None] = {}


def _name(tag: object) -> str:
    """``rc.local`` with a cache: a big project has hundreds of thousands of elements."""
    found = _LOCAL.get(tag)  # type: ignore[arg-type]
    if found is None:
        found = _LOCAL[tag] = rc.local(tag)  # type: ignore[index]
    return found


def _repeated_guid(value: str | None) -> str | None:
    """``rc.clean_guid`` for values that recur (users, codes), cached."""
    if value not in _GUIDS:
        if len(_GUIDS) > 50_000:
            _GUIDS.clear()
        _GUIDS[value] = rc.clean_guid(value)
    return _GUIDS[value]


def _selection(element: Element, doc: ProjectDoc) -> Selection:
    get = element.attrib.get
    selection = Selection(
        guid=rc.clean_guid(get("guid")),
        start=_int(get("startPosition")),
        end=_int(get("endPosition")),
        name=get("name") or "",
        description="",
        user=_repeated_guid(get("creatingUser") or get("modifyingUser")),
        created=rc.xsd_date_time(get("creationDateTime")),
    )
    for child in element:
        name = _name(child.tag)
        if name == "Coding":
            attrib = child.attrib
            coding = Coding(
                guid=rc.clean_guid(attrib.get("guid")),
                code=None,
                user=_repeated_guid(attrib.get("creatingUser")),
                created=rc.xsd_date_time(attrib.get("creationDateTime")),
            )
            for part in child:
                part_name = _name(part.tag)
                if part_name == "CodeRef":
                    coding.code = _repeated_guid(part.attrib.get("targetGUID"))
                elif part_name == "NoteRef":
                    _ref(part, coding.notes)
            selection.codings.append(coding)
        elif name == "Description":
            selection.description = (child.text or "").strip()
        elif name == "NoteRef":
            _ref(child, selection.notes)
        elif name:
            doc.unmodelled[f"PlainTextSelection/{name}"] += 1
    return selection


def _note(element: Element, doc: ProjectDoc) -> Note:
    note = Note(
        guid=rc.clean_guid(element.get("guid")) or "",
        name=element.get("name") or "",
        text=None,
        path=element.get("plainTextPath"),
        user=rc.clean_guid(element.get("creatingUser")),
        created=rc.xsd_date_time(element.get("creationDateTime")),
    )
    for child in element:
        name = rc.local(child.tag)
        if name == "PlainTextContent":
            note.text = child.text or ""
        elif name == "Description" and note.text is None:
            note.text = child.text or ""
        elif name in ("PlainTextSelection", "Coding", "VariableValue"):
            doc.unmodelled[f"Note/{name}"] += 1
    return note


def _set(element: Element) -> SetInfo:
    info = SetInfo(
        guid=rc.clean_guid(element.get("guid")) or "",
        name=element.get("name") or "",
        description="",
    )
    for child in element:
        name = rc.local(child.tag)
        target = rc.clean_guid(child.get("targetGUID") or child.get("guid"))
        if name == "Description":
            info.description = (child.text or "").strip()
        elif name == "MemberCode" and target:
            info.codes.append(target)
        elif name == "MemberSource" and target:
            info.sources.append(target)
        elif name == "MemberNote" and target:
            info.notes.append(target)
    return info


def _ref(element: Element, into: list[str]) -> None:
    guid = rc.clean_guid(element.get("targetGUID"))
    if guid:
        into.append(guid)


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
