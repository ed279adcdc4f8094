"""Coder views for the TUI and the CLI: each coder's codings, and where coders differ."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..core.domain import Coding
from .units import unit_spans

CONSENSUS = "consensus"
"""The coder name of consensus codings."""


def codings_by_coder(
    store, transcript_id: int, coders: Sequence[str] | None = None
) -> dict[str, list[Coding]]:
    """Each coder's codings of a transcript (all coders when ``coders`` is None)."""
    found: dict[str, list[Coding]] = {}
    for c in store.codings.all(transcript_id=transcript_id):
        if coders is None or c.coder in coders:
            found.setdefault(c.coder, []).append(c)
    if coders is not None:
        return {c: found.get(c, []) for c in coders}
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class Disagreement:
    """A fragment on which the coders' codes differ."""

    number: int
    transcript_id: int
    start: int
    end: int
    codes: dict[str, tuple[str, ...]]
    """Per coder, the codes they applied to (part of) the fragment."""

    @property
    def disputed(self) -> tuple[str, ...]:
        """Codes some but not all coders applied."""
        sets = [set(v) for v in self.codes.values()]
        return tuple(sorted(set.union(*sets) - set.intersection(*sets)))

    def as_json(self, text: str | None = None) -> dict:
        data = {
            "number": self.number,
            "transcript_id": self.transcript_id,
            "start": self.start,
            "end": self.end,
            "codes": {k: list(v) for k, v in self.codes.items()},
            "disputed": list(self.disputed),
        }
        if text is not None:
            data["text"] = text[self.start : self.end]
        return data


def disagreements(
    store, transcript_id: int, coders: Sequence[str], unit: str = "turn"
) -> list[Disagreement]:
    """The fragments of a transcript where ``coders`` applied different codes, in order.

    With unit 'turn' or 'sentence' a fragment is a whole unit; with 'char' it is a
    stretch of text over which each coder's set of codes stays the same.
    """
    coders = list(dict.fromkeys(coders))
    t = store.transcripts.get(transcript_id)
    mine = codings_by_coder(store, t.id, coders)
    if unit == "char":
        spans = _segments(t.text, [x for items in mine.values() for x in items])
    else:
        spans = unit_spans(t.text, [(u.start, u.end) for u in store.transcripts.turns(t.id)], unit)
    found: list[Disagreement] = []
    previous: tuple[int, dict] | None = None
    for start, end in spans:
        codes = {
            c: tuple(sorted({x.code_id for x in mine[c] if x.start < end and x.end > start}))
            for c in coders
        }
        if len(set(codes.values())) <= 1:
            previous = None
            continue
        if (
            unit == "char"
            and previous
            and not t.text[previous[0] : start].strip()
            and found
            and found[-1].codes == codes
        ):
            found[-1] = Disagreement(found[-1].number, t.id, found[-1].start, end, codes)
        else:
            found.append(Disagreement(len(found) + 1, t.id, start, end, codes))
        previous = (end, codes)
    return found


def _segments(text: str, codings: Sequence[Coding]) -> list[tuple[int, int]]:
    """The stretches between consecutive coding boundaries, trimmed of white space."""
    cuts = sorted({0, len(text), *(c.start for c in codings), *(c.end for c in codings)})
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out
