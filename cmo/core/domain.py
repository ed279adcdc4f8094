"""The domain types shared by every layer: casus, participant, transcript, turn, code, coding, memo.

Offsets are Unicode code points into ``Transcript.text`` with ``end`` exclusive,
exactly as Python slices them and as REFI-QDA counts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, NamedTuple

from .text import count_words

Family = Literal["C", "M", "O"]
TranscriptKind = Literal["interview", "focusgroep", "document"]
FAMILIES: dict[str, str] = {"C": "Context", "M": "Mechanisme", "O": "Uitkomst"}
KINDS: tuple[str, ...] = ("interview", "focusgroep", "document")


@dataclass(frozen=True)
class Casus:
    id: int
    name: str
    attributes: dict[str, str] = field(default_factory=dict)
    guid: str = ""


@dataclass(frozen=True)
class Participant:
    id: int
    casus_id: int
    label: str
    role: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    pseudonym: str = ""
    guid: str = ""


@dataclass(frozen=True)
class Transcript:
    id: int
    name: str
    casus_id: int
    kind: str
    source_name: str
    sha256: str
    imported_at: str
    text: str
    word_count: int = 0
    guid: str = ""


@dataclass(frozen=True)
class Turn:
    id: int
    transcript_id: int
    index: int
    speaker: str | None
    participant_id: int | None
    timestamp: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Code:
    id: str
    family: str
    name: str
    cluster: str = ""
    definition: str = ""
    keywords: tuple[str, ...] = ()
    parent: str | None = None
    colour: str = ""
    emergent: bool = False
    sort_order: int = 0
    guid: str = ""
    named_alone: bool = False
    """Came from another tool's REFI-QDA file: written back by its name alone, as it came."""

    @property
    def label(self) -> str:
        return f"{self.id} {self.name}"


@dataclass(frozen=True)
class Coding:
    id: int
    transcript_id: int
    start: int
    end: int
    code_id: str
    coder: str
    memo: str = ""
    created_at: str = ""
    updated_at: str = ""
    status: str = "ok"
    guid: str = ""


@dataclass(frozen=True)
class Memo:
    id: int
    target_kind: str
    target_id: str
    text: str
    author: str = ""
    created_at: str = ""
    updated_at: str = ""
    guid: str = ""


class TurnDraft(NamedTuple):
    """A speaker turn found by a parser, before it is stored (a named tuple: an import
    of a million words makes tens of thousands, and a frozen dataclass costs several
    times as much to make and to pass between processes)."""

    speaker: str | None
    timestamp: str | None
    start: int
    end: int


@dataclass
class ParsedTranscript:
    """What every reader returns: the normalised text and its speaker turns."""

    text: str
    turns: list[TurnDraft]
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def word_count(self) -> int:
        """Words in ``text`` (as ``cmo transcripts`` counts them), counted once: an import
        asks for it for the row, the report and the preview."""
        return count_words(self.text)

    @cached_property
    def speakers(self) -> list[str]:
        """The speaker labels in order of first turn, found once: an import asks for them
        several times (checks, the kind, the participants). Do not change the list."""
        seen: dict[str, None] = {}
        for turn in self.turns:
            if turn.speaker:
                seen.setdefault(turn.speaker, None)
        return list(seen)
