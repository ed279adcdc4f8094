"""Speaker turns from the labels people really use."""

from __future__ import annotations

import pytest

from cmo.core.text import normalise
from cmo.ingest.turns import segment


def turns_of(raw: str):
    text = normalise(raw)
    parsed = segment(text)
    for turn in parsed.turns:
        chunk = text[turn.start : turn.end]
        assert chunk == chunk.strip(), "turn spans carry no surrounding white space"
        assert chunk, "no empty turns"
    return text, parsed


@pytest.mark.parametrize(
    ("raw", "speakers"),
    [
        (
            "I: Vraag één?\nR: Antwoord één.\nI: Vraag twee?\nR: Antwoord twee.",
            ["I", "R", "I", "R"],
        ),
        ("Interviewer: Hoe gaat het?\nRespondent: Goed hoor.", ["Interviewer", "Respondent"]),
        ("GL: Welkom.\nD1: Dank je.\nD2: Ja.\nD3: Mooi.", ["GL", "D1", "D2", "D3"]),
        ("Deelnemer 3: Ik begin.\nDeelnemer 12: Ik ook.", ["Deelnemer 3", "Deelnemer 12"]),
        ("Marieke: Hoi.\nAhmed: Hallo.\nMarieke: Nou.", ["Marieke", "Ahmed", "Marieke"]),
        ("MARIEKE: Hoi.\nAHMED: Hallo.", ["MARIEKE", "AHMED"]),
        (
            "Jan de Vries: Goedemorgen.\nFatima el Amrani: Hoi.",
            ["Jan de Vries", "Fatima el Amrani"],
        ),
        ("[00:12:31] Sanne: Ja.\n[00:12:40] Kees: Nee.", ["Sanne", "Kees"]),
        ("(00:12) Sanne: Ja.\n(01:02) Kees: Nee.", ["Sanne", "Kees"]),
    ],
)
def test_label_styles(raw, speakers):
    _, parsed = turns_of(raw)
    assert [t.speaker for t in parsed.turns] == speakers


def test_offsets_point_at_the_spoken_text():
    text, parsed = turns_of("I: Hoe kwam je hier?\nR: Via de buurt.\nDat was in mei.\nI: Oké.")
    assert [text[t.start : t.end] for t in parsed.turns] == [
        "Hoe kwam je hier?",
        "Via de buurt.\nDat was in mei.",
        "Oké.",
    ]


def test_timestamps_are_normalised_and_kept():
    _, parsed = turns_of("[00:12:31] I: Eerst.\n(12:40) R: Dan.\nKees (1:02:03): Laatst.")
    assert [t.timestamp for t in parsed.turns] == ["00:12:31", "00:12:40", "01:02:03"]


def test_name_and_time_on_a_line_of_their_own_start_a_turn():
    text, parsed = turns_of("Anna Bakker   0:03\nIk begin.\nOp twee regels.\n\nPiet  0:15\nJa.")
    assert [(t.speaker, t.timestamp) for t in parsed.turns] == [
        ("Anna Bakker", "00:00:03"),
        ("Piet", "00:00:15"),
    ]
    assert text[parsed.turns[0].start : parsed.turns[0].end] == "Ik begin.\nOp twee regels."


def test_header_lines_and_colons_in_speech_are_not_speakers():
    text, parsed = turns_of(
        "Interview 3\nDatum: 4 mei\nLocatie: De Cirkel\n\nI: Wat zei ze?\n"
        "R: Ze zei: kom maar.\nBijvoorbeeld: koffie.\nI: Dank."
    )
    # The title and metadata before the first speaker are a header, not a turn.
    assert [t.speaker for t in parsed.turns] == ["I", "R", "I"]
    assert (
        text[parsed.turns[1].start : parsed.turns[1].end]
        == "Ze zei: kom maar.\nBijvoorbeeld: koffie."
    )


def test_standalone_time_stamp_belongs_to_the_next_turn():
    _, parsed = turns_of("I: Eén.\n00:05:12\nR: Twee.")
    assert [(t.speaker, t.timestamp) for t in parsed.turns] == [("I", None), ("R", "00:05:12")]


def test_text_without_labels_becomes_paragraph_turns():
    text, parsed = turns_of("Eerste alinea\nloopt door.\n\nTweede alinea.")
    assert [t.speaker for t in parsed.turns] == [None, None]
    assert text[parsed.turns[0].start : parsed.turns[0].end] == "Eerste alinea\nloopt door."


def test_focusgroep_speakers_in_order_of_appearance():
    raw = "GL: Welkom allemaal.\n" + "\n".join(
        f"{name}: Ik ben {name}." for name in ["Ans", "Bert", "Chantal", "Dirk", "Esra"]
    )
    _, parsed = turns_of(raw)
    assert parsed.speakers == ["GL", "Ans", "Bert", "Chantal", "Dirk", "Esra"]


def test_table_header_row_is_not_a_speaker():
    from cmo.ingest.readers import _table_lines

    lines = _table_lines([["Spreker", "Tekst"], ["Jos", "Ik kom hier graag."], ["GL", "Mooi."]])
    _, parsed = turns_of("\n".join(lines))
    assert [t.speaker for t in parsed.turns] == ["Jos", "GL"]  # the header row is no turn
