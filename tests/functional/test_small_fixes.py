"""Smaller fixes of a second trial: u skips the interviewer, a covered candidate is not
accepted twice, --excel-nl to standard output starts with a BOM."""

from __future__ import annotations

from cmo.core.errors import Conflict
from cmo.core.text import find_quote
from cmo.tui.app import create_app
from tests.cli import run_cmo
from tests.pilot import WORKBENCH_SIZE as SIZE
from tests.pilot import async_test, open_first_transcript


@async_test
async def test_u_skips_the_questions_of_the_interviewer(coded_project):
    store = coded_project.store
    t = store.transcripts.all()[0]
    app = create_app(coded_project, show_times=False)
    visited = []
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_transcript(pilot)
        for _ in range(6):
            await pilot.press("u")
            await pilot.pause()
            turn = screen.doc.turns[screen.doc.turn_at(screen.view.selection.start)]
            visited.append(turn.speaker)
    uncoded = [
        u.speaker
        for u in store.transcripts.turns(t.id)
        if t.text[u.start : u.end].strip()
        and not any(c.start < u.end and c.end > u.start for c in store.codings.all(t.id))
    ]
    assert "I" in uncoded, "the test needs an uncoded interviewer turn"
    assert visited and "I" not in visited


def test_accepting_a_covered_candidate_twice_is_refused(coded_project):
    store = coded_project.store
    t = store.transcripts.all()[0]
    for quote, code in [("Ik heb weer structuur", "C1"), ("daar ben ik trots op", "O2")]:
        ((s, e),) = find_quote(t.text, quote)
        store.codings.add(t.id, s, e, code, coder="tester")
    folder = str(coded_project.path)
    coded_project.close()
    run_cmo("candidates", "--accept", "1", "-p", folder, check=True)
    again = run_cmo("candidates", "--accept", "1", "-p", folder)
    assert again.returncode == Conflict.exit_code
    assert "already covered by CMOC-01" in again.stderr and "--force" in again.stderr
    forced = run_cmo("candidates", "--accept", "1", "--force", "-p", folder, check=True)
    assert "Created CMOC-02" in forced.stdout


def test_excel_nl_to_standard_output_starts_with_a_bom(coded_project):
    folder = str(coded_project.path)
    coded_project.close()
    # In this process, standard output is bytes decoded as UTF-8: the BOM's three bytes
    # (EF BB BF) read as U+FEFF, and nothing else does.
    out = run_cmo("freq", "--format", "csv", "--excel-nl", "-p", folder, check=True).stdout
    assert out.startswith("\ufeffcode;")
    assert out.count("\ufeff") == 1
    plain = run_cmo("freq", "--format", "csv", "-p", folder, check=True).stdout
    assert not plain.startswith("\ufeff")
