"""How much a word says about which code fits: Dutch word frequency and project spread.

- ``zipf(word)``: the word's frequency in Dutch at large on the Zipf scale, from
  ``wordfreq``. Reading wordfreq's Dutch list takes 0.35 s of every start; the words at
  or above ``FLOOR`` are kept with their Zipf values in the cache folder
  (``cache.LookupTable``) and read from there a word at a time. Rarer words count as
  unknown (0): every threshold below lies above the floor, so no decision changes.
- ``general_weight`` and ``project_weight``: a keyword weighs by how distinctive it is in
  Dutch and in the project's turns (see ``lexicon.py``).
- ``content(row)``: whether a token can be evidence from a code's definition at all.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

KNOWN_WORD = 2.5
"""A word at or above this Zipf frequency is a Dutch word, not a typo of another."""
COMMON = 5.6
"""Definition words at or above this Zipf frequency (keer 5.8, kwam 5.7, houden 5.7) say
nothing about which code fits."""
FLOOR = 2.0
"""Words rarer than this are kept out of the cached list (they count as 0)."""


@lru_cache(maxsize=1)
def _frequencies():
    """{word: Zipf value} (a dict or a ``cache.LookupTable``) of the Dutch words at or
    above ``FLOOR``; None without wordfreq."""
    import importlib.util
    from pathlib import Path

    from .cache import lookup_table

    # Found without importing wordfreq (its import alone is 0.3 s: regexes, tokenisers).
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.origin:
        return None
    source = Path(spec.origin).parent / "data" / "large_nl.msgpack.gz"
    if not source.exists():
        return {}

    def build() -> dict[str, float]:
        import wordfreq

        floor = 10 ** (FLOOR - 9)
        return {
            word: round(math.log10(freq) + 9, 2)
            for word, freq in wordfreq.get_frequency_dict("nl").items()
            if freq >= floor
        }

    return lookup_table("nl-zipf", source, build)


@lru_cache(maxsize=100_000)
def zipf(word: str) -> float:
    """Dutch word frequency on the Zipf scale (0 = unknown; 7 = the commonest words)."""
    table = _frequencies()
    if table is None:  # without the word list every word counts as distinctive
        return 0.0
    if not table:
        return 0.0
    word = word.lower()
    if word in table or word.isalpha():
        return table.get(word, 0.0)
    # As wordfreq combines the words of 'e-mail' or 'm'n': 1/f = 1/f₁ + 1/f₂ …
    parts = re.findall(r"[^\W\d_]+", word)
    if not parts or any(p not in table for p in parts):
        return 0.0
    combined = -math.log10(sum(10 ** -table[p] for p in parts))
    return round(combined, 2) if combined >= FLOOR else 0.0


def general_weight(keyword: str) -> float:
    """How distinctive a keyword is in Dutch at large: 1 up to Zipf 5, falling to 0.35."""
    words = keyword.split()
    if len(words) > 1:
        return 1.0
    return max(0.35, min(1.0, (7.5 - zipf(keyword)) / 2.5))


def project_weight(share: float) -> float:
    """How distinctive a keyword is in this project: 1 below 5 % of the turns, falling to
    0.4 for a word in a third of them."""
    return max(0.4, min(1.0, 1.0 - 2.0 * (share - 0.05)))


GENERIC = frozenset(
    {
        "client",
        "klant",
        "deelnemer",
        "mens",
        "gaan",
        "komen",
        "doen",
        "zeggen",
        "hebben",
        "zijn",
        "worden",
        "kunnen",
        "willen",
        "moeten",
    }
)
"""Words of every definition that say nothing about which code fits."""


def content(row) -> bool:
    return (
        row.alpha
        and not row.stop
        and row.length > 2
        and row.norm not in GENERIC
        and zipf(row.lower) < COMMON
    )
