"""The quick first suggestion: ``cmo suggest --text`` through the standard-library store,
without Typer or SQLAlchemy, and the encoder's quick tokenizer; the same suggestions as
the full path."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cmo.commands import fast
from cmo.store.fastpath import QuickStore
from cmo.store.project import open_project
from cmo.suggest import api, embed_worker, encoder, knowledge, persist
from tests.cli import ROOT
from tests.samples import SAMPLE_INTERVIEW

TEXTS = [
    "Het is hier zo laagdrempelig, je loopt gewoon binnen voor een bakje koffie.",
    "Ik heb weer structuur in mijn week, elke ochtend om negen uur.",
    "Via de schuldhulp kreeg ik eindelijk overzicht over mijn schulden.",
    "De klantmanager van de gemeente geloofde echt in mij.",
    "Mijn zus heeft me geholpen, maar ik heb zus geregeld dat het lukt.",
]


@pytest.fixture(scope="module")
def learned_folder(tmp_path_factory, empty_project_folder):
    """The coded sample interview with its vectors stored and a trained model, closed:
    made once per module (encoding and training cost ~2 s), copied by each test."""
    from tests.conftest import code_sample_interview

    tmp = tmp_path_factory.mktemp("learned")
    shutil.copytree(empty_project_folder, tmp / "proj")
    sample = tmp / "cirkel-client1.txt"
    sample.write_text(SAMPLE_INTERVIEW, encoding="utf-8")
    with open_project(tmp / "proj") as project:
        store = code_sample_interview(project, sample).store
        embed_worker.embed_project(store)
        t = store.transcripts.get("cirkel-client1")
        for turn in store.transcripts.turns(t.id)[1:8]:
            store.codings.add(t.id, turn.start, turn.end, "M3c", coder="tester")
        api.train(store)
        api.record_feedback(store, t.id, 0, 10, "M1c", "reject", coder="tester")
    _fresh_services()
    return tmp / "proj"


@pytest.fixture
def learned_project(learned_folder, tmp_path, encoder_required):
    """A copy of ``learned_folder`` of this test's own, open."""
    shutil.copytree(learned_folder, tmp_path / "proj")
    project = open_project(tmp_path / "proj")
    yield project
    project.close()


def _fresh_services():
    """Forget the suggesters built so far: each store must build its own."""
    persist._services.clear()
    knowledge._by_transcript.clear()


def test_the_quick_store_reads_what_the_full_store_reads(learned_project):
    full = learned_project.store
    quick = open_project(learned_project.path, quick=True).store
    assert isinstance(quick, QuickStore)
    model, version = encoder.MODEL, encoder.version()
    t = full.transcripts.get("cirkel-client1").id
    try:
        assert quick.codebook.codes() == full.codebook.codes()
        assert len(quick.codebook.codes()) > 20
        for name in (persist.MODEL_NAME, knowledge.CODE_VECTORS, "no-such-artifact"):
            assert quick.artifacts.get(name) == full.artifacts.get(name)
            assert quick.artifacts.info(name) == full.artifacts.info(name)
        assert quick.artifacts.get(persist.MODEL_NAME)["data"]
        vectors = full.embeddings.current_vectors(model, version)
        assert vectors and quick.embeddings.current_vectors(model, version) == vectors
        assert quick.embeddings.current_vectors(model, version, t) == vectors
        spans = full.embeddings.coded_span_vectors(model, version)
        assert spans and quick.embeddings.coded_span_vectors(model, version) == spans
        assert quick.embeddings.stale_transcripts(model, version) == []
        assert quick.embeddings.stamp(t) == full.embeddings.stamp(t)
        text = full.transcripts.get(t).text
        turn = full.transcripts.turns(t)[2]
        found = quick.embeddings.vector_for_text(text[turn.start : turn.end], model, version)
        assert found is not None
        assert found == full.embeddings.vector_for_text(text[turn.start : turn.end], model, version)
        assert quick.embeddings.vector_for_text("nergens", model, version) is None
        assert quick.feedback.count() == full.feedback.count() == 1
        assert quick.feedback.answered_spans(t) == full.feedback.answered_spans(t) == {(0, 10)}
        assert quick.queries.codings_stamp() == full.queries.codings_stamp()
        assert quick.queries.texts_stamp() == full.queries.texts_stamp()
        assert quick.codings.count() == full.codings.count() == len(full.codings.all()) > 4
        assert quick.codings.all() == full.codings.all()
        assert quick.codings.all(t) == full.codings.all(transcript_id=t)
        assert quick.transcripts.all() == full.transcripts.all()
    finally:
        quick.close()


def test_the_quick_store_ranks_as_the_full_store(learned_project):
    full = learned_project.store
    quick = open_project(learned_project.path, quick=True).store
    try:
        ranked = {}
        for name, store in (("full", full), ("quick", quick)):
            _fresh_services()
            ranked[name] = [
                [s.to_dict() for s in api.suggest_for_text(store, text, top=5)] for text in TEXTS
            ]
            ranked[name].append(api.model_status(store))
        _fresh_services()
        assert ranked["quick"] == ranked["full"]
        assert all(len(r) >= 3 for r in ranked["full"][: len(TEXTS)])
        # The learned parts took part: a classifier score and coded neighbours.
        first = ranked["full"][0][0]
        assert first["code_id"] == "M3c" and first["sources"]["classifier"] > 0
        assert first["similar"]
    finally:
        quick.close()


PROBE = (
    "import json, sys\n"
    "from cmo.cli import main\n"
    "sys.argv = ['cmo', 'suggest', '--text', sys.argv[1], '--json', '-p', sys.argv[2]]\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "print(json.dumps({m: m in sys.modules for m in ('sqlalchemy', 'sqlmodel', 'typer', "
    "'sentencepiece')}), file=sys.stderr)\n"
)


def test_cmo_suggest_text_needs_neither_typer_nor_sqlalchemy_and_says_the_same(learned_project):
    folder = learned_project.path
    _fresh_services()
    expected = {
        "text": TEXTS[1],
        "model": api.model_status(learned_project.store),
        "suggestions": [s.to_dict() for s in api.suggest_for_text(learned_project.store, TEXTS[1])],
    }
    _fresh_services()
    learned_project.close()
    # The second run: the first after an edit of cmo/commands reads the command's options
    # from its Typer declaration once, for the launch cache.
    for _ in range(2):
        probe = subprocess.run(
            [sys.executable, "-c", PROBE, TEXTS[1], str(folder)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "CMO_EMBED_WORKER": "off"},
            timeout=120,
        )
    assert probe.returncode == 0, probe.stderr
    loaded = json.loads(probe.stderr.strip().splitlines()[-1])
    assert loaded == {
        "sqlalchemy": False,
        "sqlmodel": False,
        "typer": False,
        "sentencepiece": False,
    }
    assert json.loads(probe.stdout) == json.loads(json.dumps(expected))


def test_a_due_retraining_still_runs_first(learned_project):
    store = learned_project.store
    t = store.transcripts.get("cirkel-client1")
    for n in range(20):
        store.codings.add(t.id, 3 * n, 3 * n + 2, "M1c", coder="tester")
    assert persist.retrain_needed(store)
    learned_project.close()
    _fresh_services()
    from tests.cli import run_cmo

    result = run_cmo("suggest", "--text", TEXTS[1], "--json", "-p", learned_project.path)
    assert result.returncode == 0, result.stderr
    assert "Training the suggester" in result.stderr
    data = json.loads(result.stdout)
    assert data["model"]["new_since_training"] == 0
    assert data["model"]["trained_on_codings"] == data["model"]["codings"]


def test_the_fast_path_parses_suggest_and_leaves_the_unusual_to_typer():
    fn, rest = fast.command_for(["suggest", "--text", "x", "--top", "0"])
    assert fn is not None
    with pytest.raises(fast.NotFast):
        fast.parse(fn, rest)
    assert fast.parse(fn, ["--text", "x", "-k", "2"])["top"] == 2
    # A flag pair ("--train/--no-train") is parsed here; given twice, Typer says so.
    assert fast.parse(fn, ["--text", "x", "--no-train"])["train"] is False
    assert fast.parse(fn, ["--text", "x", "--train"])["train"] is True
    assert fast.parse(fn, ["--text", "x"])["train"] is True
    with pytest.raises(fast.NotFast):
        fast.parse(fn, ["--text", "x", "--train", "--no-train"])


def test_the_quick_tokenizer_gives_sentencepieces_ids(tmp_path, monkeypatch, encoder_required):
    from cmo.suggest import use_network, use_pieces

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    model = Path(use_network._package_file("sp.model"))
    built = use_pieces.load(model)  # read from the model, then kept in the cache folder
    assert list(tmp_path.glob("cmo/use-m3-pieces*"))
    cached = use_pieces.load(model)
    reference = use_network.tokenizer()
    texts = [
        *TEXTS,
        "<s> </s> <unk> extra_token_id_1",  # control pieces are never read from a text
        " ",  # white space alone: no tokens
        "emoji 😀 🇳🇱 en x😀😀y",  # a run of unknown characters is one unknown token
        "  dubbele   spaties\tand\ttabs\n nieuwe regel",
        "Ünïcödé café — ‘quotes’ “dubbel” … ½ ﬁ Ⅻ ２０２６ 中文 العربية",
    ]
    rnd = random.Random(14)
    alphabet = [chr(c) for c in [*range(32, 0x250), *range(0x2000, 0x2070), 0x1F600, 0x3000]]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 25))) for _ in range(300)]
    for text in texts:
        want = reference.encode(text, out_type=int, add_bos=True, add_eos=True)
        assert built.encode(text) == want, text
        assert cached.encode(text) == want, text


def test_a_lookup_table_answers_as_its_dict(tmp_path, monkeypatch):
    from cmo.suggest import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "source.txt"
    source.write_text("v1", encoding="utf-8")
    table = {f"woord{i}": i * 0.25 for i in range(300)} | {"één": "een", "": 0}
    built = []
    first = cache.lookup_table("test", source, lambda: built.append(1) or dict(table))
    again = cache.lookup_table("test", source, lambda: built.append(1) or dict(table))
    assert built == [1]  # read from the cache folder the second time
    for found in (first, again):
        assert isinstance(found, cache.LookupTable) and len(found) == len(table)
        for key in [*table, "nergens", "WOORD1"]:
            assert found.get(key) == table.get(key)
            assert found.get(key, "x") == table.get(key, "x")
            assert (key in found) == (key in table)
        assert found["één"] == "een"
        with pytest.raises(KeyError):
            found["nergens"]
    monkeypatch.setattr(cache.LookupTable, "LOAD_AFTER", 10)
    whole = cache.lookup_table("test", source, dict)
    assert [whole.get(k) for k in table] == list(table.values())
    assert whole._whole == table  # loaded whole after ten different words
    # A cache folder that cannot be written: the dict itself.
    monkeypatch.setenv("XDG_CACHE_HOME", str(source))
    assert cache.lookup_table("test", source, lambda: dict(table)) == table


_forked_table = None


def _look_up_in_child(queue) -> None:
    table = _forked_table
    queue.put((table.get("woord7"), table.get("nergens"), table._pid == os.getpid()))


def test_a_forked_process_reads_a_lookup_table_through_its_own_connection(tmp_path, monkeypatch):
    import multiprocessing

    from cmo.suggest import cache

    global _forked_table
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = tmp_path / "source.txt"
    source.write_text("v1", encoding="utf-8")
    _forked_table = cache.lookup_table("fork", source, lambda: {f"woord{i}": i for i in range(9)})
    assert _forked_table.get("woord1") == 1  # the parent's connection is open
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_look_up_in_child, args=(queue,))
    child.start()
    found = queue.get(timeout=60)
    child.join(60)
    _forked_table = None
    assert found == (7, None, True)
    assert child.exitcode == 0
