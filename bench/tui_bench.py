"""Benchmark of the coding workbench on a generated 50,000-word focusgroep transcript.

Prints: time to first paint of the transcript view (target ≤ 1 s), median and 95th
percentile from the key press that applies a code to the repaint that shows it with
the row committed (target ≤ 50 ms), and peak resident memory (target ≤ 300 MB).

    .venv/bin/python bench/tui_bench.py [--words 50000] [--presses 60]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH_SIZE = (160, 48)
ROOT = Path(__file__).resolve().parents[1]
SPEAKERS = ["GL", "Marieke", "Ahmed", "Joke", "Piet", "Fatima", "Kees", "Anouk"]
SENTENCES = [
    "Via mijn klantmanager ben ik hier terechtgekomen.",
    "Het is hier laagdrempelig en er staat altijd koffie klaar.",
    "Ik heb weer structuur in mijn week.",
    "Elke dinsdag en donderdag sta ik vroeg op.",
    "Mijn begeleider is eerlijk over wat haalbaar is.",
    "De regels van de gemeente maken het soms lastig.",
    "Ik heb een cursus gedaan en daar ben ik trots op.",
    "Door de schuldhulp is er rust gekomen.",
    "We drinken samen koffie en gaan soms naar de markt.",
    "Ik wil uiteindelijk een betaalde baan vinden.",
    "Ze nemen je hier serieus, dat is het belangrijkste.",
    "Kleine stappen, zegt ze dan, niet te veel tegelijk.",
]


def make_transcript(words: int, seed: int = 4) -> str:
    rng = random.Random(seed)
    lines, count = ["Focusgroep Participatiehuis (gegenereerd)", ""], 0
    while count < words:
        speaker = "GL" if rng.random() < 0.2 else rng.choice(SPEAKERS[1:])
        turn = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 14)))
        lines.append(f"{speaker}: {turn}")
        count += len(turn.split()) + 1
    return "\n".join(lines) + "\n"


def build_project(folder: Path, words: int):
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.ingest.service import import_files
    from cmo.store.project import init_project

    source = folder / "focusgroep-groot.txt"
    source.write_text(make_transcript(words), encoding="utf-8")
    project = init_project(folder / "proj", name="bench", coder="bench")
    project.store.load_codebook(load_codebook(ROOT / "codebooks" / "realist-wwb-wmo.yaml"))
    import_files(project.store, [source], casus="Bench", kind="focusgroep")
    return project


async def measure(project, presses: int) -> dict:
    from cmo.tui.app import create_app

    store = project.store
    app = create_app(project, show_times=False)
    async with app.run_test(size=BENCH_SIZE) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("enter")
        while not hasattr(app.screen, "view") or app.screen.view.painted_at < start:
            await asyncio.sleep(0.002)
        first_paint = app.screen.view.painted_at - start
        screen = app.screen

        await pilot.press("c", *"m3b", "enter")  # puts M3b on key 1
        await pilot.pause()
        latencies = []
        for _ in range(presses):
            await pilot.press("down")
            before = len(screen.doc.codings)
            pressed = time.perf_counter()
            await pilot.press("1")
            while screen.view.painted_at < pressed or len(screen.doc.codings) == before:
                await asyncio.sleep(0.001)
            latencies.append(screen.view.painted_at - pressed)
        committed = len(store.codings(code_id="M3b"))
        lines = len(screen.view.layout.lines)
    return {
        "first_paint": first_paint,
        "latencies": latencies,
        "committed": committed,
        "turns": len(screen.doc.turns),
        "lines": lines,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--presses", type=int, default=60)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        project = build_project(Path(tmp), args.words)
        summary = store_summary(project)
        result = asyncio.run(measure(project, args.presses))
        project.close()
    lat = sorted(result["latencies"])
    p95 = lat[min(len(lat) - 1, int(round(0.95 * (len(lat) - 1))))]
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"transcript: {summary['word_count']:,} words, {result['turns']:,} turns, "
        f"{result['lines']:,} screen lines at 160 columns"
    )
    print(
        f"first paint of the transcript view: {result['first_paint'] * 1000:.0f} ms "
        f"(target ≤ 1000 ms)"
    )
    print(
        f"apply code (key → committed row → repaint), n={len(lat)}: "
        f"median {statistics.median(lat) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms "
        f"(target ≤ 50 ms); rows committed: {result['committed']}"
    )
    print(f"peak resident memory: {rss_mb:.0f} MB (target ≤ 300 MB)")


def store_summary(project) -> dict:
    return project.store.transcript_summaries()[0]


if __name__ == "__main__":
    main()
