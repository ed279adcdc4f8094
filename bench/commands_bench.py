"""Whole commands as a researcher runs them: start-up, import, freq, cooccur, code add.

Builds a project from the generated corpus (``corpus.py``) with ``cmo init`` and
``cmo import`` (timed as one figure), adds codings by two coders (one per 10 words, in
bulk), then times each command as a separate process: the median of ``--repeat`` runs,
wall time and the CPU time of the child (wall time on a shared machine also measures
the other processes).

    .venv/bin/python bench/commands_bench.py [--words 1000000] [--repeat 5] [--json]
    .venv/bin/python bench/commands_bench.py --keep /tmp/big   # keep the project
    .venv/bin/python bench/commands_bench.py --keep /tmp/big --reuse --only cooccur,freq
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

CODERS = ("anna", "ben")
TARGETS = {  # seconds, issue 20 (whole processes, 1M words / 100k codings)
    "cmo --help": 0.1,
    "init + import": 1.2,
    "freq": 0.2,
    "cooccur": 0.2,
    "code add": 0.2,
    "transcripts": None,
    "export qdpx": 1.2,
}


def cmo_command() -> list[str]:
    return [sys.executable, "-m", "cmo.cli"]


def environment() -> dict[str, str]:
    """The environment of every timed cmo process.

    As a researcher's install runs it: bytecode cached (PYTHONDONTWRITEBYTECODE, set by
    some shells and CI, would compile every module on every run), and no background
    embedding worker, which would otherwise take a core (and the page cache) from the
    commands timed after the import; the import still decides whether to start it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(ROOT), "CMO_EMBED_WORKER": "off"}


def timed_process(args: list[str], env: dict | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) for one process; raises on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, env=env or environment(), cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).decode(errors="replace").strip().splitlines()
        raise RuntimeError(f"{' '.join(args[-4:])}: exit {done.returncode}: {tail[-1:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def guid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def add_codings(db: Path, per_words: int = 10, seed: int = 7) -> int:
    """One coding per ``per_words`` words, inside the turns, by two coders, in bulk."""
    rng = random.Random(seed)
    con = sqlite3.connect(db)
    codes = [r[0] for r in con.execute("SELECT id FROM code ORDER BY sort_order")]
    words = con.execute("SELECT SUM(word_count) FROM transcript").fetchone()[0]
    turns = con.execute('SELECT transcript_id, start, "end" FROM turn WHERE "end" - start > 20')
    turns = turns.fetchall()
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000+00:00", time.gmtime())
    rows = []
    for n in range(words // per_words):
        tid, start, end = rng.choice(turns)
        a = rng.randrange(start, end - 10)
        b = min(end, a + rng.randint(10, 200))
        rows.append(
            (tid, a, b, rng.choice(codes), CODERS[n % 2], "", stamp, stamp, "ok", guid(rng))
        )
    with con:
        con.executemany(
            'INSERT INTO coding (transcript_id, start, "end", code_id, coder, memo, '
            "created_at, updated_at, status, guid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    con.close()
    return len(rows)


def build(folder: Path, words: int) -> dict:
    """A project of ``words`` words in ``folder``; returns figures of the build."""
    from corpus import write_corpus

    corpus = folder.parent / f"{folder.name}-corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    paths = write_corpus(corpus, words)
    cmo = cmo_command()
    wall1, cpu1 = timed_process([*cmo, "init", str(folder)])
    wall2, cpu2 = timed_process(
        [*cmo, "import", *map(str, paths), "--casus", "Bench", "-p", str(folder)]
    )
    codings = add_codings(folder / "cmo.db")
    # A clean close on record, as after any cmo session, so that the timed commands
    # measure the everyday path.
    subprocess.run([*cmo, "check", "-p", str(folder)], capture_output=True, env=environment())
    return {
        "files": len(paths),
        "codings": codings,
        "init + import": (wall1 + wall2, cpu1 + cpu2),
        "corpus": corpus,
    }


def first_turn(folder: Path) -> tuple[str, int]:
    con = sqlite3.connect(folder / "cmo.db")
    name, idx = con.execute(
        "SELECT t.name, u.idx FROM turn u JOIN transcript t ON t.id = u.transcript_id "
        'WHERE u."end" - u.start > 20 ORDER BY t.id, u.idx LIMIT 1 OFFSET 1'
    ).fetchone()
    con.close()
    return name, idx


def commands(folder: Path) -> dict[str, list[str]]:
    cmo, p = cmo_command(), ["-p", str(folder)]
    name, idx = first_turn(folder)
    out = folder.parent / f"{folder.name}-export.qdpx"
    return {
        "cmo --help": [*cmo, "--help"],
        "freq": [*cmo, "freq", *p],
        "cooccur": [*cmo, "cooccur", *p],
        "transcripts": [*cmo, "transcripts", *p],
        "code add": [*cmo, "code", "add", name, "--turn", str(idx), "-c", "M1a", *p],
        "export qdpx": [*cmo, "export", "qdpx", "-o", str(out), "--force", *p],
    }


def measure(folder: Path, repeat: int, only: set[str] | None = None) -> dict[str, tuple]:
    """Median (wall, cpu) per command; code add alternates with undo (same state)."""
    figures = {}
    cmo, p = cmo_command(), ["-p", str(folder)]
    for label, args in commands(folder).items():
        if only and label not in only:
            continue
        walls, cpus = [], []
        timed_process(args)  # warm the page cache and the help cache
        if label == "code add":
            timed_process([*cmo, "undo", *p])
        for _ in range(repeat):
            wall, cpu = timed_process(args)
            walls.append(wall)
            cpus.append(cpu)
            if label == "code add":
                timed_process([*cmo, "undo", *p])
        figures[label] = (statistics.median(walls), statistics.median(cpus))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="Build (and keep) the project here.")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="With --keep: time the commands on the project kept there by an earlier run "
        "(no init + import figure), building it only when it is not there yet.",
    )
    parser.add_argument("--only", help="Only these commands, comma-separated (cooccur,freq …).")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="cmo-commands-"))
    folder = args.keep or tmp / "project"
    only = set(args.only.split(",")) if args.only else None
    if args.reuse and args.keep and (folder / "cmo.db").exists():
        con = sqlite3.connect(folder / "cmo.db")
        codings = con.execute("SELECT COUNT(*) FROM coding").fetchone()[0]
        files = con.execute("SELECT COUNT(*) FROM transcript").fetchone()[0]
        con.close()
        built = {"files": files, "codings": codings, "corpus": tmp / "none"}
        figures = measure(folder, args.repeat, only)
    else:
        built = build(folder, args.words)
        figures = {"init + import": built["init + import"], **measure(folder, args.repeat, only)}
    shutil.rmtree(built["corpus"], ignore_errors=True)
    if args.keep is None:
        shutil.rmtree(tmp, ignore_errors=True)
    rows = [
        {
            "name": f"{label} (wall; CPU {cpu:.3f} s)",
            "value": round(wall, 3),
            "unit": "s",
            "target": TARGETS.get(label),
            "baseline_name": None,
            "baseline_value": None,
            "operation": label,
            "cpu": round(cpu, 3),
        }
        for label, (wall, cpu) in figures.items()
    ]
    if args.json:
        print(json.dumps(rows))
        return
    print(
        f"{args.words:,} words, {built['files']} files, {built['codings']:,} codings "
        f"by {len(CODERS)} coders; load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    for row in rows:
        target = f"target ≤ {row['target']} s" if row["target"] else ""
        print(
            f"{row['operation']:<16} wall {row['value']:7.3f} s  CPU {row['cpu']:7.3f} s  {target}"
        )


if __name__ == "__main__":
    main()
