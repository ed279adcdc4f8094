"""``cmo transcripts`` as it runs (without Typer, see ``fast.py``)."""

from __future__ import annotations

from pathlib import Path

from .output import emit_json, opened, table


def transcripts(project: Path | None = None, json: bool = False) -> None:
    """List transcripts with casus, kind, speakers, words and coding progress."""
    with opened(project, quick=True) as proj:
        rows = proj.store.transcripts.summaries()
    if json:
        emit_json(
            [
                {
                    "id": r["id"],
                    "name": r["name"],
                    "casus": r["casus"],
                    "kind": r["kind"],
                    "source": r["source_name"],
                    "sha256": r["sha256"],
                    "imported_at": r["imported_at"],
                    "words": r["word_count"],
                    "turns": r["turns"],
                    "speakers": r["speakers"],
                    "codings": r["codings"],
                    "coded_turns": r["coded_turns"],
                    "progress": r["progress"],
                }
                for r in rows
            ]
        )
        return
    table(
        [
            (
                r["id"],
                r["casus"],
                r["name"],
                r["kind"],
                r["speakers"],
                r["turns"],
                r["word_count"],
                r["codings"],
                f"{r['progress']:.0%}",
            )
            for r in rows
        ],
        ["id", "casus", "transcript", "kind", "speakers", "turns", "words", "codings", "coded"],
    )
