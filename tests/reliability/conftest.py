"""Fixtures for the reliability tests: a demo interview with codings, a long interview."""

from __future__ import annotations

import pytest

from tests.samples import CODED, DEMO, LONG_TEXT


@pytest.fixture
def demo_project(project, tmp_path):
    """The project fixture with the demo interview imported and coded."""
    from cmo.ingest.service import import_files

    path = tmp_path / "sittard-deelnemer4.txt"
    path.write_text(DEMO, encoding="utf-8")
    import_files(project.store, [path], casus="Participatiehuis Sittard-Geleen")
    t = project.store.transcripts.get("sittard-deelnemer4")
    ids = {}
    for quote, code in CODED:
        start = t.text.index(quote)
        ids[quote] = project.store.codings.add(
            t.id, start, start + len(quote), code, coder="tester"
        ).id
    project.coding_ids = ids
    return project


@pytest.fixture
def long_project(project, tmp_path):
    """A closed project holding one long interview (120 turns); yields its folder."""
    from cmo.ingest.service import import_files

    path = tmp_path / "lang.txt"
    path.write_text(LONG_TEXT, encoding="utf-8")
    import_files(project.store, [path], casus="Service voor de Wijk Ede")
    folder = project.path
    project.close()
    return folder
