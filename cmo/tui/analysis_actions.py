"""App-wide analysis keys: the CMOC browser, candidate CMOCs and code frequencies.

A mixin of :class:`~cmo.tui.app.WorkbenchApp` (which provides ``store`` and ``coder``);
``APP_ANALYSIS_BINDINGS`` go into the app's ``BINDINGS`` and ``PALETTE_COMMANDS`` into
the command palette.
"""

from __future__ import annotations

from textual.binding import Binding

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
]
"""(name, help, app action) for the command palette."""


class AppAnalysis:
    def _show(self, screen_type, make) -> None:
        if isinstance(self.screen, screen_type):
            return
        if any(isinstance(s, screen_type) for s in self.screen_stack):
            # Open below (ctrl+o in a transcript opened from the browser): go back to it,
            # or every round trip would stack two more screens to escape from.
            while not isinstance(self.screen, screen_type):
                self.pop_screen()
            return
        self.push_screen(make())

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
