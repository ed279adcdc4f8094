"""Co-occurrence is counted within one coder unless pooled (issue 21, point 9)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

import pytest
from typer.testing import CliRunner

from cmo.analysis.cooccurrence import cooccurrence
from cmo.analysis.corpus import load_corpus
from cmo.cli import app
from cmo.store.coding_indexes import CODING_ORDER_INDEX
from tests.analysis_truth import Truth, expected_turn_counts, table_cells


def test_another_coders_code_in_the_same_turn_is_no_cooccurrence(realist):
    project, ids = realist
    store = project.store
    # joost codes O3 where sanne codes O3.1 on the same words: two readings, not a pair.
    base = store.codings.get(ids["cirkel-r1:laagdrempelig"])
    store.codings.add(base.transcript_id, base.start, base.end, "O3", coder="joost")
    store.codings.add(base.transcript_id, base.start, base.end, "O3.1", coder="sanne")
    truth = Truth(store)
    corpus = load_corpus(store)

    per_coder = cooccurrence(corpus, unit="turn")
    pooled = cooccurrence(corpus, unit="turn", pool=True)
    assert per_coder.coders == "per coder" and pooled.coders == "pooled"
    assert table_cells(per_coder) == dict(expected_turn_counts(truth, per_coder=True))
    assert table_cells(pooled) == dict(expected_turn_counts(truth, per_coder=False))
    assert ("O3", "O3.1") not in table_cells(per_coder)
    assert table_cells(pooled)[("O3", "O3.1")] == 1

    overlap = cooccurrence(corpus, unit="overlap")
    assert ("O3", "O3.1") not in table_cells(overlap)
    assert table_cells(cooccurrence(corpus, unit="overlap", pool=True))[("O3", "O3.1")] == 1

    one = cooccurrence(load_corpus(store, coder="joost"), unit="turn")
    assert one.coders == "coder joost" and one.codes == ["O3"]


def test_the_csv_header_and_the_table_title_say_which_coders(realist, tmp_path):
    project, _ids = realist
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(app, [*args, "-p", str(project.path)])
        assert result.exit_code == 0, result.output
        return result.stdout

    header = next(csv.reader(io.StringIO(run("cooccur", "--format", "csv"))))
    assert header[0] == "code (per codeur)"
    pooled = next(csv.reader(io.StringIO(run("cooccur", "--pool", "--format", "csv"))))
    assert pooled[0] == "code (alle codeurs samen)"
    one = next(csv.reader(io.StringIO(run("cooccur", "--coder", "tweede", "--format", "csv"))))
    assert one[0] == "code (codeur tweede)"
    assert "per codeur" in run("cooccur")
    refused = runner.invoke(
        app, ["cooccur", "--pool", "--coder", "tweede", "-p", str(project.path)]
    )
    assert refused.exit_code != 0


@pytest.mark.parametrize(
    ("coders", "read"), [("xy", "rows"), ("xy", "arrays"), ("uvwxyz", "arrays"), ("xy", "shuffled")]
)
def test_the_turn_sweep_places_codings_by_the_attribution_rule(coders, read):
    """Codings across turns, in the gaps between them and on interviewer text: each lands
    in the turn ``attribute`` shows it in (the one rule every table uses). With a few
    coders each one's codings are read on their own, with more at once and split; read
    as rows (PostgreSQL), as arrays (SQLite), and as arrays of rows stored out of text
    order (sorted or read again)."""
    import random

    from cmo.analysis import code_masks
    from cmo.analysis import cooccurrence as module

    assert (len(coders) <= module.QUERY_PER_CODER_UP_TO) == (coders == "xy")
    from cmo.analysis.corpus import Corpus
    from cmo.analysis.fragments import Doc, Person
    from cmo.core.attribution import attribute

    rng = random.Random(5)
    people = {1: Person(1, 1, "I", "interviewer", ""), 2: Person(2, 1, "R", "", "")}
    people[3] = Person(3, 1, "Ans", "", "")
    checked = cuts = shared = 0
    for _ in range(150):
        turns, codings, cursor = [], [], 0
        for tid in (1, 2):
            for _turn in range(rng.randint(0, 7)):
                start = cursor + rng.randint(0, 3)  # sometimes a gap
                cursor = start + rng.randint(0, 15)  # sometimes an empty turn
                turns.append((tid, start, cursor, rng.choice([1, 2, 3, None])))
            for _c in range(rng.randint(0, 12)):
                s = rng.randint(0, cursor + 2)
                codings.append(
                    (tid, s, s + rng.randint(1, 30), rng.choice("ABC"), rng.choice(coders))
                )
        codings.sort(key=lambda c: (c[0], c[1]))

        store = _SqliteStore(turns, codings, read != "rows", rng if read == "shuffled" else None)
        docs = {t: Doc(t, f"t{t}", 1, "interview", 0) for t in (1, 2)}
        corpus = Corpus(store, {1: "c"}, people, docs, {}, [])
        bit = code_masks.CodeBits()
        sweep = module._sweep_turns(corpus, None)
        masks = code_masks.count_masks(module._units(corpus, list("ABC"), None, True, bit, sweep))
        code_of = {b.bit_length() - 1: code for code, b in bit.items()}
        got = sorted(
            sorted(code_of[i] for i in range(mask.bit_length()) if mask >> i & 1)
            for mask, n in masks.items()
            for _ in range(n)
        )
        want: dict = defaultdict(set)
        for tid in (1, 2):
            mine = [t for t in turns if t[0] == tid]
            spans = [c for c in codings if c[0] == tid]
            placed = attribute([t[1:] for t in mine], [c[1:3] for c in spans], {1}.__contains__)
            for c, (turn, _people) in zip(spans, placed, strict=True):
                if turn is not None:
                    want[(c[4], tid, turn)].add(c[3])
        assert got == sorted(map(sorted, want.values()))
        checked += len(got)
        # Cut at the middle turn (as for a helper), the two parts joined count the same.
        cut = module._cut(sweep)
        for per_coder in (True, False) if cut is not None else ():
            whole = module._units(corpus, list("ABC"), None, per_coder, bit, sweep)
            first, second = (
                module._units(corpus, list("ABC"), None, per_coder, bit, sweep, within)
                for within in ((None, cut[0]), (cut[0], None))
            )
            shared += sum(len(first[c].keys() & second.get(c, {}).keys()) for c in first)
            alone, maybe_shared = code_masks.parted(first, cut[1])
            assert all(t >= cut[1] for units in second.values() for t in units)
            joined = code_masks.count_masks(second)
            joined.update(code_masks.join_change(second, maybe_shared))
            assert +joined + alone == code_masks.count_masks(whole)
            cuts += 1
    assert checked > 500  # the random projects held plenty of coded turns
    assert cuts > 100 and shared > 0  # and were cut, with units on both sides of a cut


def test_overlapping_spans_are_counted_per_coder_and_once_pooled():
    """Every pair of overlapping codings of different codes, recomputed pair by pair:
    within each coder's codings, and pooled over each coded span once."""
    import random

    from cmo.analysis.corpus import Corpus
    from cmo.analysis.fragments import Doc
    from cmo.core.domain import Code

    rng = random.Random(11)
    codes = {c: Code(id=c, family="C", name=f"code {c}", sort_order=i) for i, c in enumerate("ABC")}
    docs = {t: Doc(t, f"t{t}", 1, "interview", 0) for t in (1, 2)}
    nonzero = 0
    for _ in range(60):
        codings = []
        for tid in (1, 2):
            for _c in range(rng.randint(0, 14)):
                s = rng.randint(0, 60)
                codings.append(
                    (tid, s, s + rng.randint(1, 25), rng.choice("ABC"), rng.choice("xy"))
                )
        codings += rng.sample(codings, min(3, len(codings)))  # the same span twice
        codings.sort(key=lambda c: (c[0], c[1]))
        corpus = Corpus(_SqliteStore([], codings), {1: "c"}, {}, docs, codes, [])

        def expected(rows):
            counts: dict = defaultdict(int)
            for i, a in enumerate(rows):
                counts[(a[3], a[3])] += 1
                for b in rows[i + 1 :]:
                    same_text = a[0] == b[0] and max(a[1], b[1]) < min(a[2], b[2])
                    if same_text and a[3] != b[3]:
                        counts[(a[3], b[3])] += 1
                        counts[(b[3], a[3])] += 1
            return counts

        per_coder: dict = defaultdict(int)
        for coder in "xy":
            for key, n in expected([c for c in codings if c[4] == coder]).items():
                per_coder[key] += n
        spans = list(dict.fromkeys(c[:4] for c in codings))
        got = cooccurrence(corpus, unit="overlap")
        pooled = cooccurrence(corpus, unit="overlap", pool=True)
        assert table_cells(got) == dict(per_coder) and got.units == len(codings)
        assert table_cells(pooled) == dict(expected(spans)) and pooled.units == len(spans)
        nonzero += sum(n for (a, b), n in per_coder.items() if a != b)
    assert nonzero > 100  # overlapping pairs were there to count


class _SqliteStore:
    """The tables the turn sweep reads, in an in-memory SQLite database; read as SQLite
    (``is_sqlite``: columns as arrays) or not (rows, as on PostgreSQL); with ``shuffle``
    (a random generator) the rows are stored out of text order."""

    placeholder = "?"

    def __init__(self, turns, codings, is_sqlite=False, shuffle=None):
        import sqlite3

        self.is_sqlite = is_sqlite
        turns = [(t[0], i, *t[1:]) for i, t in enumerate(turns)]  # numbered in text order
        if shuffle is not None:
            turns, codings = (
                shuffle.sample(turns, len(turns)),
                shuffle.sample(codings, len(codings)),
            )

        self.con = sqlite3.connect(":memory:")
        self.con.executescript(
            "CREATE TABLE transcript (id INTEGER PRIMARY KEY);"
            'CREATE TABLE turn (transcript_id, idx, start, "end", participant_id);'
            'CREATE TABLE coding (id INTEGER PRIMARY KEY, transcript_id, start, "end", '
            "code_id, coder, status);"
        )
        if is_sqlite:  # the covering index of the codings, named as in the schema
            # (shuffled, its columns out of text order: what the reader does when the
            # rows it reads are not in order after all)
            columns = "code_id, coder, transcript_id, start" if shuffle else "transcript_id, start"
            self.con.execute(
                f"CREATE INDEX {CODING_ORDER_INDEX} ON coding "
                f'({columns}, id, "end", code_id, coder, status)'
            )
        self.con.executemany("INSERT INTO transcript VALUES (?)", [(1,), (2,)])
        self.con.executemany(
            'INSERT INTO turn (transcript_id, idx, start, "end", participant_id) '
            "VALUES (?, ?, ?, ?, ?)",
            turns,
        )
        self.con.executemany(
            'INSERT INTO coding (transcript_id, start, "end", code_id, coder, status) '
            "VALUES (?, ?, ?, ?, ?, 'ok')",
            codings,
        )

    def fetch(self, sql, params=()):
        return self.con.execute(sql, params).fetchall()


def test_the_reader_names_the_indexes_the_schema_makes():
    """The analyses name the coding indexes they read (the plain schema is held to the
    table classes elsewhere)."""
    from cmo.store.coding_indexes import CODING_CODER_INDEX, CODING_REVIEW_INDEX
    from cmo.store.schema import CodingRow

    named = {CODING_ORDER_INDEX, CODING_CODER_INDEX, CODING_REVIEW_INDEX}
    assert named <= {index.name for index in CodingRow.__table__.indexes}
