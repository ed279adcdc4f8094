"""A second core for one piece of work: a forked helper process computes a value while
this process computes another, and sends it back over a pipe.

Only an optimisation, never a source of answers of its own: a helper that fails, dies
or is killed, or a machine where forking is not safe or not worth it, means the caller
computes that part itself (:meth:`Helper.result` returns None and says nothing else).
The helper writes nothing but its pipe and leaves with ``os._exit``, so no exit handler,
buffered file or database connection of this process is touched twice.
"""

from __future__ import annotations

import marshal
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

OFF = ("off", "0", "no", "false")
"""``CMO_HELPER=off`` does every computation in the one process."""


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def forking_is_safe() -> bool:
    # macOS's system libraries are not safe to use in a forked child; Windows has no fork.
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def can_fork() -> bool:
    """Two cores, a system where forking is safe, and no other thread in this process: a
    thread holding a lock at the fork would leave it held in the helper (the workbench
    runs threads; the commands run none)."""
    import threading

    return cores() >= 2 and forking_is_safe() and threading.active_count() == 1


def worth_forking() -> bool:
    """``can_fork()``, and no ``CMO_HELPER=off``."""
    return can_fork() and os.environ.get("CMO_HELPER", "").lower() not in OFF


def helper_can_read(store) -> bool:
    """``worth_forking()``, and ``store`` can be opened again on a connection of the
    helper's own (``QuickStore.reopened``: not the full store or PostgreSQL)."""
    return hasattr(store, "reopened") and worth_forking()


class Forked:
    """A forked process running ``write(pipe)`` while this process reads :attr:`pipe`
    (None when the fork failed: the caller does the work). ``buffered``: both ends are
    buffered files, so that ``read(n)`` gives n bytes until the end."""

    def __init__(self, write: Callable[[BinaryIO], None], buffered: bool = False):
        self.pid = 0
        self.pipe: BinaryIO | None = None
        buffering = -1 if buffered else 0
        read_end, write_end = os.pipe()
        _widen(write_end)
        try:
            pid = os.fork()
        except OSError:  # no memory or too many processes: the caller does it
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:
            status = 1
            try:
                os.close(read_end)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                with os.fdopen(write_end, "wb", buffering=buffering) as out:
                    write(out)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self.pid = pid
        self.pipe = os.fdopen(read_end, "rb", buffering=buffering)

    def wait(self) -> int:
        """Close the pipe and reap the helper; its exit status (0: it succeeded)."""
        if self.pipe is not None:
            self.pipe.close()
            self.pipe = None
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        return status

    def cancel(self) -> None:
        """End the helper without waiting for it (an error in the caller's part)."""
        if self.pipe is not None:
            self.pipe.close()
            self.pipe = None
        if self.pid:
            end(self.pid)
            self.pid = 0


def end(pid: int) -> None:
    """Kill the helper ``pid`` and reap it, whatever state it is in."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


PIPE_SIZE = 1 << 20
"""A megabyte in the pipe at a time, not Linux's 64 KiB: fewer switches between the two."""


def _widen(fd: int) -> None:
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_SIZE)
    except (ImportError, OSError):  # another system, or a lower limit: the default size
        pass


def _write_all(out: BinaryIO, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[out.write(view) :]


class Helper(Forked):
    """``work()`` run in a forked process; its value (anything ``marshal`` can carry:
    numbers, strings, and lists, tuples and dicts of them) is :meth:`result`."""

    def __init__(self, work: Callable[[], object]):
        super().__init__(lambda out: _write_all(out, marshal.dumps(work())))

    def result(self) -> object | None:
        """The helper's value, once it is done; None when there is none (it failed)."""
        if self.pipe is None:
            return None
        chunks = []
        while chunk := self.pipe.read(1 << 20):
            chunks.append(chunk)
        if self.wait() != 0 or not chunks:
            return None
        try:
            return marshal.loads(b"".join(chunks))
        except (EOFError, ValueError, TypeError):
            return None


class StreamHelper(Forked):
    """``produce()``'s pieces of bytes made in a forked process and read here as they
    come (:meth:`parts`), so that making them and using them (say, building a document
    and deflating it) run on two cores; Python threads would take turns on one.
    After the last part, :meth:`finished` tells whether the helper made them all."""

    READ_SIZE = 1 << 20

    def __init__(self, produce: Callable[[], Iterable[bytes]]):
        self._status: int | None = None

        def write(out: BinaryIO) -> None:
            for part in produce():
                _write_all(out, part)

        super().__init__(write)

    def parts(self) -> Iterator[bytes]:
        """What the helper writes, in pieces of up to a megabyte, until it stops."""
        if self.pipe is None:
            return
        read = self.pipe.read
        while part := read(self.READ_SIZE):
            yield part
        self._status = self.wait()

    def finished(self) -> bool:
        """Whether every part came: the helper ended without an error."""
        return self._status == 0
