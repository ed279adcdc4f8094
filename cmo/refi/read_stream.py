"""Parsing a big ``project.qde`` in one pass: selections straight into plain data.

Nearly all of a big project is its ``PlainTextSelection`` elements (a hundred thousand
for a million words). Building an element for each of them and its ``Coding`` and
``CodeRef``, and then walking that tree, costs several times more than expat itself.
Here expat's events build the tree for everything else (:mod:`cmo.refi.read` reads it
as it always has), while the selections of each ``TextSource`` become
:class:`~cmo.refi.read.Selection` objects as they stream past, read by the very rules
of ``read._selection``.

Safety and errors are those of :func:`cmo.refi.archive.parse_xml`: a document type
declaration stops this parser at once, and whenever expat refuses the document the
caller parses it again with defusedxml, so every refusal is worded exactly as before.
"""

from __future__ import annotations

from collections import Counter
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from . import conventions as rc
from .read import Coding, Selection, _int, _repeated_guid


class _Refused(Exception):
    """A DTD (and with it any entity): left to defusedxml to refuse in its words."""


class Streamed:
    """What one pass over the document gives: the tree without the selections of the
    text sources, those selections per source element, and what they left out."""

    def __init__(self, root: Element, selections: dict[Element, list[Selection]], counts):
        self.root = root
        self.selections = selections
        self.unmodelled: Counter = counts


def parse_streamed(data: bytes) -> Streamed | None:
    """The document read in one pass, or None when expat refuses it (the caller then
    parses it with :func:`cmo.refi.archive.parse_xml`, which says why)."""
    parser = expat.ParserCreate(namespace_separator="}")
    reader = _Reader(parser)
    parser.buffer_text = True
    reader.in_tree()
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    try:
        parser.Parse(data, True)
        root = reader.builder.close()
    except (expat.ExpatError, _Refused):
        return None
    return Streamed(root, reader.selections, reader.unmodelled)


def _refuse(*_args) -> None:
    raise _Refused


class _Reader:
    """expat handlers: a tree for the document, plain data for the selections.

    Inside a selection no element is built and other handlers listen (swapped in and
    out at its start and end: a hundred thousand selections, each with a few elements):
    ``sel_level`` is 1 on the selection itself, 2 on its children and so on.
    """

    def __init__(self, parser) -> None:
        self.parser = parser
        self.builder = TreeBuilder()
        self.path: list[str] = []  # local names of the open elements of the tree
        self.names: dict[str, tuple[str, str]] = {}  # expat name → (ElementTree tag, local)
        self.selections: dict[Element, list[Selection]] = {}
        self.unmodelled: Counter = Counter()
        self.source_selections: list[Selection] = []
        self.sel_level = 0
        self.selection: Selection | None = None
        self.coding: Coding | None = None
        self.description: list[str] | None = None  # text of a selection's Description

    def in_tree(self) -> None:
        parser = self.parser
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.builder.data

    def _name(self, name: str) -> tuple[str, str]:
        found = self.names.get(name)
        if found is None:
            if "}" in name:
                found = ("{" + name, name.rsplit("}", 1)[-1])
            else:
                found = (name, name)
            self.names[name] = found
        return found

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag, local = self._name(name)
        path = self.path
        if (
            local == "PlainTextSelection"
            and len(path) == 3
            and path[2] == "TextSource"
            and path[1] == "Sources"
        ):
            self._selection(attrs)
            return
        if any("}" in key for key in attrs):
            attrs = {self._name(k)[0]: v for k, v in attrs.items()}
        element = self.builder.start(tag, attrs)
        path.append(local)
        if len(path) == 3 and local == "TextSource" and path[1] == "Sources":
            self.source_selections = self.selections[element] = []

    def end(self, name: str) -> None:
        self.builder.end(self._name(name)[0])
        self.path.pop()

    # ---- one selection, by the rules of read._selection ---------------------------------

    def _selection(self, attrs: dict[str, str]) -> None:
        get = attrs.get
        self.selection = Selection(
            rc.clean_guid(get("guid")),
            _int(get("startPosition")),
            _int(get("endPosition")),
            get("name") or "",
            "",
            _repeated_guid(get("creatingUser") or get("modifyingUser")),
            _date_time(get("creationDateTime")),
        )
        self.source_selections.append(self.selection)
        self.sel_level = 1
        parser = self.parser
        parser.StartElementHandler = self._inside_selection
        parser.EndElementHandler = self._end_inside_selection
        parser.CharacterDataHandler = None

    def _inside_selection(self, name: str, attrs: dict[str, str]) -> None:
        level = self.sel_level
        self.sel_level = level + 1
        if self.description is not None:  # an element's text ends at its first child
            self._description_done()
        found = self.names.get(name)
        local = found[1] if found is not None else self._name(name)[1]
        if level == 1:  # a child of the selection
            selection = self.selection
            if local == "Coding":
                get = attrs.get
                self.coding = Coding(
                    rc.clean_guid(get("guid")),
                    None,
                    _repeated_guid(get("creatingUser")),
                    _date_time(get("creationDateTime")),
                )
                selection.codings.append(self.coding)  # type: ignore[union-attr]
            else:
                self.coding = None
                if local == "Description":
                    self.description = []
                    self.parser.CharacterDataHandler = self.description.append
                elif local == "NoteRef":
                    _ref(attrs, selection.notes)  # type: ignore[union-attr]
                elif local:
                    self.unmodelled[f"PlainTextSelection/{local}"] += 1
        elif level == 2 and self.coding is not None:  # a child of a Coding
            if local == "CodeRef":
                self.coding.code = _repeated_guid(attrs.get("targetGUID"))
            elif local == "NoteRef":
                _ref(attrs, self.coding.notes)

    def _end_inside_selection(self, _name: str) -> None:
        level = self.sel_level = self.sel_level - 1
        if self.description is not None:
            self._description_done()
        if level == 0:
            self.selection = self.coding = None
            self.in_tree()

    def _description_done(self) -> None:
        self.parser.CharacterDataHandler = None
        text = "".join(self.description)  # type: ignore[arg-type]
        self.selection.description = text.strip()  # type: ignore[union-attr]
        self.description = None


_DATES: dict[str | None, str | None] = {}


def _date_time(value: str | None) -> str | None:
    """``rc.xsd_date_time``, cached: a tool stamps many codings in the same second."""
    found = _DATES.get(value, _DATES)
    if found is _DATES:
        if len(_DATES) > 50_000:
            _DATES.clear()
        found = _DATES[value] = rc.xsd_date_time(value)
    return found  # type: ignore[return-value]


def _ref(attrs: dict[str, str], into: list[str]) -> None:
    guid = rc.clean_guid(attrs.get("targetGUID"))
    if guid:
        into.append(guid)
