"""What a QDPX file's Links and Sets become: notes placed as memos, Sets as CMO configurations.

Both run after :class:`cmo.refi.apply._Writer` has written transcripts and codings, whose
id maps (``transcript_ids``, ``selection_codings``, ``casus_ids``) say where a Link points.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..core import cmoc as cmoc_rules
from ..store.stamps import now
from . import conventions as rc

if TYPE_CHECKING:
    from .apply import _Writer
    from .codes_read import CodeNode


def place_notes(w: _Writer) -> None:
    """Notes become memos of what they are linked to; a note tied to nothing is a project memo."""
    for note in w.doc.project_notes:
        w.note_memo(note, "project", "")
    if w.doc.description and not w.doc.project_notes:
        w.memo("project", "", w.doc.description, None, None)
    _code_notes(w, w.doc.codes)
    sources = {s.guid: s for s in w.doc.sources}
    casus_guids = _casus_guids(w)
    for link in w.doc.links:
        target = link.target or ""
        if link.origin not in w.doc.notes:
            if link.origin not in {s.guid for s in w.doc.sets}:
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


def _casus_guids(w: _Writer) -> dict[str, str]:
    """GUID of each Case that became a casus → the casus id (as a memo target)."""
    return {
        c.guid: str(w.casus_ids[" ".join((c.name or "").split())])
        for c in w.plan.casus_attributes.values()
        if " ".join((c.name or "").split()) in w.casus_ids
    }


def _code_notes(w: _Writer, nodes: list[CodeNode]) -> None:
    for node in nodes:
        code_id = w.plan.codes.code_ids.get(node.guid)
        for note in node.notes:
            if code_id:
                w.note_memo(note, "code", code_id)
        _code_notes(w, node.children)


def add_cmocs(w: _Writer) -> None:
    """cmo's own Sets become CMO configurations, their Links the evidence (codings)."""
    taken = w.bulk.ids("cmoc")
    ours = w.bulk.guids("cmoc") if w.plan.merge else ()
    original_ids = w.plan.codes.file_ids
    evidence_of: dict[str, list[str]] = defaultdict(list)
    for link in w.doc.links:
        if link.origin and link.target:
            evidence_of[link.origin].append(link.target)
    for info in w.doc.sets:
        if info.name in (rc.EMERGENT_SET, rc.NAMED_ALONE_SET):
            continue
        values = rc.parse_cmoc_description(info.description)
        if values is None or not w.doc.by_cmo:
            w.plan.unmodelled["Set"] += 1
            continue
        if info.guid in ours:
            continue  # merge: this CMOC is ours already
        wanted = info.name.split(" ", 1)[0]
        cmoc_id = wanted if wanted and wanted not in taken else cmoc_rules.next_id(taken)
        if cmoc_id != wanted:
            w.warnings.append(f"CMOC '{wanted}' exists already; imported as '{cmoc_id}'")
        taken.add(cmoc_id)
        casus = values.get("casus") or ""
        row = {
            key: values.get(key, "")
            for key in ("resource", "reasoning", "fired", "relation", "memo")
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
        codings = sorted(
            {
                cid
                for target in evidence_of.get(info.guid, [])
                for cid in w.selection_codings.get(target, [])
            }
        )
        w.bulk.insert_evidence(cmoc_id, codings)
        for note in info.notes:
            w.note_memo(note, "cmoc", cmoc_id)
        w.counts["cmoc_ids"] += 1
