"""Import speed: a generated ~1M-word corpus into a fresh project.

Prints the import time and words per second, beside two baselines measured in the
same run on the same files: reading + decoding + a regex word split, and reading +
decoding + spaCy's Dutch tokenizer alone. Targets (issue 3): the whole corpus in at
most 15 s, and at most twice the read-and-tokenise (spaCy tokenizer) time.

    .venv/bin/python bench/import_bench.py [--words 1000000] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from cmo.core.text import WORD_RE
    from cmo.ingest.decode import decode_text
    from cmo.ingest.service import import_files
    from cmo.store.project import init_project

    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp) / "corpus", args.words)
        started = time.perf_counter()
        words = sum(len(WORD_RE.findall(decode_text(p.read_bytes(), p))) for p in paths)
        read_regex = time.perf_counter() - started

        import spacy

        tokenizer = spacy.blank("nl").tokenizer
        started = time.perf_counter()
        for path in paths:
            tokenizer(decode_text(path.read_bytes(), path))
        read_spacy = time.perf_counter() - started

        project = init_project(Path(tmp) / "project")
        started = time.perf_counter()
        report = import_files(project.store, paths, casus="Bench")
        elapsed = time.perf_counter() - started
        project.close()

    rows = [
        {
            "name": "import: whole corpus",
            "value": round(elapsed, 2),
            "unit": "s",
            "target": 15,
            "baseline_name": "read + spaCy tokenizer",
            "baseline_value": round(read_spacy, 2),
        },
        {
            "name": "import: words per second",
            "value": round(words / elapsed),
            "unit": "words/s",
            "target": None,
            "baseline_name": "Taguette (measured on the same size)",
            "baseline_value": 12_000,
        },
        {
            "name": "read + regex words",
            "value": round(read_regex, 2),
            "unit": "s",
            "target": None,
            "baseline_name": None,
            "baseline_value": None,
        },
    ]
    if args.json:
        print(json.dumps(rows))
        return
    print(f"corpus: {len(paths)} files, {words:,} words, {report.turns:,} turns")
    print(f"read + decode + regex words   {read_regex:6.2f} s")
    print(f"read + decode + spaCy tokens  {read_spacy:6.2f} s")
    print(
        f"import into project           {elapsed:6.2f} s  ({words / elapsed:,.0f} words/s; "
        f"target ≤ 15 s, ≤ 2× spaCy read-and-tokenise = {2 * read_spacy:.2f} s)"
    )
    print(f"ratio import / read-and-tokenise: {elapsed / read_spacy:.2f}")


if __name__ == "__main__":
    main()
