"""The whole content of a project folder's database, for "the project is unchanged"."""

from __future__ import annotations

from pathlib import Path


def project_dump(folder: Path) -> dict:
    """``Store.logical_dump()`` of the project in ``folder``, opened and closed here."""
    from cmo.store import Store
    from cmo.store.project import DATABASE

    store = Store(f"sqlite:///{folder / DATABASE}")
    try:
        return store.logical_dump()
    finally:
        store.close()
