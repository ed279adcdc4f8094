"""What the transcript view shows, as plain data: text, turns, codings and text units.

No Textual here: the view, the tests and the benchmark share this object. It is
loaded once from the store and updated in place after each committed change.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING

from ...core.domain import Code, Coding, Transcript, Turn
from ...core.speakers import default_role, is_interviewer
from ...core.text import sentence_spans, word_spans

if TYPE_CHECKING:
    from ...store import Store

SPEAKER_COLOURS = (
    "#E06C75",
    "#61AFEF",
    "#98C379",
    "#C678DD",
    "#E5C07B",
    "#56B6C2",
    "#D19A66",
    "#F78FB3",
    "#7FB3D5",
    "#A3BE8C",
)
INTERVIEWER_COLOUR = "#8A8F98"
FAMILY_COLOURS = {"C": "#2E86AB", "M": "#E07A1F", "O": "#2A9D5C"}
_TEXT_ORDER = attrgetter("start", "end", "id")


@dataclass
class TranscriptDoc:
    """One transcript with its turns and codings, and the sentence and word units."""

    transcript: Transcript
    turns: list[Turn]
    codings: list[Coding]
    codes: dict[str, Code]
    roles: dict[int, str] = field(default_factory=dict)
    """Participant id → role, for the turn headers."""

    def __post_init__(self) -> None:
        self.text = self.transcript.text
        self.turns = _cover_text(self.text, self.turns, self.transcript.id)
        self.turn_starts = [t.start for t in self.turns]
        self._words: tuple[list[int], list[int]] | None = None
        self.speaker_colours = _speaker_colours(self.turns)
        self.set_codings(self.codings)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Every sentence, turn by turn, found on first use (not before the first paint:
        a million-word transcript has 60,000 of them)."""
        out: list[tuple[int, int]] = []
        for turn in self.turns:
            out.extend(
                sentence_spans(self.text, turn.start, turn.end)
                or [(turn.start, max(turn.start, turn.end))]
            )
        return out

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    @cached_property
    def sentence_ends(self) -> list[int]:
        return [e for _, e in self.sentences]

    @classmethod
    def load(cls, store: Store, transcript_id: int) -> TranscriptDoc:
        """Everything the view needs, read through the Store API."""
        transcript = store.transcripts.get(transcript_id)
        roles = {p.id: p.role for p in store.participants.all(transcript.casus_id)}
        return cls(
            transcript,
            store.transcripts.turns(transcript.id),
            store.codings.all(transcript.id),
            {c.id: c for c in store.codebook.codes()},
            roles,
        )

    # ---- codings ---------------------------------------------------------------------

    def set_codings(self, codings: list[Coding]) -> None:
        self.codings = sorted(codings, key=_TEXT_ORDER)
        self._coding_starts = [c.start for c in self.codings]
        self._longest = max((c.end - c.start for c in self.codings), default=0)

    def add(self, coding: Coding) -> None:
        self.set_codings([c for c in self.codings if c.id != coding.id] + [coding])

    def discard(self, coding_id: int) -> None:
        self.set_codings([c for c in self.codings if c.id != coding_id])

    def codings_over(self, start: int, end: int) -> list[Coding]:
        """Codings that overlap ``[start, end)`` (or touch ``start`` when it is empty),
        in text order."""
        end = max(end, start + 1)
        low = bisect_left(self._coding_starts, start - self._longest)
        high = bisect_left(self._coding_starts, end)
        return [c for c in self.codings[low:high] if c.end > start]

    def innermost(self, start: int, end: int) -> list[Coding]:
        """Codings overlapping the span, the closest fit first (exact, then shortest)."""
        found = self.codings_over(start, end)
        return sorted(
            found, key=lambda c: (not (c.start == start and c.end == end), c.end - c.start)
        )

    def colour(self, code_id: str) -> str:
        code = self.codes.get(code_id)
        if code is None:
            return "#888888"
        return code.colour or FAMILY_COLOURS.get(code.family, "#888888")

    # ---- turns and units -------------------------------------------------------------

    def turn_at(self, offset: int) -> int:
        """Index (into ``turns``) of the turn holding ``offset``."""
        return max(0, bisect_right(self.turn_starts, offset) - 1)

    def role(self, turn: Turn) -> str:
        if turn.participant_id is not None and self.roles.get(turn.participant_id):
            return self.roles[turn.participant_id]
        return default_role(turn.speaker or "")

    def speakers(self) -> list[str]:
        return list(self.speaker_colours)

    def words(self) -> tuple[list[int], list[int]]:
        """Word starts and ends over the whole text, computed on first use."""
        if self._words is None:
            spans = word_spans(self.text)
            self._words = ([s for s, _ in spans], [e for _, e in spans])
        return self._words

    def sentence_at(self, offset: int) -> tuple[int, int]:
        pos = max(0, bisect_right(self.sentence_starts, offset) - 1)
        return self.sentences[pos] if self.sentences else (0, len(self.text))


def _cover_text(text: str, turns: list[Turn], transcript_id: int) -> list[Turn]:
    """The stored turns, plus an unlabelled turn for text before the first turn or after
    the last (a title, a preamble), so every sentence can be shown and coded. Gaps
    between turns hold only the speaker labels, which the turn headers show."""
    turns = sorted(turns, key=lambda t: t.start)
    if not turns:
        return [Turn(0, transcript_id, -1, None, None, None, 0, len(text))]
    out = list(turns)
    # The last line before the first turn is that turn's speaker label: not a preamble.
    head = text[: turns[0].start].rstrip()
    head_end = max(0, head.rfind("\n")) if head else 0
    if text[:head_end].strip():
        out.insert(0, Turn(0, transcript_id, -1, None, None, None, 0, head_end))
    if text[turns[-1].end :].strip():
        out.append(Turn(0, transcript_id, -1, None, None, None, turns[-1].end, len(text)))
    return out


def _speaker_colours(turns: list[Turn]) -> dict[str, str]:
    """A steady colour per speaker: by order of first appearance, interviewers grey."""
    colours: dict[str, str] = {}
    for turn in turns:
        label = turn.speaker or ""
        if not label or label in colours:
            continue
        if is_interviewer(label):
            colours[label] = INTERVIEWER_COLOUR
        else:
            named = sum(1 for c in colours.values() if c != INTERVIEWER_COLOUR)
            colours[label] = SPEAKER_COLOURS[named % len(SPEAKER_COLOURS)]
    return colours
