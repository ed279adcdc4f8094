"""Writing a planned QDPX import: one transaction, bulk inserts, nothing if anything fails."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import asdict
from typing import TYPE_CHECKING

from ..core.text import snippet
from ..store import Store
from ..store.stamps import now
from . import apply_links as links
from . import conventions as rc

if TYPE_CHECKING:
    from .plan import Planned, PlannedTranscript

_CMO_VARS = {rc.VAR_KIND, rc.VAR_CASUS, rc.VAR_ROLE, rc.VAR_PSEUDONYM}


class _RolledBack(Exception):
    def __init__(self, result: dict):
        self.result = result


def write_plan(store: Store, plan: Planned, dry_run: bool = False) -> dict:
    """Write everything planned in one transaction; returns counts and warnings.

    A dry run writes it all the same and then rolls the transaction back, so its
    figures are exactly those of the real import and the project stays as it was.
    """
    try:
        with store.transaction() as tx:
            result = _Writer(tx, plan).run()
            if dry_run:
                raise _RolledBack(result)
            return result
    except _RolledBack as done:
        return done.result


class _Writer:
    """Applies one plan in one unit of work (``tx.bulk`` writes the rows), keeping the id
    maps that Links and Sets need."""

    def __init__(self, tx, plan: Planned):
        self.tx, self.bulk, self.plan, self.doc = tx, tx.bulk, plan, plan.doc
        self.warnings: list[str] = []
        self.counts = Counter()
        self.guids: dict[str, set[str]] = {}
        self.memos: list[dict] = []
        self.selection_codings: dict[str, list[int]] = defaultdict(list)
        self.transcript_ids: dict[str, int] = {}
        self.casus_ids: dict[str, int] = {}
        self.coding_notes: dict[int, list[str]] = defaultdict(list)
        self.participants_before = self.bulk.ids("participant")
        self.link_targets = {link.target for link in self.doc.links if link.target}
        self.by_coder: Counter = Counter()
        self.present = 0
        self.memos_before: set = set()
        self.notes_placed: set[str] = set()
        self.codings_before = 0  # merge: codings up to this id are ours and stay as they are
        if plan.merge:
            self.codings_before = self.bulk.newest_coding_id()
        if plan.merge:  # merging must not add what the project has (a copy of itself)
            self.memos_before = self.bulk.memo_keys()

    def run(self) -> dict:
        self.codebook()
        self.casussen()
        with self.bulk.coding_indexes_deferred():
            for item in self.plan.transcripts:
                self.transcript(item)
        self.participants()
        links.place_notes(self)
        links.add_theory(self, links.add_cmocs(self))
        self.bulk.insert_many("memo", self.memos)
        for coding_id, texts in self.coding_notes.items():
            current = self.bulk.coding_memo(coding_id)
            memo = "\n\n".join(t for t in [current, *texts] if t)
            self.bulk.update("coding", coding_id, {"memo": memo})
        return {
            "codings": self.counts["codings"],
            "memos": len(self.memos) + len(self.coding_notes),
            "participants": self.counts["participants"],
            "cmocs": self.counts["cmoc_ids"],
            "warnings": self.warnings,
            "by_coder": dict(sorted(self.by_coder.items())),
            "present": self.present,
        }

    def fresh_guid(self, kind: str, wanted: str | None) -> str:
        """``wanted`` if no row of ``kind`` ('code', 'coding'…) has it yet, else a new GUID."""
        key = kind
        if key not in self.guids:
            self.guids[key] = self.bulk.guids(kind)
        guid = wanted if wanted and wanted not in self.guids[key] else str(uuid.uuid4())
        self.guids[key].add(guid)
        return guid

    def codebook(self) -> None:
        for order, cluster in enumerate(self.plan.codes.new_clusters):
            self.bulk.insert(
                "cluster",
                {
                    **asdict(cluster),
                    "guid": self.fresh_guid("cluster", cluster.guid),
                    "sort_order": 100 + order,
                },
            )
        for code in self.plan.codes.new_codes:
            values = asdict(code)
            values["keywords"] = list(code.keywords)
            values["guid"] = self.fresh_guid("code", code.guid)
            self.bulk.insert("code", values)

    def casussen(self) -> None:
        existing = self.bulk.casus_ids()
        names = {t.casus for t in self.plan.transcripts if t.existing_id is None}
        names |= set(self.plan.casus_attributes)
        for name in sorted(names):
            if name in existing:
                self.casus_ids[name] = existing[name]
                continue
            case = self.plan.casus_attributes.get(name)
            attributes = {
                k: v for k, v in (case.variables if case else {}).items() if k not in _CMO_VARS
            }
            self.casus_ids[name] = self.bulk.insert(
                "casus",
                {
                    "name": name,
                    "attributes": attributes,
                    "guid": self.fresh_guid("casus", case.guid if case else None),
                },
            )
            if case and case.description and not self.doc.by_cmo:
                self.memo("casus", str(self.casus_ids[name]), case.description, None, None)

    def transcript(self, item: PlannedTranscript) -> None:
        seen: dict[tuple, int | None] = {}
        have: dict[str, int] = {}
        if item.existing_id is not None:  # merge: ours already, with this very text
            tid = item.existing_id
            for cid, start, end, code_id, coder, guid in self.bulk.codings_of(tid):
                seen[(start, end, code_id, coder)] = cid
                have[guid] = cid
        else:
            tid = self.bulk.add_transcript(
                item.parsed,
                name=item.name,
                casus=item.casus,
                kind=item.kind,
                source_name=item.source_name,
                sha256=item.sha256,
            )
            guid = self.fresh_guid("transcript", item.source.guid)
            self.bulk.update("transcript", tid, {"guid": guid})
        self.transcript_ids[item.source.guid] = tid
        text, mapping = item.mapping.text, item.mapping
        rows, selection_of = [], {}
        by_coder = self.by_coder
        crossed = empty = reversed_ = unknown = structure = 0
        code_ids, users, structure_nodes, case_codes = (
            self.plan.codes.code_ids,
            self.doc.users,
            self.plan.codes.structure,
            self.plan.codes.case_codes,
        )
        self.fresh_guid("coding", None)  # loads the guids already in the project
        taken = self.guids["coding"]
        length, identity, stamp_now = mapping.source_length, mapping.identity, now()
        targets = self.link_targets
        # The hot loop of a big import: one pass over every selection, plain tuples out.
        for sel in item.source.selections:
            lo, hi = sel.start, sel.end
            if hi < lo:  # some tools count backwards from a selection made leftwards
                lo, hi = hi, lo
                reversed_ += 1
            if lo < 0 or hi > length:
                crossed += 1
            start, end = (
                (min(max(lo, 0), length), min(hi, length))
                if identity
                else (mapping(lo), mapping(hi))
            )
            if end <= start:
                empty += 1
                continue
            if not sel.codings and sel.description:  # MAXQDA: a comment on a passage
                self.memo(
                    "transcript",
                    str(tid),
                    f"«{snippet(text, start, end, 80)}» ({start}–{end}): {sel.description}",
                    sel.user,
                    sel.created,
                )
            for coding in sel.codings:
                code_id = code_ids.get(coding.code or "")
                if code_id is None:
                    if coding.code in case_codes:
                        continue  # ties the text to a case: the Cases say that already
                    structure += coding.code in structure_nodes
                    unknown += coding.code not in structure_nodes
                    continue
                coder = users.get(coding.user or sel.user or "", "")
                key = (start, end, code_id, coder)
                if key in seen:
                    present = seen[key]
                    if present is not None:  # the project has this coding already
                        self.present += 1
                        if sel.guid in targets:
                            self.selection_codings[sel.guid].append(present)
                    continue
                if have and coding.guid in have:  # ours, since changed: ours stays
                    self.present += 1
                    continue
                seen[key] = None
                by_coder[coder] += 1
                guid = coding.guid
                if not guid or guid in taken:
                    guid = str(uuid.uuid4())
                taken.add(guid)
                stamp = coding.created or sel.created or stamp_now
                rows.append(
                    (tid, start, end, code_id, coder, sel.description, stamp, stamp, "ok", guid)
                )
                if coding.notes or sel.notes or sel.guid in targets:
                    selection_of[guid] = (sel.guid, coding.notes + sel.notes)
        if rows:
            self.bulk.insert_codings(rows)
        if selection_of:  # ids of codings that links, notes or CMOC evidence point at
            for cid, guid in self.bulk.coding_guids_of(tid):
                if guid in selection_of:
                    sel_guid, notes = selection_of[guid]
                    if sel_guid:
                        self.selection_codings[sel_guid].append(cid)
                    for note in notes:
                        self.note_memo(note, "coding", str(cid))
        self.counts["codings"] += len(rows)
        for note in item.source.notes:
            self.note_memo(note, "transcript", str(tid))
        if item.source.description:  # a document memo in ATLAS.ti and MAXQDA
            self.memo(
                "transcript",
                str(tid),
                item.source.description,
                item.source.user,
                item.source.created,
            )
        name = item.name
        if crossed:
            self.warnings.append(
                f"{name}: {crossed} selection(s) ran past the end of the text; clamped"
            )
        if reversed_:
            self.warnings.append(
                f"{name}: {reversed_} selection(s) ended before they started; "
                "read from the lower to the higher position"
            )
        if empty:
            self.warnings.append(f"{name}: {empty} empty selection(s) skipped")
        if unknown:
            self.warnings.append(
                f"{name}: {unknown} coding(s) refer to codes not in the file's codebook; skipped"
            )
        if structure:
            self.warnings.append(
                f"{name}: {structure} coding(s) on a family or cluster node "
                "(not codable in cmo); skipped"
            )

    def participants(self) -> None:
        for case in self.plan.participant_cases:
            casus = " ".join(case.variables.get(rc.VAR_CASUS, "").split())
            casus_id = self.casus_ids.get(casus)
            label = " ".join((case.name or "").split())
            if casus_id is None or not label:
                self.warnings.append(
                    f"participant '{label}': casus '{casus}' not imported; skipped"
                )
                continue
            values = {
                "role": case.variables.get(rc.VAR_ROLE, ""),
                "pseudonym": case.variables.get(rc.VAR_PSEUDONYM, ""),
                "attributes": {k: v for k, v in case.variables.items() if k not in _CMO_VARS},
            }
            row = self.bulk.participant_row(casus_id, label)
            if row is None:
                guid = self.fresh_guid("participant", case.guid)
                self.bulk.insert(
                    "participant", {"casus_id": casus_id, "label": label, "guid": guid, **values}
                )
            elif row["id"] in self.participants_before and self.plan.merge:
                continue  # merging never changes what is ours
            elif row["id"] in self.participants_before:
                # Someone already in the project: fill gaps, never overwrite what is there.
                self.bulk.update(
                    "participant",
                    row["id"],
                    {
                        "role": row["role"] or values["role"],
                        "pseudonym": row["pseudonym"] or values["pseudonym"],
                        "attributes": {**values["attributes"], **(row["attributes"] or {})},
                    },
                )
            else:  # created by this import from a speaker label: the file knows best
                guid = self.fresh_guid("participant", case.guid)
                self.bulk.update("participant", row["id"], {"guid": guid, **values})
            self.counts["participants"] += 1

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
                "guid": self.fresh_guid("memo", guid),
            }
        )
