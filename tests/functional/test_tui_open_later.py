"""The workbench as ``cmo open`` starts it: the overview drawn from plain-SQL reads, the
full store opened after it (store/later.py), and the workbench working as ever."""

from __future__ import annotations

import os
import subprocess
import sys

from cmo.store.project import open_project
from cmo.tui.app import create_app
from tests.pilot import WORKBENCH_SIZE as SIZE
from tests.pilot import async_test, open_first_transcript, select_sentence
from tests.samples import ROOT


def table_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#transcripts")
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


@async_test
async def test_the_overview_is_the_same_and_coding_works_after_it(coded_project):
    full = create_app(coded_project, show_times=False)
    async with full.run_test(size=SIZE) as pilot:
        await pilot.pause()
        expected = table_rows(full), str(full.screen.query_one("#activity").render())
    project = open_project(coded_project.path, full_later=True)
    try:
        app = create_app(project, show_times=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = table_rows(app), str(app.screen.query_one("#activity").render())
            assert shown == expected
            assert "cirkel-client1" in shown[0][0][1] and shown[0][0][-1] == "4"
            screen = await open_first_transcript(pilot)
            assert project.store.is_open
            await select_sentence(pilot, screen, "Ik heb weer structuur.")
            await pilot.press("c", *"m3b", "enter")
            await pilot.pause()
            assert any(c.code_id == "M3b" for c in coded_project.store.codings.all())
            await pilot.press("escape")
            await pilot.pause()
            assert table_rows(app)[0][-1] == "5"  # the overview reads again on return
    finally:
        project.close()


PROBE = """
import asyncio, sys
from cmo.store.later import LaterStore
from cmo.store.project import open_project
from cmo.tui.app import create_app

loaded = []
start = LaterStore.open_in_background

def recorded(self, then=None):
    loaded.append("sqlalchemy" in sys.modules)
    return start(self, then)

LaterStore.open_in_background = recorded

async def main():
    project = open_project(sys.argv[1], full_later=True)
    app = create_app(project, show_times=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = app.screen.query_one("#transcripts").row_count
        await pilot.press("enter")
        await pilot.pause()
        print(loaded, rows, type(app.screen).__name__)
    project.close()

asyncio.run(main())
"""


def test_sqlalchemy_loads_only_after_the_overview_is_drawn(coded_project):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(coded_project.path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[False]", "1", "TranscriptScreen"]
