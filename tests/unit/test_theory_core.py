"""Programme theory rules without a project: confidence rule, sentences, chains, diffs."""

from __future__ import annotations

import pytest

from cmo.core import chains, evidence
from cmo.core import theory as core
from cmo.core.cmoc import if_then_because
from cmo.core.errors import InputError
from cmo.core.rameses import ITEMS


def _counts(*items):
    """Items as (casus, one participant or None, direction)."""
    return evidence.count_evidence([(c, () if p is None else (p,), d) for c, p, d in items])


def test_a_fragment_across_two_participants_counts_for_both():
    counts = evidence.count_evidence([("A", ("p1", "p2"), "ondersteunt"), ("A", (), "weerspreekt")])
    assert counts.participants_for == {"p1", "p2"}
    assert counts.participants_against == frozenset()
    assert (counts.fragments_for, counts.fragments_against) == (1, 1)


def test_several_casussen_and_participants_without_contradiction_is_hoog():
    counts = _counts(
        ("A", "p1", "ondersteunt"), ("A", "p2", "ondersteunt"), ("B", "p3", "ondersteunt")
    )
    assert evidence.suggest_confidence(counts)[0] == "hoog"


def test_one_contradiction_lowers_hoog_to_middel_and_more_against_gives_laag():
    base = [("A", "p1", "ondersteunt"), ("A", "p2", "ondersteunt"), ("B", "p3", "ondersteunt")]
    assert evidence.suggest_confidence(_counts(*base, ("B", "p4", "weerspreekt")))[0] == "middel"
    against = [("B", f"q{i}", "weerspreekt") for i in range(3)]
    level, why = evidence.suggest_confidence(_counts(*base, *against))
    assert level == "laag" and "tegen" in why


def test_one_casus_is_middel_one_participant_or_no_support_is_laag():
    assert (
        evidence.suggest_confidence(
            _counts(("A", "p1", "ondersteunt"), ("A", "p2", "ondersteunt"))
        )[0]
        == "middel"
    )
    assert evidence.suggest_confidence(_counts(("A", "p1", "ondersteunt")))[0] == "laag"
    assert evidence.suggest_confidence(_counts())[0] == "laag"


def test_counts_per_casus_and_participant():
    counts = _counts(
        ("A", "p1", "ondersteunt"),
        ("A", "p1", "weerspreekt"),
        ("B", None, "ondersteunt"),
        ("B", "p2", "ondersteunt"),
    )
    assert (counts.fragments_for, counts.fragments_against) == (3, 1)
    assert counts.per_casus == {"A": (1, 1), "B": (2, 0)}
    assert counts.per_participant == {"p1": (1, 1), "p2": (1, 0)}
    assert counts.casussen_against == {"A"}


def test_if_then_because_from_names_and_texts():
    text = if_then_because(
        ["Hoge caseload"], ["Voorkómen van uitval"], ["M4"], "Een huiskamer.", "Ik kom terug."
    )
    assert (
        text == "Als hoge caseload, dan voorkómen van uitval, omdat een huiskamer → ik kom terug."
    )
    # Without texts the mechanism names give the 'omdat'; acronyms keep their capitals.
    assert if_then_because(["WWB-regels"], [], ["Maatwerk", "Salaris"]) == (
        "Als WWB-regels, dan ?, omdat maatwerk en Salaris."
    )


def test_a_chain_that_closes_a_cycle_is_named_and_others_pass():
    edges = [("CMOC-01", "CMOC-02"), ("CMOC-02", "CMOC-03")]
    assert chains.chain_cycle(edges, ("CMOC-03", "CMOC-01")) == [
        "CMOC-03",
        "CMOC-01",
        "CMOC-02",
        "CMOC-03",
    ]
    assert chains.chain_cycle(edges, ("CMOC-01", "CMOC-01")) == ["CMOC-01", "CMOC-01"]
    assert chains.chain_cycle(edges, ("CMOC-01", "CMOC-03")) is None
    assert chains.chains([*edges, ("CMOC-05", "CMOC-02")]) == [
        ["CMOC-01", "CMOC-02", "CMOC-03"],
        ["CMOC-05", "CMOC-02", "CMOC-03"],
    ]


def test_demi_regularities_need_two_casussen():
    found = evidence.demi_regularities(
        [
            ("CMOC-01", ("M5",), ("O2",), frozenset({"A"})),
            ("CMOC-02", ("M5",), ("O2",), frozenset({"B"})),
            ("CMOC-03", ("M4",), ("O3",), frozenset({"A"})),
        ]
    )
    assert [(r.cmocs, r.casussen) for r in found] == [(("CMOC-01", "CMOC-02"), ("A", "B"))]


def test_status_confidence_and_direction_aliases_and_refusals():
    assert core.check_status("Refined") == "verfijnd"
    assert core.check_confidence("HIGH") == "hoog"
    assert core.check_direction("tegen") == "weerspreekt"
    with pytest.raises(InputError, match="status must be one of"):
        core.check_status("misschien")


def test_diff_names_changed_judgements_and_content():
    a = core.TheoryVersion(1, "r1", "", "", {"CMOC-01": core.TheoryEntry("CMOC-01")})
    b = core.TheoryVersion(
        2,
        "r2",
        "",
        "",
        {
            "CMOC-01": core.TheoryEntry("CMOC-01", "verfijnd", "middel"),
            "CMOC-02": core.TheoryEntry("CMOC-02"),
        },
    )
    diff = core.diff_versions(
        a, b, {"CMOC-01": {"reasoning": "x"}}, {"CMOC-01": {"reasoning": "y"}, "CMOC-02": {}}
    )
    assert [(d.cmoc_id, d.kind, d.fields) for d in diff] == [
        ("CMOC-01", "gewijzigd", ("status", "confidence", "reasoning")),
        ("CMOC-02", "nieuw", ()),
    ]


def test_all_twenty_rameses_items_are_listed():
    assert [i.number for i in ITEMS] == list(range(1, 21))
    sections = {i.section for i in ITEMS}
    assert sections == {"Titel", "Samenvatting", "Inleiding", "Methode", "Resultaten", "Discussie"}
    assert {i.covered_by for i in ITEMS} - {None}  # some covered, the rest left to the researcher
