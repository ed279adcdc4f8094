"""Export a project as REFI-QDA: a QDPX project (zip) or a QDC codebook (XML).

Every element carries the GUID stored with its object (or one derived from it with
uuid5), and everything is written in a fixed order, so exporting an unchanged
project twice gives the same files apart from the export date. Offsets are our
own: Unicode code points into the stored text, end exclusive, as REFI-QDA counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..core.guids import derived_guids
from . import conventions as rc
from . import qdpx_archive
from . import xml_write as x
from .codes_write import codebook_xml, emergent_set_xml, named_alone_set_xml
from .export_cases import cases_xml, variables_used, variables_xml
from .export_data import ExportData, load
from .qdpx_archive import atomic

if TYPE_CHECKING:  # either store: an export reads through ``store.fetch`` alone
    from ..store import Store
    from ..store.fastpath import QuickStore

ORIGIN = f"{rc.ORIGIN_PREFIX}{__version__}"
NL = "\n"


@dataclass
class ExportReport:
    path: Path
    transcripts: int
    codes: int
    codings: int
    memos: int
    cmocs: int


def export_qdpx(store: Store | QuickStore, path: Path, name: str = "cmo-project") -> ExportReport:
    """Write the whole project to ``path`` as a QDPX archive; returns what it holds."""
    stamp = _now()
    date = datetime.now(UTC).timetuple()[:6]
    with atomic(Path(path)) as tmp:
        counts = None
        if qdpx_archive.worth_a_helper(store):

            def document(own) -> Iterator[bytes]:  # in the helper, on its own connection
                return project_chunks(load(own), name, stamp)

            counts = qdpx_archive.written_beside(store, tmp, document, date)
        if counts is None:  # alone, or the helper's read and ours were not of one state
            data = load(store)
            sources = [(t["guid"], t["text"]) for t in data.transcripts]
            sources += [(memo.guid, memo.text) for memo in data.memos]
            qdpx_archive.write(tmp, project_chunks(data, name, stamp), sources, date)
            counts = (
                len(data.transcripts),
                len(data.codes),
                sum(map(len, data.codings.values())),
                len(data.memos),
                len(data.cmocs),
            )
    return ExportReport(Path(path), *counts)


def export_qdc(store: Store | QuickStore, path: Path) -> int:
    """Write the codebook (families, clusters, codes, emergent set) as a QDC file."""
    data = load(store, codebook_only=True)
    body = [
        f'<?xml version="1.0" encoding="UTF-8"?>\n<CodeBook xmlns="{rc.CODEBOOK_NS}"'
        f"{x.attrs(origin=ORIGIN)}>\n",
        codebook_xml(data.codes, data.clusters, {}, "  "),
    ]
    sets = emergent_set_xml(data.codes, "    ", "guid") + named_alone_set_xml(
        data.codes, data.clusters, "    ", "guid"
    )
    if sets:
        body.append(f"  <Sets>\n{sets}  </Sets>\n")
    body.append("</CodeBook>\n")
    with atomic(Path(path)) as tmp:
        Path(tmp).write_text("".join(body), encoding="utf-8")
    return len(data.codes)


def project_xml(data: ExportData, name: str, stamp: str) -> str:
    """The ``project.qde`` document as one string."""
    return b"".join(project_chunks(data, name, stamp)).decode("utf-8")


def project_chunks(data: ExportData, name: str, stamp: str) -> Iterator[bytes]:
    """The ``project.qde`` document in UTF-8 pieces, one source's selections at a time."""
    users = sorted({*data.coders, *(m.author for m in data.memos)} - {""})
    out = [
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="{rc.PROJECT_NS}"'
        f"{x.attrs(name=name, origin=ORIGIN, creationDateTime=stamp)}>\n"
    ]
    if users:
        out.append("  <Users>\n")
        out.extend(f"    <User{x.attrs(guid=rc.guid_for('user', u), name=u)}/>\n" for u in users)
        out.append("  </Users>\n")
    code_notes = _notes_by_target(data, "code")
    out.append("  <CodeBook>\n")
    with_text = {t["casus_id"] for t in data.transcripts}
    cases = [(c.guid, c.name) for c in data.casussen if c.id in with_text]
    out.append(codebook_xml(data.codes, data.clusters, code_notes, "    ", cases))
    out.append("  </CodeBook>\n")
    used = variables_used(data)
    if used:
        out.append(variables_xml(used))
    if data.casussen:
        out.append(cases_xml(data))
    if data.transcripts:
        out.append("  <Sources>\n")
        yield "".join(out).encode("utf-8")
        out = []
        for t in data.transcripts:
            yield from _source(t, data, stamp)
        out.append("  </Sources>\n")
    if data.memos:
        out.append("  <Notes>\n")
        for memo in data.memos:
            _note(memo, data, out, stamp)
        out.append("  </Notes>\n")
    links = _links(data)
    if links:
        out.append(f"  <Links>\n{links}  </Links>\n")
    sets = (
        "".join(_cmoc_set(c, data) for c in data.cmocs)
        + emergent_set_xml(data.codes, "    ")
        + named_alone_set_xml(data.codes, data.clusters, "    ", "targetGUID")
        + _theory_set(data)
    )
    if sets:
        out.append(f"  <Sets>\n{sets}  </Sets>\n")
    out.extend(
        f'  <NoteRef targetGUID="{m.guid}"/>\n' for m in data.memos if m.target_kind == "project"
    )
    out.append("</Project>\n")
    yield "".join(out).encode("utf-8")


SELECTIONS_PER_PIECE = 2048
"""A source's selections are handed on in pieces of this many (about a megabyte), so that
one transcript of a million words is deflated while it is still being written."""


def _source(t: dict, data: ExportData, stamp_now: str) -> Iterator[bytes]:
    """One TextSource with a selection per coding, in UTF-8 pieces.

    Each selection is encoded on its own: one name with a character beyond Latin-1 (a
    curly quote) would otherwise make the whole source's text two bytes per character,
    and joining and encoding that costs more than the encoding of each piece.

    Every selection carries a creationDateTime (the export's when the stored one is
    missing or not a date): QualCoder reads it from the selection and stops without one.
    """
    guid, text = t["guid"], t["text"]
    out: list[bytes] = []
    out.append(
        f"    <TextSource{x.attrs(guid=guid, name=t['name'])}"
        f' plainTextPath="internal://{guid}.txt"'
        f"{x.attrs(creationDateTime=x.date_time(t['imported_at']))}>\n".encode()
    )
    coding_notes = _notes_by_target(data, "coding")
    code_guids = data.code_guids
    users: dict[str, str] = {}
    append = out.append
    date_time, derived = x.date_time, rc.derived_guid
    is_date_time = rc.XSD_DATE_TIME.match
    # The hot loop of a big export: one selection per coding, written with plain f-strings;
    # the common values (cmo's own time stamps, a quote that needs neither its white
    # space folded nor escaping) are tested inline rather than through the general
    # functions.
    rows = data.codings.get(t["id"], ())
    selection_guids = derived_guids([r[8] for r in rows], "selection")
    for first in range(0, len(rows), SELECTIONS_PER_PIECE):
        if first:
            yield b"".join(out)
            out.clear()
        last = first + SELECTIONS_PER_PIECE
        piece = zip(rows[first:last], selection_guids[first:last], strict=True)
        for (cid, _tid, start, end, code_id, coder, memo, created_at, cguid), selection in piece:
            user = users.get(coder)
            if user is None:
                user = users[coder] = x.attrs(creatingUser=data.user_guid(coder))
            if created_at and is_date_time(created_at):
                stamp = f' creationDateTime="{created_at}"'
            else:
                stamp = f' creationDateTime="{date_time(created_at) or stamp_now}"'
            quote = selection_name(text, start, end)
            notes = (
                "".join(f'<NoteRef targetGUID="{n}"/>' for n in coding_notes.get(str(cid), ()))
                if coding_notes
                else ""
            )
            append(
                f'      <PlainTextSelection guid="{selection}"'
                f' name="{quote}" startPosition="{start}" endPosition="{end}"{user}{stamp}>\n'
                f"{f'        <Description>{x.text(memo)}</Description>{NL}' if memo else ''}"
                f'        <Coding guid="{cguid}"{user}{stamp}><CodeRef targetGUID='
                f'"{code_guids[code_id]}"/>{notes}</Coding>\n      </PlainTextSelection>\n'.encode()
            )
    casus_guid = data.casus_guids.get(str(t["casus_id"]))
    if casus_guid and text:  # the whole transcript coded with its casus (see codebook_xml)
        append(
            f'      <PlainTextSelection guid="{derived(guid, "casus-selection")}"'
            f' name="{_quote(text, 0, len(text))}" startPosition="0"'
            f' endPosition="{len(text)}" creationDateTime="{stamp_now}">'
            f'<Coding guid="{derived(guid, "casus-coding")}">'
            f'<CodeRef targetGUID="{casus_guid}"/></Coding></PlainTextSelection>\n'.encode()
        )
    out.extend(
        f'      <NoteRef targetGUID="{n}"/>\n'.encode()
        for n in _notes_by_target(data, "transcript").get(str(t["id"]), ())
    )
    casus = data.casus_names.get(t["casus_id"], "")
    for variable, value in (
        (rc.VAR_CASUS, casus),
        (rc.VAR_TRANSCRIPT_KIND, t["kind"]),
        (rc.VAR_SOURCE_NAME, t["source_name"]),
        (rc.VAR_SHA, t["sha256"]),
    ):
        if value:
            out.append(
                f'      <VariableValue><VariableRef targetGUID="'
                f'{rc.guid_for("variable", variable)}"/><TextValue>{x.text(value)}'
                f"</TextValue></VariableValue>\n".encode()
            )
    out.append(b"    </TextSource>\n")
    yield b"".join(out)


QUOTE_LENGTH = 60
"""A selection's name: its first 60 characters, white space folded to single spaces."""


def selection_name(text: str, start: int, end: int) -> str:
    """A selection's name, escaped for an attribute: the first ``QUOTE_LENGTH`` characters
    of the span with its white space folded to single spaces (``_quote``).

    Once per coding, so the usual span is taken as it is when that gives the same:
    printable (no control character, nor white space but the space: ``isprintable``
    rules them out), no space doubled, one leading space or one at the end of the span
    folded away, one at the cut only between two words, and nothing to escape.
    """
    lo = start + 1 if text[start : start + 1] == " " else start
    name = text[lo : min(end, lo + QUOTE_LENGTH)]
    space_at_cut = False
    if name[-1:] == " ":
        if end - lo <= QUOTE_LENGTH:  # the span ends in a space: folded away
            name = name[:-1]
        elif text[lo + QUOTE_LENGTH].isspace():
            return _quote(text, start, end)  # spaces at the cut: the folding decides
        else:
            space_at_cut = True  # between the last word and the next
    if (
        name.isprintable()
        and "  " not in name
        and name[:1] != " "
        and (space_at_cut or name[-1:] != " ")
        and '"' not in name
        and "&" not in name
        and "<" not in name
        and ">" not in name
    ):
        return name
    return _quote(text, start, end)


def _quote(text: str, start: int, end: int) -> str:
    """A selection's name, escaped for an attribute: the general case."""
    quote = " ".join(text[start : min(end, start + 2 * QUOTE_LENGTH)].split())[:QUOTE_LENGTH]
    return x.attr(quote) if x.ATTR_SPECIAL.search(quote) else quote


def _note(memo, data: ExportData, out: list[str], stamp_now: str) -> None:
    label = data.target_label(memo.target_kind, memo.target_id)
    out.append(
        # The text both inline (ATLAS.ti, MAXQDA, cmo) and as a file (QualCoder).
        f"    <Note{x.attrs(guid=memo.guid, name=f'Memo bij {label}')}"
        f' plainTextPath="internal://{memo.guid}.txt"'
        f"{x.attrs(creatingUser=data.user_guid(memo.author))}"
        f"{x.attrs(creationDateTime=x.date_time(memo.created_at) or stamp_now)}"
        f"{x.attrs(modifiedDateTime=x.date_time(memo.updated_at) or stamp_now)}>\n"
        f"      <PlainTextContent>{x.text(memo.text)}</PlainTextContent>\n    </Note>\n"
    )


def _links(data: ExportData) -> str:
    out = []
    for memo in data.memos:  # casus memos: a Case has no NoteRef, so a Link ties them
        if memo.target_kind == "casus" and memo.target_id in data.casus_guids:
            out.append(
                f"    <Link{x.attrs(guid=rc.derived_guid(memo.guid, 'link'))}"
                f'{x.attrs(name="Memo bij casus")} direction="OneWay"'
                f' originGUID="{memo.guid}"'
                f' targetGUID="{data.casus_guids[memo.target_id]}"/>\n'
            )
    for cmoc in data.cmocs:
        for coding_guid in cmoc["evidence"]:
            out.append(
                f'    <Link guid="{rc.derived_guid(cmoc["guid"] + coding_guid, "evidence")}"'
                f"{x.attrs(name=cmoc['id'] + _evidence_name(cmoc, coding_guid))}"
                ' direction="OneWay"'
                f' originGUID="{cmoc["guid"]}"'
                f' targetGUID="{rc.derived_guid(coding_guid, "selection")}"/>\n'
            )
    return "".join(out)


def _evidence_name(cmoc: dict, coding_guid: str) -> str:
    against = coding_guid in cmoc.get("against", ())
    return rc.EVIDENCE_AGAINST if against else rc.EVIDENCE_FOR


def _theory_set(data: ExportData) -> str:
    """The programme theory's versions and chains as one Set without members."""
    if not data.theory_versions and not data.chains:
        return ""
    text = rc.theory_description(data.theory_versions, data.chains)
    return (
        f"    <Set{x.attrs(guid=rc.guid_for('set', 'theory'), name=rc.THEORY_SET)}>\n"
        + x.description(text, "      ")
        + "    </Set>\n"
    )


def _cmoc_set(cmoc: dict, data: ExportData) -> str:
    values = {key: cmoc.get(key, "") for key, _ in rc.CMOC_FIELDS}
    values["casus"] = data.casus_names.get(cmoc["casus_id"], "") if cmoc["casus_id"] else ""
    label = rc.code_label(cmoc["id"], cmoc["title"])
    out = [
        f"    <Set{x.attrs(guid=cmoc['guid'], name=label)}>\n",
        x.description(rc.cmoc_description(cmoc["id"], cmoc["title"], values), "      "),
    ]
    seen: set[str] = set()
    for code_id in [*cmoc["contexts"], *cmoc["mechanisms"], *cmoc["outcomes"]]:
        guid = data.code_guids.get(code_id)
        if guid and guid not in seen:
            seen.add(guid)
            out.append(f'      <MemberCode targetGUID="{guid}"/>\n')
    out.extend(f'      <MemberSource targetGUID="{g}"/>\n' for g in cmoc["sources"])
    out.extend(
        f'      <MemberNote targetGUID="{n}"/>\n'
        for n in _notes_by_target(data, "cmoc").get(cmoc["id"], ())
    )
    out.append("    </Set>\n")
    return "".join(out)


def _notes_by_target(data: ExportData, kind: str) -> dict[str, list[str]]:
    cached = data.cache.get(kind)
    if cached is None:
        cached = defaultdict(list)
        for memo in data.memos:
            if memo.target_kind == kind:
                cached[memo.target_id].append(memo.guid)
        data.cache[kind] = cached
    return cached


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
