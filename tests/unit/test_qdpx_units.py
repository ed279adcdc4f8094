"""The small pieces of REFI-QDA support: offset mapping, labels, GUIDs, colours, keywords."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cmo.core.text import normalise
from cmo.refi import conventions as rc
from cmo.refi.offsets import OffsetMap, choose_crlf_counting

PIECES = ["a", "b", "é", "e\u0301", " ", "  ", "\t", "\n", "\r\n", "\r", "\ufeff", "\x00", "woord"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_offset_map_builds_exactly_the_normalised_text(pieces):
    raw = "".join(pieces)
    for crlf_two in (False, True):
        mapping = OffsetMap(raw, crlf_is_two=crlf_two)
        assert mapping.text == normalise(raw)
        positions = [mapping(p) for p in range(mapping.source_length + 3)]
        assert all(0 <= p <= len(mapping.text) for p in positions)
        assert positions == sorted(positions)  # order is kept


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Ik", "heb", "café", " ", "\r\n", "\n", "  \r\n", "\ufeff"]), max_size=30
    ),
    st.data(),
)
def test_a_selection_keeps_its_words(pieces, data):
    raw = "".join(pieces)
    lf = raw.replace("\r\n", "\n").replace("\r", "\n")
    words = [
        (i, w)
        for i, w in enumerate(lf.split(" "))
        if w.strip() and "\n" not in w and "\ufeff" not in w
    ]
    if not words:
        return
    index, word = data.draw(st.sampled_from(words))
    start = len(" ".join(lf.split(" ")[:index])) + (1 if index else 0)
    mapping = OffsetMap(raw)
    assert mapping.text[mapping(start) : mapping(start + len(word))] == word


def test_crlf_counted_as_two_is_recognised_from_selection_names():
    raw = "Kop\r\nR: Ik heb structuur.\r\nR: Ik ben trots op mezelf.\r\n"
    two = raw.index("trots op mezelf")
    one = raw.replace("\r\n", "\n").index("trots op mezelf")
    assert choose_crlf_counting(raw, [(two, "trots op mezelf")]) is True
    assert choose_crlf_counting(raw, [(one, "trots op mezelf")]) is False
    assert choose_crlf_counting("geen windows\n", [(0, "geen")]) is False
    mapping = OffsetMap(raw, crlf_is_two=True)
    assert mapping.text[mapping(two) : mapping(two + 15)] == "trots op mezelf"


def test_labels_ids_and_slugs():
    assert rc.split_label("M1a Maatwerk") == ("M1a", "Maatwerk")
    assert rc.split_label("O3.1 Geïsoleerd") == ("O3.1", "Geïsoleerd")
    assert rc.split_label("Sociaal netwerk") == (None, "Sociaal netwerk")
    assert rc.split_label("C Contexten") == ("C", "Contexten")
    assert rc.split_label("Relatie") == (None, "Relatie")
    assert rc.split_label("netwerk Sociaal netwerk", strict=True) == ("netwerk", "Sociaal netwerk")
    assert rc.code_label("M1a", "Maatwerk") == "M1a Maatwerk"
    assert rc.slug("Sociaal netwerk & buurt!") == "sociaal-netwerk-buurt"
    assert [rc.family_of_name(n) for n in ("Contexten", "Mechanism", "Outcomes", "O", "Thema")] == [
        "C",
        "M",
        "O",
        "O",
        None,
    ]


def test_guids_colours_and_keywords():
    assert (
        rc.clean_guid("{6A1C0D54-9E1B-4C55-9C1E-0F2B1D3A7E01}")
        == "6a1c0d54-9e1b-4c55-9c1e-0f2b1d3a7e01"
    )
    assert rc.clean_guid("not-a-guid") is None
    assert rc.guid_for("user", "anna") == rc.guid_for("user", "anna") != rc.guid_for("user", "bo")
    assert rc.colour_or_none("#f0a") == "#FF00AA"
    assert rc.colour_or_none("e07a1f") == "#E07A1F"
    assert rc.colour_or_none("red") is None
    text = rc.description_with_keywords("Definitie.", ("korte lijnen", "wmo"))
    assert rc.split_keywords(text) == ("Definitie.", ("korte lijnen", "wmo"))
    assert rc.split_keywords("Alleen tekst.") == ("Alleen tekst.", ())
    assert rc.xml_text("a\x01b\x0bc\td") == "abc\td"


def test_cmoc_description_round_trip():
    values = {
        "casus": "De Cirkel Almere",
        "contexts": ["C1"],
        "mechanisms": ["M1a", "M2b"],
        "outcomes": [],
        "resource": "Koffie\nen aandacht",
        "reasoning": "",
        "fired": "gemengd",
        "relation": "verfijnt",
        "memo": "Memo: met dubbele punt",
        "sentence": "Als de drempel laag is, dan komen mensen, omdat …",
    }
    text = rc.cmoc_description("CMOC-01", "Titel", values)
    assert text.startswith("CMO-configuratie CMOC-01: Titel")
    assert rc.parse_cmoc_description(text) == values
    assert rc.parse_cmoc_description("Een codegroep") is None
