"""Linked coding: code a fragment as C, M and O at once and attach it to a CMOC.

With text selected in a transcript, the dialog asks for a context, a mechanism and an
outcome code (any may stay empty, not all), the CMOC to attach the fragment to (a new
one of these codes, or an existing one) and whether the fragment is evidence for or
against it. ctrl+s saves through ``store.theory.code_and_attach`` and returns
the CMOC; esc returns None.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from ...core.cmoc import Cmoc
from ...core.errors import CmoError
from ...core.text import snippet
from ...core.theory import DIRECTIONS
from ..backdrop import StillBackdrop

if TYPE_CHECKING:
    from ...store import Store

NEW = "__new__"


class LinkedCodingDialog(StillBackdrop, ModalScreen[Cmoc | None]):
    CSS_PATH = ["dialog.tcss", "linked_coding.tcss"]
    BINDINGS = [
        Binding("ctrl+s", "save", "Code and attach", priority=True),
        Binding("escape", "dismiss(None)", "Cancel"),
    ]

    def __init__(
        self, store: Store, transcript_id: int, start: int, end: int, coder: str = ""
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.store = store
        self.transcript_id = transcript_id
        self.span = (start, end)
        self.coder = coder
        self.codes = store.codebook.codes()
        self.casus_id = store.transcripts.get(transcript_id).casus_id
        self.cmocs = [c for c in store.cmocs.all() if c.casus_id in (None, self.casus_id)]
        self.quote = snippet(store.transcripts.get(transcript_id).text, start, end, 200)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="linked") as box:
            box.border_title = "Code C, M and O together and attach to a CMOC (ctrl+s)"
            yield Static(Text(f"“{self.quote}”", style="italic"), id="linked-quote")
            with Horizontal(id="linked-codes"):
                for family, label in (("C", "Context"), ("M", "Mechanism"), ("O", "Outcome")):
                    yield Select(
                        [(f"{c.id} {c.name}", c.id) for c in self.codes if c.family == family],
                        prompt=label,
                        id=f"linked-{family}",
                    )
            with Horizontal(id="linked-target"):
                yield Select(
                    [("New CMOC of these codes", NEW)]
                    + [(f"{c.id} {c.title or c.formula()}", c.id) for c in self.cmocs],
                    value=NEW,
                    allow_blank=False,
                    id="linked-cmoc",
                )
                yield Select(
                    [(d, d) for d in DIRECTIONS],
                    value=DIRECTIONS[0],
                    allow_blank=False,
                    id="linked-direction",
                )
            yield Input(placeholder="Title of a new CMOC (optional)", id="linked-title")

    def chosen_codes(self) -> list[str]:
        out = []
        for family in "CMO":
            value = self.query_one(f"#linked-{family}", Select).value
            if isinstance(value, str):
                out.append(value)
        return out

    def action_save(self) -> None:
        target = self.query_one("#linked-cmoc", Select).value
        try:
            made = self.store.theory.code_and_attach(
                self.transcript_id,
                *self.span,
                self.chosen_codes(),
                cmoc_id=None if target == NEW else str(target),
                direction=str(self.query_one("#linked-direction", Select).value),
                actor=self.coder,
                title=self.query_one("#linked-title", Input).value,
            )
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return
        self.dismiss(made)
