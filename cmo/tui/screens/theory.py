"""The programme-theory screen: versions, each CMOC's status and confidence, chains,
and the evidence for and against.

The upper table lists the CMOCs as judged in the version shown (``v`` steps through the
versions); the detail panel shows the if–then–because sentence, the rationale, what
changed, the suggested confidence and the chains; the evidence table lists each fragment
with its direction. ``s``/``c`` set status and confidence, ``w`` the rationale, ``d``
turns a fragment from evidence for into evidence against (or back), ``n`` starts a new
version. Every change goes through ``cmo.store`` and is undoable (``cmo undo``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from ...analysis.corpus import load_corpus
from ...analysis.theory import CmocView, TheoryView, theory_view
from ...core.errors import CmoError
from ...core.theory import CONFIDENCES, STATUSES
from ..dialogs.choice import ChoiceDialog
from ..dialogs.prompt import PromptDialog
from ..messages import JumpTo
from ..widgets.footer import SteadyFooter

if TYPE_CHECKING:
    from ...store import Store

STATUS_STYLE = {
    "hypothese": "dim",
    "ondersteund": "green",
    "verfijnd": "yellow",
    "weerlegd": "magenta",
}
DIRECTION_STYLE = {"ondersteunt": "green", "weerspreekt": "bold red"}


class TheoryScreen(Screen):
    CSS_PATH = "theory.tcss"
    BINDINGS = [
        Binding("tab", "switch_table", "Evidence/CMOCs", show=False),
        Binding("s", "edit_status", "Status"),
        Binding("c", "edit_confidence", "Confidence"),
        Binding("w", "edit_rationale", "Why"),
        Binding("d", "flip_direction", "For/against"),
        Binding("v", "next_version", "Version"),
        Binding("n", "new_version", "New version"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, store: Store, coder: str = "") -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.theory: TheoryView | None = None
        self.version_number: int | None = None
        """The version shown; None: the newest."""
        self.rows: list = []
        """(fragment, direction, quote) of the CMOC shown."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="theory-body"):
            table = DataTable(id="theory-cmocs", cursor_type="row", zebra_stripes=True)
            table.border_title = "Programme theory (s status · c confidence · v version)"
            yield table
            with Horizontal(id="theory-lower"):
                detail = Static("", id="theory-detail")
                detail.border_title = "If–then–because"
                yield detail
                evidence = DataTable(id="theory-evidence", cursor_type="row", zebra_stripes=True)
                evidence.border_title = "Evidence for and against (d flips, enter opens)"
                yield evidence
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Programme theory"
        self.query_one("#theory-evidence", DataTable).add_columns(
            "Direction", "Code", "Speaker", "Transcript", "Quote"
        )
        self.query_one("#theory-cmocs", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        # An 80-column terminal: the sentence above the evidence instead of beside it.
        self.set_class(self.size.width < 110, "narrow")

    # ---- data ----------------------------------------------------------------------------

    @property
    def current(self) -> CmocView | None:
        if self.theory is None or not self.theory.cmocs:
            return None
        row = self.query_one("#theory-cmocs", DataTable).cursor_row
        return self.theory.cmocs[min(row, len(self.theory.cmocs) - 1)]

    def reload(self, keep: str | None = None) -> None:
        table = self.query_one("#theory-cmocs", DataTable)
        row = table.cursor_row
        versions = self.store.theory.versions()
        shown = next((v for v in versions if v.number == self.version_number), None)
        shown = shown or (versions[-1] if versions else None)
        self.version_number = shown.number if shown else None
        self.corpus = load_corpus(self.store)
        self.theory = theory_view(
            self.corpus, self.store.cmocs.all(), shown, self.store.theory.chain_links()
        )
        table.clear(columns=True)
        table.add_columns("Id", "Status", "Conf.", "Sugg.", "For", "Against", "Title")
        for v in self.theory.cmocs:
            table.add_row(
                Text(v.cmoc.id, style="bold"),
                Text(v.entry.status, style=STATUS_STYLE.get(v.entry.status, "")),
                v.entry.confidence,
                Text(v.suggested[0], style="dim" if v.suggested[0] == v.entry.confidence else ""),
                str(v.counts.fragments_for),
                Text(
                    str(v.counts.fragments_against),
                    style="red" if v.counts.fragments_against else "",
                ),
                v.cmoc.title,
                key=v.cmoc.id,
            )
        if keep is not None:
            row = next((i for i, v in enumerate(self.theory.cmocs) if v.cmoc.id == keep), row)
        if self.theory.cmocs:
            table.move_cursor(row=min(row, len(self.theory.cmocs) - 1))
        names = " · ".join(
            f"[{v.number}] {v.name}" if v.number == self.version_number else v.name
            for v in versions
        )
        table.border_subtitle = names or "no version yet: n starts the initial programme theory"
        self.show_detail()

    def show_detail(self) -> None:
        v = self.current
        detail = self.query_one("#theory-detail", Static)
        evidence = self.query_one("#theory-evidence", DataTable)
        evidence.clear()
        self.rows = []
        if v is None:
            detail.update(Text("No CMOC yet.", style="dim"))
            return
        text = Text()
        text.append(f"{v.cmoc.id} {v.cmoc.formula()}\n", style="bold")
        text.append(f"{v.sentence}\n\n")
        text.append("status: ", style="dim")
        text.append(v.entry.status, style=STATUS_STYLE.get(v.entry.status, ""))
        text.append(f" · vertrouwen {v.entry.confidence}\n")
        text.append("waarom (w): ", style="dim")
        text.append(f"{v.entry.rationale or '–'}\n")
        text.append("veranderd: ", style="dim")
        text.append(f"{v.entry.change or '–'}\n")
        text.append("voorgesteld: ", style="dim")
        text.append(f"{v.suggested[0]} — {v.suggested[1]}\n")
        for casus, (n_for, n_against) in v.counts.per_casus.items():
            text.append(f"  {casus}: {n_for} voor, {n_against} tegen\n", style="dim")
        chains = [c for c in self.theory.chains if v.cmoc.id in c]
        if chains:
            text.append("ketens: ", style="dim")
            text.append("; ".join(" → ".join(c) for c in chains))
        detail.update(text)
        fragments = self.corpus.fragments_by_id(v.cmoc.evidence)
        against = set(v.cmoc.against)
        seen: set[tuple] = set()
        for coding_id in v.cmoc.evidence:
            f = fragments.get(coding_id)
            # The same span with the same code from two coders is one fragment, as counted.
            if f is None or (f.transcript_id, f.start, f.end, f.code_id) in seen:
                continue
            seen.add((f.transcript_id, f.start, f.end, f.code_id))
            direction = "weerspreekt" if coding_id in against else "ondersteunt"
            person = self.corpus.people.get(f.participant_id) if f.participant_id else None
            quote = " ".join(self.corpus.text(f.transcript_id)[f.start : f.end].split())
            self.rows.append((f, direction))
            evidence.add_row(
                Text(direction, style=DIRECTION_STYLE[direction]),
                f.code_id,
                person.name if person else (f.speaker or "?"),
                self.corpus.docs[f.transcript_id].name,
                quote,
                key=str(coding_id),
            )
        n_against = sum(d == "weerspreekt" for _f, d in self.rows)
        evidence.border_subtitle = f"{len(self.rows) - n_against} for · {n_against} against"

    # ---- events --------------------------------------------------------------------------

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "theory-cmocs":
            self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "theory-cmocs":
            if self.rows:
                self.query_one("#theory-evidence", DataTable).focus()
            return
        if 0 <= event.cursor_row < len(self.rows):
            f = self.rows[event.cursor_row][0]
            self.post_message(JumpTo(f.transcript_id, f.start, f.end))

    # ---- actions -------------------------------------------------------------------------

    def action_switch_table(self) -> None:
        cmocs = self.query_one("#theory-cmocs", DataTable)
        target = "#theory-evidence" if self.focused is cmocs else "#theory-cmocs"
        self.query_one(target, DataTable).focus()

    def action_back(self) -> None:
        if self.focused is self.query_one("#theory-evidence"):
            self.query_one("#theory-cmocs", DataTable).focus()
        else:
            self.app.pop_screen()

    def judge(self, **values) -> None:
        v = self.current
        if v is None:
            return
        try:
            self.store.theory.set_entry(v.cmoc.id, self.version_number, actor=self.coder, **values)
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return
        self.reload(keep=v.cmoc.id)
        self.notify(f"{v.cmoc.id}: {', '.join(f'{k} {x}' for k, x in values.items())}.")

    def choose(self, field: str, values: tuple[str, ...]) -> None:
        v = self.current
        if v is None:
            self.notify("No CMOC yet.", severity="warning")
            return
        if self.version_number is None:
            self.notify("No theory version yet: n starts one.", severity="warning")
            return
        now = getattr(v.entry, field)
        options = [(x, Text(("● " if x == now else "  ") + x)) for x in values]

        def chosen(value: str | None) -> None:
            if value and value != now:
                self.judge(**{field: value})

        self.app.push_screen(ChoiceDialog(f"{v.cmoc.id} · {field}", options), chosen)

    def action_edit_status(self) -> None:
        self.choose("status", STATUSES)

    def action_edit_confidence(self) -> None:
        self.choose("confidence", CONFIDENCES)

    def action_edit_rationale(self) -> None:
        v = self.current
        if v is None or self.version_number is None:
            return

        def save(text: str | None) -> None:
            if text is not None and text.strip() != v.entry.rationale:
                self.judge(rationale=text)

        self.app.push_screen(PromptDialog(f"{v.cmoc.id} · why", value=v.entry.rationale), save)

    def action_flip_direction(self) -> None:
        v, table = self.current, self.query_one("#theory-evidence", DataTable)
        if v is None or not self.rows:
            return
        f, direction = self.rows[min(table.cursor_row, len(self.rows) - 1)]
        flipped = "ondersteunt" if direction == "weerspreekt" else "weerspreekt"
        try:
            self.store.cmocs.link_evidence(v.cmoc.id, [f.id], actor=self.coder, direction=flipped)
        except CmoError as exc:
            self.notify(str(exc), severity="error")
            return
        row = table.cursor_row
        self.reload(keep=v.cmoc.id)
        if self.rows:
            table.move_cursor(row=min(row, len(self.rows) - 1))
        self.notify(f"{v.cmoc.id}: fragment {f.id} now {flipped}.")

    def action_next_version(self) -> None:
        versions = self.store.theory.versions()
        if not versions:
            self.notify("No theory version yet: n starts one.", severity="warning")
            return
        numbers = [v.number for v in versions]
        at = numbers.index(self.version_number) if self.version_number in numbers else -1
        self.version_number = numbers[(at + 1) % len(numbers)]
        self.reload(keep=self.current.cmoc.id if self.current else None)

    def action_new_version(self) -> None:
        def save(name: str | None) -> None:
            if not name or not name.strip():
                return
            try:
                made = self.store.theory.new_version(name, actor=self.coder)
            except CmoError as exc:
                self.notify(str(exc), severity="error")
                return
            self.version_number = made.number
            self.reload()
            self.notify(f"Started version {made.number} '{made.name}'.")

        self.app.push_screen(PromptDialog("New theory version (e.g. ronde 2)"), save)
