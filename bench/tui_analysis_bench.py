"""How fast the workbench's analysis screens open on a large project.

Generates the project of ``bench/analysis_bench.py`` (100,000 codings over 3 casussen and
300 transcripts, 60 CMOCs with 100 evidence codings each), then drives the workbench
headless at 160×48 and prints, for each screen, the time from pushing it to its first
data on screen, and the time to move the CMOC browser one row down (which reads that
CMOC's evidence):

    .venv/bin/python bench/tui_analysis_bench.py [--codings 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


async def measure(project) -> list[tuple[str, float]]:
    from cmo.tui.app import create_app
    from cmo.tui.screens.candidates import CandidatesScreen
    from cmo.tui.screens.cmoc_browser import CmocBrowserScreen
    from cmo.tui.screens.frequencies import FrequenciesScreen

    out: list[tuple[str, float]] = []
    app = create_app(project, show_times=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        for label, make, ready in [
            (
                "CMOC browser (60 CMOCs, evidence of the first)",
                lambda: CmocBrowserScreen(app.store, "bench"),
                lambda s: bool(s.items) and bool(s.evidence),
            ),
            (
                "candidate CMOCs (same turn)",
                lambda: CandidatesScreen(app.store, "bench"),
                lambda s: bool(s.items),
            ),
            (
                "code frequencies by casus",
                lambda: FrequenciesScreen(app.store),
                lambda s: s.table is not None,
            ),
        ]:
            start = time.perf_counter()
            screen = make()
            await app.push_screen(screen)
            while not ready(screen):
                await pilot.pause(0.005)
            await pilot.pause()
            out.append((label, time.perf_counter() - start))
            if isinstance(screen, CmocBrowserScreen):
                start = time.perf_counter()
                await pilot.press("down")
                await pilot.pause()
                out.append(
                    ("CMOC browser: next CMOC with its evidence", time.perf_counter() - start)
                )
            if isinstance(screen, FrequenciesScreen):
                start = time.perf_counter()
                await pilot.press("b")  # by participant: places every coding in its turn
                await pilot.pause()
                out.append(
                    ("code frequencies: switch to by participant", time.perf_counter() - start)
                )
            await app.pop_screen()
            await pilot.pause()
    return out


def main() -> None:
    from analysis_bench import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codings", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cmo-tui-analysis-"))
    try:
        start = time.perf_counter()
        project = generate(folder / "proj", args.codings)
        print(f"generated {args.codings:,} codings in {time.perf_counter() - start:.1f} s")
        for label, seconds in asyncio.run(measure(project)):
            print(f"{label:<52} {seconds * 1000:8.0f} ms")
        project.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
