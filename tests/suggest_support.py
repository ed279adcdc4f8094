"""Shared helpers for the suggestion tests: a project coded from the held-out quotes."""

from __future__ import annotations

from pathlib import Path

import yaml

QUOTES = Path(__file__).parent / "data" / "suggest_quotes.yaml"


def quotes(section: str = "quotes") -> dict[str, list[str]]:
    return yaml.safe_load(QUOTES.read_text(encoding="utf-8"))[section]


def coded_quotes_project(
    project,
    tmp_path: Path,
    sections=("quotes", "fresh"),
    coder: str = "tester",
    per_transcript: int = 8,
):
    """Import the quotes as interviews (one respondent turn per quote) and code each turn
    with its mechanism. Returns the project; ~96 codings over 12 mechanisms."""
    from cmo.ingest.service import import_files

    items = [
        (code, quote)
        for section in sections
        for code, qs in quotes(section).items()
        for quote in qs
    ]
    paths = []
    for n in range(0, len(items), per_transcript):
        lines = []
        for _code, quote in items[n : n + per_transcript]:
            lines += ["I: Kunt u daar iets meer over vertellen?", f"R: {quote}"]
        path = tmp_path / f"quotes-{n // per_transcript:02d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    import_files(project.store, paths, casus="Service voor de Wijk Ede", roles={"R": "cliënt"})
    store = project.store
    by_text = dict((quote, code) for code, quote in items)
    for transcript in store.transcripts.all():
        for turn in store.transcripts.turns(transcript.id):
            text = transcript.text[turn.start : turn.end]
            if turn.speaker == "R":
                quote = text.split(":", 1)[1].strip() if text.startswith("R:") else text
                code = by_text[quote]
                store.codings.add(transcript.id, turn.start, turn.end, code, coder=coder)
    return project
