"""Frequency and co-occurrence tables as CSV, JSON and heatmap PNG.

matplotlib is imported inside ``*_png`` with the Agg backend, so nothing else pays
for it and no display is needed.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..analysis.cooccurrence import CooccurrenceTable
from ..analysis.frequencies import FrequencyTable
from .tabular import Sheet, csv_text, write_csv

FREQ_HEADERS = [
    "code",
    "naam",
    "groep",
    "aantal",
    "noemer",
    "rate",
    "verwacht",
    "gecorrigeerd residu",
]


def frequency_sheet(table: FrequencyTable) -> Sheet:
    """Long form: one row per code × group."""
    rows = []
    for i, code in enumerate(table.rows):
        for j, group in enumerate(table.cols):
            rows.append(
                [
                    code,
                    table.row_labels[i],
                    group,
                    table.counts[i][j],
                    table.denominators[j],
                    table.rates[i][j],
                    table.expected[i][j],
                    table.residuals[i][j],
                ]
            )
    return Sheet(title="Frequenties", headers=FREQ_HEADERS, rows=rows)


def cooccurrence_sheet(table: CooccurrenceTable) -> Sheet:
    return Sheet(
        title="Co-occurrentie",
        # The first cell names the coder filter: a pooled and a per-coder table differ.
        headers=[f"code ({table.coders_label})", "naam", *table.codes],
        rows=[[c, table.labels[i], *table.counts[i]] for i, c in enumerate(table.codes)],
    )


def table_text(table: FrequencyTable | CooccurrenceTable, fmt: str, dialect: str = "rfc") -> str:
    """CSV or JSON text of a table (for standard output)."""
    if fmt == "json":
        return json.dumps(table.as_dict(), ensure_ascii=False, indent=2) + "\n"
    sheet = (
        frequency_sheet(table) if isinstance(table, FrequencyTable) else cooccurrence_sheet(table)
    )
    return csv_text(sheet, dialect)


def write_table(
    path: Path, table: FrequencyTable | CooccurrenceTable, fmt: str, dialect: str = "rfc"
) -> None:
    if fmt == "csv":
        sheet = (
            frequency_sheet(table)
            if isinstance(table, FrequencyTable)
            else cooccurrence_sheet(table)
        )
        write_csv(path, sheet, dialect)
    elif fmt == "json":
        path.write_text(
            json.dumps(table.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    elif fmt == "png":
        if isinstance(table, FrequencyTable):
            frequency_png(path, table)
        else:
            cooccurrence_png(path, table)
    else:
        raise ValueError(f"unknown format {fmt}")


def frequency_png(path: Path, table: FrequencyTable) -> None:
    """Heatmap of adjusted residuals (blue: less than expected, red: more), each cell
    annotated with its count and rate."""
    plt = _pyplot()
    import numpy as np

    rows, cols = len(table.rows), len(table.cols)
    data = (
        np.array([[r if r is not None else 0.0 for r in line] for line in table.residuals])
        if rows and cols
        else np.zeros((1, 1))
    )
    fig_w = min(4 + 1.5 * max(cols, 1), 30)
    fig_h = min(2 + 0.42 * max(rows, 1), 40)
    fig, ax = plt.subplots(figsize=(fig_w, fig_h), dpi=110)
    image = ax.imshow(data, cmap="RdBu_r", vmin=-4, vmax=4, aspect="auto")
    ax.set_xticks(range(cols), labels=[_short(c, 36) for c in table.cols], rotation=30, ha="right")
    ax.set_yticks(
        range(rows),
        labels=[_short(f"{c} {n}", 40) for c, n in zip(table.rows, table.row_labels, strict=True)],
    )
    decimals = 1 if table.per != "participants" else 2
    for i in range(rows):
        for j in range(cols):
            rate = table.rates[i][j]
            text = f"{table.counts[i][j]}\n{rate:.{decimals}f}" if rate is not None else "–"
            strong = abs(data[i][j]) > 2.5
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=7,
                color="white" if strong else "black",
            )
    bar = fig.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label("gecorrigeerd gestandaardiseerd residu (Haberman)")
    stats = (
        f"χ² = {table.chi2:.1f}, df = {table.df}, Cramérs V = {table.cramers_v:.2f}"
        if table.chi2 is not None and table.cramers_v is not None
        else ""
    )
    family = f", familie {table.family}" if table.family else ""
    ax.set_title(
        f"Codes per {table.by_label}{family}: aantal en {table.unit}\n{stats}", fontsize=10
    )
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")  # keep the colour-bar label inside
    plt.close(fig)


def cooccurrence_png(path: Path, table: CooccurrenceTable) -> None:
    plt = _pyplot()
    import numpy as np

    n = len(table.codes)
    data = np.array(table.counts, dtype=float) if n else np.zeros((1, 1))
    off = data.copy()
    if n:
        np.fill_diagonal(off, np.nan)
    size = min(3 + 0.45 * max(n, 1), 30)
    fig, ax = plt.subplots(figsize=(size + 1.5, size), dpi=110)
    image = ax.imshow(off, cmap="viridis", aspect="equal")
    ax.set_xticks(range(n), labels=table.codes, rotation=90)
    ax.set_yticks(range(n), labels=table.codes)
    bright = 0.6 * max(
        (table.counts[i][j] for i in range(n) for j in range(n) if i != j), default=0
    )
    for i in range(n):
        for j in range(n):
            value = table.counts[i][j]
            dark_text = i == j or (bright and value >= bright)
            ax.text(
                j,
                i,
                str(value),
                ha="center",
                va="center",
                fontsize=6,
                color="black" if dark_text else "white",
            )
    fig.colorbar(image, ax=ax, shrink=0.8).set_label(
        "beurten met beide codes" if table.unit == "turn" else "overlappende paren"
    )
    ax.set_title(
        f"Co-occurrentie van codes, {table.coders_label} "
        f"(eenheid: {_UNIT[table.unit]}; diagonaal: totaal)",
        fontsize=10,
    )
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")  # keep the colour-bar label inside
    plt.close(fig)


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


_UNIT = {"turn": "beurt", "overlap": "overlappende fragmenten"}
