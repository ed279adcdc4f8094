"""Build a CMO configuration from codings (the selection, the turn or neighbouring turns).

The caller passes the codings; the dialog proposes their C, M and O codes (all ticked),
lists the codings as evidence (all ticked), and asks for a title, the resource the
programme offers ('mogelijkheden'), the participant's reasoning ('keuzes'), whether the
mechanism fired, its relation to the programme theory and the casus. ctrl+s saves through
``store.cmocs.add`` (with the evidence linked in the same transaction) and
returns the new :class:`~cmo.core.cmoc.Cmoc`; esc returns None.

From a screen: ``build_cmoc_from_codings(self.app, codings)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Select, SelectionList, Static, TextArea

from ...core.cmoc import ALL_CASUSSEN, FIRED, RELATIONS, Cmoc
from ...core.domain import Code, Coding
from ...core.errors import CmoError
from ...core.text import snippet
from ..backdrop import StillBackdrop
from ..family_colours import FAMILY_COLOURS
from ..state.analysis_data import split_by_family
from .code_picker import NEW_CODE, CodePicker

if TYPE_CHECKING:
    from ...store import Store

ALL = -1
"""The casus choice meaning 'across all casussen' (a Select value cannot be None)."""
ROLE = {"C": "context", "M": "mechanism", "O": "outcome"}
DRAFT_KEY = "cmoc-builder"
DRAFT_FIELDS = ("title", "resource", "reasoning")


class CmocBuilder(StillBackdrop, ModalScreen[Cmoc | None]):
    CSS_PATH = ["dialog.tcss", "cmoc_builder.tcss"]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save CMOC", priority=True),
        Binding("ctrl+a", "add_code", "Add a code", priority=True),
        Binding("escape", "close", "Close (keeps a draft)"),
    ]

    def __init__(
        self, store: Store, codings: list[Coding], coder: str = "", draft: dict | None = None
    ) -> None:
        """``draft``: title, resource and reasoning typed before and not saved."""
        super().__init__(classes="dialog-screen")
        self.draft = {k: v for k, v in (draft or {}).items() if k in DRAFT_FIELDS}
        self.unsaved: dict | None = None
        """Set on esc when text was typed: what to keep as a draft."""
        self.store = store
        self.coder = coder
        self.codings = list({c.id: c for c in codings}.values())
        self.codes: dict[str, Code] = {c.id: c for c in store.codebook.codes()}
        families = {c: code.family for c, code in self.codes.items()}
        self.proposed = split_by_family(self.codings, families)
        self.transcripts = {t: store.transcripts.get(t) for t in {c.transcript_id for c in codings}}
        self.casussen = {c.id: c.name for c in store.casussen.all()}

    # ---- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="builder") as box:
            box.border_title = "New CMO configuration"
            if self.draft:
                box.border_subtitle = "draft restored"
            yield Input(
                self.draft.get("title", ""),
                placeholder="title, e.g. 'Laagdrempelig contact geeft structuur'",
                id="builder-title",
            )
            yield Static("Codes (space toggles · ctrl+a adds a code)", classes="field-label")
            yield SelectionList(*self._code_options(), id="builder-codes")
            yield Static("Evidence", classes="field-label")
            yield SelectionList(*self._evidence_options(), id="builder-evidence")
            yield Static("Mogelijkheden: the resource the programme offers", classes="field-label")
            yield TextArea(self.draft.get("resource", ""), id="builder-resource", soft_wrap=True)
            yield Static(
                "Keuzes: the reasoning or response of the participant", classes="field-label"
            )
            yield TextArea(self.draft.get("reasoning", ""), id="builder-reasoning", soft_wrap=True)
            with Horizontal(id="builder-choices"):
                yield Select(
                    [(v, v) for v in FIRED], value=FIRED[0], allow_blank=False, id="builder-fired"
                )
                yield Select(
                    [(v, v) for v in RELATIONS],
                    value=RELATIONS[0],
                    allow_blank=False,
                    id="builder-relation",
                )
                yield Select(
                    self._casus_options(),
                    value=self._default_casus(),
                    allow_blank=False,
                    id="builder-casus",
                )
            yield Static(
                "ctrl+s save · tab next field · esc close (typed text is kept as a draft)",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#builder-title", Input).focus()
        if not any(self.proposed.values()):
            self.notify(
                "These codings hold no C, M or O code: add one with ctrl+a.", severity="warning"
            )

    def _code_label(self, code_id: str) -> Text:
        code = self.codes.get(code_id)
        family = code.family if code else "?"
        return Text.assemble(
            (f"{ROLE.get(family, family):<10} ", "dim"),
            (f"{code_id:<6}", f"bold {FAMILY_COLOURS.get(family, '')}"),
            f" {code.name if code else ''}",
        )

    def _code_options(self) -> list[tuple[Text, str, bool]]:
        return [(self._code_label(c), c, True) for fam in "CMO" for c in self.proposed[fam]]

    def _evidence_options(self) -> list[tuple[Text, int, bool]]:
        out = []
        for c in self.codings:
            text = self.transcripts[c.transcript_id].text
            label = Text.assemble(
                (f"{c.code_id:<6}", f"bold {FAMILY_COLOURS.get(c.code_id[:1], '')}"),
                (f" {c.coder} ", "dim"),
                f"«{snippet(text, c.start, c.end, 60)}»",
            )
            out.append((label, c.id, True))
        return out

    def _casus_options(self) -> list[tuple[str, int]]:
        return [(name, cid) for cid, name in self.casussen.items()] + [(ALL_CASUSSEN, ALL)]

    def _default_casus(self) -> int:
        """The codings' casus when they share one, else all casussen."""
        found = {t.casus_id for t in self.transcripts.values()}
        return found.pop() if len(found) == 1 else ALL

    # ---- actions -------------------------------------------------------------------------

    def action_add_code(self) -> None:
        picker = CodePicker(
            [c for c in self.codes.values() if c.family in ROLE], [], title="Add a C, M or O code"
        )

        def chosen(code_id: str | None) -> None:
            if not code_id or code_id.startswith(NEW_CODE):
                return
            codes = self.query_one("#builder-codes", SelectionList)
            if code_id in codes.selected:
                return
            if all(
                codes.get_option_at_index(i).value != code_id for i in range(codes.option_count)
            ):
                codes.add_option((self._code_label(code_id), code_id, True))
            else:
                codes.select(code_id)

        self.app.push_screen(picker, chosen)

    def values(self) -> dict:
        """What the form holds, as keyword arguments for ``add_cmoc``."""
        chosen = list(self.query_one("#builder-codes", SelectionList).selected)
        family = {c: self.codes[c].family for c in chosen if c in self.codes}
        casus = self.query_one("#builder-casus", Select).value
        return {
            "title": self.query_one("#builder-title", Input).value,
            "contexts": [c for c in chosen if family.get(c) == "C"],
            "mechanisms": [c for c in chosen if family.get(c) == "M"],
            "outcomes": [c for c in chosen if family.get(c) == "O"],
            "resource": self.query_one("#builder-resource", TextArea).text.strip(),
            "reasoning": self.query_one("#builder-reasoning", TextArea).text.strip(),
            "fired": self.query_one("#builder-fired", Select).value,
            "relation": self.query_one("#builder-relation", Select).value,
            "casus_id": None if casus == ALL else casus,
            "evidence": list(self.query_one("#builder-evidence", SelectionList).selected),
        }

    def typed(self) -> dict:
        """The free text of the form (what a draft keeps)."""
        return {
            "title": self.query_one("#builder-title", Input).value,
            "resource": self.query_one("#builder-resource", TextArea).text,
            "reasoning": self.query_one("#builder-reasoning", TextArea).text,
        }

    def action_close(self) -> None:
        typed = self.typed()
        self.unsaved = typed if any(v.strip() for v in typed.values()) else None
        self.dismiss(None)

    def action_save(self) -> None:
        try:
            made = self.store.cmocs.add(actor=self.coder, **self.values())
        except CmoError as exc:  # stay open: the researcher fixes the form
            self.notify(str(exc), severity="error")
            return
        self.dismiss(made)


def build_cmoc_from_codings(
    app, codings: list[Coding], then: Callable[[Cmoc], None] | None = None
) -> None:
    """Open the builder for ``codings`` on ``app`` (a WorkbenchApp: ``store``, ``coder``).

    Args:
        app: The running app; its ``store`` and ``coder`` are used.
        codings: The codings to build from (the caller decides: selection, turn…).
        then: Called with the new CMOC after it is saved.
    """
    if not codings:
        app.notify(
            "No codings here to build a CMOC from: code the fragments first.", severity="warning"
        )
        return

    import json

    coder = getattr(app, "coder", "")
    kept = app.store.settings.draft(coder, DRAFT_KEY)
    builder = CmocBuilder(app.store, codings, coder=coder, draft=json.loads(kept) if kept else None)

    def saved(made: Cmoc | None) -> None:
        unsaved = builder.unsaved if made is None else None
        app.store.settings.set_draft(coder, DRAFT_KEY, json.dumps(unsaved) if unsaved else None)
        if made is None:
            if unsaved:
                app.notify("Not saved: title and texts are kept as a draft for the next CMOC.")
            return
        app.notify(
            f"Created {made.id}: {made.formula()} with {len(made.evidence)} evidence "
            f"fragment{'' if len(made.evidence) == 1 else 's'} (ctrl+o shows all CMOCs)."
        )
        if then is not None:
            then(made)

    app.push_screen(builder, saved)
