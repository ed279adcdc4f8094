"""Project set-up, import, casussen, participants, transcripts, turns and the codebook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from .common import JsonOpt, ProjectOpt, emit_json, key_values, opened, success, table
from .project_init import BUNDLED_CODEBOOK  # noqa: F401 - demo and tests find it here


class DefaultGroup(TyperGroup):
    """A command group that runs its first command when the first argument names none,
    so ``cmo turns interview-1`` still lists the turns beside ``cmo turns split``."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [next(iter(self.commands)), *args]
        return super().parse_args(ctx, args)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("import")(import_)
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
    casus_app = typer.Typer(help="Casussen (cases) and their attributes.", no_args_is_help=True)
    casus_app.command("list")(casus_list)
    casus_app.command("add")(casus_add)
    casus_app.command("set")(casus_set)
    app.add_typer(casus_app, name="casus")
    people = typer.Typer(
        help="Participants: pseudonymous labels, roles, attributes.", no_args_is_help=True
    )
    people.command("list")(participants_list)
    people.command("set")(participants_set)
    people.command("merge")(participants_merge)
    people.command("split")(participants_split)
    app.add_typer(people, name="participants")
    from . import codebook

    app.add_typer(codebook.app, name="codebook")


def init(
    path: Annotated[Path, typer.Argument(help="Folder for the new project.")],
    name: Annotated[str | None, typer.Option(help="Project name (default: folder name).")] = None,
    codebook: Annotated[
        Path | None,
        typer.Option(help="Codebook YAML (default: the bundled realist WWB–Wmo codebook)."),
    ] = None,
    coder: Annotated[str, typer.Option(help="Default coder name.")] = "",
    db: Annotated[
        str,
        typer.Option(
            "--db", help="Database URL instead of cmo.db, e.g. postgresql://user@host/db."
        ),
    ] = "",
) -> None:
    """Create a project folder with cmo.db, project.toml and a copy of the codebook."""
    from .project_init import init as run

    run(path, name=name, codebook=codebook, coder=coder, db=db)


def import_(
    files: Annotated[
        list[Path], typer.Argument(help="Transcript files (.txt .docx .odt .vtt .srt).")
    ],
    casus: Annotated[str, typer.Option(help="Casus the transcripts belong to.")],
    kind: Annotated[
        str | None,
        typer.Option(
            help="interview, focusgroep or document (default: guessed from the speakers)."
        ),
    ] = None,
    name: Annotated[str | None, typer.Option(help="Transcript name (one file only).")] = None,
    role: Annotated[
        list[str], typer.Option(help="Speaker role, e.g. --role R=cliënt (repeatable).")
    ] = [],  # noqa: B006
    replace: Annotated[
        bool, typer.Option(help="Take a corrected version of a transcript already in the project.")
    ] = False,
    identity: Annotated[
        str,
        typer.Option(
            help="auto: a name is one person in the casus, a generic label (R, Deelnemer) one "
            "per transcript; transcript: every speaker per transcript; casus: every label "
            "one person in the casus."
        ),
    ] = "auto",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show speakers and turns; change nothing.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            help="With --replace: replace even when the new file shares little of the old text."
        ),
    ] = False,
    project: ProjectOpt = None,
) -> None:
    """Import transcripts into a casus. All files land together, or none do.

    With --replace, a transcript of the same name takes the corrected version: every
    coding moves with its text; one undoable step ('cmo undo').
    """
    from .transcript_import import import_ as run

    run(
        files,
        casus,
        kind=kind,
        name=name,
        role=role,
        replace=replace,
        identity=identity,
        dry_run=dry_run,
        force=force,
        project=project,
    )


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


def casus_list(project: ProjectOpt = None, json: JsonOpt = False) -> None:
    """List casussen with their attributes."""
    with opened(project) as proj:
        items = proj.store.casussen.all()
    if json:
        emit_json([{"id": c.id, "name": c.name, "attributes": c.attributes} for c in items])
        return
    table(
        [(c.id, c.name, ", ".join(f"{k}={v}" for k, v in c.attributes.items())) for c in items],
        ["id", "casus", "attributes"],
    )


def casus_add(
    name: Annotated[str, typer.Argument(help="Name of the casus.")],
    attr: Annotated[list[str], typer.Option(help="Attribute key=value (repeatable).")] = [],  # noqa: B006
    project: ProjectOpt = None,
) -> None:
    """Add a casus."""
    with opened(project) as proj:
        casus = proj.store.casussen.add(name, key_values(attr, "--attr"))
    typer.echo(f"Added casus '{casus.name}'.")


def casus_set(
    name: Annotated[str, typer.Argument(help="Casus to change.")],
    attr: Annotated[list[str], typer.Option(help="Attribute key=value; key= removes it.")] = [],  # noqa: B006
    rename: Annotated[str | None, typer.Option(help="New name.")] = None,
    project: ProjectOpt = None,
) -> None:
    """Set attributes of a casus, or rename it."""
    with opened(project) as proj:
        casus = proj.store.casussen.set(name, key_values(attr, "--attr"), rename=rename)
    typer.echo(f"Casus '{casus.name}': {casus.attributes}")


def participants_list(
    casus: Annotated[str | None, typer.Option(help="Only this casus.")] = None,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """List participants with role and attributes."""
    with opened(project) as proj:
        items = proj.store.participants.all(casus)
        names = {c.id: c.name for c in proj.store.casussen.all()}
    if json:
        from .shapes import participant_json

        emit_json([participant_json(p, names[p.casus_id]) for p in items])
        return
    table(
        [
            (
                p.id,
                names[p.casus_id],
                p.label,
                p.role,
                ", ".join(f"{k}={v}" for k, v in p.attributes.items()),
            )
            for p in items
        ],
        ["id", "casus", "participant", "role", "attributes"],
    )


def participants_set(
    label: Annotated[str, typer.Argument(help="Participant label (see 'participants list').")],
    casus: Annotated[str | None, typer.Option(help="Casus, if the label is ambiguous.")] = None,
    role: Annotated[
        str | None,
        typer.Option(help="cliënt, klantmanager, coach, beleidsmedewerker, interviewer …"),
    ] = None,
    attr: Annotated[
        list[str], typer.Option(help="Attribute key=value, e.g. trede=3 (repeatable).")
    ] = [],  # noqa: B006
    project: ProjectOpt = None,
) -> None:
    """Set the role or attributes of a participant."""
    with opened(project) as proj:
        person = proj.store.participants.set(
            label, casus, role=role, attributes=key_values(attr, "--attr")
        )
    typer.echo(f"{person.label}: role={person.role or '-'} {person.attributes}")


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


def participants_merge(
    keep: Annotated[str, typer.Argument(help="Participant to keep (see 'participants list').")],
    other: Annotated[str, typer.Argument(help="Participant who is the same person.")],
    casus: Annotated[str | None, typer.Option(help="Casus, if a label is ambiguous.")] = None,
    project: ProjectOpt = None,
) -> None:
    """Two labels are one person: give OTHER's turns to KEEP. 'cmo undo' reverts it."""

    with opened(project) as proj:
        done = proj.store.participants.merge(keep, other, casus, actor=proj.default_coder)
    n = done["transcripts"]
    typer.echo(
        f"Merged '{done['merged']}' into '{done['kept']}' ({n} transcript{'' if n == 1 else 's'})."
    )


def participants_split(
    label: Annotated[
        str, typer.Argument(help="Participant who is a different person per transcript.")
    ],
    casus: Annotated[str | None, typer.Option(help="Casus, if the label is ambiguous.")] = None,
    project: ProjectOpt = None,
) -> None:
    """One label, different people: one participant per transcript. 'cmo undo' reverts it."""

    with opened(project) as proj:
        done = proj.store.participants.split(label, casus, actor=proj.default_coder)
    typer.echo(f"Split '{done['split']}' into " + ", ".join(f"'{n}'" for n in done["into"]) + ".")
