"""Working as a team: moving a project to a server, agreement, consensus, pseudonyms."""

from __future__ import annotations

from typing import Annotated

import typer

from ..core.errors import InputError, NotFound
from .common import JsonOpt, ProjectOpt, emit_json, opened, say, table

CodersOpt = Annotated[
    str, typer.Option("--coders", help="Coders to compare, comma-separated: anna,bram[,chris].")
]
UnitOpt = Annotated[str, typer.Option("--unit", help="Unit of comparison: turn, sentence or char.")]


def register(app: typer.Typer) -> None:
    app.command("migrate")(migrate)
    app.command("agreement")(agreement)
    app.command("disagreements")(disagreements)
    app.command("consensus")(consensus)
    from . import pseudonymise

    pseudonymise.register(app)


def migrate(
    to: Annotated[
        str, typer.Option("--to", help="postgresql://user@host/db, sqlite:///file.db or a folder.")
    ],
    project: ProjectOpt = None,
) -> None:
    """Move the project to another database (SQLite ⇄ PostgreSQL) without losing anything.

    Every row is copied with its id and guid into an empty target and compared with the
    original. A URL (or this project's own folder) switches project.toml to the copy;
    another folder becomes a new project folder. The original database is left as it is.
    """
    from ..store.transfer import migrate_project

    with opened(project) as proj:
        result = migrate_project(proj, to)
    report = result.report
    say(
        f"Copied {report.total} rows ({report.rows.get('transcript', 0)} transcripts, "
        f"{report.rows.get('coding', 0)} codings, {report.rows.get('change', 0)} logged "
        f"changes) from {report.source} to {report.target}; the copy is identical."
    )
    if result.set_aside:
        say(f"The old database file was moved to {result.set_aside}.")
    say(f"Project folder {result.folder} now uses {report.target}.")


def _coders(value: str) -> list[str]:
    coders = [c.strip() for c in value.split(",") if c.strip()]
    if len(coders) < 2:
        raise InputError("--coders", "name at least two coders, e.g. --coders anna,bram")
    return coders


def _fmt(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:.1%}" if percent else f"{value:.3f}"


def agreement(
    coders: CodersOpt,
    unit: UnitOpt = "turn",
    code: Annotated[str | None, typer.Option("--code", help="Only this code.")] = None,
    transcript: Annotated[
        list[str],
        typer.Option(
            help="Only these transcripts (repeatable; default: all coded by every coder)."
        ),
    ] = [],  # noqa: B006
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Inter-coder agreement per code and overall: %, Cohen's κ (2 coders), Krippendorff's α."""
    from ..analysis.agreement import agreement as measure

    with opened(project) as proj:
        report = measure(
            proj.store, _coders(coders), unit=unit, code=code, transcripts=transcript or None
        )
    if json:
        emit_json(report.as_json())
        return
    names = report.coders
    rows = [
        (
            a.code,
            a.units,
            *(a.coded[c] for c in names),
            _fmt(a.percent, True),
            _fmt(a.kappa),
            _fmt(a.alpha),
        )
        for a in report.codes
    ]
    o = report.overall
    rows.append(
        (
            "overall",
            o.units,
            *(o.coded[c] for c in names),
            _fmt(o.percent, True),
            _fmt(o.kappa),
            _fmt(o.alpha),
        )
    )
    table(
        rows,
        ["code", "units", *names, "agree", "kappa", "alpha"],
        align="lr" + "r" * len(names) + "rrr",
    )
    say(
        f"{len(report.transcripts)} transcript(s), unit: {unit}. 'overall' pools every "
        "unit × code decision. κ only for two coders."
    )


def disagreements(
    transcript: Annotated[str, typer.Argument(help="Transcript name or id.")],
    coders: CodersOpt,
    unit: UnitOpt = "turn",
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """The fragments of a transcript where the coders applied different codes, numbered."""
    from ..analysis.agreement import disagreements as find
    from ..core.text import snippet

    with opened(project) as proj:
        t = proj.store.transcript(transcript)
        found = find(proj.store, t.id, _coders(coders), unit)
    if json:
        emit_json([d.as_json(t.text) for d in found])
        return
    names = list(found[0].codes) if found else _coders(coders)
    table(
        [
            (
                d.number,
                d.start,
                d.end,
                *(" ".join(d.codes[c]) or "–" for c in names),
                snippet(t.text, d.start, d.end, 50),
            )
            for d in found
        ],
        ["#", "start", "end", *names, "text"],
        align="rrr" + "l" * (len(names) + 1),
    )
    say(f"{len(found)} disagreement(s) in {t.name} (unit: {unit}).")


def consensus(
    transcript: Annotated[str, typer.Argument(help="Transcript name or id.")],
    coders: CodersOpt,
    unit: UnitOpt = "turn",
    fragment: Annotated[
        int | None, typer.Option(help="Number of the disagreement (see 'cmo disagreements').")
    ] = None,
    code: Annotated[
        list[str],
        typer.Option("--code", help="Consensus code for the whole fragment (repeatable)."),
    ] = [],  # noqa: B006
    take: Annotated[
        str | None, typer.Option(help="Take this coder's codings of the fragment as the consensus.")
    ] = None,
    agreed: Annotated[
        bool, typer.Option(help="Copy every code all coders agree on into the consensus.")
    ] = False,
    memo: Annotated[str, typer.Option(help="Why: the outcome of the discussion.")] = "",
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Record consensus codings (coder 'consensus') for a disagreement, or for all agreed codes."""
    from ..analysis.agreement import disagreements as find
    from ..analysis.consensus import accept_agreed, record_consensus, take_coder

    names = _coders(coders)
    with opened(project) as proj:
        store = proj.store
        t = store.transcript(transcript)
        if agreed:
            added = accept_agreed(store, t.id, names, unit, actor=proj.default_coder)
        else:
            if fragment is None or bool(code) == bool(take):
                raise InputError(
                    "consensus",
                    "give --fragment N with either --code ID or --take CODER, or use --agreed",
                )
            if take and take not in names:
                raise InputError("--take", f"'{take}' is not one of --coders {','.join(names)}")
            found = {d.number: d for d in find(store, t.id, names, unit)}
            if fragment not in found:
                raise NotFound(
                    f"'{t.name}' has no disagreement {fragment} between "
                    f"{', '.join(names)} (see 'cmo disagreements')"
                )
            chosen = found[fragment]
            if take:
                added = take_coder(store, chosen, take, decided_by=names, actor=proj.default_coder)
            else:
                added = record_consensus(
                    store,
                    t.id,
                    chosen.start,
                    chosen.end,
                    code,
                    decided_by=names,
                    memo=memo,
                    actor=proj.default_coder,
                )
    if json:
        emit_json(
            [
                {
                    "id": c.id,
                    "code": c.code_id,
                    "start": c.start,
                    "end": c.end,
                    "coder": c.coder,
                    "memo": c.memo,
                }
                for c in added
            ]
        )
        return
    say(
        f"Recorded {len(added)} consensus coding(s) in {t.name}: "
        f"{', '.join(sorted({c.code_id for c in added})) or 'nothing applies'}."
    )
