"""Codings to review after a replace: list them, accept their place, re-place or drop."""

from __future__ import annotations

from typing import Annotated

import typer

from ..core.errors import InputError
from .common import JsonOpt, ProjectOpt, emit_json, opened, say, success, table

review_app = typer.Typer(
    help="Codings flagged for review after a replace: list, accept, place, drop.",
    no_args_is_help=True,
)
IdsArg = Annotated[list[int], typer.Argument(help="Coding ids (see 'cmo review list').")]


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")


@review_app.command("list")
def review_list(
    transcript: Annotated[str | None, typer.Option(help="Only this transcript.")] = None,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Codings whose text was not found again after a replace, with the text they had
    and the place they were kept."""
    from ..core.text import snippet

    with opened(project) as proj:
        items = proj.store.review.items(transcript)
    if json:
        emit_json(
            [
                {
                    "id": i.coding.id,
                    "transcript": i.transcript,
                    "turn": i.turn,
                    "speaker": i.speaker,
                    "code": i.coding.code_id,
                    "coder": i.coding.coder,
                    "start": i.coding.start,
                    "end": i.coding.end,
                    "former": i.former,
                    "proposed": i.proposed,
                }
                for i in items
            ]
        )
        return
    if not items:
        success("Nothing to review.")
        return
    table(
        [
            (
                i.coding.id,
                i.transcript,
                "" if i.turn is None else i.turn,
                i.speaker or "",
                i.coding.code_id,
                i.coding.coder,
                snippet(i.former, 0, len(i.former), 40),
                snippet(i.proposed, 0, len(i.proposed), 40),
            )
            for i in items
        ],
        ["id", "transcript", "turn", "speaker", "code", "coder", "was", "kept at"],
        align="rlrlllll",
    )
    say(
        f"{len(items)} coding(s) to review. Settle each: 'cmo review accept ID' (the place is "
        "right), 'cmo review place ID --quote TEXT' or 'cmo review drop ID'."
    )


@review_app.command("accept")
def review_accept(
    ids: Annotated[list[int] | None, typer.Argument(help="Coding ids.")] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Every coding to review (of --transcript).")
    ] = False,
    transcript: Annotated[str | None, typer.Option(help="With --all: only here.")] = None,
    project: ProjectOpt = None,
) -> None:
    """Keep codings where the replace put them: they become ordinary codings (undoable)."""

    with opened(project) as proj:
        store = proj.store
        if all_:
            if ids:
                raise InputError("--all", "give coding ids or --all, not both")
            ids = [i.coding.id for i in store.review.items(transcript)]
        elif not ids:
            raise InputError("review accept", "give coding ids (see 'cmo review list') or --all")
        done = [store.review.accept_place(i, actor=proj.default_coder) for i in ids]
    success(f"Accepted the place of {len(done)} coding(s): {', '.join(str(c.id) for c in done)}.")


@review_app.command("place")
def review_place(
    coding_id: Annotated[int, typer.Argument(help="Coding id (see 'cmo review list').")],
    quote: Annotated[
        str | None, typer.Option(help="Put the coding where this text occurs.")
    ] = None,
    turn: Annotated[
        int | None, typer.Option(help="The whole turn, or search --quote in it.")
    ] = None,
    start: Annotated[int | None, typer.Option(help="Start offset (code points).")] = None,
    end: Annotated[int | None, typer.Option(help="End offset, exclusive.")] = None,
    project: ProjectOpt = None,
) -> None:
    """Re-place a coding on its right text, chosen by quote, turn or offsets (undoable)."""
    from ..core.text import snippet
    from .coding import span_locator

    with opened(project) as proj:
        store = proj.store
        coding = store.codings.get(coding_id)
        t = store.transcripts.get(coding.transcript_id)
        locate = span_locator(t.name, turn, quote, start, end, "review place")
        lo, hi = locate(t.text, [(u.index, u.start, u.end) for u in store.transcripts.turns(t.id)])
        moved = store.review.move_to(coding_id, lo, hi, actor=proj.default_coder)
    success(
        f"Placed coding {moved.id} ({moved.code_id}) on {t.name} [{moved.start}:{moved.end}]: "
        f"“{snippet(t.text, moved.start, moved.end, 60)}”."
    )


@review_app.command("drop")
def review_drop(ids: IdsArg, project: ProjectOpt = None) -> None:
    """Remove codings whose text is gone from the corrected transcript (undoable)."""

    with opened(project) as proj:
        gone = [proj.store.review.drop(i, actor=proj.default_coder) for i in ids]
    success(f"Dropped {len(gone)} coding(s): {', '.join(f'{c.id} ({c.code_id})' for c in gone)}.")
