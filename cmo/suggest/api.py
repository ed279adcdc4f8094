"""The suggestion API for the CLI and the TUI: plain data in, plain data out.

Everything here takes a ``Store`` (or a ``Project``: its ``.store`` is used). The spaCy
pipeline, the lexicon and the trained model are loaded on first use and cached per
process; later calls cost a few milliseconds per fragment. Suggestions are never written
as codings: only ``record_feedback(..., answer="accept")`` creates a coding, and only
because a human accepted it.

Functions
---------
``suggest_for_text(store, text, top=3, families=None) -> list[Suggestion]``
    Suggestions for any text (a selection in the TUI, ``cmo suggest --text``).
``suggest_for_span(store, transcript_id, start, end, top=3) -> list[Suggestion]``
    Suggestions for ``transcript.text[start:end]`` (the current turn or selection).
``suggest_for_transcript(store, transcript_id, top=3, level="turn") -> Iterator[dict]``
    One fragment dict per turn (``level="turn"``) or sentence (``"sentence"``) of the
    respondents (interviewer turns are skipped unless ``interviewer=True``)::

        {"transcript_id": 3, "turn": 12, "speaker": "R", "start": 1520, "end": 1690,
         "text": "...", "coded": ["M3c"],            # human codings overlapping it
         "suggestions": [Suggestion, ...]}            # ranked, best first

``review_stream(store, transcript_id, top=3, level="turn", min_score=0.2) -> Iterator[dict]``
    The same dicts, only for fragments nobody coded and nobody answered yet, and only
    with suggestions scoring at least ``min_score``: the queue of the "review suggestions"
    mode. It is a generator: answers recorded while walking it are respected by the next
    call (a fragment answered 'none', accepted or rejected is not offered again).
``record_feedback(store, transcript_id, start, end, code_id, answer, source="", score=0.0,
coder="") -> Coding | None``
    ``answer`` is 'accept' (also creates the coding, returned), 'reject' (this code does
    not fit here) or 'none' (fragment seen, no code fits; ``code_id`` may be None). Every
    answer is stored in ``suggestion_feedback`` and feeds the next training.
``maybe_retrain(store, process=False) -> RetrainJob | None``
    Starts a background retrain when 20 or more codings/answers arrived since the last
    one; returns at once. Poll ``job.done``; ``job.error`` holds a failure. The next
    suggestion call picks the new model up.
``train(store) -> dict`` / ``model_status(store) -> dict``
    Train now (blocking) / what model the project has and whether it is stale.

``Suggestion`` fields: ``code_id, name, family, score`` (calibrated 0–1), ``source``
('lexicon' | 'learned' | 'both'), ``explanation`` (one line, Dutch), ``lexicon`` and
``learned`` (the parts' own probabilities), ``matches`` (keyword, matched words, how,
offsets relative to the fragment) and ``similar`` (coded fragments it resembles).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.domain import Coding
from ..core.errors import InputError
from ..core.speakers import is_interviewer
from ..core.text import sentence_spans
from . import encoder
from .batch import suggest_many
from .knowledge import fragment_vector
from .persist import (
    RetrainJob,
    codebook_hash,
    model_info,
    service_for,
    start_retrain,
    train_project,
    work_counts,
)
from .ranker import Suggestion

ANSWERS = ("accept", "reject", "none")

__all__ = [
    "Suggestion",
    "RetrainJob",
    "suggest_for_text",
    "suggest_for_span",
    "suggest_for_transcript",
    "review_stream",
    "record_feedback",
    "maybe_retrain",
    "train",
    "model_status",
]


def _store(project_or_store):
    return getattr(project_or_store, "store", None) or project_or_store


def suggest_for_text(
    project_or_store,
    text: str,
    top: int = 3,
    families: str | None = None,
    span: tuple[int, int, int] | None = None,
) -> list[Suggestion]:
    """``span`` (transcript id, start, end), when known, keeps the fragment's own coding
    out of its similar fragments (an identical text is kept out in any case)."""
    store = _store(project_or_store)
    suggester = service_for(store).suggester
    _ensure_worker(store)
    vector = fragment_vector(store, text, span)
    return suggester.suggest_docs(
        [suggester.nlp(text)], top, families, vectors=[vector], spans=[span]
    )[0]


_workers_checked: set[str] = set()


def _ensure_worker(store) -> None:
    """Start the embedding worker once per process and project when vectors are missing
    (it returns at once; suggestions meanwhile compute the vectors they need)."""
    if store.url in _workers_checked:
        return
    _workers_checked.add(store.url)
    from .embed_worker import start_worker

    try:
        start_worker(store)
    except OSError:  # no worker: suggestions still work, only slower
        pass


def suggest_for_span(
    project_or_store,
    transcript_id: int,
    start: int,
    end: int,
    top: int = 3,
    families: str | None = None,
) -> list[Suggestion]:
    store = _store(project_or_store)
    text = store.transcripts.get(transcript_id).text
    if not (0 <= start < end <= len(text)):
        raise InputError(f"transcript {transcript_id}", f"span {start}-{end} is outside the text")
    return suggest_for_text(store, text[start:end], top, families, span=(transcript_id, start, end))


def fragments(
    store, transcript_id: int, level: str = "turn", interviewer: bool = False
) -> Iterator[dict]:
    """The fragments suggestions are made for: turns or their sentences (plain dicts)."""
    if level not in ("turn", "sentence"):
        raise InputError(level, "level must be 'turn' or 'sentence'")
    transcript = store.transcripts.get(transcript_id)
    text = transcript.text
    for turn in store.transcripts.turns(transcript.id):
        if not interviewer and is_interviewer(turn.speaker or ""):
            continue
        spans = (
            [(turn.start, turn.end)]
            if level == "turn"
            else sentence_spans(text, turn.start, turn.end)
        )
        for start, end in spans:
            yield {
                "transcript_id": transcript.id,
                "turn": turn.index,
                "speaker": turn.speaker,
                "start": start,
                "end": end,
                "text": text[start:end],
            }


def suggest_for_transcript(
    project_or_store,
    transcript_id: int | str,
    top: int = 3,
    level: str = "turn",
    families: str | None = None,
    interviewer: bool = False,
    n_process: int = 1,
) -> Iterator[dict]:
    store = _store(project_or_store)
    transcript_id = store.transcripts.get(transcript_id).id
    codings = store.codings.all(transcript_id=transcript_id)
    suggester = service_for(store).suggester
    _ensure_worker(store)
    items = list(fragments(store, transcript_id, level, interviewer))
    _attach_vectors(store, transcript_id, items)
    stream = ((f["text"], f) for f in items)
    for suggestions, fragment in suggest_many(
        suggester, stream, top, families, n_process=n_process
    ):
        fragment["coded"] = sorted(
            {c.code_id for c in codings if c.start < fragment["end"] and fragment["start"] < c.end}
        )
        fragment["suggestions"] = suggestions
        yield fragment


def _attach_vectors(store, transcript_id: int, items: list[dict]) -> None:
    """Each fragment's stored vector (``vector``); those not stored yet are computed now
    (the worker stores them for the next time)."""
    if not encoder.enabled():
        return
    have = store.embeddings.current_vectors(encoder.MODEL, encoder.version(), transcript_id)
    missing = []
    for item in items:
        found = have.get((transcript_id, item["start"], item["end"]))
        if found is None:
            missing.append(item)
        else:
            item["vector"] = encoder.from_bytes(found)
    if missing:
        for item, vector in zip(missing, encoder.encode([m["text"] for m in missing]), strict=True):
            item["vector"] = vector


def review_stream(
    project_or_store,
    transcript_id: int | str,
    top: int = 3,
    level: str = "turn",
    families: str | None = None,
    min_score: float = 0.2,
) -> Iterator[dict]:
    """Uncoded, unanswered fragments whose suggestions reach ``min_score`` (0.2: a vague
    likeness to a definition alone, as a heading has, does not queue a fragment)."""
    store = _store(project_or_store)
    transcript_id = store.transcripts.get(transcript_id).id
    answered = store.feedback.answered_spans(transcript_id)
    for fragment in suggest_for_transcript(store, transcript_id, top, level, families):
        if fragment["coded"] or (fragment["start"], fragment["end"]) in answered:
            continue
        fragment["suggestions"] = [s for s in fragment["suggestions"] if s.score >= min_score]
        if fragment["suggestions"]:
            yield fragment


def record_feedback(
    project_or_store,
    transcript_id: int,
    start: int,
    end: int,
    code_id: str | None,
    answer: str,
    source: str = "",
    score: float = 0.0,
    coder: str = "",
) -> Coding | None:
    """Store a human answer to a suggestion; 'accept' also creates the coding."""
    store = _store(project_or_store)
    if answer not in ANSWERS:
        raise InputError(answer, f"answer must be one of {', '.join(ANSWERS)}")
    if answer != "none" and not code_id:
        raise InputError(answer, "accept and reject need a code")
    length = len(store.transcripts.get(transcript_id).text)
    if not (0 <= start < end <= length):
        raise InputError(
            f"transcript {transcript_id}",
            f"span {start}-{end} is outside the text (0-{length}) or empty",
        )
    coding = None
    if answer == "accept":  # raises (and stores nothing) on a bad code
        coding = store.codings.add(transcript_id, start, end, code_id, coder=coder)
        code_id = coding.code_id
    elif code_id:
        code_id = store.codebook.code(code_id).id
    store.feedback.add(transcript_id, start, end, code_id, answer, source, score, coder)
    return coding


def maybe_retrain(project_or_store, process: bool = False) -> RetrainJob | None:
    return start_retrain(_store(project_or_store), process=process)


def train(project_or_store, seed: int = 0) -> dict:
    return train_project(_store(project_or_store), seed=seed)


def model_status(project_or_store) -> dict:
    store = _store(project_or_store)
    info = model_info(store)
    codings, feedback = work_counts(store)
    status = {"trained": info is not None, "codings": codings, "feedback": feedback}
    if info:
        status.update(
            {
                "trained_at": info["created_at"],
                "trained_on_codings": info["codings"],
                "stale_codebook": info.get("codebook_hash")
                != codebook_hash(store.codebook.codes()),
                "new_since_training": codings
                + feedback
                - info.get("codings", 0)
                - info.get("feedback", 0),
            }
        )
    return status
