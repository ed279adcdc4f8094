"""The lexicon suggester: codebook keywords found in a fragment, with the words that matched.

Keywords and phrases are matched three ways with spaCy's PhraseMatcher: on the lower-case
form (``LOWER``), on the lemma (``LEMMA``) and on the stemmed key (``NORM``, see
``nlp.py``). Two more passes catch what a phrase matcher cannot: Dutch compounds (a
keyword as the head or tail of a longer word: ``schuldhulpverlening`` contains
``schuldhulp``) and spelling variants (rapidfuzz ratio ≥ 85 on words of six letters or
more). A phrase also matches *loosely* when all its words occur close together in any
order (``geloofde echt in mij`` for ``geloofde in mij``). A weak last signal is the
TF-IDF cosine between the fragment and the code's definition (``definition_words.py``),
so that a fragment without any keyword still gets a ranking.

A keyword shared by several codes counts for each of them, divided by how many share it.

Not every word is evidence (see ``docs/suggestions.md``):

- a keyword weighs by how distinctive it is: its Dutch word frequency (``wordfreq``'s
  Zipf scale, ``word_weights.py``: ``man`` 5.9 counts for two thirds, ``klantmanager``
  fully) and the share of the project's turns it occurs in (a word in every turn tells
  nothing);
- stop words never match, and a keyword given in an inflected form (``gehaald``) matches
  that form, not every form of its very common lemma (``haalt``);
- a spelling near-miss is only taken for long words the Dutch word list does not know
  (``dichterbij`` is a word of its own, not a typo of ``dichtbij``);
- short frequent nouns are homographs (``zus`` in "ik heb zus geregeld" is 'zo'): they
  count only after an article or possessive (``mijn zus``);
- phrases weigh more than single words, a long turn's evidence is scaled down by its
  length, and a keyword right after a negation (``geen vertrouwen``) is marked ``negated``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core.domain import Code
from .definition_words import DefinitionIndex
from .nlp import key_of, rows
from .word_weights import KNOWN_WORD, general_weight, project_weight, zipf

HOW_WEIGHT = {
    "exact": 1.0,
    "lemma": 0.95,
    "stem": 0.9,
    "loose": 0.75,
    "compound": 0.85,
    "compound_part": 0.6,
    "fuzzy": 0.65,
}
"""Evidence per kind of match; a keyword covering less than half of a compound
('compound_part': 'buurt' in 'buurthuis') says less than one that makes up most of it."""
DEFINITION_WEIGHT = 0.8
"""How much a perfect definition match (cosine 1) would add to a code's raw score."""
FUZZY_CUTOFF = 85
MIN_PART = 5
"""Shortest keyword that is looked for inside compounds."""
MIN_FUZZY = 7
"""Shortest word (and keyword) for a spelling near-miss."""
HOMOGRAPH_LENGTH = 3
HOMOGRAPH_ZIPF = 4.5
DETERMINERS = frozenset(
    "de het een mijn m'n je jouw zijn z'n haar d'r onze ons hun uw die deze dat".split()
)
NEGATIONS = frozenset("geen niet nooit niks niets niemand zonder nauwelijks weinig".split())
PHRASE_BONUS = 0.3
"""Extra weight per extra content word of a phrase."""
LONG_TURN = 20
"""Content words from which a fragment's evidence is scaled down (by √(words / 20))."""


@dataclass(frozen=True)
class Hit:
    """One piece of evidence for a code in a fragment (offsets relative to the doc text)."""

    code_id: str
    keyword: str
    matched: str
    start: int
    end: int
    how: str
    weight: float
    negated: bool = False

    def describe(self) -> str:
        if self.how == "definition":
            return f"definitie: {self.matched}"
        if self.negated:
            return f"'{self.matched}' (ontkend)"
        if self.how == "exact" or self.matched.lower() == self.keyword.lower():
            return f"'{self.matched}'"
        label = {
            "lemma": "lemma",
            "stem": "stam",
            "loose": "losse woorden",
            "compound": "samenstelling",
            "compound_part": "samenstelling",
            "fuzzy": "spelling",
        }[self.how]
        return f"'{self.matched}' ~ {self.keyword} ({label})"


@dataclass
class LexScore:
    raw: float = 0.0
    hits: list[Hit] = field(default_factory=list)

    @property
    def probability(self) -> float:
        """A documented monotone squashing: one specific exact keyword gives 0.63."""
        return 1.0 - math.exp(-self.raw)

    def explain(self) -> str:
        words = [h.describe() for h in sorted(self.hits, key=lambda h: -h.weight)]
        return ", ".join(dict.fromkeys(words))


class Lexicon:
    """Keyword matchers for one codebook (build once per codebook, reuse for every text)."""

    def __init__(self, nlp, codes: Iterable[Code]):
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        self.codes = {c.id: c for c in codes}
        self.matchers = {
            how: PhraseMatcher(nlp.vocab, attr=attr)
            for how, attr in (("exact", "LOWER"), ("lemma", "LEMMA"), ("stem", "NORM"))
        }
        self.keyword_codes: dict[str, set[str]] = defaultdict(set)
        terms = {(kw.strip(), c.id) for c in self.codes.values() for kw in c.keywords if kw.strip()}
        for keyword, code_id in terms:
            self.keyword_codes[keyword.lower()].add(code_id)
        keywords = sorted(self.keyword_codes)
        self.keyword_size: dict[str, int] = {}
        self.keyword_weight: dict[str, float] = {}
        self.needs_determiner: set[str] = set()
        self.part_index: dict[str, str] = {}
        self.phrases: dict[str, tuple[str, ...]] = {}
        self.phrase_index: dict[str, list[str]] = defaultdict(list)
        self.project_share: dict[str, float] = {}
        for keyword, doc in zip(keywords, nlp.pipe(keywords), strict=True):
            if len(doc) == 1 and doc[0].is_stop:
                continue  # 'alleen', 'weer': in every other sentence, about anything
            inflected = len(doc) == 1 and doc[0].lemma_.lower() not in ("", doc[0].lower_)
            for how, matcher in self.matchers.items():
                if how == "exact" or not inflected:
                    matcher.add(keyword, [doc])
            self.keyword_weight[keyword] = general_weight(keyword)
            if (
                len(doc) == 1
                and len(keyword) <= HOMOGRAPH_LENGTH
                and zipf(keyword) >= HOMOGRAPH_ZIPF
            ):
                self.needs_determiner.add(keyword)
            if len(doc) > 1:
                self.phrases[keyword] = tuple(t.norm_ for t in doc)
                # Looked up by its longest word, the one least likely to be in every text.
                self.phrase_index[max(self.phrases[keyword], key=len)].append(keyword)
            self.keyword_size[keyword] = max(1, sum(1 for t in doc if not t.is_stop))
            if len(doc) == 1 and len(doc[0].norm_) >= MIN_PART:
                self.part_index.setdefault(doc[0].norm_, keyword)
        self.parts = sorted(self.part_index, key=len, reverse=True)
        self._part_cache: dict[str, tuple[str, str] | None] = {}
        self._definitions = DefinitionIndex(self.codes.values(), nlp)

    def score(self, doc) -> dict[str, LexScore]:
        """Evidence per code for one processed doc (codes without evidence are left out)."""
        best: dict[tuple[str, int], tuple[str, int, int]] = {}
        for how, matcher in self.matchers.items():
            for match_id, start, end in matcher(doc):
                keyword = self.nlp.vocab.strings[match_id]
                key = (keyword, start)
                if key not in best or HOW_WEIGHT[how] > HOW_WEIGHT[best[key][0]]:
                    best[key] = (how, start, end)
        # The longest match wins: 'rug' inside 'duwtje in de rug' is no evidence of its own.
        phrases = [(s, e) for _how, s, e in best.values() if e - s > 1]
        best = {
            key: (how, s, e)
            for key, (how, s, e) in best.items()
            if e - s > 1 or not any(ps <= s and e <= pe for ps, pe in phrases)
        }
        lowers = [t.lower_ for t in doc]
        best = {
            (kw, st): (how, s, e)
            for (kw, st), (how, s, e) in best.items()
            if kw not in self.needs_determiner or (s > 0 and lowers[s - 1] in DETERMINERS)
        }
        covered = {i for _how, s, e in best.values() for i in range(s, e)}
        hits: list[tuple[str, str, int, int]] = [
            (kw, how, s, e) for (kw, _), (how, s, e) in best.items()
        ]
        found = {kw for kw, *_ in hits}
        hits += [(kw, "loose", s, e) for kw, s, e in self._loose(rows(doc)) if kw not in found]
        token_rows = rows(doc)
        for row in token_rows:
            if row.i in covered or not row.alpha or len(row.norm) < MIN_PART + 1:
                continue
            found = self._part(row.norm, row.lower)
            if found:
                how = found[1]
                if how == "compound" and 2 * len(found[2]) < len(row.norm):
                    how = "compound_part"
                hits.append((found[0], how, row.i, row.i + 1))
        scores: dict[str, LexScore] = defaultdict(LexScore)
        counted: dict[tuple[str, str], float] = {}
        content = sum(1 for r in token_rows if r.alpha and not r.stop)
        length_scale = 1.0 / max(1.0, (content / LONG_TURN) ** 0.5)
        for keyword, how, start, end in hits:
            codes = self.keyword_codes[keyword]
            size_bonus = 1.0 + PHRASE_BONUS * (self.keyword_size[keyword] - 1)
            weight = (
                HOW_WEIGHT[how]
                * size_bonus
                * self.keyword_weight.get(keyword, 1.0)
                * project_weight(self.project_share.get(keyword, 0.0))
                * length_scale
                / len(codes)
            )
            span = doc[start:end]
            negated = any(w in NEGATIONS for w in lowers[max(0, start - 2) : start])
            for code_id in codes:
                previous = counted.get((code_id, keyword))
                # A keyword said twice is a little more evidence, not twice as much.
                add = weight if previous is None else weight * 0.25
                counted[(code_id, keyword)] = weight
                scores[code_id].raw += add
                scores[code_id].hits.append(
                    Hit(
                        code_id,
                        keyword,
                        span.text,
                        span.start_char,
                        span.end_char,
                        how,
                        round(weight, 3),
                        negated,
                    )
                )
        # A word counts once: one already matched as a keyword adds no definition evidence.
        matched = {i for _kw, _how, s, e in hits for i in range(s, e)}
        free = [r for r in token_rows if r.i not in matched]
        for code_id, cosine, words in self._definitions.similar(free):
            weight = DEFINITION_WEIGHT * cosine * length_scale
            scores[code_id].raw += weight
            scores[code_id].hits.append(
                Hit(code_id, "", ", ".join(words), 0, 0, "definition", round(weight, 3))
            )
        return dict(scores)

    def _loose(self, token_rows) -> Iterable[tuple[str, int, int]]:
        """Phrases whose words all occur within a short window, in any order."""
        positions: dict[str, list[int]] = defaultdict(list)
        for row in token_rows:
            positions[row.norm].append(row.i)
        candidates = {kw for norm in positions for kw in self.phrase_index.get(norm, ())}
        # In a fixed order: the hits' order is the explanation's, and the order in which
        # their weights are summed (a set's order changes with every process).
        for keyword in sorted(candidates):
            norms = self.phrases[keyword]
            if not all(n in positions for n in norms):
                continue
            window = len(norms) + 3
            anchor = min(norms, key=lambda n: len(positions[n]))
            for i in positions[anchor]:
                near = [
                    min(
                        (p for p in positions[n] if abs(p - i) <= window),
                        default=None,
                        key=lambda p, i=i: abs(p - i),
                    )
                    for n in norms
                ]
                if None not in near:
                    yield keyword, min(near), max(near) + 1
                    break

    def set_project_turns(self, texts: Iterable[str]) -> None:
        """Count in how many of the project's turns each single-word keyword occurs."""
        import re

        keys = {key_of(kw): kw for kw in self.keyword_weight if " " not in kw}
        counts: dict[str, int] = defaultdict(int)
        n = 0
        for text in texts:
            n += 1
            for key in {key_of(w) for w in re.findall(r"[^\W\d_]+", text.lower())}:
                if key in keys:
                    counts[keys[key]] += 1
        self.project_share = {kw: c / n for kw, c in counts.items()} if n else {}

    def _part(self, norm: str, lower: str = "") -> tuple[str, str, str] | None:
        """A keyword inside a compound, or a near-miss spelling (cached per word key)."""
        if norm in self._part_cache:
            return self._part_cache[norm]
        found = None
        for part in self.parts:
            if len(norm) - len(part) >= 3 and (
                norm.startswith(part) or norm.endswith(part) or (len(part) >= 7 and part in norm)
            ):
                found = (self.part_index[part], "compound", part)
                break
        if (
            found is None
            and len(norm) >= MIN_FUZZY
            and zipf(norm) < KNOWN_WORD
            and zipf(lower or norm) < KNOWN_WORD
        ):
            from rapidfuzz import fuzz, process

            best = process.extractOne(
                norm,
                [p for p in self.parts if len(p) >= MIN_FUZZY],
                scorer=fuzz.ratio,
                score_cutoff=FUZZY_CUTOFF,
            )
            # Typos rarely hit the first letters; 'iemand' is no variant of 'niemand'.
            if best is not None and best[0][:2] == norm[:2]:
                found = (self.part_index[best[0]], "fuzzy", best[0])
        if len(self._part_cache) < 100_000:
            self._part_cache[norm] = found
        return found
