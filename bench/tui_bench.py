"""Benchmark of the coding workbench on a generated 50,000-word focusgroep transcript.

Prints, as the researcher feels them (whole key sequences, through Textual's Pilot):

- keystrokes and time for five typical codings: a sentence with a pinned code, part of a
  sentence, a whole turn, a span over two turns, a code not used before (targets: ≤ 3
  keys for the sentence, ≤ 8 for part of one);
- opening the transcript to a settled screen (target ≤ 300 ms), the palette's
  "Open transcript" (ctrl+p to its list, each key of the search, enter on the command
  to the transcript settled) and the candidates screen (≤ 300 ms each);
- key → committed row → repaint for a digit key, median and p95 (target p95 ≤ 30 ms);
- that no reload follows the researcher's own changes (the 3-second poll);
- peak resident memory.

Every time is printed twice: wall clock, and the CPU time of this process (user+sys,
``time.process_time``) over the same stretch, since on a loaded machine the wall clock
mostly measures the others.

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
    project.store.codebook.load(load_codebook(ROOT / "codebooks" / "realist-wwb-wmo.yaml"))
    import_files(project.store, [source], casus="Bench", kind="focusgroep")
    return project


async def settle(pilot, app) -> None:
    """Wait until the app has nothing left to do (messages handled, screen painted)."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


FRAMES: list[float] = []
"""perf_counter() of every frame the app hands to its terminal driver."""


def count_frames() -> None:
    """Note when each frame is drawn. "Settled" is the last frame before the app goes
    idle: Pilot's idle test sleeps 20 ms at a time (several times per wait), which is
    the test's own latency, not the researcher's."""
    from textual.app import App

    display = App._display

    def noted(self, screen, renderable) -> None:
        if renderable is not None and not self._batch_count:
            FRAMES.append(time.perf_counter())
        display(self, screen, renderable)

    App._display = noted


def settled_since(start: float) -> float:
    """Seconds from ``start`` to the last frame drawn (after :func:`settle`)."""
    return max((f for f in FRAMES if f >= start), default=start) - start


async def coding(pilot, screen, keys: list[str]) -> tuple[int, float, float]:
    """Press ``keys`` (the last one commits) and time it to the repaint with the row in:
    (keys, wall seconds, CPU seconds)."""
    before = len(screen.doc.codings)
    cpu = time.process_time()
    pressed = time.perf_counter()
    await pilot.press(*keys)
    while screen.view.painted_at < pressed or len(screen.doc.codings) == before:
        await asyncio.sleep(0.001)
    return len(keys), screen.view.painted_at - pressed, time.process_time() - cpu


async def measure(project, presses: int) -> dict:
    from cmo.tui.app import create_app

    store = project.store
    store.settings.set_pin(project.default_coder, 1, "M3b")
    count_frames()
    app = create_app(project, show_times=False)
    result: dict = {}
    async with app.run_test(size=BENCH_SIZE) as pilot:
        await settle(pilot, app)
        cpu = time.process_time()
        start = time.perf_counter()
        await pilot.press("enter")
        while not hasattr(app.screen, "view") or app.screen.view.painted_at < start:
            await asyncio.sleep(0.002)
        result["first_paint"] = app.screen.view.painted_at - start
        result["first_paint_cpu"] = time.process_time() - cpu
        await settle(pilot, app)
        result["settled"] = settled_since(start)
        result["settled_cpu"] = time.process_time() - cpu
        screen = app.screen

        # Five typical codings, each from a freshly selected sentence further down.
        await pilot.press("ctrl+down", "ctrl+down")
        result["codings"] = [
            ("a sentence (pinned code)", *await coding(pilot, screen, ["down", "1"])),
            (
                "part of a sentence",
                *await coding(
                    pilot, screen, ["down", "greater_than_sign", "greater_than_sign", "H", "1"]
                ),
            ),
            ("a whole turn", *await coding(pilot, screen, ["ctrl+down", "t", "1"])),
            (
                "a span over two turns",
                *await coding(pilot, screen, ["ctrl+down", "t", "right_curly_bracket", "1"]),
            ),
            (
                "a code not used before",
                *await coding(pilot, screen, ["ctrl+down", "c", *"o3.4", "enter"]),
            ),
        ]
        await settle(pilot, app)

        latencies, cpu_latencies = [], []
        for _ in range(presses):
            await pilot.press("down")
            _, wall, cpu_used = await coding(pilot, screen, ["1"])
            latencies.append(wall)
            cpu_latencies.append(cpu_used)
        await settle(pilot, app)
        screen.poll_changes()  # what the 3-second timer does
        result["reloads_after_own_changes"] = screen.reloads
        result["committed"] = len(store.codings.all(code_id="M3b"))
        result["latencies"] = latencies
        result["cpu_latencies"] = cpu_latencies
        result["turns"] = len(screen.doc.turns)
        result["lines"] = len(screen.view.layout.lines)

        # The palette's "Open transcript": ctrl+p until the list shows, each key of the
        # search until the list is redrawn, and the whole sequence until the command is
        # listed; then enter on it until the transcript it opens has settled.
        from textual.command import CommandPalette

        def palette_listed() -> bool:
            palette = app.screen if isinstance(app.screen, CommandPalette) else None
            return bool(
                palette is not None
                and palette.query("CommandList")
                and palette.query_one("CommandList").option_count
            )

        cpu = time.process_time()
        start = time.perf_counter()
        await pilot.press("ctrl+p")
        while not palette_listed():
            await asyncio.sleep(0.002)
        result["palette_open"] = time.perf_counter() - start
        result["palette_open_cpu"] = time.process_time() - cpu
        typed, typed_cpu = [], []
        for letter in "open transcript":
            key_cpu, key_start = time.process_time(), time.perf_counter()
            await pilot.press(letter)
            await settle(pilot, app)  # the search runs in a worker; its list then repaints
            typed.append(settled_since(key_start))
            typed_cpu.append(time.process_time() - key_cpu)
        while not palette_listed():
            await asyncio.sleep(0.002)
        result["palette"] = time.perf_counter() - start
        result["palette_cpu"] = time.process_time() - cpu
        result["palette_keys"] = (sorted(typed), sorted(typed_cpu))
        cpu = time.process_time()
        start = time.perf_counter()
        await pilot.press("enter")
        while app.screen is screen or not hasattr(app.screen, "view"):
            await asyncio.sleep(0.002)
        await settle(pilot, app)
        result["palette_opened"] = settled_since(start)
        result["palette_opened_cpu"] = time.process_time() - cpu

        cpu = time.process_time()
        start = time.perf_counter()
        app.action_candidates()
        await settle(pilot, app)
        result["candidates"] = settled_since(start)
        result["candidates_cpu"] = time.process_time() - cpu
    return result


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
    lat, cpu_lat = sorted(result["latencies"]), sorted(result["cpu_latencies"])
    p95, cpu_p95 = percentile(lat, 0.95), percentile(cpu_lat, 0.95)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"transcript: {summary['word_count']:,} words, {result['turns']:,} turns, "
        f"{result['lines']:,} screen lines at 160 columns"
    )
    print("five typical codings (keys from a selected sentence; time to the repaint):")
    for name, keys, seconds, cpu in result["codings"]:
        print(f"  {name:<26} {keys:>2} keys  {ms(seconds, cpu)}")
    print(
        f"open the transcript: first paint {ms(result['first_paint'], result['first_paint_cpu'])}, "
        f"settled {ms(result['settled'], result['settled_cpu'])} (target ≤ 300 ms)"
    )
    keys, keys_cpu = result["palette_keys"]
    print(
        f"palette: ctrl+p to its list {ms(result['palette_open'], result['palette_open_cpu'])} "
        "(target ≤ 300 ms); each key of 'open transcript' to the list redrawn: median "
        f"{ms(statistics.median(keys), statistics.median(keys_cpu))}, "
        f"slowest {ms(keys[-1], keys_cpu[-1])}"
    )
    print(
        f"  the {len(keys) + 1} keys until 'Open transcript' is listed: "
        f"{ms(result['palette'], result['palette_cpu'])} (the wall clock has Pilot's idle "
        "polls after each key); enter on it to the transcript "
        f"settled {ms(result['palette_opened'], result['palette_opened_cpu'])} (target ≤ 300 ms)"
    )
    print(
        f"candidates screen settled: {ms(result['candidates'], result['candidates_cpu'])} "
        "(target ≤ 300 ms)"
    )
    print(
        f"apply code (key → committed row → repaint), n={len(lat)}: "
        f"median {ms(statistics.median(lat), statistics.median(cpu_lat))}, "
        f"p95 {ms(p95, cpu_p95)} (target ≤ 30 ms); rows committed: {result['committed']}"
    )
    print(
        f"reloads after the researcher's own {len(lat) + 5} changes: "
        f"{result['reloads_after_own_changes']} (target 0)"
    )
    print(f"peak resident memory: {rss_mb:.0f} MB (target ≤ 300 MB)")


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def ms(wall: float, cpu: float) -> str:
    return f"{wall * 1000:6.1f} ms wall ({cpu * 1000:.1f} ms cpu)"


def store_summary(project) -> dict:
    return project.store.transcripts.summaries()[0]


if __name__ == "__main__":
    main()
