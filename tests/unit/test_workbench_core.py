"""The workbench's headless parts: selection moves, layout, code ranking and its queries."""

from __future__ import annotations

from cmo.core.domain import Coding, Transcript, Turn
from cmo.tui.state import selection as sel
from cmo.tui.state.code_search import rank
from cmo.tui.state.document import TranscriptDoc
from cmo.tui.state.layout import HEADER, TEXT, Layout, wrap

TEXT_ = "Titel\nI: Hoe gaat het? Goed zo.\nR: Ik heb weer structuur. Elke dag. Fijn."


def make_doc(codings: list[Coding] | None = None) -> TranscriptDoc:
    t = Transcript(1, "t", 1, "interview", "t.txt", "", "", TEXT_)
    i = TEXT_.index("Hoe")
    r = TEXT_.index("Ik heb")
    turns = [
        Turn(1, 1, 0, "I", None, None, i, TEXT_.index("\nR:")),
        Turn(2, 1, 1, "R", None, None, r, len(TEXT_)),
    ]
    return TranscriptDoc(t, turns, codings or [], {})


def text_of(doc: TranscriptDoc, s: sel.Selection) -> str:
    return doc.text[s.start : s.end]


def test_preamble_becomes_a_turn_and_labels_do_not():
    doc = make_doc()
    assert [t.speaker for t in doc.turns] == [None, "I", "R"]
    assert doc.text[doc.turns[0].start : doc.turns[0].end].strip() == "Titel"


def test_sentence_word_and_turn_moves():
    doc = make_doc()
    s = sel.first_sentence(doc, 1)
    assert text_of(doc, s) == "Hoe gaat het?"
    s = sel.sentence(doc, s, 1)
    assert text_of(doc, s) == "Goed zo."
    s = sel.sentence(doc, s, 1)  # crosses into the next turn
    assert text_of(doc, s) == "Ik heb weer structuur."
    assert text_of(doc, sel.word(doc, s, 1)) == "Elke"
    assert text_of(doc, sel.turn(doc, s, -1)) == "Hoe gaat het?"
    assert text_of(doc, sel.whole_turn(doc, s)) == "Ik heb weer structuur. Elke dag. Fijn."


def test_extend_grows_and_shrinks_across_the_anchor():
    doc = make_doc()
    s = sel.first_sentence(doc, 2)
    s = sel.extend(doc, s, "sentence", 1)
    assert text_of(doc, s) == "Ik heb weer structuur. Elke dag."
    s = sel.extend(doc, s, "sentence", -1)
    assert text_of(doc, s) == "Ik heb weer structuur."
    s = sel.extend(doc, s, "turn", -1)  # a selection may span turns
    assert text_of(doc, s).startswith("Hoe gaat het? Goed zo.")
    start, end = sel.trimmed(doc, s)  # the speaker label "R:" is not part of the span
    assert doc.text[start:end] == "Hoe gaat het? Goed zo."


def test_speaker_filter_skips_hidden_turns():
    doc = make_doc()
    only_r = lambda i: doc.turns[i].speaker == "R"  # noqa: E731
    s = sel.sentence(doc, sel.first_sentence(doc, 0), 1, only_r)
    assert text_of(doc, s) == "Ik heb weer structuur."


def test_layout_wraps_and_maps_offsets_both_ways():
    doc = make_doc()
    layout = Layout(doc, 12)
    kinds = [line.kind for line in layout.lines]
    assert kinds.count(HEADER) == 3
    for line in layout.lines:
        if line.kind == TEXT:
            assert line.end - line.start <= 12
    offset = TEXT_.index("structuur")
    y = layout.line_of(offset)
    line = layout.lines[y]
    assert line.start <= offset <= line.end
    assert layout.offset_at(y, offset - line.start) == offset
    assert wrap("aaaaaaaaaaaaaaa", 0, 15, 10) == [(0, 10), (10, 15)]


def test_codings_over_and_innermost_prefer_the_closest_fit():
    start = TEXT_.index("Ik heb")
    wide = Coding(1, 1, start, len(TEXT_), "M1c", "x")
    narrow = Coding(2, 1, start, start + 22, "M2a", "x")
    doc = make_doc([wide, narrow])
    assert [c.id for c in doc.codings_over(start + 3, start + 4)] == [2, 1]
    assert doc.innermost(start, start + 22)[0].id == 2
    assert doc.codings_over(0, 3) == []


def test_rank_puts_m3b_first(project):
    codes = project.store.codebook.codes()
    for query in ("m3b", "realist", "klantbenadering", "M3B"):
        assert rank(codes, query)[0].id == "M3b", query
    assert rank(codes, "zzqqxx") == []
    assert len(rank(codes, "")) == len(codes)


def test_workbench_queries(coded_project):

    store = coded_project.store
    assert store.queries.recent_codes()[:2] == ["M4", "M2a"]
    [fragment] = store.queries.code_fragments("m3c")
    assert fragment["casus"] == "De Cirkel Almere"
    assert fragment["speaker"] == "R"
    assert fragment["quote"] == "laagdrempelig"
    hits = store.queries.search("KOFFIE")
    assert [h["quote"].count("koffie") >= 1 for h in hits] == [True]
    assert store.queries.search("   ") == []


def test_code_search_ignores_accents():
    from pathlib import Path

    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.tui.state.code_search import score

    root = Path(__file__).resolve().parents[2]
    codes = list(load_codebook(root / "codebooks" / "realist-wwb-wmo.yaml").codes)
    for code in codes:
        assert score(code, "cliënt") == score(code, "client"), code.id
        assert score(code, "geïsoleerd") == score(code, "geisoleerd"), code.id
    assert rank(codes, "geisol")[0].id == rank(codes, "geïsol")[0].id == "O3.1"
