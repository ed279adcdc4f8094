"""The learned suggester and the feedback loop, called directly on a blank Dutch pipeline."""

from __future__ import annotations

import time

import pytest

from cmo.suggest import api
from cmo.suggest.examples import training_examples
from tests.samples import CODEBOOK
from tests.suggest_support import coded_quotes_project


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A project coded from the quote file (96 codings over 12 mechanisms), trained once."""
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.store.project import init_project

    tmp = tmp_path_factory.mktemp("quotes")
    proj = init_project(tmp / "proj", name="quotes", coder="tester")
    proj.store.codebook.load(load_codebook(CODEBOOK))
    coded_quotes_project(proj, tmp)
    info = api.train(proj.store)
    yield proj, info
    proj.close()


def _levels(examples):
    return [eg["level"] for eg in examples]


def test_examples_hold_fragments_and_turns_but_no_unseen_negatives(coded_project):
    examples = training_examples(coded_project.store)
    fragments = [eg for eg in examples if eg["level"] == "fragment"]
    assert {eg["text"] for eg in fragments} == {
        "laagdrempelig",
        "Ik heb weer structuur",
        "daar ben ik trots op",
        "via de schuldhulp",
    }
    structure = next(eg for eg in fragments if eg["text"] == "Ik heb weer structuur")
    assert structure["cats"]["M1c"] == 1.0 and structure["cats"]["M4"] == 0.0
    turns = [eg for eg in examples if eg["level"] == "turn"]
    assert any(eg["cats"] == {"M1c": 1.0, "M2a": 1.0} for eg in turns)
    # Uncoded turns are not assumed seen: no negatives without a 'none' answer.
    assert not any(eg["level"] == "none" for eg in examples)
    assert not any(eg["text"].startswith("Hoe ben je") for eg in examples)


def test_reject_none_and_accept_each_change_the_next_training_set(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    turn = [
        u
        for u in store.transcripts.turns(t.id)
        if t.text[u.start : u.end].startswith("Ik heb weer")
    ][0]
    before = training_examples(store)
    api.record_feedback(
        store,
        t.id,
        turn.start,
        turn.end,
        "M1d",
        "reject",
        source="lexicon",
        score=0.66,
        coder="tester",
    )
    after_reject = training_examples(store)
    rejects = [eg for eg in after_reject if eg["level"] == "reject"]
    assert rejects and rejects[0]["cats"] == {"M1d": 0.0}
    assert rejects[0]["text"] == t.text[turn.start : turn.end]
    assert len(after_reject) == len(before) + 1

    span = t.text.index("Elke dinsdag"), t.text.index("vroeg op.") + len("vroeg op.")
    assert api.record_feedback(store, t.id, *span, None, "none", coder="tester") is None
    negatives = [
        eg
        for eg in training_examples(store)
        if eg["level"] == "none" and (eg["start"], eg["end"]) == span
    ]
    assert negatives and set(negatives[0]["cats"].values()) == {0.0}

    coding = api.record_feedback(
        store, t.id, *span, "M1c", "accept", source="both", score=0.8, coder="tester"
    )
    assert coding is not None and coding.code_id == "M1c" and coding.coder == "tester"
    final = training_examples(store)
    accepted = [
        eg for eg in final if eg["level"] == "fragment" and (eg["start"], eg["end"]) == span
    ]
    assert accepted and accepted[0]["cats"]["M1c"] == 1.0


def test_suggestions_never_write_codings_or_feedback(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    dump = store.logical_dump()
    list(api.suggest_for_transcript(store, t.id, level="sentence"))
    list(api.review_stream(store, t.id))
    api.suggest_for_text(store, "Het is hier laagdrempelig.")
    assert store.logical_dump() == dump


def test_bad_feedback_stores_nothing(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    dump = store.logical_dump()
    from cmo.core.errors import CmoError

    with pytest.raises(CmoError):
        api.record_feedback(store, t.id, 0, 5, "M1c", "maybe")
    with pytest.raises(CmoError):
        api.record_feedback(store, t.id, 0, 5, None, "accept")
    with pytest.raises(CmoError):
        api.record_feedback(store, t.id, 0, 5, "NOPE", "accept")
    with pytest.raises(CmoError):
        api.record_feedback(store, t.id, 5, 99_999, "M1c", "accept")
    assert store.logical_dump() == dump


def test_review_stream_skips_coded_and_answered_fragments(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    queue = list(api.review_stream(store, t.id))
    assert all(not f["coded"] for f in queue)
    assert all(f["suggestions"] for f in queue)
    if queue:
        first = queue[0]
        api.record_feedback(store, t.id, first["start"], first["end"], None, "none")
        assert (first["start"], first["end"]) not in {
            (f["start"], f["end"]) for f in api.review_stream(store, t.id)
        }


def test_training_stores_the_model_with_the_codebook_and_counts(trained):
    proj, info = trained
    status = api.model_status(proj.store)
    assert status["trained"] and not status["stale_codebook"]
    assert status["trained_on_codings"] == 96 == info["codings"]
    assert len(info["codebook_hash"]) == 12
    assert set(info["labels"]) == {
        "M1a",
        "M1b",
        "M1c",
        "M1d",
        "M1e",
        "M2a",
        "M2b",
        "M3a",
        "M3b",
        "M3c",
        "M3d",
        "M4",
    }
    assert info["calibration"]["fitted"] is True


def test_learned_suggestions_are_explained_by_similar_coded_fragments(trained):
    proj, _ = trained
    found = api.suggest_for_text(
        proj.store, "Ik heb een heftruckcertificaat gehaald bij het project."
    )
    assert found[0].learned is not None
    assert any(s.similar and "lijkt op" in s.explanation for s in found)
    for s in found:
        assert all(n["similarity"] < 0.999 for n in s.similar)
        assert all({"transcript", "speaker", "quote"} <= set(n) for n in s.similar)


def test_the_learned_models_similar_fragments_name_transcript_and_speaker(trained, monkeypatch):
    from cmo.suggest import persist

    proj, _ = trained
    monkeypatch.setenv("CMO_ENCODER", "off")  # only the learned model's similar fragments
    persist._services.clear()
    try:
        found = api.suggest_for_text(
            proj.store, "Ik heb een heftruckcertificaat gehaald bij het project."
        )
    finally:
        persist._services.clear()
    similar = [n for s in found for n in s.similar]
    assert similar
    names = {t.id: t.name for t in proj.store.transcripts.all()}
    for n in similar:
        assert n["transcript"] == names[n["transcript_id"]] != str(n["transcript_id"])
        assert n["speaker"] == "R"
    shown = next(s for s in found if s.similar)
    assert f"({similar[0]['transcript']}, R, " in shown.explanation


def test_a_codebook_change_marks_the_model_stale(trained):
    proj, _ = trained
    store = proj.store
    store.codebook.update("M1c", keywords=[*store.codebook.code("M1c").keywords, "lanterfanten"])
    assert api.model_status(store)["stale_codebook"] is True
    from cmo.suggest.persist import retrain_needed

    assert retrain_needed(store)


def test_background_retrain_returns_at_once_and_lands_a_new_model(trained):
    proj, _ = trained
    store = proj.store
    # A codebook change of its own, so the test does not depend on running after the one
    # above (xdist may hand the module's tests to its worker in another order).
    store.codebook.update("M1c", keywords=[*store.codebook.code("M1c").keywords, "niksen"])
    assert api.model_status(store)["stale_codebook"] is True
    before = api.model_status(store)["trained_at"]
    started = time.perf_counter()
    job = api.maybe_retrain(store)
    assert job is not None
    assert time.perf_counter() - started < 2.0
    job.join(timeout=240)
    assert job.done and not job.error, job.error
    status = api.model_status(store)
    assert status["trained_at"] != before and not status["stale_codebook"]
    assert api.maybe_retrain(store) is None  # nothing new since


def test_cross_validation_beats_the_majority_baseline(trained):
    from cmo.suggest.evaluate import evaluate

    proj, _ = trained
    result = evaluate(proj.store, folds=3, curve=(10, 20))
    trained = result["trained"]
    assert result["items"] == 96
    for metric in ("top1", "top3"):
        assert trained["blend"][metric] > trained["majority"][metric]
    assert trained["blend"]["top3"] >= 0.7
    assert set(trained["lexicon"]["per_code"]) >= {"M1a", "M4"}
    assert set(result["curve"]) == {"10", "20"}
    # Per code and overall figures agree: top-3 overall is the share of items hit.
    per_code = trained["lexicon"]["per_code"]
    assert sum(v["n"] for v in per_code.values()) == 96  # one mechanism per quote


def test_batch_suggestions_on_two_processes_equal_the_sequential_ones(trained):
    from cmo.suggest.batch import suggest_many
    from cmo.suggest.persist import service_for

    proj, _ = trained
    suggester = service_for(proj.store).suggester
    texts = [
        (f"Zin {i}: ik heb weer structuur en ritme, de koffie staat klaar.", {"n": i})
        for i in range(30)
    ] + [("Mijn schulden zijn geregeld.", {"n": 30})]
    sequential = [
        ([s.code_id for s in found], ctx)
        for found, ctx in suggest_many(suggester, iter(texts), top=3, n_process=1)
    ]
    parallel = [
        ([s.code_id for s in found], ctx)
        for found, ctx in suggest_many(suggester, iter(texts), top=3, n_process=2)
    ]
    assert parallel == sequential
    assert [ctx["n"] for _, ctx in parallel] == list(range(31))
    assert sequential[-1][0][0] == "M4"
