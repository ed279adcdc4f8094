"""The lexicon suggester on a blank Dutch pipeline: keywords, lemmas, plurals, compounds."""

from __future__ import annotations

import pytest

from cmo.suggest.nlp import stem
from tests.samples import CODEBOOK
from tests.suggest_support import quotes


@pytest.fixture(scope="module")
def suggester():
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.suggest.nlp import get_nlp
    from cmo.suggest.ranker import Suggester

    return Suggester(get_nlp(), load_codebook(CODEBOOK).codes)


def ranked(suggester, text: str, top: int = 3, families: str | None = None):
    return suggester.suggest_docs([suggester.nlp(text)], top=top, families=families)[0]


@pytest.mark.parametrize(
    "word, expected",
    [
        ("schulden", "schuld"),
        ("kansen", "kans"),
        ("stapjes", "stap"),
        ("trainingen", "training"),
        ("werkgevers", "werkgever"),
        ("problemen", "probleem"),
        ("banen", "baan"),
        ("positieve", "positief"),
        ("mogelijkheden", "mogelijkheid"),
        ("lessen", "les"),
        ("kinderen", "kinder"),
        ("cursus", "cursus"),
    ],
)
def test_stem_undoes_dutch_plurals_diminutives_and_inflection(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize(
    "sentence, code",
    [
        ("Het is hier laagdrempelig, je kunt altijd binnenlopen voor een kop koffie.", "M3c"),
        ("Ik heb weer structuur en een vast ritme in mijn week.", "M1c"),
        ("Via de schuldhulp en budgetbeheer zijn mijn problemen opgelost.", "M4"),
        ("Ik wil graag een cursus volgen en een diploma halen om te leren.", "M1b"),
        ("Het salaris en een eigen inkomen, dat ik van de uitkering af kan.", "M1e"),
        ("Als zij het kan, kan ik het ook; de andere deelnemers zijn mijn voorbeeld.", "M2b"),
        ("Er is een tegenprestatie: afspraak is afspraak, voor wat hoort wat.", "M3d"),
        ("Ik heb vrijwilligerswerk gevonden en ben doorgestroomd naar een betaalde baan.", "O3"),
    ],
)
def test_a_sentence_with_a_codes_keywords_ranks_that_code_first(suggester, sentence, code):
    found = ranked(suggester, sentence)
    assert found[0].code_id == code, [(s.code_id, s.explanation) for s in found]
    assert found[0].source == "lexicon"
    assert found[0].matches and "trefwoorden" in found[0].explanation


def test_lemmas_plurals_and_diminutives_match_base_form_keywords(suggester):
    # 'problemen' → probleem (codebook: problemen), 'stapjes' → stap (kleine stappen).
    found = ranked(suggester, "We zetten kleine stapjes, mijn coach is heel realistisch.")
    assert found[0].code_id == "M3b"
    hows = {m["how"] for m in found[0].matches}
    assert hows & {"lemma", "stem", "loose"}, found[0].matches


def test_compounds_match_a_keyword_inside_a_longer_word(suggester):
    found = ranked(suggester, "De schuldhulpverleningstrajecten gaven me veel rust.")
    top = found[0]
    assert top.code_id == "M4"
    assert any(m["how"] == "compound" for m in top.matches)
    assert "samenstelling" in top.explanation


def test_spelling_variants_are_caught_by_fuzzy_matching(suggester):
    found = ranked(suggester, "Ze bleef altijd postief over me.")
    assert found[0].code_id == "M3a"
    assert found[0].matches[0]["how"] == "fuzzy"


def test_upper_case_and_offsets_of_matches(suggester):
    text = "STRUCTUUR, dat heb ik nodig."
    found = ranked(suggester, text)
    assert found[0].code_id == "M1c"
    match = found[0].matches[0]
    assert text[match["start"] : match["end"]] == "STRUCTUUR"


def test_a_phrase_beats_the_single_word_inside_it(suggester):
    # 'rug' (M4, back pain) is part of the idiom 'een duwtje in de rug' (M3a).
    found = ranked(suggester, "Hij gaf me een duwtje in de rug.")
    assert found[0].code_id == "M3a"
    assert "M4" not in [s.code_id for s in found if s.matches]


def test_family_filter_and_top(suggester):
    found = ranked(
        suggester,
        "Mijn familie en vrienden steunen mij, en ik heb weer structuur.",
        top=1,
        families="M",
    )
    assert [s.code_id for s in found] == ["M1c"]


def test_scores_are_probabilities_and_sorted(suggester):
    found = ranked(suggester, "Ik heb weer structuur, ritme en regelmaat.", top=5)
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)


def test_held_out_mechanism_quotes_reach_the_floor_with_the_codebook_alone(suggester):
    """Quotes written after the keyword lists were enriched (tests/data/suggest_quotes.yaml,
    section 'fresh'): the right mechanism must be in the top 3 for at least half."""
    held_out = quotes("fresh")
    hits = total = 0
    for code, texts in held_out.items():
        docs = list(suggester.nlp.pipe(texts))
        for found in suggester.suggest_docs(docs, top=3, families="M"):
            total += 1
            hits += code in [s.code_id for s in found]
    assert total >= 30
    assert hits / total >= 0.5, f"{hits}/{total}"


def test_neighbours_average_tfidf_and_document_vectors():
    """With a pretrained pipeline's vectors the neighbour index mixes in their cosine."""
    from cmo.suggest.learned import NeighbourIndex

    meta = [
        {"code_ids": [c], "transcript_id": 1, "start": i, "end": i + 1, "text": c}
        for i, c in enumerate(["M1c", "M4"])
    ]
    index = NeighbourIndex.build(
        [(["ritme"], meta[0]), (["schuld"], meta[1])], vectors=[[1.0, 0.0], [0.0, 1.0]]
    )
    words_only = index.query(["ritme"])
    assert [n.code_ids for n in words_only] == [["M1c"]]
    assert words_only[0].similarity == 1.0
    # No shared word, but the vector points at the M4 fragment.
    by_vector = index.query(["zorgen"], dense=[0.1, 0.9])
    assert by_vector[0].code_ids == ["M4"] and 0.4 < by_vector[0].similarity < 0.51
    restored = NeighbourIndex.from_data(index.to_data())
    assert restored.query(["zorgen"], dense=[0.1, 0.9])[0].code_ids == ["M4"]


def test_the_plain_lemma_table_gives_spacys_lemmas():
    from cmo.suggest.nlp import get_nlp

    doc = get_nlp()("De kinderen gingen met hun schulden naar de hulpverleners en hielpen elkaar")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["gingen"] == "gaan" and lemmas["hielpen"] == "helpen"
    assert lemmas["schulden"] == "schuld"
    assert {t.text: t.norm_ for t in doc}["hulpverleners"] == "hulpverlener"
