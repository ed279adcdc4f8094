"""Everything a REFI-QDA export needs, read from the store in a few bulk queries (plain SQL
through ``store.fetch``: no SQLAlchemy needed, so an export starts at once)."""

from __future__ import annotations

import json as _json
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from types import SimpleNamespace

from ..core.codebook import Cluster, ordered
from ..core.domain import Casus, Code, Memo, Participant
from ..store import rows
from . import conventions as rc


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


def load(store, codebook_only: bool = False) -> ExportData:
    """Read the project in a few bulk queries, through ``store.fetch`` (so either store:
    the full one, or the standard-library one an export opens, without SQLAlchemy)."""
    fetch = store.fetch
    codes = ordered([rows.code(r) for r in _named(fetch, CODE_COLUMNS, "code", json=("keywords",))])
    clusters = [
        (c, c.guid)
        for c in (
            Cluster(
                id=r.id,
                family=r.family,
                name=r.name,
                description=r.description,
                named_alone=bool(r.named_alone),
                guid=r.guid,
            )
            for r in _named(fetch, CLUSTER_COLUMNS, "cluster ORDER BY sort_order, id")
        )
    ]
    if codebook_only:
        return ExportData(codes=codes, clusters=clusters)
    data = ExportData(
        codes=codes,
        clusters=clusters,
        casussen=[
            rows.casus(r)
            for r in _named(fetch, CASUS_COLUMNS, "casus ORDER BY name", json=("attributes",))
        ],
        participants=[
            rows.participant(r)
            for r in _named(
                fetch, PARTICIPANT_COLUMNS, "participant ORDER BY casus_id, label", ("attributes",)
            )
        ],
        memos=[rows.memo(r) for r in _named(fetch, MEMO_COLUMNS, "memo ORDER BY id")],
    )
    names = ("id", "guid", "name", "casus_id", "kind", "source_name", "sha256", "imported_at")
    data.transcripts = [
        dict(zip((*names, "text"), r, strict=True))
        for r in fetch(f"SELECT {', '.join(names)}, text FROM transcript ORDER BY name")
    ]
    guid_of = {t["id"]: t["guid"] for t in data.transcripts}
    codings: dict[int, list] = defaultdict(list)
    # One fetch for every coding, straight from the driver (no row objects on the way).
    found = fetch(
        'SELECT id, transcript_id, start, "end", code_id, coder, memo, created_at, guid '
        'FROM coding ORDER BY transcript_id, start, "end", id'
    )
    for transcript_id, group in groupby(found, itemgetter(1)):
        codings[transcript_id] = list(group)
    data.codings, data.coders = codings, set(map(itemgetter(5), found))
    speaks: dict[int, set[str]] = defaultdict(set)
    for transcript_id, participant_id in fetch(
        "SELECT DISTINCT transcript_id, participant_id FROM turn WHERE participant_id IS NOT NULL"
    ):
        speaks[participant_id].add(guid_of[transcript_id])
    data.speaks_in = {p: sorted(g) for p, g in speaks.items()}
    evidence: dict[str, list[int]] = defaultdict(list)
    for cmoc_id, coding_id in fetch(
        "SELECT cmoc_id, coding_id FROM cmoc_evidence ORDER BY coding_id"
    ):
        evidence[cmoc_id].append(coding_id)
    cited = {i for ids in evidence.values() for i in ids}  # only these need looking up
    coding_guid, coding_source = {}, {}
    if cited:
        for group in codings.values():
            for r in group:
                if r[0] in cited:
                    coding_guid[r[0]], coding_source[r[0]] = r[8], guid_of[r[1]]
    for r in _named(fetch, CMOC_COLUMNS, "cmoc ORDER BY id", json=CMOC_JSON):
        row = dict(vars(r))
        ids = evidence.get(row["id"], [])
        row["evidence"] = [coding_guid[i] for i in ids if i in coding_guid]
        row["sources"] = sorted({coding_source[i] for i in ids if i in coding_source})
        data.cmocs.append(row)
    return data


CODE_COLUMNS = (
    "id family name cluster definition keywords parent colour emergent sort_order guid named_alone"
)
CLUSTER_COLUMNS = "id family name description sort_order guid named_alone"
CASUS_COLUMNS = "id name attributes guid"
PARTICIPANT_COLUMNS = "id casus_id label role attributes pseudonym guid"
MEMO_COLUMNS = "id target_kind target_id text author created_at updated_at guid"
CMOC_COLUMNS = (
    "id title casus_id contexts mechanisms outcomes resource reasoning fired relation memo "
    "created_at updated_at guid sentence"
)
CMOC_JSON = ("contexts", "mechanisms", "outcomes")


def _named(fetch, columns: str, source: str, json: tuple[str, ...] = ()) -> list[SimpleNamespace]:
    """Rows of ``SELECT columns FROM source`` with the columns as attributes (as the row
    mappers in ``store.rows`` read them); JSON columns decoded where the driver left
    them as text (SQLite)."""
    names = columns.split()
    quoted = ", ".join(f'"{n}"' for n in names)
    out = []
    for values in fetch(f"SELECT {quoted} FROM {source}"):
        row = dict(zip(names, values, strict=True))
        for name in json:
            if isinstance(row[name], str):
                row[name] = _json.loads(row[name])
        out.append(SimpleNamespace(**row))
    return out
