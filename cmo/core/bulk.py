"""Building many small objects at once without the cyclic garbage collector.

The analyses build hundreds of thousands of tuples, sets and dicts that hold no
reference cycles. Python's cyclic collector still walks all of them again and again
while they are built (a third of the time of a candidate search, and more the larger
the project); reference counting frees them anyway. So the collector pauses while
such a function runs, and resumes after.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable)


def without_gc(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if not gc.isenabled():  # nested, or paused by the caller
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return wrapper  # type: ignore[return-value]
