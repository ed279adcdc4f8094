"""Messages shared by the whole workbench (widget-specific ones live on their widget)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class JumpTo(Message):
    """Show a span of a transcript (from the codebook pane or a project search)."""

    transcript_id: int
    start: int
    end: int


@dataclass
class CodingCommitted(Message):
    """A coding was committed and is on screen (the benchmark and tests listen for it)."""

    coding_id: int
    code_id: str
