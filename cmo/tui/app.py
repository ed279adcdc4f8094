"""The workbench application: a small App class that switches screens.

Behaviour lives in the screens and widgets; data comes from the project's Store.
Build it with :func:`create_app` (the CLI, the tests and the benchmark all do).
"""

from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding

from .analysis_actions import APP_ANALYSIS_BINDINGS, AppAnalysis
from .collector import freeze_long_lived, start_is_over
from .contrast_filter import ContrastFilter
from .first_frame import first_frame_drawn
from .key_ahead import KeyOrder, wait_until_ready
from .messages import JumpTo
from .palette import WorkbenchCommands, WorkbenchPalette
from .screens.overview import OverviewScreen

if TYPE_CHECKING:
    from .widgets.suggestion_pane import Suggester

DARK, LIGHT = "textual-dark", "textual-light"
HERE = Path(__file__).parent
EVERY_SCREENS_CSS = [
    "app.tcss",
    *(str(p.relative_to(HERE)) for folder in ("screens", "dialogs")
      for p in sorted((HERE / folder).glob("*.tcss"))),
]  # fmt: skip
"""All read before any screen but the first opens: a screen whose CSS Textual first meets
when it opens costs a reparse of every style sheet and a restyle of every widget of every
screen (~25 ms before a transcript, a picker or an analysis screen could show)."""
FIRST_SCREENS_CSS = ["app.tcss", "screens/overview.tcss"]
"""Read at start; the others just after the overview is on the terminal (every rule read
before the first frame made each restyle of the start slower: ~12 ms in all)."""


class WorkbenchApp(AppAnalysis, App[None]):
    CSS_PATH = FIRST_SCREENS_CSS
    NOTIFICATION_TIMEOUT = 3  # seconds; errors given their own timeout stay longer
    COMMANDS = App.COMMANDS | {WorkbenchCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+f", "search_project", "Search project"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False),
        *APP_ANALYSIS_BINDINGS,
    ]

    def __init__(
        self,
        project,
        *,
        suggester: Suggester | None = None,
        show_times: bool = True,
        transcript: str | int | None = None,
    ) -> None:
        """Args:
        project: an open :class:`cmo.store.project.Project` (the app does not close it).
        suggester: optional ``(text) -> ranked [(code_id, score), …]`` from cmo.suggest.
        show_times: show clock times in the activity list (off for snapshots).
        transcript: a transcript name or id to open straight away.
        """
        super().__init__()
        self.project = project
        self.store = project.store
        self.coder = project.default_coder
        self.suggester = suggester
        self.show_times = show_times
        self.start_transcript = transcript
        # Only the two themes whose every colour pair is checked (WCAG AA, see
        # cmo/tui/contrast.py): Textual's other themes would leave half-styled screens.
        for name in list(self.available_themes):
            if name not in (DARK, LIGHT):
                self.unregister_theme(name)
        self.theme = DARK
        self.contrast_filter = ContrastFilter()
        self.key_gate = None  # see key_ahead: held keys wait for a dialog's answer
        self.key_order = KeyOrder(self)
        self.first_frame_waiting: list | None = []  # see first_frame.py

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if not self.key_order.take(event):
                return  # typed ahead: it waits until the key before it has been handled
            await wait_until_ready(self)  # keys typed ahead go to the dialog being opened
            target = self.focused or self.screen
            await super().on_event(event)
            self.key_order.follow(event, target)
            return
        await super().on_event(event)

    def get_line_filters(self):
        """Textual's filters, then the one that keeps every text at WCAG AA contrast."""
        return [*super().get_line_filters(), self.contrast_filter]

    def on_mount(self) -> None:
        freeze_long_lived()  # Textual, the store, the codebook: ~150,000 objects
        self.title = f"cmo · {self.project.name}"
        if os.environ.get("CMO_SERVED"):  # in a browser tab: which colleague codes here
            self.title += f" · coder {self.coder}"
        self.push_screen(OverviewScreen(self.store, show_times=self.show_times))
        if getattr(self.store, "read_only", ""):
            self.sub_title = "read-only"
            self.notify(
                f"The project database is read-only ({self.store.read_only}): you can read "
                "and export, but codings, memos and other changes cannot be saved.",
                severity="warning",
                timeout=15,
            )
        if self.start_transcript is not None:
            self.open_transcript(self.store.transcripts.get(self.start_transcript).id)

    def on_ready(self) -> None:
        # Textual sends Ready once the first screen is laid out; the frame is written at
        # the next refresh, and what waited for it comes after that.
        self.call_after_refresh(start_is_over)
        first_frame_drawn(self)  # the overview's counts
        self.call_after_refresh(_read_every_screens_css, self)
        open_later = getattr(self.store, "open_in_background", None)  # see store/later.py
        if open_later is not None:
            # Once the overview is drawn and its counts are read (one refresh later): the
            # full store, and the transcript screen a researcher opens next, load while
            # they read it.
            self.call_after_refresh(self.call_after_refresh, open_later, _after_store_opened)

    def open_transcript(self, transcript_id: int, span: tuple[int, int] | None = None) -> None:
        """Show a transcript: one transcript screen at a time, on top of what was shown
        (the overview, or the CMOC browser a fragment was opened from)."""
        from .screens.transcript import TranscriptScreen

        screen = TranscriptScreen(
            self.store, transcript_id, self.coder, suggester=self.suggester, span=span
        )
        while isinstance(self.screen, TranscriptScreen) and isinstance(
            self.screen_stack[-2], TranscriptScreen
        ):
            self.pop_screen()
        if isinstance(self.screen, TranscriptScreen):
            self.switch_screen(screen)  # one step: no moment without a transcript screen
        else:
            self.push_screen(screen)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not WorkbenchPalette.is_open(self):
            self.push_screen(WorkbenchPalette(id="--command-palette"))

    def on_jump_to(self, message: JumpTo) -> None:
        self.open_transcript(message.transcript_id, (message.start, message.end))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def action_search_project(self) -> None:
        from .dialogs.project_search import ProjectSearchDialog

        def chosen(hit: dict | None) -> None:
            if hit:
                self.post_message(JumpTo(hit["transcript_id"], hit["start"], hit["end"]))

        self.push_screen(ProjectSearchDialog(self.store), chosen)


def _read_every_screens_css(app: App) -> None:
    """The style sheets not read at start, read and applied to what is mounted (the
    overview); the rules already parsed are kept."""
    sheet = app.stylesheet
    unread = [HERE / name for name in EVERY_SCREENS_CSS if not sheet.has_source(str(HERE / name))]
    if unread:
        sheet.read_all(unread)
        sheet.parse()
        sheet.update(app)


def _after_store_opened() -> None:
    import_module(f"{__package__}.screens.transcript")
    freeze_long_lived()  # what loaded with the store is as long-lived as Textual


def create_app(project_or_path=None, **options) -> WorkbenchApp:
    """The workbench for an open Project or a project folder (None: the nearest one)."""
    if project_or_path is None or isinstance(project_or_path, str | Path):
        from ..store.project import open_project

        project_or_path = open_project(Path(project_or_path) if project_or_path else None)
    return WorkbenchApp(project_or_path, **options)
