"""Inter-coder agreement, checked against worked examples from the literature.

* Cohen's κ: the 2×2 example in Wikipedia's "Cohen's kappa" article (20 both yes, 5 A
  yes/B no, 10 A no/B yes, 15 both no, of 50): pₒ = 0.7, pₑ = 0.5, κ = 0.4; and its
  two "same agreement, different κ" tables: 45/15/25/15 → κ = 0.1304 and
  25/35/5/35 → κ = 0.2593.
* Krippendorff's α: "Computing Krippendorff's Alpha-Reliability" (Krippendorff 2011):
  the 4 observers × 12 units nominal example with missing values, α = 0.743; and the
  2 observers × 10 units binary example, α = 0.095.
"""

from __future__ import annotations

import pytest

from cmo.analysis.agreement import (
    agreement,
    codings_by_coder,
    cohen_kappa,
    disagreements,
    krippendorff_alpha,
    unit_spans,
)
from cmo.core.errors import InputError

N = None
KRIPPENDORFF_NOMINAL = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]
KRIPPENDORFF_BINARY = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]


def _table(yes_yes: int, yes_no: int, no_yes: int, no_no: int) -> tuple[list, list]:
    first = ["y"] * (yes_yes + yes_no) + ["n"] * (no_yes + no_no)
    second = ["y"] * yes_yes + ["n"] * yes_no + ["y"] * no_yes + ["n"] * no_no
    return first, second


@pytest.mark.parametrize(
    "cells, kappa",
    [((20, 5, 10, 15), 0.400), ((45, 15, 25, 15), 0.1304), ((25, 35, 5, 35), 0.2593)],
)
def test_cohen_kappa_matches_the_wikipedia_examples(cells, kappa):
    assert round(cohen_kappa(*_table(*cells)), 4) == pytest.approx(kappa, abs=5e-5)


def test_krippendorff_alpha_matches_the_published_examples():
    assert round(krippendorff_alpha(KRIPPENDORFF_NOMINAL), 3) == 0.743
    assert round(krippendorff_alpha(KRIPPENDORFF_BINARY), 3) == 0.095


def test_undefined_measures_are_none_not_a_number():
    assert cohen_kappa(["y", "y"], ["y", "y"]) is None
    assert krippendorff_alpha([[1, 1], [1, 1]]) is None
    assert cohen_kappa([], []) is None


# ---- the same figures, from codings in a project -----------------------------------------


def _turn_project(project, tmp_path, n_turns: int):
    from cmo.ingest.service import import_files

    path = tmp_path / "reeks.txt"
    path.write_text(
        "\n".join(f"R: Antwoord {i}. Het ging goed met mij." for i in range(n_turns)) + "\n",
        encoding="utf-8",
    )
    import_files(project.store, [path], casus="De Cirkel Almere")
    t = project.store.transcripts.get("reeks")
    return t, project.store.transcripts.turns(t.id)


def _code_turns(store, t, turns, coder, flags, code="M3b"):
    for turn, flag in zip(turns, flags, strict=True):
        if flag:
            store.codings.add(t.id, turn.start, turn.end, code, coder=coder)


def test_project_agreement_reproduces_wikipedia_kappa(project, tmp_path):
    t, turns = _turn_project(project, tmp_path, 50)
    anna, bram = _table(20, 5, 10, 15)
    _code_turns(project.store, t, turns, "anna", [v == "y" for v in anna])
    _code_turns(project.store, t, turns, "bram", [v == "y" for v in bram])
    report = agreement(project.store, ["anna", "bram"], unit="turn")
    (m3b,) = report.codes
    assert (m3b.code, m3b.units, m3b.coded) == ("M3b", 50, {"anna": 25, "bram": 30})
    assert round(m3b.percent, 3) == 0.700
    assert round(m3b.kappa, 3) == 0.400
    assert report.overall.units == 50 and round(report.overall.kappa, 3) == 0.400


def test_project_agreement_reproduces_krippendorff_binary_alpha(project, tmp_path):
    t, turns = _turn_project(project, tmp_path, 10)
    for coder, flags in zip(("anna", "bram"), KRIPPENDORFF_BINARY, strict=True):
        _code_turns(project.store, t, turns, coder, flags)
    report = agreement(project.store, ["anna", "bram"], unit="turn", code="m3b")
    assert round(report.codes[0].alpha, 3) == 0.095
    assert report.codes[0].agreed_units == 6


def test_three_coders_get_alpha_but_no_kappa(project, tmp_path):
    t, turns = _turn_project(project, tmp_path, 4)
    _code_turns(project.store, t, turns, "anna", [1, 1, 0, 0])
    _code_turns(project.store, t, turns, "bram", [1, 1, 0, 0])
    _code_turns(project.store, t, turns, "chris", [1, 0, 0, 0])
    report = agreement(project.store, ["anna", "bram", "chris"])
    assert report.overall.kappa is None
    assert report.overall.percent == 0.75
    # By hand (Krippendorff 2011, coincidence matrix): only unit 2, values (1, 1, 0), has
    # disagreeing pairs: 4 ordered 1–0 pairs weighted 1/(m−1) = 1/2, so o₁₀ + o₀₁ = 2.
    # n₁ = 5 and n₀ = 7 of n = 12 values: α = 1 − (n−1)(o₁₀ + o₀₁) / (2·n₁·n₀) = 1 − 22/70.
    expected = 1 - 22 / 70
    assert report.overall.alpha == pytest.approx(expected)


def test_sentence_and_char_units(project, tmp_path):
    t, turns = _turn_project(project, tmp_path, 2)
    first = turns[0]
    store = project.store
    store.codings.add(t.id, first.start, first.end, "M1c", coder="anna")
    sentence_end = t.text.index(".", first.start) + 1
    store.codings.add(t.id, first.start, sentence_end, "M1c", coder="bram")
    by_sentence = agreement(store, ["anna", "bram"], unit="sentence")
    assert by_sentence.codes[0].units == 4 and by_sentence.codes[0].agreed_units == 3
    by_char = agreement(store, ["anna", "bram"], unit="char")
    non_space = sum(1 for u in turns for ch in t.text[u.start : u.end] if not ch.isspace())
    disputed = sum(1 for ch in t.text[sentence_end : first.end] if not ch.isspace())
    assert by_char.codes[0].units == non_space
    assert by_char.codes[0].agreed_units == non_space - disputed


def test_only_transcripts_every_coder_coded_count(coded_project, tmp_path):
    t, turns = _turn_project(coded_project, tmp_path, 3)
    _code_turns(coded_project.store, t, turns, "bram", [1, 0, 0])
    _code_turns(coded_project.store, t, turns, "tester", [1, 0, 0])
    report = agreement(coded_project.store, ["tester", "bram"])
    assert report.transcripts == ["reeks"]
    assert [c.code for c in report.codes] == ["M3b"] and report.overall.percent == 1.0


def test_bad_coders_and_units_are_one_line_errors(coded_project):
    with pytest.raises(InputError, match="at least two"):
        agreement(coded_project.store, ["tester"])
    with pytest.raises(InputError, match="no codings"):
        agreement(coded_project.store, ["tester", "nobody"])
    with pytest.raises(InputError, match="unit must be"):
        agreement(coded_project.store, ["tester", "tester2"], unit="paragraph")


def test_disagreements_list_the_differing_fragments(project, tmp_path):
    t, turns = _turn_project(project, tmp_path, 4)
    store = project.store
    _code_turns(store, t, turns, "anna", [1, 1, 0, 0], code="M2a")
    _code_turns(store, t, turns, "bram", [1, 0, 1, 0], code="M2a")
    _code_turns(store, t, turns, "bram", [1, 0, 0, 0], code="O1")
    found = disagreements(store, t.id, ["anna", "bram"], unit="turn")
    assert [(d.number, d.start, d.codes) for d in found] == [
        (1, turns[0].start, {"anna": ("M2a",), "bram": ("M2a", "O1")}),
        (2, turns[1].start, {"anna": ("M2a",), "bram": ()}),
        (3, turns[2].start, {"anna": (), "bram": ("M2a",)}),
    ]
    assert found[0].disputed == ("O1",)
    by_char = disagreements(store, t.id, ["anna", "bram"], unit="char")
    assert [(d.start, d.end) for d in by_char] == [(u.start, u.end) for u in turns[:3]]
    assert set(codings_by_coder(store, t.id)) == {"anna", "bram"}


def test_unit_spans_without_turns_use_the_whole_text():
    assert unit_spans("Een. Twee.", [], "turn") == [(0, 10)]
    assert unit_spans("Een. Twee.", [], "sentence") == [(0, 4), (5, 10)]
    assert len(unit_spans("a b", [], "char")) == 2


def test_merging_unanimous_units_leaves_alpha_unchanged():
    import krippendorff
    import numpy as np

    from cmo.analysis.agreement import _alpha_from_counts

    rng = np.random.default_rng(3)
    for coders in (2, 3, 5):
        data = rng.integers(0, 3, size=(coders, 400)).astype(float)
        data[:, :300] = data[0, :300]  # mostly unanimous units, as with characters
        data[rng.random(data.shape) < 0.1] = np.nan  # and some missing values
        counts = np.stack([(data == v).sum(axis=0) for v in range(3)], axis=1).astype(float)
        plain = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        assert _alpha_from_counts(counts) == pytest.approx(plain, abs=1e-12)


def test_the_2x2_formula_agrees_with_the_general_one():
    from cmo.analysis.agreement import cohen_kappa_2x2

    for cells in ((20, 5, 10, 15), (45, 15, 25, 15), (3, 0, 1, 9), (0, 4, 6, 0)):
        assert cohen_kappa_2x2(*cells) == pytest.approx(cohen_kappa(*_table(*cells)))
    assert cohen_kappa_2x2(0, 0, 0, 7) is None


def test_coders_without_a_transcript_in_common_are_an_error(coded_project, tmp_path):
    t, turns = _turn_project(coded_project, tmp_path, 2)
    coded_project.store.codings.add(t.id, turns[0].start, turns[0].end, "C1", coder="bram")
    with pytest.raises(InputError, match="not coded a transcript in common"):
        agreement(coded_project.store, ["tester", "bram"])
    assert agreement(coded_project.store, ["tester", "bram"], transcripts=[t.name]).overall
