"""Pseudonyms for participants, name proposals, and applying them without losing codings."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cmo.analysis.pseudonymise import (
    apply_proposals,
    assign_pseudonyms,
    propose,
    set_pseudonym,
)
from cmo.core.domain import Participant
from cmo.core.pseudonyms import (
    Replacement,
    apply_replacements,
    display_name,
    new_pseudonyms,
    offset_mapper,
)

INTERVIEW = """Interview klantmanager

Interviewer: Hoe werkt u samen met De Cirkel?
Marieke: Ik verwijs veel mensen door. Fatima bijvoorbeeld kwam hier via mij.
Zij woont in Almere Haven. Meneer Jansen vond het eerst lastig.
Interviewer: En hoe reageerde Fatima daarop?
Marieke: Heel positief. Ze zegt nu: Marieke, ik ga elke dinsdag.
"""


def _person(id_, label, role="", pseudonym=""):
    return Participant(id=id_, casus_id=1, label=label, role=role, pseudonym=pseudonym)


def test_pseudonyms_by_role_are_stable_and_continue_numbering():
    people = [
        _person(1, "t1/R", "cliënt", "R01"),
        _person(2, "Marieke", "klantmanager"),
        _person(3, "fg/D3"),
        _person(4, "t2/R", "cliënt"),
        _person(5, "Ahmed", "coach"),
    ]
    given = new_pseudonyms(people)
    assert given == {2: "P-KM1", 3: "P-D1", 4: "P-R02", 5: "P-C1"}
    assert 1 not in given  # an existing pseudonym is never changed
    assert display_name(_person(2, "Marieke", pseudonym="KM1")) == "KM1"
    assert display_name(_person(6, "Jan")) == "Jan"


def test_offsets_follow_the_replacements():
    text = "Fatima en Kees gaan."
    edits = [Replacement(0, 6, "[naam1]"), Replacement(10, 14, "[naam2]")]
    new = apply_replacements(text, edits)
    assert new == "[naam1] en [naam2] gaan."
    shift = offset_mapper(edits)
    assert [shift(p) for p in (0, 6, 7, 10, 14, 15, len(text))] == [0, 7, 8, 11, 18, 19, len(new)]
    assert shift(3) == 0  # inside a replaced name: its start


def test_pseudonyms_never_take_a_code_id():
    people = [_person(1, "Ahmed", "coach"), _person(2, "Els", "coach")]
    assert new_pseudonyms(people, forbidden=["p-c1", "C2"]) == {1: "P-C2", 2: "P-C3"}


def test_a_chosen_pseudonym_must_be_free_and_not_a_code_id(project, tmp_path):
    from cmo.core.errors import CmoError

    _imported(project, tmp_path)
    assign_pseudonyms(project.store)
    for taken in ("P-KM1", "p-km1", "C1", "M3b"):
        try:
            set_pseudonym(project.store, "km/Interviewer", taken)
        except CmoError as exc:
            assert taken in str(exc)
        else:
            raise AssertionError(f"{taken} was accepted")
    assert set_pseudonym(project.store, "km/Interviewer", "P-GL1").pseudonym == "P-GL1"


def _imported(project, tmp_path):
    from cmo.ingest.service import import_files

    path = tmp_path / "km.txt"
    path.write_text(INTERVIEW, encoding="utf-8")
    import_files(project.store, [path], casus="De Cirkel Almere", roles={"Marieke": "klantmanager"})
    project.store.casussen.set("De Cirkel Almere", {"wijk": "Almere Haven"})
    return project.store.transcripts.get("km")


def test_proposals_cover_participants_places_and_names(project, tmp_path):
    t = _imported(project, tmp_path)
    assert assign_pseudonyms(project.store) == {"km/Interviewer": "P-I1", "Marieke": "P-KM1"}
    assert assign_pseudonyms(project.store) == {}
    found = {p.term: (p.replacement, p.kind, p.count, p.apply) for p in propose(project.store, t)}
    assert found["Marieke"] == ("P-KM1", "participant", 3, True)
    assert found["Almere Haven"] == ("[wijk]", "place", 1, True)
    assert found["Fatima"] == ("[naam1]", "name", 2, True)
    assert found["Jansen"][1:] == ("name", 1, True)  # after 'Meneer'
    assert found["Cirkel"][3] is False  # a capitalised guess, off until confirmed
    assert "Interviewer" not in found and "Zij" not in found and "Haven" not in found


def test_applying_keeps_every_coding_and_every_speaker(project, tmp_path):
    from cmo.core.text import find_quote

    store = project.store
    t = _imported(project, tmp_path)
    (span,) = find_quote(t.text, "Fatima bijvoorbeeld kwam hier via mij")
    first = store.codings.add(t.id, *span, "M3b", coder="anna")
    (span,) = find_quote(t.text, "ik ga elke dinsdag")
    second = store.codings.add(t.id, *span, "O1", coder="bram")
    speakers = [(u.speaker, u.participant_id) for u in store.transcripts.turns(t.id)]
    assign_pseudonyms(store)
    report = apply_proposals(store, t, propose(store, t), actor="anna")
    new = store.transcripts.get(t.id)
    assert "Marieke" not in new.text and "Fatima" not in new.text and "Jansen" not in new.text
    assert "P-KM1: Heel positief" in new.text and "De Cirkel" in new.text
    assert report.codings == 2 and report.review == 0
    moved = {c.id: new.text[c.start : c.end] for c in store.codings.all(transcript_id=t.id)}
    assert moved == {
        first.id: "[naam1] bijvoorbeeld kwam hier via mij",
        second.id: "ik ga elke dinsdag",
    }
    assert [(u.speaker, u.participant_id) for u in store.transcripts.turns(t.id)] == speakers
    assert store.participants.get("Marieke").role == "klantmanager"


def test_pseudonymise_command_writes_and_applies_a_proposals_file(project, tmp_path):
    from cmo.cli import app

    _imported(project, tmp_path)
    plan = tmp_path / "voorstel.json"
    p = ["--project", str(project.path)]
    run = CliRunner().invoke
    assert run(app, ["pseudonymise", "km", "--write", str(plan), *p]).exit_code == 0
    assert "Fatima" in project.store.transcripts.get("km").text  # nothing changed yet
    data = json.loads(plan.read_text(encoding="utf-8"))
    for item in data["km"]:
        item["apply"] = item["term"] == "Fatima"
    plan.write_text(json.dumps(data), encoding="utf-8")
    result = run(app, ["pseudonymise", "--apply", str(plan), "--json", *p])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["replaced"] == 2
    text = project.store.transcripts.get("km").text
    assert "Fatima" not in text and "Marieke" in text
    plan.write_text("[1, 2]", encoding="utf-8")
    bad = run(app, ["pseudonymise", "--apply", str(plan), *p])
    assert bad.exit_code != 0 and "voorstel.json" in str(bad.exception)


def test_role_abbreviations_are_not_taken_for_names():
    from cmo.analysis.pseudonymise import _abbreviation

    assert _abbreviation("KM") and _abbreviation("GL")
    assert not _abbreviation("BERT") and not _abbreviation("JAN") and not _abbreviation("Jan")
    assert not _abbreviation("ROY") and not _abbreviation("GIJ")  # names, whatever the list


FOCUSGROEP = """Focusgroep

GL: Welkom allemaal. Roy, kun je beginnen?
ROY: Ja, heel mooi. Ik kom hier elke week.
TRUUS: Ik ben Truus en ik woon in Lelystad.
GL: Dank je, Truus.
"""


def test_speaker_labels_of_any_case_are_one_person_with_one_replacement(project, tmp_path):
    from cmo.ingest.service import import_files

    path = tmp_path / "fg.txt"
    path.write_text(FOCUSGROEP, encoding="utf-8")
    import_files(project.store, [path], casus="Participatiehuis Sittard-Geleen")
    store = project.store
    assign_pseudonyms(store)
    roy = (
        store.participants.get("fg/ROY") if _has(store, "fg/ROY") else store.participants.get("ROY")
    )
    truus = (
        store.participants.get("fg/TRUUS")
        if _has(store, "fg/TRUUS")
        else store.participants.get("TRUUS")
    )
    t = store.transcripts.get("fg")
    proposals = propose(store, t)
    by_term = {p.term.casefold(): p for p in proposals}
    assert by_term["roy"].replacement == roy.pseudonym and by_term["roy"].apply
    assert by_term["truus"].replacement == truus.pseudonym  # not also a [naam1]
    assert len({p.replacement for p in proposals if p.term.casefold() == "truus"}) == 1
    apply_proposals(store, t, proposals)
    text = store.transcripts.get("fg").text
    assert "Roy" not in text and "ROY" not in text and "Truus" not in text
    assert f"{roy.pseudonym}: Ja, heel mooi" in text and f"{roy.pseudonym}, kun je" in text
    assert "Lelystad" not in text  # a place deduce knows


def _has(store, label: str) -> bool:
    return any(p.label == label for p in store.participants.all())


def test_asking_about_each_proposal(project, tmp_path):
    from cmo.cli import app

    _imported(project, tmp_path)
    assign_pseudonyms(project.store)
    proposals = propose(project.store, project.store.transcripts.get("km"))
    assert proposals[0].term == "Marieke"
    count = len(proposals)
    # Keep Marieke; accept the rest (also the guesses), Enter keeping each replacement,
    # except Fatima's, which is edited.
    answers = ["n"]
    for p in proposals[1:]:
        answers += ["y", "[cliënt]" if p.term == "Fatima" else ""]
    result = CliRunner().invoke(
        app,
        ["pseudonymise", "km", "--ask", "--project", str(project.path)],
        input="\n".join(answers) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("?") >= count
    text = project.store.transcripts.get("km").text
    assert "Marieke" in text and "Fatima" not in text and "Cirkel" not in text
    assert "[cliënt] bijvoorbeeld kwam" in text


def test_check_lists_remaining_names_and_purge_history_removes_the_old_texts(project, tmp_path):
    from cmo.cli import app

    t = _imported(project, tmp_path)
    store = project.store
    store.memos.set("transcript", t.id, "Fatima vertelde veel.", author="anna")
    (project.path / "backups").mkdir()
    (project.path / "backups" / "cmo-oud.db").write_bytes(b"oude kopie")
    p = ["--project", str(project.path)]
    run = CliRunner().invoke
    before = run(app, ["pseudonymise", "--check", "--json", *p])
    assert before.exit_code == 1
    places = {(r["where"].split("#")[0], r["name"]) for r in json.loads(before.stdout)}
    assert ("transcript.text", "Fatima") in places and ("memo.text", "Fatima") in places
    done = run(app, ["pseudonymise", "--all", "--yes", "--purge-history", *p])
    assert done.exit_code == 0, done.output
    assert "undo and redo cannot go back" in done.output
    after = run(app, ["pseudonymise", "--check", "--json", *p])
    left = {(r["where"].split("#")[0], r["name"]) for r in json.loads(after.stdout)}
    assert not {w for w, _ in left} & {
        "transcript.text",
        "memo.text",
        "change.before",
        "change.after",
    }
    assert store.history.recent() == [] and not (project.path / "backups").exists()
    assert "Fatima" not in store.memos.get("transcript", t.id).text


def test_a_replacement_with_control_characters_is_refused_and_nothing_changes(project, tmp_path):
    from cmo.cli import app

    t = _imported(project, tmp_path)
    plan = tmp_path / "voorstel.json"
    bad = {"km": [{"term": "Fatima", "replacement": "X\x08\x08\x1b[2J", "apply": True}]}
    plan.write_text(json.dumps(bad), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["pseudonymise", "--apply", str(plan), "--project", str(project.path)]
    )
    assert result.exit_code != 0
    assert "control character" in str(result.exception)
    assert project.store.transcripts.get("km").text == t.text


def test_one_transcript_renames_only_the_people_who_speak_in_it(project, tmp_path):
    from cmo.cli import app
    from cmo.ingest.service import import_files

    _imported(project, tmp_path)
    other = tmp_path / "coach.txt"
    other.write_text("I: Hoe gaat het?\nAhmed: Goed, dank je.\n", encoding="utf-8")
    import_files(project.store, [other], casus="De Cirkel Almere", roles={"Ahmed": "coach"})
    project.store.memos.set("project", "", "Marieke en Ahmed zijn geïnterviewd.", author="anna")
    result = CliRunner().invoke(
        app, ["pseudonymise", "km", "--yes", "--project", str(project.path)]
    )
    assert result.exit_code == 0, result.output
    labels = {p.label for p in project.store.participants.all()}
    assert "Marieke" not in labels and "Ahmed" in labels
    memo = project.store.memos.get("project", "").text
    assert "Marieke" not in memo and "Ahmed" in memo
    assert "Ahmed: Goed" in project.store.transcripts.get("coach").text
    assert project.store.casussen.get("De Cirkel Almere")  # casus names wait for --all
