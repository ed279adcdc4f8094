"""``cmo import`` without Typer: the body the declaration in ``foundation.py`` runs.

A current SQLite project opens as the standard-library store (``store.fastpath``), which
writes an import's transcripts, participants and turns in plain SQL; ``--replace`` (the
re-anchoring of codings) and a server database go through the full store.
"""

from __future__ import annotations

import os
from pathlib import Path

from .output import echo, key_values, opened, say, table

WORKER_OFF = ("off", "0", "no", "false")


def import_(
    files: list[Path],
    casus: str,
    kind: str | None = None,
    name: str | None = None,
    role: list[str] | None = None,
    replace: bool = False,
    identity: str = "auto",
    dry_run: bool = False,
    force: bool = False,
    project: Path | None = None,
) -> None:
    """Import transcripts into a casus. All files land together, or none do."""
    from ..ingest.service import import_files

    roles = key_values(role or [], "--role")
    with opened(project, quick=not replace) as proj:
        report = import_files(
            proj.store,
            files,
            casus=casus,
            kind=kind,
            name=name,
            roles=roles,
            replace=replace,
            identity=identity,
            dry_run=dry_run,
            force=force,
            actor=proj.default_coder,
        )
        if report.imported or report.replaced:
            _start_embedding(proj.store)
    for warning in report.warnings:
        say(f"warning: {warning}")
    for unchanged in report.unchanged:
        echo(f"{unchanged}: already imported with the same content; nothing to do.")
    if dry_run:
        _print_previews(report.previews, casus)
        return
    if report.imported:
        echo(
            f"Imported {len(report.imported)} transcript(s) into '{casus}': "
            f"{report.turns} turns, {report.words} words."
        )
    for replaced in report.replaced:
        echo(
            f"Replaced {replaced.summary()}"
            + (" (see 'cmo review list')." if replaced.review else ".")
        )
        for warning in replaced.warnings:
            say(f"warning: {warning}")


def _print_previews(previews, casus: str) -> None:
    for item in previews:
        echo(f"{item.name} ({item.kind}, casus '{casus}'): {item.turns} turns, {item.words} words")
        if item.header:
            echo(f"  header (no turn): {item.header[:100]}")
        table(
            [
                (s.speaker, s.participant, s.role, s.turns, s.words, s.first_words)
                for s in item.speakers
            ],
            ["speaker", "participant", "role", "turns", "words", "first words"],
            align="lllrrl",
        )
    echo("Dry run: nothing was imported.")


def _start_embedding(store) -> None:
    """Sentence vectors for the new texts, in a detached process: the import never waits.
    Switched off (``CMO_EMBED_WORKER=off``), nothing of the suggestion machinery loads."""
    if os.environ.get("CMO_EMBED_WORKER", "").lower() in WORKER_OFF:
        return
    from ..suggest.embed_worker import start_worker

    try:
        start_worker(store, work_waiting=True)  # the texts just imported have no vectors
    except OSError:  # suggestions compute what they need; only slower
        pass
