"""``cmo freq`` and ``cmo cooccur`` as they run, and the checks of their options.

Without Typer: the command line is parsed by ``fast.py`` (or by Typer, through the
declarations in ``analysis.py``) and lands here.
"""

from __future__ import annotations

from pathlib import Path

from .checks import check_choice, check_format, input_error
from .output import echo, opened, say


def freq(
    by: str = "casus",
    family: str | None = None,
    per: str = "fragments",
    fmt: str = "table",
    coder: str | None = None,
    output: Path | None = None,
    excel_nl: bool = False,
    force: bool = False,
    project: Path | None = None,
) -> None:
    """Code frequencies per group: counts, rates and adjusted residuals (Haberman)."""
    from ..analysis.corpus import load_corpus
    from ..analysis.frequencies import BY, PER, frequency_table

    check_format(fmt, ("table", "csv", "json", "png"))
    check_choice("--by", by, BY)
    check_choice("--per", per, PER)
    if family is not None:
        family = family.upper()
        check_choice("--family", family, ("C", "M", "O"))
    with opened(project, quick=True) as proj:
        _check_coder(proj.store, coder)
        corpus = load_corpus(proj.store, coder=coder)
        result = frequency_table(corpus, by=by, family=family, per=per)
        _emit(result, fmt, output, proj.path, f"freq-{by}", excel_nl, force)
        review_footnote(corpus.review_note())


def cooccur(
    unit: str = "turn",
    family: str | None = None,
    casus: str | None = None,
    fmt: str = "table",
    coder: str | None = None,
    pool: bool = False,
    output: Path | None = None,
    excel_nl: bool = False,
    force: bool = False,
    project: Path | None = None,
) -> None:
    """Code co-occurrence matrix, within each coder (or --pool, or one --coder)."""
    from ..analysis.cooccurrence import UNITS, cooccurrence
    from ..analysis.corpus import load_corpus

    check_format(fmt, ("table", "csv", "json", "png"))
    check_choice("--unit", unit, UNITS)
    if family is not None:
        family = family.upper()
        check_choice("--family", family, ("C", "M", "O"))
    if pool and coder:
        raise input_error("--pool/--coder", "choose one of --pool and --coder")
    with opened(project, quick=True) as proj:
        casus_id = _casus_id(proj.store, casus)
        _check_coder(proj.store, coder)
        corpus = load_corpus(proj.store, coder=coder)
        result = cooccurrence(
            corpus,
            unit=unit,
            family=family.upper() if family else None,
            casus_id=casus_id,
            pool=pool,
        )
        _emit(result, fmt, output, proj.path, f"cooccur-{unit}", excel_nl, force)
        review_footnote(corpus.review_note())


def review_footnote(note: str | None) -> None:
    """Tell the researcher that codings awaiting review were left out of the numbers (on
    standard error, so a CSV or JSON on standard output stays clean)."""
    if note:
        say(note)


def _emit(
    result, fmt: str, output: Path | None, folder: Path, what: str, excel_nl: bool, force: bool
) -> None:
    if fmt == "table":  # the everyday case: nothing of the file exports imported
        from .analysis_view import print_table

        print_table(result)
        return
    from ..export.files import export_path, written
    from ..export.frequencies import table_text, write_table

    if output is None and fmt in ("csv", "json"):
        text = table_text(result, fmt, "excel-nl" if excel_nl else "rfc")
        if excel_nl and fmt == "csv":
            # As in a file: Excel takes CSV without a BOM for ANSI and garbles ë and ï.
            import sys

            sys.stdout.flush()
            sys.stdout.buffer.write(("\ufeff" + text).encode("utf-8"))
            sys.stdout.buffer.flush()
            return
        echo(text, nl=False)
        return
    if fmt == "png" and not (getattr(result, "rows", None) or getattr(result, "codes", None)):
        # An empty heatmap is a blank square with a meaningless colour bar.
        raise input_error("--format png", "no codings in this selection, so nothing to draw")
    path = export_path(output, folder, what, "project", fmt, force)
    with written(path) as partial:
        write_table(partial, result, fmt, "excel-nl" if excel_nl else "rfc")
    echo(f"Wrote {path}.")


# ---- checks --------------------------------------------------------------------------------


def _check_coder(store, coder: str | None, option: str = "--coder") -> None:
    """A misspelt coder would otherwise give an empty table that looks like a finding."""
    if coder is None:
        return
    if not store.lookups.coder_has_codings(coder):
        raise input_error(option, f"coder '{coder}' has no codings (see 'cmo codings')")


def _casus_id(store, casus: str | None) -> int | None:
    """The id of a casus given by name or id (as ``store.casussen.get``), on either store."""
    if not casus:
        return None
    return store.lookups.casus_id(casus)
