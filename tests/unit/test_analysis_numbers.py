"""Every analysis and export against numbers computed independently in the test."""

from __future__ import annotations

import csv
import io
import math

import pytest
from openpyxl import load_workbook

from cmo.analysis.candidates import candidates
from cmo.analysis.cooccurrence import cooccurrence
from cmo.analysis.corpus import load_corpus
from cmo.analysis.fragments import ATTRIBUTION_RULE
from cmo.analysis.frequencies import frequency_table
from cmo.analysis.matrix import cmo_matrices
from cmo.analysis.mechanisms import EMERGENT, mechanism_table
from cmo.export.matrix import HEADERS, write_matrix
from cmo.export.mechanisms import LONG_HEADERS, write_mechanisms
from cmo.export.tabular import csv_text, safe_cell
from tests.analysis_truth import Truth, haberman
from tests.realist_project import CIRKEL, EDE, EVIL, SITTARD


@pytest.fixture
def loaded(realist):
    project, ids = realist
    return project, ids, Truth(project.store), load_corpus(project.store), project.store.cmocs.all()


def read_csv(path, dialect):
    raw = path.read_bytes()
    assert b"\r\n" in raw, "RFC 4180 line ends"
    if dialect == "excel-nl":
        assert raw.startswith(b"\xef\xbb\xbf"), "Dutch Excel needs the BOM"
        return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert not raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), delimiter=","))


def number(text: str) -> float:
    return float(text.replace(",", "."))


def test_frequencies_per_casus_match_the_codings(loaded):
    _project, _ids, truth, corpus, _cmocs = loaded
    expected = truth.counts_per_casus()
    table = frequency_table(corpus, by="casus")
    assert table.cols == sorted({truth.casus_of(c) for c in truth.codings})
    assert set(table.rows) == {code for code, _ in expected}
    for i, code in enumerate(table.rows):
        for j, casus in enumerate(table.cols):
            assert table.counts[i][j] == expected.get((code, casus), 0)
    totals = {casus: sum(n for (_, c), n in expected.items() if c == casus) for casus in table.cols}
    for i in range(len(table.rows)):
        for j, casus in enumerate(table.cols):
            assert table.rates[i][j] == pytest.approx(
                100 * table.counts[i][j] / totals[casus], abs=1e-3
            )
    # Adjusted residuals by the textbook formula.
    for got, want in zip(table.residuals, haberman(table.counts), strict=True):
        assert got == pytest.approx(want, abs=1e-3)


def test_frequencies_per_1000_words_and_per_participant(loaded):
    _project, _ids, truth, corpus, _cmocs = loaded
    expected = truth.counts_per_casus(family="M")
    words = truth.words_per_casus()
    table = frequency_table(corpus, by="casus", family="M", per="1000-words")
    assert all(corpus.codes[c].family == "M" for c in table.rows)
    for i, code in enumerate(table.rows):
        for j, casus in enumerate(table.cols):
            want = 1000 * expected.get((code, casus), 0) / words[casus]
            assert table.rates[i][j] == pytest.approx(want, abs=1e-3)
    per_person = frequency_table(corpus, by="casus", per="participants")
    for j, casus in enumerate(per_person.cols):
        assert per_person.denominators[j] == len(truth.members(casus))


def test_residuals_of_a_two_by_two_table_are_the_root_of_chi_square(loaded):
    from cmo.analysis.frequencies import adjusted_residuals

    counts = [[30, 10], [10, 30]]
    _expected, residuals, chi2, df, v, small = adjusted_residuals(counts)
    assert df == 1 and small == 0
    assert abs(residuals[0][0]) == pytest.approx(math.sqrt(chi2), abs=1e-3)
    assert residuals[0][0] == pytest.approx(-residuals[0][1], abs=1e-9)
    assert v == pytest.approx(math.sqrt(chi2 / 80), abs=1e-3)


def test_frequencies_by_participant_leave_out_interviewers(loaded):
    _project, _ids, truth, corpus, _cmocs = loaded
    table = frequency_table(corpus, by="participant")
    said = [c for c in truth.codings if truth.person_of(c) is not None]
    assert sum(map(sum, table.counts)) == len(said)
    assert len(truth.codings) - len(said) == 1  # the interviewer's coded question
    assert EVIL in table.cols
    assert table.notes and "1 fragmenten" in table.notes[0]


def test_participants_per_mechanism_and_the_mechanism_table(loaded, tmp_path):
    _project, _ids, truth, corpus, items = loaded
    table = mechanism_table(corpus, items)
    people = truth.participants_per_code()
    counts = truth.counts_per_casus()
    assert table.casussen == [CIRKEL, SITTARD, EDE]
    names = [g.name for g in table.groups]
    assert names[:4] == [
        "Opbrengsten",
        "Zelfeffectiviteit",
        "Relatie klantmanager–klant",
        "Belemmeringen",
    ]
    # X1 is an emergent context code: not a mechanism, so not in the mechanism table.
    assert EMERGENT not in names
    m_codes = {c.id for c in truth.codes.values() if c.family == "M"}
    listed = {row.code for _g, row in table.rows()}
    assert listed == m_codes and "X1" not in listed
    for _group, row in table.rows():
        for casus, cell in zip(table.casussen, row.cells, strict=True):
            assert cell.fragments == counts.get((row.code, casus), 0)
            assert cell.participants == len(people.get((row.code, casus), set()))
            assert cell.casus_participants == len(truth.members(casus))
            # Quotes come from participants; an interviewer only when nobody else has one.
            said = [
                c
                for c in truth.codings
                if c.code_id == row.code and truth.casus_of(c) == casus and truth.person_of(c)
            ]
            assert len(cell.quotes) == min(2, len(said) or cell.fragments)
    # Fired counts from CMOCs: M3b in Sittard has CMOC-03 (not fired) and the project-wide
    # CMOC-02 (mixed, with evidence there); in De Cirkel only CMOC-02.
    m3b = next(r for _g, r in table.rows() if r.code == "M3b")
    assert (m3b.cells[1].fired, m3b.cells[1].not_fired, m3b.cells[1].mixed) == (0, 1, 1)
    assert (m3b.cells[0].fired, m3b.cells[0].not_fired, m3b.cells[0].mixed) == (0, 0, 1)

    for dialect in ("rfc", "excel-nl"):
        path = tmp_path / f"mech-{dialect}.csv"
        write_mechanisms(path, table, "csv", dialect)
        rows = read_csv(path, dialect)
        assert rows[0] == LONG_HEADERS
        assert len(rows) - 1 == len(listed) * 3
        if dialect == "excel-nl":
            assert any("," in line[10] for line in rows[1:]), "decimal comma"
        for line in rows[1:]:
            code, casus = line[2], line[6]
            assert int(line[7]) == counts.get((code, casus), 0)
            assert int(line[8]) == len(people.get((code, casus), set()))
            assert number(line[10]) == pytest.approx(
                len(people.get((code, casus), set())) / len(truth.members(casus)), abs=1e-4
            )

    path = tmp_path / "mech.xlsx"
    write_mechanisms(path, table, "xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Overzicht", CIRKEL, SITTARD[:31], EDE, "Toelichting"]
    assert book["Toelichting"]["A2"].value == ATTRIBUTION_RULE
    overview = book["Overzicht"]
    assert overview.freeze_panes == "A2"
    assert overview.cell(1, 4).value == f"{CIRKEL}: fragmenten"
    for r, (_group, row) in enumerate(table.rows(), start=2):
        assert overview.cell(r, 2).value == row.code
        for j, casus in enumerate(table.casussen):
            assert overview.cell(r, 4 + 4 * j).value == counts.get((row.code, casus), 0)
            assert overview.cell(r, 5 + 4 * j).value == len(people.get((row.code, casus), ()))
    sheet = book[CIRKEL]
    assert [c.value for c in sheet[1]] == LONG_HEADERS
    assert sheet.cell(2, 15).alignment.wrap_text
    assert sheet.column_dimensions["O"].width >= 40


def test_matrix_rows_and_evidence_match_the_cmocs(loaded, tmp_path):
    _project, _ids, truth, corpus, items = loaded
    overview, *per_casus = cmo_matrices(corpus, items)
    assert [m.scope for m in per_casus] == [CIRKEL, SITTARD, EDE]
    assert [r.id for r in overview.rows] == [x.id for x in items]
    for x, row in zip(items, overview.rows, strict=True):
        assert row.fragments == len(truth.evidence(x))
        assert row.participants == truth.evidence_participants(x)
        assert sorted(e.coding_id for e in row.evidence) == sorted(c.id for c in truth.evidence(x))
    # CMOC-01 links the same fragment from two coders: one fragment, not two.
    assert len(items[0].evidence) == 4 and overview.rows[0].fragments == 3
    for matrix in per_casus:
        casus_id = next(i for i, n in truth.casus_name.items() if n == matrix.scope)
        want = [
            x
            for x in items
            if x.casus_id == casus_id or (x.casus_id is None and truth.evidence(x, matrix.scope))
        ]
        assert [r.id for r in matrix.rows] == [x.id for x in want]
        for x, row in zip(want, matrix.rows, strict=True):
            scope = matrix.scope if x.casus_id is None else None
            assert row.fragments == len(truth.evidence(x, scope))
            assert row.participants == truth.evidence_participants(x, scope)
    evil = next(r for r in overview.rows if r.id == "CMOC-04")
    assert {e.speaker for e in evil.evidence} == {EVIL}
    quote = next(e for e in evil.evidence if e.code_id == "M4")
    assert quote.quote == "Door de schuldhulp" and quote.transcript == "cirkel-fg"
    assert quote.turn == 2

    for dialect in ("rfc", "excel-nl"):
        path = tmp_path / f"matrix-{dialect}.csv"
        write_matrix(path, [overview, *per_casus], "csv", dialect)
        rows = read_csv(path, dialect)
        assert rows[0] == HEADERS
        assert [r[0] for r in rows[1:]] == [x.id for x in items]
        for line, row in zip(rows[1:], overview.rows, strict=True):
            assert int(line[10]) == row.fragments and int(line[11]) == row.participants
            assert line[12].count("\n") == len(row.evidence) - 1
        path = tmp_path / f"evidence-{dialect}.csv"
        write_matrix(path, [overview], "csv", dialect, layout="evidence")
        rows = read_csv(path, dialect)
        assert len(rows) - 1 == sum(len(truth.evidence(x)) for x in items)
        speakers = {line[5] for line in rows[1:]}
        assert "'" + EVIL in speakers and EVIL not in speakers

    path = tmp_path / "matrix.xlsx"
    write_matrix(path, [overview, *per_casus], "xlsx", layout="evidence")
    book = load_workbook(path)
    assert book.sheetnames == ["Overzicht", CIRKEL, SITTARD[:31], EDE, "Bewijs", "Toelichting"]
    assert book["Toelichting"]["A2"].value == ATTRIBUTION_RULE
    for name, matrix in zip(book.sheetnames, [overview, *per_casus], strict=False):
        sheet = book[name]
        assert [c.value for c in sheet[1]] == HEADERS
        assert sheet.freeze_panes == "A2"
        assert sheet.cell(1, 1).font.bold
        assert sheet.column_dimensions["M"].width == 80
        assert sheet.max_row == len(matrix.rows) + 1
        for r, row in enumerate(matrix.rows, start=2):
            assert sheet.cell(r, 1).value == row.id
            assert sheet.cell(r, 11).value == row.fragments
            assert sheet.cell(r, 12).value == row.participants
            assert sheet.cell(r, 13).alignment.wrap_text
            assert sheet.cell(r, 13).value == "\n".join(e.line() for e in row.evidence)
            speakers = sheet.cell(r, 15)
            if row.id == "CMOC-04":  # said only by the speaker whose name is a formula
                assert speakers.value == "'" + EVIL and speakers.data_type == "s"
    evidence = book["Bewijs"]
    speakers = [evidence.cell(r, 6) for r in range(2, evidence.max_row + 1)]
    evil_cells = [c for c in speakers if "HYPERLINK" in str(c.value)]
    assert evil_cells and all(c.data_type == "s" and c.value == "'" + EVIL for c in evil_cells)


def test_formula_like_text_is_neutralised_everywhere(loaded, tmp_path):
    project, _ids, _truth, _corpus, _items = loaded

    project.store.cmocs.add(
        title="=1+2",
        mechanisms=["M1a"],
        memo="@SUM(A1)",
        resource="-3+4",
        reasoning="+31 6",
        actor="tester",
    )
    corpus = load_corpus(project.store)
    matrices = cmo_matrices(corpus, project.store.cmocs.all())
    for value in ("=x", "+x", "-x", "@x", "\tx", "\rx"):
        assert safe_cell(value) == "'" + value
    assert safe_cell(-3) == -3 and safe_cell("x=1") == "x=1"
    path = tmp_path / "m.xlsx"
    write_matrix(path, matrices, "xlsx")
    sheet = load_workbook(path)["Overzicht"]
    last = sheet.max_row
    assert sheet.cell(last, 2).value == "'=1+2" and sheet.cell(last, 2).data_type == "s"
    assert sheet.cell(last, 6).value == "'-3+4"
    assert sheet.cell(last, 14).value == "'@SUM(A1)"
    text = csv_text(__import__("cmo.export.matrix", fromlist=["x"]).matrix_sheet(matrices[0]))
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'=1+2" in cells and not any(c.startswith(("=", "+", "-", "@")) for c in cells)


def test_candidates_rank_configurations_by_participants(loaded):
    _project, _ids, truth, corpus, items = loaded
    same_turn = candidates(corpus, window=0, cmocs=items)
    # Independently: turns holding a C, an M and an O coding.
    by_turn: dict = {}
    for c in truth.codings:
        turn = truth.turn_of(c)
        by_turn.setdefault((c.transcript_id, turn.index), []).append(c)
    triples = set()
    for (tid, _index), found in by_turn.items():
        fams = {f: [c.code_id for c in found if truth.codes[c.code_id].family == f] for f in "CMO"}
        casus = truth.casus_name[truth.transcripts[tid].casus_id]
        triples |= {(casus, c, m, o) for c in fams["C"] for m in fams["M"] for o in fams["O"]}
    assert {(x.casus, x.context, x.mechanism, x.outcome) for x in same_turn} == triples
    wide = candidates(corpus, window=1, cmocs=items)
    assert len(wide) > len(same_turn)
    assert [x.participants for x in wide] == sorted((x.participants for x in wide), reverse=True)
    first = wide[0]
    people = {
        truth.person_of(c).id
        for c in truth.codings
        if c.id in first.evidence and truth.person_of(c)
    }
    assert first.participants == len(people) == 2
    covered = next(x for x in wide if (x.context, x.mechanism, x.outcome) == ("C1", "M3c", "O2"))
    assert covered.covered_by == ("CMOC-01",)


def test_cooccurrence_in_turns_and_overlaps(loaded):
    _project, _ids, truth, corpus, _items = loaded
    table = cooccurrence(corpus, unit="turn", pool=True)
    index = {c: i for i, c in enumerate(table.codes)}
    turns_with = {}
    for c in truth.codings:
        turns_with.setdefault(c.code_id, set()).add((c.transcript_id, truth.turn_of(c).index))
    for a in table.codes:
        for b in table.codes:
            want = len(turns_with[a]) if a == b else len(turns_with[a] & turns_with[b])
            assert table.counts[index[a]][index[b]] == want
    overlap = cooccurrence(corpus, unit="overlap", pool=True)
    i, j = overlap.codes.index("C3"), overlap.codes.index("X1")
    assert overlap.counts[i][j] == 2  # 'buurvrouw' and 'Mijn zus' lie inside C3 fragments
