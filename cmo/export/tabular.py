"""Writing tables: CSV in two dialects, XLSX with readable sheets, and Markdown.

Every text cell that a spreadsheet could take for a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, so that a
speaker named ``=HYPERLINK(...)`` stays inert text (OWASP's advice for CSV injection).
Text longer than a spreadsheet cell holds (32,767 characters) is cut at a sentence end,
with a note in the cell saying so.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.text import fit_cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
DIALECTS = ("rfc", "excel-nl")
Cell = str | int | float | None


@dataclass
class Sheet:
    """One table: a title (sheet name), a header row and rows of cells."""

    title: str
    headers: list[str]
    rows: list[list[Cell]]
    widths: dict[int, int] = field(default_factory=dict)
    """Column widths (characters) by column position; others are sized to their content."""
    formats: dict[int, str] = field(default_factory=dict)
    """XLSX number formats by column position, such as ``0%``."""


QUOTES_NOTE = (
    "Citaten: de hele gecodeerde tekst; loopt een fragment over meer beurten, dan staat "
    "elke beurt achter haar spreker tussen haken, zoals [Respondent]. Een cel houdt "
    "32.767 tekens; langere tekst is bij een zinseinde ingekort, en de cel zegt dat."
)


def notes_sheet(lines: Sequence[str]) -> Sheet:
    """A sheet 'Toelichting' explaining how the numbers and quotes were made."""
    return Sheet(
        title="Toelichting", headers=["Toelichting"], rows=[[x] for x in lines], widths={0: 100}
    )


def safe_cell(value: Cell) -> Cell:
    """Neutralise text a spreadsheet would evaluate; numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(sheet: Sheet, dialect: str = "rfc") -> str:
    """The table as CSV text.

    Args:
        sheet: The table.
        dialect: 'rfc' (RFC 4180: comma, CRLF line ends, decimal point) or 'excel-nl'
            (what a Dutch Excel opens on double-click: semicolon, decimal comma; write it
            with a BOM, see ``write_csv``).
    """
    if dialect not in DIALECTS:
        raise ValueError(f"dialect must be one of {', '.join(DIALECTS)}")
    out = io.StringIO()
    writer = csv.writer(
        out,
        delimiter=";" if dialect == "excel-nl" else ",",
        lineterminator="\r\n",
        quoting=csv.QUOTE_MINIMAL,
    )
    writer.writerow([safe_cell(h) for h in sheet.headers])
    for row in sheet.rows:
        writer.writerow([_csv_value(v, dialect) for v in row])
    return out.getvalue()


def write_csv(path: Path, sheet: Sheet, dialect: str = "rfc") -> None:
    encoding = "utf-8-sig" if dialect == "excel-nl" else "utf-8"
    with open(path, "w", encoding=encoding, newline="") as handle:
        handle.write(csv_text(sheet, dialect))


def _csv_value(value: Cell, dialect: str) -> Cell:
    if value is None:
        return ""
    if isinstance(value, float):
        text = repr(round(value, 4)) if value == value else ""
        return text.replace(".", ",") if dialect == "excel-nl" else text
    if isinstance(value, str):
        value = fit_cell(value)
    return safe_cell(value)


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write sheets with bold frozen headers, wrapped text and readable column widths."""
    from copy import copy

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for sheet in sheets:
        ws = book.create_sheet(sheet_title(sheet.title, used))
        ws.append([safe_cell(h) for h in sheet.headers])
        for row in sheet.rows:
            ws.append([_xlsx_value(v) for v in row])
        # Style one cell, then copy its style array: assigning Alignment objects cell by
        # cell hashes styles each time and costs seconds on 50,000 cells.
        head = ws.cell(1, 1)
        head.font = Font(bold=True)
        head.alignment = Alignment(wrap_text=True, vertical="top")
        body = ws.cell(2, 1) if sheet.rows else None
        if body is not None:
            body.alignment = Alignment(wrap_text=True, vertical="top")
        percent = {}
        for row in ws.iter_rows():
            for col, cell in enumerate(row):
                if cell.row == 1:
                    cell._style = copy(head._style)
                    continue
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever the text
                if col in sheet.formats and not isinstance(cell.value, str):
                    if col not in percent:
                        cell._style = copy(body._style)
                        cell.number_format = sheet.formats[col]
                        percent[col] = cell._style
                    cell._style = copy(percent[col])
                else:
                    cell._style = copy(body._style)
        ws.freeze_panes = "A2"
        for col, width in enumerate(_widths(sheet), start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        if sheet.rows:
            ws.auto_filter.ref = ws.dimensions
    if not sheets:
        book.create_sheet("Leeg")
    book.save(path)


def _xlsx_value(value: Cell) -> Cell:
    if isinstance(value, str):
        # Control characters other than tab and line ends are illegal in XLSX.
        value = fit_cell(_ILLEGAL_XML.sub("", value))
    return safe_cell(value)


def _widths(sheet: Sheet) -> list[float]:
    """Wide enough for the header and typical content, capped so text wraps instead."""
    widths = []
    for col, header in enumerate(sheet.headers):
        if col in sheet.widths:
            widths.append(sheet.widths[col])
            continue
        longest = len(str(header))
        for row in sheet.rows[:500]:
            value = row[col] if col < len(row) else None
            if value is not None:
                line = max(str(value).split("\n"), key=len)
                longest = max(longest, len(line))
        widths.append(min(max(longest + 2, 8), 60))
    return widths


def sheet_title(title: str, used: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of ``[]:*?/\\``, unique."""
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in title).strip("'") or "Blad"
    clean = clean[:31]
    candidate, n = clean, 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate = clean[: 31 - len(suffix)] + suffix
        n += 1
    used.add(candidate.casefold())
    return candidate


def markdown_table(
    headers: Sequence[str], rows: Sequence[Sequence[Cell]], align: str | None = None
) -> str:
    """A GitHub-flavoured Markdown table; pipes escaped, line breaks as ``<br>``."""

    def cell(value: Cell) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            value = f"{value:.2f}"
        return str(value).replace("|", "\\|").replace("\r", "").replace("\n", "<br>")

    align = align or "l" * len(headers)
    rule = ["---:" if a == "r" else ":---" for a in align]
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
