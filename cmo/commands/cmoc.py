"""``cmo cmoc add|list|show|link|set|rm``: CMO configurations on the command line."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import JsonOpt, ProjectOpt, emit_json, opened, success, table
from .options import CasusOpt, CoderOpt, coding_ids

cmoc_app = typer.Typer(
    help="CMO configurations: context + mechanism → outcome, with evidence.", no_args_is_help=True
)


@cmoc_app.command("add")
def cmoc_add(
    title: Annotated[str, typer.Option(help="Short title.")] = "",
    casus: Annotated[
        str | None, typer.Option(help="Casus name or id (default: all casussen).")
    ] = None,
    context: Annotated[
        list[str] | None, typer.Option("--context", "-C", help="Context code(s), e.g. C2.")
    ] = None,
    mechanism: Annotated[
        list[str] | None, typer.Option("--mechanism", "-M", help="Mechanism code(s).")
    ] = None,
    outcome: Annotated[
        list[str] | None, typer.Option("--outcome", "-O", help="Outcome code(s).")
    ] = None,
    resource: Annotated[
        str, typer.Option(help="What the programme offers ('mogelijkheden').")
    ] = "",
    reasoning: Annotated[str, typer.Option(help="How participants respond ('keuzes').")] = "",
    fired: Annotated[
        str, typer.Option(help="geactiveerd | niet geactiveerd | gemengd")
    ] = "geactiveerd",
    relation: Annotated[
        str, typer.Option(help="ondersteunt | verfijnt | weerlegt (the programme theory)")
    ] = "ondersteunt",
    memo: Annotated[str, typer.Option(help="Memo.")] = "",
    evidence: Annotated[
        list[str] | None, typer.Option("--evidence", "-e", help="Coding id(s), e.g. 12,14.")
    ] = None,
    coder: CoderOpt = None,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Create a CMO configuration (CMOC-01, CMOC-02…)."""
    from ..core.cmoc import split_codes

    with opened(project) as proj:
        store = proj.store
        casus_id = store.casussen.get(casus).id if casus else None
        made = store.cmocs.add(
            title=title,
            casus_id=casus_id,
            contexts=split_codes(context),
            mechanisms=split_codes(mechanism),
            outcomes=split_codes(outcome),
            resource=resource,
            reasoning=reasoning,
            fired=fired,
            relation=relation,
            memo=memo,
            evidence=coding_ids(evidence),
            actor=coder or proj.default_coder,
        )
        names = {c.id: c.name for c in store.casussen.all()}
    if json:
        emit_json(cmoc_json(made, names))
    else:
        success(f"Created {made.id}: {made.formula()} ({len(made.evidence)} evidence fragments).")


@cmoc_app.command("list")
def cmoc_list(casus: CasusOpt = None, project: ProjectOpt = None, json: JsonOpt = False) -> None:
    """List CMOCs (of one casus: its own and the project-wide ones)."""

    with opened(project) as proj:
        casus_id = proj.store.casussen.get(casus).id if casus else None
        items = proj.store.cmocs.all(casus_id)
        names = {c.id: c.name for c in proj.store.casussen.all()}
    if json:
        emit_json([cmoc_json(x, names) for x in items])
        return
    table(
        [
            (
                x.id,
                x.title,
                names.get(x.casus_id, "alle casussen"),
                x.formula(),
                x.fired,
                x.relation,
                len(x.evidence),
                len(x.against),
            )
            for x in items
        ],
        ["id", "title", "casus", "configuration", "fired", "relation", "evidence", "against"],
        align="llllllrr",
    )


@cmoc_app.command("show")
def cmoc_show(
    cmoc_id: Annotated[str, typer.Argument(help="CMOC id, e.g. CMOC-03 or 3.")],
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Show one CMOC with its evidence (source, speaker, turn, quote)."""
    from ..analysis.corpus import load_corpus
    from ..analysis.matrix import QUOTE_WIDTH, cmo_matrices
    from ..core.cmoc import cmoc_sentence

    with opened(project) as proj:
        item = proj.store.cmocs.get(cmoc_id)
        row = cmo_matrices(load_corpus(proj.store), [item], per_casus=False)[0].rows[0]
        names = {c.id: c.name for c in proj.store.casussen.all()}
        sentence = cmoc_sentence(item, {c.id: c.name for c in proj.store.codebook.codes()})
    if json:
        data = cmoc_json(item, names)
        data["participants"] = row.participants
        data["sentence"] = sentence
        data["evidence"] = [e.__dict__ for e in row.evidence]
        emit_json(data)
        return
    lines = [
        f"{item.id}  {item.title}",
        f"  {sentence}",
        f"  casus:      {row.casus}",
        f"  context:    {', '.join(row.contexts) or '–'}",
        f"  mechanisme: {', '.join(row.mechanisms) or '–'}",
        f"    mogelijkheden: {item.resource or '–'}",
        f"    keuzes:        {item.reasoning or '–'}",
        f"  uitkomst:   {', '.join(row.outcomes) or '–'}",
        f"  {item.fired}; {item.relation} de programmatheorie",
        f"  bewijs: {row.fragments} fragmenten van {row.participants} deelnemers "
        f"({len(item.supporting)} codering(en) voor, {len(item.against)} tegen)",
    ]
    lines += [f"    [{e.coding_id}] {e.line(QUOTE_WIDTH)}" for e in row.evidence]
    if item.memo:
        lines.append(f"  memo: {item.memo}")
    typer.echo("\n".join(lines))


@cmoc_app.command("link")
def cmoc_link(
    cmoc_id: Annotated[str, typer.Argument(help="CMOC id.")],
    codings: Annotated[list[str], typer.Argument(help="Coding id(s) (see 'cmo codings').")],
    unlink: Annotated[
        bool, typer.Option("--unlink", help="Remove them from the evidence.")
    ] = False,
    against: Annotated[
        bool, typer.Option("--against", help="Evidence against: the CMOC is contradicted.")
    ] = False,
    coder: CoderOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Add codings to a CMOC's evidence, for it or --against it (or remove with --unlink)."""

    with opened(project) as proj:
        item = proj.store.cmocs.link_evidence(
            cmoc_id,
            coding_ids(codings),
            unlink=unlink,
            actor=coder or proj.default_coder,
            direction="weerspreekt" if against else "ondersteunt",
        )
    count = len(item.evidence)
    success(
        f"{item.id} now has {count} evidence fragment{'' if count == 1 else 's'} "
        f"({len(item.supporting)} for, {len(item.against)} against)."
    )


@cmoc_app.command("set")
def cmoc_set(
    cmoc_id: Annotated[str, typer.Argument(help="CMOC id.")],
    title: Annotated[str | None, typer.Option(help="New title.")] = None,
    resource: Annotated[str | None, typer.Option(help="Mogelijkheden.")] = None,
    reasoning: Annotated[str | None, typer.Option(help="Keuzes.")] = None,
    fired: Annotated[
        str | None, typer.Option(help="geactiveerd | niet geactiveerd | gemengd")
    ] = None,
    relation: Annotated[str | None, typer.Option(help="ondersteunt | verfijnt | weerlegt")] = None,
    memo: Annotated[str | None, typer.Option(help="Memo.")] = None,
    sentence: Annotated[
        str | None,
        typer.Option(help="The if–then–because sentence as you want it ('' = generated)."),
    ] = None,
    coder: CoderOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Change the texts or judgements of a CMOC (undoable)."""

    changes = {
        k: v
        for k, v in dict(
            title=title,
            resource=resource,
            reasoning=reasoning,
            fired=fired,
            relation=relation,
            memo=memo,
            sentence=sentence,
        ).items()
        if v is not None
    }
    with opened(project) as proj:
        item = proj.store.cmocs.update(cmoc_id, actor=coder or proj.default_coder, **changes)
    success(f"Updated {item.id}.")


@cmoc_app.command("rm")
def cmoc_rm(
    cmoc_id: Annotated[str, typer.Argument(help="CMOC id.")],
    coder: CoderOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Remove a CMOC (its codings stay; undo with 'cmo undo')."""

    with opened(project) as proj:
        gone = proj.store.cmocs.remove(cmoc_id, actor=coder or proj.default_coder)
    success(f"Removed {gone.id}.")


def cmoc_json(x, names: dict[int, str]) -> dict:
    """A CMO configuration as ``--json`` shows it (casus by name)."""
    return {
        "id": x.id,
        "title": x.title,
        "casus": names.get(x.casus_id) if x.casus_id else None,
        "contexts": list(x.contexts),
        "mechanisms": list(x.mechanisms),
        "outcomes": list(x.outcomes),
        "resource": x.resource,
        "reasoning": x.reasoning,
        "fired": x.fired,
        "relation": x.relation,
        "memo": x.memo,
        "evidence": list(x.evidence),
        "against": list(x.against),
        "sentence": x.sentence,
        "created_at": x.created_at,
        "updated_at": x.updated_at,
    }
