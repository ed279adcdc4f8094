"""Names that reach a terminal or a spreadsheet: transcript, casus, code and speaker names.

A name with a control character (ESC starting a terminal escape, a newline, BEL, a
bidirectional override such as RLO) would show as something other than what it is, or
break an export; it is refused wherever a name enters the project.
"""

from __future__ import annotations

import unicodedata

from .errors import InputError


def control_character(name: str) -> str | None:
    """The first control or format character in ``name`` as ``U+XXXX``, else None."""
    for ch in name:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            return f"U+{ord(ch):04X}"
    return None


def check_name(what: str, name: str, source: str | None = None) -> str:
    """``name`` unchanged, or ``InputError`` when it holds a control character."""
    found = control_character(name)
    if found:
        shown = name.encode("unicode_escape").decode("ascii")[:60]
        if source is not None:  # a file name may carry the same characters
            source = source.encode("unicode_escape").decode("ascii")
        raise InputError(
            source or shown, f"{what} '{shown}' contains the control character {found}; rename it"
        )
    return name


# Letters of other scripts drawn exactly like Latin ones: ids that differ only by these
# look identical on screen and in every export, so one would be coded for the other.
_LOOKALIKES = str.maketrans(
    "АВСЕНІЈКМОРЅТХУаеһіјорсѕхуԁԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιν",
    "ABCEHIJKMOPSTXYaehijopcsxydqwABEZHIKMNOPTYXoiv",
)


def lookalike_key(name: str) -> str:
    """What ``name`` looks like: compatibility forms folded (NFKC: fullwidth 'Ｃ１' is
    'C1'), look-alike Cyrillic and Greek letters read as Latin, case ignored."""
    return unicodedata.normalize("NFKC", name).translate(_LOOKALIKES).casefold()
