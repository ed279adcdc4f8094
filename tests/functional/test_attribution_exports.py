"""Speakers, participants, attribution and exported cells on transcripts written for each
case: role labels once, the same generic label in two interviews, a named person in two,
a coding over question and answer, a coding across two speakers, a 5,000-character and
a 40,000-character quote; and speaker corrections that keep codings and can be undone."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from cmo.analysis.corpus import load_corpus
from cmo.analysis.fragments import ATTRIBUTION_RULE
from cmo.analysis.frequencies import frequency_table
from cmo.analysis.matrix import cmo_matrices
from cmo.analysis.mechanisms import mechanism_table
from cmo.core.text import CELL_LIMIT, find_quote
from cmo.export.matrix import matrix_markdown, write_matrix
from cmo.export.mechanisms import write_mechanisms
from cmo.ingest.service import import_files
from tests.cli import run_cmo

INT1 = """Interview 1 Participatiehuis
Aanwezig: Interviewer, Deelnemer

Interviewer: Hoe kwam u bij het Participatiehuis?
Deelnemer: Via de klantmanager. Die zei dat het laagdrempelig was.
Interviewer: En wat leverde het op?
[00:05:48] Deelnemer: Ik vind dat ik weer structuur heb.
Mevrouw Jansen: Dat zie ik ook bij haar.
"""
INT2 = """Interviewer: Wat bracht u hier?
Deelnemer: Mijn buurvrouw nam me mee.
Mevrouw Jansen: Ja, dat klopt helemaal.
"""
SENTENCE = "Ik kwam hier elke dinsdag en de klantmanager dacht met me mee over werk. "
LONG = (SENTENCE * 75).strip()  # 5,400 characters
OTHER = "Daarna ging het beter met mijn schulden, want de schuldhulp regelde veel. "
HUGE = (OTHER * 600).strip()  # 45,000 characters
INT3 = (
    f"Interviewer: Vertel eens.\nRespondent: {LONG}\nInterviewer: En verder?\nRespondent: {HUGE}\n"
)


@pytest.fixture
def case(project, tmp_path):
    files = {"int-1": INT1, "int-2": INT2, "int-3": INT3}
    for name, text in files.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    store = project.store
    import_files(store, [tmp_path / "int-1.txt", tmp_path / "int-2.txt"], casus="Sittard")
    import_files(store, [tmp_path / "int-3.txt"], casus="Ede")
    ids = {}

    def code(transcript, first, last, code_id, key):
        t = store.transcripts.get(transcript)
        start = find_quote(t.text, first)[0][0]
        end = find_quote(t.text, last)[-1][1]
        ids[key] = store.codings.add(t.id, start, end, code_id, coder="tester").id

    code("int-1", "Hoe kwam u", "laagdrempelig was.", "C1", "question+answer")
    code("int-1", "En wat leverde het op?", "En wat leverde het op?", "M3c", "interviewer")
    code("int-1", "Ik vind dat", "ook bij haar.", "M1c", "across")
    code("int-2", "Mijn buurvrouw", "nam me mee.", "C3", "buurvrouw")
    code("int-2", "Ja, dat klopt", "helemaal.", "M1c", "klopt")
    code("int-3", LONG[:40], LONG[-40:], "M2a", "long")
    code("int-3", HUGE[:40], HUGE[-60:], "O2", "huge")
    store.cmocs.add(
        title="structuur",
        contexts=["C1"],
        mechanisms=["M1c"],
        outcomes=["O2"],
        evidence=[ids["question+answer"], ids["across"], ids["interviewer"], ids["long"]],
        actor="tester",
    )
    store.cmocs.add(title="lang", mechanisms=["M2a"], evidence=[ids["huge"]], actor="tester")
    return project, ids


def labels(store, casus):
    return sorted(p.label for p in store.participants.all(casus))


def test_speakers_and_participant_identity(case):
    project, _ids = case
    store = project.store
    # Deelnemer in two interviews is two people; Mevrouw Jansen in both is one.
    assert labels(store, "Sittard") == [
        "Mevrouw Jansen",
        "int-1/Deelnemer",
        "int-1/Interviewer",
        "int-2/Deelnemer",
        "int-2/Interviewer",
    ]
    turns = store.transcripts.turns("int-1")
    assert [t.speaker for t in turns] == [
        "Interviewer",
        "Deelnemer",
        "Interviewer",
        "Deelnemer",
        "Mevrouw Jansen",
    ]
    assert turns[3].timestamp == "00:05:48"
    roles = {p.label: p.role for p in store.participants.all("Sittard")}
    assert roles["int-1/Interviewer"] == "interviewer" and roles["Mevrouw Jansen"] == ""


def test_attribution_in_the_frequencies_by_participant(case):
    project, _ids = case
    table = frequency_table(load_corpus(project.store), by="participant")
    cells = {
        (code, col): table.counts[i][j]
        for i, code in enumerate(table.rows)
        for j, col in enumerate(table.cols)
        if table.counts[i][j]
    }
    assert cells == {
        ("C1", "int-1/Deelnemer"): 1,  # question + answer: the respondent's
        ("M1c", "int-1/Deelnemer"): 1,  # across two speakers: both
        ("M1c", "Mevrouw Jansen"): 2,
        ("C3", "int-2/Deelnemer"): 1,
        ("M2a", "int-3/Respondent"): 1,
        ("O2", "int-3/Respondent"): 1,
    }
    assert "1 fragmenten zonder deelnemer" in table.notes[0]  # the interviewer's question
    assert ATTRIBUTION_RULE in table.notes


def test_attribution_in_the_mechanism_table_and_the_matrix(case, tmp_path):
    project, ids = case
    corpus = load_corpus(project.store)
    table = mechanism_table(corpus, project.store.cmocs.all())
    m1c = next(row for _g, row in table.rows() if row.code == "M1c")
    sittard = table.casussen.index("Sittard")
    assert m1c.cells[sittard].fragments == 2
    assert m1c.cells[sittard].participants == 2  # int-1/Deelnemer and Mevrouw Jansen
    assert m1c.cells[sittard].casus_participants == 3
    overview = cmo_matrices(load_corpus(project.store), project.store.cmocs.all())[0]
    row = next(r for r in overview.rows if r.title == "structuur")
    # int-1/Deelnemer (question+answer, across), Mevrouw Jansen (across), int-3/Respondent;
    # the interviewer's own question counts as a fragment but for nobody.
    assert row.fragments == 4 and row.participants == 3
    speakers = {e.coding_id: e.speaker for e in row.evidence}
    assert speakers[ids["question+answer"]] == "int-1/Deelnemer"
    assert speakers[ids["across"]] == "int-1/Deelnemer, Mevrouw Jansen"
    assert speakers[ids["interviewer"]] == "Interviewer"  # its label shown, never counted


def test_exported_evidence_is_whole_with_bracketed_speakers(case, tmp_path):
    project, ids = case
    matrices = cmo_matrices(load_corpus(project.store), project.store.cmocs.all())
    path = tmp_path / "matrix.xlsx"
    write_matrix(path, matrices, "xlsx", layout="evidence")
    book = load_workbook(path)
    sheet = book["Bewijs"]
    headers = [c.value for c in sheet[1]]
    quote_col, id_col = headers.index("Citaat"), headers.index("Codering")
    quotes = {row[id_col].value: row[quote_col].value for row in sheet.iter_rows(min_row=2)}
    assert quotes[ids["question+answer"]] == (
        "[Interviewer] Hoe kwam u bij het Participatiehuis?\n"
        "[Deelnemer] Via de klantmanager. Die zei dat het laagdrempelig was."
    )
    assert quotes[ids["across"]] == (
        "[Deelnemer] Ik vind dat ik weer structuur heb.\n[Mevrouw Jansen] Dat zie ik ook bij haar."
    )
    assert quotes[ids["long"]] == LONG  # 5,400 characters, whole
    huge = quotes[ids["huge"]]
    assert len(huge) <= CELL_LIMIT and "[ingekort: " in huge
    kept = huge.split(" […] [ingekort")[0]
    assert HUGE.startswith(kept) and kept.endswith("regelde veel.")
    assert book["Toelichting"]["A2"].value == ATTRIBUTION_RULE
    # CSV, one row per evidence fragment: the same whole text.
    csv_path = tmp_path / "evidence.csv"
    write_matrix(csv_path, matrices, "csv", layout="evidence")
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    by_id = {int(r[8]): r[7] for r in rows[1:]}
    assert by_id[ids["long"]] == LONG and by_id[ids["across"]] == quotes[ids["across"]]


def test_markdown_quotes_are_short_and_cut_between_words(case):
    project, _ids = case
    text = matrix_markdown(cmo_matrices(load_corpus(project.store), project.store.cmocs.all()))
    line = next(x for x in text.splitlines() if "int-3" in x and "M2a" in x)
    quote = line.split("“", 1)[1].rsplit("”", 1)[0]
    head, tail = quote.split(" […] ")
    assert len(quote) < 200 and LONG.startswith(head) and LONG.endswith(tail)
    assert head.endswith("werk.")  # at a sentence end
    assert text.rstrip().endswith(f"_{ATTRIBUTION_RULE}_")


def test_mechanism_exports_carry_the_rule_and_whole_quotes(case, tmp_path):
    project, _ids = case
    table = mechanism_table(load_corpus(project.store), project.store.cmocs.all())
    path = tmp_path / "mech.xlsx"
    write_mechanisms(path, table, "xlsx")
    book = load_workbook(path)
    assert book.sheetnames[-1] == "Toelichting"
    ede = book["Ede"]
    cells = [c.value for row in ede.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert any(LONG in c for c in cells)
    md = tmp_path / "mech.md"
    write_mechanisms(md, table, "md")
    assert ATTRIBUTION_RULE in md.read_text(encoding="utf-8")


def test_participant_split_merge_and_undo_keep_codings(case):
    project, _ids = case
    store = project.store
    before = [(c.id, c.transcript_id, c.start, c.end, c.code_id) for c in store.codings.all()]

    def m1c_people():
        table = mechanism_table(load_corpus(store), store.cmocs.all())
        row = next(r for _g, r in table.rows() if r.code == "M1c")
        return row.cells[table.casussen.index("Sittard")].participants

    assert m1c_people() == 2
    store.participants.split("Mevrouw Jansen", "Sittard", actor="tester")
    assert "int-1/Mevrouw Jansen" in labels(store, "Sittard")
    assert "Mevrouw Jansen" not in labels(store, "Sittard")
    assert m1c_people() == 3
    store.history.undo("tester")
    assert "Mevrouw Jansen" in labels(store, "Sittard") and m1c_people() == 2
    store.participants.merge("int-1/Deelnemer", "int-2/Deelnemer", actor="tester")
    assert "int-2/Deelnemer" not in labels(store, "Sittard")
    assert {t.speaker for t in store.transcripts.turns("int-2")} == {
        "Interviewer",
        "Deelnemer",
        "Mevrouw Jansen",
    }
    store.history.undo("tester")
    assert "int-2/Deelnemer" in labels(store, "Sittard")
    store.history.redo("tester")
    assert "int-2/Deelnemer" not in labels(store, "Sittard")
    after = [(c.id, c.transcript_id, c.start, c.end, c.code_id) for c in store.codings.all()]
    assert after == before


def test_turn_relabel_and_split_keep_codings_and_undo(case):
    project, ids = case
    store = project.store
    t = store.transcripts.get("int-2")
    codings = [(c.id, c.start, c.end) for c in store.codings.all()]
    store.participants.relabel_turn("int-2", 1, "Cliënt", actor="tester")
    turn = store.transcripts.turns("int-2")[1]
    person = store.participants.by_id()[turn.participant_id]
    assert (turn.speaker, person.label, person.role) == ("Cliënt", "int-2/Cliënt", "cliënt")
    assert "int-2/Deelnemer" not in labels(store, "Sittard")  # no turn left: no participant
    store.history.undo("tester")
    assert store.transcripts.turns("int-2")[1].speaker == "Deelnemer"
    assert "int-2/Deelnemer" in labels(store, "Sittard")
    ((at, _),) = find_quote(t.text, "nam me mee")
    store.participants.split_turn("int-2", 1, at, speaker="Vrouw", actor="tester")
    turns = store.transcripts.turns("int-2")
    assert [(u.index, u.speaker) for u in turns] == [
        (0, "Interviewer"),
        (1, "Deelnemer"),
        (2, "Vrouw"),
        (3, "Mevrouw Jansen"),
    ]
    assert t.text[turns[1].start : turns[1].end] == "Mijn buurvrouw"
    assert t.text[turns[2].start : turns[2].end] == "nam me mee."
    assert [(c.id, c.start, c.end) for c in store.codings.all()] == codings
    store.history.undo("tester")
    assert len(store.transcripts.turns("int-2")) == 3


def test_dry_run_prints_speakers_and_changes_nothing(project, tmp_path):
    source = tmp_path / "int-1.txt"
    source.write_text(INT1, encoding="utf-8")
    folder = project.path
    result = run_cmo("import", str(source), "--casus", "Sittard", "--dry-run", cwd=folder)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "int-1 (interview, casus 'Sittard'): 5 turns" in out
    assert "header (no turn): Interview 1 Participatiehuis Aanwezig: Interviewer, Deelnemer" in out
    line = next(x for x in out.splitlines() if x.startswith("Mevrouw Jansen"))
    assert line.split()[:4] == ["Mevrouw", "Jansen", "Mevrouw", "Jansen"]
    assert line.endswith("Dat zie ik ook bij haar.")
    deelnemer = next(x for x in out.splitlines() if x.startswith("Deelnemer"))
    assert deelnemer.split()[:4] == ["Deelnemer", "int-1/Deelnemer", "2", "16"]
    assert "Dry run: nothing was imported." in out
    assert project.store.transcripts.all() == [] and project.store.participants.all() == []
    real = run_cmo("import", str(source), "--casus", "Sittard", cwd=folder)
    assert real.returncode == 0 and real.stdout.startswith("Imported 1 transcript(s)")
    words = int(real.stdout.split(" turns, ")[1].split()[0])
    listed = json.loads(run_cmo("transcripts", "--json", cwd=folder).stdout)
    assert listed[0]["words"] == words  # one word count everywhere


def test_success_goes_to_stdout_and_errors_to_stderr(tmp_path):
    made = run_cmo("init", str(tmp_path / "p"), cwd=tmp_path)
    assert made.returncode == 0 and made.stdout.startswith("Created project 'p'")
    assert made.stderr == ""
    bad = run_cmo("import", "missing.txt", "--casus", "A", cwd=tmp_path / "p")
    assert bad.returncode != 0 and bad.stdout == ""
    assert bad.stderr.strip() == "cmo: error: missing.txt: no such file"
