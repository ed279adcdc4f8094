"""What a QDPX file's Links and Sets become: notes placed as memos, Sets as CMO configurations.

Both run after the writer of :mod:`cmo.refi.apply` has written transcripts and codings,
whose id maps (``transcript_ids``, ``selection_codings``, ``casus_ids``) say where a Link
points. ``ImportWriter`` says what these functions use of it, so this module need not
import that one (which calls these).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Protocol

from ..core import cmoc as cmoc_rules
from ..store.stamps import now
from . import conventions as rc

if TYPE_CHECKING:
    from ..store.repos.bulk import BulkRepo
    from .codes_read import CodeNode
    from .plan import Planned
    from .read import ProjectDoc


class ImportWriter(Protocol):
    """What placing notes and adding CMOCs need of the import being written."""

    bulk: BulkRepo
    plan: Planned
    doc: ProjectDoc
    warnings: list[str]
    counts: Counter
    memos: list[dict]
    notes_placed: set[str]
    selection_codings: dict[str, list[int]]
    transcript_ids: dict[str, int]
    casus_ids: dict[str, int]

    def fresh_guid(self, kind: str, wanted: str | None) -> str: ...

    def note_memo(self, note_guid: str, kind: str, target_id: str) -> None: ...

    def memo(
        self,
        kind: str,
        target_id: str,
        text: str,
        user: str | None,
        created: str | None,
        guid: str | None = None,
    ) -> None: ...


def place_notes(w: ImportWriter) -> None:
    """Notes become memos of what they are linked to; a note tied to nothing is a project memo."""
    for note in w.doc.project_notes:
        w.note_memo(note, "project", "")
    if w.doc.description and not w.doc.project_notes:
        w.memo("project", "", w.doc.description, None, None)
    _code_notes(w, w.doc.codes)
    sources = {s.guid: s for s in w.doc.sources}
    set_guids = {s.guid for s in w.doc.sets}
    casus_guids = _casus_guids(w)
    for link in w.doc.links:
        target = link.target or ""
        if link.origin not in w.doc.notes:
            if link.origin not in set_guids:
                w.plan.unmodelled["Link"] += 1
            continue
        if target in casus_guids:
            w.note_memo(link.origin, "casus", casus_guids[target])
        elif target in w.selection_codings:
            for cid in w.selection_codings[target]:
                w.note_memo(link.origin, "coding", str(cid))
        elif target in w.transcript_ids:
            w.note_memo(link.origin, "transcript", str(w.transcript_ids[target]))
        elif target in w.plan.codes.code_ids:
            w.note_memo(link.origin, "code", w.plan.codes.code_ids[target])
        elif target in sources:
            continue  # a source that was not imported (warned about already)
        else:
            w.plan.unmodelled["Link (note to an object cmo does not model)"] += 1
    used = {m["guid"] for m in w.memos} | w.notes_placed
    cmoc_notes = {n for s in w.doc.sets for n in s.notes}
    loose = [n for g, n in w.doc.notes.items() if g not in used and g not in cmoc_notes]
    for note in loose:
        w.note_memo(note.guid, "project", "")
    if loose:
        w.warnings.append(
            f"{len(loose)} note(s) attached to nothing cmo models became project memos"
        )


def _casus_guids(w: ImportWriter) -> dict[str, str]:
    """GUID of each Case that became a casus → the casus id (as a memo target)."""
    return {
        c.guid: str(w.casus_ids[" ".join((c.name or "").split())])
        for c in w.plan.casus_attributes.values()
        if " ".join((c.name or "").split()) in w.casus_ids
    }


def _code_notes(w: ImportWriter, nodes: list[CodeNode]) -> None:
    for node in nodes:
        code_id = w.plan.codes.code_ids.get(node.guid)
        for note in node.notes:
            if code_id:
                w.note_memo(note, "code", code_id)
        _code_notes(w, node.children)


def add_cmocs(w: ImportWriter) -> dict[str, str]:
    """cmo's own Sets become CMO configurations, their Links the evidence (codings).

    Returns each CMOC id of the file → its id in the project (for the theory's versions
    and chains, which name CMOCs by id).
    """
    taken = w.bulk.ids("cmoc")
    ours = dict(w.bulk.pairs("cmoc", "guid", "id")) if w.plan.merge else {}
    original_ids = w.plan.codes.file_ids
    id_map: dict[str, str] = {}
    evidence_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for link in w.doc.links:
        if link.origin and link.target:
            against = link.name.endswith(rc.EVIDENCE_AGAINST)
            direction = "weerspreekt" if against else "ondersteunt"
            evidence_of[link.origin].append((link.target, direction))
    for info in w.doc.sets:
        if info.name in (rc.EMERGENT_SET, rc.NAMED_ALONE_SET):
            continue
        if info.name == rc.THEORY_SET and w.doc.by_cmo:
            continue  # read by add_theory, once the CMOCs are in
        values = rc.parse_cmoc_description(info.description)
        if values is None or not w.doc.by_cmo:
            w.plan.unmodelled["Set"] += 1
            continue
        wanted = info.name.split(" ", 1)[0]
        if info.guid in ours:
            id_map[wanted] = ours[info.guid]
            continue  # merge: this CMOC is ours already
        cmoc_id = wanted if wanted and wanted not in taken else cmoc_rules.next_id(taken)
        if cmoc_id != wanted:
            w.warnings.append(f"CMOC '{wanted}' exists already; imported as '{cmoc_id}'")
        taken.add(cmoc_id)
        id_map[wanted] = cmoc_id
        casus = values.get("casus") or ""
        row = {
            key: values.get(key, "")
            for key in ("resource", "reasoning", "fired", "relation", "memo", "sentence")
        }
        for key in ("contexts", "mechanisms", "outcomes"):
            row[key] = [original_ids.get(c, c) for c in values.get(key) or []]
        stamp = now()
        w.bulk.insert(
            "cmoc",
            {
                "id": cmoc_id,
                "title": info.name.split(" ", 1)[1] if " " in info.name else "",
                "casus_id": w.casus_ids.get(casus),
                "created_at": stamp,
                "updated_at": stamp,
                "guid": w.fresh_guid("cmoc", info.guid),
                **row,
            },
        )
        direction_of = {
            cid: direction
            for target, direction in evidence_of.get(info.guid, [])
            for cid in w.selection_codings.get(target, [])
        }
        w.bulk.insert_evidence(cmoc_id, sorted(direction_of), direction_of)
        for note in info.notes:
            w.note_memo(note, "cmoc", cmoc_id)
        w.counts["cmoc_ids"] += 1
    return id_map


def add_theory(w: ImportWriter, id_map: dict[str, str]) -> None:
    """The programme theory Set cmo wrote: its versions (when the project has none of its
    own: versions are numbered rounds, not to be interleaved) and its chain links."""
    found = [s for s in w.doc.sets if s.name == rc.THEORY_SET] if w.doc.by_cmo else []
    if not found:
        return
    theory = rc.parse_theory_description(found[0].description)
    if theory is None:
        w.warnings.append(f"the Set '{rc.THEORY_SET}' could not be read; theory not imported")
        return
    if not _versions_usable(theory["versions"]):
        w.warnings.append(f"the versions in the Set '{rc.THEORY_SET}' are malformed; skipped")
        theory["versions"] = []
    have = w.bulk.pairs("theory_version", "name", "created_at")
    wanted = [(v.get("name"), v.get("created_at")) for v in theory["versions"]]
    if have and any(v not in have for v in wanted):
        w.warnings.append(
            f"{len(wanted)} programme theory version(s) in the file not imported: the "
            "project has versions of its own"
        )
    elif wanted and not have:  # (a merged copy of the project has its versions already)
        w.bulk.insert_many(
            "theory_version",
            [
                {
                    "id": v.get("number"),
                    "name": v.get("name", ""),
                    "note": v.get("note", ""),
                    "created_at": v.get("created_at") or now(),
                    "entries": {
                        id_map.get(k, k): _entry_here(w, e)
                        for k, e in (v.get("entries") or {}).items()
                    },
                }
                for v in theory["versions"]
            ],
        )
    present = w.bulk.pairs("cmoc_chain", "from_cmoc", "to_cmoc")
    for link in theory["chains"]:
        ends = (link.get("from"), link.get("to"))
        if not all(isinstance(e, str) for e in ends) or not isinstance(link.get("note", ""), str):
            continue  # an edited file: a malformed link is left out, not the import
        a, b = id_map.get(ends[0], ""), id_map.get(ends[1], "")
        if not a or not b or (a, b) in present:
            continue
        present.add((a, b))
        w.bulk.insert(
            "cmoc_chain",
            {
                "from_cmoc": a,
                "to_cmoc": b,
                "note": link.get("note", ""),
                "created_at": str(link.get("created_at") or now()),
            },
        )


def _entry_here(w: ImportWriter, entry):
    """A version's entry with its snapshot's codings and codes as this project names them."""
    was = entry.get("was") if isinstance(entry, dict) else None
    if not isinstance(was, dict):
        return entry
    codes = w.plan.codes.file_ids
    was = dict(was)
    for key in rc.SNAPSHOT_EVIDENCE:
        if key in was:
            was[key] = [
                w.selection_codings[g][0] if g in w.selection_codings else g for g in was[key] or []
            ]
    for key in rc.SNAPSHOT_CODES:
        if key in was:
            was[key] = [codes.get(c, c) for c in was[key] or []]
    return entry | {"was": was}


def _versions_usable(versions: list[dict]) -> bool:
    """Distinct names, distinct whole numbers (or none), entries as a mapping: what the
    theory_version table accepts, so an edited file cannot fail the whole import."""
    names = [v.get("name") for v in versions]
    numbers = [v.get("number") for v in versions if v.get("number") is not None]
    return (
        all(isinstance(n, str) and n.strip() for n in names)
        and len({n.casefold() for n in names}) == len(names)
        and all(type(n) is int and n > 0 for n in numbers)
        and len(set(numbers)) == len(numbers)
        and all(isinstance(v.get("entries", {}), dict) for v in versions)
        and all(isinstance(v.get(k, ""), str) for v in versions for k in ("note", "created_at"))
    )
