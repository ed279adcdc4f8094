"""Working as a team: moving a project to a server, agreement, consensus, pseudonyms."""

from __future__ import annotations

from typing import Annotated

import typer

from ..core.errors import InputError, NotFound
from .common import JsonOpt, ProjectOpt, emit_json, opened, say, success, table

CodersOpt = Annotated[
    str, typer.Option("--coders", help="Coders to compare, comma-separated: anna,bram[,chris].")
]
UnitOpt = Annotated[str, typer.Option("--unit", help="Unit of comparison: turn, sentence or char.")]


def register(app: typer.Typer) -> None:
    app.command("migrate")(migrate)
    app.command("agreement")(agreement)
    app.command("disagreements")(disagreements)
    app.command("consensus")(consensus)
    from . import pseudonymise, review

    pseudonymise.register(app)
    review.register(app)


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
    success(
        f"Copied {report.total} rows ({report.rows.get('transcript', 0)} transcripts, "
        f"{report.rows.get('coding', 0)} codings, {report.rows.get('change', 0)} logged "
        f"changes) from {report.source} to {report.target}; the copy is identical."
    )
    if result.set_aside:
        success(f"The old database file was moved to {result.set_aside}.")
    success(f"Project folder {result.folder} now uses {report.target}.")


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
    from ..analysis.corpus import review_note

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
    note = review_note(report.awaiting_review)
    if note:
        say(note)


def disagreements(
    transcript: Annotated[str, typer.Argument(help="Transcript name or id.")],
    coders: CodersOpt,
    unit: UnitOpt = "turn",
    open_only: Annotated[
        bool, typer.Option("--open", help="Only fragments without a consensus decision.")
    ] = False,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """The fragments of a transcript where the coders applied different codes, numbered.

    A fragment the team decided on ('cmo consensus … --fragment N') is marked settled.
    """
    import bisect
    import shutil

    from ..analysis.agreement import disagreements as find
    from ..analysis.consensus import decisions
    from ..core.text import snippet

    with opened(project) as proj:
        t = proj.store.transcripts.get(transcript)
        found = find(proj.store, t.id, _coders(coders), unit)
        decided = decisions(proj.store, t.id)
        turns = proj.store.transcripts.turns(t.id)
    starts = [u.start for u in turns]

    def turn_of(offset: int):
        i = bisect.bisect_right(starts, offset) - 1
        return turns[i] if i >= 0 else None

    shown = [d for d in found if not (open_only and (d.start, d.end) in decided)]
    if json:
        emit_json(
            [
                {
                    **d.as_json(t.text),
                    "turn": turn.index if (turn := turn_of(d.start)) else None,
                    "speaker": turn.speaker if turn else None,
                    "settled": (d.start, d.end) in decided,
                    "decision": decided[(d.start, d.end)].text
                    if (d.start, d.end) in decided
                    else None,
                }
                for d in shown
            ]
        )
        return
    names = list(found[0].codes) if found else _coders(coders)
    rows = []
    for d in shown:
        turn = turn_of(d.start)
        rows.append(
            [
                d.number,
                turn.index if turn else "",
                (turn.speaker or "") if turn else "",
                *(" ".join(d.codes[c]) or "–" for c in names),
                "settled" if (d.start, d.end) in decided else "",
            ]
        )
    headers = ["#", "turn", "speaker", *names, "status"]
    # The text takes what is left of the terminal's width.
    widths = [max([len(h), *(len(str(r[i])) for r in rows)]) for i, h in enumerate(headers)]
    room = shutil.get_terminal_size((100, 24)).columns - sum(widths) - 2 * len(widths) - 1
    for row, d in zip(rows, shown, strict=True):
        row.append(snippet(t.text, d.start, d.end, max(30, room)))
    table(rows, [*headers, "text"], align="rrl" + "l" * (len(names) + 2))
    settled = sum((d.start, d.end) in decided for d in found)
    say(
        f"{len(found)} disagreement(s) in {t.name} (unit: {unit}), {settled} settled"
        + (f"; {len(found) - settled} shown (--open)." if open_only else ".")
    )


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
    """Record consensus codings (coder 'consensus') for a disagreement, or for all agreed codes.

    Deciding a fragment marks it settled in 'cmo disagreements', also when the decision is
    that no code applies (--take a coder who coded nothing there).
    """
    from ..analysis.agreement import disagreements as find
    from ..analysis.consensus import (
        accept_agreed,
        outcome_text,
        record_consensus,
        settle,
        take_coder,
    )

    names = _coders(coders)
    chosen = None
    with opened(project) as proj:
        store = proj.store
        t = store.transcripts.get(transcript)
        actor = proj.default_coder
        if agreed:
            recorded = accept_agreed(store, t.id, names, unit, actor=actor)
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
                recorded = take_coder(store, chosen, take, decided_by=names, actor=actor)
                how = f"as {take}"
            else:
                recorded = record_consensus(
                    store,
                    t.id,
                    chosen.start,
                    chosen.end,
                    code,
                    decided_by=names,
                    memo=memo,
                    actor=actor,
                )
                how = "chosen"
            settle(store, chosen, outcome_text(recorded, how, memo), actor=actor)
    if json:
        from .shapes import coding_json

        emit_json([coding_json(c, t.name, t.text) for c in recorded])  # what was added
        return
    codes = ", ".join(sorted({c.code_id for c in recorded}))
    message = f"Recorded {len(recorded)} consensus coding(s) in {t.name}" + (
        f": {codes}." if recorded else "."
    )
    if recorded.already:
        already = ", ".join(sorted({c.code_id for c in recorded.already}))
        message += f" {len(recorded.already)} already in the consensus: {already}."
    if chosen is not None:
        if not recorded and not recorded.already:
            message += " The consensus is that no code applies."
        message += f" Fragment {chosen.number} is settled."
    success(message)
