"""Run every benchmark in bench/ and print one table of figures, targets and baselines.

    .venv/bin/python bench/run.py [--words 1000000] [--only import,coding] [--timeout 900]
    .venv/bin/python bench/run.py --growth [--words 1000000]   # each command at N and 3N words

PROTOCOL for bench scripts (``bench/*_bench.py``; please follow it in new ones):

* A benchmark is a script ``bench/<topic>_bench.py`` that prints figures and asserts
  nothing. It imports heavy libraries inside ``main()`` so ``--help`` is instant.
* ``--json``: print the figures as ONE JSON list on stdout (the last line that starts
  with ``[``), each item::

      {"name": "import: whole corpus",   # what was measured
       "value": 7.9, "unit": "s",         # the figure and its unit (s, ms, MB, words/s …)
       "target": 15,                      # the goal in the same unit, or null
       "baseline_name": "read + spaCy tokenizer",   # a plain way of doing the same, or null
       "baseline_value": 3.1,             # the baseline measured IN THE SAME RUN, same unit
       "better": "lower"}                 # optional: "lower" (default) or "higher";
                                          # units ending in "/s" default to "higher"

  ``baseline_name`` may instead name one of the shared baselines that run.py measures
  itself on the same generated corpus, with ``baseline_value: null``; run.py fills it in:
  ``"read files"`` (s: read and decode every corpus file), ``"spaCy tokenizer"`` (s: the
  blank Dutch tokenizer alone over the corpus text) or ``"raw SQLite insert"`` (ms: one
  INSERT + COMMIT, WAL, synchronous=FULL).
* ``--words N``: the size of the generated corpus (``bench/corpus.py``,
  ``write_corpus(folder, N)``; same seed, so every script sees the same text).
* A script without ``--json`` still runs: its text output is printed below the table.

run.py detects ``--json`` and ``--words`` support by looking for the option strings in
the script's source, runs each script in its own process (one at a time: timings on a
shared machine are noisy enough), and never stops at a failing script.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))
SHARED = ("read files", "spaCy tokenizer", "raw SQLite insert")


def shared_baselines(words: int) -> dict[str, tuple[float, str]]:
    """The plain baselines, measured on the generated corpus: name → (value, unit)."""
    from corpus import write_corpus

    from cmo.ingest.decode import decode_text

    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp) / "corpus", words)
        started = time.perf_counter()
        texts = [decode_text(p.read_bytes(), p) for p in paths]
        read = time.perf_counter() - started

        import spacy

        tokenizer = spacy.blank("nl").tokenizer
        started = time.perf_counter()
        for text in texts:
            tokenizer(text)
        tokenize = time.perf_counter() - started

        con = sqlite3.connect(Path(tmp) / "raw.db", isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, t INT, s INT, e INT, code TEXT)")
        times = []
        for i in range(300):
            began = time.perf_counter()
            con.execute("BEGIN")
            con.execute("INSERT INTO c (t, s, e, code) VALUES (1, ?, ?, 'M1a')", (i, i + 9))
            con.execute("COMMIT")
            times.append((time.perf_counter() - began) * 1000)
        con.close()
    return {
        "read files": (round(read, 3), "s"),
        "spaCy tokenizer": (round(tokenize, 3), "s"),
        "raw SQLite insert": (round(statistics.median(times), 3), "ms"),
    }


def run_script(path: Path, words: int, timeout: float) -> tuple[list[dict] | None, str, float]:
    """Run one benchmark; returns (figures or None for text-only, text output, seconds)."""
    source = path.read_text(encoding="utf-8")
    args = [sys.executable, str(path)]
    wants_json = '"--json"' in source
    if wants_json:
        args.append("--json")
    if '"--words"' in source:
        args += ["--words", str(words)]
    started = time.perf_counter()
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return [], f"(timed out after {timeout:.0f} s)", time.perf_counter() - started
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
        return [], f"(failed, exit {done.returncode}: {tail[0][:200]})", elapsed
    if wants_json:
        for line in reversed(done.stdout.strip().splitlines()):
            if line.lstrip().startswith("["):
                try:
                    return json.loads(line), "", elapsed
                except json.JSONDecodeError:
                    break
    return None, done.stdout.strip(), elapsed


def _convert(value: float, unit: str, to: str) -> float | None:
    factors = {("s", "ms"): 1000.0, ("ms", "s"): 0.001}
    if unit == to:
        return value
    return value * factors[(unit, to)] if (unit, to) in factors else None


def fill_baseline(row: dict, shared: dict[str, tuple[float, str]]) -> dict:
    row = dict(row)
    name = row.get("baseline_name")
    if row.get("baseline_value") is None and name in shared:
        value, unit = shared[name]
        row["baseline_value"] = _convert(value, unit, row.get("unit", ""))
    return row


def verdict(row: dict) -> str:
    value, target = row.get("value"), row.get("target")
    if not isinstance(value, (int, float)) or not isinstance(target, (int, float)):
        return ""
    higher = row.get("better") == "higher" or (
        row.get("better") is None and str(row.get("unit", "")).endswith("/s")
    )
    return "met" if (value >= target if higher else value <= target) else "MISSED"


def _fmt(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def print_table(rows: list[tuple[str, dict]]) -> None:
    headers = ["bench", "figure", "value", "unit", "target", "", "baseline", "base", "ratio"]
    cells = []
    for script, row in rows:
        base = row.get("baseline_value")
        value = row.get("value")
        ratio = (
            value / base
            if isinstance(value, (int, float)) and isinstance(base, (int, float)) and base
            else None
        )
        cells.append(
            [
                script,
                str(row.get("name", "")),
                _fmt(value),
                str(row.get("unit", "")),
                _fmt(row.get("target")),
                verdict(row),
                str(row.get("baseline_name") or ""),
                _fmt(base),
                f"{ratio:.2f}×" if ratio is not None else "",
            ]
        )
    widths = [
        max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(headers)
    ]
    numeric = {2, 4, 7, 8}
    line = "  ".join(
        h.rjust(w) if i in numeric else h.ljust(w)
        for i, (h, w) in enumerate(zip(headers, widths, strict=True))
    )
    print(line.rstrip())
    print("  ".join("─" * w for w in widths))
    for c in cells:
        print(
            "  ".join(
                v.rjust(w) if i in numeric else v.ljust(w)
                for i, (v, w) in enumerate(zip(c, widths, strict=True))
            ).rstrip()
        )


GROWTH_LIMIT = 3.2
"""Tripling the corpus may at most multiply an operation's time by this (issue 20)."""


def growth(words: int, timeout: float) -> None:
    """Run the whole-command benchmark at ``words`` and 3 × ``words``; print the ratios.

    CPU time is the verdict (the machine is shared); wall time is printed beside it.
    """
    sizes = (words, 3 * words)
    figures: dict[int, dict[str, dict]] = {}
    for size in sizes:
        print(f"running commands_bench.py at {size:,} words …", file=sys.stderr)
        rows, text, _elapsed = run_script(BENCH / "commands_bench.py", size, timeout)
        if not rows:
            print(f"commands_bench.py at {size:,} words: {text or 'no figures'}")
            return
        figures[size] = {r["operation"]: r for r in rows}
    small, large = (figures[s] for s in sizes)
    print(f"growth from {sizes[0]:,} to {sizes[1]:,} words (limit {GROWTH_LIMIT}×, CPU time)")
    print(f"{'operation':<16} {'CPU small':>10} {'CPU large':>10} {'ratio':>7}  {'wall ratio':>10}")
    for name, row in small.items():
        other = large.get(name)
        if other is None:
            continue
        cpu = other["cpu"] / row["cpu"] if row["cpu"] else float("nan")
        wall = other["value"] / row["value"] if row["value"] else float("nan")
        verdict = "" if cpu <= GROWTH_LIMIT else "  OVER"
        print(
            f"{name:<16} {row['cpu']:>9.3f}s {other['cpu']:>9.3f}s {cpu:>6.2f}×  "
            f"{wall:>9.2f}×{verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--words",
        type=int,
        default=1_000_000,
        help="Size of the generated corpus in words (default 1,000,000).",
    )
    parser.add_argument(
        "--only", default="", help="Comma-separated topics to run, e.g. import,coding."
    )
    parser.add_argument("--timeout", type=float, default=900, help="Seconds per script.")
    parser.add_argument("--json", action="store_true", help="Print all rows as JSON.")
    parser.add_argument(
        "--growth",
        action="store_true",
        help="Time each whole command at --words and three times as many; print the ratios.",
    )
    args = parser.parse_args()
    if args.growth:
        growth(args.words, args.timeout)
        return

    wanted = {t.strip() for t in args.only.split(",") if t.strip()}
    scripts = [
        p
        for p in sorted(BENCH.glob("*_bench.py"))
        if not wanted or re.sub(r"_bench$", "", p.stem) in wanted
    ]
    print(f"corpus: {args.words:,} words; measuring the shared baselines …", file=sys.stderr)
    shared = shared_baselines(args.words)
    rows: list[tuple[str, dict]] = [
        ("run.py", {"name": f"baseline: {name}", "value": value, "unit": unit})
        for name, (value, unit) in shared.items()
    ]
    texts: list[tuple[str, str]] = []
    for script in scripts:
        topic = script.stem.removesuffix("_bench")
        print(f"running {script.name} …", file=sys.stderr)
        figures, text, elapsed = run_script(script, args.words, args.timeout)
        if figures:
            rows.extend((topic, fill_baseline(r, shared)) for r in figures)
        else:
            rows.append(
                (
                    topic,
                    {
                        "name": text if text.startswith("(") else "(text only, below)",
                        "value": round(elapsed, 1),
                        "unit": "s run",
                    },
                )
            )
            if text and not text.startswith("("):
                texts.append((script.name, text))
    if args.json:
        print(json.dumps([{"bench": s, **r} for s, r in rows], ensure_ascii=False, indent=2))
        return
    print_table(rows)
    for name, text in texts:
        print(f"\n── {name} " + "─" * max(0, 60 - len(name)))
        print(text)


if __name__ == "__main__":
    main()
