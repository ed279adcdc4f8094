"""What the realist report says, in either format: its title, table rows and fixed texts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis.mechanisms import MechanismTable
from ..analysis.theory import CmocView, Quote, TheoryView
from ..core import rameses
from ..core.evidence import CONFIDENCE_RULE

if TYPE_CHECKING:
    from .report import Report


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
