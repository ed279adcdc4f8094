"""Parsing an import's files on two cores: a forked helper parses the last files while
this process parses the first ones and stores them.

Reading a transcript (decoding, speaker turns, the safety checks, counting words) costs
more than storing it, and a machine has more than one core. So for a large import
(:data:`PARALLEL_FROM_BYTES`) the process forks once: the helper parses the files from
:attr:`Parsing.own` on, in order, and sends each result back as soon as it has it;
this process parses the files before that itself. Nothing about the outcome changes:

* The helper never reports an error. A file it could not parse, for whatever reason, is
  parsed again here when its turn comes, and raises here exactly what a sequential loop
  raises; a helper that dies or is killed only means the rest is parsed here.
* Results are taken in file order, so the first bad file is the one named, as before.
* The helper holds no database connection it uses and writes nothing but its pipe.

Where ``fork`` is not safe or not there (Windows, macOS), on one core, in a process
with other threads (the workbench's replace), for a small import, or with
``CMO_IMPORT_HELPER=off``, the files are parsed here one after the other.
"""

from __future__ import annotations

import os
import pickle
import struct
from collections.abc import Callable
from pathlib import Path

from ..core.domain import ParsedTranscript
from ..core.forked import OFF, Forked, can_fork

PARALLEL_FROM_BYTES = 1024 * 1024
"""Below this (the files' total size) forking costs more than it saves."""
OWN_SHARE = 0.25
"""The share of the bytes this process parses itself: it also stores every file (storing
costs about half as much as parsing and counting words: the two then end together)."""

# ``CMO_IMPORT_HELPER=off`` (one of ``OFF``) parses every file in the importing process.

Parse = Callable[[Path, bytes], ParsedTranscript]
_LENGTH = struct.Struct("<Q")


class Parsing:
    """The parse of each of ``jobs`` ((path, bytes) in import order), taken by index with
    :meth:`get` in increasing order. Use as a context manager: leaving it ends the helper."""

    def __init__(self, jobs: list[tuple[Path, bytes]], parse: Parse):
        self.jobs = jobs
        self.parse = parse
        self.own = len(jobs)
        """Files before this index are parsed here; the helper parses the rest."""
        self._helper: Forked | None = None
        self._next = 0  # the index of the helper's next result
        total = sum(len(data) for _, data in jobs)
        if len(jobs) < 2 or total < PARALLEL_FROM_BYTES or not can_fork():
            return
        if os.environ.get("CMO_IMPORT_HELPER", "").lower() in OFF:
            return
        done, self.own = 0, 1
        for index, (_, data) in enumerate(jobs[:-1]):
            done += len(data)
            if done > OWN_SHARE * total:
                break
            self.own = index + 1
        self._start()

    def __enter__(self) -> Parsing:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def get(self, index: int) -> ParsedTranscript:
        """The parse of file ``index``; raises what parsing it raises."""
        path, data = self.jobs[index]
        if index >= max(self.own, self._next) and self._helper is not None:
            while self._next < index and self._helper is not None:  # (skipped files)
                self._receive()
                self._next += 1
            found = self._receive() if self._helper is not None else None
            self._next += 1
            if found is not None:
                return found
        return self.parse(path, data)

    # ---- the helper ----------------------------------------------------------------------

    def _start(self) -> None:
        helper = Forked(self._send_results, buffered=True)
        if helper.pipe is None:  # no fork: every file is parsed here
            self.own = len(self.jobs)
            return
        self._helper = helper
        self._next = self.own

    def _send_results(self, out) -> None:
        """The helper's work: parse, send each result as soon as it is made."""
        for path, data in self.jobs[self.own :]:
            out.write(self._result(path, data))
            out.flush()

    def _result(self, path: Path, data: bytes) -> bytes:
        try:
            parsed = self.parse(path, data)
            parsed.word_count  # noqa: B018 - counted here, on the helper's core
            payload = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # parsed again by the importer, which raises it properly
            payload = b""
        return _LENGTH.pack(len(payload)) + payload

    def _receive(self) -> ParsedTranscript | None:
        """The helper's next result; None when it could not parse that file or is gone."""
        try:
            pipe = self._helper.pipe
            head = pipe.read(_LENGTH.size)
            if len(head) < _LENGTH.size:
                raise EOFError
            (size,) = _LENGTH.unpack(head)
            payload = pipe.read(size) if size else b""
            if len(payload) < size:
                raise EOFError
            return pickle.loads(payload) if size else None
        except (OSError, EOFError, pickle.UnpicklingError):
            self.close()  # the helper died: every further file is parsed here
            return None

    def close(self) -> None:
        if self._helper is not None:
            self._helper.cancel()  # a helper still writing gets a broken pipe and leaves
            self._helper = None
