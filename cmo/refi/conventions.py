"""What the REFI-QDA export and import agree on: names, GUIDs and the conventions cmo uses.

REFI-QDA (QDPX projects, QDC codebooks) has no place for some of what cmo keeps:
a code's id and keywords, whether it is emergent, the kind of a Case, a CMO
configuration. cmo writes those in ways every tool shows and keeps (a code is
named ``"M1a Financiële opbrengst"``, keywords end its Description, emergent codes
form a Set, casussen and participants carry a ``cmo.soort`` variable), and reads
them back. Files from other tools simply lack them.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

from ..core.guids import CMO_NAMESPACE, derived_guid, stable_guid  # noqa: F401 (re-exported)

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
NS_PREFIX = "urn:QDA-XML:"
ORIGIN_PREFIX = "cmo "


FAMILY_NAMES = {"C": "Context", "M": "Mechanisme", "O": "Uitkomst"}
_FAMILY_RE = {
    "C": re.compile(r"^(?:c\s*[-–:.]?\s*)?(?:contexten|contexts?|c)$", re.IGNORECASE),
    "M": re.compile(r"^(?:m\s*[-–:.]?\s*)?(?:mechanism(?:en|e|s)?|m)$", re.IGNORECASE),
    "O": re.compile(r"^(?:o\s*[-–:.]?\s*)?(?:uitkomst(?:en)?|outcomes?|o)$", re.IGNORECASE),
}

EMERGENT_SET = "cmo: emergente codes"
NAMED_ALONE_SET = "cmo: namen uit andere programma's"
"""Codes and clusters that came from another tool and are written by their name alone;
the Set's Description maps each GUID to the cmo id (JSON), so cmo reads the ids back."""
KEYWORDS_LABEL = "Trefwoorden: "
CMOC_HEADER = "CMO-configuratie"
EVIDENCE_FOR = " bewijs"
EVIDENCE_AGAINST = " tegenbewijs"
"""How an evidence Link (CMOC → selection) is named after the CMOC id: the direction
('ondersteunt' or 'weerspreekt') travels in the name every tool shows."""
THEORY_SET = "cmo: programmatheorie"
"""A Set without members whose Description holds the programme theory's versions and
CMOC chains (JSON lines, as a CMOC Set's); other tools show it as an empty set."""
THEORY_HEADER = "Programmatheorie van cmo"

# Each casus is also a code with its Case's GUID, coding its transcripts whole: the form in
# which NVivo writes cases and QualCoder reads them (it ignores a named Case's SourceRef).
CASES_GROUP = "cmo: casussen"
CASES_GROUP_GUID = stable_guid("group", "casussen")
CASES_GROUP_DESCRIPTION = (
    "Elke casus als code met de GUID van zijn Case, die zijn transcripten geheel codeert."
)

# Variables cmo writes on Cases and TextSources.
VAR_KIND = "cmo.soort"  # on a Case: 'casus' or 'deelnemer'
VAR_CASUS = "cmo.casus"  # participant's casus; a transcript's casus
VAR_ROLE = "cmo.rol"
VAR_PSEUDONYM = "cmo.pseudoniem"
VAR_TRANSCRIPT_KIND = "cmo.transcriptsoort"
VAR_SOURCE_NAME = "cmo.bronbestand"
VAR_SHA = "cmo.sha256"
CASE_CASUS = "casus"
CASE_PARTICIPANT = "deelnemer"

_GUID_RE = re.compile(
    r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$"
)
_HEX = "0123456789abcdefABCDEF"
_CODE_ID_RE = re.compile(r"^[A-Za-z][\w.\-]{0,15}$")
_COLOUR_RE = re.compile(r"^#?([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
_XSD_COLOUR_RE = re.compile(r"^#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
_WHOLE_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9._\-]{0,15}$")
# XML 1.0 forbids most control characters even as character references.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def guid_for(kind: str, key: str) -> str:
    """A stable GUID for something that has no stored one (a coder, a family, a variable).

    The same coder, family or variable gets the same GUID in every export of every
    project, so two exports of an unchanged project are identical.
    """
    return stable_guid(kind, key)


def clean_guid(value: str | None) -> str | None:
    """The GUID in canonical form (lower case, no braces), or None if it is not one.

    ATLAS.ti writes upper case, some tools wrap GUIDs in braces; both are valid REFI-QDA.
    """
    if not value:
        return None
    if len(value) == 36 and value[8] == value[13] == value[18] == value[23] == "-":
        # The common case, without a regular expression: only hex digits around the dashes.
        return None if value.replace("-", "").strip(_HEX) else value.lower()
    match = _GUID_RE.match(value.strip())
    return match.group(1).lower() if match else None


def local(tag: object) -> str:
    """An element's name without its namespace, whatever prefix the file used."""
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def xml_text(value: str) -> str:
    """Text that XML 1.0 can carry (control characters other than tab and newline dropped)."""
    return _XML_BAD.sub("", value)


def colour_or_none(value: str | None) -> str | None:
    """``#RRGGBB`` (upper case) from ``#rgb``, ``#rrggbb`` or ``rrggbb``; None if not a colour."""
    if not value:
        return None
    match = _COLOUR_RE.match(value.strip())
    if not match:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return "#" + digits.upper()


def file_colour(value: str | None) -> str:
    """A colour as the file wrote it when the schema allows it (``#f00`` stays ``#f00``),
    so it goes out again byte for byte; otherwise normalised, or '' if not a colour."""
    if value and _XSD_COLOUR_RE.match(value):
        return value
    return colour_or_none(value) or ""


def parse_date_time(value: str | None) -> datetime | None:
    """Any ISO 8601 date-time a QDA tool writes, or None.

    ``datetime.fromisoformat`` reads the common forms (``Z``, offsets, 1–7 decimals,
    a space for ``T``, the basic format); QualCoder writes an offset *and* a ``Z``
    (``2026-12-01T18:46:23.294+00:00Z``), which is repaired first.
    """
    if not value:
        return None
    text = value.strip()
    if len(text) > 6 and text[-1] in "Zz" and text[-7] in "+-" and text[-4] == ":":
        text = text[:-1]
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


XSD_DATE_TIME = re.compile(r"^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?$")


def xsd_date_time(value: str | None) -> str | None:
    """``value`` if it already is an ``xsd:dateTime`` (the fast path, once per coding),
    else the same instant read as ISO 8601 (see ``iso_date_time``), else None."""
    if not value:
        return None
    if XSD_DATE_TIME.match(value):
        return value
    return iso_date_time(value)


def iso_date_time(value: str | None) -> str | None:
    """A stored time stamp as ``xsd:dateTime`` text (UTC when the zone is known), or None."""
    parsed = parse_date_time(value)
    if parsed is None:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
    return parsed.isoformat(timespec="milliseconds" if parsed.microsecond else "seconds")


def whole_name_is_id(name: str) -> bool:
    """A name that is an id and nothing else (``C1``, ``M3b``, ``O3.1``): kept as the id."""
    return bool(_WHOLE_ID_RE.match(name)) and (
        any(ch.isdigit() for ch in name) or (name.isupper() and len(name) <= 3)
    )


def family_of_name(name: str) -> str | None:
    """'C', 'M' or 'O' when ``name`` names a family node ("Context", "Mechanismen", "O")."""
    name = " ".join(name.split())
    return next((f for f, regex in _FAMILY_RE.items() if regex.match(name)), None)


def code_label(code_id: str, name: str) -> str:
    """How cmo names a code or cluster in REFI-QDA: its id, a space, its name."""
    return name if name.split(" ", 1)[0] == code_id else f"{code_id} {name}".strip()


def split_label(label: str, strict: bool = False) -> tuple[str | None, str]:
    """(id, name) from ``"M1a Financiële opbrengst"``; (None, label) if no id is recognisable.

    Args:
        label: The Code or Set name from the file.
        strict: The file was written by cmo, so the first word is always the id.
    """
    label = " ".join(label.split())
    first, _, rest = label.partition(" ")
    if strict and first:
        return first, rest or first
    looks_like_id = bool(_CODE_ID_RE.match(first)) and (
        any(ch.isdigit() for ch in first) or (first.isupper() and len(first) <= 3)
    )
    if looks_like_id and rest:
        return first, rest
    return None, label


def slug(text: str, limit: int = 30) -> str:
    """A readable id from a name: ``"Sociaal netwerk!"`` → ``"sociaal-netwerk"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_text.lower())
    return "-".join(words)[:limit].strip("-") or "code"


def description_with_keywords(definition: str, keywords: tuple[str, ...] | list[str]) -> str:
    if not keywords:
        return definition
    line = KEYWORDS_LABEL + "; ".join(keywords)
    return f"{definition}\n\n{line}" if definition else line


def split_keywords(description: str) -> tuple[str, tuple[str, ...]]:
    """(definition, keywords) from a Description cmo wrote; other text is all definition."""
    text = description.strip()
    head, sep, last = text.rpartition("\n")
    candidate = last if sep else text
    if not candidate.startswith(KEYWORDS_LABEL):
        return description, ()  # exactly as written: it goes back out unchanged
    words = tuple(k.strip() for k in candidate[len(KEYWORDS_LABEL) :].split(";") if k.strip())
    return (head.strip() if sep else ""), words


# A CMO configuration travels as a Set whose Description any tool shows and cmo reads back:
# one "Label: JSON value" line per field, after a header line.
CMOC_FIELDS = (
    ("casus", "Casus"),
    ("contexts", "Context"),
    ("mechanisms", "Mechanisme"),
    ("outcomes", "Uitkomst"),
    ("resource", "Hulpbron"),
    ("reasoning", "Redenering"),
    ("fired", "Geactiveerd"),
    ("relation", "Relatie"),
    ("memo", "Memo"),
    ("sentence", "Zin"),
)


def cmoc_description(cmoc_id: str, title: str, values: dict) -> str:
    import json

    lines = [f"{CMOC_HEADER} {cmoc_id}: {title}".rstrip(": ")]
    for key, label in CMOC_FIELDS:
        lines.append(f"{label}: {json.dumps(values.get(key, ''), ensure_ascii=False)}")
    return "\n".join(lines)


def parse_cmoc_description(text: str) -> dict | None:
    """The fields of a CMOC Set written by cmo; None if the Set is something else."""
    import json

    lines = text.strip().splitlines()
    if not lines or not lines[0].startswith(CMOC_HEADER):
        return None
    labels = {label: key for key, label in CMOC_FIELDS}
    values: dict = {}
    for line in lines[1:]:
        label, sep, raw = line.partition(": ")
        if sep and label in labels:
            try:
                values[labels[label]] = json.loads(raw)
            except ValueError:
                values[labels[label]] = raw
    return values


THEORY_FIELDS = (("versions", "Versies"), ("chains", "Ketens"))
SNAPSHOT_EVIDENCE = ("supporting", "against")
"""The fields of a version's CMOC snapshot ('was') that list codings: by row id in the
project, by selection GUID in the file (row ids differ in the project imported into)."""
SNAPSHOT_CODES = ("contexts", "mechanisms", "outcomes")


def theory_description(versions: list[dict], chains: list[dict]) -> str:
    """The Description of :data:`THEORY_SET`: a header, then one "Label: JSON" line each."""
    import json

    values = {"versions": versions, "chains": chains}
    lines = [THEORY_HEADER]
    for key, label in THEORY_FIELDS:
        lines.append(f"{label}: {json.dumps(values[key], ensure_ascii=False)}")
    return "\n".join(lines)


def parse_theory_description(text: str) -> dict | None:
    """{'versions': [...], 'chains': [...]} from a theory Set cmo wrote; None otherwise."""
    import json

    lines = text.strip().splitlines()
    if not lines or lines[0].strip() != THEORY_HEADER:
        return None
    labels = {label: key for key, label in THEORY_FIELDS}
    values: dict = {"versions": [], "chains": []}
    for line in lines[1:]:
        label, sep, raw = line.partition(": ")
        if sep and label in labels:
            try:
                found = json.loads(raw)
            except ValueError:
                return None
            if not isinstance(found, list) or not all(isinstance(x, dict) for x in found):
                return None
            values[labels[label]] = found
    return values
