"""Co-occurrence is counted within one coder unless pooled (issue 21, point 9)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from itertools import combinations

from typer.testing import CliRunner

from cmo.analysis.cooccurrence import cooccurrence
from cmo.analysis.corpus import load_corpus
from cmo.cli import app
from tests.analysis_truth import Truth


def _expected_turn_counts(truth: Truth, per_coder: bool) -> dict[tuple[str, str], int]:
    """Recomputed from the store's codings: units are (coder, turn) or turns."""
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


def _cells(table) -> dict[tuple[str, str], int]:
    return {
        (a, b): table.counts[i][j]
        for i, a in enumerate(table.codes)
        for j, b in enumerate(table.codes)
        if table.counts[i][j]
    }


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
    assert _cells(per_coder) == dict(_expected_turn_counts(truth, per_coder=True))
    assert _cells(pooled) == dict(_expected_turn_counts(truth, per_coder=False))
    assert ("O3", "O3.1") not in _cells(per_coder)
    assert _cells(pooled)[("O3", "O3.1")] == 1

    overlap = cooccurrence(corpus, unit="overlap")
    assert ("O3", "O3.1") not in _cells(overlap)
    assert _cells(cooccurrence(corpus, unit="overlap", pool=True))[("O3", "O3.1")] == 1

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
