"""Pure text helpers: normalisation, words and sentences, with code-point offsets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Possessive (*+, ++): the same words, found without trying to backtrack: half the time.
WORD_RE = re.compile(r"\w++(?:[-'’]\w++)*+")
# A sentence ends at . ! ? … followed by space and an upper-case letter, a quote or a digit,
# or at a line end. Abbreviations common in Dutch speech ("bijv.", "o.a.") are not split.
_ABBREVIATIONS = (
    "bijv.",
    "o.a.",
    "d.w.z.",
    "m.a.w.",
    "enz.",
    "etc.",
    "mevr.",
    "dhr.",
    "ca.",
    "nr.",
)
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
_SENTENCE_END_RE = re.compile(r"[.!?…]+[’'”\")]*\s+(?=[A-ZÀ-Ý‘'“\"(0-9])|\n+")


def normalise(text: str) -> str:
    """The canonical text we store and count offsets in.

    Line ends become ``\\n``, the text is NFC-normalised (so a composed ``ë`` is one
    code point whatever the source did), a BOM and NUL characters are dropped and
    trailing spaces on lines are removed. Every offset in a project refers to this form.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\x00", "")
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def count_words(text: str) -> int:
    """The number of matches of :data:`WORD_RE` in ``text``.

    A long text is counted on its UTF-8 bytes with ``bytes.translate`` and
    ``bytes.count``, about twice as fast as the regex: every character becomes a word
    byte, a joiner or a space (see :func:`_counted_bytes`), and then a match of WORD_RE
    is a run of word bytes, with runs joined by a single joiner counting once (the
    possessive ``(?:[-'’]\\w++)*+`` always takes the joiner and the run after it). So
    the count is the runs that start after a space, after a joiner that follows a space
    or another joiner, or at the very start. Short texts, and texts with many kinds of
    punctuation outside ASCII, go to the regex."""
    if len(text) < _COUNT_ON_BYTES_FROM:
        return len(WORD_RE.findall(text))  # counted in C, not one Python step per word
    data = _counted_bytes(text)
    if data is None:
        return len(WORD_RE.findall(text))
    return (
        data.count(b" a")
        + data.count(b" -a")
        + data.count(b"--a")
        + data.startswith(b"a")
        + data.startswith(b"-a")
    )


_COUNT_ON_BYTES_FROM = 2000
_ASCII_BYTES = bytes(range(128))
_WORD_CLASS = bytes(
    0x61 if b >= 0x80 or chr(b).isalnum() or b == 0x5F else 0x2D if b in b"-'" else 0x20
    for b in range(256)
)
"""Byte → 'a' (a word character, or a byte of one outside ASCII), '-' (a joiner) or ' '."""
_MAX_OTHER_KINDS = 16


def _counted_bytes(text: str) -> bytes | None:
    """``text`` as one byte per class of character: ``a`` for a character of ``\\w``
    (one for each of its UTF-8 bytes), ``-`` for a joiner, a space for anything else.
    None when the text holds more than a few kinds of non-word characters outside ASCII
    (each is replaced in a pass of its own)."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) != len(text):  # not ASCII: classify each character outside it
        outside = set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
        others = [ch for ch in outside if not (ch.isalnum() or ch == "_")]
        if len(others) > _MAX_OTHER_KINDS:
            return None
        for ch in others:
            data = data.replace(ch.encode("utf-8", "surrogatepass"), b"-" if ch == "’" else b" ")
    return data.translate(_WORD_CLASS)


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in WORD_RE.finditer(text, start, end)]


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences inside ``text[start:end]`` as (start, end) offsets, without surrounding space."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _SENTENCE_END_RE.finditer(text, start, end):
        stop = m.start() + len(m.group(0).rstrip())
        # Only the tail can be an abbreviation: slicing the whole sentence on every
        # candidate end made long turns (and a run of abbreviations) quadratic.
        if text[max(cursor, stop - _LONGEST_ABBREVIATION) : stop].lower().endswith(_ABBREVIATIONS):
            continue
        spans.extend(_trimmed(text, cursor, stop))
        cursor = m.end()
    spans.extend(_trimmed(text, cursor, end))
    return spans


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield (start, end)


def snippet(text: str, start: int, end: int, width: int = 80) -> str:
    """A one-line quote of ``text[start:end]`` shortened in the middle to ``width``."""
    quote = " ".join(text[start:end].split())
    if len(quote) <= width:
        return quote
    half = (width - 1) // 2
    return quote[:half].rstrip() + "…" + quote[-(width - half - 1) :].lstrip()


_QUOTE_CLASS = {
    "'": "['‘’`´]",
    "‘": "['‘’`´]",
    "’": "['‘’`´]",
    '"': '["“”„]',
    "“": '["“”„]',
    "”": '["“”„]',
    "„": '["“”„]',
    "-": "[-–—]",
    "–": "[-–—]",
    "—": "[-–—]",
    "…": "(?:…|\\.\\.\\.)",
}


def find_quote(
    text: str, quote: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Where ``quote`` occurs in ``text[start:end]``, ignoring differences in white space,
    straight versus curly quotes, dashes and letter case."""
    words = quote.split()
    if not words:
        return []
    pattern = r"\s+".join("".join(_QUOTE_CLASS.get(ch, re.escape(ch)) for ch in w) for w in words)
    regex = re.compile(pattern, re.IGNORECASE)
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in regex.finditer(text, start, end)]


CELL_LIMIT = 32_767
"""The most characters a spreadsheet cell holds (Excel, LibreOffice)."""
_SENTENCE_STOP_RE = re.compile(r"[.!?…]+[’'”\")]*(?=\s|$)")


def cut_at_sentence(text: str, limit: int) -> str:
    """``text`` when it fits in ``limit`` characters, else its longest head that ends at
    a sentence end (else at a word end), never inside a word."""
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    stops = [m.end() for m in _SENTENCE_STOP_RE.finditer(head) if m.end() <= limit]
    if stops:
        return text[: stops[-1]]
    space = max(head.rfind(" "), head.rfind("\n"))
    return text[:space].rstrip() if space > 0 else text[:limit]


def fit_cell(text: str, limit: int = CELL_LIMIT) -> str:
    """Text for one spreadsheet cell: whole when it fits, else cut at a sentence end
    with a note saying so (the full text stays in the transcript)."""
    if len(text) <= limit:
        return text
    note = f" […] [ingekort: {len(text)} tekens, een cel houdt er {limit}; zie het transcript]"
    return cut_at_sentence(text, limit - len(note)) + note


def short_quote(text: str, width: int = 160) -> str:
    """A one-line quote of at most about ``width`` characters: whole when it fits, else
    its beginning and end cut at word (preferably sentence) boundaries around ``[…]``."""
    quote = " ".join(text.split())
    if len(quote) <= width:
        return quote
    marker = " […] "
    budget = max(width - len(marker), 10)
    head_len, tail_len = budget * 2 // 3, budget - budget * 2 // 3
    head = cut_at_sentence(quote, head_len)
    if len(head) < head_len // 2:  # no sentence end near: cut at a word end instead
        head = quote[: quote.rfind(" ", 0, head_len + 1)].rstrip() or head
    tail_from = len(quote) - tail_len
    space = quote.find(" ", tail_from - 1)
    tail = quote[space + 1 :] if 0 <= space < len(quote) - 1 else ""
    if len(head) >= len(quote) - len(tail):
        return quote
    return head + marker + tail if tail else head + " […]"
