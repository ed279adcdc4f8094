"""Who is speaking: recognising interviewer and generic labels, and naming participants."""

from __future__ import annotations

import re

INTERVIEWER_LABELS = {
    "i",
    "int",
    "interviewer",
    "interviewster",
    "onderzoeker",
    "gl",
    "gespreksleider",
    "moderator",
    "v",
    "vraag",
    "facilitator",
}
_GENERIC_RE = re.compile(
    r"^(?:i|r|int|interviewer|interviewster|respondent|resp|onderzoeker|gl|gespreksleider|"
    r"moderator|facilitator|v|a|vraag|antwoord|d\d+|deelnemer\s*\d+|r\d+|p\d+|spreker\s*\d+|"
    r"speaker\s*\d+|participant\s*\d+)$",
    re.IGNORECASE,
)


def is_interviewer(label: str) -> bool:
    return label.strip().casefold() in INTERVIEWER_LABELS


def is_generic(label: str) -> bool:
    """Labels such as ``R`` or ``D3`` name a person only within one transcript."""
    return bool(_GENERIC_RE.match(label.strip()))


def default_role(label: str) -> str:
    key = label.strip().casefold()
    if key in {"gl", "gespreksleider", "moderator", "facilitator"}:
        return "gespreksleider"
    if key in INTERVIEWER_LABELS:
        return "interviewer"
    return ""


def participant_label(speaker: str, transcript_name: str) -> str:
    """The participant a speaker label stands for within a casus.

    Named speakers ("Marieke") are one person across the casus; generic labels are
    qualified by the transcript, because "R" in two interviews is two people.
    """
    speaker = " ".join(speaker.split())
    return f"{transcript_name}/{speaker}" if is_generic(speaker) else speaker
