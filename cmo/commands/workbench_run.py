"""``cmo open`` as it runs (without Typer, see ``fast.py``): Typer's import and parse
would come before the workbench's first screen."""

from __future__ import annotations

from pathlib import Path


def open_workbench(project: Path | None = None, transcript: str | None = None) -> None:
    """Open the coding workbench: read, select and code transcripts with the keyboard."""
    from ..tui.collector import pause_for_start

    pause_for_start()  # until the overview is drawn (the app's on_ready resumes it)
    from ..store.project import open_project
    from ..tui.app import create_app

    proj = open_project(project, full_later=True)  # the overview shows before SQLAlchemy loads
    try:
        if transcript is not None:
            transcript = proj.store.transcripts.get(transcript).id  # a clear error before the UI
        create_app(proj, suggester=_suggester(proj), transcript=transcript).run()
    finally:
        proj.close()


def _suggester(project):
    """Ranked code suggestions from cmo.suggest for a selected text, loaded on first use
    (the workbench calls this in a thread, so spaCy never delays opening the screen)."""

    def suggest(text: str) -> list:
        from ..suggest.api import suggest_for_text

        return suggest_for_text(project.store, text, top=9)

    return suggest
