"""Fixtures of the analysis tests: the small realist project of ``fixture_project``."""

from __future__ import annotations

import pytest

from tests.analysis.fixture_project import add_cmocs, build


@pytest.fixture
def realist(project):
    """The fixture project with codings and four CMOCs; yields (project, coding ids)."""
    ids = build(project.store)
    add_cmocs(project.store, ids)
    return project, ids
