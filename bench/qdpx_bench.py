"""REFI-QDA export and re-import of a big project (prints figures, asserts nothing).

50 transcripts of 20,000 words (one million words) with 100,000 codings by two coders,
bulk-inserted with SQLAlchemy Core; then ``export_qdpx``, ``import_qdpx`` into a
fresh project with the codebook, and ``import_qdpx(merge=True)`` of the same archive
into that copy (every source and coding is found again, nothing is added).
Targets on 2 cores: export ≤ 1.2 s (issue #20), import and merge ≤ 10 s each.
Run: .venv/bin/python bench/qdpx_bench.py [--words 1000000] [--codings 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def build(store, words: int, codings: int, rng: random.Random) -> None:
    from corpus import transcript

    from cmo.core.text import normalise, word_spans
    from cmo.ingest.turns import segment
    from cmo.store.schema import CodingRow, new_guid, now

    texts = 50
    codes = [c.id for c in store.codebook.codes()]
    rows = []
    with store.transaction() as work:  # all of it in one write transaction
        for n in range(texts):
            text = normalise(transcript(rng, words // texts, focusgroep=n % 5 == 0))
            tid = work.bulk.add_transcript(
                segment(text),
                name=f"interview-{n:02d}",
                casus=[
                    "De Cirkel Almere",
                    "Participatiehuis Sittard-Geleen",
                    "Service voor de Wijk Ede",
                ][n % 3],
                kind="interview",
                source_name=f"i{n}.txt",
                sha256="",
            )
            spans = word_spans(text)
            for _ in range(codings // texts):
                first = rng.randrange(len(spans) - 30)
                start, end = spans[first][0], spans[first + rng.randint(0, 25)][1]
                stamp = now()
                rows.append(
                    {
                        "transcript_id": tid,
                        "start": start,
                        "end": end,
                        "code_id": rng.choice(codes),
                        "coder": rng.choice(["anna", "bram"]),
                        "memo": "",
                        "created_at": stamp,
                        "updated_at": stamp,
                        "status": "ok",
                        "guid": new_guid(),
                    }
                )
        work.conn.execute(CodingRow.__table__.insert(), rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--codings", type=int, default=100_000)
    args = parser.parse_args()

    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.refi.export_qdpx import export_qdpx
    from cmo.refi.import_qdpx import import_qdpx
    from cmo.store.project import init_project

    codebook = load_codebook(ROOT / "codebooks" / "realist-wwb-wmo.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        source = init_project(Path(tmp) / "source", coder="anna")
        source.store.codebook.load(codebook)
        t0 = time.perf_counter()
        build(source.store, args.words, args.codings, random.Random(11))
        words = sum(t["word_count"] for t in source.store.transcripts.summaries())
        print(
            f"setup: {words:,} words, {args.codings:,} codings in {time.perf_counter() - t0:.1f} s"
        )

        archive = Path(tmp) / "big.qdpx"
        t0, c0 = time.perf_counter(), time.process_time()
        report = export_qdpx(source.store, archive, name="bench")
        export_s = time.perf_counter() - t0
        print(
            f"export: {export_s:.2f} s wall, {time.process_time() - c0:.2f} s CPU "
            f"({report.codings:,} codings, "
            f"{archive.stat().st_size / 2**20:.1f} MiB archive)"
        )

        target = init_project(Path(tmp) / "target", coder="anna")
        target.store.codebook.load(codebook)
        t0, c0 = time.perf_counter(), time.process_time()
        result = import_qdpx(target.store, archive)
        import_s = time.perf_counter() - t0
        print(
            f"import: {import_s:.2f} s wall, {time.process_time() - c0:.2f} s CPU "
            f"({result.codings:,} codings, "
            f"{len(result.transcripts)} transcripts, {len(result.warnings)} warnings)"
        )
        t0, c0 = time.perf_counter(), time.process_time()
        merged = import_qdpx(target.store, archive, merge=True)
        merge_s = time.perf_counter() - t0
        print(
            f"merge into the copy: {merge_s:.2f} s wall, {time.process_time() - c0:.2f} s CPU "
            f"({len(merged.sources)} sources matched, {merged.codings:,} codings added, "
            f"{merged.codings_present:,} already there)"
        )

        def verdict(seconds: float, target: float) -> str:
            return f"{seconds:.2f} s ≤ {target:g} s {'met' if seconds <= target else 'MISSED'}"

        print(
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; targets (wall): "
            f"export {verdict(export_s, 1.2)}, import {verdict(import_s, 10)}, "
            f"merge {verdict(merge_s, 10)}"
        )
        source.close()
        target.close()


if __name__ == "__main__":
    main()
