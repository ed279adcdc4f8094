"""The mechanism table: each mechanism × casus, grouped by cluster.

A cell holds the coded fragments, the distinct participants who said them, their share
of the casus' participants, how often CMOCs with that mechanism record it as fired
(geactiveerd), not fired or mixed, and one or two exemplar quotes. Emergent codes are
listed in a group of their own, whatever their family.

A CMOC counts in a casus when it belongs to that casus, or when it is project-wide
and has evidence there.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..core.cmoc import Cmoc
from ..core.codebook import ordered
from .corpus import Corpus
from .fragments import Fragment, cluster_of
from .matrix import Evidence, _evidence

EMERGENT = "Emergente codes"
OTHER = "Overige mechanismen"
QUOTES_PER_CELL = 2


@dataclass(frozen=True)
class MechanismCell:
    fragments: int
    participants: int
    casus_participants: int
    fired: int
    not_fired: int
    mixed: int
    quotes: list[Evidence]

    @property
    def share(self) -> float | None:
        """Participants who mention the mechanism / participants of the casus (0–1)."""
        if not self.casus_participants:
            return None
        return round(self.participants / self.casus_participants, 4)


@dataclass(frozen=True)
class MechanismRow:
    code: str
    name: str
    family: str
    emergent: bool
    cells: list[MechanismCell]
    """One per casus, in the order of ``MechanismTable.casussen``."""


@dataclass(frozen=True)
class MechanismGroup:
    cluster: str
    name: str
    rows: list[MechanismRow]


@dataclass(frozen=True)
class MechanismTable:
    casussen: list[str]
    casus_participants: list[int]
    groups: list[MechanismGroup]

    def rows(self):
        """(group, row) pairs in display order."""
        for group in self.groups:
            for row in group.rows:
                yield group, row


def mechanism_table(corpus: Corpus, cmocs: list[Cmoc] | tuple[Cmoc, ...] = ()) -> MechanismTable:
    codes = corpus.codes
    # Mechanisms only: an emergent context or outcome code is no mechanism (it has its
    # place in the matrix); emergent mechanisms get a group of their own.
    listed = [c for c in ordered(list(codes.values())) if c.family == "M"]
    wanted = {c.id for c in listed}
    casus_order = sorted(corpus.casussen, key=lambda c: corpus.casussen[c].casefold())
    members = corpus.casus_participants()
    evidence_ids = {c for x in cmocs for c in x.evidence}
    cells: dict[tuple[str, int], list[Fragment]] = defaultdict(list)
    casus_of_coding: dict[int, int] = {}
    for f in corpus.fragments:
        if f.id in evidence_ids:
            casus_of_coding[f.id] = corpus.docs[f.transcript_id].casus_id
        if f.code_id in wanted:
            cells[(f.code_id, corpus.docs[f.transcript_id].casus_id)].append(f)
    fired = _fired_counts(cmocs, casus_of_coding)
    picked = {key: _exemplars(corpus, items, evidence_ids) for key, items in cells.items()}
    corpus.load_texts({f.transcript_id for items in picked.values() for f in items})

    def cell(code: str, casus: int) -> MechanismCell:
        items = cells.get((code, casus), [])
        people = {p for f in items for p in f.participants}
        counts = fired.get((code, casus), {})
        return MechanismCell(
            fragments=len(items),
            participants=len(people),
            casus_participants=len(members.get(casus, ())),
            fired=counts.get("geactiveerd", 0),
            not_fired=counts.get("niet geactiveerd", 0),
            mixed=counts.get("gemengd", 0),
            quotes=[_evidence(corpus, f) for f in picked.get((code, casus), [])],
        )

    groups: dict[str, list[MechanismRow]] = defaultdict(list)
    for code in listed:
        group = EMERGENT if code.emergent else (cluster_of(code, codes) or OTHER)
        groups[group].append(
            MechanismRow(
                code=code.id,
                name=code.name,
                family=code.family,
                emergent=code.emergent,
                cells=[cell(code.id, c) for c in casus_order],
            )
        )
    names = {c.id: c.name for c in corpus.clusters}
    cluster_order = [c.id for c in corpus.clusters]
    keys = sorted(
        groups,
        key=lambda g: (
            g == EMERGENT,
            g == OTHER,
            cluster_order.index(g) if g in cluster_order else 99,
            g,
        ),
    )
    return MechanismTable(
        casussen=[corpus.casussen[c] for c in casus_order],
        casus_participants=[len(members.get(c, ())) for c in casus_order],
        groups=[MechanismGroup(cluster=g, name=names.get(g, g), rows=groups[g]) for g in keys],
    )


def _fired_counts(cmocs, casus_of_coding: dict[int, int]) -> dict[tuple[str, int], dict]:
    out: dict[tuple[str, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for x in cmocs:
        if x.casus_id is not None:
            where = {x.casus_id}
        else:
            where = {casus_of_coding[c] for c in x.evidence if c in casus_of_coding}
        for casus in where:
            for code in dict.fromkeys(x.codes):
                out[(code, casus)][x.fired] += 1
    return out


def _exemplars(corpus: Corpus, items: list[Fragment], evidence: set[int]) -> list[Fragment]:
    """One or two quotes: CMOC evidence first, said by a participant, of readable length,
    and the second from another participant when there is one."""

    def key(f: Fragment):
        length = f.end - f.start
        return (
            f.id not in evidence,
            corpus.counted_person(f.participant_id) is None,
            not 40 <= length <= 400,
            corpus.docs[f.transcript_id].name,
            f.start,
            f.id,
        )

    ranked = sorted(items, key=key)
    said = [f for f in ranked if corpus.counted_person(f.participant_id) is not None]
    pool = said or ranked
    if not pool:
        return []
    first = pool[0]
    other = next(
        (f for f in pool[1:] if f.participant_id != first.participant_id),
        pool[1] if len(pool) > 1 else None,
    )
    return ([first, other] if other else [first])[:QUOTES_PER_CELL]
