"""``cmo suggest`` as it runs (without Typer, see ``fast.py``).

A suggestion only reads the project, so a SQLite project is opened with the standard
library (``store.fastpath``): a first suggestion does not wait a third of a second for
SQLAlchemy. Only when the learned part must be retrained first (a write) is the full
store opened. spaCy and the encoder are imported by ``cmo.suggest`` when it suggests.
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import InputError
from .output import echo, emit_json, opened, say


def suggest(
    transcript: str | None = None,
    text: str | None = None,
    top: int = 3,
    level: str = "turn",
    family: str | None = None,
    interviewer: bool = False,
    train: bool = True,
    project: Path | None = None,
    json: bool = False,
) -> None:
    """Suggest codes per turn (or sentence) of a transcript, or for a text."""
    if (transcript is None) == (text is None):
        raise InputError("cmo suggest", "give a TRANSCRIPT or --text, not both or neither")
    if text is not None and not text.strip():
        raise InputError("--text", "the text is empty; give the fragment to suggest codes for")
    family = family_letters(family)
    with opened(project, quick=True) as proj:
        if transcript is not None:
            proj.store.transcripts.get(transcript)  # a wrong name fails before any training
        if not (train and _retrain_due(proj.store)):
            _suggest(proj.store, transcript, text, top, level, family, interviewer, json)
            return
    with opened(project) as proj:  # training writes: the full store
        train_if_due(proj.store)
        _suggest(proj.store, transcript, text, top, level, family, interviewer, json)


def _retrain_due(store) -> bool:
    from ..suggest.persist import retrain_needed

    return retrain_needed(store)


def _suggest(store, transcript, text, top, level, family, interviewer, json) -> None:
    from ..suggest import api

    if text is not None:
        found = api.suggest_for_text(store, text, top=top, families=family)
        if json:
            emit_json(
                {
                    "text": text,
                    "model": api.model_status(store),
                    "suggestions": [s.to_dict() for s in found],
                }
            )
        else:
            print_suggestions(found)
        return
    t = store.transcripts.get(transcript)
    stream = api.suggest_for_transcript(
        store, t.id, top=top, level=level, families=family, interviewer=interviewer
    )
    if json:
        emit_json(
            {
                "transcript": t.name,
                "transcript_id": t.id,
                "level": level,
                "model": api.model_status(store),
                "fragments": [
                    {**f, "suggestions": [s.to_dict() for s in f["suggestions"]]} for f in stream
                ],
            }
        )
        return
    from ..core.text import snippet

    for fragment in stream:
        coded = f"  gecodeerd: {', '.join(fragment['coded'])}" if fragment["coded"] else ""
        echo(
            f"turn {fragment['turn']} [{fragment['start']}:{fragment['end']}] "
            f"{fragment['speaker'] or '-'}: "
            f"{snippet(fragment['text'], 0, len(fragment['text']), 70)}{coded}"
        )
        print_suggestions(fragment["suggestions"], indent="    ")
    stale_hint(api.model_status(store))


def print_suggestions(found, indent: str = "") -> None:
    if not found:
        echo(f"{indent}(geen suggesties)")
    for rank, s in enumerate(found, 1):
        echo(
            f"{indent}{rank}. {s.code_id:<5} {s.score:.2f}  {s.source:<7}  {s.name}: "
            f"{s.explanation}"
        )


def train_if_due(store) -> None:
    """Retrain first when due; a failed training leaves the lexicon suggestions working."""
    from ..core.errors import CmoError
    from ..suggest import api

    if not _retrain_due(store):
        return
    status = api.model_status(store)
    say(
        f"Training the suggester on {status['codings']} codings and {status['feedback']} "
        "answers first (once; --no-train skips this)..."
    )
    try:
        api.train(store)
    except CmoError as exc:
        say(f"Training failed ({exc}); suggesting from the codebook only.")


def stale_hint(status: dict) -> None:
    if not status["trained"] and status["codings"]:
        say(
            "Suggestions come from the codebook only; run 'cmo train' to learn from your "
            f"{status['codings']} codings."
        )
    elif status.get("stale_codebook") or status.get("new_since_training", 0) >= 20:
        say("The learned model is out of date; run 'cmo train'.")


def family_letters(family: str | None) -> str | None:
    if family is None:
        return None
    family = family.upper()
    if not family or set(family) - set("CMO"):
        raise InputError(family, "--family takes letters C, M and O (e.g. M or CO)")
    return family
