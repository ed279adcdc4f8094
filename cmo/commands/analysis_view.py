"""Terminal tables for frequencies and co-occurrence.

Drawn by ``grid`` in rich's look without importing rich; rich draws what ``grid``
cannot (a table wider than the terminal, wide characters): so both paths below say
the same thing, cell for cell.
"""

from __future__ import annotations

from ..analysis.cooccurrence import CooccurrenceTable
from ..analysis.frequencies import CLEAR_RESIDUAL, FrequencyTable


def print_table(result: FrequencyTable | CooccurrenceTable) -> None:
    import sys

    from .grid import width_and_colour

    width, colour = width_and_colour()
    text = (
        _plain_frequencies(result, width, colour)
        if isinstance(result, FrequencyTable)
        else _plain_cooccurrence(result, width, colour)
    )
    if text is not None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from rich.console import Console

    # Piped output is not cut to 80 columns: the table is the point of the command.
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 240)
    if isinstance(result, FrequencyTable):
        _frequencies(console, result)
    else:
        _cooccurrence(console, result)


def _frequencies(console, t: FrequencyTable) -> None:
    from rich.table import Table

    if not t.rows:
        console.print(_nothing_to_count(t))
        return
    grid = Table(
        title=_frequency_title(t),
        title_justify="left",
        show_lines=False,
        pad_edge=False,
    )
    grid.add_column("code", no_wrap=True, min_width=4)
    grid.add_column("naam", max_width=34, overflow="ellipsis", no_wrap=True)
    for col in t.cols:
        grid.add_column(col, justify="right", no_wrap=True)
    grid.add_column("totaal", justify="right")
    for i, code in enumerate(t.rows):
        cells = []
        for j in range(len(t.cols)):
            text, res = _count_text(t, i, j), t.residuals[i][j]
            if res is not None:
                text += f" [{_residual_style(res)}]{res:+.1f}[/]"
            cells.append(text)
        grid.add_row(code, t.row_labels[i], *cells, str(t.row_totals[i]))
    grid.add_row("", "totaal", *[str(n) for n in t.col_totals], str(t.total), end_section=True)
    console.print(grid)
    for note in _frequency_notes(t):
        console.print(note)


def _cooccurrence(console, t: CooccurrenceTable) -> None:
    from rich.table import Table

    if not t.codes:  # otherwise rich wraps the title into a one-column sliver
        console.print("Geen coderingen om te tellen.")
        return
    grid = Table(
        title=f"Co-occurrentie, {t.coders_label} (eenheid: {_UNIT[t.unit]}, {t.units} "
        "eenheden; diagonaal: totaal per code)",
        title_justify="left",
        pad_edge=False,
    )
    grid.add_column("code", no_wrap=True)
    for code in t.codes:
        grid.add_column(code, justify="right", no_wrap=True)
    for i, code in enumerate(t.codes):
        grid.add_row(
            code,
            *[
                f"[dim]{n}[/]" if i == j else (str(n) if n else "·")
                for j, n in enumerate(t.counts[i])
            ],
        )
    console.print(grid)


_UNIT = {"turn": "beurt", "overlap": "overlappende fragmenten"}


def _nothing_to_count(t: FrequencyTable) -> str:
    return "Geen coderingen" + (f" van familie {t.family}" if t.family else "") + " om te tellen."


def _frequency_title(t: FrequencyTable) -> str:
    family = f", familie {t.family}" if t.family else ""
    return f"Codes per {t.by_label}{family} — aantal · {t.unit} · residu"


def _count_text(t: FrequencyTable, i: int, j: int) -> str:
    """A cell's count, with its rate when there is one (participants to two decimals)."""
    rate = t.rates[i][j]
    if rate is None:
        return f"{t.counts[i][j]}"
    decimals = 2 if t.per == "participants" else 1
    return f"{t.counts[i][j]} · {rate:.{decimals}f}"


def _frequency_notes(t: FrequencyTable) -> list[str]:
    """What is printed under the table, in the same words by both renderers."""
    notes = []
    if t.chi2 is not None:
        notes.append(
            f"χ² = {t.chi2:.1f}, df = {t.df}, Cramérs V = {t.cramers_v:.2f}; "
            "residu ≥ +2 (rood) of ≤ −2 (blauw): duidelijk meer of minder dan "
            "verwacht. Beschrijvend: fragmenten van één deelnemer zijn niet "
            "onafhankelijk, daarom geen p-waarde."
        )
    if t.small_expected:
        notes.append(
            f"{t.small_expected} cellen hebben een verwachte frequentie < 5; "
            "residuen daar zijn ruw."
        )
    return [*notes, *t.notes]


def _residual_style(res: float | None) -> str:
    if res is None:
        return ""
    if res >= CLEAR_RESIDUAL:
        return "bold red"
    return "bold blue" if res <= -CLEAR_RESIDUAL else "dim"


def _plain_frequencies(t: FrequencyTable, width: int, colour: bool) -> str | None:
    from .grid import Column, render

    if not t.rows:
        return _nothing_to_count(t) + "\n"
    columns = [
        Column("code", min_width=4),
        Column("naam", max_width=34),
        *(Column(col, right=True) for col in t.cols),
        Column("totaal", right=True),
    ]
    rows = []
    for i, code in enumerate(t.rows):
        cells = []
        for j in range(len(t.cols)):
            text, res = _count_text(t, i, j), t.residuals[i][j]
            if res is None:
                cells.append((text, ""))
            else:  # one cell, two looks: the residual alone is coloured
                cells.append((f"{text} {res:+.1f}", f"@{len(text) + 1}:{_residual_style(res)}"))
        rows.append([(code, ""), (t.row_labels[i], ""), *cells, (str(t.row_totals[i]), "")])
    rows.append(
        [("", ""), ("totaal", ""), *[(str(n), "") for n in t.col_totals], (str(t.total), "")]
    )
    return render(
        _frequency_title(t),
        columns,
        rows,
        width,
        colour,
        tuple(_frequency_notes(t)),
    )


def _plain_cooccurrence(t: CooccurrenceTable, width: int, colour: bool) -> str | None:
    from .grid import Column, render

    if not t.codes:
        return "Geen coderingen om te tellen.\n"
    columns = [Column("code"), *(Column(code, right=True) for code in t.codes)]
    rows = [
        [
            (code, ""),
            *[
                (str(n), "dim") if i == j else ((str(n), "") if n else ("·", ""))
                for j, n in enumerate(t.counts[i])
            ],
        ]
        for i, code in enumerate(t.codes)
    ]
    return render(
        f"Co-occurrentie, {t.coders_label} (eenheid: {_UNIT[t.unit]}, {t.units} "
        "eenheden; diagonaal: totaal per code)",
        columns,
        rows,
        width,
        colour,
    )
