"""The CMO matrix as CSV, XLSX (overview plus one sheet per casus) or Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..analysis.fragments import ATTRIBUTION_RULE
from ..analysis.matrix import QUOTE_WIDTH, CmoMatrix, MatrixRow
from .tabular import QUOTES_NOTE, Sheet, csv_text, markdown_table, notes_sheet, write_xlsx

HEADERS = [
    "CMOC",
    "Titel",
    "Casus",
    "Context",
    "Mechanisme",
    "Mogelijkheden (resource)",
    "Keuzes (redenering)",
    "Uitkomst",
    "Mechanisme geactiveerd",
    "Relatie tot programmatheorie",
    "Fragmenten",
    "Deelnemers",
    "Bewijs (bron · spreker · beurt · code: citaat)",
    "Memo",
    "Sprekers",
    "Als–dan–omdat",
    "Bewijs voor",
    "Bewijs tegen",
]
WIDTHS = {
    0: 10,
    1: 28,
    2: 18,
    3: 26,
    4: 26,
    5: 32,
    6: 32,
    7: 26,
    8: 14,
    9: 14,
    10: 11,
    11: 11,
    12: 80,
    13: 30,
    14: 24,
    15: 60,
    16: 11,
    17: 11,
}


def matrix_row(row: MatrixRow) -> list:
    return [
        row.id,
        row.title,
        row.casus,
        "\n".join(row.contexts),
        "\n".join(row.mechanisms),
        row.resource,
        row.reasoning,
        "\n".join(row.outcomes),
        row.fired,
        row.relation,
        row.fragments,
        row.participants,
        "\n".join(e.line() for e in row.evidence),
        row.memo,
        "\n".join(dict.fromkeys(e.speaker for e in row.evidence if e.speaker)),
        row.sentence,
        row.fragments - row.against,
        row.against,
    ]


def matrix_sheet(matrix: CmoMatrix, title: str | None = None) -> Sheet:
    return Sheet(
        title=title or matrix.scope,
        headers=HEADERS,
        rows=[matrix_row(r) for r in matrix.rows],
        widths=WIDTHS,
    )


EVIDENCE_HEADERS = [
    "CMOC",
    "Casus CMOC",
    "Code",
    "Bron",
    "Casus bron",
    "Spreker",
    "Beurt",
    "Citaat",
    "Codering",
    "Richting",
]


def evidence_sheet(matrix: CmoMatrix, title: str = "Bewijs") -> Sheet:
    """One row per evidence fragment: filterable by speaker, source or code."""
    return Sheet(
        title=title,
        headers=EVIDENCE_HEADERS,
        rows=[
            [
                r.id,
                r.casus,
                e.code_id,
                e.transcript,
                e.casus,
                e.speaker,
                e.turn,
                e.quote,
                e.coding_id,
                e.direction,
            ]
            for r in matrix.rows
            for e in r.evidence
        ],
        widths={7: 80},
    )


def write_matrix(
    path: Path,
    matrices: list[CmoMatrix],
    fmt: str,
    dialect: str = "rfc",
    layout: str = "cmoc",
    notes: Sequence[str] = (),
) -> None:
    """Write the first matrix (CSV), every matrix as a sheet (XLSX) or section (Markdown).

    The first matrix is the overview when all casussen are exported: its 'Casus'
    column tells the rows apart, so one CSV holds the whole project. With ``layout``
    'evidence' the CSV has one row per evidence fragment instead of one per CMOC, and
    the XLSX gets that table as a last sheet ('Bewijs'). ``notes`` are added to the
    footnotes (the sheet 'Toelichting', the end of the Markdown).
    """
    if fmt == "csv":
        from .tabular import write_csv

        sheet = evidence_sheet(matrices[0]) if layout == "evidence" else matrix_sheet(matrices[0])
        write_csv(path, sheet, dialect)
    elif fmt == "xlsx":
        sheets = [
            matrix_sheet(m, "Overzicht" if i == 0 and len(matrices) > 1 else m.scope)
            for i, m in enumerate(matrices)
        ]
        if layout == "evidence":
            sheets.append(evidence_sheet(matrices[0]))
        sheets.append(notes_sheet([ATTRIBUTION_RULE, QUOTES_NOTE, *notes]))
        write_xlsx(path, sheets)
    elif fmt == "md":
        path.write_text(matrix_markdown(matrices, notes), encoding="utf-8")
    else:
        raise ValueError(f"unknown format {fmt}")


def matrix_markdown(matrices: list[CmoMatrix], notes: Sequence[str] = ()) -> str:
    parts = ["# CMO-matrix\n"]
    for m in matrices:
        parts.append(f"\n## {m.scope}\n\n")
        if not m.rows:
            parts.append("_Geen CMO-configuraties._\n")
            continue
        parts.append(
            markdown_table(
                [
                    "CMOC",
                    "Context",
                    "Mechanisme (mogelijkheden → keuzes)",
                    "Uitkomst",
                    "Geactiveerd",
                    "Relatie",
                    "Fragm.",
                    "Tegen",
                    "Deeln.",
                ],
                [
                    [
                        f"**{r.id}** {r.title}",
                        "\n".join(r.contexts),
                        "\n".join(r.mechanisms) + _mechanism_texts(r),
                        "\n".join(r.outcomes),
                        r.fired,
                        r.relation,
                        r.fragments,
                        r.against,
                        r.participants,
                    ]
                    for r in m.rows
                ],
                align="llllllrrr",
            )
        )
        for r in m.rows:
            parts.append(f"\n**{r.id}** {_md_escape(r.sentence)}\n")
            if r.evidence:
                parts.append(f"\n**{r.id} bewijs**\n\n")
                parts.extend(f"- {_md_escape(e.line(QUOTE_WIDTH))}\n" for e in r.evidence)
    parts.append(f"\n---\n\n_{_md_escape(ATTRIBUTION_RULE)}_\n")
    parts.extend(f"\n_{_md_escape(note)}_\n" for note in notes)
    return "".join(parts)


def _mechanism_texts(row: MatrixRow) -> str:
    texts = [t for t in (row.resource, row.reasoning) if t]
    if not texts:
        return ""
    return "\n_" + " → ".join(texts) + "_"


def _md_escape(text: str) -> str:
    return text.replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


def matrix_csv_text(matrix: CmoMatrix, dialect: str = "rfc") -> str:
    return csv_text(matrix_sheet(matrix), dialect)
