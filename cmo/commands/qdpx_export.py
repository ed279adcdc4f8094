"""``cmo export qdpx`` as it runs (without Typer, see ``fast.py``)."""

from __future__ import annotations

from pathlib import Path

from .output import opened, success


def export_qdpx(output: Path | None = None, force: bool = False, project: Path | None = None):
    """The whole project as REFI-QDA (.qdpx) for ATLAS.ti, MAXQDA, NVivo, QualCoder."""
    from ..export.files import export_path, slug
    from ..refi.export_qdpx import export_qdpx as run

    with opened(project, quick=True) as proj:  # reads only: the standard-library store
        path = export_path(output, proj.path, slug(proj.name), None, "qdpx", force)
        report = run(proj.store, path, name=proj.name)
    success(
        f"Wrote {path}: {report.transcripts} transcript(s), {report.codes} codes, "
        f"{report.codings} codings, {report.memos} memo(s), {report.cmocs} CMOC(s)."
    )
