"""Benchmark of the workbench on huge transcripts: the overview and the first paint.

Builds a project (one generated focusgroep transcript of ``--words`` words, or
``--transcripts`` of them, with ``--codings`` codings spread over them through the store's
bulk path) and then, in a fresh process each time so that memory and caches start cold
as a researcher's would:

- the overview: from importing the workbench to the transcript list on screen (target
  ≤ 0.3 s with one 1M-word transcript), and to its coding counts, which follow;
- the first paint of the (first) transcript after ``enter`` (target ≤ 0.5 s at 1M and
  at 3M words, ≤ 200 MB peak resident memory);
- ``end`` (jump to the last turn) and coding its first sentence with a pinned digit key,
  to the repaint.

With ``--process``, the overview is also timed as a whole ``cmo open`` process in a
terminal, Python's start and every import included (``process_open.py``).

Every time is printed twice: wall clock, and the CPU time of the measuring process
(user+sys) over the same stretch, since on a loaded machine the wall clock mostly
measures the others. Peak memory is the measuring process's maximum resident set.

    .venv/bin/python bench/tui_open_bench.py [--words 1000000] [--codings 100000]
        [--transcripts 1] [--project DIR (kept and reused)] [--runs N] [--process]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_SIZE = (160, 48)
CODES = ("C1", "C2", "M1", "M2", "M3b", "O1", "O2")


def build_project(folder: Path, words: int, transcripts: int, codings: int) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from tui_bench import make_transcript

    from cmo.core.text import sentence_spans
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.ingest.service import import_files
    from cmo.store.project import init_project
    from cmo.store.stamps import new_guid, now

    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for number in range(transcripts):
        source = folder / f"focusgroep-{number + 1}.txt"
        source.write_text(make_transcript(words, seed=4 + number), encoding="utf-8")
        sources.append(source)
    project = init_project(folder / "proj", name="bench", coder="bench")
    store = project.store
    store.codebook.load(load_codebook(ROOT / "codebooks" / "realist-wwb-wmo.yaml"))
    import_files(store, sources, casus="Bench", kind="focusgroep")
    known = {c.id for c in store.codebook.codes()}
    codes = [c for c in CODES if c in known] or sorted(known)[:7]
    rng = random.Random(11)
    rows, stamp = [], now()
    per = codings // max(1, transcripts)
    for summary in store.transcripts.summaries():
        transcript = store.transcripts.get(summary["id"])
        spans = [
            s
            for t in store.transcripts.turns(transcript.id)
            for s in sentence_spans(transcript.text, t.start, t.end)
        ]
        for start, end in sorted(rng.sample(spans, min(per, len(spans)))):
            coder = "bench" if rng.random() < 0.7 else "tweede"
            rows.append(
                (
                    transcript.id,
                    start,
                    end,
                    rng.choice(codes),
                    coder,
                    "",
                    stamp,
                    stamp,
                    "ok",
                    new_guid(),
                )
            )
    store.bulk.insert_codings(rows)
    store.settings.set_pin("bench", 1, codes[0])
    project.close()


async def measure(folder: Path) -> dict:
    result: dict = {}
    # From before the workbench's imports: which of its modules load the store's libraries
    # (SQLAlchemy, SQLModel) or Textual's is the workbench's business, and part of its start.
    cpu, start = time.process_time(), time.perf_counter()
    from cmo.store.project import open_project
    from cmo.tui.app import create_app

    project = open_project(folder / "proj", full_later=True)  # as `cmo open` does
    app = create_app(project, show_times=False)
    paints = Paints(app)
    listed = paints.first(lambda screen: bool(getattr(screen, "summaries", None)))
    counted = paints.first(lambda screen: "codings" in getattr(screen, "summaries", [{}])[0])
    async with app.run_test(size=BENCH_SIZE) as pilot:
        while counted not in paints.seen:
            await asyncio.sleep(0.002)
        for key, number in (("overview", listed), ("overview_counts", counted)):
            wall, used = paints.seen[number]
            result[key] = (wall - start, used - cpu)
        await pilot.pause()
        result["rss_overview"] = max_rss_mb()

        cpu, start = time.process_time(), time.perf_counter()
        await pilot.press("enter")
        while not hasattr(app.screen, "view") or app.screen.view.painted_at < start:
            await asyncio.sleep(0.002)
        result["first_paint"] = (app.screen.view.painted_at - start, time.process_time() - cpu)
        result["rss_first_paint"] = max_rss_mb()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        result["settled"] = (time.perf_counter() - start, time.process_time() - cpu)
        screen = app.screen

        cpu, start = time.process_time(), time.perf_counter()
        await pilot.press("end")
        while screen.view.painted_at < start:
            await asyncio.sleep(0.002)
        result["end"] = (screen.view.painted_at - start, time.process_time() - cpu)

        # Counted where the coding lands: counting them all would read all 100,000.
        span = screen.span
        here = lambda: len(screen.doc.codings_over(*span))  # noqa: E731
        before = here()
        cpu, start = time.process_time(), time.perf_counter()
        await pilot.press("1")
        while screen.view.painted_at < start or here() == before:
            if time.perf_counter() - start > 30:
                sys.exit("the last sentence was not coded (coded with that code already?)")
            await asyncio.sleep(0.002)
        result["code_last"] = (screen.view.painted_at - start, time.process_time() - cpu)
        result["codings"] = screen.session.store.codings.count() - 1
        result["turns"] = len(screen.doc.turns)
        result["words"] = screen.doc.transcript.word_count
        await pilot.press("ctrl+z")  # the project stays as it was built, for the next run
        await pilot.pause()

        cpu, start = time.process_time(), time.perf_counter()
        await pilot.press("escape")
        while type(app.screen).__name__ != "OverviewScreen":
            await asyncio.sleep(0.002)
        await pilot.pause()
        result["back_to_overview"] = (time.perf_counter() - start, time.process_time() - cpu)
    project.close()
    result["rss_end"] = max_rss_mb()
    return result


class Paints:
    """When the app first sent the terminal a screen that met each condition: (wall, cpu).

    Textual has no public paint event; its ``App._display`` is what writes a screen's
    update out (the headless test driver included), so that is where it is on screen. A
    frame composed inside Textual's start-up batch is thrown away unwritten, so it does
    not count."""

    def __init__(self, app) -> None:
        self.wanted: list = []
        self.seen: dict[int, tuple[float, float]] = {}
        display = app._display

        def recorded(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is None or app._batch_count:
                return
            for number, met in enumerate(self.wanted):
                if number not in self.seen and met(screen):
                    self.seen[number] = (time.perf_counter(), time.process_time())

        app._display = recorded

    def first(self, met) -> int:
        self.wanted.append(met)
        return len(self.wanted) - 1


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ms(pair) -> str:
    wall, cpu = pair
    return f"{wall * 1000:7.1f} ms wall ({cpu * 1000:.1f} ms cpu)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000, help="words per transcript")
    parser.add_argument("--transcripts", type=int, default=1)
    parser.add_argument("--codings", type=int, default=100_000, help="in all")
    parser.add_argument("--project", type=Path, help="build here once and reuse")
    parser.add_argument("--runs", type=int, default=1, help="fresh processes to measure")
    parser.add_argument(
        "--process", action="store_true", help="also time `cmo open` as a whole process"
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build_project(args.build, args.words, args.transcripts, args.codings)
        return
    if args.measure:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(asyncio.run(measure(args.measure))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.project or Path(tmp)
        if not (folder / "proj").exists():
            started = time.perf_counter()
            # In a process of its own: a child inherits its parent's peak memory.
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--build",
                    str(folder),
                    "--words",
                    str(args.words),
                    "--transcripts",
                    str(args.transcripts),
                    "--codings",
                    str(args.codings),
                ],
                check=True,
            )
            print(f"built the project in {time.perf_counter() - started:.1f} s: {folder}")
        results = [run_measure(folder) for _ in range(args.runs)]
        for result in results:
            report(result)
        if args.runs > 1:
            report_medians(results)
        if args.process:
            from process_open import open_process

            whole = [
                open_process(folder / "proj", "focusgroep-1", BENCH_SIZE) for _ in range(args.runs)
            ]
            for pair in whole:
                print(f"cmo open, overview on screen (whole process): {ms(pair)}")
            if args.runs > 1:
                print(f"median of {args.runs}, whole process: {ms(medians(whole))}")
            from process_open import machine_reference

            print(
                "for scale, on this machine now: `python -c 'import textual.app'` takes "
                f"{machine_reference(args.runs) * 1000:.0f} ms (median of {args.runs})"
            )


def run_measure(folder: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def medians(pairs: list) -> tuple[float, float]:
    return statistics.median(w for w, _ in pairs), statistics.median(c for _, c in pairs)


def report_medians(results: list[dict]) -> None:
    print(f"median of {len(results)} runs:")
    for key, label in (
        ("overview", "overview on screen"),
        ("overview_counts", "  with its counts"),
        ("first_paint", "first paint"),
    ):
        print(f"  {label + ':':21s} {ms(medians([r[key] for r in results]))}")


def report(r: dict) -> None:
    print(f"transcript: {r['words']:,} words, {r['turns']:,} turns, {r['codings']:,} codings")
    print(f"overview on screen:   {ms(r['overview'])}  (target ≤ 300 ms)")
    print(f"  with its counts:    {ms(r['overview_counts'])}")
    print(f"first paint:          {ms(r['first_paint'])}  (target ≤ 500 ms)")
    print(f"settled:              {ms(r['settled'])}")
    print(f"end (last turn):      {ms(r['end'])}")
    print(f"code it (digit 1):    {ms(r['code_last'])}")
    print(f"back to the overview: {ms(r['back_to_overview'])}")
    print(
        f"peak resident memory: {r['rss_overview']:.0f} MB at the overview, "
        f"{r['rss_first_paint']:.0f} MB at the first paint, {r['rss_end']:.0f} MB in all "
        "(target ≤ 200 MB)"
    )


if __name__ == "__main__":
    main()
