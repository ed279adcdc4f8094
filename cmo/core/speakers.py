"""Who is speaking: recognising role, generic and named speaker labels, and naming
participants.

Three kinds of label occur in Dutch transcripts:

* role and generic labels (``Interviewer``, ``R``, ``D3``, ``Deelnemer``, ``Cliënt``,
  ``Klantmanager 2``, ``Vrouw``, ``Man 1``, ``Spreker 1``), in any case, with or without
  a number: they name a person only within one transcript;
* names with a form of address (``Mevrouw Jansen``, ``Dhr. de Vries``, ``Mw. Bakker``);
* plain names (``Marieke``, ``Jan de Vries``).

A named speaker is one person across the casus; a generic label is qualified by the
transcript, because ``Deelnemer`` in two interviews is two people.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# Role words and the role a participant gets from them ("" = no role implied).
ROLE_WORDS: dict[str, str] = {
    "interviewer": "interviewer",
    "interviewster": "interviewer",
    "onderzoeker": "interviewer",
    "int": "interviewer",
    "i": "interviewer",
    "v": "interviewer",
    "vraag": "interviewer",
    "gespreksleider": "gespreksleider",
    "gespreksleidster": "gespreksleider",
    "gl": "gespreksleider",
    "moderator": "gespreksleider",
    "facilitator": "gespreksleider",
    "klantmanager": "klantmanager",
    "coach": "coach",
    "werkcoach": "coach",
    "jobcoach": "coach",
    "consulent": "consulent",
    "werkconsulent": "consulent",
    "trajectbegeleider": "trajectbegeleider",
    "casemanager": "casemanager",
    "beleidsmedewerker": "beleidsmedewerker",
    "cliënt": "cliënt",
    "client": "cliënt",
    "klant": "cliënt",
    "respondent": "",
    "resp": "",
    "r": "",
    "a": "",
    "antwoord": "",
    "deelnemer": "",
    "deelneemster": "",
    "d": "",
    "participant": "",
    "p": "",
    "spreker": "",
    "speaker": "",
    "persoon": "",
    "vrouw": "",
    "man": "",
}
STAFF_ROLES = frozenset({"interviewer", "gespreksleider"})
# Words that are labels only on their own: "Vraag 3:" is a topic-guide heading.
_BARE_ONLY = {"vraag", "antwoord", "v", "a", "int"}
# ... and words that are labels only with a number: "Spreker:" heads a table column.
_NUMBERED_ONLY = {"spreker", "speaker", "persoon"}
# Forms of address that make the next words a name ("Mevrouw Jansen", "Dhr. de Vries").
ADDRESS_FORMS = (
    "mevrouw",
    "mevr.",
    "mevr",
    "mw.",
    "mw",
    "meneer",
    "mnr.",
    "dhr.",
    "dhr",
    "de heer",
    "mr.",
    "mrs.",
    "ms.",
)
_ROLE_RE = re.compile(
    r"^(?P<word>[^\W\d_]+)\.?(?:\s*(?P<num>\d{1,3}|[A-Z]))?$",
)
_ADDRESS_RE = re.compile(
    r"^(?:" + "|".join(re.escape(a) for a in sorted(ADDRESS_FORMS, key=len, reverse=True)) + r")"
    r"\s+\S",
    re.IGNORECASE,
)
_NUMBERED_RE = re.compile(r"^[a-z]{1,2}\d{1,3}$", re.IGNORECASE)  # R1, D3, P12, GL2
FIRST_NAMES_FILE = Path(__file__).resolve().parents[1] / "data" / "first_names.txt"


def role_word(label: str) -> str | None:
    """The role word of a role or generic label (``Klantmanager 2`` → ``klantmanager``),
    or None when the label is not one."""
    text = " ".join(label.split())
    if _NUMBERED_RE.match(text):
        return re.sub(r"\d+$", "", text).casefold()
    m = _ROLE_RE.match(text)
    if not m:
        return None
    word = m.group("word").casefold()
    if word not in ROLE_WORDS:
        return None
    if m.group("num") and word in _BARE_ONLY:
        return None
    if not m.group("num") and word in _NUMBERED_ONLY:
        return None
    return word


def is_generic(label: str) -> bool:
    """Role and generic labels (``R``, ``D3``, ``Deelnemer``, ``Cliënt``, ``Man 1``) name a
    person only within one transcript."""
    return role_word(label) is not None


def has_address_form(label: str) -> bool:
    """``Mevrouw Jansen``, ``Dhr. de Vries``: a name, whatever else is known about it."""
    return bool(_ADDRESS_RE.match(" ".join(label.split())))


def default_role(label: str) -> str:
    """The role a label implies: ``Klantmanager`` → klantmanager, ``GL`` → gespreksleider."""
    # Numbered short codes too: GL2 → gespreksleider, I2 → interviewer, R1/D3 → none.
    return ROLE_WORDS.get(role_word(label) or "", "")


def is_interviewer(label: str) -> bool:
    """An interviewer or gespreksleider label, whose text is never a participant's."""
    return default_role(label) in STAFF_ROLES


@lru_cache(maxsize=1)
def known_first_names() -> frozenset[str]:
    """Common first names in the Netherlands (casefolded), from ``cmo/data``."""
    lines = FIRST_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(n.strip().casefold() for n in lines if n.strip() and not n.startswith("#"))


IDENTITY_MODES = ("auto", "transcript", "casus")
"""How speaker labels become participants: 'auto' (names one person per casus, generic
labels one per transcript), 'transcript' (every label per transcript) or 'casus' (every
label one person per casus, for a series of interviews with the same people)."""


def participant_label(speaker: str, transcript_name: str, identity: str = "auto") -> str:
    """The participant a speaker label stands for within a casus.

    Named speakers ("Marieke") are one person across the casus; generic labels are
    qualified by the transcript, because "R" in two interviews is two people.
    """
    speaker = " ".join(speaker.split())
    if identity == "casus":
        return speaker
    if identity == "transcript" or is_generic(speaker):
        return f"{transcript_name}/{speaker}"
    return speaker
