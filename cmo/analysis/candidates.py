"""Candidate CMO configurations: C, M and O codings that occur together.

Within each transcript a window covers a turn and the ``window`` turns after it. Every
context, mechanism and outcome code coded inside one window forms a candidate
(C, M, O) for the casus. Candidates are ranked by how many distinct participants
said the fragments (the participants of the turns the codings sit in), then by
transcripts and by how often the three met: a configuration many people describe is a
stronger candidate than one person's story told at length.

The scan keeps, per candidate, only the windows where it occurs; participants and
transcripts are counted from those, and the evidence codings are gathered only for the
candidates that are returned.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..core.bulk import without_gc
from ..core.cmoc import Cmoc
from ..core.codebook import ordered
from .corpus import Corpus


@dataclass(frozen=True)
class Candidate:
    rank: int
    casus_id: int
    casus: str
    context: str
    mechanism: str
    outcome: str
    participants: int
    transcripts: int
    windows: int
    """How often the three codes met (windows, overlapping ones counted separately)."""
    fragments: int
    evidence: tuple[int, ...]
    """Every coding (of the three codes) inside a window where the three met."""
    participant_names: tuple[str, ...]
    covered_by: tuple[str, ...]
    """Existing CMOCs of this casus (or project-wide) with these three codes."""

    def as_dict(self) -> dict:
        return {
            "rank": self.rank,
            "casus": self.casus,
            "context": self.context,
            "mechanism": self.mechanism,
            "outcome": self.outcome,
            "participants": self.participants,
            "transcripts": self.transcripts,
            "windows": self.windows,
            "fragments": self.fragments,
            "evidence": list(self.evidence),
            "participant_names": list(self.participant_names),
            "covered_by": list(self.covered_by),
        }


Parts = dict[str, dict[str, tuple[list[int], set[int]]]]
"""Per family, per code: the coding ids and the participants inside a turn or window."""


@without_gc
def candidates(
    corpus: Corpus,
    window: int = 0,
    casus_id: int | None = None,
    cmocs: list[Cmoc] | tuple[Cmoc, ...] = (),
    min_participants: int = 1,
    top: int | None = None,
) -> list[Candidate]:
    """Propose (C, M, O) configurations per casus, best first.

    Args:
        corpus: The loaded project.
        window: 0 for the same turn; N for a turn and the N turns after it.
        casus_id: Only this casus.
        cmocs: Existing CMOCs, to mark candidates they already cover.
        min_participants: Leave out candidates said by fewer participants.
        top: Keep only the best ``top`` (over all casussen).
    """
    windows: list[tuple[int, Parts]] = []
    found: dict[tuple, list[int]] = {}
    for tid, parts in _windows(corpus, window, casus_id):
        w = len(windows)
        windows.append((tid, parts))
        casus = corpus.docs[tid].casus_id
        pairs = [(m, o) for m in parts["M"] for o in parts["O"]]
        for c in parts["C"]:
            for m, o in pairs:
                key = (casus, c, m, o)
                seen = found.get(key)
                if seen is None:
                    found[key] = [w]
                else:
                    seen.append(w)
    scored = []
    for key, ws in found.items():
        _casus, c, m, o = key
        people: set[int] = set()
        for w in ws:
            parts = windows[w][1]
            people |= parts["C"][c][1]
            people |= parts["M"][m][1]
            people |= parts["O"][o][1]
        if len(people) >= min_participants:
            docs = len({windows[w][0] for w in ws})
            scored.append((key, ws, people, docs))
    order = {c.id: i for i, c in enumerate(ordered(list(corpus.codes.values())))}
    scored.sort(
        key=lambda k: (
            -len(k[2]),
            -k[3],
            -len(k[1]),
            corpus.casussen.get(k[0][0], ""),
            order[k[0][1]],
            order[k[0][2]],
            order[k[0][3]],
        )
    )
    if top is not None:
        scored = scored[:top]
    out = []
    for rank, ((casus, c, m, o), ws, people, docs) in enumerate(scored, start=1):
        evidence: set[int] = set()
        for w in ws:
            parts = windows[w][1]
            evidence.update(parts["C"][c][0], parts["M"][m][0], parts["O"][o][0])
        out.append(
            Candidate(
                rank=rank,
                casus_id=casus,
                casus=corpus.casussen.get(casus, str(casus)),
                context=c,
                mechanism=m,
                outcome=o,
                participants=len(people),
                transcripts=docs,
                windows=len(ws),
                fragments=len(evidence),
                evidence=tuple(sorted(evidence)),
                participant_names=tuple(sorted(corpus.people[p].name for p in people)),
                covered_by=tuple(
                    x.id
                    for x in cmocs
                    if (x.casus_id is None or x.casus_id == casus)
                    and c in x.contexts
                    and m in x.mechanisms
                    and o in x.outcomes
                ),
            )
        )
    return out


def _windows(corpus: Corpus, window: int, casus_id: int | None):
    """(transcript id, parts) for each window that holds a C, an M and an O coding."""
    family = {c: code.family for c, code in corpus.codes.items() if code.family in "CMO"}
    wanted = {tid for tid, d in corpus.docs.items() if casus_id is None or d.casus_id == casus_id}
    by_doc: dict[int, dict[int, Parts]] = defaultdict(dict)
    for cid, tid, _start, _end, code, turn, _person, _speaker, people in corpus.fragments:
        fam = family.get(code)
        if turn is None or fam is None or tid not in wanted:
            continue
        turns = by_doc[tid]
        parts = turns.get(turn)
        if parts is None:
            parts = turns[turn] = {"C": {}, "M": {}, "O": {}}
        entry = parts[fam].get(code)
        if entry is None:
            entry = parts[fam][code] = ([], set())
        entry[0].append(cid)
        entry[1].update(people)  # by cmo.core.attribution
    for tid, turns in by_doc.items():
        coded = sorted(turns)
        last_end = 0
        for pos, anchor in enumerate(coded):
            end = pos + 1
            while end < len(coded) and coded[end] <= anchor + window:
                end += 1
            if end <= last_end:
                continue  # its turns all lie in the previous window: nothing new
            last_end = end
            parts = _merge([turns[i] for i in coded[pos:end]])
            if parts["C"] and parts["M"] and parts["O"]:
                yield tid, parts


def _merge(turns: list[Parts]) -> Parts:
    """The families of several turns as one (the turns of a window)."""
    if len(turns) == 1:
        return turns[0]
    out: Parts = {"C": {}, "M": {}, "O": {}}
    for parts in turns:
        for fam, codes in parts.items():
            for code, (ids, people) in codes.items():
                have = out[fam].get(code)
                if have is None:
                    out[fam][code] = (list(ids), set(people))
                else:
                    have[0].extend(ids)
                    have[1].update(people)
    return out
