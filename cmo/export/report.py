"""The realist report (docx or Markdown): the tables and figures of a realist evaluation.

Across casussen and per casus: the CMOC tables (if–then–because, status, confidence,
evidence for and against, two whole quotes with pseudonym, transcript and turn); the
mechanism table; the frequency heatmap and the theory diagram as figures; the changes
between two theory versions; and the RAMESES II items with where the report covers
each. The researcher writes the rest; the report says which parts those are.
"""

from __future__ import annotations

import struct
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..analysis.frequencies import FrequencyTable
from ..analysis.mechanisms import MechanismTable
from ..analysis.theory import CmocView, Quote, TheoryView
from ..core import rameses
from ..core.theory import CONFIDENCE_RULE, EntryDiff, TheoryVersion


@dataclass(frozen=True)
class CasusFacts:
    name: str
    attributes: dict[str, str]
    kinds: dict[str, int]
    """Transcript kind → how many."""
    roles: dict[str, int]
    """Participant role → how many (staff included, they are listed by role)."""


@dataclass(frozen=True)
class Report:
    project: str
    version: TheoryVersion | None
    since: TheoryVersion | None
    versions: list[TheoryVersion]
    across: TheoryView
    per_casus: list[TheoryView]
    changes: list[EntryDiff]
    mechanisms: MechanismTable
    frequencies: FrequencyTable
    casussen: list[CasusFacts]
    code_names: dict[str, str]


def build_report(store, version_name=None, since_name=None, project_name: str = "") -> Report:
    """Everything the report shows, computed from the project."""
    from ..analysis.corpus import load_corpus
    from ..analysis.frequencies import frequency_table
    from ..analysis.mechanisms import mechanism_table
    from ..analysis.theory import theory_view
    from ..core.theory import diff_versions

    every = store.theory.versions()
    chosen = store.theory.version(version_name) if (every or version_name) else None
    since = None
    if since_name is not None:
        since = store.theory.version(since_name)
    elif chosen is not None:
        earlier = [v for v in every if v.number < chosen.number]
        since = earlier[-1] if earlier else None
    changes: list[EntryDiff] = []
    if since is not None and chosen is not None:
        changes = diff_versions(
            since,
            chosen,
            store.theory.content(since.number, every),
            store.theory.content(chosen.number, every),
        )
    corpus = load_corpus(store)
    cmocs = store.cmocs.all()
    links = store.theory.chain_links()
    across = theory_view(corpus, cmocs, chosen, links)
    order = sorted(corpus.casussen, key=lambda c: corpus.casussen[c].casefold())
    per_casus = [theory_view(corpus, cmocs, chosen, links, casus_id=c) for c in order]
    facts = []
    for c in order:
        kinds = Counter(d.kind for d in corpus.docs.values() if d.casus_id == c)
        roles = Counter(p.role or "onbekend" for p in corpus.people.values() if p.casus_id == c)
        facts.append(
            CasusFacts(
                corpus.casussen[c],
                dict(store.casussen.get(c).attributes),
                dict(sorted(kinds.items())),
                dict(sorted(roles.items())),
            )
        )
    return Report(
        project=project_name,
        version=chosen,
        since=since,
        versions=every,
        across=across,
        per_casus=per_casus,
        changes=changes,
        mechanisms=mechanism_table(corpus, cmocs),
        frequencies=frequency_table(corpus, by="casus"),
        casussen=facts,
        code_names=store.theory.code_names(),
    )


def write_report(path: Path, report: Report, fmt: str) -> None:
    if fmt == "docx":
        _write_docx(path, report)
    elif fmt == "md":
        _write_markdown(path, report)
    else:
        raise ValueError(f"unknown format {fmt}")


# ---- the content, shared by both formats ---------------------------------------------------


def title(report: Report) -> str:
    return (
        f"Realistische evaluatie: {report.project}" if report.project else "Realistische evaluatie"
    )


def overview_rows(view: TheoryView) -> list[list[str]]:
    return [
        [
            v.cmoc.id,
            v.cmoc.title,
            v.entry.status,
            v.entry.confidence,
            v.suggested[0],
            str(v.counts.fragments_for),
            str(v.counts.fragments_against),
        ]
        for v in view.cmocs
    ]


OVERVIEW_HEADERS = ["CMOC", "Titel", "Status", "Vertrouwen", "Voorgesteld", "Voor", "Tegen"]
OVERVIEW_CM = [2.1, 4.4, 2.7, 2.2, 2.4, 1.5, 1.7]


def cmoc_rows(v: CmocView) -> list[tuple[str, str]]:
    """The CMOC's table: label, value (quotes whole, with who, where and which turn)."""
    counts = v.counts
    per_casus = "; ".join(f"{c}: {a} voor, {b} tegen" for c, (a, b) in counts.per_casus.items())
    people = "; ".join(f"{p}: {a}/{b}" for p, (a, b) in counts.per_participant.items())
    rows = [
        ("Als–dan–omdat", v.sentence),
        ("Casus", v.casus),
        ("Status", v.entry.status),
        (
            "Vertrouwen",
            v.entry.confidence + (f" — {v.entry.rationale}" if v.entry.rationale else ""),
        ),
        ("Voorgesteld vertrouwen", f"{v.suggested[0]} — {v.suggested[1]}"),
        (
            "Bewijs",
            f"{counts.fragments_for} fragmenten voor, {counts.fragments_against} tegen; "
            f"{len(counts.casussen_for)} casus(sen) en {len(counts.participants_for)} "
            f"deelnemer(s) voor, {len(counts.participants_against)} tegen",
        ),
        ("Per casus", per_casus or "–"),
        ("Per deelnemer (voor/tegen)", people or "–"),
    ]
    if v.entry.change:
        rows.append(("Veranderd sinds vorige versie", v.entry.change))
    for i, q in enumerate(v.quotes, 1):
        rows.append((f"Citaat {i} ({q.direction})", quote_text(q)))
    return rows


def quote_text(q: Quote) -> str:
    return f"“{q.text}” — {q.source()}"


CHANGE_HEADERS = ["CMOC", "Verandering", "Was", "Wordt", "Velden", "Wat veranderde"]


def change_rows(report: Report) -> list[list[str]]:
    def judged(entry) -> str:
        return f"{entry.status}, {entry.confidence}" if entry else "–"

    return [
        [
            d.cmoc_id,
            d.kind,
            judged(d.before),
            judged(d.after),
            ", ".join(d.fields) or "–",
            (d.after.change if d.after else "") or "–",
        ]
        for d in report.changes
    ]


def mechanism_headers(table: MechanismTable) -> list[str]:
    return ["Code", "Mechanisme"] + [
        f"{c} (n={n})" for c, n in zip(table.casussen, table.casus_participants, strict=True)
    ]


def mechanism_rows(table: MechanismTable) -> list[list[str]]:
    return [
        [row.code, row.name + (" (emergent)" if row.emergent else "")]
        + [f"{cell.fragments} · {cell.participants} deeln." for cell in row.cells]
        for _group, row in table.rows()
    ]


RAMESES_HEADERS = ["Nr", "Onderdeel", "Item", "In dit rapport", "Toelichting"]


def rameses_rows() -> list[list[str]]:
    return [
        [
            str(item.number),
            item.section,
            item.title,
            f"§ {item.covered_by}" if item.covered_by else "door de onderzoeker",
            item.note,
        ]
        for item in rameses.ITEMS
    ]


METHOD_TEXT = (
    "Transcripten zijn gecodeerd als context (C), mechanisme (M, mogelijkheden en keuzes) en "
    "uitkomst (O) met het realistische codeboek. CMO-configuraties (CMOC's) verbinden codes "
    "met hun bewijs: fragmenten die de configuratie ondersteunen of weerspreken (het "
    "mechanisme werkte niet, of werkte zonder de uitkomst). Per versie van de "
    "programmatheorie kent de onderzoeker elke CMOC een status en een vertrouwen toe. "
    "Het voorgestelde vertrouwen volgt deze regel: "
    + CONFIDENCE_RULE
    + ". Hetzelfde fragment met dezelfde code van twee codeurs telt één keer; interviewers "
    "en gespreksleiders tellen niet als deelnemer."
)


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


def _write_docx(path: Path, report: Report) -> None:
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


# ---- Markdown -----------------------------------------------------------------------------


def _write_markdown(path: Path, report: Report) -> None:
    from .tabular import markdown_table
    from .theory_diagram import mermaid

    def esc(text: str) -> str:
        return text.replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")

    def tab(headers: list[str], rows: list[list[str]]) -> str:
        return markdown_table(headers, [[esc(c) for c in r] for r in rows]) + "\n"

    version = report.version.name if report.version else "geen versie"
    parts = [f"# {title(report)}\n\nProgrammatheorie: {version}.\n"]
    parts.append(f"\n## {rameses.SECTION_METHOD}\n\n{METHOD_TEXT}\n")
    parts.append(f"\n## {rameses.SECTION_CASUSSEN}\n")
    for facts in report.casussen:
        parts.append(f"\n### {facts.name}\n\n")
        for label, values in (
            ("Kenmerken", facts.attributes),
            ("Transcripten", facts.kinds),
            ("Deelnemers per rol", facts.roles),
        ):
            parts.append(f"- {label}: {', '.join(f'{k}: {v}' for k, v in values.items()) or '–'}\n")
    parts.append(f"\n## {rameses.SECTION_VERSIONS}\n\n")
    parts.append(
        tab(
            ["Nr", "Versie", "Datum", "Toelichting"],
            [[str(v.number), v.name, v.created_at[:10], v.note] for v in report.versions],
        )
    )
    parts.append(f"\n## {rameses.SECTION_THEORY}\n\n```mermaid\n")
    parts.append(mermaid(report.across, report.code_names))
    parts.append("```\n\n### Ketens en demi-regularities\n\n")
    parts += [f"- {' → '.join(c)}\n" for c in report.across.chains] or ["Geen ketens.\n"]
    parts += [
        f"- {'+'.join(r.mechanisms)} → {'+'.join(r.outcomes)} ({', '.join(r.cmocs)}) houdt "
        f"stand in {', '.join(r.casussen)}\n"
        for r in report.across.demi_regularities
    ]
    parts.append(f"\n## {rameses.SECTION_CMOCS}\n")
    for view in [report.across, *report.per_casus]:
        parts.append(f"\n### {view.scope}\n\n")
        if not view.cmocs:
            parts.append("Geen CMO-configuraties met bewijs in deze casus.\n")
            continue
        parts.append(tab(OVERVIEW_HEADERS, overview_rows(view)))
        for v in view.cmocs:
            parts.append(f"\n#### {v.cmoc.id} {esc(v.cmoc.title)}\n\n")
            parts.append(tab(["", ""], [[label, value] for label, value in cmoc_rows(v)]))
    parts.append(f"\n## {rameses.SECTION_MECHANISMS}\n\n")
    parts.append(tab(mechanism_headers(report.mechanisms), mechanism_rows(report.mechanisms)))
    if report.frequencies.rows:
        from .frequencies import frequency_png

        heatmap = path.with_name(path.stem + "-heatmap.png")
        frequency_png(heatmap, report.frequencies)
        parts.append(f"\n![Codefrequenties per casus]({heatmap.name})\n")
    parts.append(f"\n## {rameses.SECTION_CHANGES}\n\n")
    if report.changes:
        parts.append(f"Van ‘{report.since.name}’ naar ‘{report.version.name}’.\n\n")
        parts.append(tab(CHANGE_HEADERS, change_rows(report)))
    else:
        parts.append("Er is nog geen eerdere versie om mee te vergelijken.\n")
    parts.append(f"\n## RAMESES II\n\n{rameses.REFERENCE}\n\n")
    parts.append(tab(RAMESES_HEADERS, rameses_rows()))
    path.write_text("".join(parts), encoding="utf-8")
