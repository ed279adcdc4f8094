"""QDPX round trip (hypothesis): a coded transcript exported as REFI-QDA and imported
into a new project keeps its text and every coding on the same characters."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cmo.core.text import normalise
from cmo.ingest.turns import segment
from tests.samples import ROOT

from .strategies import transcript_text

CODEBOOK = ROOT / "codebooks" / "realist-wwb-wmo.yaml"
CODES = ["C1", "M1a", "M3b", "O3.2", "M4"]
_counter = itertools.count()


@st.composite
def coded_texts(draw):
    text = normalise(draw(transcript_text))
    assume(text.strip())
    spans = []
    for _ in range(draw(st.integers(1, 8))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 60)))
        spans.append((start, end, draw(st.sampled_from(CODES))))
    return text, spans


@pytest.mark.slow
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(coded_texts())
def test_qdpx_round_trip_keeps_text_and_codings(tmp_path, case):
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.refi.export_qdpx import export_qdpx
    from cmo.refi.import_qdpx import import_qdpx
    from cmo.store.project import init_project

    text, spans = case
    run = tmp_path / f"run{next(_counter)}"
    book = load_codebook(CODEBOOK)
    with init_project(run / "bron", coder="anna") as source:
        source.store.codebook.load(book)
        transcript_id = source.store.bulk.add_transcript(
            segment(text),
            name="interview-1",
            casus="De Cirkel Almere",
            kind="interview",
            source_name="interview-1.txt",
            sha256="",
        )
        for start, end, code in spans:
            source.store.codings.add(transcript_id, start, end, code, coder="anna")
        expected = sorted(
            (c.start, c.end, c.code_id, text[c.start : c.end]) for c in source.store.codings.all()
        )
        export_qdpx(source.store, run / "uit.qdpx")
    with init_project(run / "doel", coder="bert") as target:
        import_qdpx(target.store, run / "uit.qdpx")
        (imported,) = target.store.transcripts.all()
        assert imported.text == text
        got = sorted(
            (c.start, c.end, c.code_id, imported.text[c.start : c.end])
            for c in target.store.codings.all()
        )
        assert target.store.integrity_problems() == []
    assert got == expected
