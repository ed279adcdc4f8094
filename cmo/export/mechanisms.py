"""The mechanism table as CSV (one row per mechanism × casus), XLSX or Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..analysis.fragments import ATTRIBUTION_RULE
from ..analysis.matrix import QUOTE_WIDTH, Evidence
from ..analysis.mechanisms import MechanismCell, MechanismTable
from .tabular import QUOTES_NOTE, Sheet, markdown_table, notes_sheet, write_csv, write_xlsx

LONG_HEADERS = [
    "Cluster",
    "Clusternaam",
    "Code",
    "Naam",
    "Familie",
    "Emergent",
    "Casus",
    "Fragmenten",
    "Deelnemers",
    "Deelnemers in casus",
    "Aandeel deelnemers",
    "Geactiveerd",
    "Niet geactiveerd",
    "Gemengd",
    "Citaat 1",
    "Citaat 2",
]


def long_sheet(
    table: MechanismTable, casus: str | None = None, title: str = "Mechanismen"
) -> Sheet:
    """One row per mechanism × casus (only ``casus`` when given)."""
    rows = []
    for group, row in table.rows():
        for name, cell in zip(table.casussen, row.cells, strict=True):
            if casus is not None and name != casus:
                continue
            quotes = [_quote(q) for q in cell.quotes] + ["", ""]
            rows.append(
                [
                    group.cluster,
                    group.name,
                    row.code,
                    row.name,
                    row.family,
                    "ja" if row.emergent else "nee",
                    name,
                    cell.fragments,
                    cell.participants,
                    cell.casus_participants,
                    cell.share,
                    cell.fired,
                    cell.not_fired,
                    cell.mixed,
                    quotes[0],
                    quotes[1],
                ]
            )
    return Sheet(
        title=title,
        headers=LONG_HEADERS,
        rows=rows,
        widths={3: 34, 6: 24, 14: 60, 15: 60},
        formats={10: "0%"},
    )


def overview_sheet(table: MechanismTable) -> Sheet:
    """Mechanisms down, casussen across: fragments, participants, share, fired counts."""
    headers = ["Cluster", "Code", "Mechanisme"]
    for name, n in zip(table.casussen, table.casus_participants, strict=True):
        headers += [
            f"{name}: fragmenten",
            f"{name}: deelnemers (van {n})",
            f"{name}: aandeel",
            f"{name}: geactiveerd / niet / gemengd",
        ]
    rows = []
    formats = {}
    for group, row in table.rows():
        line: list = [group.name, row.code, row.name + (" (emergent)" if row.emergent else "")]
        for cell in row.cells:
            line += [
                cell.fragments,
                cell.participants,
                cell.share,
                f"{cell.fired} / {cell.not_fired} / {cell.mixed}",
            ]
        rows.append(line)
    for i in range(len(table.casussen)):
        formats[3 + 4 * i + 2] = "0%"
    return Sheet(
        title="Overzicht", headers=headers, rows=rows, widths={0: 26, 2: 36}, formats=formats
    )


def write_mechanisms(
    path: Path,
    table: MechanismTable,
    fmt: str,
    dialect: str = "rfc",
    casus: str | None = None,
    notes: Sequence[str] = (),
) -> None:
    """``notes`` are added to the footnotes (the sheet 'Toelichting', the Markdown's end)."""
    if fmt == "csv":
        write_csv(path, long_sheet(table, casus), dialect)
    elif fmt == "xlsx":
        sheets = [] if casus else [overview_sheet(table)]
        names = [casus] if casus else table.casussen
        sheets += [long_sheet(table, name, title=name) for name in names]
        sheets.append(notes_sheet([ATTRIBUTION_RULE, QUOTES_NOTE, *notes]))
        write_xlsx(path, sheets)
    elif fmt == "md":
        path.write_text(mechanisms_markdown(table, casus, notes), encoding="utf-8")
    else:
        raise ValueError(f"unknown format {fmt}")


def mechanisms_markdown(
    table: MechanismTable, casus: str | None = None, notes: Sequence[str] = ()
) -> str:
    """Per cluster a table (cells: fragments · participants (share) · fired counts) and
    the exemplar quotes below it."""
    columns = [i for i, name in enumerate(table.casussen) if casus is None or name == casus]
    parts = [
        "# Mechanismetabel\n\n",
        "Per cel: fragmenten · deelnemers/deelnemers in de casus (aandeel) · "
        "CMOC's geactiveerd/niet geactiveerd/gemengd.\n",
    ]
    for group in table.groups:
        parts.append(f"\n## {group.name}\n\n")
        headers = ["Code", "Mechanisme"] + [
            f"{table.casussen[i]} (n={table.casus_participants[i]})" for i in columns
        ]
        parts.append(
            markdown_table(
                headers,
                [
                    [
                        row.code,
                        row.name + (" _(emergent, " + row.family + ")_" if row.emergent else ""),
                    ]
                    + [_md_cell(row.cells[i]) for i in columns]
                    for row in group.rows
                ],
            )
        )
        quotes = [
            (row.code, table.casussen[i], q)
            for row in group.rows
            for i in columns
            for q in row.cells[i].quotes
        ]
        if quotes:
            parts.append("\n")
            parts.extend(
                f"- **{code} · {name}**: {_md(_quote(q, QUOTE_WIDTH))}\n"
                for code, name, q in quotes
            )
    parts.append(f"\n---\n\n_{_md(ATTRIBUTION_RULE)}_\n")
    parts.extend(f"\n_{_md(note)}_\n" for note in notes)
    return "".join(parts)


def _md_cell(cell: MechanismCell) -> str:
    share = f" ({cell.share:.0%})" if cell.share is not None else ""
    return (
        f"{cell.fragments} · {cell.participants}/{cell.casus_participants}{share} · "
        f"{cell.fired}/{cell.not_fired}/{cell.mixed}"
    )


def _quote(q: Evidence, width: int | None = None) -> str:
    """The whole quote (spreadsheets), or a short one of about ``width`` characters."""
    turn = f", beurt {q.turn}" if q.turn is not None else ""
    text = q.quote if width is None else q.short(width)
    return f"“{text}” ({q.speaker or '?'}, {q.transcript}{turn})"


def _md(text: str) -> str:
    return text.replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")
