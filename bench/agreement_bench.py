"""How long `cmo agreement` takes on a realistic team project (prints figures, asserts nothing).

20 interviews × 120 turns (~150,000 characters), two coders with ~600 codings each.
Run: .venv/bin/python bench/agreement_bench.py
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    from cmo.analysis.agreement import agreement
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.ingest.service import import_files
    from cmo.store.project import init_project

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        proj = init_project(Path(tmp) / "p", coder="anna")
        store = proj.store
        store.codebook.load(load_codebook(ROOT / "codebooks" / "realist-wwb-wmo.yaml"))
        codes = [c.id for c in store.codebook.codes()]
        files = []
        for n in range(20):
            lines = [
                f"{'I' if i % 2 == 0 else 'R'}: Dit is zin een van beurt {i}. En hier een "
                f"tweede zin over werk en structuur. Een derde volgt."
                for i in range(120)
            ]
            path = Path(tmp) / f"interview{n:02d}.txt"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            files.append(path)
        import_files(store, files, casus="De Cirkel Almere")
        t0 = time.perf_counter()
        total = 0
        for t in store.transcripts.all():
            for turn in store.transcripts.turns(t.id)[1::2]:
                if rng.random() < 0.5:
                    code = rng.choice(codes)
                    store.codings.add(t.id, turn.start, turn.end, code, coder="anna")
                    other = code if rng.random() < 0.7 else rng.choice(codes)
                    store.codings.add(t.id, turn.start, turn.end, other, coder="bram")
                    total += 2
        print(f"setup: {total} codings in {time.perf_counter() - t0:.1f} s")
        chars = sum(len(t.text) for t in store.transcripts.all())
        for unit in ("turn", "sentence", "char"):
            t0 = time.perf_counter()
            report = agreement(store, ["anna", "bram"], unit=unit)
            took = time.perf_counter() - t0
            o = report.overall
            print(
                f"unit={unit:<8} {took:6.2f} s  units/code={report.codes[0].units:>7}  "
                f"codes={len(report.codes):>2}  overall κ={o.kappa:.3f} α={o.alpha:.3f}"
                f"  ({chars} characters)"
            )
        proj.close()


if __name__ == "__main__":
    main()
