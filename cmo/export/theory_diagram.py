"""The programme theory as a diagram: Graphviz (dot, svg, png) or Mermaid text.

Each CMOC is one card: its id and title, the context, the mechanism (resource →
reasoning) and the outcome, and a footer with status, confidence and the evidence for
and against. Chains (the outcome of one CMOC is the context of the next) are the
edges. The status sets the card's colour and the confidence its border width, and both
are written on the card too, so the diagram reads in black and white.

Graphviz lays the cards out; CMOCs without chains are wrapped into rows (``unflatten``)
so that 40 of them still fit a page in readable type.
"""

from __future__ import annotations

import html
import math
import textwrap
from pathlib import Path

from ..analysis.theory import CmocView, TheoryView
from ..core.cmoc import ALL_CASUSSEN

FORMATS = ("svg", "png", "dot", "mermaid")
STATUS_STYLE = {
    # fill, border colour: light fills keep black text readable; distinct in grey too.
    "hypothese": ("#ffffff", "#6b6b6b"),
    "ondersteund": ("#d9f0d3", "#1b7837"),
    "verfijnd": ("#fee8c8", "#b35806"),
    "weerlegd": ("#e7e1ef", "#762a83"),
}
CONFIDENCE_PEN = {"laag": 1, "middel": 2.5, "hoog": 4.5}
WRAP = 38
COMPACT_FROM = 13
"""From this many CMOCs the cards show only id, title, formula, status and confidence:
40 full cards cannot be read on one A4 page, 40 compact ones can."""
CARDS = ("auto", "full", "compact")


def cards_per_row(count: int, compact: bool) -> int:
    """Cards per row so that the block is shaped like an A4 page (1.4 times as tall as wide).

    A compact card is about a third as tall as wide, a full one about as tall as wide, so
    40 compact cards make rows of 3 and the demo's 6 full cards rows of 2 or 3.
    """
    shape = 4.4 if compact else 1.0
    return max(2, min(5, round(math.sqrt(count / shape))))


def _wrap(text: str, width: int = WRAP) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width) or ["–"]


def _cell(lines: list[str], bold: bool = False) -> str:
    body = "<br/>".join(html.escape(line) for line in lines)
    return f"<b>{body}</b>" if bold else body


def _codes(view: CmocView, ids: tuple[str, ...], names: dict[str, str]) -> list[str]:
    return _wrap("; ".join(f"{i} {names.get(i, '')}".strip() for i in ids) or "–")


def _compact_card(view: CmocView) -> str:
    x, entry, counts = view.cmoc, view.entry, view.counts
    fill, border = STATUS_STYLE.get(entry.status, STATUS_STYLE["hypothese"])
    footer = (
        f"{entry.status} · {entry.confidence} · "
        f"{counts.fragments_for} voor / {counts.fragments_against} tegen"
    )
    return (
        f'<<table border="{CONFIDENCE_PEN.get(entry.confidence, 1)}" cellborder="0" '
        f'cellspacing="0" cellpadding="3" bgcolor="{fill}" color="{border}">'
        f'<tr><td bgcolor="{border}" align="left" balign="left"><font color="white">'
        f"{_cell(_wrap(f'{x.id}  {x.title}', 30), bold=True)}</font></td></tr>"
        f'<tr><td align="left">{_cell([x.formula()])}</td></tr>'
        f'<tr><td align="left"><i>{_cell([footer])}</i></td></tr></table>>'
    )


def _card(view: CmocView, names: dict[str, str]) -> str:
    x = view.cmoc
    entry = view.entry
    fill, border = STATUS_STYLE.get(entry.status, STATUS_STYLE["hypothese"])
    mechanism = _codes(view, x.mechanisms, names)
    texts = [t for t in (x.resource, x.reasoning) if t]
    if texts:
        mechanism += _wrap(" → ".join(texts))
    counts = view.counts
    footer = (
        f"{entry.status} · vertrouwen {entry.confidence} · "
        f"{counts.fragments_for} voor / {counts.fragments_against} tegen"
    )
    rows = [
        f'<tr><td colspan="2" bgcolor="{border}" align="left">'
        f'<font color="white">{_cell(_wrap(f"{x.id}  {x.title}"), bold=True)}</font></td></tr>',
        f'<tr><td align="left" valign="top"><b>C</b></td>'
        f'<td align="left" balign="left">{_cell(_codes(view, x.contexts, names))}</td></tr>',
        f'<tr><td align="left" valign="top"><b>M</b></td>'
        f'<td align="left" balign="left">{_cell(mechanism)}</td></tr>',
        f'<tr><td align="left" valign="top"><b>O</b></td>'
        f'<td align="left" balign="left">{_cell(_codes(view, x.outcomes, names))}</td></tr>',
        f'<tr><td colspan="2" align="left"><i>{_cell(_wrap(footer, WRAP + 6))}</i></td></tr>',
    ]
    return (
        f'<<table border="{CONFIDENCE_PEN.get(entry.confidence, 1)}" cellborder="0" '
        f'cellspacing="0" cellpadding="4" bgcolor="{fill}" color="{border}">'
        + "".join(rows)
        + "</table>>"
    )


def graph(view: TheoryView, names: dict[str, str], cards: str = "auto"):
    """The ``graphviz.Digraph`` of ``view`` (needs the graphviz package, not the binary).

    ``cards``: 'full', 'compact', or 'auto' (compact from COMPACT_FROM CMOCs on).
    """
    import graphviz

    compact = cards == "compact" or (cards == "auto" and len(view.cmocs) >= COMPACT_FROM)
    per_row = cards_per_row(len(view.cmocs), compact)

    dot = graphviz.Digraph(
        "programmatheorie",
        graph_attr={
            "rankdir": "LR",
            "fontname": "Helvetica",
            "fontsize": "16",
            "label": _title(view),
            "labelloc": "t",
            "nodesep": "0.25",
            "ranksep": "0.45",
            "newrank": "true",
        },
        node_attr={"shape": "plain", "fontname": "Helvetica", "fontsize": "11"},
        edge_attr={"fontname": "Helvetica", "fontsize": "10", "penwidth": "2"},
    )
    by_casus: dict[str, list[CmocView]] = {}
    for v in view.cmocs:
        by_casus.setdefault(v.casus, []).append(v)
    chained = {c for link in view.links for c in link}
    for index, (casus, members) in enumerate(sorted(by_casus.items(), key=_casus_order)):
        with dot.subgraph(name=f"cluster_{index}") as sub:
            sub.attr(label=casus, style="rounded,dashed", color="#999999", fontsize="13")
            for v in members:
                label = _compact_card(v) if compact else _card(v, names)
                sub.node(_node(v.cmoc.id), label, tooltip=v.sentence)
            # Unchained cards in rows (invisible edges set the order), so many CMOCs make
            # a block shaped like a page instead of one long column.
            loose = [v.cmoc.id for v in members if v.cmoc.id not in chained]
            for row_start in range(0, len(loose), per_row):
                row = loose[row_start : row_start + per_row]
                for a, b in zip(row, row[1:], strict=False):
                    sub.edge(_node(a), _node(b), style="invis")
    for a, b in view.links:
        dot.edge(_node(a), _node(b), label="uitkomst → context", color="#333333")
    return dot


def write_diagram(
    path: Path, view: TheoryView, names: dict[str, str], fmt: str, cards: str = "auto"
) -> None:
    """Write the diagram as ``fmt`` (svg, png, dot or mermaid)."""
    if fmt == "mermaid":
        path.write_text(mermaid(view, names), encoding="utf-8")
        return
    dot = graph(view, names, cards)
    if fmt == "dot":
        path.write_text(dot.source, encoding="utf-8")
        return
    path.write_bytes(render(dot, fmt))


def render(dot, fmt: str) -> bytes:
    """Lay out and draw with the Graphviz ``dot`` program; one clear line when it is missing."""
    import graphviz

    from ..core.errors import ProjectError

    try:
        if fmt == "png":
            dot.graph_attr["dpi"] = "150"
        return dot.pipe(format=fmt)
    except graphviz.ExecutableNotFound:
        raise ProjectError(
            "the Graphviz program 'dot' is not installed (Debian/Ubuntu: apt-get install "
            "graphviz); --format mermaid or dot needs no Graphviz"
        ) from None


def mermaid(view: TheoryView, names: dict[str, str]) -> str:
    """Mermaid flowchart text (for Markdown reports); classes carry status and confidence."""
    lines = ["flowchart LR"]
    by_casus: dict[str, list[CmocView]] = {}
    for v in view.cmocs:
        by_casus.setdefault(v.casus, []).append(v)
    for index, (casus, members) in enumerate(sorted(by_casus.items(), key=_casus_order)):
        lines.append(f'  subgraph casus{index}["{_mermaid_text(casus)}"]')
        for v in members:
            x = v.cmoc
            parts = [
                f"<b>{x.id}</b> {x.title}",
                "C: " + "; ".join(f"{i} {names.get(i, '')}".strip() for i in x.contexts),
                "M: " + "; ".join(f"{i} {names.get(i, '')}".strip() for i in x.mechanisms),
                "O: " + "; ".join(f"{i} {names.get(i, '')}".strip() for i in x.outcomes),
                f"<i>{v.entry.status} · vertrouwen {v.entry.confidence} · "
                f"{v.counts.fragments_for} voor / {v.counts.fragments_against} tegen</i>",
            ]
            label = "<br/>".join(_mermaid_text(p) for p in parts)
            lines.append(f'    {_node(x.id)}["{label}"]')
            # One class per status and confidence: Mermaid gives a node one class.
            lines.append(f"    class {_node(x.id)} {v.entry.status}_{v.entry.confidence}")
        lines.append("  end")
    for a, b in view.links:
        lines.append(f"  {_node(a)} -->|uitkomst → context| {_node(b)}")
    for status, (fill, border) in STATUS_STYLE.items():
        for confidence, pen in CONFIDENCE_PEN.items():
            lines.append(
                f"  classDef {status}_{confidence} fill:{fill},stroke:{border},"
                f"stroke-width:{pen}px,color:#000"
            )
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    # Mermaid labels end at a double quote; '#quot;' is its escape for one.
    return " ".join(text.split()).replace('"', "#quot;")


def _node(cmoc_id: str) -> str:
    return cmoc_id.replace("-", "")


def _casus_order(item: tuple[str, list]) -> tuple[bool, str]:
    return (item[0] == ALL_CASUSSEN, item[0].casefold())


def _title(view: TheoryView) -> str:
    version = f" — {view.version.name}" if view.version else ""
    return f"Programmatheorie{version} ({view.scope})"
