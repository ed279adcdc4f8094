"""Latency of storing one coding in a 100,000-word document, as the TUI and CLI do it.

Taguette needs about 270 ms for this on the reference corpus; our aim is 10× better.
Each coding is committed (fsync'd, synchronous=FULL) and logged for undo before the
call returns. The baseline is a bare SQLite INSERT + COMMIT on the same file system.

    .venv/bin/python bench/coding_bench.py [--codings 500] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import transcript  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codings", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.ingest.service import import_files
    from cmo.store.project import init_project

    rng = random.Random(3)
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "groot.txt"
        doc.write_text(transcript(rng, 100_000, focusgroep=True), encoding="utf-8")
        project = init_project(Path(tmp) / "project")
        project.store.codebook.load(load_codebook(root / "codebooks" / "realist-wwb-wmo.yaml"))
        import_files(project.store, [doc], casus="Bench")
        t = project.store.transcripts.get("groot")
        codes = [c.id for c in project.store.codebook.codes()]
        times = []
        for _ in range(args.codings):
            start = rng.randrange(0, len(t.text) - 400)
            began = time.perf_counter()
            project.store.codings.add(
                t.id, start, start + rng.randint(20, 400), rng.choice(codes), coder="bench"
            )
            times.append((time.perf_counter() - began) * 1000)
        project.close()

        raw = sqlite3.connect(Path(tmp) / "raw.db", isolation_level=None)
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=FULL")
        raw.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, t INT, s INT, e INT, code TEXT)")
        base = []
        for i in range(args.codings):
            began = time.perf_counter()
            raw.execute("BEGIN")
            raw.execute("INSERT INTO c (t, s, e, code) VALUES (1, ?, ?, 'M1a')", (i, i + 10))
            raw.execute("COMMIT")
            base.append((time.perf_counter() - began) * 1000)
        raw.close()

    median, p95 = statistics.median(times), statistics.quantiles(times, n=20)[18]
    rows = [
        {
            "name": "store one coding (median)",
            "value": round(median, 2),
            "unit": "ms",
            "target": 27,
            "baseline_name": "raw SQLite insert+commit",
            "baseline_value": round(statistics.median(base), 2),
        },
        {
            "name": "store one coding (p95)",
            "value": round(p95, 2),
            "unit": "ms",
            "target": 27,
            "baseline_name": None,
            "baseline_value": None,
        },
    ]
    if args.json:
        print(json.dumps(rows))
        return
    print(f"{args.codings} codings in a 100,000-word focusgroep transcript")
    print(f"store.add_coding   median {median:6.2f} ms   p95 {p95:6.2f} ms   (Taguette ≈ 270 ms)")
    print(f"raw SQLite insert  median {statistics.median(base):6.2f} ms")


if __name__ == "__main__":
    main()
