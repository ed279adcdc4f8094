"""Fuzzy ranking of codes for the code picker (rapidfuzz over id, name, definition, keywords).

An exact id wins; then a word of the name or a keyword that starts with the query;
then fuzzy matches, the definition counting least. A code that matches in several
fields outranks one that matches in one, so ``klantbenadering`` puts M3b (name and
keyword) above M3a (name only). Accents do not count: ``isol`` finds "Trede 1 –
geïsoleerd", ``cliënt`` and ``client`` are the same word.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from ...core.domain import Code


def score(code: Code, query: str) -> float:
    """How well ``code`` matches ``query`` (0 = not at all, above 100 = exact and more)."""
    q = fold(query.strip())
    if not q:
        return 0.0
    cid, name, keywords, definition = _fields(code.id, code.name, code.keywords, code.definition)
    if cid == q:
        id_score = 200.0
    elif cid.startswith(q):
        id_score = 150.0 - (len(cid) - len(q))
    else:
        id_score = fuzz.ratio(q, cid) * 0.6
    name_score = max(_word_prefix(q, name), fuzz.partial_ratio(q, name) * 0.9)
    kw_score = max(
        (
            100.0 if k == q else max(_word_prefix(q, k) - 2, fuzz.ratio(q, k) * 0.85)
            for k in keywords
        ),
        default=0.0,
    )
    def_score = (
        (80.0 if q in definition else fuzz.partial_ratio(q, definition) * 0.7)
        if len(q) >= 3
        else 0.0
    )
    fields = sorted((id_score, name_score, kw_score, def_score), reverse=True)
    # A second strong field adds a little, so matches in name and keyword beat name alone.
    return fields[0] + sum(2.0 for f in fields[1:] if f >= 80)


def rank(
    codes: list[Code], query: str, limit: int | None = None, threshold: float = 55.0
) -> list[Code]:
    """Codes matching ``query``, best first; all codes in codebook order for no query."""
    if not query.strip():
        return codes[:limit] if limit else list(codes)
    scored = [(score(c, query), pos, c) for pos, c in enumerate(codes)]
    hits = sorted((s for s in scored if s[0] >= threshold), key=lambda s: (-s[0], s[1]))
    found = [c for _, _, c in hits]
    return found[:limit] if limit else found


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case without accents (ï → i, ë → e)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=2048)
def _fields(cid: str, name: str, keywords: tuple[str, ...], definition: str):
    """A code's searched fields, folded once (the picker ranks on every key typed)."""
    return fold(cid), fold(name), [fold(k) for k in keywords], fold(definition)


def _word_prefix(query: str, text: str) -> float:
    """98 when a word of ``text`` (or the text) starts with ``query``, else 0."""
    if text.startswith(query):
        return 98.0
    return 98.0 if any(w.startswith(query) for w in text.replace("–", " ").split()) else 0.0
