"""The realist report as a Word document (python-docx), with its figures as PNG."""

from __future__ import annotations

import struct
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis.theory import CmocView, TheoryView
from ..core import rameses
from .report_rows import (
    CHANGE_HEADERS,
    METHOD_TEXT,
    OVERVIEW_CM,
    OVERVIEW_HEADERS,
    RAMESES_HEADERS,
    change_rows,
    cmoc_rows,
    mechanism_headers,
    mechanism_rows,
    overview_rows,
    rameses_rows,
    title,
)

if TYPE_CHECKING:
    from .report import Report

# ---- figures ------------------------------------------------------------------------------


def _figures(report: Report, folder: Path) -> dict[str, Path]:
    """The diagram (across and per casus) and the heatmap as PNG files in ``folder``."""
    from concurrent.futures import ThreadPoolExecutor

    from .frequencies import frequency_png
    from .theory_diagram import graph, render

    views = [("across", report.across)] + [(v.scope, v) for v in report.per_casus]
    out: dict[str, Path] = {}
    # Graphviz runs as a separate program: lay the diagrams out while matplotlib draws the
    # heatmap here, so two cores share the work.
    with ThreadPoolExecutor(max_workers=2) as pool:
        drawn = {
            key: pool.submit(render, graph(view, report.code_names), "png")
            for key, view in views
            if view.cmocs
        }
        if report.frequencies.rows:
            out["heatmap"] = folder / "heatmap.png"
            frequency_png(out["heatmap"], report.frequencies)
        for n, (key, job) in enumerate(drawn.items()):
            out[key] = folder / f"diagram-{n}.png"
            out[key].write_bytes(job.result())
    return out


def _png_size(path: Path) -> tuple[int, int]:
    with path.open("rb") as f:
        head = f.read(24)
    return struct.unpack(">II", head[16:24])


# ---- docx ---------------------------------------------------------------------------------


def write_docx(path: Path, report: Report) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10)
    width, height = Cm(17.0), Cm(24.0)

    def picture(file: Path, caption: str, dpi: int = 150) -> None:
        w, h = _png_size(file)
        # At most the page, and never larger than drawn (at its dpi): two cards stay card-sized.
        scale = min(width / Cm(w / dpi * 2.54), height / Cm(h / dpi * 2.54), 1.0)
        doc.add_picture(str(file), width=int(Cm(w / dpi * 2.54) * scale))
        doc.add_paragraph(caption, style="Caption")

    def grid(headers: list[str], rows: list[list[str]], cms: list[float] | None = None) -> None:
        cells = [[(h, True) for h in headers]] + [[(c, False) for c in row] for row in rows]
        _append_table(doc, cells, cms or [17.0 / len(headers)] * len(headers))

    heading3 = doc.styles["Heading 3"]

    def cmoc_table(v: CmocView) -> None:
        # The style looked up once: by name python-docx walks every style, per heading.
        doc.add_paragraph(f"{v.cmoc.id} {v.cmoc.title}", style=heading3)
        rows = [[(label, True), (value, False)] for label, value in cmoc_rows(v)]
        _append_table(doc, rows, [4.2, 12.8])

    with tempfile.TemporaryDirectory(prefix="cmo-report-") as tmp:
        figures = _figures(report, Path(tmp))
        doc.add_heading(title(report), level=0)
        version = report.version.name if report.version else "geen versie"
        doc.add_paragraph(
            f"Programmatheorie: {version}. Gegenereerd door cmo; de onderzoeker vult de "
            "onderdelen aan die de RAMESES II-lijst aan het eind als ‘door de onderzoeker’ noemt."
        )
        doc.add_heading(rameses.SECTION_METHOD, level=1)
        doc.add_paragraph(METHOD_TEXT)
        doc.add_heading(rameses.SECTION_CASUSSEN, level=1)
        for facts in report.casussen:
            doc.add_heading(facts.name, level=2)
            for label, values in (
                ("Kenmerken", facts.attributes),
                ("Transcripten", facts.kinds),
                ("Deelnemers per rol", facts.roles),
            ):
                text = ", ".join(f"{k}: {v}" for k, v in values.items()) or "–"
                doc.add_paragraph(f"{label}: {text}", style="List Bullet")
        doc.add_heading(rameses.SECTION_VERSIONS, level=1)
        grid(
            ["Nr", "Versie", "Datum", "Toelichting"],
            [[str(v.number), v.name, v.created_at[:10], v.note] for v in report.versions],
            [1.2, 4.5, 2.5, 8.8],
        )
        doc.add_heading(rameses.SECTION_THEORY, level=1)
        if "across" in figures:
            picture(figures["across"], f"Figuur 1. Programmatheorie, {version} (alle casussen).")
        _chains_docx(doc, report.across)
        doc.add_heading(rameses.SECTION_CMOCS, level=1)
        doc.add_heading("Alle casussen", level=2)
        grid(OVERVIEW_HEADERS, overview_rows(report.across), OVERVIEW_CM)
        for v in report.across.cmocs:
            cmoc_table(v)
        for n, view in enumerate(report.per_casus, 2):
            doc.add_heading(view.scope, level=2)
            if not view.cmocs:
                doc.add_paragraph("Geen CMO-configuraties met bewijs in deze casus.")
                continue
            if view.scope in figures:
                picture(figures[view.scope], f"Figuur {n}. Programmatheorie in {view.scope}.")
            grid(OVERVIEW_HEADERS, overview_rows(view), OVERVIEW_CM)
            for v in view.cmocs:
                cmoc_table(v)
        doc.add_heading(rameses.SECTION_MECHANISMS, level=1)
        doc.add_paragraph("Per cel: fragmenten · deelnemers (niet-medewerkers) in de casus.")
        casussen = len(report.mechanisms.casussen)
        grid(
            mechanism_headers(report.mechanisms),
            mechanism_rows(report.mechanisms),
            [1.5, 5.5] + [10.0 / max(casussen, 1)] * casussen,
        )
        if "heatmap" in figures:
            picture(
                figures["heatmap"],
                "Figuur. Codefrequenties per casus (aangepaste residuen).",
                dpi=110,
            )
        doc.add_heading(rameses.SECTION_CHANGES, level=1)
        if report.changes:
            doc.add_paragraph(f"Van ‘{report.since.name}’ naar ‘{report.version.name}’.")
            grid(CHANGE_HEADERS, change_rows(report), [2.0, 2.2, 2.6, 2.6, 3.0, 4.6])
        else:
            doc.add_paragraph("Er is nog geen eerdere versie om mee te vergelijken.")
        doc.add_heading("RAMESES II", level=1)
        doc.add_paragraph(rameses.REFERENCE)
        grid(RAMESES_HEADERS, rameses_rows(), [1.0, 2.3, 4.2, 4.0, 5.5])
        doc.save(str(path))


TWIPS_PER_CM = 567


def _append_table(doc, rows: list[list[tuple[str, bool]]], cms: list[float]) -> None:
    """A 'Table Grid' table of (text, bold) cells with fixed column widths, at the end.

    Written as WordprocessingML in one piece: python-docx's cell-by-cell API costs
    seconds per thousand cells, and a report of 200 CMOCs has tens of thousands.
    """
    from xml.sax.saxutils import escape

    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    widths = [round(cm * TWIPS_PER_CM) for cm in cms]

    def cell(text: str, bold: bool, width: int) -> str:
        lines = str(text).split("\n")
        runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
        style = "<w:rPr><w:b/></w:rPr>" if bold else ""
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f"<w:p><w:r>{style}{runs}</w:r></w:p></w:tc>"
        )

    body = "".join(
        "<w:tr>" + "".join(cell(t, b, w) for (t, b), w in zip(row, widths, strict=True)) + "</w:tr>"
        for row in rows
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
    )
    doc.element.body.find(qn("w:sectPr")).addprevious(parse_xml(xml))


def _chains_docx(doc, view: TheoryView) -> None:
    doc.add_heading("Ketens en demi-regularities", level=2)
    if view.chains:
        for chain in view.chains:
            doc.add_paragraph(" → ".join(chain), style="List Bullet")
    else:
        doc.add_paragraph("Geen ketens.")
    for r in view.demi_regularities:
        doc.add_paragraph(
            f"{'+'.join(r.mechanisms)} → {'+'.join(r.outcomes)} ({', '.join(r.cmocs)}) "
            f"houdt stand in {', '.join(r.casussen)}",
            style="List Bullet",
        )
