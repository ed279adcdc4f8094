"""Two processes on one project at once: no lost update, no 'database is locked',
and each sees the other's changes when it reads again."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from cmo.store.project import open_project
from tests.samples import LONG_TEXT

from .writer import acks as _acks
from .writer import coding_span

WRITER = Path(__file__).with_name("writer.py")


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WRITER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_two_writers_lose_nothing_and_see_each_other(long_project):
    writers = {
        # 3 s each, and at least 10 codings: on a loaded machine one writer could get the
        # lock only once in 3 s while the other kept it busy.
        coder: _start(str(long_project), "codings", coder, "0", "3", "10")
        for coder in ("anna", "bert")
    }
    seen_counts = []
    with open_project(long_project) as reader:  # a third party refreshing its view
        while any(w.poll() is None for w in writers.values()):
            seen_counts.append(len(reader.store.codings.all()))
            time.sleep(0.2)
        outputs = {coder: w.communicate() for coder, w in writers.items()}
        for coder, (_out, err) in outputs.items():
            assert writers[coder].returncode == 0, err
            assert "locked" not in err and "Traceback" not in err
        final = {c.id: c for c in reader.store.codings.all()}
        text_length = len(reader.store.transcripts.all()[0].text)
        assert reader.store.integrity_problems() == []
    total = 0
    for coder, (out, _err) in outputs.items():
        acks = _acks(out)
        assert len(acks) >= 10, f"{coder} hardly wrote anything"
        total += len(acks)
        for n, coding_id in acks.items():
            assert final[coding_id].coder == coder
            assert (final[coding_id].start, final[coding_id].end) == coding_span(n, text_length)
    assert len(final) == total
    assert len(set(seen_counts)) > 2, "the reader never saw the writers' progress"
    assert seen_counts == sorted(seen_counts)


def test_no_lost_update_when_two_processes_set_attributes(long_project):
    writers = [_start(str(long_project), "attrs", prefix, "15") for prefix in ("a", "b")]
    for w in writers:
        _out, err = w.communicate(timeout=60)
        assert w.returncode == 0, err
    with open_project(long_project) as project:
        attributes = project.store.participants.all()[0].attributes
    assert set(attributes) == {f"{p}{i}" for p in "ab" for i in range(15)}


RACE_SECONDS = "5"
QUOTES = [f"zin {i} over de klantmanager" for i in range(0, 120, 7)]


def _version(shift: int) -> str:
    # The corrected version inserts lines at the top: every offset moves by many characters.
    head = "\n".join(f"I: Ingevoegde vraag {k} van de interviewer?" for k in range(shift))
    return (head + "\n" if head else "") + LONG_TEXT


@pytest.mark.slow
def test_codings_made_during_a_replace_land_on_their_quote(long_project, tmp_path):
    """`code add --quote` racing `import --replace`: every stored coding still covers the
    text of its quote (the memo holds the quote, so each coding can be checked)."""
    import json

    from cmo.core.text import find_quote

    versions = []
    for shift in (3, 0, 5):
        path = tmp_path / f"v{shift}" / "lang.txt"
        path.parent.mkdir()
        path.write_text(_version(shift), encoding="utf-8")
        versions.append(["import", str(path), "--replace", "--casus", "Service voor de Wijk Ede"])
    replace_file = tmp_path / "replace.json"
    replace_file.write_text(json.dumps(versions), encoding="utf-8")
    for coder in ("anna", "bert"):
        adds = [
            ["code", "add", "lang", "--quote", q, "-c", "M3b", "--memo", q, "--coder", coder]
            for q in QUOTES
        ]
        (tmp_path / f"{coder}.json").write_text(json.dumps(adds), encoding="utf-8")
    # Five seconds of racing give 30-60 replaces and ~250 adds on a loaded machine (the
    # first replace waits for the language model): far above what is asserted below.
    procs = [_start(str(long_project), "cli", RACE_SECONDS, str(replace_file))] + [
        _start(str(long_project), "cli", RACE_SECONDS, str(tmp_path / f"{c}.json"))
        for c in ("anna", "bert")
    ]
    outputs = [p.communicate(timeout=180) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in out + err
    replaced = outputs[0][0].count("rc 0")
    added = sum(out.count("rc 0") for out, _ in outputs[1:])
    assert replaced >= 2 and added >= 10, (replaced, added)
    with open_project(long_project) as project:
        store = project.store
        text = store.transcripts.all()[0].text
        codings = [c for c in store.codings.all() if c.memo]
        assert codings
        wrong = [
            (c.memo, text[c.start : c.end])
            for c in codings
            if c.status == "ok"
            and find_quote(text[c.start : c.end], c.memo) != [(0, c.end - c.start)]
        ]
    assert wrong == []
