"""What the transcript view shows, as plain data: text, turns, codings and text units.

No Textual here: the view, the tests and the benchmark share this object. It is
loaded from the store when a transcript opens (only what the first screen needs) and
updated in place after each committed change.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import InitVar, dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import TYPE_CHECKING

from ...core.domain import Code, Coding, Transcript, Turn
from ...core.speakers import default_role, is_interviewer
from ...core.text import sentence_spans, word_spans
from ..family_colours import FAMILY_COLOURS
from .coding_index import CodingIndex, CodingSource
from .turn_table import START_FIELD, StoredTurns, TurnTable, turn_row
from .units import SortedSpans, Spans, text_chunks

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
WORD_CHUNK = 8192
"""Characters of text whose words are found at a time."""


@dataclass
class TranscriptDoc:
    """One transcript with its turns and codings, and the sentence and word units.

    Built for the first paint of a huge transcript: the turns are columns
    (:class:`~.turn_table.TurnTable`), the sentences and words are found near where the
    researcher is (:mod:`.units`) and the codings are read as the screen asks for them
    (:class:`~.coding_index.CodingIndex`).
    """

    transcript: Transcript
    turns: Sequence[Turn]
    """Given as turns or as :class:`~.turn_table.StoredTurns` (read from the store as
    needed); kept as a :class:`~.turn_table.TurnTable`."""
    codings_given: InitVar[list[Coding] | None]
    codes: dict[str, Code]
    roles: dict[int, str] = field(default_factory=dict)
    """Participant id → role, for the turn headers."""
    source: CodingSource | None = None
    """The store's queries for the codings, when they were not given."""

    def __post_init__(self, codings_given: list[Coding] | None) -> None:
        self.text = self.transcript.text
        given = self.turns
        if not isinstance(given, StoredTurns):
            given = StoredTurns.of_rows([turn_row(t) for t in given])
        self.turns = _cover_text(self.text, given, self.transcript.id)
        self.turn_starts = self.turns.starts
        self.speaker_colours = _speaker_colours(self.turns.speakers)
        self.index = CodingIndex(codings_given, self.source)
        self.sentence_units = Spans(len(self.turns), self._turn_sentences, self.turn_at)
        count, self._word_chunk_start, word_chunk_of = text_chunks(self.text, WORD_CHUNK)
        self.word_units = Spans(count, self._chunk_words, word_chunk_of)

    @classmethod
    def load(cls, store: Store, transcript_id: int) -> TranscriptDoc:
        """Everything the view needs, read through the Store API: the turns as rows, the
        codings when the screen asks for them."""
        transcript = store.transcripts.get(transcript_id)
        roles = {p.id: p.role for p in store.participants.all(transcript.casus_id)}
        codings = store.codings
        source = CodingSource(
            longest=lambda: codings.longest(transcript_id),
            starting_in=lambda low, high: codings.starting_in(transcript_id, low, high),
            everything=lambda: codings.of_transcript(transcript_id),
        )
        return cls(
            transcript,
            StoredTurns(
                store.transcripts.turn_columns(transcript.id),
                lambda first, count: store.transcripts.turn_rows(transcript.id, first, count),
            ),
            None,
            {c.id: c for c in store.codebook.codes()},
            roles,
            source,
        )

    # ---- codings ---------------------------------------------------------------------

    @property
    def codings(self) -> list[Coding]:
        """Every coding in text order (read in full on first use)."""
        return self.index.everything

    def set_codings(self, codings: list[Coding]) -> None:
        self.index.replace(codings)

    def reset_codings(self) -> None:
        """Read the codings from the store again, piece by piece (after someone else's
        change, with every coder's codings shown)."""
        self.index.reset()

    def add(self, coding: Coding) -> None:
        self.index.add(coding)

    def discard(self, coding_id: int) -> None:
        self.index.discard(coding_id)

    def codings_over(self, start: int, end: int) -> list[Coding]:
        """Codings that overlap ``[start, end)`` (or touch ``start`` when it is empty),
        in text order."""
        return self.index.over(start, end)

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

    def _turn_sentences(self, index: int) -> list[tuple[int, int]]:
        start, end = self.turns.starts[index], self.turns.ends[index]
        return sentence_spans(self.text, start, end) or [(start, max(start, end))]

    def _chunk_words(self, k: int) -> list[tuple[int, int]]:
        return word_spans(self.text, self._word_chunk_start(k), self._word_chunk_start(k + 1))

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Every sentence, turn by turn (the keys find them near the selection; this
        finds them all)."""
        return list(self.sentence_units)

    @cached_property
    def turn_units(self) -> SortedSpans:
        """Each turn from its start to its last character that is not white space."""
        text = self.text
        ends = [_trim_end(text, end) for end in self.turns.ends]
        return SortedSpans(self.turn_starts, ends)

    def words(self) -> tuple[list[int], list[int]]:
        """Word starts and ends over the whole text."""
        spans = list(self.word_units)
        return [s for s, _ in spans], [e for _, e in spans]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        found = self.sentence_units.last(offset) or self.sentence_units.first(offset)
        return found or (0, len(self.text))


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _cover_text(text: str, stored: StoredTurns, transcript_id: int) -> TurnTable:
    """The stored turns, plus an unlabelled turn for text before the first turn or after
    the last (a title, a preamble), so every sentence can be shown and coded. Gaps
    between turns hold only the speaker labels, which the turn headers show."""
    starts = [c[0] for c in stored.columns]
    if any(later < earlier for earlier, later in itertools.pairwise(starts)):
        # Turns out of text order (never written so): sorted, all rows read.
        every = sorted(stored.rows(0, len(starts)), key=itemgetter(START_FIELD))
        stored = StoredTurns.of_rows(every)
    columns = stored.columns
    if not columns:
        whole = Turn(0, transcript_id, -1, None, None, None, 0, len(text))
        return TurnTable([], stored.rows, head=whole)
    head = tail = None
    first_start, last_end = columns[0][0], columns[-1][1]
    # The last line before the first turn is that turn's speaker label: not a preamble.
    before = text[:first_start].rstrip()
    head_end = max(0, before.rfind("\n")) if before else 0
    if text[:head_end].strip():
        head = Turn(0, transcript_id, -1, None, None, None, 0, head_end)
    if text[last_end:].strip():
        tail = Turn(0, transcript_id, -1, None, None, None, last_end, len(text))
    return TurnTable(columns, stored.rows, head, tail)


def _speaker_colours(speakers: Sequence[str | None]) -> dict[str, str]:
    """A steady colour per speaker: by order of first appearance, interviewers grey."""
    colours: dict[str, str] = {}
    for label in dict.fromkeys(speakers):  # in order of first appearance, each once
        if not label:
            continue
        if is_interviewer(label):
            colours[label] = INTERVIEWER_COLOUR
        else:
            named = sum(1 for c in colours.values() if c != INTERVIEWER_COLOUR)
            colours[label] = SPEAKER_COLOURS[named % len(SPEAKER_COLOURS)]
    return colours
