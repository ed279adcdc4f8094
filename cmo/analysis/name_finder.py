"""Finding persons and places in Dutch text with ``deduce``, started once and fast.

deduce keeps its name and place lists as one 80 MB pickle of Python objects; loading it
takes 8–15 s, almost all of it in two lists cmo has no use for (every Dutch street name,
whose words deduce also catches by pattern — "Kerkstraat 12" —, and healthcare
institutions) and in the garbage collector walking millions of new objects. So:

* once per install (``make install`` warms it; otherwise the first use) a reduced copy of
  deduce's lookup structures is saved without those two lists, in deduce's own cache
  format, under ``CMO_DEDUCE_CACHE`` or ``<venv>/share/cmo/deduce`` (falling back to
  ``~/.cache/cmo/deduce`` when the environment is read-only);
* the copy is loaded with the garbage collector paused and then frozen, so later
  collections skip it;
* one ``Deduce`` instance serves the whole process, and each distinct text is annotated
  once (texts without a capital letter, digit or ``@`` cannot hold a name and are skipped).
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path

PERSON_TAGS = ("persoon", "patient")
PLACE_TAGS = ("locatie",)
CONTACT_TAGS = ("telefoonnummer", "emailadres", "bsn")
KEPT_TAGS = (*PERSON_TAGS, *PLACE_TAGS, "instelling", *CONTACT_TAGS)
_DROPPED_LISTS = ("street", "healthcare_institution")
_TITLE_WORDS = {
    "meneer",
    "mevrouw",
    "mevr",
    "dhr",
    "juffrouw",
    "familie",
    "fam",
    "mr",
    "mw",
    "dokter",
    "dr",
}


def cache_dir() -> Path:
    """Where the reduced lookup structures live (deduce's layout: ``<dir>/cache/…``)."""
    chosen = os.environ.get("CMO_DEDUCE_CACHE")
    if chosen:
        return Path(chosen)
    shared = Path(sys.prefix) / "share" / "cmo" / "deduce"
    if shared.exists() or os.access(sys.prefix, os.W_OK):
        return shared
    return Path.home() / ".cache" / "cmo" / "deduce"


def _cache_file(base: Path) -> Path:
    return base / "cache" / "lookup_structs.pickle"


def warm() -> Path:
    """Build the reduced lookup copy unless it is there; returns its file."""
    import deduce

    base = cache_dir()
    target = _cache_file(base)
    if _readable_cache(target, deduce.__version__):
        return target
    from datetime import datetime

    import docdeid

    gc.disable()
    try:
        full = deduce.Deduce()  # deduce's own cache (built at install) or a 1–2 min build
        structs = full.lookup_structs
        for name in _DROPPED_LISTS:
            if name in structs:
                structs[name] = docdeid.ds.LookupTrie(
                    matching_pipeline=structs[name].matching_pipeline
                )
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        with open(partial, "wb") as out:
            pickle.dump(
                {
                    "deduce_version": deduce.__version__,
                    "saved_datetime": str(datetime.now()),
                    "lookup_structs": structs,
                },
                out,
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        os.replace(partial, target)  # never a half-written cache under the real name
    finally:
        gc.enable()
    return target


def _readable_cache(path: Path, version: str) -> bool:
    if not path.is_file():
        return False
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return version.encode() in head  # the version is pickled first: a cheap staleness test


@lru_cache(maxsize=1)
def deduce_instance():
    """The one ``Deduce`` of this process, on the reduced lookup copy."""
    from deduce import Deduce

    try:
        base = warm().parent.parent
    except OSError:  # no writable cache anywhere: deduce's own (slower) start
        base = None
    gc.disable()
    try:
        instance = Deduce(cache_path=base) if base is not None else Deduce()
    finally:
        gc.freeze()  # millions of lookup objects that live as long as the process
        gc.enable()
    return instance


def may_hold_names(text: str) -> bool:
    """False for text in which deduce cannot find anything cmo keeps: no capital letter,
    digit or '@'."""
    return any(ch.isupper() or ch.isdigit() or ch == "@" for ch in text)


@lru_cache(maxsize=4096)
def detected_names(text: str) -> tuple[tuple[str, str], ...]:
    """(term, tag) for every person, place, institution, phone number, e-mail address and
    BSN that deduce finds, in order of first appearance; tags are 'persoon', 'locatie',
    'instelling' or the contact tag. A title before a name (meneer, mevrouw) is left out."""
    if not may_hold_names(text):
        return ()
    seen: dict[str, str] = {}
    annotations = deduce_instance().deidentify(text).annotations
    for annotation in sorted(annotations, key=lambda a: a.start_char):
        tag = "persoon" if annotation.tag in PERSON_TAGS else annotation.tag
        if tag not in KEPT_TAGS:
            continue
        words = annotation.text.split()
        while words and words[0].casefold().rstrip(".") in _TITLE_WORDS:
            words = words[1:]
        term = " ".join(words).strip(" .,;:")
        if len(term) > 1 and term not in seen and not term.startswith("["):
            seen[term] = tag
    return tuple(seen.items())


@lru_cache(maxsize=1)
def _dutch_words() -> frozenset[str]:
    structs = deduce_instance().lookup_structs
    words: set[str] = set()
    for name in ("stop_word", "common_word", "whitelist"):
        words.update(w.casefold() for w in structs[name].items())
    return frozenset(words)


def is_common_word(word: str) -> bool:
    """A Dutch word in deduce's lists of stop words, common words and non-names ("best",
    "goes"): such a place name is only that place when capitalised."""
    return word.casefold() in _dutch_words()


def is_title(word: str) -> bool:
    return word.casefold().rstrip(".") in _TITLE_WORDS


if __name__ == "__main__":  # `python -m cmo.analysis.name_finder`: warm the cache
    print(warm())
