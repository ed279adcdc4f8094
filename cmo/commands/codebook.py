"""``cmo codebook``: show, validate, add (emergent codes), import and export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..core.errors import InputError
from .common import JsonOpt, ProjectOpt, emit_json, opened, say, success, table

app = typer.Typer(
    help="The realist codebook: families C/M/O, clusters, codes.", no_args_is_help=True
)


@app.command("show")
def show(
    family: Annotated[str | None, typer.Option(help="Only C, M or O.")] = None,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """The project's codebook with the number of codings per code."""
    if family is not None and family.upper() not in ("C", "M", "O"):
        raise InputError("--family", f"'{family}' is not one of C, M, O")
    with opened(project) as proj:
        codes = proj.store.codebook.codes()
        counts = proj.store.codebook.counts()
        clusters = {c.id: c.name for c in proj.store.codebook.clusters()}
    if family:
        codes = [c for c in codes if c.family == family.upper()]
    if json:
        emit_json(
            [
                {
                    "id": c.id,
                    "family": c.family,
                    "cluster": c.cluster,
                    "cluster_name": clusters.get(c.cluster, ""),
                    "name": c.name,
                    "definition": c.definition,
                    "keywords": list(c.keywords),
                    "parent": c.parent,
                    "colour": c.colour,
                    "emergent": c.emergent,
                    "codings": counts.get(c.id, 0),
                }
                for c in codes
            ]
        )
        return
    table(
        [
            (
                c.family,
                clusters.get(c.cluster, c.parent or ""),
                c.id,
                c.name,
                "emergent" if c.emergent else "",
                counts.get(c.id, 0),
            )
            for c in codes
        ],
        ["fam", "cluster", "id", "name", "", "codings"],
        align="lllllr",
    )


@app.command("validate")
def validate(file: Annotated[Path, typer.Argument(help="Codebook YAML file.")]) -> None:
    """Check a codebook file: duplicate ids, unknown parents or clusters, cycles."""
    from ..ingest.codebook_yaml import load_codebook

    book = load_codebook(file)
    families = {f: sum(1 for c in book.codes if c.family == f) for f in "CMO"}
    success(
        f"{file}: valid, {len(book.codes)} codes "
        f"(C {families['C']}, M {families['M']}, O {families['O']}), {len(book.clusters)} clusters."
    )


@app.command("add")
def add(
    code_id: Annotated[str, typer.Argument(help="New code id, e.g. M5.")],
    name: Annotated[str, typer.Option(help="Short name, e.g. 'Sociaal netwerk'.")],
    family: Annotated[str, typer.Option(help="C, M or O.")],
    cluster: Annotated[str, typer.Option(help="Cluster id (optional).")] = "",
    parent: Annotated[str | None, typer.Option(help="Parent code id (optional).")] = None,
    definition: Annotated[str, typer.Option(help="What the code means.")] = "",
    keyword: Annotated[list[str], typer.Option(help="Keyword (repeatable).")] = [],  # noqa: B006
    keywords: Annotated[
        str, typer.Option(help="Keywords and phrases separated by commas, e.g. 'bus, reiskosten'.")
    ] = "",
    emergent: Annotated[
        bool, typer.Option(help="Found in the data, outside the programme theory.")
    ] = True,
    project: ProjectOpt = None,
) -> None:
    """Add a code; by default flagged emergent (found in the data)."""
    from ..core.domain import Code

    with opened(project) as proj:
        code = proj.store.codebook.add(
            Code(
                id=code_id,
                family=family.upper(),
                name=name,
                cluster=cluster,
                parent=parent,
                definition=" ".join(definition.split()),
                keywords=tuple(
                    dict.fromkeys(k.strip() for k in [*keyword, *keywords.split(",")] if k.strip())
                ),
                emergent=emergent,
                sort_order=1000,
            ),
            actor=proj.default_coder,
        )
    success(f"Added {'emergent ' if code.emergent else ''}code {code.id} '{code.name}'.")
    if not code.definition and not code.keywords:
        say(
            "Without --definition or --keywords it is suggested only from the fragments "
            "you code with it."
        )


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="Codebook YAML (or .qdc) file.")],
    ids_from_names: Annotated[
        bool,
        typer.Option(
            "--ids-from-names",
            help="QDC: the first word of each code name is its id ('C1 Beleid' is C1).",
        ),
    ] = False,
    project: ProjectOpt = None,
) -> None:
    """Add or update codes from a codebook file; codes not in it are kept."""
    with opened(project) as proj:
        book = _read_any(file, ids_from_names)
        added, updated = proj.store.codebook.load(book)
    success(f"{file}: {added} codes added, {updated} updated.")


@app.command("export")
def export(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
    project: ProjectOpt = None,
) -> None:
    """Write the project's codebook, emergent codes included, as YAML."""
    from ..core.codebook import Codebook
    from ..ingest.codebook_yaml import dump_codebook

    with opened(project) as proj:
        book = Codebook(
            name=proj.name,
            clusters=proj.store.codebook.clusters(),
            codes=proj.store.codebook.codes(),
        )
    text = dump_codebook(book)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        success(f"Wrote {len(book.codes)} codes to {output}.")
    else:
        typer.echo(text, nl=False)


def _read_any(file: Path, ids_from_names: bool = False):
    if file.suffix.lower() == ".qdc":
        try:
            from ..refi.qdc_read import load_qdc
        except ImportError:
            from ..core.errors import InputError

            raise InputError(file, "QDC codebooks are not supported in this version") from None
        return load_qdc(file, ids_from_names=ids_from_names)
    from ..ingest.codebook_yaml import load_codebook

    return load_codebook(file)
