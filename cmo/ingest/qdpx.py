"""Import a REFI-QDA project (QDPX) from ATLAS.ti, MAXQDA, NVivo, QualCoder, Transana or cmo.

The archive is checked and parsed first (``qdpx_archive``), the document read
into plain data (``qdpx_read``), then everything is planned against the project
without writing: codes mapped onto the codebook, sources normalised with their
selections carried along, casussen chosen. Only when the whole plan holds is it
written, in one transaction (``qdpx_write``): a failure leaves the project as it was.

With ``merge`` a colleague's project joins ours: a source that is already here (same
GUID, or the very same text) is not added again, only their codings on it are; a
source with our GUID or name but another text is a conflict and nothing is imported.
A dry run writes the plan in a transaction that is rolled back, so the figures it
reports are exactly those of the real import.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ..core.errors import Conflict, InputError
from ..core.text import normalise
from ..store import Store
from ..store.tables import TranscriptRow
from . import refi_common as rc
from .decode import decode_text
from .qdc import NEW, CodeMapping, plan_codes
from .qdpx_archive import QdpxArchive, parse_xml
from .qdpx_offsets import OffsetMap, choose_crlf_counting
from .qdpx_read import ProjectDoc, Source, read_project
from .qdpx_write import Planned, PlannedTranscript, write_plan
from .safety import check_parsed
from .service import guess_kind
from .turns import segment

CASUS_FROM = ("case", "source", "ask")
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


def import_qdpx(
    store: Store,
    path: Path,
    casus_from: str = "case",
    ask: Ask | None = None,
    default_family: str = "M",
    *,
    merge: bool = False,
    dry_run: bool = False,
    mapping_file: Path | None = None,
    ids_from_names: bool = False,
) -> QdpxImportReport:
    """Import a QDPX project into ``store``: all of it, or (on any error) nothing.

    Args:
        store: The project to import into (may already hold transcripts and codes).
        path: The ``.qdpx`` file.
        casus_from: Where a transcript's casus comes from: 'case' (the REFI-QDA Case
            that refers to the source), 'source' (a 'casus' variable of the source, else
            its name) or 'ask' (``ask(source_name, suggestions)`` answers).
        ask: Needed for ``casus_from='ask'``.
        default_family: Family of new codes that sit under no C/M/O node.
        merge: Join a colleague's project: sources already here get only their codings.
        dry_run: Plan and count everything, change nothing (``report.dry_run``).
        mapping_file: YAML: a code's GUID or exact name in the file → an existing code
            id, or ``new``; beats the matching rules.
        ids_from_names: The first word of each code name is its id (``C1 Beleid``).

    Raises:
        InputError: the file is unsafe, damaged or not a REFI-QDA project, or the
            mapping file is wrong.
        Conflict: transcripts of the file are already in the project (without merge),
            or (with merge) a source has our GUID or name but another text.
    """
    path = Path(path)
    if casus_from not in CASUS_FROM:
        raise InputError(casus_from, f"--casus-from must be one of {', '.join(CASUS_FROM)}")
    if casus_from == "ask" and ask is None:
        raise InputError(path, "casus_from='ask' needs someone to ask")
    report = QdpxImportReport(path, dry_run=dry_run, merge=merge)
    overrides = load_mapping(mapping_file) if mapping_file else {}
    with QdpxArchive(path) as archive:
        qde_name, xml = archive.project_xml()
        root = parse_xml(xml, f"{path}!{qde_name}")
        if rc.local(root.tag) != "Project":
            raise InputError(
                path, f"{qde_name} is not a REFI-QDA project (root element <{rc.local(root.tag)}>)"
            )
        ns = rc.namespace(root.tag)
        if ns and not ns.startswith(rc.NS_PREFIX):
            report.warnings.append(f"unexpected XML namespace '{ns}'; read as REFI-QDA anyway")
        doc = read_project(root)
        report.origin = doc.origin
        report.users = sorted(set(doc.users.values()))
        planned = _plan(
            store,
            doc,
            archive,
            path,
            casus_from,
            ask,
            default_family,
            report,
            overrides=overrides,
            mapping_file=mapping_file,
            ids_from_names=ids_from_names,
        )
    if report.conflicts and not dry_run:
        shown = "; ".join(report.conflicts[:5]) + (" …" if len(report.conflicts) > 5 else "")
        raise Conflict(
            f"{path}: {len(report.conflicts)} source(s) conflict with the project: {shown}; "
            "nothing was imported"
        )
    counts = write_plan(store, planned, dry_run=dry_run)
    report.codings, report.memos = counts["codings"], counts["memos"]
    report.participants, report.cmocs = counts["participants"], counts["cmocs"]
    report.codings_by_coder = counts["by_coder"]
    report.codings_present = counts["present"]
    report.warnings.extend(counts["warnings"])
    report.unmodelled = dict(sorted(planned.unmodelled.items()))
    if planned.unmodelled:
        listed = ", ".join(f"{n} × {k}" for k, n in sorted(planned.unmodelled.items()))
        report.warnings.append(f"left out (cmo does not model these): {listed}")
    return report


def _plan(
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
        store.codes(),
        store.clusters(),
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
    existing_casus = {c.name for c in store.casussen()}
    # Names only: the summaries count codings per turn, far too dear for a big project.
    with store.read() as conn:
        existing_names = set(conn.execute(select(TranscriptRow.__table__.c.name)).scalars())
    ours_by_guid, ours_by_text = {}, {}
    if merge:
        for transcript in store.transcripts():
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


def load_mapping(path: Path) -> dict[str, str]:
    """A mapping file: ``their code (GUID or exact name): our code id`` (or ``new``).

    Raises:
        InputError: not readable, not YAML, or not a mapping of names to ids.
    """
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot read the mapping file: {exc.strerror or exc}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(path, f"not a YAML mapping file: {exc}".splitlines()[0]) from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in data.items()
    ):
        raise InputError(
            path,
            "a mapping file has one line per code: 'their code name or GUID: our code id' "
            f"(or '{NEW}')",
        )
    return {(rc.clean_guid(k) or k): v.strip() for k, v in data.items()}


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
