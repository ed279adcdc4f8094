"""Counting words on bytes (``count_words`` for long texts) gives what the word regex
gives, on every kind of character: letters and digits outside ASCII, the three joiners,
white space of every kind, punctuation, combining marks, lone surrogates."""

from __future__ import annotations

import random

import pytest

from cmo.core import text
from cmo.core.text import WORD_RE, count_words

ALPHABET = (
    "ab1_ é ë ß Ω ٣ Ⅻ ² x"  # word characters, in and outside ASCII
    "-'’"  # the joiners
    " \t\n\u00a0\u2028\u3000\x85"  # white space
    ".,!?:‘“”…–€(\u0301\ud800"  # punctuation, a combining mark, a lone surrogate
)


@pytest.mark.parametrize("seed", range(4))
def test_the_count_on_bytes_is_the_count_of_the_regex(seed, monkeypatch):
    monkeypatch.setattr(text, "_COUNT_ON_BYTES_FROM", 0)  # every text on bytes
    rng = random.Random(seed)
    for _ in range(5000):
        sample = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
        assert count_words(sample) == len(WORD_RE.findall(sample)), repr(sample)


def test_a_long_transcript_is_counted_on_bytes_and_counted_right():
    line = "I: Dus zo’n ‘cursus’ één keer per week - co-ouderschap, 3 kinderen… “echt”?\n"
    transcript = line * 200
    assert len(transcript) >= text._COUNT_ON_BYTES_FROM
    assert text._counted_bytes(transcript) is not None  # the bytes path, not the regex
    assert (
        count_words(transcript) == len(WORD_RE.findall(transcript)) == 200 * 12
    )  # I Dus zo’n cursus één keer per week co-ouderschap 3 kinderen echt


def test_many_kinds_of_punctuation_go_to_the_regex():
    kinds = "".join(chr(0x2010 + i) for i in range(20))  # dashes, quotes, daggers …
    sample = ("woord " + " ".join(kinds)) * 100
    assert text._counted_bytes(sample) is None
    assert count_words(sample) == len(WORD_RE.findall(sample)) == 100
