"""Replacing a coded transcript by a corrected version: how long re-anchoring takes and
how many codings are found again (prints figures, asserts nothing).

A generated focusgroep transcript (default 20,000 words, 1,000 codings) is corrected:
one word in fifty respelled, every speaker name pseudonymised, a paragraph added and one
removed. The baseline is difflib's line alignment of the two texts alone.

    .venv/bin/python bench/reanchor_bench.py [--transcript-words 20000] [--codings 1000] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from corpus import NAMES, transcript  # noqa: E402


def corrected(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for i in rng.sample(range(len(words)), len(words) // 50):
        if words[i].isalpha() and len(words[i]) > 3:
            words[i] = words[i][:-2] + words[i][-1] + words[i][-2]  # a fixed letter swap
    text = " ".join(words)
    for n, name in enumerate(NAMES):
        text = text.replace(f"{name}:", f"D{n + 1}:")
    lines = text.split("\n")
    del lines[len(lines) // 3]
    lines.insert(len(lines) // 2, "GL: [Aanvulling na controle van de opname.] " * 3)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcript-words", type=int, default=20_000)
    parser.add_argument("--codings", type=int, default=1_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from cmo.core.text import normalise, word_spans
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.ingest.replace import replace_from_file
    from cmo.ingest.service import import_files
    from cmo.store.project import init_project

    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        original = Path(tmp) / "focusgroep.txt"
        original.write_text(
            transcript(rng, args.transcript_words, focusgroep=True), encoding="utf-8"
        )
        project = init_project(Path(tmp) / "p")
        project.store.codebook.load(
            load_codebook(BENCH.parent / "codebooks" / "realist-wwb-wmo.yaml")
        )
        import_files(project.store, [original], casus="Bench")
        t = project.store.transcripts.get("focusgroep")
        spans = word_spans(t.text)
        codes = [c.id for c in project.store.codebook.codes()]
        with project.store.write() as conn:  # bulk: the bench is about the replace
            from cmo.store.schema import CodingRow, new_guid, now

            rows = []
            for _ in range(args.codings):
                first = rng.randrange(len(spans) - 40)
                start, end = spans[first][0], spans[first + rng.randint(1, 35)][1]
                rows.append(
                    {
                        "transcript_id": t.id,
                        "start": start,
                        "end": end,
                        "code_id": rng.choice(codes),
                        "coder": "bench",
                        "memo": "",
                        "created_at": now(),
                        "updated_at": now(),
                        "status": "ok",
                        "guid": new_guid(),
                    }
                )
            conn.execute(CodingRow.__table__.insert(), rows)
        fixed = Path(tmp) / "focusgroep-v2.txt"
        fixed.write_text(corrected(t.text, rng), encoding="utf-8")

        new_text = normalise(fixed.read_text(encoding="utf-8"))
        started = time.perf_counter()
        SequenceMatcher(
            None, t.text.splitlines(True), new_text.splitlines(True), autojunk=False
        ).get_opcodes()
        baseline = time.perf_counter() - started

        started = time.perf_counter()
        report = replace_from_file(project.store, t.id, fixed)
        elapsed = time.perf_counter() - started
        project.close()

    found = (report.exact + report.fuzzy) / max(1, report.codings) * 100
    rows = [
        {
            "name": f"replace {args.transcript_words:,}-word transcript, {args.codings:,} codings",
            "value": round(elapsed, 3),
            "unit": "s",
            "target": 2.0,
            "baseline_name": "difflib line alignment alone",
            "baseline_value": round(baseline, 3),
        },
        {
            "name": "codings found again (exact + fuzzy)",
            "value": round(found, 1),
            "unit": "%",
            "target": 97,
            "better": "higher",
            "baseline_name": None,
            "baseline_value": None,
        },
        {
            "name": "codings moved exactly",
            "value": report.exact,
            "unit": "codings",
            "target": None,
            "baseline_name": None,
            "baseline_value": None,
        },
        {
            "name": "codings flagged for review",
            "value": report.review,
            "unit": "codings",
            "target": None,
            "baseline_name": None,
            "baseline_value": None,
        },
    ]
    if args.json:
        print(json.dumps(rows))
        return
    print(report.summary())
    print(
        f"replace (re-anchor + rebuild turns, one transaction): {elapsed:.2f} s "
        f"(target ≤ 2 s); difflib line alignment alone {baseline:.3f} s"
    )
    print(f"found again: {found:.1f} % (target ≥ 97 %)")


if __name__ == "__main__":
    main()
