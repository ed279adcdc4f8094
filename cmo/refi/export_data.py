"""Everything a REFI-QDA export needs, read from the store in a few bulk queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

from sqlalchemy import select

from ..core.codebook import Cluster
from ..core.domain import Casus, Code, Memo, Participant
from ..store import Store
from ..store.tables import CmocEvidenceRow, CmocRow, CodingRow, TranscriptRow, TurnRow
from . import conventions as rc

CODING = CodingRow.__table__
TRANSCRIPT = TranscriptRow.__table__
TURN = TurnRow.__table__
CMOC = CmocRow.__table__
EVIDENCE = CmocEvidenceRow.__table__


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


def load(store: Store, codebook_only: bool = False) -> ExportData:
    codes = store.codes()
    clusters = [(c, c.guid) for c in store.clusters()]
    if codebook_only:
        return ExportData(codes=codes, clusters=clusters)
    data = ExportData(
        codes=codes,
        clusters=clusters,
        casussen=store.casussen(),
        participants=store.participants(),
        memos=store.memos(),
    )
    with store.read() as conn:
        data.transcripts = [
            dict(r._mapping)
            for r in conn.execute(
                select(
                    TRANSCRIPT.c.id,
                    TRANSCRIPT.c.guid,
                    TRANSCRIPT.c.name,
                    TRANSCRIPT.c.casus_id,
                    TRANSCRIPT.c.kind,
                    TRANSCRIPT.c.source_name,
                    TRANSCRIPT.c.sha256,
                    TRANSCRIPT.c.imported_at,
                    TRANSCRIPT.c.text,
                ).order_by(TRANSCRIPT.c.name)
            )
        ]
        guid_of = {t["id"]: t["guid"] for t in data.transcripts}
        codings: dict[int, list] = defaultdict(list)
        coders: set[str] = set()
        # One fetch for every coding (iterating a result asks the driver row by row).
        rows = conn.execute(
            select(
                CODING.c.id,
                CODING.c.transcript_id,
                CODING.c.start,
                CODING.c.end,
                CODING.c.code_id,
                CODING.c.coder,
                CODING.c.memo,
                CODING.c.created_at,
                CODING.c.guid,
            ).order_by(CODING.c.transcript_id, CODING.c.start, CODING.c.end, CODING.c.id)
        ).all()
        for transcript_id, group in groupby(rows, itemgetter(1)):
            codings[transcript_id] = list(group)
        coders = set(map(itemgetter(5), rows))
        data.codings, data.coders = codings, coders
        speaks: dict[int, set[str]] = defaultdict(set)
        for transcript_id, participant_id in conn.execute(
            select(TURN.c.transcript_id, TURN.c.participant_id)
            .distinct()
            .where(TURN.c.participant_id.is_not(None))
        ):
            speaks[participant_id].add(guid_of[transcript_id])
        data.speaks_in = {p: sorted(g) for p, g in speaks.items()}
        evidence: dict[str, list[int]] = defaultdict(list)
        for cmoc_id, coding_id in conn.execute(
            select(EVIDENCE.c.cmoc_id, EVIDENCE.c.coding_id).order_by(EVIDENCE.c.coding_id)
        ):
            evidence[cmoc_id].append(coding_id)
        cited = {i for ids in evidence.values() for i in ids}  # only these need looking up
        coding_guid, coding_source = {}, {}
        if cited:
            for rows in codings.values():
                for r in rows:
                    if r[0] in cited:
                        coding_guid[r[0]], coding_source[r[0]] = r[8], guid_of[r[1]]
        for r in conn.execute(select(CMOC).order_by(CMOC.c.id)):
            row = dict(r._mapping)
            ids = evidence.get(row["id"], [])
            row["evidence"] = [coding_guid[i] for i in ids if i in coding_guid]
            row["sources"] = sorted({coding_source[i] for i in ids if i in coding_source})
            data.cmocs.append(row)
    return data
