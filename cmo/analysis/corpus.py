"""A read-only snapshot of a project for the analyses, loaded with a handful of queries.

Every analysis works on plain tuples in one pass, never on per-row ORM queries, so a
project with 100,000 codings is analysed in well under a second.

What a fragment is, and how a coding is placed in its turn and participants:
``fragments.py``. The reads of one sweep over the whole project (cooccurrence per turn):
``packed.py``.
"""

from __future__ import annotations

import copy
import json

from ..core.bulk import without_gc
from ..core.codebook import Cluster
from ..core.domain import Code
from ..store.coding_indexes import AWAITING_REVIEW, CODING_REVIEW_INDEX
from .fragments import Doc, Fragment, Person, distinct, place
from .packed import PackedReads, indexed_by

COUNTED = "status <> 'review'"
"""Codings the analyses count: not those a replace could not re-anchor (status 'review'),
whose span may now hold other text, until a researcher has reviewed them."""


def review_note(awaiting: int) -> str | None:
    """The footnote for numbers and exports that leave codings awaiting review out."""
    if not awaiting:
        return None
    return f"{awaiting} coding(s) awaiting review after a replace are not counted; see cmo review"


class Corpus(PackedReads):
    """Casussen, participants, transcripts (without text), codes and clusters, loaded at
    once; turns, placed codings and texts loaded on first use, so a frequency table by
    casus never reads the 100,000 codings one by one."""

    def __init__(
        self,
        store,
        casussen: dict[int, str],
        people: dict[int, Person],
        docs: dict[int, Doc],
        codes: dict[str, Code],
        clusters: list[Cluster],
        coder: str | None = None,
    ):
        self._store = store
        self.coder = coder
        """Only this coder's codings (None: every coder's, each coded fragment once)."""
        self.casussen = casussen
        self.people = people
        self.docs = docs
        self.codes = codes
        self.clusters = clusters
        self.staff = frozenset(p.id for p in people.values() if p.is_staff)
        """Ids of interviewers and gespreksleiders: never counted as participants."""
        self._turns: dict[int, list] | None = None
        self._fragments: list[Fragment] | None = None
        self._texts: dict[int, str] = {}
        self._starts: dict[int, list[int]] = {}
        self._awaiting: int | None = None

    @property
    def turns(self) -> dict[int, list[tuple[int, int, int, int | None, str | None]]]:
        """Per transcript: (idx, start, end, participant_id, speaker), ordered by start."""
        if self._turns is None:
            turns: dict[int, list] = {}
            sql = (
                'SELECT transcript_id, idx, start, "end", participant_id, speaker FROM turn '
                "ORDER BY transcript_id, start, idx"
            )
            for tid, *rest in _raw(self._store, sql):
                if tid in self.docs:
                    turns.setdefault(tid, []).append(tuple(rest))
            self._turns = turns
        return self._turns

    @property
    @without_gc
    def fragments(self) -> list[Fragment]:
        """Every coding of the loaded transcripts, placed in its turn, in text order."""
        if self._fragments is None:
            where, params = self._coder_filter()
            sql = (
                'SELECT id, transcript_id, start, "end", code_id FROM coding '
                f"{where} ORDER BY transcript_id, start, id"
            )
            self._fragments = list(
                place(
                    distinct(_raw(self._store, sql, params)),
                    self.docs,
                    self.turns,
                    self.staff.__contains__,
                )
            )
        return self._fragments

    @without_gc
    def fragments_by_coder(self) -> list[tuple[str, Fragment]]:
        """Every coding with its coder, placed in its turn, in text order: unlike
        ``fragments``, two coders' codings of one span with one code are both kept."""
        if self.coder is not None:
            return [(self.coder, f) for f in self.fragments]
        raw = _raw(
            self._store,
            'SELECT id, transcript_id, start, "end", code_id, coder FROM coding '
            f"WHERE {COUNTED} ORDER BY transcript_id, start, id",
        )
        coders = {r[0]: r[5] for r in raw}
        placed = place([r[:5] for r in raw], self.docs, self.turns, self.staff.__contains__)
        return [(coders[f.id], f) for f in placed]

    def helped(self, transcripts: list[int] | None, least_words: int) -> bool:
        """Whether a forked helper should count part of ``transcripts`` (None: all; see
        ``cmo.core.forked``): not when the corpus cannot be read from a second process
        (the full store, PostgreSQL, a running workbench with its threads) or holds fewer
        than ``least_words`` words."""
        from ..core.forked import helper_can_read

        if not helper_can_read(self._store):
            return False
        ids = self.docs if transcripts is None else transcripts
        return sum(self.docs[t].word_count for t in ids) >= least_words

    def on_own_connection(self) -> Corpus:
        """This corpus reading through a connection of its own (in a forked helper)."""
        twin = copy.copy(self)
        twin._store = self._store.reopened()
        return twin

    def data_version(self) -> int:
        """See ``QuickStore.data_version``: equal answers, nobody else wrote in between."""
        return self._store.data_version()

    def snapshot(self):
        """One read transaction for the reads inside (see ``QuickStore.snapshot``)."""
        return self._store.snapshot()

    def transcript_count(self) -> int:
        """Transcripts in the project (``docs`` may hold only one casus's)."""
        return self._store.fetch("SELECT COUNT(*) FROM transcript")[0][0]

    def fragments_by_id(self, coding_ids) -> dict[int, Fragment]:
        """Only these codings, placed in their turns (for CMOC evidence: a few thousand
        out of 100,000, so not worth placing them all)."""
        if self._fragments is not None:
            wanted = set(coding_ids)
            return {f.id: f for f in self._fragments if f.id in wanted}
        ids = sorted({int(i) for i in coding_ids})
        raw: list[tuple] = []
        for chunk in _chunks(ids, 900):
            raw += _raw(
                self._store,
                'SELECT id, transcript_id, start, "end", code_id FROM coding '
                f"WHERE id IN ({','.join(map(str, chunk))}) AND {COUNTED}",
            )
        raw.sort(key=lambda r: (r[1], r[2], r[0]))
        return {f.id: f for f in place(raw, self.docs, self.turns, self.staff.__contains__)}

    def counts_by_doc(self) -> list[tuple[int, str, int]]:
        """(transcript id, code id, coded fragments): enough for counts per casus or kind.

        Like ``fragments``, a span coded with the same code by two coders counts once.
        """
        where, params = self._coder_filter()
        # One number per span (offsets are far below 2**32): counted distinct in the
        # covering index (transcript, code, start, end), without a sort of every coding.
        sql = (
            'SELECT transcript_id, code_id, COUNT(DISTINCT start * 4294967296 + "end") '
            f"FROM coding {where} GROUP BY transcript_id, code_id"
        )
        return [r for r in _raw(self._store, sql, params) if r[0] in self.docs]

    def _coder_filter(self) -> tuple[str, tuple]:
        """The WHERE clause of the codings counted: this coder's, none awaiting review."""
        if self.coder is None:
            return f"WHERE {COUNTED}", ()
        return f"WHERE {COUNTED} AND coder = {self._store.placeholder}", (self.coder,)

    def awaiting_review(self) -> int:
        """Codings (of this coder) left out because they await review after a replace."""
        if self._awaiting is not None:
            return self._awaiting
        where, params = self._coder_filter()
        # Those awaiting review have an index of their own, which SQLite's planner,
        # without statistics, would pass over for a scan of a covering one.
        source = "coding" + indexed_by(self._store, CODING_REVIEW_INDEX)
        sql = f"SELECT COUNT(*) FROM {source} " + where.replace(COUNTED, AWAITING_REVIEW)
        return self._store.fetch(sql, params)[0][0]

    def awaiting_counted_elsewhere(self, awaiting: int) -> None:
        """``awaiting_review`` as a helper counted it, in the state of the project this
        corpus read (the caller made sure: nobody committed in between)."""
        self._awaiting = awaiting

    def review_note(self) -> str | None:
        """The footnote naming the codings left out (None when none are)."""
        return review_note(self.awaiting_review())

    def casus_of(self, fragment: Fragment) -> int:
        return self.docs[fragment.transcript_id].casus_id

    def counted_person(self, participant_id: int | None) -> int | None:
        """The participant id when it counts as a participant (not staff), else None."""
        if participant_id is None or participant_id in self.staff:
            return None
        return participant_id

    def turn_starts(self, transcript_id: int) -> list[int]:
        """Start offsets of the transcript's turns (as ordered in ``turns``), for bisect."""
        if transcript_id not in self._starts:
            self._starts[transcript_id] = [t[1] for t in self.turns.get(transcript_id, [])]
        return self._starts[transcript_id]

    def speaker_of(self, fragment: Fragment) -> str:
        """Who a fragment belongs to, for exports and views: the names of its participants
        (by the attribution rule), else the label of its turn (an interviewer's)."""
        names = [self.people[p].name for p in fragment.participants if p in self.people]
        return ", ".join(names) if names else (fragment.speaker or "")

    def casus_participants(self) -> dict[int, set[int]]:
        """Per casus, its participants who are not interviewers or gespreksleiders."""
        out: dict[int, set[int]] = {c: set() for c in self.casussen}
        for person in self.people.values():
            if person.id not in self.staff:
                out.setdefault(person.casus_id, set()).add(person.id)
        return out

    def text(self, transcript_id: int) -> str:
        """The text of a transcript, loaded on first use (texts are the bulk of a project)."""
        if transcript_id not in self._texts:
            self.load_texts([transcript_id])
        return self._texts[transcript_id]

    def load_texts(self, transcript_ids) -> None:
        wanted = [t for t in set(transcript_ids) if t not in self._texts]
        if not wanted or self._store is None:
            return
        for chunk in _chunks(wanted, 500):
            marks = ", ".join([self._store.placeholder] * len(chunk))
            sql = f"SELECT id, text FROM transcript WHERE id IN ({marks})"
            self._texts.update(self._store.fetch(sql, tuple(chunk)))

    def code_label(self, code_id: str) -> str:
        code = self.codes.get(code_id)
        return code.label if code else code_id


def load_corpus(store, casus_id: int | None = None, coder: str | None = None) -> Corpus:
    """Read casussen, participants, transcripts (without text), codes and clusters.

    Args:
        store: The project store.
        casus_id: Only the transcripts of this casus.
        coder: Only this coder's codings (such as 'consensus'). Without it every coded
            fragment counts once, however many coders applied the same code to it.
    """
    fetch = store.fetch
    casussen = dict(fetch("SELECT id, name FROM casus"))
    people = {
        r[0]: Person(*r)
        for r in fetch("SELECT id, casus_id, label, role, pseudonym FROM participant")
    }
    doc_sql = "SELECT id, name, casus_id, kind, word_count FROM transcript"
    doc_params: tuple = ()
    if casus_id is not None:
        doc_sql, doc_params = doc_sql + f" WHERE casus_id = {store.placeholder}", (casus_id,)
    docs = {r[0]: Doc(*r) for r in fetch(doc_sql, doc_params)}
    codes = {
        r[0]: Code(
            id=r[0],
            family=r[1],
            name=r[2],
            cluster=r[3],
            definition=r[4],
            keywords=tuple(json.loads(r[5]) if isinstance(r[5], str) else r[5] or ()),
            parent=r[6],
            colour=r[7],
            emergent=bool(r[8]),
            sort_order=r[9],
            guid=r[10],
        )
        for r in fetch(
            "SELECT id, family, name, cluster, definition, keywords, parent, colour, "
            "emergent, sort_order, guid FROM code"
        )
    }
    clusters = [
        Cluster(id=r[0], family=r[1], name=r[2], description=r[3])
        for r in fetch("SELECT id, family, name, description FROM cluster ORDER BY sort_order")
    ]
    if casus_id is not None:
        casussen = {casus_id: casussen[casus_id]} if casus_id in casussen else {}
    return Corpus(store, casussen, people, docs, codes, clusters, coder)


def _raw(store, sql: str, params: tuple = ()) -> list[tuple]:
    return store.fetch(sql, params)


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]
