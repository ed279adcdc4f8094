"""Expected numbers, computed the slow and obvious way from the store's public methods
(codings, turns, transcripts, participants), independently of cmo.analysis."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from cmo.core.text import count_words

STAFF = {"interviewer", "gespreksleider"}


class Truth:
    def __init__(self, store):
        self.store = store
        self.transcripts = {t.id: t for t in store.transcripts.all()}
        self.casus_name = {c.id: c.name for c in store.casussen.all()}
        self.people = store.participants.by_id()
        self.codes = {c.id: c for c in store.codebook.codes()}
        self.all_codings = store.codings.all()
        # A span coded with the same code by two coders is one coded fragment.
        first: dict[tuple, object] = {}
        for c in sorted(self.all_codings, key=lambda c: c.id):
            first.setdefault((c.transcript_id, c.start, c.end, c.code_id), c)
        self.codings = sorted(first.values(), key=lambda c: c.id)
        self.turns = {tid: store.transcripts.turns(tid) for tid in self.transcripts}

    def casus_of(self, coding) -> str:
        return self.casus_name[self.transcripts[coding.transcript_id].casus_id]

    def overlapping_turns(self, coding) -> list:
        """Every turn sharing at least one character with the coding, in text order."""
        return [
            t
            for t in sorted(self.turns[coding.transcript_id], key=lambda t: t.start)
            if t.start < coding.end and coding.start < t.end
        ]

    def is_participant(self, turn) -> bool:
        return (
            turn.participant_id is not None and self.people[turn.participant_id].role not in STAFF
        )

    def turn_of(self, coding):
        """The turn a fragment is shown in: its first participant turn, else its first turn."""
        turns = self.overlapping_turns(coding)
        said = [t for t in turns if self.is_participant(t)]
        return (said or turns or [None])[0]

    def people_of(self, coding) -> list:
        """The attribution rule, the obvious way: participants (not interviewers or
        gespreksleiders) of every turn the coding overlaps by a character."""
        out = []
        for turn in self.overlapping_turns(coding):
            if self.is_participant(turn) and self.people[turn.participant_id] not in out:
                out.append(self.people[turn.participant_id])
        return out

    def person_of(self, coding):
        """The first participant the fragment belongs to, or None."""
        people = self.people_of(coding)
        return people[0] if people else None

    def members(self, casus: str) -> set[int]:
        return {
            p.id
            for p in self.people.values()
            if self.casus_name[p.casus_id] == casus and p.role not in STAFF
        }

    def counts_per_casus(self, family: str | None = None) -> Counter:
        return Counter(
            (c.code_id, self.casus_of(c))
            for c in self.codings
            if family is None or self.codes[c.code_id].family == family
        )

    def words_per_casus(self) -> Counter:
        words: Counter = Counter()
        for t in self.transcripts.values():
            words[self.casus_name[t.casus_id]] += count_words(t.text)
        return words

    def participants_per_code(self) -> dict[tuple[str, str], set[int]]:
        out: dict[tuple[str, str], set[int]] = defaultdict(set)
        for c in self.codings:
            for person in self.people_of(c):
                out[(c.code_id, self.casus_of(c))].add(person.id)
        return out

    def evidence(self, cmoc, casus: str | None = None) -> list:
        by_id = {c.id: c for c in self.all_codings}
        keys = {}
        for i in sorted(cmoc.evidence):
            c = by_id[i]
            keys.setdefault((c.transcript_id, c.start, c.end, c.code_id), c)
        found = list(keys.values())
        if casus is not None:
            found = [c for c in found if self.casus_of(c) == casus]
        return found

    def evidence_participants(self, cmoc, casus: str | None = None) -> int:
        return len({p.id for c in self.evidence(cmoc, casus) for p in self.people_of(c)})


def haberman(counts: list[list[int]]) -> list[list[float]]:
    n = sum(map(sum, counts))
    rows = [sum(r) for r in counts]
    cols = [sum(c) for c in zip(*counts, strict=True)]
    out = []
    for i, row in enumerate(counts):
        line = []
        for j, value in enumerate(row):
            e = rows[i] * cols[j] / n
            line.append((value - e) / (e * (1 - rows[i] / n) * (1 - cols[j] / n)) ** 0.5)
        out.append(line)
    return out


def expected_turn_counts(truth: Truth, per_coder: bool) -> dict[tuple[str, str], int]:
    """Co-occurrence per turn recomputed from the store's codings: units are (coder,
    turn), or turns when pooled; (code, code) is the diagonal."""
    units: dict[tuple, set[str]] = defaultdict(set)
    codings = truth.all_codings if per_coder else truth.codings
    for c in codings:
        turn = truth.turn_of(c)
        if turn is None:
            continue
        units[(c.coder if per_coder else "", c.transcript_id, turn.index)].add(c.code_id)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for codes in units.values():
        for code in codes:
            counts[(code, code)] += 1
        for a, b in combinations(sorted(codes), 2):
            counts[(a, b)] += 1
            counts[(b, a)] += 1
    return counts


def table_cells(table) -> dict[tuple[str, str], int]:
    return {
        (a, b): table.counts[i][j]
        for i, a in enumerate(table.codes)
        for j, b in enumerate(table.codes)
        if table.counts[i][j]
    }
