"""Database URLs fit to print: a leaf module that every store module may import."""

from __future__ import annotations

import re


def hide_password(url: str) -> str:
    """``url`` as SQLAlchemy renders it with the password hidden."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def shown(url: str) -> str:
    """The URL fit to print: never its password, even when it does not parse."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", hide_password(url))
