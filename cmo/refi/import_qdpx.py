"""Import a REFI-QDA project (QDPX) from ATLAS.ti, MAXQDA, NVivo, QualCoder, Transana or cmo.

The archive is checked and parsed first (:mod:`cmo.refi.archive`), the document read
into plain data (:mod:`cmo.refi.read`), then everything is planned against the project
without writing (:mod:`cmo.refi.plan`): codes mapped onto the codebook, sources
normalised with their selections carried along, casussen chosen. Only when the whole
plan holds is it applied, in one transaction (:mod:`cmo.refi.apply`): a failure leaves
the project as it was.

With ``merge`` a colleague's project joins ours: a source that is already here (same
GUID, or the very same text) is not added again, only their codings on it are; a
source with our GUID or name but another text is a conflict and nothing is imported.
A dry run writes the plan in a transaction that is rolled back, so the figures it
reports are exactly those of the real import.
"""

from __future__ import annotations

import gc
from pathlib import Path

from ..core.errors import Conflict, InputError
from ..store import Store
from . import conventions as rc
from .apply import write_plan
from .archive import QdpxArchive, parse_xml
from .codes_plan import NEW
from .codes_read import CodesTooDeep
from .plan import CASUS_FROM, Ask, QdpxImportReport, plan_import
from .read import read_project
from .read_stream import parse_streamed


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
    # A big project is a few hundred thousand small objects, none in a cycle: the
    # collector would walk them all again and again (a quarter of the reading time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _import_qdpx(
            store,
            Path(path),
            casus_from,
            ask,
            default_family,
            merge=merge,
            dry_run=dry_run,
            mapping_file=mapping_file,
            ids_from_names=ids_from_names,
        )
    finally:
        if collecting:
            gc.enable()


def _import_qdpx(
    store: Store,
    path: Path,
    casus_from: str,
    ask: Ask | None,
    default_family: str,
    *,
    merge: bool,
    dry_run: bool,
    mapping_file: Path | None,
    ids_from_names: bool,
) -> QdpxImportReport:
    if casus_from not in CASUS_FROM:
        raise InputError(casus_from, f"--casus-from must be one of {', '.join(CASUS_FROM)}")
    if casus_from == "ask" and ask is None:
        raise InputError(path, "casus_from='ask' needs someone to ask")
    report = QdpxImportReport(path, dry_run=dry_run, merge=merge)
    overrides = load_mapping(mapping_file) if mapping_file else {}
    with QdpxArchive(path) as archive:
        qde_name, xml = archive.project_xml()
        streamed = parse_streamed(xml)
        if streamed is None:  # refused: parse_xml says why, in the words it always has
            root, selections = parse_xml(xml, f"{path}!{qde_name}"), None
        else:
            root, selections = streamed.root, streamed.selections
        del xml
        if rc.local(root.tag) != "Project":
            raise InputError(
                path, f"{qde_name} is not a REFI-QDA project (root element <{rc.local(root.tag)}>)"
            )
        ns = rc.namespace(root.tag)
        if ns and not ns.startswith(rc.NS_PREFIX):
            report.warnings.append(f"unexpected XML namespace '{ns}'; read as REFI-QDA anyway")
        try:
            doc = read_project(root, selections)
            if streamed is not None:
                doc.unmodelled.update(streamed.unmodelled)
        except CodesTooDeep as exc:
            raise InputError(path, f"refused: {exc}") from None
        report.origin = doc.origin
        report.users = sorted(set(doc.users.values()))
        planned = plan_import(
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
