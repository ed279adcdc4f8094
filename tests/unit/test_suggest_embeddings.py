"""Embeddings as project data, similar coded fragments from the first codings, and
suggestions without any embeddings."""

from __future__ import annotations

import sqlite3
import time

import pytest

from cmo.core.domain import Code
from cmo.suggest import encoder

needs_encoder = pytest.mark.usefixtures("encoder_required")

# Generated data: an emergent code about getting there (no keywords, no definition), and
# respondent turns about it and about other things.
TRAVEL = [
    "De bus rijdt hier maar één keer per uur, dus ik kom vaak te laat.",
    "Ik moet twee keer overstappen om er te komen, dat kost me anderhalf uur.",
    "Zonder fiets kan ik er niet komen, en mijn fiets is gestolen.",
    "De reiskosten kan ik niet betalen, een retourtje is vijf euro.",
    "Als het regent fiets ik niet, dan blijf ik thuis want de tram is te duur.",
    "Mijn auto is kapot en het openbaar vervoer gaat er niet heen.",
    "Met de trein ben ik een uur onderweg, en dan nog een stuk lopen.",
    "De taxi van de Wmo komt vaak niet opdagen, dan sta ik te wachten.",
    "Ik heb geen rijbewijs, dus ik ben afhankelijk van de buurtbus.",
    "Het is ver fietsen, drie kwartier heen en drie kwartier terug.",
    "Mijn OV-kaart was leeg en ik had geen geld om op te laden.",
    "De metro staakte, dus ik kon die week twee keer niet komen.",
]
OTHER = [
    "Ik vind het fijn om met mijn handen te werken in de tuin.",
    "Mijn klantmanager belt me elke week even op.",
    "Ik heb een cursus Nederlands gedaan en dat ging goed.",
    "Mijn schulden zijn nu geregeld via de schuldhulp.",
]
QUERY = "De bus gaat niet vaak genoeg en lopen is te ver, dus ik kom vaak te laat."


def _transcript(tmp_path, name, lines):
    path = tmp_path / f"{name}.txt"
    path.write_text(
        "\n".join(f"I: Hoe gaat het?\nR: {line}" for line in lines) + "\n", encoding="utf-8"
    )
    return path


@pytest.fixture
def travel_project(project, tmp_path):
    from cmo.ingest.service import import_files

    project.store.codebook.add(Code(id="E1", family="C", name="Bereikbaarheid", emergent=True))
    import_files(
        project.store,
        [_transcript(tmp_path, "reizen", TRAVEL + OTHER)],
        casus="Service voor de Wijk Ede",
    )
    return project


def _respondent_turns(store, transcript_id):
    return [t for t in store.transcripts.turns(transcript_id) if t.speaker == "R"]


@needs_encoder
def test_similar_fragments_learn_a_new_code_from_ten_codings(travel_project):
    from cmo.suggest import api

    store = travel_project.store
    transcript = store.transcripts.all()[0]

    def rank_of_e1() -> int:
        found = api.suggest_for_text(store, QUERY, top=0)
        return (
            [s.code_id for s in found].index("E1")
            if "E1" in [s.code_id for s in found]
            else len(found)
        )

    before = rank_of_e1()
    assert before >= 3  # a code without keywords or definition: nothing to go on
    for turn in _respondent_turns(store, transcript.id)[:10]:  # the first ten travel turns
        store.codings.add(transcript.id, turn.start, turn.end, "E1", coder="tester")
    time.sleep(1.1)  # the suggester looks for new codings once a second
    found = api.suggest_for_text(store, QUERY, top=3)
    assert "E1" in [s.code_id for s in found[:2]], [(s.code_id, s.explanation) for s in found]
    top = next(s for s in found if s.code_id == "E1")
    assert top.sources["similar"] > 0.5
    assert top.source == "similar"
    assert len(top.similar) == 2
    assert all(s["transcript"] == "reizen" and s["speaker"] == "R" for s in top.similar)
    assert all(0 < s["similarity"] < 1 for s in top.similar)
    assert "lijkt op" in top.explanation


@needs_encoder
def test_a_coded_fragment_never_resembles_itself(travel_project):
    from cmo.suggest import api

    store = travel_project.store
    transcript = store.transcripts.all()[0]
    turns = _respondent_turns(store, transcript.id)
    for turn in turns[:10]:
        store.codings.add(transcript.id, turn.start, turn.end, "E1", coder="tester")
    own = turns[0]
    found = api.suggest_for_span(store, transcript.id, own.start, own.end, top=3)
    e1 = next(s for s in found if s.code_id == "E1")
    assert e1.similar
    assert all((s["start"], s["end"]) != (own.start, own.end) for s in e1.similar)
    assert all(s["similarity"] < 0.99 for s in e1.similar)
    # The same text given as a plain selection is recognised too.
    text = transcript.text[own.start : own.end]
    again = next(s for s in api.suggest_for_text(store, text, top=3) if s.code_id == "E1")
    assert all((s["start"], s["end"]) != (own.start, own.end) for s in again.similar)


@needs_encoder
def test_embeddings_are_stored_used_and_recomputed_after_a_replace(travel_project, tmp_path):
    from cmo.ingest.service import import_files
    from cmo.suggest.embed_worker import embed_project

    store = travel_project.store
    model, version = encoder.MODEL, encoder.version()
    assert store.embeddings.stale_transcripts(model, version) == [store.transcripts.all()[0].id]
    done = embed_project(store)
    transcript = store.transcripts.all()[0]
    turns = store.transcripts.turns(transcript.id)
    assert done["transcripts"] == 1 and done["vectors"] >= len(turns)
    assert store.embeddings.stale_transcripts(model, version) == []
    vectors = store.embeddings.current_vectors(model, version, transcript.id)
    assert {(transcript.id, t.start, t.end) for t in turns} <= set(vectors)
    # The stored vector is the encoder's vector of that text (float16 precision).
    first = turns[1]
    stored_vector = encoder.from_bytes(vectors[(transcript.id, first.start, first.end)])
    fresh = encoder.encode([transcript.text[first.start : first.end]])[0]
    assert float(stored_vector @ fresh) > 0.999

    changed = [line.replace("bus", "buurtbus") for line in TRAVEL] + OTHER
    import_files(
        store,
        [_transcript(tmp_path / "..", "reizen", changed)],
        casus="Service voor de Wijk Ede",
        replace=True,
    )
    new_text = store.transcripts.get(transcript.id).text
    assert new_text != transcript.text
    assert store.embeddings.stale_transcripts(model, version) == [transcript.id]
    assert store.embeddings.current_vectors(model, version, transcript.id) == {}
    embed_project(store)
    assert store.embeddings.stale_transcripts(model, version) == []
    new_turn = store.transcripts.turns(transcript.id)[1]
    assert store.embeddings.vector_for_text(new_text[new_turn.start : new_turn.end], model, version)
    assert (
        store.embeddings.vector_for_text(transcript.text[first.start : first.end], model, version)
        is None
    )


@needs_encoder
def test_text_changed_drops_the_vectors_at_once(travel_project):
    from cmo.suggest.embed_worker import embed_project

    store = travel_project.store
    embed_project(store)
    transcript_id = store.transcripts.all()[0].id
    assert store.embeddings.embedding_counts()["turn"] > 0
    store.embeddings.text_changed(transcript_id)
    assert store.embeddings.embedding_counts() == {}
    assert store.embeddings.stale_transcripts(encoder.MODEL, encoder.version()) == [transcript_id]


def test_a_project_without_embeddings_or_encoder_still_suggests(travel_project, monkeypatch):
    from cmo.suggest import api

    monkeypatch.setenv("CMO_ENCODER", "off")
    store = travel_project.store
    assert store.embeddings.embedding_counts() == {}
    found = api.suggest_for_text(store, "Mijn schulden zijn geregeld via de schuldhulp.")
    assert found and found[0].code_id == "M4"
    assert found[0].source == "lexicon"
    assert set(found[0].sources) == {"lexicon"}
    fragments = list(api.suggest_for_transcript(store, store.transcripts.all()[0].id))
    assert fragments and any(f["suggestions"] for f in fragments)
    assert store.embeddings.embedding_counts() == {}  # suggesting never writes vectors


@needs_encoder
def test_the_background_worker_embeds_and_returns_at_once(travel_project, monkeypatch):
    from cmo.suggest.embed_worker import start_worker, worker_running

    monkeypatch.setenv("CMO_EMBED_WORKER", "on")
    store = travel_project.store
    started = time.perf_counter()
    assert start_worker(store)
    assert time.perf_counter() - started < 1.0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if not store.embeddings.stale_transcripts(encoder.MODEL, encoder.version()):
            break
        time.sleep(0.5)
    assert store.embeddings.stale_transcripts(encoder.MODEL, encoder.version()) == []
    while worker_running(store) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not worker_running(store)
    assert not start_worker(store)  # nothing left to do


def test_an_old_project_gets_the_embedding_table(tmp_path):
    from cmo.store.project import init_project, open_project

    proj = init_project(tmp_path / "old", name="old", coder="tester")
    proj.close()
    db = tmp_path / "old" / "cmo.db"
    con = sqlite3.connect(db)
    con.execute("DROP TABLE embedding")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    again = open_project(tmp_path / "old")
    try:
        assert any("embeddings" in name for name in again.store.migrations_applied)
        con = sqlite3.connect(db)
        columns = {r[1] for r in con.execute("PRAGMA table_info(embedding)")}
        con.close()
        assert {"transcript_id", "level", "text_hash", "model", "version", "vector"} <= columns
    finally:
        again.close()


@needs_encoder
def test_a_spans_kept_vector_is_used_only_for_the_same_text(travel_project):
    """The vectors of a transcript are kept per process; a span whose text is no longer
    the one embedded (the transcript was replaced meanwhile) gets its own vector."""
    import numpy as np

    from cmo.suggest import knowledge
    from cmo.suggest.embed_worker import embed_project

    store = travel_project.store
    embed_project(store)
    transcript = store.transcripts.all()[0]
    turn = _respondent_turns(store, transcript.id)[0]
    span = (transcript.id, turn.start, turn.end)
    text = transcript.text[turn.start : turn.end]
    kept = knowledge.fragment_vector(store, text, span)
    assert float(kept @ encoder.encode([text])[0]) > 0.999
    other = "Mijn schulden zijn nu geregeld via de schuldhulp, dat scheelt veel."
    found = knowledge.fragment_vector(store, other, span)
    assert np.allclose(found, encoder.encode([other])[0], atol=1e-6)
    assert float(found @ kept) < 0.9
