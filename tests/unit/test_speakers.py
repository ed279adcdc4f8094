"""Speakers in real-world shapes, the attribution rule, and quotes that are never cut
inside a word."""

from __future__ import annotations

import re

import pytest

from cmo.core.attribution import NOWHERE, attribute
from cmo.core.speakers import default_role, is_generic, is_interviewer, participant_label
from cmo.core.text import CELL_LIMIT, count_words, cut_at_sentence, fit_cell, normalise, short_quote
from cmo.ingest.turns import label_at, segment

ROLE_LABELS = """Interview klantmanagers Sittard
Aanwezig: Interviewer, Deelnemer, Klantmanager
Datum: 3 maart 2026

Interviewer: Welkom. Hoe ervaart u het contact?
Deelnemer: Goed, eigenlijk.
Interviewer: En wat vindt u daarvan?
Cliënt: Het is lastig.
Interviewer: Kunt u dat uitleggen?
Klantmanager: Ja, we zien dat vaker.
Let op: dit is een aantekening van de transcribent.
Interviewer: Dank u.
Vrouw: Mag ik iets zeggen?
Man 1: Ik ook.
Mevrouw Jansen: Ik ben het ermee eens.
Dhr. de Vries: En ik.
Mw. Bakker: Ik niet.
Dat zei ze: kom maar.
Datum: dat weet ik niet meer.
Interviewer: Tot slot?
RESPONDENT 2: Niets meer.
spreker 1: Oké.
[00:05:48] deelnemer 3: Ja.
Moderator (00:06:01): Afronding.
Gespreksleider 00:06:30: Dank allemaal.
"""


def turns_of(raw: str):
    text = normalise(raw)
    parsed = segment(text)
    return text, [(t.speaker, t.timestamp, text[t.start : t.end]) for t in parsed.turns]


def test_role_labels_that_occur_once_are_speakers_not_interviewer_text():
    _, turns = turns_of(ROLE_LABELS)
    assert [s for s, _ts, _text in turns] == [
        "Interviewer",
        "Deelnemer",
        "Interviewer",
        "Cliënt",
        "Interviewer",
        "Klantmanager",
        "Interviewer",
        "Vrouw",
        "Man 1",
        "Mevrouw Jansen",
        "Dhr. de Vries",
        "Mw. Bakker",
        "Interviewer",
        "RESPONDENT 2",
        "spreker 1",
        "deelnemer 3",
        "Moderator",
        "Gespreksleider",
    ]
    by_speaker = {s: (ts, text) for s, ts, text in turns}
    assert by_speaker["Deelnemer"] == (None, "Goed, eigenlijk.")
    assert by_speaker["deelnemer 3"] == ("00:05:48", "Ja.")
    assert by_speaker["Moderator"] == ("00:06:01", "Afronding.")
    assert by_speaker["Gespreksleider"] == ("00:06:30", "Dank allemaal.")


def test_lines_that_only_look_like_labels_stay_text():
    _, turns = turns_of(ROLE_LABELS)
    by_speaker = {s: text for s, _ts, text in turns}
    assert by_speaker["Klantmanager"] == (
        "Ja, we zien dat vaker.\nLet op: dit is een aantekening van de transcribent."
    )
    assert by_speaker["Mw. Bakker"] == (
        "Ik niet.\nDat zei ze: kom maar.\nDatum: dat weet ik niet meer."
    )


def test_header_and_metadata_before_the_first_speaker_are_no_turn():
    text, turns = turns_of(ROLE_LABELS)
    assert turns[0][2] == "Welkom. Hoe ervaart u het contact?"
    assert text.startswith("Interview klantmanagers Sittard\nAanwezig:")


@pytest.mark.parametrize(
    ("raw", "speakers"),
    [
        ("INTERVIEWER: Vraag?\nDEELNEMER: Antwoord.", ["INTERVIEWER", "DEELNEMER"]),
        ("interviewer: Vraag?\ncliënt: Antwoord.", ["interviewer", "cliënt"]),
        ("I: Vraag?\nR: Antwoord.\nI: Nog een?\nR: Ja.\nThuis: was het stil.", ["I", "R"] * 2),
        ("Interviewer: Vraag?\nSanne: Ja.", ["Interviewer", "Sanne"]),
        ("I: Vraag?\nR1: Ja.\nR2: Nee.", ["I", "R1", "R2"]),
        ("GL: Welkom.\nMeneer Öztürk: Dank.\nMevr. El Amrani: Ja.", None),
        ("00:00:03 Vrouw 2: Ja.\n00:00:09 Man: Nee.", ["Vrouw 2", "Man"]),
        ("Coach: Hoi.\nTrajectbegeleider: Hallo.\nConsulent: Dag.", None),
        ("Interviewer: Welke vraag?\nVraag 3: hoe verder?", ["Interviewer"]),
    ],
)
def test_label_shapes(raw, speakers):
    _, turns = turns_of(raw)
    found = [s for s, _ts, _text in turns]
    if speakers is None:  # every line is a turn of its own label
        speakers = [line.split(":")[0] for line in raw.splitlines()]
    assert found == speakers


def test_roles_follow_from_role_labels():
    assert default_role("Klantmanager") == "klantmanager"
    assert default_role("klantmanager 2") == "klantmanager"
    assert default_role("Coach") == "coach"
    assert default_role("Consulent") == "consulent"
    assert default_role("Trajectbegeleider") == "trajectbegeleider"
    assert default_role("Moderator") == default_role("GL") == "gespreksleider"
    assert default_role("Interviewer") == default_role("I") == "interviewer"
    assert default_role("Cliënt") == "cliënt"
    assert default_role("Deelnemer") == default_role("Marieke") == ""
    assert is_interviewer("interviewer 2") and is_interviewer("GL") and not is_interviewer("R")


def test_generic_labels_are_per_transcript_names_per_casus():
    for label in ["R", "D3", "Interviewer", "Deelnemer", "Respondent 2", "Cliënt", "Spreker 1"]:
        assert is_generic(label), label
        assert participant_label(label, "int-1") == f"int-1/{label}"
    for label in ["Man 1", "Vrouw", "Deelnemer 3", "deelnemer 3", "Klantmanager"]:
        assert participant_label(label, "int-2") == f"int-2/{label}"
    for label in ["Marieke", "Mevrouw Jansen", "Dhr. de Vries", "Jan de Vries"]:
        assert not is_generic(label), label
        assert participant_label(label, "int-1") == label
    assert participant_label("Marieke", "int-1", "transcript") == "int-1/Marieke"
    assert participant_label("R", "int-1", "casus") == "R"


def test_label_at_finds_a_glued_label():
    text = "Hoe gaat het? Deelnemer: Goed hoor."
    assert label_at(text, 14, len(text)) == ("Deelnemer", 25)
    assert label_at(text, 0, len(text)) == (None, 0)


# ---- attribution ------------------------------------------------------------------------

STAFF = {1}
TURNS = [(0, 10, 1), (15, 30, 2), (35, 50, 1), (55, 70, 3), (75, 90, None)]


def test_question_and_answer_belong_to_the_respondent():
    (qa,) = attribute(TURNS, [(2, 25)], STAFF.__contains__)
    assert qa.participants == (2,) and qa.turn == 1


def test_interviewer_text_alone_belongs_to_nobody_but_is_shown_in_its_turn():
    (only,) = attribute(TURNS, [(36, 40)], STAFF.__contains__)
    assert only.participants == () and only.turn == 2


def test_a_fragment_across_two_participants_belongs_to_both():
    (both,) = attribute(TURNS, [(20, 60)], STAFF.__contains__)
    assert both.participants == (2, 3) and both.turn == 1


def test_outside_every_turn_and_touching_by_no_character():
    out = attribute(TURNS, [(10, 15), (30, 35), (91, 95)], STAFF.__contains__)
    assert out == [NOWHERE, NOWHERE, NOWHERE]


def test_attribution_equals_the_obvious_rule_on_many_codings():
    codings = sorted((s, s + length) for s in range(0, 95, 3) for length in (1, 4, 17, 40))
    fast = attribute(TURNS, codings, STAFF.__contains__)
    for (start, end), got in zip(codings, fast, strict=True):
        people = []
        for t_start, t_end, pid in TURNS:
            if t_start < end and start < t_end and pid is not None and pid not in STAFF:
                if pid not in people:
                    people.append(pid)
        assert got.participants == tuple(people), (start, end)


def test_attribution_refuses_unordered_codings():
    with pytest.raises(ValueError):
        attribute(TURNS, [(20, 25), (2, 5)], STAFF.__contains__)


# ---- quotes and cells -------------------------------------------------------------------

LONG = " ".join(
    f"Zin nummer {i} gaat over werk, structuur en de klantmanager die meedenkt." for i in range(80)
)


def test_short_quotes_are_cut_between_words_with_a_marker():
    words = set(re.findall(r"[\w’']+", LONG))
    for width in (40, 60, 80, 160, 300):
        quote = short_quote(LONG, width)
        assert "[…]" in quote and len(quote) <= width + 20
        head, tail = quote.split(" […] ")
        assert LONG.startswith(head) and LONG.endswith(tail)
        for part in (head.split()[-1], tail.split()[0]):
            assert part.strip(".,") in words, part  # a whole word at each side of the cut
    assert short_quote("Kort en goed.", 60) == "Kort en goed."


def test_a_5000_character_quote_fits_a_cell_whole():
    assert len(LONG) > 5000
    assert fit_cell(LONG) == LONG


def test_beyond_a_cell_the_text_is_cut_at_a_sentence_end_and_says_so():
    huge = LONG * 8
    assert len(huge) > CELL_LIMIT
    cell = fit_cell(huge)
    assert len(cell) <= CELL_LIMIT
    head, note = cell.split(" […] [ingekort")
    assert head.endswith("meedenkt.") and huge.startswith(head)
    assert str(len(huge)) in note
    assert cut_at_sentence("Een. Twee drie", 9) == "Een."


def test_one_word_count():
    # Runs of letters and digits, joined by a hyphen or apostrophe: 't is a word,
    # twee-drie one word, punctuation none.
    assert count_words("Ik heb 't zelf gedaan, twee-drie keer!") == 7
    assert count_words("Zo’n 3 à 4 keer — echt.") == 6
