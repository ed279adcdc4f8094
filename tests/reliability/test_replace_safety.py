"""A replace is checked before it happens and is one undoable step.

The wrong file is refused (CLI) with the share of the old text it keeps; a wrong casus is
an error; undo puts back the text, turns, participants, every coding position, CMOC
links, memos and feedback exactly, and redo takes the corrected version again.
"""

from __future__ import annotations

import pytest

from cmo.core.errors import Conflict
from cmo.ingest.replace import replace_from_file
from cmo.store.repos.bulk_replace import TooDifferent
from cmo.suggest.api import record_feedback
from tests.cli import run_cmo
from tests.samples import DEMO

from .corrections import all_corrections

OTHER_INTERVIEW = """Interview De Cirkel, deelnemer 2
Datum: 9 mei

I: Kunt u vertellen hoe uw week eruitziet?
Henk: Op maandag ga ik naar de moestuin van de wijkvereniging, woensdag boodschappen.
I: En de gemeente, hoe is het contact?
Henk: Eens per kwartaal een gesprek. Het voelt als een controle, niet als hulp.
I: Wat zou u willen veranderen?
Henk: Dat ze vragen wat ik zelf kan. Niet alleen wat er mis is.
"""


def _without_log(store) -> dict:
    dump = store.logical_dump()
    dump.pop("change")
    return dump


def _decorate(project) -> None:
    """CMOC evidence, a coding memo and suggestion feedback on the demo interview: undo
    must bring these back too."""
    store = project.store
    t = store.transcripts.get("sittard-deelnemer4")
    ids = project.coding_ids
    store.codings.update(ids["Mijn rug speelt op"], actor="tester", memo="rug: nog navragen")
    store.cmocs.add(
        contexts=["C2"],
        mechanisms=["M3b"],
        outcomes=["O2"],
        title="Tijd en aandacht",
        evidence=[ids["Marieke"], ids["Mijn rug speelt op"]],
        actor="tester",
    )
    start = t.text.index("Mijn rug speelt op")
    record_feedback(store, t.id, start, start + 18, "C2", "reject", coder="tester")


def test_undo_after_a_replace_restores_everything_exactly_and_redo_takes_it_again(
    demo_project, tmp_path
):
    store = demo_project.store
    _decorate(demo_project)
    before = _without_log(store)
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(all_corrections(DEMO), encoding="utf-8")  # names pseudonymised: Jan → R
    report = replace_from_file(store, "sittard-deelnemer4", corrected, actor="tester")
    assert report.review == 2 and report.participants_removed == ["Jan"]
    replaced = _without_log(store)
    assert replaced != before

    change = store.history.undo("tester")
    assert change["action"] == "transcript.replace"
    assert _without_log(store) == before, "undo did not restore the project exactly"
    assert "Jan" in [p.label for p in store.participants.all()]
    assert store.integrity_problems() == []

    store.history.redo("tester")
    assert _without_log(store) == replaced
    store.history.undo("tester")
    assert _without_log(store) == before


def test_cli_undo_right_after_a_replace_undoes_the_replace(demo_project, tmp_path):
    folder = demo_project.path
    store = demo_project.store
    text_before = store.transcripts.get("sittard-deelnemer4").text
    spans_before = sorted((c.id, c.start, c.end, c.status) for c in store.codings.all())
    demo_project.close()
    corrected = tmp_path / "sittard-deelnemer4.txt"
    corrected.write_text(all_corrections(DEMO), encoding="utf-8")
    casus = "Participatiehuis Sittard-Geleen"
    run_cmo("import", str(corrected), "--casus", casus, "--replace", "-p", str(folder), check=True)
    log = run_cmo("log", "--entity", "transcript", "--json", "-p", str(folder), check=True)
    assert '"actor": "tester"' in log.stdout  # the project's coder, not an empty actor
    undone = run_cmo("undo", "-p", str(folder), check=True)
    assert "Undid transcript.replace" in undone.stdout
    from cmo.store.project import open_project

    reopened = open_project(folder)
    try:
        assert reopened.store.transcripts.get("sittard-deelnemer4").text == text_before
        spans = sorted((c.id, c.start, c.end, c.status) for c in reopened.store.codings.all())
        assert spans == spans_before
    finally:
        reopened.close()


def test_the_wrong_file_is_refused_with_the_share_kept_and_force_takes_it(demo_project, tmp_path):
    store = demo_project.store
    before = store.logical_dump()
    wrong = tmp_path / "cirkel-henk.txt"
    wrong.write_text(OTHER_INTERVIEW, encoding="utf-8")
    with pytest.raises(TooDifferent) as refused:
        replace_from_file(store, "sittard-deelnemer4", wrong, actor="tester")
    assert refused.value.share < 0.2
    assert store.logical_dump() == before, "a refused replace changed the project"
    report = replace_from_file(store, "sittard-deelnemer4", wrong, actor="tester", force=True)
    assert report.kept_share == refused.value.share and report.review > 0


def test_cli_wrong_file_exits_non_zero_with_one_line_and_force(demo_project, tmp_path):
    folder = demo_project.path
    demo_project.close()
    wrong = tmp_path / "sittard-deelnemer4.txt"
    wrong.write_text(OTHER_INTERVIEW, encoding="utf-8")
    casus = "Participatiehuis Sittard-Geleen"
    args = ("import", str(wrong), "--casus", casus, "--replace", "-p", str(folder))
    refused = run_cmo(*args)
    assert refused.returncode == Conflict.exit_code
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1, refused.stderr
    assert "% of the text of 'sittard-deelnemer4'" in lines[0] and "--force" in lines[0]
    forced = run_cmo(*args, "--force", check=True)
    assert "need review" in forced.stdout  # success on stdout


def test_a_wrong_casus_with_replace_is_an_error(demo_project, tmp_path):
    folder = demo_project.path
    demo_project.close()
    corrected = tmp_path / "sittard-deelnemer4.txt"
    corrected.write_text(all_corrections(DEMO), encoding="utf-8")
    result = run_cmo(
        "import", str(corrected), "--casus", "De Cirkel", "--replace", "-p", str(folder)
    )
    assert result.returncode != 0
    assert "is in casus 'Participatiehuis Sittard-Geleen', not 'De Cirkel'" in result.stderr


def test_review_codings_stay_inside_a_turn_not_over_the_speaker_label(demo_project, tmp_path):
    store = demo_project.store
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(all_corrections(DEMO), encoding="utf-8")
    report = replace_from_file(store, "sittard-deelnemer4", corrected)
    t = store.transcripts.get("sittard-deelnemer4")
    turns = store.transcripts.turns(t.id)
    assert report.review_ids
    for coding_id in report.review_ids:
        coding = store.codings.get(coding_id)
        assert any(u.start <= coding.start and coding.end <= u.end for u in turns), t.text[
            coding.start : coding.end
        ]
        assert not t.text[coding.start : coding.end].startswith(("R:", "I:"))


def test_a_coding_change_from_before_a_replace_cannot_be_undone_across_it(demo_project, tmp_path):
    store = demo_project.store
    removed = store.codings.remove(demo_project.coding_ids["Marieke"], actor="bram")
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(all_corrections(DEMO), encoding="utf-8")
    replace_from_file(store, "sittard-deelnemer4", corrected, actor="tester")
    with pytest.raises(Conflict, match="undo that first"):
        store.history.undo("bram")  # would put the old offsets into the new text
    store.history.undo("tester")
    store.history.undo("bram")
    assert store.codings.get(removed.id).start == removed.start
