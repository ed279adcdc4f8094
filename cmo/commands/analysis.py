"""Realist analysis on the command line: CMOCs, candidates, exports, frequencies.

``export_app`` is the one ``cmo export`` group; other command modules (REFI-QDA) add
their subcommands to it. This module imports only Typer at the top, so importing it
(and ``cmo --help``) stays cheap; the analyses load inside the commands.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from .analysis_tables import _check_coder
from .analysis_tables import review_footnote as _review_footnote
from .common import JsonOpt, ProjectOpt, emit_json, opened, say, success, table
from .options import (
    CasusOpt,
    CoderOpt,
    ExcelOpt,
    ForceOpt,
    OnlyCoderOpt,
    OutOpt,
    check_choice,
    check_format,
    input_error,
)

export_app = typer.Typer(
    help="Export tables and project files (CMO matrix, mechanism table, REFI-QDA).",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    from .cmoc import cmoc_app

    app.add_typer(cmoc_app, name="cmoc")
    app.add_typer(export_app, name="export")
    app.command("candidates")(candidates)
    app.command("freq")(freq)
    app.command("cooccur")(cooccur)


# ---- candidates ----------------------------------------------------------------------------


def candidates(
    casus: CasusOpt = None,
    window: Annotated[
        int, typer.Option(help="0: same turn; N: a turn and the N turns after it.", min=0)
    ] = 0,
    top: Annotated[int, typer.Option(help="Show the best N.", min=1)] = 20,
    min_participants: Annotated[
        int, typer.Option(help="Leave out candidates said by fewer participants.", min=1)
    ] = 1,
    accept: Annotated[
        int | None,
        typer.Option(help="Turn candidate RANK (as listed with the same options) into a CMOC."),
    ] = None,
    of_coder: Annotated[
        str | None,
        typer.Option("--of-coder", help="Only this coder's codings (default: every coder's)."),
    ] = None,
    coder: CoderOpt = None,
    force: Annotated[
        bool, typer.Option(help="With --accept: add a CMOC even if one covers the candidate.")
    ] = False,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Propose CMOCs from C, M and O codings that occur together, by participants."""
    from ..analysis.candidates import candidates as propose
    from ..analysis.corpus import load_corpus
    from ..core.errors import NotFound

    with opened(project) as proj:
        store = proj.store
        casus_id = store.casussen.get(casus).id if casus else None
        _check_coder(store, of_coder, "--of-coder")
        corpus = load_corpus(store, coder=of_coder)
        _review_footnote(corpus.review_note())
        found = propose(
            corpus,
            window=window,
            casus_id=casus_id,
            cmocs=store.cmocs.all(),
            min_participants=min_participants,
            top=max(top, accept or 0),
        )
        if accept is not None:
            pick = next((c for c in found if c.rank == accept), None)
            if pick is None:
                raise NotFound(f"no candidate {accept} (there are {len(found)})")
            if pick.covered_by and not force:
                from ..core.errors import Conflict

                raise Conflict(
                    f"candidate {accept} ({pick.context} · {pick.mechanism} → {pick.outcome} "
                    f"in {pick.casus}) is already covered by {', '.join(pick.covered_by)}; "
                    "nothing added (--force adds another CMOC)"
                )
            names = [corpus.codes[k].name for k in (pick.context, pick.mechanism, pick.outcome)]
            made = store.cmocs.add(
                title=f"{names[0]} · {names[1]} → {names[2]}",
                casus_id=pick.casus_id,
                contexts=[pick.context],
                mechanisms=[pick.mechanism],
                outcomes=[pick.outcome],
                evidence=list(pick.evidence),
                actor=coder or proj.default_coder,
            )
            success(
                f"Created {made.id}: {made.formula()} in {pick.casus} with "
                f"{len(made.evidence)} evidence fragments."
            )
            return
    found = found[:top]
    if json:
        emit_json([c.as_dict() for c in found])
        return
    if not found:
        say("No candidates: no turn (window) holds a C, an M and an O coding together.")
        return
    table(
        [
            (
                c.rank,
                c.casus,
                c.context,
                c.mechanism,
                c.outcome,
                c.participants,
                c.transcripts,
                c.windows,
                c.fragments,
                ", ".join(c.covered_by),
            )
            for c in found
        ],
        [
            "#",
            "casus",
            "C",
            "M",
            "O",
            "participants",
            "transcripts",
            "together",
            "fragments",
            "CMOC",
        ],
        align="rllllrrrrl",
    )


# ---- exports -----------------------------------------------------------------------------


@export_app.command("matrix")
def export_matrix(
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv | xlsx | md")] = "xlsx",
    casus: CasusOpt = None,
    all_casussen: Annotated[
        bool, typer.Option("--all", help="Overview plus one table per casus (the default).")
    ] = False,
    layout: Annotated[
        str,
        typer.Option(
            help="cmoc: one row per CMOC | evidence: one row "
            "per evidence fragment (CSV; XLSX adds a sheet "
            "'Bewijs')"
        ),
    ] = "cmoc",
    output: OutOpt = None,
    excel_nl: ExcelOpt = False,
    force: ForceOpt = False,
    project: ProjectOpt = None,
) -> None:
    """The CMO-configuration matrix: one row per CMOC with its evidence."""
    from ..analysis.matrix import cmo_matrices
    from ..export.files import written
    from ..export.matrix import write_matrix

    check_format(fmt, TABLE_FORMATS)
    check_choice("--layout", layout, ("cmoc", "evidence"))
    if casus and all_casussen:
        raise input_error("--casus/--all", "choose one of --casus and --all")
    with _table_export(project, casus, None, "cmo-matrix", fmt, output, force) as job:
        casus_id = job.casus.id if job.casus else None
        matrices = cmo_matrices(job.corpus, job.store.cmocs.all(), casus_id=casus_id)
        with written(job.path) as partial:
            write_matrix(partial, matrices, fmt, _dialect(excel_nl), layout, job.notes)
    typer.echo(f"Wrote {job.path} ({len(matrices[0].rows)} CMOCs).")
    _review_footnote(job.note)


@export_app.command("mechanisms")
def export_mechanisms(
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv | xlsx | md")] = "xlsx",
    casus: CasusOpt = None,
    coder: OnlyCoderOpt = None,
    output: OutOpt = None,
    excel_nl: ExcelOpt = False,
    force: ForceOpt = False,
    project: ProjectOpt = None,
) -> None:
    """The mechanism table: mechanism × casus, grouped by cluster, with quotes."""
    from ..analysis.mechanisms import mechanism_table
    from ..export.files import written
    from ..export.mechanisms import write_mechanisms

    check_format(fmt, TABLE_FORMATS)
    with _table_export(project, casus, coder, "mechanismen", fmt, output, force) as job:
        result = mechanism_table(job.corpus, job.store.cmocs.all())
        name = job.casus.name if job.casus else None
        with written(job.path) as partial:
            write_mechanisms(partial, result, fmt, _dialect(excel_nl), casus=name, notes=job.notes)
    typer.echo(f"Wrote {job.path}.")
    _review_footnote(job.note)


TABLE_FORMATS = ("csv", "xlsx", "md")


@dataclass
class _TableExport:
    store: object
    casus: object | None
    """The casus asked for (``--casus``), or None for all of them."""
    corpus: object
    path: Path
    note: str | None
    """The corpus's note on codings awaiting review, left out of the numbers (if any)."""

    @property
    def notes(self) -> list[str]:
        return [self.note] if self.note else []


@contextmanager
def _table_export(project, casus, coder, what: str, fmt: str, output, force: bool):
    """What the matrix and mechanism exports start with: the project open, the casus
    found, the file to write named and checked before anything is built, the corpus
    (of ``coder``, or everyone's) loaded."""
    from ..analysis.corpus import load_corpus
    from ..core.cmoc import ALL_CASUSSEN
    from ..export.files import export_path

    with opened(project) as proj:
        store = proj.store
        found = store.casussen.get(casus) if casus else None
        scope = found.name if found else ALL_CASUSSEN
        path = export_path(output, proj.path, what, scope, fmt, force)
        _check_coder(store, coder)
        corpus = load_corpus(store, coder=coder)
        yield _TableExport(store, found, corpus, path, corpus.review_note())


def _dialect(excel_nl: bool) -> str:
    return "excel-nl" if excel_nl else "rfc"


# ---- frequencies and co-occurrence -----------------------------------------------------------


def freq(
    by: Annotated[str, typer.Option(help="casus | participant | role | kind")] = "casus",
    family: Annotated[str | None, typer.Option(help="Only C, M or O codes.")] = None,
    per: Annotated[
        str, typer.Option(help="fragments (% of the group's codings) | 1000-words | participants")
    ] = "fragments",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | csv | json | png")] = "table",
    coder: OnlyCoderOpt = None,
    output: OutOpt = None,
    excel_nl: ExcelOpt = False,
    force: ForceOpt = False,
    project: ProjectOpt = None,
) -> None:
    """Code frequencies per group: counts, rates and adjusted residuals (Haberman)."""
    options = dict(locals())  # before the import adds a name
    from .analysis_tables import freq as run

    run(**options)


def cooccur(
    unit: Annotated[
        str, typer.Option(help="turn (codes in the same turn) | overlap (overlapping fragments)")
    ] = "turn",
    family: Annotated[str | None, typer.Option(help="Only C, M or O codes.")] = None,
    casus: CasusOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | csv | json | png")] = "table",
    coder: Annotated[
        str | None,
        typer.Option("--coder", help="Only this coder's codings (e.g. consensus)."),
    ] = None,
    pool: Annotated[
        bool,
        typer.Option(
            "--pool",
            help="Count every coded fragment once, whoever coded it (default: within each "
            "coder, so one coder's O3 overlapping another's O3.6 is no co-occurrence).",
        ),
    ] = False,
    output: OutOpt = None,
    excel_nl: ExcelOpt = False,
    force: ForceOpt = False,
    project: ProjectOpt = None,
) -> None:
    """Code co-occurrence matrix, within each coder (or --pool, or one --coder)."""
    options = dict(locals())  # before the import adds a name
    from .analysis_tables import cooccur as run

    run(**options)
