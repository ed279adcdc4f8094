"""Project set-up, import, casussen, participants, transcripts, turns and the codebook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import JsonOpt, ProjectOpt, emit_json, key_values, opened, say, table

BUNDLED_CODEBOOK = Path(__file__).resolve().parents[2] / "codebooks" / "realist-wwb-wmo.yaml"


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("import")(import_)
    app.command("transcripts")(transcripts)
    app.command("turns")(turns)
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
    import os
    import sys

    from ..ingest.codebook_yaml import load_codebook
    from ..store.project import init_project

    source = codebook or BUNDLED_CODEBOOK
    book = load_codebook(source)  # validate before creating anything
    db = db or os.environ.get("CMO_DATABASE_URL", "")
    project = init_project(path, name=name, codebook="codebook.yaml", coder=coder, database=db)
    from ..store.guard import PASSWORD_WARNING, without_password

    if without_password(db)[1]:
        print(PASSWORD_WARNING, file=sys.stderr)
    try:
        (Path(path) / "codebook.yaml").write_text(
            source.read_text(encoding="utf-8"), encoding="utf-8"
        )
        added, _ = project.store.load_codebook(book)
    finally:
        project.close()
    say(f"Created project '{project.name}' in {path} with {added} codes from {source.name}.")


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
    project: ProjectOpt = None,
) -> None:
    """Import transcripts into a casus. All files land together, or none do."""
    from ..ingest.service import import_files

    roles = key_values(role, "--role")
    with opened(project) as proj:
        report = import_files(
            proj.store, files, casus=casus, kind=kind, name=name, roles=roles, replace=replace
        )
    for warning in report.warnings:
        say(f"warning: {warning}")
    for unchanged in report.unchanged:
        say(f"{unchanged}: already imported with the same content; nothing to do.")
    if report.imported:
        say(
            f"Imported {len(report.imported)} transcript(s) into '{casus}': "
            f"{report.turns} turns, {report.words} words."
        )
    for replaced in report.replaced:
        say(
            f"Replaced {replaced.summary()}"
            + (" (list them with 'cmo codings --status review')." if replaced.review else ".")
        )
        for warning in replaced.warnings:
            say(f"warning: {warning}")


def transcripts(project: ProjectOpt = None, json: JsonOpt = False) -> None:
    """List transcripts with casus, kind, speakers, words and coding progress."""
    with opened(project) as proj:
        rows = proj.store.transcript_summaries()
    if json:
        emit_json(
            [
                {
                    "id": r["id"],
                    "name": r["name"],
                    "casus": r["casus"],
                    "kind": r["kind"],
                    "source": r["source_name"],
                    "sha256": r["sha256"],
                    "imported_at": r["imported_at"],
                    "words": r["word_count"],
                    "turns": r["turns"],
                    "speakers": r["speakers"],
                    "codings": r["codings"],
                    "coded_turns": r["coded_turns"],
                    "progress": r["progress"],
                }
                for r in rows
            ]
        )
        return
    table(
        [
            (
                r["id"],
                r["casus"],
                r["name"],
                r["kind"],
                r["speakers"],
                r["turns"],
                r["word_count"],
                r["codings"],
                f"{r['progress']:.0%}",
            )
            for r in rows
        ],
        ["id", "casus", "transcript", "kind", "speakers", "turns", "words", "codings", "coded"],
    )


def turns(
    transcript: Annotated[str, typer.Argument(help="Transcript name or id.")],
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """The speaker turns of a transcript, with offsets into its full text."""
    with opened(project) as proj:
        t = proj.store.transcript(transcript)
        people = proj.store.participants_by_id()
        items = proj.store.turns(t.id)
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
        items = proj.store.casussen()
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
        casus = proj.store.add_casus(name, key_values(attr, "--attr"))
    say(f"Added casus '{casus.name}'.")


def casus_set(
    name: Annotated[str, typer.Argument(help="Casus to change.")],
    attr: Annotated[list[str], typer.Option(help="Attribute key=value; key= removes it.")] = [],  # noqa: B006
    rename: Annotated[str | None, typer.Option(help="New name.")] = None,
    project: ProjectOpt = None,
) -> None:
    """Set attributes of a casus, or rename it."""
    with opened(project) as proj:
        casus = proj.store.set_casus(name, key_values(attr, "--attr"), rename=rename)
    say(f"Casus '{casus.name}': {casus.attributes}")


def participants_list(
    casus: Annotated[str | None, typer.Option(help="Only this casus.")] = None,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """List participants with role and attributes."""
    with opened(project) as proj:
        items = proj.store.participants(casus)
        names = {c.id: c.name for c in proj.store.casussen()}
    if json:
        emit_json(
            [
                {
                    "id": p.id,
                    "casus": names[p.casus_id],
                    "label": p.label,
                    "role": p.role,
                    "pseudonym": p.pseudonym,
                    "attributes": p.attributes,
                }
                for p in items
            ]
        )
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
        person = proj.store.set_participant(
            label, casus, role=role, attributes=key_values(attr, "--attr")
        )
    say(f"{person.label}: role={person.role or '-'} {person.attributes}")
