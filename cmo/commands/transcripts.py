"""The transcripts of a project and their speaker turns: list, rename, remove; list the
turns, give a turn another speaker, split a turn where a label was glued into it."""

from __future__ import annotations

from typing import Annotated

import typer
from typer.core import TyperGroup

from .common import JsonOpt, ProjectOpt, emit_json, opened, success, table


class DefaultGroup(TyperGroup):
    """A command group that runs its first command when the first argument names none,
    so ``cmo turns interview-1`` still lists the turns beside ``cmo turns split``."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [next(iter(self.commands)), *args]
        return super().parse_args(ctx, args)


def register(app: typer.Typer) -> None:
    transcripts_app = typer.Typer(
        help="List transcripts (with no subcommand), rename or remove them.",
        invoke_without_command=True,
    )
    transcripts_app.callback()(transcripts)
    transcripts_app.command("rename")(transcripts_rename)
    transcripts_app.command("rm")(transcripts_rm)
    app.add_typer(transcripts_app, name="transcripts")
    turns_app = typer.Typer(
        cls=DefaultGroup,
        help="Speaker turns: list (the default), relabel, split.",
        no_args_is_help=True,
    )
    turns_app.command("list")(turns)
    turns_app.command("relabel")(turns_relabel)
    turns_app.command("split")(turns_split)
    app.add_typer(turns_app, name="turns")


def transcripts(ctx: typer.Context, project: ProjectOpt = None, json: JsonOpt = False) -> None:
    """List transcripts with casus, kind, speakers, words and coding progress."""
    if ctx.invoked_subcommand is not None:
        return
    from .transcript_list import transcripts as run

    run(project=project, json=json)


def transcripts_rename(
    transcript: Annotated[str, typer.Argument(help="Transcript name or id.")],
    new_name: Annotated[str, typer.Argument(help="Its new name.")],
    project: ProjectOpt = None,
) -> None:
    """Rename a transcript (undoable with 'cmo undo')."""

    with opened(project) as proj:
        old = proj.store.transcripts.rename(transcript, new_name, actor=proj.default_coder)
    success(f"Renamed transcript '{old}' to '{new_name}'.")


def transcripts_rm(
    transcript: Annotated[str, typer.Argument(help="Transcript name or id.")],
    project: ProjectOpt = None,
) -> None:
    """Remove a transcript with its turns and codings (undoable with 'cmo undo')."""

    with opened(project) as proj:
        kept = proj.store.transcripts.remove(transcript, actor=proj.default_coder)
    name = kept["transcript"]["name"]
    linked = len({cmoc for cmoc, _ in kept["evidence"]})
    success(
        f"Removed transcript '{name}' with {len(kept['turns'])} turns and "
        f"{len(kept['codings'])} codings"
        + (f" (evidence in {linked} CMOC(s))" if linked else "")
        + "; 'cmo undo' brings it back."
    )


def turns(
    transcript: Annotated[str, typer.Argument(help="Transcript name or id.")],
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """The speaker turns of a transcript, with offsets into its full text."""
    with opened(project) as proj:
        t = proj.store.transcripts.get(transcript)
        people = proj.store.participants.by_id()
        items = proj.store.transcripts.turns(t.id)
    rows = [
        {
            "index": u.index,
            "speaker": u.speaker,
            "participant": people[u.participant_id].label if u.participant_id else None,
            "role": people[u.participant_id].role if u.participant_id else None,
            "timestamp": u.timestamp,
            "start": u.start,
            "end": u.end,
            "text": t.text[u.start : u.end],
        }
        for u in items
    ]
    if json:
        emit_json(rows)
        return
    from ..core.text import snippet

    table(
        [
            (
                r["index"],
                r["speaker"] or "",
                r["role"] or "",
                r["timestamp"] or "",
                r["start"],
                r["end"],
                snippet(r["text"], 0, len(r["text"]), 70),
            )
            for r in rows
        ],
        ["#", "speaker", "role", "time", "start", "end", "text"],
        align="rlllrrl",
    )


def turns_relabel(
    transcript: Annotated[str, typer.Argument(help="Transcript name or id.")],
    index: Annotated[int, typer.Argument(help="Turn number (see 'cmo turns TRANSCRIPT').")],
    speaker: Annotated[str, typer.Option(help="The right speaker label, e.g. Deelnemer.")],
    project: ProjectOpt = None,
) -> None:
    """Give a turn another speaker. Codings stay where they are; 'cmo undo' reverts it."""

    with opened(project) as proj:
        done = proj.store.participants.relabel_turn(
            transcript, index, speaker, actor=proj.default_coder
        )
    typer.echo(f"{done['transcript']} turn {index}: {done['from'] or '-'} → {done['to']}.")


def turns_split(
    transcript: Annotated[str, typer.Argument(help="Transcript name or id.")],
    index: Annotated[int, typer.Argument(help="Turn number (see 'cmo turns TRANSCRIPT').")],
    at: Annotated[int | None, typer.Option(help="Text offset where the new turn starts.")] = None,
    before: Annotated[
        str | None,
        typer.Option(help="Or: the text the new turn starts with, e.g. 'Deelnemer: Goed'."),
    ] = None,
    speaker: Annotated[
        str | None,
        typer.Option(
            help="Speaker of the new turn (default: a label at the split, else the same)."
        ),
    ] = None,
    project: ProjectOpt = None,
) -> None:
    """Split a turn in two where a speaker label was glued into it. Codings stay where
    they are; 'cmo undo' reverts it."""
    from ..core.errors import InputError
    from ..ingest.turns import label_at

    if (at is None) == (before is None):
        raise InputError("--at/--before", "give exactly one of --at OFFSET or --before TEXT")
    with opened(project) as proj:
        t = proj.store.transcripts.get(transcript)
        turn = next((u for u in proj.store.transcripts.turns(t.id) if u.index == index), None)
        if turn is None:
            raise InputError(str(index), f"transcript '{t.name}' has no such turn")
        if before is not None:
            from ..core.text import find_quote

            hits = find_quote(t.text, before, turn.start, turn.end)
            if len(hits) != 1:
                raise InputError(
                    before, f"occurs {len(hits)} times in turn {index}; it must occur once"
                )
            at = hits[0][0]
        label, content = label_at(t.text, at, turn.end)
        done = proj.store.participants.split_turn(
            t.id,
            index,
            at,
            speaker=speaker or label,
            content=content if label and (speaker is None or speaker == label) else None,
            actor=proj.default_coder,
        )
    typer.echo(
        f"{done['transcript']} turn {index} split at {done['at']}: "
        f"turn {index + 1} is {done['speaker'] or '-'}."
    )
