"""App-wide analysis keys: the CMOC browser, candidate CMOCs and code frequencies.

A mixin of :class:`~cmo.tui.app.WorkbenchApp` (which provides ``store`` and ``coder``);
``APP_ANALYSIS_BINDINGS`` go into the app's ``BINDINGS`` and ``PALETTE_COMMANDS`` into
the command palette.
"""

from __future__ import annotations

from textual import work
from textual.binding import Binding

from .exports import EXPORTS, run_export

APP_ANALYSIS_BINDINGS = [
    Binding("ctrl+o", "cmocs", "CMOCs", show=False),
    Binding("F", "frequencies", "Code frequencies", show=False),
    Binding("T", "theory", "Programme theory", show=False),
    Binding("ctrl+l", "linked_coding", "Code C+M+O and attach to a CMOC", show=False),
]

PALETTE_COMMANDS = [
    ("CMOC browser", "CMO configurations with their evidence · ctrl+o", "cmocs"),
    ("Candidate CMOCs", "C, M and O codes that co-occur, ranked by participants", "candidates"),
    ("Code frequencies", "code × casus, participant, role or kind · F", "frequencies"),
    ("Programme theory", "versions, status, confidence, evidence for/against · T", "theory"),
    *[(name, help_text, f"export('{what}')") for name, help_text, what in EXPORTS],
]
"""(name, help, app action) for the command palette."""


ANALYSIS_SCREENS = {"CmocBrowserScreen", "CandidatesScreen", "FrequenciesScreen", "TheoryScreen"}
"""Screens that replace one another rather than stack (named: importing them is lazy)."""


class AppAnalysis:
    last_export: str | None = None
    """The message of the last export from the palette (it names the file)."""

    def _show(self, screen_type, make) -> None:
        if isinstance(self.screen, screen_type):
            return
        if any(isinstance(s, screen_type) for s in self.screen_stack):
            # Open below (ctrl+o in a transcript opened from the browser): go back to it,
            # or every round trip would stack two more screens to escape from.
            while not isinstance(self.screen, screen_type):
                self.pop_screen()
            return
        if type(self.screen).__name__ in ANALYSIS_SCREENS:
            # F on the CMOC browser: the frequencies take its place, one esc goes back.
            self.switch_screen(make())
            return
        self.push_screen(make())

    def action_export(self, what: str) -> None:
        self.notify("Exporting…", timeout=2)
        self.export_in_worker(what)

    @work(thread=True, exclusive=False, group="export")
    def export_in_worker(self, what: str) -> None:
        """Write the export off the interface thread; tell the file written (or why not)."""
        from ..core.errors import CmoError

        try:
            message = run_export(self.project, what)
        except (CmoError, OSError) as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", timeout=10)
            return
        self.last_export = message
        self.call_from_thread(self.notify, message, timeout=8)

    def action_cmocs(self) -> None:
        from .screens.cmoc_browser import CmocBrowserScreen

        self._show(CmocBrowserScreen, lambda: CmocBrowserScreen(self.store, self.coder))

    def action_candidates(self) -> None:
        from .screens.candidates import CandidatesScreen

        self._show(CandidatesScreen, lambda: CandidatesScreen(self.store, self.coder))

    def action_frequencies(self) -> None:
        from .screens.frequencies import FrequenciesScreen

        self._show(FrequenciesScreen, lambda: FrequenciesScreen(self.store))

    def action_theory(self) -> None:
        from .screens.theory import TheoryScreen

        self._show(TheoryScreen, lambda: TheoryScreen(self.store, self.coder))

    def action_linked_coding(self) -> None:
        """Code the selected fragment as C, M and O and attach it to a CMOC, for or against."""
        from .dialogs.linked_coding import LinkedCodingDialog
        from .screens.transcript import TranscriptScreen

        screen = self.screen
        if not isinstance(screen, TranscriptScreen):
            self.notify("Open a transcript and select a fragment first.", severity="warning")
            return
        start, end = screen.span
        if end <= start:
            self.notify("Select some text first.", severity="warning")
            return

        def done(made) -> None:
            if made is None:
                return
            screen.poll_changes()  # show the new codings in the text
            self.notify(
                f"{made.id}: {len(made.supporting)} for, {len(made.against)} against "
                "(T shows the programme theory)."
            )

        dialog = LinkedCodingDialog(self.store, screen.doc.transcript.id, start, end, self.coder)
        self.push_screen(dialog, done)
