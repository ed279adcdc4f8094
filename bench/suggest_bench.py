"""Suggestion benchmarks: start-up, warm latency, batch throughput, training, quote accuracy.

    .venv/bin/python bench/suggest_bench.py [--words 1000000] [--codings 1000] [--cores 2]

Prints one line per figure with its target. The batch figure runs on ``--words`` words of
demo-project text (repeated) and, when that is less than a million, extrapolates linearly
and says so. Training uses a project of ``--codings`` codings: the demo project's codings
plus simulated ones (each uncoded respondent sentence coded with its top lexicon
suggestion), trained in a worker process as the TUI would.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--codings", type=int, default=1000)
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
        "(other processes share the cores; wall-clock figures grow with the load)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        demo = build(Path(tmp))
        warm(demo)
        start_up(demo)
        batch(demo, args.words, args.cores)
        quote_accuracy(Path(tmp))
        training(demo, args.codings)


def build(tmp: Path) -> Path:
    from cmo.commands.demo import build_demo

    return build_demo(tmp / "demo")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def start_up(demo: Path) -> None:
    """A fresh `cmo suggest --text` process: Python start to the printed suggestion (the
    project has a trained model, which is loaded too)."""
    times, cpu = [], []
    for _ in range(3):
        before = children_cpu()
        started = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "cmo.cli",
                "suggest",
                "--text",
                "Het is hier laagdrempelig en ik heb weer structuur.",
                "-p",
                str(demo),
            ],
            capture_output=True,
            text=True,
        )
        times.append(time.perf_counter() - started)
        cpu.append(children_cpu() - before)
        assert result.returncode == 0, result.stderr
    print(
        f"start to first suggestion (cmo suggest --text, trained model): wall best "
        f"{min(times):.2f} s, median {sorted(times)[1]:.2f} s; CPU {min(cpu):.2f} s "
        "(= wall on an idle core)  (target <= 2 s)"
    )


def warm(demo: Path) -> None:
    from cmo.store.project import open_project
    from cmo.suggest import api

    with open_project(demo) as proj:
        store = proj.store
        texts = [
            f["text"]
            for t in store.transcripts()[:4]
            for f in api.fragments(store, t.id, "sentence")
        ][:300]
        for label in ("lexicon only", "lexicon + trained model"):
            if label != "lexicon only":
                api.train(store)
            api.suggest_for_text(store, "opwarmen")
            started = time.perf_counter()
            for text in texts:
                api.suggest_for_text(store, text)
            per = (time.perf_counter() - started) / len(texts) * 1000
            print(
                f"warm suggestion per fragment ({label}, {len(texts)} sentences): "
                f"{per:.1f} ms  (target <= 20 ms)"
            )


def batch(demo: Path, words: int, cores: int) -> None:
    from cmo.core.text import count_words
    from cmo.store.project import open_project
    from cmo.suggest import api
    from cmo.suggest.batch import suggest_many
    from cmo.suggest.persist import service_for

    with open_project(demo) as proj:
        store = proj.store
        base = [f["text"] for t in store.transcripts() for f in api.fragments(store, t.id)]
        corpus, total = [], 0
        while total < words:
            for text in base:
                corpus.append(text)
                total += count_words(text)
                if total >= words:
                    break
        suggester = service_for(store).suggester
        cpu_before = children_cpu() + time.process_time()
        started = time.perf_counter()
        n = sum(
            1 for _ in suggest_many(suggester, ((t, {}) for t in corpus), top=3, n_process=cores)
        )
        seconds = time.perf_counter() - started
        cpu = children_cpu() + time.process_time() - cpu_before
    scale = 1_000_000 / total
    note = "measured" if total >= 1_000_000 else f"extrapolated from {total:,} words"
    print(
        f"batch: {n:,} turns, {total:,} words in {seconds:.1f} s wall on {cores} processes "
        f"(with trained model) -> 1,000,000 words in {seconds * scale:.1f} s ({note}); "
        f"CPU {cpu * scale:.0f} s per million words = {cpu * scale / cores:.0f} s on "
        f"{cores} idle cores  (target <= 60 s)"
    )


def quote_accuracy(tmp: Path) -> None:
    """Top-3 accuracy on the held-out quotes: codebook alone, then trained on half."""
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.store.project import init_project
    from cmo.suggest import api
    from tests.suggest_support import coded_quotes_project, quotes

    def accuracy(store, section, families="M", only=None) -> tuple[int, int]:
        hits = total = 0
        for code, texts in quotes(section).items():
            for i, text in enumerate(texts):
                if only is not None and not only(code, i):
                    continue
                found = api.suggest_for_text(store, text, top=3, families=families)
                total += 1
                hits += code in [s.code_id for s in found]
        return hits, total

    proj = init_project(tmp / "quotes", name="quotes", coder="bench")
    proj.store.load_codebook(load_codebook(ROOT / "codebooks" / "realist-wwb-wmo.yaml"))
    for section, note in (
        ("quotes", "written before the keywords were enriched; optimistic"),
        ("fresh", "written after; honest held-out"),
    ):
        hits, total = accuracy(proj.store, section)
        print(
            f"codebook alone, mechanism in top 3, '{section}' quotes ({note}): "
            f"{hits}/{total} = {hits / total:.0%}  (target >= 50%)"
        )
    proj.close()
    # Train on the 'quotes' set plus the first two 'fresh' quotes per mechanism, test on
    # the remaining 'fresh' quote of each mechanism.
    proj = init_project(tmp / "quotes-trained", name="quotes", coder="bench")
    proj.store.load_codebook(load_codebook(ROOT / "codebooks" / "realist-wwb-wmo.yaml"))
    coded_quotes_project(proj, tmp, sections=("quotes", "fresh"))
    store = proj.store
    for coding in store.codings():
        text = store.transcript(coding.transcript_id).text[coding.start : coding.end]
        fresh = quotes("fresh").get(coding.code_id, [])
        if text in fresh[2:]:
            store.remove_coding(coding.id)
    api.train(store)
    hits, total = accuracy(store, "fresh", only=lambda code, i: i >= 2)
    print(
        f"after training on 84 quotes, mechanism in top 3 on the {total} held-out 'fresh' "
        f"quotes: {hits}/{total} = {hits / total:.0%}  (target >= 70%)"
    )
    proj.close()


def training(demo: Path, codings: int) -> None:
    from cmo.store.project import open_project
    from cmo.suggest import api
    from cmo.suggest.persist import start_retrain

    with open_project(demo) as proj:
        store = proj.store
        added = len(store.codings())
        # Pass 1 codes uncoded sentences with their top suggestion, pass 2 adds the second
        # suggestion as a second code, until there are enough codings.
        for rank in (0, 1):
            for transcript in store.transcripts():
                coded = [(c.start, c.end) for c in store.codings(transcript_id=transcript.id)]
                for fragment in api.fragments(store, transcript.id, "sentence"):
                    if added >= codings:
                        break
                    span = (fragment["start"], fragment["end"])
                    if rank == 0 and any(s < span[1] and span[0] < e for s, e in coded):
                        continue
                    found = api.suggest_for_text(store, fragment["text"], top=2)
                    if len(found) > rank:
                        store.add_coding(
                            transcript.id, *span, found[rank].code_id, coder="simulated"
                        )
                        added += 1
        total = len(store.codings())
        cpu_before = children_cpu()
        started = time.perf_counter()
        job = start_retrain(store, force=True, process=True)
        returned = time.perf_counter() - started
        job.join()
        seconds = time.perf_counter() - started
        cpu = children_cpu() - cpu_before
        info = api.model_status(store)
    print(
        f"training on {total} codings in a worker process: {seconds:.1f} s wall incl. the "
        f"worker's start-up, CPU {cpu:.1f} s (the call returned after "
        f"{returned * 1000:.0f} ms; model trained on {info['trained_on_codings']} codings)"
        "  (target <= 60 s)"
    )


if __name__ == "__main__":
    main()
