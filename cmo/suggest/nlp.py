"""The Dutch pipeline the suggesters share, loaded once per process.

Without a pretrained pipeline we build ``spacy.blank("nl")`` with a sentencizer and the
lookup lemmatizer of ``spacy-lookups-data``. That table misses many plurals, diminutives
and participles, so every token also gets a *key*: a light Dutch stem of its lemma
(``schulden`` → ``schuld``, ``stapjes`` → ``stap``, ``mogelijkheden`` → ``mogelijkheid``),
written to ``token.norm_`` so spaCy's PhraseMatcher can match on it (``attr="NORM"``).
When an ``nl_core_news_*`` package is installed it is loaded instead, and its lemmas and
word vectors are used automatically.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from typing import NamedTuple

PRETRAINED = ("nl_core_news_lg", "nl_core_news_md", "nl_core_news_sm")
_lock = threading.Lock()
_nlp = None


def get_nlp():
    """The shared pipeline (built on first use; thread-safe; cached per process)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = _build()
    return _nlp


def pipeline_name() -> str:
    nlp = get_nlp()
    return f"{nlp.meta.get('lang', 'nl')}_{nlp.meta.get('name', 'blank')}"


def has_vectors() -> bool:
    nlp = get_nlp()
    return bool(nlp.vocab.vectors.shape[0]) and nlp.vocab.vectors.shape[1] > 0


def import_spacy():
    """``import spacy`` without its command line.

    spaCy's package ``__init__`` imports ``spacy.cli`` for one name (``spacy.info``), and
    with it weasel, httpx and typer's machinery: 40 % of the import, every start. cmo never
    runs spaCy's command line, so a placeholder stands in for ``spacy.cli.info`` while
    spaCy imports and is removed after: a later ``import spacy.cli`` loads the real one,
    and ``spacy.info`` calls it (tests/unit/test_suggest_encoder.py checks both)."""
    import sys

    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    import types

    def info(*args, **kwargs):
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    cli = types.ModuleType("spacy.cli")
    cli.info = types.ModuleType("spacy.cli.info")
    cli.info.info = info
    placeholders = {"spacy.cli": cli, "spacy.cli.info": cli.info}
    for name, module in placeholders.items():
        sys.modules.setdefault(name, module)
    try:
        import spacy
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        spacy_module = sys.modules.get("spacy")
        if spacy_module is not None and getattr(spacy_module, "cli", None) is cli:
            del spacy_module.cli
    return spacy


def _build():
    spacy = import_spacy()
    from spacy.language import Language

    if not Language.has_factory("cmo_keys"):
        Language.component("cmo_keys")(_set_keys)
    for name in PRETRAINED:
        if spacy.util.is_package(name):
            # The parser and NER are not needed for suggestions and cost most of the time.
            nlp = spacy.load(name, exclude=["parser", "ner", "senter"])
            nlp.add_pipe("sentencizer", first=True)
            nlp.add_pipe("cmo_keys", last=True)
            return nlp
    nlp = _blank_dutch()
    nlp.add_pipe("sentencizer")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("cmo_keys")
    lookups = _plain_lookups()
    if lookups is None:
        nlp.initialize()
    else:
        lemmatizer.initialize(lookups=lookups)
    return nlp


def _blank_dutch():
    """``spacy.blank("nl")`` without the 4,500 abbreviations among its tokenizer
    exceptions ("a.s.", "bijv.", "d.w.z." …): adding them is 0.5 s of every start, and they
    only keep an abbreviation's final dot on the word. Sentences are found by
    ``core.text.sentence_spans`` and keywords are words, so suggestions do not need them
    ("bijv." becomes "bijv" "."); the contractions ("m'n", "z'n") stay."""
    from spacy.lang.nl import Dutch

    class PlainDutch(Dutch):
        class Defaults(Dutch.Defaults):
            tokenizer_exceptions = {
                k: v for k, v in Dutch.Defaults.tokenizer_exceptions.items() if "." not in k
            }

    return PlainDutch()


def _plain_lookups():
    """The Dutch lemma table as a plain dict, or None to let spaCy load it.

    spaCy's ``Table`` hashes and bloom-filters its 213,000 entries one Python call at a
    time (half a second, a quarter of the start-up); the lookup lemmatizer only ever calls
    ``table.get(text, text)``, which a dict answers the same. The pipeline is never
    serialised, so the table's own format is not needed. Reading the gzipped JSON takes
    0.3 s; a copy in the cache folder (``cache.LookupTable``) answers a word at a time,
    so a start reads only the words it meets.
    """
    try:
        from pathlib import Path

        import spacy_lookups_data
        from spacy.lookups import Lookups

        from .cache import lookup_table

        path = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json.gz"
        table = lookup_table("nl-lemmas", path, lambda: _read_gzip_json(path))
        if not table:
            return None
        lookups = Lookups()
        lookups._tables["lemma_lookup"] = table
        return lookups
    except Exception:  # a changed package layout: spaCy's own loader still works
        return None


def _read_gzip_json(path):
    import srsly

    return srsly.read_gzip_json(path)


class Row(NamedTuple):
    """What the suggesters read of one token, gathered in one pass (spaCy creates a Python
    Token object on every iteration; reading the doc once instead of six times halves the
    cost of a suggestion)."""

    i: int
    norm: str
    lower: str
    alpha: bool
    stop: bool
    skip: bool
    """Punctuation or white space."""
    length: int


_key_cache: dict[tuple[int, int], str] = {}
_lex_cache: dict[int, tuple[str, bool, bool, bool, int]] = {}


def _set_keys(doc):
    """Pipeline component: ``token.norm_`` = the stem of the lemma (or of the lower form);
    the token rows are kept in ``doc.user_data['cmo_rows']`` (see ``rows``)."""
    out = []
    for token in doc:
        lex = _lex_cache.get(token.orth)
        if lex is None:
            lex = (
                token.lower_,
                token.is_alpha,
                token.is_stop,
                token.is_punct or token.is_space,
                len(token.text),
            )
            if len(_lex_cache) < 500_000:
                _lex_cache[token.orth] = lex
        key = (token.lower, token.lemma)
        norm = _key_cache.get(key)
        if norm is None:
            lower = lex[0]
            lemma = token.lemma_.lower() if token.lemma_ else lower
            norm = key_of(lemma if lemma and lemma.isalpha() == lower.isalpha() else lower)
            if len(_key_cache) < 500_000:
                _key_cache[key] = norm
        token.norm_ = norm
        out.append(Row(token.i, norm, lex[0], lex[1], lex[2], lex[3], lex[4]))
    doc.user_data["cmo_rows"] = out
    return doc


def rows(doc) -> list[Row]:
    """The token rows of a doc processed by the pipeline (computed if missing)."""
    found = doc.user_data.get("cmo_rows")
    if found is None or len(found) != len(doc):
        _set_keys(doc)
        found = doc.user_data["cmo_rows"]
    return found


@lru_cache(maxsize=200_000)
def key_of(word: str) -> str:
    """The matching key of one word: lower case, accents folded, a light Dutch stem."""
    word = fold(word.lower())
    return stem(word) if word.isalpha() else word


def fold(word: str) -> str:
    """Remove diacritics (``reëel`` → ``reeel``, ``cliënt`` → ``client``)."""
    if word.isascii():
        return word
    return "".join(
        ch for ch in unicodedata.normalize("NFD", word) if unicodedata.category(ch) != "Mn"
    )


_VOWELS = set("aeiouy")
_DIMINUTIVES = ("etjes", "etje", "tjes", "tje", "mpjes", "mpje", "jes", "je")


def stem(word: str) -> str:
    """A small Dutch suffix stripper for plurals, diminutives and inflected adjectives.

    Both keywords and text go through it, so it only needs to be consistent, not
    linguistically exact. Examples: ``schulden`` → ``schuld``, ``kansen`` → ``kans``,
    ``stapjes`` → ``stap``, ``trainingen`` → ``training``, ``werkgevers`` → ``werkgever``,
    ``problemen`` → ``probleem``, ``banen`` → ``baan``, ``positieve`` → ``positief``.
    """
    if len(word) <= 4:
        return word
    if word.endswith("heden"):
        return word[:-5] + "heid"
    for suffix in _DIMINUTIVES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            cut = len(suffix) - 1 if suffix.startswith("mp") else len(suffix)
            return _tidy(word[:-cut], lengthen=False)
    if word.endswith("ingen"):
        return word[:-2]
    if word.endswith("'s") or word.endswith("’s"):
        return word[:-2]
    if word.endswith("en") and len(word) >= 5 and word[-3] not in _VOWELS:
        return _tidy(word[:-2], lengthen=True)
    if word.endswith("s") and word[-2] in "rlnm" and word[-3] in "ea":
        return word[:-1]
    if word.endswith("e") and len(word) >= 5 and word[-2] not in _VOWELS:
        return _tidy(word[:-1], lengthen=True)
    return word


def _tidy(base: str, lengthen: bool) -> str:
    """Undo the spelling changes of Dutch inflection on a stripped base."""
    if len(base) >= 3 and base[-1] == base[-2] and base[-1] not in _VOWELS:
        return base[:-1]  # stapp → stap, less → les
    if base.endswith("v"):
        base = base[:-1] + "f"  # positiev → positief
    elif base.endswith("z"):
        base = base[:-1] + "s"  # huiz → huis
    # An open syllable had a long vowel: tal(en) → taal, problem(en) → probleem.
    # A final e before r, l or n after an earlier vowel is a schwa (kinder, regel): keep it.
    schwa = base.endswith(("er", "el", "en")) and any(ch in _VOWELS for ch in base[:-2])
    if (
        lengthen
        and len(base) >= 3
        and base[-1] not in _VOWELS
        and base[-2] in "aeou"
        and base[-3] not in _VOWELS
        and not schwa
    ):
        return base[:-1] + base[-2] + base[-1]
    return base
