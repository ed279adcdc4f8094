"""``cmo theory …``, ``cmo cmoc chain|unchain|chains``, ``cmo export theory|report``.

The programme theory on the command line: versions per analysis round, each CMOC's
status and confidence per version, chains between CMOCs, the diagram and the report.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .analysis import export_app
from .cmoc import cmoc_app
from .common import JsonOpt, ProjectOpt, emit_json, opened, say, success, table
from .options import CasusOpt, CoderOpt, ForceOpt, OutOpt, check_format

theory_app = typer.Typer(
    help="Programme theory: versions per analysis round, status and confidence per CMOC.",
    no_args_is_help=True,
)
VersionOpt = Annotated[
    str | None, typer.Option("--version", "-V", help="Version number or name (default: newest).")
]


def register(app: typer.Typer) -> None:
    app.add_typer(theory_app, name="theory")


@theory_app.command("new")
def theory_new(
    name: Annotated[str, typer.Argument(help="Name of the round, e.g. 'ronde 2'.")],
    note: Annotated[str, typer.Option(help="What this round is about.")] = "",
    coder: CoderOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Start a version: every CMOC carries its status and confidence over (first: hypothese)."""

    with opened(project) as proj:
        made = proj.store.theory.new_version(name, note, actor=coder or proj.default_coder)
    success(f"Started theory version {made.number} '{made.name}' with {len(made.entries)} CMOCs.")


@theory_app.command("list")
def theory_list(project: ProjectOpt = None, json: JsonOpt = False) -> None:
    """The versions, oldest first, with how many CMOCs have each status."""
    from ..core.theory import STATUSES

    with opened(project) as proj:
        found = proj.store.theory.versions()
    counts = [{s: sum(e.status == s for e in v.entries.values()) for s in STATUSES} for v in found]
    if json:
        emit_json(
            [
                {"number": v.number, "name": v.name, "note": v.note, "created_at": v.created_at}
                | {"statuses": c}
                for v, c in zip(found, counts, strict=True)
            ]
        )
        return
    table(
        [
            (v.number, v.name, v.created_at[:16].replace("T", " "), *c.values(), v.note)
            for v, c in zip(found, counts, strict=True)
        ],
        ["nr", "name", "created", *STATUSES, "note"],
        align="lll" + "r" * len(STATUSES) + "l",
    )


@theory_app.command("show")
def theory_show(
    version: Annotated[str | None, typer.Argument(help="Number or name (default: newest).")] = None,
    casus: CasusOpt = None,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Each CMOC in a version: status, confidence (and the suggested one), evidence for/against."""
    view, _names = _view(project, version, casus)
    if json:
        emit_json(_view_json(view))
        return
    typer.echo(f"Versie {view.version.number} '{view.version.name}' — {view.scope}")
    table(
        [
            (
                v.cmoc.id,
                v.entry.status,
                v.entry.confidence,
                v.suggested[0],
                v.counts.fragments_for,
                v.counts.fragments_against,
                len(v.counts.casussen_for),
                len(v.counts.participants_for),
                v.entry.rationale,
            )
            for v in view.cmocs
        ],
        ["CMOC", "status", "confidence", "suggested", "for", "against", "cas.", "part.", "why"],
        align="llllrrrrl",
    )
    for v in view.cmocs:
        typer.echo(f"{v.cmoc.id}: {v.sentence}")
        if v.entry.change:
            typer.echo(f"  veranderd: {v.entry.change}")


@theory_app.command("set")
def theory_set(
    cmoc_id: Annotated[str, typer.Argument(help="CMOC id.")],
    version: VersionOpt = None,
    status: Annotated[
        str | None, typer.Option(help="hypothese | ondersteund | verfijnd | weerlegd")
    ] = None,
    confidence: Annotated[str | None, typer.Option(help="laag | middel | hoog")] = None,
    because: Annotated[
        str | None, typer.Option("--because", help="One-line rationale for the confidence.")
    ] = None,
    change: Annotated[
        str | None, typer.Option(help="What changed since the previous version.")
    ] = None,
    coder: CoderOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Judge a CMOC in a version (undoable with 'cmo undo')."""

    with opened(project) as proj:
        entry = proj.store.theory.set_entry(
            cmoc_id,
            version,
            status=status,
            confidence=confidence,
            rationale=because,
            change=change,
            actor=coder or proj.default_coder,
        )
    success(f"{entry.cmoc_id}: {entry.status}, confidence {entry.confidence}.")


@theory_app.command("diff")
def theory_diff(
    first: Annotated[str, typer.Argument(help="Earlier version (number or name).")],
    second: Annotated[str, typer.Argument(help="Later version.")],
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """How the theory moved between two versions: per CMOC what changed."""
    with opened(project) as proj:
        changes, a, b = theory_changes(proj.store, first, second)
    if json:
        emit_json(
            {
                "from": a.name,
                "to": b.name,
                "cmocs": [
                    {
                        "id": d.cmoc_id,
                        "kind": d.kind,
                        "fields": list(d.fields),
                        "before": d.before.as_json() | {"content": d.content_before}
                        if d.before
                        else None,
                        "after": d.after.as_json() | {"content": d.content_after}
                        if d.after
                        else None,
                    }
                    for d in changes
                ],
            }
        )
        return
    typer.echo(f"{a.name} → {b.name}")
    table(
        [
            (
                d.cmoc_id,
                d.kind,
                _judgement(d.before),
                _judgement(d.after),
                ", ".join(d.fields),
                d.after.change if d.after else "",
            )
            for d in changes
        ],
        ["CMOC", "change", a.name, b.name, "fields", "what changed"],
    )


def theory_changes(store, first: str, second: str):
    """The diff between two versions with their contents (for the CLI and the report)."""
    from ..core.theory import diff_versions

    every = store.theory.versions()
    a, b = store.theory.version(first), store.theory.version(second)
    changes = diff_versions(
        a, b, store.theory.content(a.number, every), store.theory.content(b.number, every)
    )
    return changes, a, b


@theory_app.command("history")
def theory_history(
    cmoc_id: Annotated[str, typer.Argument(help="CMOC id.")],
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """One CMOC through every version: status, confidence, why, what changed."""

    with opened(project) as proj:
        found = proj.store.theory.entry_history(cmoc_id)
    if json:
        emit_json([{"version": v.name} | e.as_json() for v, e in found])
        return
    table(
        [(v.number, v.name, e.status, e.confidence, e.rationale, e.change) for v, e in found],
        ["nr", "version", "status", "confidence", "why", "what changed"],
    )


# ---- chains --------------------------------------------------------------------------------


@cmoc_app.command("chain")
def cmoc_chain(
    first: Annotated[str, typer.Argument(help="CMOC whose outcome…")],
    then: Annotated[str, typer.Argument(help="…is the context of this CMOC.")],
    note: Annotated[str, typer.Option(help="Why they connect.")] = "",
    coder: CoderOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Chain two CMOCs: the outcome of the first is the context of the next (no cycles)."""

    with opened(project) as proj:
        proj.store.theory.add_chain(first, then, note, actor=coder or proj.default_coder)
    from ..core.cmoc import parse_id

    success(f"Chained {parse_id(first)} → {parse_id(then)}.")


@cmoc_app.command("unchain")
def cmoc_unchain(
    first: Annotated[str, typer.Argument(help="CMOC id.")],
    then: Annotated[str, typer.Argument(help="CMOC id.")],
    coder: CoderOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Remove a chain link (undoable)."""

    with opened(project) as proj:
        proj.store.theory.remove_chain(first, then, actor=coder or proj.default_coder)
    success("Removed the chain link.")


@cmoc_app.command("chains")
def cmoc_chains(casus: CasusOpt = None, project: ProjectOpt = None, json: JsonOpt = False) -> None:
    """The chains, and the demi-regularities: mechanism → outcome held in several casussen."""
    view, _names = _view(project, None, casus, need_version=False)
    if json:
        emit_json(
            {
                "chains": view.chains,
                "demi_regularities": [r.__dict__ for r in view.demi_regularities],
            }
        )
        return
    typer.echo("Ketens:" if view.chains else "Ketens: geen (cmo cmoc chain CMOC-A CMOC-B)")
    for chain in view.chains:
        typer.echo("  " + " → ".join(chain))
    typer.echo("Demi-regularities (mechanisme → uitkomst in ≥ 2 casussen):")
    if not view.demi_regularities:
        typer.echo("  geen")
    for r in view.demi_regularities:
        typer.echo(
            f"  {'+'.join(r.mechanisms)} → {'+'.join(r.outcomes)}: {', '.join(r.cmocs)} "
            f"in {', '.join(r.casussen)}"
        )


# ---- exports -------------------------------------------------------------------------------


@export_app.command("theory")
def export_theory(
    fmt: Annotated[str, typer.Option("--format", "-f", help="svg | png | mermaid | dot")] = "svg",
    casus: CasusOpt = None,
    version: VersionOpt = None,
    cards: Annotated[
        str,
        typer.Option(help="auto | full | compact (auto: compact cards from 13 CMOCs on)"),
    ] = "auto",
    output: OutOpt = None,
    force: ForceOpt = False,
    project: ProjectOpt = None,
) -> None:
    """The programme theory as a diagram (Graphviz; mermaid and dot need no Graphviz)."""
    from ..export.files import export_path, written
    from ..export.theory_diagram import CARDS, FORMATS, write_diagram
    from .options import check_choice

    check_format(fmt, FORMATS)
    check_choice("--cards", cards, CARDS)
    view, names = _view(project, version, casus, need_version=False)
    if not view.cmocs:
        from ..core.errors import InputError

        raise InputError("export theory", "no CMOCs in this selection, so nothing to draw")
    with opened(project) as proj:
        path = export_path(output, proj.path, "programmatheorie", view.scope, fmt, force)
    with written(path) as partial:
        write_diagram(partial, view, names, fmt, cards)
    success(f"Wrote {path} ({len(view.cmocs)} CMOCs, {len(view.links)} chain links).")


@export_app.command("report")
def export_report(
    fmt: Annotated[str, typer.Option("--format", "-f", help="docx | md")] = "docx",
    version: VersionOpt = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Compare with this version (default: the one before)."),
    ] = None,
    output: OutOpt = None,
    force: ForceOpt = False,
    project: ProjectOpt = None,
) -> None:
    """The realist report: CMOC tables, mechanisms, heatmap, diagram, changes, RAMESES II."""
    from ..export.files import export_path, written
    from ..export.report import build_report, write_report

    check_format(fmt, ("docx", "md"))
    with opened(project) as proj:
        path = export_path(output, proj.path, "realistisch-rapport", None, fmt, force)
        report = build_report(proj.store, version, since, project_name=proj.name)
    with written(path, atomic=False) as target:  # its heatmap is named after it
        write_report(target, report, fmt)
    success(f"Wrote {path} ({len(report.across.cmocs)} CMOCs, {len(report.per_casus)} casussen).")
    if report.review_note:
        say(report.review_note)


# ---- helpers -------------------------------------------------------------------------------


def _view(project, version_name, casus, need_version: bool = True):
    from ..analysis.corpus import load_corpus
    from ..analysis.theory import theory_view

    with opened(project) as proj:
        store = proj.store
        casus_id = store.casussen.get(casus).id if casus else None
        wanted = need_version or version_name is not None or store.theory.versions()
        chosen = store.theory.version(version_name) if wanted else None
        corpus = load_corpus(store)
        view = theory_view(corpus, store.cmocs.all(), chosen, store.theory.chain_links(), casus_id)
        names = store.theory.code_names()
        note = corpus.review_note()
    if note:
        say(note)  # their quotes are left out of the theory's evidence
    return view, names


def _judgement(entry) -> str:
    return f"{entry.status}/{entry.confidence}" if entry else "–"


def _view_json(view) -> dict:
    return {
        "version": view.version.name if view.version else None,
        "scope": view.scope,
        "cmocs": [
            {
                "id": v.cmoc.id,
                "casus": v.casus,
                "sentence": v.sentence,
                "status": v.entry.status,
                "confidence": v.entry.confidence,
                "rationale": v.entry.rationale,
                "change": v.entry.change,
                "suggested_confidence": v.suggested[0],
                "suggested_because": v.suggested[1],
                "for": v.counts.fragments_for,
                "against": v.counts.fragments_against,
                "per_casus": {k: list(c) for k, c in v.counts.per_casus.items()},
                "per_participant": {k: list(c) for k, c in v.counts.per_participant.items()},
                "quotes": [q.__dict__ for q in v.quotes],
            }
            for v in view.cmocs
        ],
        "chains": view.chains,
    }
