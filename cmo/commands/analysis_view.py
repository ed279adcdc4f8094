"""Terminal tables for frequencies and co-occurrence (rich, plain when not a terminal)."""

from __future__ import annotations

from ..analysis.cooccurrence import CooccurrenceTable
from ..analysis.frequencies import CLEAR_RESIDUAL, FrequencyTable


def print_table(result: FrequencyTable | CooccurrenceTable) -> None:
    import sys

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
        console.print(
            "Geen coderingen" + (f" van familie {t.family}" if t.family else "") + " om te tellen."
        )
        return
    family = f", familie {t.family}" if t.family else ""
    grid = Table(
        title=f"Codes per {t.by_label}{family} — aantal · {t.unit} · residu",
        title_justify="left",
        show_lines=False,
        pad_edge=False,
    )
    grid.add_column("code", no_wrap=True, min_width=4)
    grid.add_column("naam", max_width=34, overflow="ellipsis", no_wrap=True)
    for col in t.cols:
        grid.add_column(col, justify="right", no_wrap=True)
    grid.add_column("totaal", justify="right")
    decimals = 2 if t.per == "participants" else 1
    for i, code in enumerate(t.rows):
        cells = []
        for j in range(len(t.cols)):
            rate, res = t.rates[i][j], t.residuals[i][j]
            text = (
                f"{t.counts[i][j]} · {rate:.{decimals}f}"
                if rate is not None
                else f"{t.counts[i][j]}"
            )
            if res is not None:
                style = (
                    "bold red"
                    if res >= CLEAR_RESIDUAL
                    else "bold blue"
                    if res <= -CLEAR_RESIDUAL
                    else "dim"
                )
                text += f" [{style}]{res:+.1f}[/]"
            cells.append(text)
        grid.add_row(code, t.row_labels[i], *cells, str(t.row_totals[i]))
    grid.add_row("", "totaal", *[str(n) for n in t.col_totals], str(t.total), end_section=True)
    console.print(grid)
    if t.chi2 is not None:
        console.print(
            f"χ² = {t.chi2:.1f}, df = {t.df}, Cramérs V = {t.cramers_v:.2f}; "
            "residu ≥ +2 (rood) of ≤ −2 (blauw): duidelijk meer of minder dan "
            "verwacht. Beschrijvend: fragmenten van één deelnemer zijn niet "
            "onafhankelijk, daarom geen p-waarde."
        )
    if t.small_expected:
        console.print(
            f"{t.small_expected} cellen hebben een verwachte frequentie < 5; "
            "residuen daar zijn ruw."
        )
    for note in t.notes:
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
