"""Exports from the command palette: the CMO matrix, the mechanism table and the whole
project as QDPX, written by the same functions as ``cmo export`` into the project's
``exports/`` folder (a new name each time, so nothing is overwritten)."""

from __future__ import annotations

from pathlib import Path

EXPORTS = [
    ("Export the CMO matrix", "xlsx, one row per CMOC, as cmo export matrix", "matrix"),
    (
        "Export the mechanism table",
        "xlsx, mechanism × casus, as cmo export mechanisms",
        "mechanisms",
    ),
    (
        "Export the project as QDPX",
        "REFI-QDA for ATLAS.ti, MAXQDA, NVivo, as cmo export qdpx",
        "qdpx",
    ),
]
"""(palette name, help, what) for each export."""


def run_export(project, what: str) -> str:
    """Write one export of ``project`` (an open Project); the message naming the file."""
    from ..export.files import export_path, slug, written

    store = project.store
    if what == "qdpx":
        from ..refi.export_qdpx import export_qdpx

        path = export_path(None, project.path, slug(project.name), None, "qdpx", False)
        report = export_qdpx(store, path, name=project.name)
        return f"Wrote {path}: {report.transcripts} transcript(s), {report.codings} codings."
    from ..analysis.corpus import load_corpus
    from ..core.cmoc import ALL_CASUSSEN

    corpus = load_corpus(store)
    notes = [corpus.review_note()] if corpus.review_note() else []
    if what == "matrix":
        from ..analysis.matrix import cmo_matrices
        from ..export.matrix import write_matrix

        path = export_path(None, project.path, "cmo-matrix", ALL_CASUSSEN, "xlsx", False)
        matrices = cmo_matrices(corpus, store.cmocs.all(), casus_id=None)
        with written(path) as partial:
            write_matrix(partial, matrices, "xlsx", "rfc", "cmoc", notes)
        return f"Wrote {path} ({len(matrices[0].rows)} CMOCs)."
    if what == "mechanisms":
        from ..analysis.mechanisms import mechanism_table
        from ..export.mechanisms import write_mechanisms

        path = export_path(None, project.path, "mechanismen", ALL_CASUSSEN, "xlsx", False)
        table = mechanism_table(corpus, store.cmocs.all())
        with written(path) as partial:
            write_mechanisms(partial, table, "xlsx", "rfc", casus=None, notes=notes)
        return f"Wrote {path}."
    raise ValueError(what)


def written_path(message: str) -> Path | None:
    """The file named in an export's message (for tests and the status line)."""
    if not message.startswith("Wrote "):
        return None
    return Path(message[len("Wrote ") :].split(":")[0].split(" (")[0].rstrip("."))
