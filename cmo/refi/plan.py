"""Planning a QDPX import against the project, without writing: what the import will do.

Codes are mapped onto the codebook (:mod:`cmo.refi.codes_plan`), sources normalised
with their selections carried along (:mod:`cmo.refi.offsets`), casussen chosen, and
conflicts with the project's transcripts found. The plan is then applied in one
transaction by :mod:`cmo.refi.apply`; the report says what happened.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.domain import ParsedTranscript
from ..core.errors import Conflict, InputError
from ..core.text import normalise
from ..ingest.decode import decode_text
from ..ingest.safety import check_parsed
from ..ingest.service import guess_kind
from ..ingest.turns import segment
from ..store import Store
from . import conventions as rc
from .archive import QdpxArchive
from .codes_plan import CodeMapping, CodePlan, plan_codes
from .offsets import OffsetMap, choose_crlf_counting
from .read import Case, ProjectDoc, Source

CASUS_FROM = ("case", "source", "ask")
"""Where a transcript's casus comes from (``--casus-from``)."""
Ask = Callable[[str, list[str]], str]


@dataclass
class QdpxImportReport:
    path: Path
    origin: str = ""
    transcripts: list[str] = field(default_factory=list)
    casussen_new: list[str] = field(default_factory=list)
    casussen_existing: list[str] = field(default_factory=list)
    codes_added: list[str] = field(default_factory=list)
    codes_mapped: int = 0
    codings: int = 0
    memos: int = 0
    participants: int = 0
    cmocs: int = 0
    warnings: list[str] = field(default_factory=list)
    unmodelled: dict[str, int] = field(default_factory=dict)
    mappings: list[CodeMapping] = field(default_factory=list)
    """Every code of the file that became an existing code, with the rule that said so."""
    added: list[tuple[str, str]] = field(default_factory=list)
    """(name in the file, new cmo id) of every code added."""
    clusters_added: list[tuple[str, str]] = field(default_factory=list)
    sources: list[tuple[str, str, str]] = field(default_factory=list)
    """(name in the file, what happens: 'new', 'same GUID', 'same text', cmo name)."""
    conflicts: list[str] = field(default_factory=list)
    users: list[str] = field(default_factory=list)
    codings_by_coder: dict[str, int] = field(default_factory=dict)
    codings_present: int = 0
    """Codings of the file that the project already has (merge): not added again."""
    dry_run: bool = False
    merge: bool = False


@dataclass
class PlannedTranscript:
    source: Source
    name: str
    casus: str
    kind: str
    parsed: ParsedTranscript | None
    mapping: OffsetMap
    source_name: str
    sha256: str
    existing_id: int | None = None
    """Merge: the project's own transcript with this very text (only codings are added)."""


@dataclass
class Planned:
    doc: ProjectDoc
    codes: CodePlan
    unmodelled: Counter
    transcripts: list[PlannedTranscript] = field(default_factory=list)
    casus_attributes: dict[str, Case] = field(default_factory=dict)
    participant_cases: list[Case] = field(default_factory=list)
    merge: bool = False


def plan_import(
    store: Store,
    doc: ProjectDoc,
    archive: QdpxArchive,
    path: Path,
    casus_from: str,
    ask: Ask | None,
    default_family: str,
    report: QdpxImportReport,
    *,
    overrides: dict[str, str],
    mapping_file: Path | None,
    ids_from_names: bool,
) -> Planned:
    codes = plan_codes(
        doc.codes,
        store.codebook.codes(),
        store.codebook.clusters(),
        strict=doc.by_cmo,
        emergent=doc.emergent if doc.by_cmo else None,
        default_family=default_family,
        named_alone=doc.named_alone,
        overrides=overrides,
        ids_from_names=ids_from_names,
        overrides_source=mapping_file or "mapping file",
        case_guids={c.guid for c in doc.cases},
    )
    if codes.unused_overrides:
        shown = ", ".join(f"'{k}'" for k in codes.unused_overrides[:5])
        raise InputError(
            mapping_file or "mapping file", f"names code(s) that are not in {path.name}: {shown}"
        )
    report.codes_added = [c.id for c in codes.new_codes]
    report.added = [(_their_name(c), c.id) for c in codes.new_codes]
    report.clusters_added = [(_their_name(c), c.id) for c in codes.new_clusters]
    report.codes_mapped = len(codes.mapped)
    report.mappings = list(codes.mappings)
    report.warnings.extend(codes.warnings)
    merge = report.merge
    planned = Planned(doc=doc, codes=codes, unmodelled=Counter(doc.unmodelled), merge=merge)
    casus_cases, participant_cases = _split_cases(doc)
    planned.participant_cases = participant_cases
    existing_casus = {c.name for c in store.casussen.all()}
    # Names only: the summaries count codings per turn, far too dear for a big project.
    existing_names = set(store.transcripts.index())
    ours_by_guid, ours_by_text = {}, {}
    if merge:
        for transcript in store.transcripts.all():
            ours_by_guid[transcript.guid] = transcript
            ours_by_text.setdefault(transcript.text, transcript)
    owners: dict[str, list[str]] = {}
    for case in casus_cases:
        for guid in case.sources:
            owners.setdefault(guid, []).append(" ".join((case.name or "").split()))
    fallback = " ".join((doc.name or path.stem).split()) or "Geïmporteerd"
    clashes, names_seen = [], set()
    for source in doc.sources:
        raw, sha = _source_text(archive, source, doc, path, report)
        if raw is None:
            continue
        samples = [(s.start, s.name) for s in source.selections[:60] if s.name.strip()]
        crlf_two = (
            choose_crlf_counting(raw, samples)
            if samples
            else ("\r\n" in raw and "nvivo" in doc.origin.casefold())
        )
        mapping = OffsetMap(raw, crlf_is_two=crlf_two)
        name = _unique(" ".join(source.name.split()) or source.guid, names_seen)
        if crlf_two:
            report.warnings.append(
                f"{name}: positions count a Windows line end as two "
                "characters (as NVivo writes them); converted"
            )
        if not mapping.text:
            report.warnings.append(f"{name}: the source text is empty; not imported")
            continue
        if merge:
            ours = ours_by_guid.get(source.guid)
            if ours is not None and ours.text != mapping.text:
                report.conflicts.append(
                    f"'{name}' is our '{ours.name}' (same GUID) with another text"
                )
                continue
            how = "same GUID" if ours is not None else "same text"
            ours = ours or ours_by_text.get(mapping.text)
            if ours is None and name in existing_names:
                report.conflicts.append(f"'{name}': our transcript of that name has another text")
                continue
            if ours is not None:
                planned.transcripts.append(
                    PlannedTranscript(
                        source=source,
                        name=ours.name,
                        casus="",
                        kind=ours.kind,
                        parsed=None,
                        mapping=mapping,
                        source_name=ours.source_name,
                        sha256=ours.sha256,
                        existing_id=ours.id,
                    )
                )
                report.sources.append((source.name, how, ours.name))
                continue
        if name in existing_names:
            clashes.append(name)
            continue
        casus = _casus(source, name, owners, casus_from, ask, fallback, report)
        kept = {
            rc.VAR_CASUS,
            rc.VAR_TRANSCRIPT_KIND,
            rc.VAR_SOURCE_NAME,
            rc.VAR_SHA,
            "casus",
            "case",
            "cases:casus",
        }
        extra = sum(1 for k in source.variables if k.casefold() not in kept)
        if extra:
            planned.unmodelled["VariableValue of a document"] += extra
        parsed = segment(mapping.text)
        # The same checks as a file import: no control characters or formula-like speakers.
        check_parsed(Path(f"{path}:{name}"), parsed)
        kind = source.variables.get(rc.VAR_TRANSCRIPT_KIND) or guess_kind(parsed, Path(name))
        planned.transcripts.append(
            PlannedTranscript(
                source=source,
                name=name,
                casus=casus,
                kind=kind,
                parsed=parsed,
                mapping=mapping,
                source_name=source.variables.get(rc.VAR_SOURCE_NAME) or name,
                sha256=source.variables.get(rc.VAR_SHA) or sha,
            )
        )
        report.transcripts.append(name)
        report.sources.append((source.name, "new", name))
    _note_texts(archive, doc, path, report)
    if clashes:
        shown = ", ".join(f"'{n}'" for n in clashes[:5]) + (" …" if len(clashes) > 5 else "")
        raise Conflict(
            f"{path}: {len(clashes)} transcript(s) of this file are already in the "
            f"project: {shown}; nothing was imported (rename or remove them first: "
            "'cmo transcripts rename OLD NEW' or 'cmo transcripts rm NAME')"
        )
    used = {t.casus for t in planned.transcripts if t.existing_id is None}
    planned.casus_attributes = {
        " ".join((c.name or "").split()): c
        for c in casus_cases
        if " ".join((c.name or "").split()) in used or doc.by_cmo
    }
    planned.casus_attributes.pop("", None)
    # A merge names only the casussen its new transcripts go to.
    listed = used if merge else used | set(planned.casus_attributes)
    for name in sorted(listed):
        (report.casussen_existing if name in existing_casus else report.casussen_new).append(name)
    return planned


def _their_name(item) -> str:
    """The name a new code or cluster had in the file (cmo-written labels put the id first)."""
    return item.name if item.named_alone else rc.code_label(item.id, item.name)


def _split_cases(doc: ProjectDoc):
    """(casus cases, participant cases); nameless cases pass their variables to sources."""
    sources = {s.guid: s for s in doc.sources}
    casus_cases, participants = [], []
    for case in doc.cases:
        kind = case.variables.get(rc.VAR_KIND)
        if kind == rc.CASE_PARTICIPANT:
            participants.append(case)
        elif case.name is None or not case.name.strip():
            for guid in case.sources:  # MAXQDA and Quirkos: variables of one document
                if guid in sources:
                    for key, value in case.variables.items():
                        sources[guid].variables.setdefault(key, value)
        elif kind == rc.CASE_CASUS or not doc.by_cmo:
            casus_cases.append(case)
    return casus_cases, participants


def _casus(
    source: Source,
    name: str,
    owners: dict[str, list[str]],
    casus_from: str,
    ask: Ask | None,
    fallback: str,
    report: QdpxImportReport,
) -> str:
    variable = next(
        (
            v
            for k, v in source.variables.items()
            if k.casefold() in (rc.VAR_CASUS, "casus", "case", "cases:casus") and v.strip()
        ),
        None,
    )
    cases = [c for c in owners.get(source.guid, []) if c]
    if casus_from == "ask":
        suggestions = list(dict.fromkeys([*cases, *([variable] if variable else []), name]))
        answer = " ".join((ask(name, suggestions) if ask else "").split())
        if not answer:
            raise InputError(name, "no casus given for this transcript; nothing was imported")
        return answer
    if casus_from == "source":
        return " ".join((variable or name).split())
    if len(cases) > 1:
        report.warnings.append(
            f"{name}: in {len(cases)} cases ({', '.join(cases)}); put in casus '{cases[0]}'"
        )
    if cases:
        return cases[0]
    if variable:
        return " ".join(variable.split())
    report.warnings.append(f"{name}: no case refers to this source; put in casus '{fallback}'")
    return fallback


def _source_text(
    archive: QdpxArchive, source: Source, doc: ProjectDoc, path: Path, report: QdpxImportReport
) -> tuple[str | None, str]:
    label = source.name or source.guid
    if source.content is not None:
        data = source.content.encode("utf-8")
        return source.content, hashlib.sha256(data).hexdigest()
    where = source.plain_path or ""
    if not where:
        report.warnings.append(
            f"{label}: no plain text (plainTextPath or PlainTextContent); not imported"
        )
        return None, ""
    data, shown = _locate(archive, where, doc, path)
    if data is None:
        report.warnings.append(
            f"{label}: source file '{where}' is not in the archive; not imported "
            "(files outside an archive are never read)"
        )
        return None, ""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        report.warnings.append(f"{label}: the source file is empty; not imported")
        return None, ""
    return _decode(data, shown), hashlib.sha256(data).hexdigest()


def _decode(data: bytes, shown: str) -> str:
    """UTF-8 as the standard asks (fast, for big projects); anything else via ``decode_text``."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if b"\x00" not in body[:4096]:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return decode_text(data, shown)


def _note_texts(
    archive: QdpxArchive, doc: ProjectDoc, path: Path, report: QdpxImportReport
) -> None:
    """Read notes kept as files (NVivo writes annotations as ``internal://<guid>.txt``)."""
    for note in doc.notes.values():
        if note.text is not None or not note.path:
            continue
        data, shown = _locate(archive, note.path, doc, path)
        if data is None:
            report.warnings.append(f"note '{note.name}': file '{note.path}' is missing; kept empty")
            note.text = ""
        elif data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
            note.text = normalise(_decode(data, shown))
        else:
            note.text = ""


def _locate(
    archive: QdpxArchive, where: str, doc: ProjectDoc, path: Path
) -> tuple[bytes | None, str]:
    """The bytes of a source path (``internal://``, ``relative://``, ``absolute://`` or plain)."""
    _scheme, sep, rest = where.partition("://")
    relative = rest if sep else where
    member = archive.find(relative.lstrip("/"))
    if member is not None:
        return archive.read(member), f"{path}!{member}"
    # Only members of the archive are read: a basePath or a relative:// path naming a
    # folder on this computer (basePath="/etc", relative://passwd) is never followed.
    return None, where


def _unique(name: str, seen: set[str]) -> str:
    """MAXQDA allows two documents with one name; cmo does not: number the second."""
    candidate, n = name, 2
    while candidate in seen:
        candidate = f"{name} ({n})"
        n += 1
    seen.add(candidate)
    return candidate
