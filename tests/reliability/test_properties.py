"""Property tests (hypothesis): offsets stay valid through import and re-anchoring,
re-anchoring never loses a coding, and readers raise nothing but ``InputError``."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cmo.core.errors import InputError
from cmo.core.reanchor import EXACT, FUZZY, REVIEW, reanchor
from cmo.core.text import normalise
from cmo.ingest.readers import READERS, read_transcript
from cmo.ingest.turns import segment

from .make_bad_corpus import docx_bytes, odt_bytes
from .strategies import WORDS, transcript_text, word

FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
STORE = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _valid_turns(text: str, turns) -> None:
    previous_end = 0
    for turn in turns:
        assert 0 <= turn.start < turn.end <= len(text)
        assert turn.start >= previous_end, "turns overlap or are out of order"
        assert text[turn.start : turn.end].strip(), "a turn without text"
        previous_end = turn.end


# ---- offsets through import ------------------------------------------------------------


@FAST
@given(transcript_text)
def test_segmented_turns_are_valid_spans_of_the_text(raw):
    text = normalise(raw)
    parsed = segment(text)
    assert parsed.text == text
    _valid_turns(text, parsed.turns)


@FAST
@given(transcript_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_txt_import_offsets_are_code_points_of_the_normalised_text(raw, encoding):
    try:
        data = raw.replace("\n", "\r\n").encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    assume(raw.strip())
    parsed = read_transcript(Path("t.txt"), data)
    assert parsed.text == normalise(raw)
    _valid_turns(parsed.text, parsed.turns)


cue_words = st.lists(st.sampled_from(WORDS[:13]), min_size=1, max_size=6).map(" ".join)


@FAST
@given(
    st.lists(
        st.tuples(st.sampled_from([None, "Marieke", "Jan"]), cue_words), min_size=1, max_size=15
    )
)
def test_subtitle_turns_hold_exactly_the_cue_text(cues):
    srt_lines, vtt_lines = [], ["WEBVTT", ""]
    for i, (speaker, words) in enumerate(cues):
        stamp = f"00:00:{i * 3:02d},000 --> 00:00:{i * 3 + 2:02d},000"
        said = f"{speaker}: {words}" if speaker else words
        srt_lines += [str(i + 1), stamp, said, ""]
        vtt_lines += [stamp.replace(",", "."), f"<v {speaker}>{words}" if speaker else words, ""]
    expected = " ".join(words for _, words in cues).split()
    for name, body in (("t.srt", srt_lines), ("t.vtt", vtt_lines)):
        parsed = read_transcript(Path(name), "\n".join(body).encode())
        _valid_turns(parsed.text, parsed.turns)
        said = " ".join(parsed.text[t.start : t.end] for t in parsed.turns).split()
        assert said == expected, name


@STORE
@given(transcript_text)
def test_offsets_survive_the_store(project, raw):
    text = normalise(raw)
    assume(text.strip())
    parsed = segment(text)
    name = f"t{abs(hash(raw))}"
    assume(name not in {t.name for t in project.store.transcripts.all()})
    transcript_id = project.store.bulk.add_transcript(
        parsed,
        name=name,
        casus="De Cirkel Almere",
        kind="interview",
        source_name="t.txt",
        sha256="",
    )
    stored = project.store.transcripts.get(transcript_id)
    assert stored.text == text
    turns = project.store.transcripts.turns(transcript_id)
    assert [(u.start, u.end) for u in turns] == [(t.start, t.end) for t in parsed.turns]
    _valid_turns(stored.text, turns)


# ---- re-anchoring ----------------------------------------------------------------------

edit = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 10_000), st.lists(word, max_size=8)),
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.integers(1, 30)),
    st.tuples(st.just("replace"), st.integers(0, 10_000), st.lists(word, min_size=1, max_size=3)),
    st.tuples(
        st.just("paragraph"), st.integers(0, 10_000), st.lists(word, min_size=3, max_size=15)
    ),
)


def _apply(text: str, edits) -> str:
    tokens = text.split(" ")
    for kind, where, what in edits:
        pos = where % (len(tokens) + 1)
        if kind == "insert":
            tokens[pos:pos] = what
        elif kind == "delete":
            del tokens[pos : pos + what]
        elif kind == "replace":
            tokens[pos : pos + len(what)] = what
        else:
            tokens[pos:pos] = ["\n\n" + " ".join(what) + "\n\n"]
    return " ".join(tokens)


@st.composite
def versions_and_spans(draw):
    old = draw(transcript_text.filter(lambda t: len(t) >= 2))
    new = _apply(old, draw(st.lists(edit, max_size=6)))
    assume(new)
    spans = []
    for _ in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, len(old) - 1))
        spans.append((start, draw(st.integers(start + 1, min(len(old), start + 80)))))
    return old, new, spans


@FAST
@given(versions_and_spans())
def test_reanchoring_never_loses_a_coding(case):
    old, new, spans = case
    anchors = reanchor(old, new, spans)
    assert len(anchors) == len(spans)
    for (start, end), anchor in zip(spans, anchors, strict=True):
        assert 0 <= anchor.start < anchor.end <= len(new)
        assert anchor.status in (EXACT, FUZZY, REVIEW)
        if anchor.status == EXACT:
            assert new[anchor.start : anchor.end] == old[start:end]


@FAST
@given(transcript_text.filter(bool), st.data())
def test_an_unchanged_text_keeps_every_span_exactly(text, data):
    spans = [
        (s, data.draw(st.integers(s + 1, len(text))))
        for s in data.draw(st.lists(st.integers(0, len(text) - 1), max_size=8))
    ]
    anchors = reanchor(text, text, spans)
    assert [(a.start, a.end, a.status) for a in anchors] == [(s, e, EXACT) for s, e in spans]


@STORE
@given(versions_and_spans())
def test_replacing_a_transcript_keeps_every_coding(project, case):

    old, new = normalise(case[0]), normalise(case[1])
    assume(old.strip() and new.strip())
    store = project.store
    name = f"r{abs(hash(case[0]))}"
    assume(name not in {t.name for t in store.transcripts.all()})
    transcript_id = store.bulk.add_transcript(
        segment(old),
        name=name,
        casus="De Cirkel Almere",
        kind="interview",
        source_name="r.txt",
        sha256="",
    )
    for start, end in case[2]:
        if end <= len(old):
            store.codings.add(transcript_id, start, end, "M3b", coder="prop")
    before = {c.id for c in store.codings.all(transcript_id=transcript_id)}
    # force: random texts share little; the guard against a wrong file has its own tests
    report = store.bulk.replace_transcript(transcript_id, segment(new), force=True)
    after = store.codings.all(transcript_id=transcript_id)
    assert {c.id for c in after} == before
    assert report.exact + report.fuzzy + report.review == len(before)
    for coding in after:
        assert 0 <= coding.start < coding.end <= len(new)
    _valid_turns(new, store.transcripts.turns(transcript_id))
    assert store.integrity_problems() == []


# ---- readers on arbitrary bytes --------------------------------------------------------


def _reads_or_refuses(name: str, data: bytes) -> None:
    try:
        parsed = read_transcript(Path(name), data)
    except InputError as exc:
        assert name in str(exc) and "\n" not in str(exc)
        return
    _valid_turns(parsed.text, parsed.turns)


@FAST
@pytest.mark.parametrize("suffix", sorted(READERS))
@given(data=st.binary(max_size=2048))
def test_readers_raise_only_input_error_on_arbitrary_bytes(suffix, data):
    _reads_or_refuses(f"x{suffix}", data)


@FAST
@pytest.mark.parametrize("suffix", [".srt", ".vtt", ".txt"])
@given(
    text=st.text(alphabet=st.sampled_from("0123456789:,.->\n <>vWEBVTT NOTE-RIJan"), max_size=300)
)
def test_subtitle_readers_raise_only_input_error_on_near_valid_text(suffix, text):
    _reads_or_refuses(f"x{suffix}", text.encode())


VALID = {
    ".docx": docx_bytes(["I: Hoe gaat het?", "R: Goed."]),
    ".odt": odt_bytes(["I: Hoe gaat het?", "R: Goed."]),
}


@FAST
@pytest.mark.parametrize("suffix", sorted(VALID))
@given(
    st.lists(st.tuples(st.integers(0, 1 << 30), st.integers(0, 255)), min_size=1, max_size=8),
    st.booleans(),
)
def test_damaged_office_files_raise_only_input_error(suffix, flips, cut):
    data = bytearray(VALID[suffix])
    for where, value in flips:
        data[where % len(data)] = value
    if cut:
        data = data[: flips[0][0] % len(data)]
    _reads_or_refuses(f"x{suffix}", bytes(data))


@FAST
@pytest.mark.parametrize("suffix", sorted(VALID))
@given(
    st.sampled_from(
        [
            "word/document.xml",
            "content.xml",
            "styles.xml",
            "[Content_Types].xml",
            "META-INF/manifest.xml",
        ]
    ),
    st.binary(max_size=200),
)
def test_office_files_with_a_garbage_part_raise_only_input_error(suffix, part, garbage):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(VALID[suffix])) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = garbage if info.filename == part else src.read(info.filename)
            dst.writestr(info.filename, body)
    _reads_or_refuses(f"x{suffix}", out.getvalue())


@FAST
@given(st.binary(max_size=1024) | st.text(max_size=400).map(str.encode))
def test_codebook_loader_raises_only_input_error(tmp_path_factory, data):
    from cmo.ingest.codebook_yaml import load_codebook

    path = tmp_path_factory.mktemp("cb") / "codebook.yaml"
    path.write_bytes(data)
    try:
        load_codebook(path)
    except InputError as exc:
        assert "\n" not in str(exc)
