"""A generated corpus of Dutch transcript text, shared by the benchmarks.

Realistic shapes (interviews with I:/R:, focusgroepen with GL: and names, time stamps,
curly quotes), reproducible from a seed, of any size.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = (
    "ik je we het de een en dat is was niet maar ook nou ja eh weet gewoon toen daar hier "
    "klantmanager coach cursus structuur buurt werk vrijwilligerswerk uitkering geld schulden "
    "vertrouwen koffie huiskamer groep training elke week opstaan trots lukt moeilijk samen "
    "afspraak gemeente wijk ouderen klussen zinvol leren stap volgende trede participatie "
    "gezondheid rug stress kinderen familie vrienden buren alleen thuis gezellig laagdrempelig "
    "positief realistisch eerlijk tempo keuze zelf wil kan moet ging kwam deed zei vond "
    "‘zeker’ ‘nee’ “echt” betaald baan contract salaris premie vergoeding"
).split()
NAMES = ["Ans", "Bert", "Chantal", "Dirk", "Esra", "Fatima", "Gert", "Hanneke", "Ilse", "Joost"]


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 18))
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice([".", ".", ".", "?", "!"])


def transcript(rng: random.Random, words: int, focusgroep: bool) -> str:
    lines, count, minute = [], 0, 0
    speakers = ["GL", *rng.sample(NAMES, 5)] if focusgroep else ["I", "R"]
    turn = 0
    while count < words:
        speaker = speakers[0] if turn % 2 == 0 else rng.choice(speakers[1:])
        text = " ".join(sentence(rng) for _ in range(rng.randint(1, 5 if speaker != "I" else 2)))
        minute += rng.randint(0, 1)
        stamp = f"[{minute // 60:02d}:{minute % 60:02d}:{rng.randint(0, 59):02d}] "
        lines.append(f"{stamp if focusgroep else ''}{speaker}: {text}")
        count += len(text.split())
        turn += 1
    return "\n".join(lines) + "\n"


def write_corpus(
    folder: Path, total_words: int = 1_000_000, per_file: int = 10_000, seed: int = 7
) -> list[Path]:
    """Write ``total_words`` of transcripts into ``folder``: UTF-8 and cp1252 (CRLF) .txt."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(max(1, total_words // per_file)):
        text = transcript(rng, per_file, focusgroep=i % 3 == 2)
        path = folder / f"t{i:04d}.txt"
        if i % 2:
            path.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
        else:
            path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths
