"""Writing REFI-QDA XML fast: strings built directly, in the order the schema demands.

A million-word project has a hundred thousand selections; building an element
tree for them costs more than writing the text. Every value passes through
``attr``/``text`` so it is escaped and free of characters XML 1.0 cannot hold.
"""

from __future__ import annotations

import re

from . import conventions as rc

_ATTR = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


# Most values need no escaping at all: one search decides (str.translate with a dict
# costs microseconds per call, and an export escapes one quote per coding).
ATTR_SPECIAL = re.compile('[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')
_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def attr(value: object) -> str:
    value = str(value)
    if ATTR_SPECIAL.search(value) is None:
        return value
    return rc.xml_text(value).translate(_ATTR)


def text(value: str) -> str:
    if _TEXT_SPECIAL.search(value) is None:
        return value
    return rc.xml_text(value).translate(_TEXT)


def attrs(**values: object) -> str:
    """`` name="value"`` pairs in the given order, skipping None and empty strings."""
    return "".join(f' {k}="{attr(v)}"' for k, v in values.items() if v is not None and v != "")


def date_time(value: str | None) -> str | None:
    """An ``xsd:dateTime`` from stored ISO text; None if empty or not a date at all.

    cmo's own time stamps are valid as they are (the fast path: one per coding);
    anything else another tool wrote is read as ISO 8601 and written in UTC.
    """
    return rc.xsd_date_time(value)


def description(value: str, indent: str) -> str:
    return f"{indent}<Description>{text(value)}</Description>\n" if value else ""
