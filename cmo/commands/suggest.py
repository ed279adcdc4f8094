"""Code suggestions from the command line: ``cmo suggest``, ``cmo train``, ``cmo eval``.

spaCy is imported inside the commands only, so every other command stays light.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..core.errors import InputError
from .common import JsonOpt, ProjectOpt, emit_json, opened, say, success, table
from .suggest_run import family_letters

TopOpt = Annotated[int, typer.Option("--top", "-k", min=1, help="Suggestions per fragment.")]
FamilyOpt = Annotated[
    str | None, typer.Option("--family", "-f", help="Only codes of these families, e.g. M or CO.")
]


def register(app: typer.Typer) -> None:
    app.command("suggest")(suggest)
    app.command("train")(train)
    app.command("eval")(evaluate)
    app.command("embed")(embed)


def embed(
    background: Annotated[
        bool, typer.Option(help="Start the background worker and return at once.")
    ] = False,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Compute the sentence-encoder vectors of turns, sentences and coded spans that have
    none (or whose text changed). Import starts this in the background by itself."""
    from ..suggest import embed_worker, encoder

    if not encoder.enabled():
        raise InputError("cmo embed", "the sentence encoder is not installed or CMO_ENCODER is off")
    with opened(project) as proj:
        if background:
            started = embed_worker.start_worker(proj.store)
            success(
                "Embedding worker started." if started else "Nothing to embed, or a worker runs."
            )
            return
        done = embed_worker.embed_project(proj.store)
    if json:
        emit_json(done)
        return
    success(
        f"Embedded {done['transcripts']} transcript(s) ({done['words']} words, "
        f"{done['vectors']} turns and sentences) and {done['coded_spans']} coded spans "
        f"in {done['seconds']} s."
    )


def suggest(
    transcript: Annotated[str | None, typer.Argument(help="Transcript name or id.")] = None,
    text: Annotated[
        str | None,
        typer.Option("--text", "-t", help="Suggest codes for this text instead of a transcript."),
    ] = None,
    top: TopOpt = 3,
    level: Annotated[str, typer.Option(help="Fragments: 'turn' or 'sentence'.")] = "turn",
    family: FamilyOpt = None,
    interviewer: Annotated[bool, typer.Option(help="Also suggest for interviewer turns.")] = False,
    train: Annotated[
        bool,
        typer.Option(
            "--train/--no-train",
            help="First retrain the learned part when it is missing or out of date "
            "(20 or more new codings or answers, or a changed codebook).",
        ),
    ] = True,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Suggest codes per turn (or sentence) of a transcript, or for a text.

    Suggestions are never stored as codings; accept them in the TUI or with 'cmo code add'.
    """
    from .suggest_run import suggest as run

    run(
        transcript=transcript,
        text=text,
        top=top,
        level=level,
        family=family,
        interviewer=interviewer,
        train=train,
        project=project,
        json=json,
    )


def train(
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Retrain the learned suggester on the project's codings and feedback now."""
    from ..suggest import api

    with opened(project) as proj:
        info = api.train(proj.store)
    if json:
        emit_json(info)
        return
    success(
        f"Trained on {info['codings']} codings ({info['fragments']} fragments, "
        f"{info['examples']} examples incl. sentences, turns and negatives) and "
        f"{info['feedback']} feedback answers in {info['seconds']} s; "
        f"{len(info['labels'])} codes; calibration "
        f"{'fitted' if info['calibration']['fitted'] else 'by blending (too few codings)'}."
    )


def evaluate(
    folds: Annotated[int, typer.Option(min=2, max=20, help="Number of folds.")] = 5,
    family: FamilyOpt = None,
    seed: Annotated[int, typer.Option(help="Seed for the fold split.")] = 0,
    per_code: Annotated[
        bool, typer.Option("--per-code/--overall", help="Also print figures per code.")
    ] = True,
    curve: Annotated[
        bool,
        typer.Option("--curve/--no-curve", help="Also learn from 10, 20, 50 and 100 codings only."),
    ] = True,
    save: Annotated[
        bool,
        typer.Option(
            "--save/--no-save", help="Keep the chosen blend weights for this project's suggestions."
        ),
    ] = True,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Cross-validate every suggestion source and their blend on the human codings.

    Top-1 and top-3 per source, cold (the codebook alone) and trained (on the other
    folds), per family and per code, a learning curve, and the majority baseline. Picks
    the blend weights for the project (kept unless --no-save)."""
    family = family_letters(family)
    from ..suggest.evaluate import CURVE
    from ..suggest.evaluate import evaluate as run

    with opened(project) as proj:
        result = run(
            proj.store,
            folds=folds,
            seed=seed,
            families=family,
            curve=CURVE if curve else (),
            save=save,
            progress=None if json else lambda i, n: say(f"step {i}/{n} done"),
        )
    if json:
        emit_json(result)
        return
    _print_evaluation(result, per_code)


SOURCE_NAMES = {
    "lexicon": "lexicon (keywords)",
    "definition": "definition (meaning)",
    "similar": "similar fragments",
    "classifier": "classifier",
    "blend": "blend",
    "majority": "majority baseline",
}


def _print_evaluation(result: dict, per_code: bool) -> None:
    typer.echo(
        f"{result['items']} coded fragments, {result['folds']}-fold cross-validation"
        + (f", families {result['families']}" if result["families"] != "CMO" else "")
        + (f"; encoder {result['encoder']}" if result["encoder"] else "; no sentence encoder")
    )
    cold, trained = result["cold"], result["trained"]
    families = sorted({f for m in trained.values() for f in m["families"]})
    headers = ["source", "cold top-1", "cold top-3", "trained top-1", "trained top-3"]
    headers += [f"{f} top-3" for f in families]
    rows = []
    for source, label in SOURCE_NAMES.items():
        c, t = cold.get(source), trained.get(source)
        if c is None and t is None:
            continue
        row: list[object] = [label]
        row += [_pct(c["top1"]) if c else "-", _pct(c["top3"]) if c else "-"]
        row += [_pct(t["top1"]) if t else "-", _pct(t["top3"]) if t else "-"]
        row += [_pct((t or c)["families"].get(f, {}).get("top3")) for f in families]
        rows.append(row)
    table(rows, headers)
    weights = ", ".join(f"{s} {w:g}" for s, w in result["weights"].items())
    typer.echo(
        f"blend weights: {weights}" + (" (saved for this project)" if result["saved"] else "")
    )
    if result["curve"]:
        typer.echo("")
        typer.echo("top-3 after learning from k coded fragments only (held-out folds):")
        sizes = list(result["curve"])
        table(
            [
                [SOURCE_NAMES[s]] + [_pct(result["curve"][k][s]["top3"]) for k in sizes]
                for s in ("similar", "classifier", "blend", "majority")
                if all(s in result["curve"][k] for k in sizes)
            ],
            ["source"] + [f"k={k}" for k in sizes],
        )
    if per_code:
        typer.echo("")
        shown = [
            s for s in ("lexicon", "definition", "similar", "classifier", "blend") if s in trained
        ]
        rows = []
        for code, n in sorted(result["codes"].items()):
            row = [code, n]
            for s in shown:
                row.append(_pct(trained[s]["per_code"].get(code, {}).get("top3")))
            rows.append(row)
        table(rows, ["code", "n"] + [f"{s} top-3" for s in shown])


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"
