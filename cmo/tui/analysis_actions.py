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
]

PALETTE_COMMANDS = [
    ("CMOC browser", "CMO configurations with their evidence · ctrl+o", "cmocs"),
    ("Candidate CMOCs", "C, M and O codes that co-occur, ranked by participants", "candidates"),
    ("Code frequencies", "code × casus, participant, role or kind · F", "frequencies"),
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
