"""REFI-QDA on the command line: ``cmo import-qdpx``, ``cmo export qdpx`` and ``cmo export qdc``.

The export commands join the ``cmo export`` group that ``commands.analysis`` owns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import JsonOpt, ProjectOpt, emit_json, opened, say, success

OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Output file (default: exports/<project>-<time>.qdpx or .qdc)."
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing output file.")]


def register(app: typer.Typer) -> None:
    from .analysis import export_app

    app.command("import-qdpx")(import_qdpx)
    export_app.command("qdpx")(export_qdpx)
    export_app.command("qdc")(export_qdc)


def import_qdpx(
    file: Annotated[
        Path,
        typer.Argument(
            help="REFI-QDA project (.qdpx) from ATLAS.ti, "
            "MAXQDA, NVivo, QualCoder, Transana or cmo."
        ),
    ],
    casus_from: Annotated[
        str,
        typer.Option(
            help="Casus of each transcript: 'case' (the "
            "Case that refers to it), 'source' (its 'casus' "
            "variable, else its name) or 'ask'."
        ),
    ] = "case",
    merge: Annotated[
        bool,
        typer.Option(
            "--merge",
            help="Merge a colleague's project: sources already here (same GUID or the same "
            "text) only get their codings; nothing of ours changes.",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Print the full plan and change nothing."),
    ] = False,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--map",
            help="YAML file: 'their code name or GUID: our code id' (or 'new') per line; "
            "beats the matching rules.",
        ),
    ] = None,
    ids_from_names: Annotated[
        bool,
        typer.Option(
            "--ids-from-names",
            help="The first word of each code name is its id ('C1 Beleid' is C1).",
        ),
    ] = False,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Import a REFI-QDA project: transcripts, codes, codings, memos, cases. All or nothing.

    Codes are existing codes only by GUID, exact id or exact name; '--dry-run' lists
    every such mapping and everything else the import would do.
    """
    from ..refi.import_qdpx import import_qdpx as run

    def ask(source: str, suggestions: list[str]) -> str:
        hint = f" [{', '.join(suggestions)}]" if suggestions else ""
        return typer.prompt(
            f"Casus for '{source}'{hint}", default=suggestions[0] if suggestions else None, err=True
        )

    with opened(project) as proj:
        report = run(
            proj.store,
            file,
            casus_from=casus_from,
            ask=ask,
            merge=merge,
            dry_run=dry_run,
            mapping_file=mapping,
            ids_from_names=ids_from_names,
        )
        if not dry_run:
            proj.store.history.note(
                proj.default_coder,
                "project.import-qdpx",
                "project",
                file.name,
                {
                    "file": str(file),
                    "transcripts": report.transcripts,
                    "codings": report.codings,
                    "codes_added": report.codes_added,
                    "memos": report.memos,
                    "cmocs": report.cmocs,
                    "merge": report.merge,
                },
            )
    if json:
        emit_json(
            {
                "file": str(file),
                "dry_run": report.dry_run,
                "merge": report.merge,
                "sources": [
                    {"name": name, "action": action, "as": ours}
                    for name, action, ours in report.sources
                ],
                "conflicts": report.conflicts,
                "codes_new": [{"name": n, "id": i} for n, i in report.added],
                "clusters_new": [{"name": n, "id": i} for n, i in report.clusters_added],
                "codes_onto": [
                    {
                        "name": m.their_name,
                        "guid": m.their_guid,
                        "id": m.our_id,
                        "our_name": m.our_name,
                        "by": m.rule,
                    }
                    for m in report.mappings
                ],
                "users": report.users,
                "codings_by_coder": report.codings_by_coder,
                "codings_present": report.codings_present,
                "origin": report.origin,
                "transcripts": report.transcripts,
                "casussen_new": report.casussen_new,
                "casussen_existing": report.casussen_existing,
                "codes_added": report.codes_added,
                "codes_mapped": report.codes_mapped,
                "codings": report.codings,
                "memos": report.memos,
                "participants": report.participants,
                "cmocs": report.cmocs,
                "unmodelled": report.unmodelled,
                "warnings": report.warnings,
            }
        )
        _fail_on_conflicts(report, file)
        return
    if dry_run:
        for line in plan_lines(report):
            typer.echo(line)
        _fail_on_conflicts(report, file)
        return
    for warning in report.warnings:
        say(f"warning: {warning}")
    for name in report.casussen_existing:
        say(f"casus '{name}' exists already; its transcripts from {file.name} were added to it")
    success(
        f"Imported {file} ({report.origin or 'unknown tool'}): {len(report.transcripts)} "
        f"transcript(s), {report.codings} codings, {len(report.codes_added)} new code(s) "
        f"({report.codes_mapped} mapped onto the codebook), {report.memos} memo(s), "
        f"{len(report.casussen_new)} new casus(sen), {report.cmocs} CMOC(s)."
    )
    # A code with our GUID is the very same code; every other mapping is named here.
    same = sum(m.rule == "GUID" for m in report.mappings)
    if same:
        success(f"  {same} code(s) are ours by GUID (listed by --dry-run)")
    for m in report.mappings:
        if m.rule != "GUID":
            success(f"  code '{m.their_name}' is our {m.our_id} '{m.our_name}' ({_why(m.rule)})")
    if report.merge:
        coders = ", ".join(f"{c or '(no coder)'}: {n}" for c, n in report.codings_by_coder.items())
        success(
            f"Merged: codings added per coder: {coders or 'none'}; "
            f"{report.codings_present} already in the project."
        )


def plan_lines(report) -> list[str]:
    """The full plan of an import, for '--dry-run': what is added, mapped and left out."""
    lines = [
        f"Plan for {report.path} ({report.origin or 'unknown tool'})"
        f"{' — merge' if report.merge else ''}; nothing has been changed.",
        f"Sources ({len(report.sources)}):",
    ]
    for name, action, ours in report.sources:
        lines.append(
            f"  new        {ours}" if action == "new" else f"  {action:<10} {name} → our {ours}"
        )
    if report.conflicts:
        lines.append(f"Conflicts ({len(report.conflicts)}; the import would be refused):")
        lines.extend(f"  {c}" for c in report.conflicts)
    lines.append(f"Codes added ({len(report.added)}):")
    lines.extend(f"  {i:<24} {n}" for n, i in report.added)
    if report.clusters_added:
        lines.append(f"Clusters added ({len(report.clusters_added)}):")
        lines.extend(f"  {i:<24} {n}" for n, i in report.clusters_added)
    lines.append(f"Codes mapped onto existing codes ({len(report.mappings)}):")
    lines.extend(
        f"  {m.their_name} → {m.our_id} '{m.our_name}' ({_why(m.rule)})" for m in report.mappings
    )
    coders = ", ".join(f"{c or '(no coder)'} {n}" for c, n in report.codings_by_coder.items())
    lines.append(f"Codings: {report.codings}" + (f" ({coders})" if coders else ""))
    if report.codings_present:
        lines.append(f"  {report.codings_present} already in the project (not added again)")
    lines.append(f"Notes → memos: {report.memos}")
    lines.append(
        f"Cases: {len(report.casussen_new)} new casus(sen) {report.casussen_new}, "
        f"{len(report.casussen_existing)} existing {report.casussen_existing}; "
        f"{report.participants} participant(s)"
    )
    lines.append(f"CMOCs: {report.cmocs}")
    lines.append(f"Users: {', '.join(report.users) or 'none'}")
    if report.warnings:
        lines.append("Left out and other remarks:")
        lines.extend(f"  {w}" for w in report.warnings)
    return lines


def _why(rule: str) -> str:
    return "as the mapping file says" if rule == "mapping file" else f"same {rule}"


def _fail_on_conflicts(report, file: Path) -> None:
    if report.conflicts:
        from ..core.errors import Conflict

        raise Conflict(
            f"{file}: {len(report.conflicts)} source(s) conflict with the project; "
            "the import would be refused"
        )


def export_qdpx(
    output: OutOpt = None,
    force: ForceOpt = False,
    project: ProjectOpt = None,
) -> None:
    """The whole project as REFI-QDA (.qdpx) for ATLAS.ti, MAXQDA, NVivo, QualCoder."""
    options = dict(locals())  # before the import adds a name
    from .qdpx_export import export_qdpx as run

    run(**options)


def export_qdc(
    output: OutOpt = None,
    force: ForceOpt = False,
    project: ProjectOpt = None,
) -> None:
    """The codebook (families, clusters, codes, emergent codes) as REFI-QDA (.qdc)."""
    from ..export.files import export_path, slug
    from ..refi.export_qdpx import export_qdc as run

    with opened(project) as proj:
        path = export_path(output, proj.path, slug(proj.name), None, "qdc", force)
        count = run(proj.store, path)
    success(f"Wrote {path}: {count} codes.")
