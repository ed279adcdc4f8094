"""Pseudonymising the demo: `cmo pseudonymise --all --yes --purge-history`, then `--check`.

    .venv/bin/python bench/pseudonymise_bench.py [--json]

Each command runs in a fresh process, as a researcher runs it, so deduce's start-up is
in the figure (target: the whole pseudonymisation in 10 s). Wall time and CPU time
(user + system of the child) are both printed: wall time is inflated on a shared
machine. The baseline is deduce's own start (``Deduce()`` on its full lookup cache).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _timed(args: list[str]) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CMO_EMBED_WORKER": "off"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return round(wall, 2), round(cpu, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo"
        subprocess.run(
            [py, "-m", "cmo.commands.demo", "--force", str(demo)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            check=True,
        )
        cmo = [py, "-m", "cmo.cli"]
        wall, cpu = _timed(
            [*cmo, "pseudonymise", "--all", "--yes", "--purge-history", "-p", str(demo)]
        )
        check_wall, check_cpu = _timed([*cmo, "pseudonymise", "--check", "-p", str(demo)])
        deduce_wall, deduce_cpu = _timed([py, "-c", "from deduce import Deduce; Deduce()"])
    figures = [
        {
            "name": "pseudonymise demo --all (wall)",
            "value": wall,
            "unit": "s",
            "target": 10,
            "baseline_name": "Deduce() on its own cache (wall)",
            "baseline_value": deduce_wall,
        },
        {
            "name": "pseudonymise demo --all (cpu)",
            "value": cpu,
            "unit": "s",
            "target": 10,
            "baseline_name": "Deduce() on its own cache (cpu)",
            "baseline_value": deduce_cpu,
        },
        {
            "name": "pseudonymise --check demo (wall)",
            "value": check_wall,
            "unit": "s",
            "target": None,
            "baseline_name": None,
            "baseline_value": None,
        },
        {
            "name": "pseudonymise --check demo (cpu)",
            "value": check_cpu,
            "unit": "s",
            "target": None,
            "baseline_name": None,
            "baseline_value": None,
        },
    ]
    if options.json:
        print(json.dumps(figures))
        return
    for f in figures:
        print(f"{f['name']:40} {f['value']:7.2f} {f['unit']}  (target {f['target']})")


if __name__ == "__main__":
    main()
