"""Watching the forked helpers of ``cmo.core.forked`` in tests."""

from __future__ import annotations


def helpers_started(monkeypatch, kind) -> list[int]:
    """The pids of the helpers of class ``kind`` (``Helper``, ``StreamHelper``) started
    from now on in this test; 0 for one that could not fork."""
    pids: list[int] = []
    original = kind.__init__

    def recording(self, *args, **kwargs):
        original(self, *args, **kwargs)
        pids.append(self.pid)

    monkeypatch.setattr(kind, "__init__", recording)
    return pids
