"""What the margin beside a line of text says about its codings: plain data, no Textual.

One label per code on the line: its id, then a mark for each thing the researcher should
see without opening anything:

- ``!`` a coding whose place needs review (status 'review', after a replace; ``!``
  lists them),
- ``✎`` a coding with a memo,
- ``°`` a coding made by another coder than the one at the workbench.

When the labels do not fit the margin, the last ones give way to ``+N`` (N codes more),
so a line's margin is always one line.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.domain import Coding

REVIEW, MEMO, OTHER_CODER = "!", "✎", "°"


@dataclass(frozen=True)
class MarginLabel:
    code_id: str
    text: str


def margin_labels(codings: list[Coding], coder: str) -> list[MarginLabel]:
    """The labels for ``codings`` (those on one line, in text order), one per code."""
    marks: dict[str, set[str]] = {}
    for coding in codings:
        found = marks.setdefault(coding.code_id, set())
        if getattr(coding, "status", "ok") == "review":
            found.add(REVIEW)
        if coding.memo:
            found.add(MEMO)
        if coder and coding.coder != coder:
            found.add(OTHER_CODER)
    return [
        MarginLabel(
            code_id, code_id + "".join(m for m in (REVIEW, MEMO, OTHER_CODER) if m in found)
        )
        for code_id, found in marks.items()
    ]


def fit_margin(labels: list[MarginLabel], width: int) -> tuple[list[MarginLabel], str]:
    """The most labels that fit in ``width`` cells (one space between them), with the
    ``+N`` that stands for the rest ('' when all fit)."""
    for count in range(len(labels), -1, -1):
        shown = labels[:count]
        hidden = len(labels) - count
        more = f"+{hidden}" if hidden else ""
        parts = [label.text for label in shown] + ([more] if more else [])
        if sum(len(p) for p in parts) + max(0, len(parts) - 1) <= width:
            return shown, more
    return [], f"+{len(labels)}"
