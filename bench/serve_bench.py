"""Benchmark of `cmo serve`: the workbench in a browser tab, on loopback.

Prints: time from starting `cmo serve` to the overview painted in the browser (target
≤ 3 s); key → committed → repainted in the browser, median and p95 (target p95
≤ 100 ms); memory per open tab (the tab's workbench process, target ≤ 150 MB); and how
many tabs the machine holds while each codes one fragment a second with p95 ≤ 200 ms
(target ≥ 10). The capacity test drives each tab's websocket directly, as the page
does, so the browser's own drawing does not count against the server.

    .venv/bin/python bench/serve_bench.py [--codings 40] [--max-tabs 16] [--json]

Needs Debian's Chromium (/usr/bin/chromium) for the browser figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_project(folder: Path) -> Path:
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.ingest.service import import_files
    from cmo.store.project import init_project
    from tests.samples import CODEBOOK

    sentences = [
        "Via mijn klantmanager ben ik hier terechtgekomen.",
        "Het is hier laagdrempelig en er staat altijd koffie klaar.",
        "Ik heb weer structuur in mijn week.",
        "Mijn begeleider is eerlijk over wat haalbaar is.",
        "Door de schuldhulp is er rust gekomen.",
    ]
    lines = []
    for turn in range(400):
        speaker = "I" if turn % 2 == 0 else "R"
        lines.append(f"{speaker}: " + " ".join(sentences[(turn + k) % 5] for k in range(3)))
    source = folder / "bench-interview.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with init_project(folder / "proj", name="serve-bench", coder="bench") as proj:
        proj.store.codebook.load(load_codebook(CODEBOOK))
        import_files(proj.store, [source], casus="Bench")
    return folder / "proj"


def coding_count(project: Path) -> int:
    with sqlite3.connect(project / "cmo.db") as db:
        return db.execute("SELECT count(*) FROM coding").fetchone()[0]


def wait_until(condition, timeout: float = 30.0, pause: float = 0.05) -> None:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            raise SystemExit("serve_bench: the workbench did not answer in time")
        time.sleep(pause)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def browser_figures(project: Path, codings: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS, Served, Tab, chromium_binary

    figures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_binary(), args=CHROMIUM_ARGS)
        served = Served(project, "--coder", "bench")
        tab = Tab(browser, served.address)
        tab.wait_for("bench-interview", timeout=60)
        first_paint = time.perf_counter() - served.started
        figures.append(
            {
                "name": "serve: start to overview painted in the browser",
                "value": first_paint,
                "unit": "s",
                "target": 3,
                "baseline_name": None,
                "baseline_value": None,
            }
        )
        tab.page.click("#terminal")
        tab.keys("Enter", pause=300)
        tab.wait_for("Via mijn klantmanager", timeout=60)
        tab.keys("j", pause=300)
        tab.keys("c", pause=800)
        tab.type("m3b")
        tab.keys("Enter", pause=300)
        wait_until(lambda: coding_count(project) == 1)  # now digit 1 applies M3b
        latencies = []
        for _ in range(codings):
            tab.keys("j", pause=150)
            before, seen = coding_count(project), len(tab.frames)
            started = time.perf_counter()
            tab.page.keyboard.press("1")
            wait_until(lambda before=before: coding_count(project) > before, pause=0.002)
            while len(tab.frames) == seen:  # the repaint that shows it reaches the page
                tab.page.wait_for_timeout(2)
            latencies.append((time.perf_counter() - started) * 1000)
        latencies.sort()
        figures.append(
            {
                "name": "serve: key → committed → repainted, median",
                "value": statistics.median(latencies),
                "unit": "ms",
                "target": None,
                "baseline_name": None,
                "baseline_value": None,
            }
        )
        figures.append(
            {
                "name": "serve: key → committed → repainted, p95",
                "value": latencies[int(0.95 * (len(latencies) - 1))],
                "unit": "ms",
                "target": 100,
                "baseline_name": None,
                "baseline_value": None,
            }
        )
        (pid,) = served.workbenches()
        figures.append(
            {
                "name": "serve: memory of one tab's workbench",
                "value": rss_mb(pid),
                "unit": "MB",
                "target": 150,
                "baseline_name": None,
                "baseline_value": None,
            }
        )
        tab.close()
        served.stop()
        browser.close()
    return figures


async def drive_tabs(served, tabs: int, seconds: float) -> list[float]:
    """``tabs`` websocket sessions, each coding one fragment a second: latency (ms)
    from the key to the first screen update after it."""
    import aiohttp

    cookie = {"cmo_serve_token": served.address.split("token=", 1)[1]}
    latencies: list[float] = []

    async def one(session: aiohttp.ClientSession, index: int) -> None:
        page = await (await session.get(f"{served.base}/?coder=tab{index}")).text()
        key = re.search(r"/ws/([\w-]+)", page).group(1)
        async with session.ws_connect(
            f"ws://127.0.0.1:{served.port}/ws/{key}?width=160&height=48", origin=served.base
        ) as ws:

            async def send(keys: str) -> None:
                await ws.send_str(json.dumps(["stdin", keys]))

            async def settle(limit: float) -> None:
                try:
                    while True:
                        await asyncio.wait_for(ws.receive(), limit)
                except TimeoutError:
                    pass

            await settle(8.0)  # until the overview is drawn and quiet
            await send("\r")
            await settle(3.0)
            await send("j")
            await send("c")
            await settle(1.0)
            await send("m3b\r")
            await settle(1.0)
            until = time.perf_counter() + seconds
            while time.perf_counter() < until:
                await send("j")
                await settle(0.2)
                started = time.perf_counter()
                await send("1")
                await ws.receive()
                latencies.append((time.perf_counter() - started) * 1000)
                await asyncio.sleep(max(0.0, 1.0 - (time.perf_counter() - started) - 0.2))

    async with aiohttp.ClientSession(cookies=cookie) as session:
        await asyncio.gather(*(one(session, i) for i in range(tabs)))
    return sorted(latencies)


def capacity(project: Path, max_tabs: int) -> tuple[int, list[str]]:
    from tests.browser.conftest import Served

    held, lines = 0, []
    for tabs in [2, 4, 6, 8, 10, 12, 14, 16, 20, 24]:
        if tabs > max_tabs:
            break
        served = Served(project)
        latencies = asyncio.run(drive_tabs(served, tabs, seconds=15))
        served.stop()
        p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("inf")
        lines.append(f"  {tabs:2d} tabs coding 1/s: {len(latencies)} codings, p95 {p95:.0f} ms")
        if p95 > 200:
            break
        held = tabs
    return held, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codings", type=int, default=40)
    parser.add_argument("--max-tabs", type=int, default=16)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp))
        figures = browser_figures(project, args.codings)
        held, lines = capacity(project, args.max_tabs)
        figures.append(
            {
                "name": "serve: tabs held at 1 coding/s each with p95 ≤ 200 ms",
                "value": held,
                "unit": "tabs",
                "target": 10,
                "better": "higher",
                "baseline_name": None,
                "baseline_value": None,
            }
        )
    if args.json:
        print(json.dumps(figures))
        return
    for figure in figures:
        target = f"  (target {figure['target']} {figure['unit']})" if figure["target"] else ""
        print(f"{figure['name']}: {figure['value']:.2f} {figure['unit']}{target}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
