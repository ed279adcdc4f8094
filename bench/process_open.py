"""``cmo open PROJECT`` as a researcher starts it: a whole process in a terminal, timed
until the overview's transcript list is on the screen.

The in-process measurement of ``tui_open_bench.py`` starts after Python, Textual, the
store and the workbench are imported; this one starts before the process does, and
includes them. The terminal is a pseudo-terminal of the given size; the overview is on
screen when its output holds the name of the first transcript. CPU time is the sum over
the process's threads of the time the kernel ran them (``/proc/<pid>/task/*/schedstat``,
in nanoseconds), read at that moment.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cpu_seconds(pid: int) -> float:
    total = 0
    for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
        try:
            total += int(stat.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass  # a thread that ended between listing and reading
    return total / 1e9


def open_process(project: Path, shown: str, size: tuple[int, int]) -> tuple[float, float]:
    """(wall, cpu) seconds from starting ``cmo open project`` until ``shown`` is drawn."""
    master, slave = pty.openpty()
    columns, lines = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's Python keeps its bytecode
    needle, seen = shown.encode(), b""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "cmo", "open", str(project.resolve())],
        cwd=ROOT,  # `-m cmo` finds the package in the folder it starts in first
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    try:
        while needle not in seen:
            if not select.select([master], [], [], 30)[0]:
                sys.exit(f"cmo open showed no {shown!r} in 30 s: {seen[-500:]!r}")
            seen += os.read(master, 1 << 16)
        result = time.perf_counter() - start, cpu_seconds(child.pid)
        os.write(master, b"q")
        _drain(master, child)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(master)
    return result


def machine_reference(runs: int) -> float:
    """Median seconds from starting a Python process that only imports Textual to its
    having done so: most of what ``cmo open`` needs before it can draw, and a figure that
    shows how fast this machine is at the moment (a VM's speed drifts by tens of percent
    within minutes)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", "import textual.app; print(flush=True)"],
            stdout=subprocess.PIPE,
        )
        child.stdout.readline()  # imported (the process's exit is not counted, as above)
        times.append(time.perf_counter() - start)
        child.wait()
    return sorted(times)[len(times) // 2]


def _drain(master: int, child: subprocess.Popen) -> None:
    """Read what the app still writes while it quits (a full terminal buffer would keep
    it from ending)."""
    deadline = time.perf_counter() + 10
    while child.poll() is None and time.perf_counter() < deadline:
        if select.select([master], [], [], 0.1)[0]:
            try:
                os.read(master, 1 << 16)
            except OSError:
                break
    child.wait(timeout=10)
