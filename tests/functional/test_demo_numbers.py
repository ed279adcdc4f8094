"""The demo project's tables against numbers computed independently from its codings."""

from __future__ import annotations

import csv
import io

import pytest

from cmo.analysis.candidates import candidates
from cmo.analysis.corpus import load_corpus
from cmo.analysis.frequencies import frequency_table
from cmo.analysis.mechanisms import mechanism_table
from cmo.export.mechanisms import write_mechanisms
from cmo.store.project import open_project
from tests.analysis_truth import Truth


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_factory):
    path = demo_factory(tmp_path_factory.mktemp("demo") / "demo-project")
    with open_project(path) as proj:
        best = candidates(load_corpus(proj.store), window=1, top=1)[0]
        proj.store.cmocs.add(
            title="demo",
            casus_id=best.casus_id,
            contexts=[best.context],
            mechanisms=[best.mechanism],
            outcomes=[best.outcome],
            evidence=list(best.evidence),
            actor="test",
        )
        yield proj


def test_demo_frequencies_per_casus_and_per_1000_words(demo):
    truth = Truth(demo.store)
    assert len(truth.all_codings) > len(truth.codings)  # the demo has double-coded fragments
    counts, words = truth.counts_per_casus(), truth.words_per_casus()
    for per in ("fragments", "1000-words"):
        table = frequency_table(load_corpus(demo.store), by="casus", per=per)
        assert sum(map(sum, table.counts)) == len(truth.codings)
        for i, code in enumerate(table.rows):
            for j, casus in enumerate(table.cols):
                n = counts.get((code, casus), 0)
                assert table.counts[i][j] == n
                if per == "1000-words":
                    assert table.rates[i][j] == pytest.approx(1000 * n / words[casus], abs=1e-3)


def test_demo_mechanism_table_participants_per_mechanism(demo, tmp_path):
    truth = Truth(demo.store)
    table = mechanism_table(load_corpus(demo.store), demo.store.cmocs.all())
    people, counts = truth.participants_per_code(), truth.counts_per_casus()
    path = tmp_path / "mech.csv"
    write_mechanisms(path, table, "csv", "excel-nl")
    rows = list(
        csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";")
    )[1:]
    m_codes = sorted(c.id for c in truth.codes.values() if c.family == "M")
    assert sorted({r[2] for r in rows}) == m_codes  # M5 is the demo's emergent mechanism
    # Fired / not fired, counted from the CMOCs themselves: a CMOC of one casus counts
    # there; a project-wide one in every casus where it has evidence.
    casus_names = {c.id: c.name for c in demo.store.casussen.all()}
    transcript_casus = {t.id: t.casus_id for t in demo.store.transcripts.all()}
    coding_casus = {c.id: transcript_casus[c.transcript_id] for c in demo.store.codings.all()}
    expected: dict[tuple[str, str, str], int] = {}
    for cmoc in demo.store.cmocs.all():
        where = (
            {cmoc.casus_id}
            if cmoc.casus_id is not None
            else {coding_casus[c] for c in cmoc.evidence}
        )
        for casus_id in where:
            for code in cmoc.mechanisms:
                key = (code, casus_names[casus_id], cmoc.fired)
                expected[key] = expected.get(key, 0) + 1
    assert sum(v for (_, _, f), v in expected.items() if f == "geactiveerd") >= 5
    for row in rows:
        code, casus = row[2], row[6]
        assert int(row[7]) == counts.get((code, casus), 0)
        assert int(row[8]) == len(people.get((code, casus), ()))
        assert int(row[9]) == len(truth.members(casus))
        assert int(row[11]) == expected.get((code, casus, "geactiveerd"), 0), row
        assert int(row[12]) == expected.get((code, casus, "niet geactiveerd"), 0), row
        assert int(row[13]) == expected.get((code, casus, "gemengd"), 0), row


def test_demo_frequencies_by_participant_follow_the_attribution_rule(demo):
    truth = Truth(demo.store)
    table = frequency_table(load_corpus(demo.store), by="participant")
    expected: dict[tuple[str, int], int] = {}
    left_out = 0
    for c in truth.codings:
        people = truth.people_of(c)
        left_out += not people
        for person in people:
            expected[(c.code_id, person.id)] = expected.get((c.code_id, person.id), 0) + 1
    names = {}
    for p in truth.people.values():
        if p.role not in ("interviewer", "gespreksleider"):
            shown = p.pseudonym or p.label
            names.setdefault(shown, []).append(p)
    label_of = {}
    for shown, people in names.items():
        for p in people:
            label_of[p.id] = (
                shown if len(people) == 1 else f"{shown} ({truth.casus_name[p.casus_id]})"
            )
    got = {
        (code, col): table.counts[i][j]
        for i, code in enumerate(table.rows)
        for j, col in enumerate(table.cols)
        if table.counts[i][j]
    }
    assert got == {(code, label_of[pid]): n for (code, pid), n in expected.items()}
    assert sum(expected.values()) > 50
    if left_out:
        assert f"{left_out} fragmenten zonder deelnemer" in table.notes[0]


def test_demo_cmo_matrix_counts(demo):
    from cmo.analysis.matrix import cmo_matrices

    truth = Truth(demo.store)
    items = demo.store.cmocs.all()
    matrices = cmo_matrices(load_corpus(demo.store), items)
    overview, per_casus = matrices[0], matrices[1:]
    assert [r.id for r in overview.rows] == [x.id for x in items]
    for row, cmoc in zip(overview.rows, items, strict=True):
        assert row.fragments == len(truth.evidence(cmoc))
        assert row.participants == truth.evidence_participants(cmoc)
    checked = 0
    for matrix in per_casus:
        for row in matrix.rows:
            cmoc = next(x for x in items if x.id == row.id)
            scope = matrix.scope if cmoc.casus_id is None else None
            assert row.fragments == len(truth.evidence(cmoc, scope))
            assert row.participants == truth.evidence_participants(cmoc, scope)
            checked += 1
    assert checked >= len(items)
