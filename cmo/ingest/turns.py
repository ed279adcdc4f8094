"""Finding speaker turns in transcript text, from the labels people really use.

Recognised: ``I:``, ``R:``, ``Interviewer:``, ``GL:``, ``D1:``, ``Deelnemer 3:``,
first names, names in capitals, ``Jan de Vries:``, ``[00:12:31] Naam:``,
``(00:12) Naam:``, ``Naam (00:12:31):`` and a name with a time stamp on a line of
its own (Teams, Otter). Lines without a label continue the current turn. A
capitalised word before a colon counts as a speaker only if it looks like one:
a role or generic label (``Deelnemer``, ``cliënt 2``, ``Man 1``, in any case), a name
with a form of address (``Mevrouw Jansen``, ``Dhr. de Vries``), a time stamp beside it,
a second appearance, a known first name or a name of two capitalised words. A lone
unknown word ("Thuis:") counts only in a transcript that uses no role labels, and
header or discourse words ("Datum:", "Let op:", "Bijvoorbeeld:") never do. Text before
the first speaker turn (title, ``Aanwezig:``, date) is a header, not a turn.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from ..core.domain import ParsedTranscript, TurnDraft
from ..core.speakers import ROLE_WORDS, has_address_form, is_generic, known_first_names

TS = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*"
_PARTICLE = r"(?:van|de|der|den|ten|ter|te|het|'t|von|el|al|ben|bin|la|le|du|da|dos)"
_ROLE = "|".join(sorted((re.escape(w) for w in ROLE_WORDS if len(w) > 2), key=len, reverse=True))
# Role words in any case ("deelnemer 3:", "CLIËNT:"), then names and short codes.
NAME = (
    rf"(?:(?i:(?:{_ROLE})\.?(?:\s*\d{{1,3}})?)(?=\s*[\[(:]|\s+{TS})"
    rf"|(?:{_WORD}|[a-z]{{1,2}}\d*)(?:\s+(?:{_PARTICLE}|{_WORD}|\d{{1,3}})){{0,3}})"
)
_LEAD_TS = rf"(?:[\[(]\s*(?P<ts1>{TS})\s*[\])]|(?P<ts2>{TS}))\s*[-–]?\s*"
LABEL_RE = re.compile(
    rf"^\s*(?:{_LEAD_TS})?(?P<name>{NAME})\s*(?:[\[(]\s*(?P<ts3>{TS})\s*[\])]|(?P<ts4>{TS}))?"
    r"\s*:(?:\s+|$)"
)
NAME_TS_LINE_RE = re.compile(rf"^\s*(?P<name>{NAME})\s+[\[(]?(?P<ts>{TS})[\])]?\s*$")
TS_LINE_RE = re.compile(rf"^\s*[\[(]?(?P<ts>{TS})[\])]?\s*$")

NOT_SPEAKERS = {
    "datum",
    "tijd",
    "tijdstip",
    "locatie",
    "plaats",
    "duur",
    "lengte",
    "aanwezig",
    "aanwezigen",
    "deelnemers",
    "onderwerp",
    "project",
    "casus",
    "transcriptie",
    "transcript",
    "opname",
    "bestand",
    "noot",
    "opmerking",
    "let op",
    "bijvoorbeeld",
    "nou",
    "dus",
    "maar",
    "en",
    "ja",
    "nee",
    "kortom",
    "conclusie",
    "samenvatting",
    "tip",
    "thema",
    "toelichting",
    "bron",
    "gemeente",
    "organisatie",
    "functie",
    "leeftijd",
    "geslacht",
    "naam",
    "titel",
    "status",
    "versie",
    "pseudoniem",
    "interview",
    "focusgroep",
    "notulen",
    "agenda",
    "doel",
    "stap",
    "fase",
    "trede",
    "let wel",
    "ps",
    "nb",
    "n.b",
    "dag",
    "week",
    "uur",
    "note",
    "date",
    "time",
    "location",
    "duration",
    "topic",
    "dus eigenlijk",
    "zoals",
    "waarom",
    "eerst",
    "daarna",
    "toen",
    "thuis",
    "nu",
    "vroeger",
    "later",
    "belangrijk",
    "vraag",
    "antwoord",
    "spreker",
    "speaker",
    "tekst",
    "text",
    "tijdcode",
    "wie",
    "wat",
}
MAX_LABEL = 40


class _Line(NamedTuple):
    """One line of the text, classified (a named tuple: a transcript has tens of
    thousands, and a frozen dataclass costs several times as much to make)."""

    start: int
    end: int
    kind: str  # 'label', 'name_ts', 'ts', 'blank', 'text'
    speaker: str | None = None
    timestamp: str | None = None
    content: int = 0  # offset where the spoken text starts (after the label)


_FRACTION = re.compile(r"[.,]")


def normalise_timestamp(raw: str | None) -> str | None:
    if not raw:
        return None
    main = _FRACTION.split(raw, 1)[0]
    parts = [int(p) for p in main.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    h, m, s = parts
    return f"{h:02d}:{m:02d}:{s:02d}"


def _classify(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if not raw.strip():
            lines.append(_Line(start, end, "blank"))
            continue
        m = LABEL_RE.match(raw)
        if m and len(m.group("name")) <= MAX_LABEL:
            ts = m.group("ts1") or m.group("ts2") or m.group("ts3") or m.group("ts4")
            lines.append(
                _Line(
                    start,
                    end,
                    "label",
                    " ".join(m.group("name").split()),
                    normalise_timestamp(ts),
                    start + m.end(),
                )
            )
            continue
        m = NAME_TS_LINE_RE.match(raw)
        if m and len(m.group("name")) <= MAX_LABEL and not TS_LINE_RE.match(raw):
            lines.append(
                _Line(
                    start,
                    end,
                    "name_ts",
                    " ".join(m.group("name").split()),
                    normalise_timestamp(m.group("ts")),
                    end,
                )
            )
            continue
        m = TS_LINE_RE.match(raw)
        if m:
            lines.append(_Line(start, end, "ts", timestamp=normalise_timestamp(m.group("ts"))))
            continue
        lines.append(_Line(start, end, "text"))
    return lines


def _accepted(lines: list[_Line]) -> set[str]:
    """The label candidates that are speakers (see the module docstring for the rule)."""
    counts = Counter(line.speaker for line in lines if line.kind in ("label", "name_ts"))
    stamped = {ln.speaker for ln in lines if ln.timestamp and ln.kind in ("label", "name_ts")}
    accepted: set[str] = set()
    undecided: set[str] = set()
    names = known_first_names()
    for name in counts:
        name = name or ""
        key = name.casefold().rstrip(".:")
        words = name.split()
        if is_generic(name) or has_address_form(name):
            accepted.add(name)
        elif key in NOT_SPEAKERS or words[0].casefold().rstrip(".") in NOT_SPEAKERS:
            continue
        elif name[:1].islower():
            continue
        elif name in stamped or counts[name] >= 2:
            accepted.add(name)
        elif words[0].casefold() in names or sum(w[:1].isupper() for w in words) >= 2:
            accepted.add(name)
        else:
            undecided.add(name)
    # A lone unknown word ("Thuis:") in an interview whose speakers are role labels
    # (I and R, each speaking several times) is text; among names it is a speaker.
    repeated = {n for n in accepted if counts[n] >= 2}
    if len(repeated) < 2 or not all(is_generic(n) for n in repeated):
        accepted |= undecided
    return accepted


def segment(text: str) -> ParsedTranscript:
    """Speaker turns of an already normalised text; offsets are into ``text``."""
    lines = _classify(text)
    speakers = _accepted(lines)
    if not speakers:
        return ParsedTranscript(text, _paragraph_turns(text, lines))
    turns: list[TurnDraft] = []
    current: dict | None = None
    pending_ts: str | None = None

    def close() -> None:
        if current and current["end"] > current["start"]:
            turns.append(
                TurnDraft(current["speaker"], current["ts"], current["start"], current["end"])
            )

    for line in lines:
        is_turn = line.kind in ("label", "name_ts") and line.speaker in speakers
        if is_turn:
            close()
            content = line.content
            while content < line.end and text[content].isspace():
                content += 1
            current = {
                "speaker": line.speaker,
                "ts": line.timestamp or pending_ts,
                "start": content,
                "end": content if content < line.end else content,
            }
            if content < line.end:
                current["end"] = line.end
            pending_ts = None
        elif line.kind == "ts":
            pending_ts = line.timestamp
        elif line.kind in ("text", "label", "name_ts"):
            if current is None:
                current = {"speaker": None, "ts": pending_ts, "start": line.start, "end": line.end}
            else:
                if current["end"] == current["start"]:
                    current["start"] = line.start
                current["end"] = line.end
    close()
    if turns and turns[0].speaker is None:
        # Title, date, "Aanwezig: …" before the first speaker: a header, not a turn.
        turns = turns[1:]
    return ParsedTranscript(text, turns)


def _paragraph_turns(text: str, lines: list[_Line]) -> list[TurnDraft]:
    """Without speaker labels, every paragraph (or every line, if there are no blank lines)
    is a turn without a speaker."""
    blocks: list[list[_Line]] = [[]]
    has_blank = any(line.kind == "blank" for line in lines)
    for line in lines:
        if line.kind == "blank" or (not has_blank and blocks[-1]):
            blocks.append([])
        if line.kind != "blank":
            blocks[-1].append(line)
    turns = []
    for block in blocks:
        if not block:
            continue
        ts = next((ln.timestamp for ln in block if ln.timestamp), None)
        turns.append(TurnDraft(None, ts, block[0].start, block[-1].end))
    return turns


def label_at(text: str, start: int, end: int) -> tuple[str | None, int]:
    """A speaker label at ``text[start:]`` (``Deelnemer: …``), as where a turn glued into
    another should begin: (the label or None, offset of the spoken text after it)."""
    line_end = text.find("\n", start, end)
    line = text[start : end if line_end < 0 else line_end]
    m = LABEL_RE.match(line)
    if not m or len(m.group("name")) > MAX_LABEL:
        return None, start
    name = " ".join(m.group("name").split())
    if not _accepted([_Line(start, start + len(line), "label", name, None, start + m.end())]):
        return None, start
    return name, start + m.end()
