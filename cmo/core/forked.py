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
from collections.abc import Callable

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


def worth_forking() -> bool:
    """Two cores, a system where forking is safe, and no ``CMO_HELPER=off``."""
    return (
        cores() >= 2 and forking_is_safe() and os.environ.get("CMO_HELPER", "").lower() not in OFF
    )


class Helper:
    """``work()`` run in a forked process; its value (anything ``marshal`` can carry:
    numbers, strings, and lists, tuples and dicts of them) is :meth:`result`."""

    def __init__(self, work: Callable[[], object]):
        self._pid = 0
        self._pipe = None
        read_end, write_end = os.pipe()
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
                payload = marshal.dumps(work())
                with os.fdopen(write_end, "wb") as out:
                    out.write(payload)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid = pid
        self._pipe = os.fdopen(read_end, "rb")

    def result(self) -> object | None:
        """The helper's value, once it is done; None when there is none (it failed)."""
        if self._pipe is None:
            return None
        try:
            payload = self._pipe.read()
        finally:
            self._pipe.close()
            self._pipe = None
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if status != 0 or not payload:
            return None
        try:
            return marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return None

    def cancel(self) -> None:
        """End the helper without waiting for its value (an error in the caller's part)."""
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass
            self._pid = 0
