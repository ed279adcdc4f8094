"""A project store whose full :class:`~cmo.store.store.Store` opens after the first screen.

Importing SQLAlchemy and SQLModel and building the table classes costs about a third of
a second of CPU, as much as everything else the workbench does before its overview is
on the screen. The overview only reads (transcript summaries, recent activity, the
codebook), and the standard-library :class:`~cmo.store.fastpath.QuickStore` reads the
same rows with the same meaning. So ``cmo open`` opens a current SQLite project as a
:class:`LaterStore`: the overview reads through :attr:`LaterStore.first_reads` while the
full store opens in a thread (:meth:`LaterStore.open_in_background`), and every other
use (``store.codings.add(…)``, a transcript screen, an export) goes to the full store,
waiting for it when it is not open yet. Nothing is cached: both read the same file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .fastpath import QuickStore
    from .store import Store


class LaterStore:
    """The full store, opened on first use; until then the quick store answers the reads
    the overview makes (:attr:`first_reads`)."""

    read_only = ""  # a read-only file never opens as a QuickStore (see ``open_quick``)
    is_sqlite = True

    def __init__(self, quick: QuickStore, open_full: Callable[[], Store]):
        self.quick = quick
        self.url = quick.url
        self._open_full = open_full
        self._full: Store | None = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        """Whether the full store is open (no waiting for it)."""
        return self._full is not None

    @property
    def first_reads(self) -> Store | QuickStore:
        """What the overview reads through: the full store once open, else the quick one."""
        return self._full if self._full is not None else self.quick

    def full(self) -> Store:
        with self._lock:
            if self._full is None:
                self._full = self._open_full()
            return self._full

    def open_in_background(self, then: Callable[[], None] | None = None) -> threading.Thread:
        """Open the full store in a thread; ``then`` runs in that thread once it is open.
        A failure is left for the first real use to meet (and report) in its own thread."""

        def run() -> None:
            try:
                self.full()
            except Exception:
                return
            if then is not None:
                then()

        thread = threading.Thread(target=run, name="cmo-open-store", daemon=True)
        thread.start()
        return thread

    def integrity_problems(self) -> list[str]:
        return self.quick.integrity_problems()

    def close(self) -> None:
        with self._lock:  # an open still under way finishes first, then closes
            if self._full is not None:
                self._full.close()
            self.quick.close()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # not set yet (copy, pickle): never open a store for it
            raise AttributeError(name)
        return getattr(self.full(), name)
