"""Source text from another tool, normalised the cmo way, with its positions carried along.

REFI-QDA counts positions in Unicode code points of the plain text, a line end
being one character. cmo stores ``core.text.normalise(text)``: line ends as
``\\n``, NFC, no BOM or NUL, no trailing spaces, no blank lines at either end. This
module builds that text and maps every position of the original onto it, so a
selection keeps covering the same words. NVivo on Windows counts ``\\r\\n`` as two
characters; ``crlf_is_two`` handles that.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Callable


class OffsetMap:
    """The normalised text and a function from original positions to positions in it."""

    def __init__(self, raw: str, crlf_is_two: bool = False):
        self._crlf: list[int] = []
        if crlf_is_two:
            start = raw.find("\r\n")
            while start != -1:
                self._crlf.append(start)
                start = raw.find("\r\n", start + 2)
        lf = raw.replace("\r\n", "\n").replace("\r", "\n")
        self.source_length = len(raw) if crlf_is_two else len(lf)
        lines = lf.split("\n")
        self._raw_starts: list[int] = []
        self._lines: list[str] = lines
        cleaned: list[str] = []
        pos = 0
        for line in lines:
            self._raw_starts.append(pos)
            pos += len(line) + 1
            cleaned.append(_clean(line))
        first = next((i for i, line in enumerate(cleaned) if line), len(cleaned))
        last = next((i for i in range(len(cleaned) - 1, -1, -1) if cleaned[i]), -1)
        self._first, self._last = first, last
        self._new_starts: list[int] = [0] * len(cleaned)
        pos = 0
        for i in range(first, last + 1):
            self._new_starts[i] = pos
            pos += len(cleaned[i]) + 1
        self._cleaned = cleaned
        self.text = "\n".join(cleaned[first : last + 1])
        self.identity = not self._crlf and self.text == lf
        """True when normalising changed nothing: positions stay as they are."""

    def __call__(self, position: int) -> int:
        """Where original ``position`` lands in ``text`` (clamped into the text)."""
        if self.identity:
            return min(max(position, 0), len(self.text))
        if self._crlf:
            position -= bisect_right(self._crlf, position - 1)
        position = max(0, position)
        line = bisect_right(self._raw_starts, position) - 1
        if line < self._first:
            return 0
        if line > self._last:
            return len(self.text)
        within = position - self._raw_starts[line]
        original, cleaned = self._lines[line], self._cleaned[line]
        if within and original[: len(cleaned)] != cleaned:  # NFC, BOM or NUL changed this line
            within = len(_compose(original[:within]))
        return self._new_starts[line] + min(within, len(cleaned))


def _compose(line: str) -> str:
    if "\ufeff" in line or "\x00" in line:
        line = line.replace("\ufeff", "").replace("\x00", "")
    if not unicodedata.is_normalized("NFC", line):
        line = unicodedata.normalize("NFC", line)
    return line


def _clean(line: str) -> str:
    return _compose(line).rstrip()


def choose_crlf_counting(raw: str, samples: list[tuple[int, str]]) -> bool:
    """Whether the positions in ``samples`` count ``\\r\\n`` as two characters.

    ``samples`` are (startPosition, selection name) pairs. ATLAS.ti, NVivo and
    QualCoder name a selection after its first words, so we try both ways of counting
    and keep the one under which more names match the text. Ties keep the standard.
    """
    if "\r\n" not in raw or not samples:
        return False
    standard, two = OffsetMap(raw), OffsetMap(raw, crlf_is_two=True)
    return _matches(two, samples) > _matches(standard, samples)


def _matches(mapping: OffsetMap, samples: list[tuple[int, str]]) -> int:
    found = 0
    for start, name in samples:
        words = name.replace("…", " ").replace("...", " ").split()[:3]
        if not words:
            continue
        at = mapping(start)
        window = " ".join(mapping.text[at : at + 200].split())
        found += window.startswith(" ".join(words))
    return found


Mapper = Callable[[int], int]
