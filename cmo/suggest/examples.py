"""Training examples from a project's human work, as plain dicts (no spaCy needed).

Every example is ``{"text", "cats", "level", "transcript_id", "start", "end", "group"}``.
``cats`` maps code ids to 1.0 (applies) or 0.0 (does not apply); a code missing from
``cats`` is *unknown* and gives no gradient (spaCy's textcat treats missing labels so).

- ``fragment``: each coded span, with its codes 1.0 and every other code 0.0.
- ``sentence``: sentences of a multi-sentence coded span, with the span's codes 1.0.
- ``turn``: a turn that holds a coding but is longer than it, with the codes 1.0.
- ``none``: fragments seen and left uncoded — feedback answered 'none' — all codes 0.0.
  Turns nobody coded are *not* assumed seen: a researcher who codes a transcript in
  parts (or codes half of a set of quotes) would otherwise teach the model that the
  other half fits no code.
- ``reject``: a rejected suggestion: that code 0.0, the rest unknown.

``group`` keeps examples from one turn together, so cross-validation never trains on
a sentence of the fragment it is tested on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Iterator

from ..core.speakers import is_interviewer
from ..core.text import count_words, sentence_spans

MIN_WORDS = 4
"""Sentences shorter than this are not used as examples of their own."""


def coded_fragments(store) -> list[dict]:
    """Each coded span once, with the set of codes human coders gave it."""
    spans: dict[tuple[int, int, int], set[str]] = defaultdict(set)
    for coding in store.codings.all():
        spans[(coding.transcript_id, coding.start, coding.end)].add(coding.code_id)
    return [
        {"transcript_id": t, "start": s, "end": e, "codes": sorted(codes)}
        for (t, s, e), codes in sorted(spans.items())
    ]


def feedback_rows(store) -> list[dict]:
    return store.feedback.all()


def training_examples(
    store, code_ids: list[str] | None = None, exclude: Container[tuple[int, int, int]] = ()
) -> list[dict]:
    """All examples the classifier learns from; ``exclude`` holds held-out spans
    ``(transcript_id, start, end)`` whose text must not be seen (cross-validation)."""
    code_ids = code_ids or [c.id for c in store.codebook.codes()]
    fragments = [
        f
        for f in coded_fragments(store)
        if (f["transcript_id"], f["start"], f["end"]) not in exclude
    ]
    held_out = [span for span in exclude] if exclude else []
    feedback = feedback_rows(store)
    by_transcript: dict[int, list[dict]] = defaultdict(list)
    for fragment in fragments:
        by_transcript[fragment["transcript_id"]].append(fragment)
    for row in feedback:
        by_transcript.setdefault(row["transcript_id"], [])
    examples: list[dict] = []
    for transcript_id, frags in sorted(by_transcript.items()):
        transcript = store.transcripts.get(transcript_id)
        turns = store.transcripts.turns(transcript_id)
        hidden = [(s, e) for t, s, e in held_out if t == transcript_id]
        examples.extend(
            _examples_of(
                transcript.text,
                transcript_id,
                turns,
                frags,
                code_ids,
                hidden,
                [r for r in feedback if r["transcript_id"] == transcript_id],
            )
        )
    return examples


def _examples_of(text, transcript_id, turns, frags, code_ids, hidden, feedback) -> Iterator[dict]:
    def group_of(start: int) -> str:
        for turn in turns:
            if turn.start <= start < turn.end:
                return f"{transcript_id}:{turn.index}"
        return f"{transcript_id}@{start}"

    def example(start, end, cats, level):
        return {
            "text": text[start:end],
            "cats": cats,
            "level": level,
            "transcript_id": transcript_id,
            "start": start,
            "end": end,
            "group": group_of(start),
        }

    def overlaps_hidden(start, end):
        return any(start < e and s < end for s, e in hidden)

    coded_spans = {(f["start"], f["end"]) for f in frags}
    for frag in frags:
        start, end, codes = frag["start"], frag["end"], frag["codes"]
        yield example(start, end, {c: float(c in codes) for c in code_ids}, "fragment")
        sentences = sentence_spans(text, start, end)
        if len(sentences) > 1:
            for s, e in sentences:
                if count_words(text[s:e]) >= MIN_WORDS and not overlaps_hidden(s, e):
                    yield example(s, e, dict.fromkeys(codes, 1.0), "sentence")
    turn_codes: dict[int, set[str]] = defaultdict(set)
    for frag in frags:
        for turn in turns:
            if turn.start < frag["end"] and frag["start"] < turn.end:
                turn_codes[turn.index].update(frag["codes"])
    for turn in turns:
        span = (turn.start, turn.end)
        if span in coded_spans or overlaps_hidden(*span) or turn.index not in turn_codes:
            continue
        if not is_interviewer(turn.speaker or ""):
            yield example(*span, dict.fromkeys(sorted(turn_codes[turn.index]), 1.0), "turn")
    for row in feedback:
        span = (row["start"], row["end"])
        if overlaps_hidden(*span) or not (0 <= row["start"] < row["end"] <= len(text)):
            continue
        if row["answer"] == "none":
            if not any(s < row["end"] and row["start"] < e for s, e in coded_spans):
                yield example(*span, dict.fromkeys(code_ids, 0.0), "none")
        elif row["answer"] == "reject" and row["code_id"]:
            coded = any(
                f["start"] == row["start"]
                and f["end"] == row["end"]
                and row["code_id"] in f["codes"]
                for f in frags
            )
            if not coded:  # a later human coding of the same span wins over a rejection
                yield example(*span, {row["code_id"]: 0.0}, "reject")
