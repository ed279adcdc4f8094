"""Casussen (cases) and participants: list them, set their attributes and roles, rename
a casus, merge two labels that are one person or split one that is several."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import JsonOpt, ProjectOpt, emit_json, key_values, opened, table


def register(app: typer.Typer) -> None:
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
