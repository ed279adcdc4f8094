"""The realist report as Markdown: the same content, the theory diagram as Mermaid."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core import rameses
from .report_rows import (
    CHANGE_HEADERS,
    METHOD_TEXT,
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


def write_markdown(path: Path, report: Report) -> None:
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
