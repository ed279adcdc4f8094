"""``cmo code add`` as it runs (without Typer, see ``fast.py``), and the span locator
that ``cmo review place`` shares."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..core.errors import Conflict, InputError, NotFound
from .output import emit_json, opened, success
from .shapes import coding_json


def code_add(
    transcript: str,
    code: str,
    turn: int | None = None,
    start: int | None = None,
    end: int | None = None,
    quote: str | None = None,
    memo: str = "",
    coder: str | None = None,
    project: Path | None = None,
    json: bool = False,
) -> None:
    """Code a fragment, chosen by turn, by offsets or by quote."""
    # Found inside the write transaction, on the text as it is when the coding is stored.
    locate = span_locator(transcript, turn, quote, start, end, "code add")
    with opened(project, quick=True) as proj:
        store = proj.store
        t = store.transcripts.get(transcript)
        coding = store.codings.add_located(
            t.id, locate, code, coder=coder or proj.default_coder, memo=memo
        )
        if json:  # the text as it was when the coding was stored
            t = store.transcripts.get(t.id)
    if json:
        emit_json(coding_json(coding, t.name, t.text))
    else:
        success(
            f"Coded {coding.code_id} on {t.name} [{coding.start}:{coding.end}] as coding "
            f"{coding.id}."
        )


def span_locator(
    name: str, turn: int | None, quote: str | None, start: int | None, end: int | None, what: str
) -> Callable[[str, list[tuple[int, int, int]]], tuple[int, int]]:
    """``locate(text, turns)`` for the span chosen by --turn, --quote (inside the turn, if
    given) or --start/--end, as ``cmo code add`` and ``cmo review place`` take it; ``turns``
    are (index, start, end). The options are checked at once, the text when it is called."""
    from ..core.text import find_quote

    if quote is None and (start is not None or end is not None):
        if start is None or end is None:
            raise InputError("--start/--end", "give both --start and --end")
    elif turn is None and quote is None:
        raise InputError(what, "choose the fragment with --turn, --start/--end or --quote")

    def locate(text: str, turns: list[tuple[int, int, int]]) -> tuple[int, int]:
        if quote is None and start is not None:
            return start, end
        lo, hi = 0, len(text)
        if turn is not None:
            found = [(s, e) for i, s, e in turns if i == turn]
            if not found:
                raise NotFound(f"transcript '{name}' has no turn {turn}")
            lo, hi = found[0]
        if quote is None:
            return lo, hi
        spans = find_quote(text, quote, lo, hi)
        if not spans:
            raise NotFound(
                f"the quote was not found in '{name}'"
                + (f" turn {turn}" if turn is not None else "")
            )
        if len(spans) > 1:
            raise Conflict(
                f"the quote occurs {len(spans)} times in '{name}'; "
                "narrow it with --turn or use --start/--end"
            )
        return spans[0]

    return locate
