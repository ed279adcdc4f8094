"""A coder in a separate process, for the concurrency and kill tests.

    python writer.py PROJECT codings CODER FIRST [SECONDS [AT_LEAST]]
        Applies codings through ``store.add_coding`` (the TUI's code path), numbered
        from FIRST, and prints ``ack ID N`` after each call returns (flushed), until
        SECONDS have passed and AT_LEAST codings are written (default: until killed).
    python writer.py PROJECT attrs PREFIX COUNT
        Sets COUNT participant attributes PREFIX0..PREFIXn one by one.
    python writer.py PROJECT cli SECONDS ARGS-FILE
        Runs the real CLI in this process (``cli_batch.run``) over the JSON list of
        argument lists in ARGS-FILE, round and round, until SECONDS have passed; prints
        ``rc CODE`` after each command.

Coding N covers the span (N mod (L-1), N mod (L-1) + 1 + N div (L-1)) of the first
transcript, so every N is a different coding and re-running N is a no-op.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cmo.store.project import open_project  # noqa: E402

CODES = ("C1", "M1a", "M2a", "M3b", "M4", "O2")


def coding_span(n: int, length: int) -> tuple[int, int]:
    start = n % (length - 1)
    return start, min(length, start + 1 + n // (length - 1))


def acks(stdout: str) -> dict[int, int]:
    """What a writer printed: acknowledged coding number → coding id."""
    return {
        int(n): int(i)
        for _, i, n in (line.split() for line in stdout.splitlines() if line.startswith("ack "))
    }


def codings(folder: str, coder: str, first: int, seconds: float | None, least: int = 0) -> None:
    project = open_project(Path(folder), check=False)
    store = project.store
    transcript = store.transcripts.all()[0]
    length = len(transcript.text)
    deadline = time.monotonic() + seconds if seconds else None
    n = first
    print("ready", flush=True)
    while deadline is None or time.monotonic() < deadline or n - first < least:
        start, end = coding_span(n, length)
        coding = store.codings.add(transcript.id, start, end, CODES[n % len(CODES)], coder=coder)
        print(f"ack {coding.id} {n}", flush=True)
        n += 1
    project.close()


def attrs(folder: str, prefix: str, count: int) -> None:
    project = open_project(Path(folder), check=False)
    label = project.store.participants.all()[0].label
    for i in range(count):
        project.store.participants.set(label, attributes={f"{prefix}{i}": str(i)})
    project.close()


def cli(folder: str, seconds: float, args_file: str) -> None:
    import json

    from cli_batch import run

    commands = json.loads(Path(args_file).read_text(encoding="utf-8"))
    deadline = time.monotonic() + seconds
    print("ready", flush=True)
    while time.monotonic() < deadline:
        for argv in commands:
            result = run([*argv, "--project", folder])
            print(f"rc {result['code']} {result['stderr'].strip()[:200]!r}", flush=True)


if __name__ == "__main__":
    folder, mode = sys.argv[1], sys.argv[2]
    if mode == "cli":
        cli(folder, float(sys.argv[3]), sys.argv[4])
    elif mode == "codings":
        codings(
            folder,
            sys.argv[3],
            int(sys.argv[4]),
            float(sys.argv[5]) if len(sys.argv) > 5 else None,
            int(sys.argv[6]) if len(sys.argv) > 6 else 0,
        )
    else:
        attrs(folder, sys.argv[3], int(sys.argv[4]))
