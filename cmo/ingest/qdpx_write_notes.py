"""The second half of a QDPX import: notes become memos, Sets become CMO configurations.

A mixin of the writer in :mod:`cmo.ingest.qdpx_write`, which provides ``conn``, ``doc``,
``plan``, ``warnings``, ``counts`` and the id maps it fills while writing transcripts.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from ..core import cmoc as cmoc_rules
from ..store.tables import CmocEvidenceRow, CmocRow, MemoRow, now
from . import refi_common as rc
from .qdc import CodeNode

MEMO, CMOC, EVIDENCE = MemoRow.__table__, CmocRow.__table__, CmocEvidenceRow.__table__


class NotesAndCmocs:
    def notes(self) -> None:
        for note in self.doc.project_notes:
            self.note_memo(note, "project", "")
        if self.doc.description and not self.doc.project_notes:
            self.memo("project", "", self.doc.description, None, None)
        self._code_notes(self.doc.codes)
        sources = {s.guid: s for s in self.doc.sources}
        for link in self.doc.links:
            target = link.target or ""
            if link.origin not in self.doc.notes:
                if link.origin not in {s.guid for s in self.doc.sets}:
                    self.plan.unmodelled["Link"] += 1
                continue
            if target in self.casus_guids():
                self.note_memo(link.origin, "casus", self.casus_guids()[target])
            elif target in self.selection_codings:
                for cid in self.selection_codings[target]:
                    self.note_memo(link.origin, "coding", str(cid))
            elif target in self.transcript_ids:
                self.note_memo(link.origin, "transcript", str(self.transcript_ids[target]))
            elif target in self.plan.codes.code_ids:
                self.note_memo(link.origin, "code", self.plan.codes.code_ids[target])
            elif target in sources:
                continue  # a source that was not imported (warned about already)
            else:
                self.plan.unmodelled["Link (note to an object cmo does not model)"] += 1
        used = {m["guid"] for m in self.memos} | self.notes_placed
        cmoc_notes = {n for s in self.doc.sets for n in s.notes}
        loose = [n for g, n in self.doc.notes.items() if g not in used and g not in cmoc_notes]
        for note in loose:
            self.note_memo(note.guid, "project", "")
        if loose:
            self.warnings.append(
                f"{len(loose)} note(s) attached to nothing cmo models became project memos"
            )

    def casus_guids(self) -> dict[str, str]:
        if not hasattr(self, "_casus_guids"):
            self._casus_guids = {
                c.guid: str(self.casus_ids[" ".join((c.name or "").split())])
                for c in self.plan.casus_attributes.values()
                if " ".join((c.name or "").split()) in self.casus_ids
            }
        return self._casus_guids

    def _code_notes(self, nodes: list[CodeNode]) -> None:
        for node in nodes:
            code_id = self.plan.codes.code_ids.get(node.guid)
            for note in node.notes:
                if code_id:
                    self.note_memo(note, "code", code_id)
            self._code_notes(node.children)

    def note_memo(self, note_guid: str, kind: str, target_id: str) -> None:
        note = self.doc.notes.get(note_guid)
        if note is None:
            return
        self.notes_placed.add(note_guid)
        text = note.text if note.text is not None else ""
        if kind == "coding" and not self.doc.by_cmo:
            if int(target_id) <= self.codings_before:
                return  # merge: a coding of ours; its memo stays as it is
            # Another tool's note on a coded passage is what cmo calls the coding's memo
            # (shown by 'cmo memo coding:ID' and in the workbench).
            self.coding_notes[int(target_id)].append(text)
            return
        self.memo(kind, target_id, text, note.user, note.created, note.guid)

    def memo(
        self,
        kind: str,
        target_id: str,
        text: str,
        user: str | None,
        created: str | None,
        guid: str | None = None,
    ) -> None:
        if guid:
            self.notes_placed.add(guid)
        if self.memos_before and (
            guid in self.memos_before or (kind, target_id, text) in self.memos_before
        ):
            return  # merge: the project has this memo already
        stamp = created or now()
        self.memos.append(
            {
                "target_kind": kind,
                "target_id": target_id,
                "text": text,
                "author": self.doc.users.get(user or "", ""),
                "created_at": stamp,
                "updated_at": stamp,
                "guid": self.fresh_guid(MEMO, guid),
            }
        )

    def cmocs(self) -> None:
        taken = set(self.conn.execute(select(CMOC.c.id)).scalars())
        ours = set(self.conn.execute(select(CMOC.c.guid)).scalars()) if self.plan.merge else ()
        original_ids = self.plan.codes.file_ids
        evidence_of: dict[str, list[str]] = defaultdict(list)
        for link in self.doc.links:
            if link.origin and link.target:
                evidence_of[link.origin].append(link.target)
        for info in self.doc.sets:
            if info.name in (rc.EMERGENT_SET, rc.NAMED_ALONE_SET):
                continue
            values = rc.parse_cmoc_description(info.description)
            if values is None or not self.doc.by_cmo:
                self.plan.unmodelled["Set"] += 1
                continue
            if info.guid in ours:
                continue  # merge: this CMOC is ours already
            wanted = info.name.split(" ", 1)[0]
            cmoc_id = wanted if wanted and wanted not in taken else cmoc_rules.next_id(taken)
            if cmoc_id != wanted:
                self.warnings.append(f"CMOC '{wanted}' exists already; imported as '{cmoc_id}'")
            taken.add(cmoc_id)
            casus = values.get("casus") or ""
            row = {
                key: values.get(key, "")
                for key in ("resource", "reasoning", "fired", "relation", "memo")
            }
            for key in ("contexts", "mechanisms", "outcomes"):
                row[key] = [original_ids.get(c, c) for c in values.get(key) or []]
            stamp = now()
            self.conn.execute(
                CMOC.insert().values(
                    id=cmoc_id,
                    title=info.name.split(" ", 1)[1] if " " in info.name else "",
                    casus_id=self.casus_ids.get(casus),
                    created_at=stamp,
                    updated_at=stamp,
                    guid=self.fresh_guid(CMOC, info.guid),
                    **row,
                )
            )
            codings = sorted(
                {
                    cid
                    for target in evidence_of.get(info.guid, [])
                    for cid in self.selection_codings.get(target, [])
                }
            )
            if codings:
                self.conn.execute(
                    EVIDENCE.insert(), [{"cmoc_id": cmoc_id, "coding_id": c} for c in codings]
                )
            for note in info.notes:
                self.note_memo(note, "cmoc", cmoc_id)
            self.counts["cmoc_ids"] += 1
