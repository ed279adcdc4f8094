"""Hypothesis strategies for transcript text: speaker labels, Dutch words, emoji,
combining accents and any other printable characters."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = [
    "ik",
    "heb",
    "weer",
    "structuur",
    "klantmanager",
    "De",
    "Cirkel",
    "werk",
    "cliënt",
    "coöperatie",
    "schulden",
    "ja",
    "nee",
    "😀",
    "e\u0301",
    "’s",
    "trots",
    "op",
    "…",
]
LABELS = ["I:", "R:", "Marieke:", "[00:12:31] Jan:", "D3:", "Interviewer:", "", "", ""]
# Words of any printable characters; control characters are refused at import (see
# test_bad_input.py), so they are left out here.
printable = st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))
word = st.sampled_from(WORDS) | st.text(printable, min_size=1, max_size=8)
line = st.builds(
    lambda label, ws: (label + " " + " ".join(ws)).strip(),
    st.sampled_from(LABELS),
    st.lists(word, min_size=0, max_size=12),
)
transcript_text = st.lists(line, min_size=1, max_size=25).map("\n".join)
