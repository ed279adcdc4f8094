"""Column widths of the CMOC browser's two tables for a terminal width: every number and
code whole, the names sharing what is left (cut ones end in '…' and show whole in the
detail panel or under the table)."""

from __future__ import annotations

from ...core.cmoc import ALL_CASUSSEN, Cmoc
from ..state.analysis_data import EvidenceRow

TITLE_AT_LEAST = 20
ORDER = ["Id", "Title", "Casus", "C", "M", "O", "Fired", "Relation", "Ev."]


def cmoc_columns(items: list[Cmoc], casus_names: dict[int, str], width: int) -> dict[str, int]:
    """The CMOC table's columns and widths: title and casus share what the others leave.
    Where the title would get fewer than TITLE_AT_LEAST cells, the relation and then the
    casus give way (the detail below shows both, and the whole title), so no column
    scrolls off and no number is cut."""
    casus = [casus_names.get(x.casus_id, ALL_CASUSSEN) for x in items]
    values = {
        "Id": [x.id for x in items],
        "C": [" ".join(x.contexts) or "–" for x in items],
        "M": [" ".join(x.mechanisms) or "–" for x in items],
        "O": [" ".join(x.outcomes) or "–" for x in items],
        "Fired": [x.fired for x in items],
        "Relation": [x.relation for x in items],
        "Ev.": [str(len(x.evidence)) for x in items],
    }
    widths = {h: max([len(h)] + [len(v) for v in vs]) for h, vs in values.items()}
    longest_title = max([len("Title")] + [len(x.title) for x in items])
    longest_casus = max([len("Casus")] + [len(n) for n in casus])
    for drop in ((), ("Relation",), ("Relation", "Casus")):
        shown = {h: w for h, w in widths.items() if h not in drop}
        names = 1 if "Casus" in drop else 2
        # Border 2, scroll bar 2, one cell of padding either side of every column.
        room = width - 4 - 2 * (len(shown) + names) - sum(shown.values())
        if room - (0 if "Casus" in drop else min(longest_casus, 10)) >= TITLE_AT_LEAST:
            break
    # The title first (what a CMOC says), as long as the casus keeps 16 cells.
    casus_width = 0 if "Casus" in drop else max(10, min(longest_casus, room - 14))
    if casus_width:
        title_width = max(14, min(longest_title, room - min(casus_width, 16)))
        casus_width = max(10, min(longest_casus, room - title_width))
    else:
        title_width = max(14, min(longest_title, room))
    out = {**shown, "Title": title_width}
    if casus_width:
        out["Casus"] = casus_width
    return {h: out[h] for h in ORDER if h in out}


QUOTE_AT_LEAST = 40


def evidence_room(width: int) -> int:
    """Cells inside the evidence table (beside the detail from 110 columns on) for its
    five columns: less its border, scroll bar and a cell of padding either side of each."""
    table = width if width < 110 else width - min(60, width // 3)
    return table - 2 - 2 - 2 * 5


def quote_width(rows: list[EvidenceRow], width: int) -> int:
    """The quote column takes what the evidence table has left after the other columns."""
    return max(20, evidence_room(width) - sum(evidence_widths(rows, width)))


def evidence_widths(rows: list[EvidenceRow], width: int) -> tuple[int, int, int, int]:
    """Code, casus, transcript and speaker: as wide as their longest value when that
    leaves the quote QUOTE_AT_LEAST cells, else within limits (cut ones end in …)."""
    longest = [
        max([len(h)] + [len(value(r)) for r in rows])
        for h, value in (
            ("Code", lambda r: r.code_id),
            ("Casus", lambda r: r.casus),
            ("Transcript", lambda r: r.transcript),
            ("Speaker", speaker_cell),
        )
    ]
    if width >= 110 and sum(longest) + QUOTE_AT_LEAST <= evidence_room(width):
        return tuple(longest)
    limits = (6, 12, 16, 12) if width < 110 else (6, 20, 26, 16)
    return tuple(min(n, cap) for n, cap in zip(longest, limits, strict=True))


def speaker_cell(row: EvidenceRow) -> str:
    return f"{row.speaker} · {row.turn}" if row.turn is not None else row.speaker
