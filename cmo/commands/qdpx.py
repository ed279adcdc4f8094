"""REFI-QDA on the command line: ``cmo import-qdpx``, ``cmo export qdpx`` and ``cmo export qdc``.

The export commands join the ``cmo export`` group that ``commands.analysis`` owns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import JsonOpt, ProjectOpt, emit_json, opened, say

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
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Import a REFI-QDA project: transcripts, codes, codings, memos, cases. All or nothing."""
    from ..ingest.qdpx import import_qdpx as run

    def ask(source: str, suggestions: list[str]) -> str:
        hint = f" [{', '.join(suggestions)}]" if suggestions else ""
        return typer.prompt(
            f"Casus for '{source}'{hint}", default=suggestions[0] if suggestions else None, err=True
        )

    with opened(project) as proj:
        report = run(proj.store, file, casus_from=casus_from, ask=ask)
        proj.store.note_change(
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
            },
        )
    if json:
        emit_json(
            {
                "file": str(file),
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
        return
    for warning in report.warnings:
        say(f"warning: {warning}")
    for name in report.casussen_existing:
        say(f"casus '{name}' exists already; its transcripts from {file.name} were added to it")
    say(
        f"Imported {file} ({report.origin or 'unknown tool'}): {len(report.transcripts)} "
        f"transcript(s), {report.codings} codings, {len(report.codes_added)} new code(s) "
        f"({report.codes_mapped} mapped onto the codebook), {report.memos} memo(s), "
        f"{len(report.casussen_new)} new casus(sen), {report.cmocs} CMOC(s)."
    )


def export_qdpx(
    output: OutOpt = None,
    force: ForceOpt = False,
    project: ProjectOpt = None,
) -> None:
    """The whole project as REFI-QDA (.qdpx) for ATLAS.ti, MAXQDA, NVivo, QualCoder."""
    from ..export.files import prepare
    from ..export.qdpx import export_qdpx as run

    with opened(project) as proj:
        path = prepare(output or _default(proj, ".qdpx"), force)
        report = run(proj.store, path, name=proj.name)
    say(
        f"Wrote {path}: {report.transcripts} transcript(s), {report.codes} codes, "
        f"{report.codings} codings, {report.memos} memo(s), {report.cmocs} CMOC(s)."
    )


def export_qdc(
    output: OutOpt = None,
    force: ForceOpt = False,
    project: ProjectOpt = None,
) -> None:
    """The codebook (families, clusters, codes, emergent codes) as REFI-QDA (.qdc)."""
    from ..export.files import prepare
    from ..export.qdpx import export_qdc as run

    with opened(project) as proj:
        path = prepare(output or _default(proj, ".qdc"), force)
        count = run(proj.store, path)
    say(f"Wrote {path}: {count} codes.")


def _default(proj, suffix: str) -> Path:
    from datetime import datetime

    from ..export.files import slug

    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    return proj.path / "exports" / f"{slug(proj.name)}-{stamp}{suffix}"
