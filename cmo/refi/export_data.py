"""Everything a REFI-QDA export needs, read from the store in a few bulk queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING

from ..core.codebook import Cluster
from ..core.domain import Casus, Code, Memo, Participant
from . import conventions as rc

if TYPE_CHECKING:
    from ..store import Store
    from ..store.fastpath import QuickStore


@dataclass
class ExportData:
    codes: list[Code]
    clusters: list[tuple[Cluster, str]]
    casussen: list[Casus] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    transcripts: list[dict] = field(default_factory=list)
    codings: dict[int, list] = field(default_factory=dict)
    """Transcript id → coding rows (id, transcript_id, start, end, code_id, coder, memo,
    created_at, guid) in text order."""
    memos: list[Memo] = field(default_factory=list)
    cmocs: list[dict] = field(default_factory=list)
    speaks_in: dict[int, list[str]] = field(default_factory=dict)
    """Participant id → GUIDs of the transcripts they speak in."""
    coders: set[str] = field(default_factory=set)
    theory_versions: list[dict] = field(default_factory=list)
    """Programme theory versions in order: number, name, note, created_at, entries."""
    chains: list[dict] = field(default_factory=list)
    """CMOC chain links: from, to, note, created_at."""
    cache: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.code_guids = {c.id: c.guid for c in self.codes}
        self.casus_names = {c.id: c.name for c in self.casussen}
        self.casus_guids = {str(c.id): c.guid for c in self.casussen}
        self._users: dict[str, str | None] = {}

    def user_guid(self, name: str) -> str | None:
        if name not in self._users:
            self._users[name] = rc.guid_for("user", name) if name else None
        return self._users[name]

    def target_label(self, kind: str, target_id: str) -> str:
        """'transcript interview-3', 'code M1a', 'project' — for a Note's name."""
        if kind == "transcript":
            names = {str(t["id"]): t["name"] for t in self.transcripts}
            return f"transcript {names.get(target_id, target_id)}"
        if kind == "casus":
            name = self.casus_names.get(int(target_id)) if target_id.isdigit() else None
            return f"casus {name or target_id}"
        return f"{kind} {target_id}".strip()


def load(store: Store | QuickStore, codebook_only: bool = False) -> ExportData:
    """Everything an export writes, read by either store in plain SQL in one read
    transaction (``export_everything``; the standard-library store needs no SQLAlchemy)."""
    found = store.export_everything(codebook_only)
    codes = found["codes"]
    clusters = [(c, c.guid) for c in found["clusters"]]
    if codebook_only:
        return ExportData(codes=codes, clusters=clusters)
    data = ExportData(
        codes=codes,
        clusters=clusters,
        casussen=found["casussen"],
        participants=found["participants"],
        memos=found["memos"],
    )
    rows = found
    data.transcripts = rows["transcripts"]
    guid_of = {t["id"]: t["guid"] for t in data.transcripts}
    codings: dict[int, list] = defaultdict(list)
    for transcript_id, group in groupby(rows["codings"], itemgetter(1)):
        codings[transcript_id] = list(group)
    data.codings, data.coders = codings, set(map(itemgetter(5), rows["codings"]))
    speaks: dict[int, set[str]] = defaultdict(set)
    for transcript_id, participant_id in rows["speaks"]:
        speaks[participant_id].add(guid_of[transcript_id])
    data.speaks_in = {p: sorted(g) for p, g in speaks.items()}
    evidence: dict[str, list[int]] = defaultdict(list)
    against: set[tuple[str, int]] = set()
    for cmoc_id, coding_id, direction in rows["evidence"]:
        evidence[cmoc_id].append(coding_id)
        if direction == "weerspreekt":
            against.add((cmoc_id, coding_id))
    cited = {i for ids in evidence.values() for i in ids}  # only these need looking up
    coding_guid, coding_source = {}, {}
    if cited:
        for group in codings.values():
            for r in group:
                if r[0] in cited:
                    coding_guid[r[0]], coding_source[r[0]] = r[8], guid_of[r[1]]
    for row in rows["cmocs"]:
        ids = evidence.get(row["id"], [])
        row["evidence"] = [coding_guid[i] for i in ids if i in coding_guid]
        row["against"] = {coding_guid[i] for i in ids if (row["id"], i) in against}
        row["sources"] = sorted({coding_source[i] for i in ids if i in coding_source})
        data.cmocs.append(row)
    if rows["theory_versions"]:
        selection = {r[0]: rc.derived_guid(r[8], "selection") for r in rows["codings"]}
        data.theory_versions = [
            {"number": v["id"], "name": v["name"], "note": v["note"]}
            | {"created_at": v["created_at"], "entries": _entries_by_guid(v["entries"], selection)}
            for v in rows["theory_versions"]
        ]
    data.chains = [
        {"from": c["from_cmoc"], "to": c["to_cmoc"], "note": c["note"]}
        | {"created_at": c["created_at"]}
        for c in rows["chains"]
    ]
    return data


def _entries_by_guid(entries: dict, selection: dict[int, str]) -> dict:
    """A version's entries with the codings in each snapshot named by selection GUID."""
    out = {}
    for cmoc_id, entry in entries.items():
        was = entry.get("was") if isinstance(entry, dict) else None
        if isinstance(was, dict):
            was = was | {
                key: [selection.get(i, i) for i in was.get(key) or []]
                for key in rc.SNAPSHOT_EVIDENCE
                if key in was
            }
            entry = entry | {"was": was}
        out[cmoc_id] = entry
    return out
