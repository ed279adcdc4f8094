"""Code frequencies across casussen (or participants, roles, transcript kinds).

The same table as ``cmo freq``, from :func:`cmo.analysis.frequencies.frequency_table`:
each cell shows the count and the normalised rate, coloured by Haberman's adjusted
residual (|r| > 1.96: the group clearly differs from an even spread over the groups).
Keys switch the grouping (``b``), the code family (``f``), the rate (``p``) and what a
cell shows (``v``).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ...analysis.corpus import Corpus, load_corpus
from ...analysis.frequencies import BY, PER, FrequencyTable, frequency_table
from ..document import FAMILY_COLOURS

FAMILIES = (None, "C", "M", "O")
SHOW = ("count · rate", "count", "rate", "residual")
MAX_COLUMNS = 12
"""More groups than this (and than codes): groups become the rows."""
CLEAR = 1.96
"""|adjusted residual| beyond this is coloured: a cell that clearly stands out."""


class FrequenciesScreen(Screen):
    CSS_PATH = "frequencies.tcss"
    BINDINGS = [
        Binding("b", "cycle('by')", "By"),
        Binding("f", "cycle('family')", "Family"),
        Binding("p", "cycle('per')", "Per"),
        Binding("v", "cycle('show')", "Cells"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(
        self, store, by: str = "casus", family: str | None = None, per: str = "fragments"
    ) -> None:
        super().__init__()
        self.store = store
        self.by, self.family, self.per, self.show = by, family, per, SHOW[0]
        self.corpus: Corpus | None = None
        self.table: FrequencyTable | None = None
        self.transposed = False

    def compose(self) -> ComposeResult:
        yield Header()
        table = DataTable(id="freq", cursor_type="cell", zebra_stripes=True)
        table.border_title = "Code frequencies"
        yield table
        yield Static("", id="freq-notes")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "code frequencies"
        self.reload()
        self.query_one("#freq", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.corpus = None  # codings may have changed while another screen was on top
        self.reload()

    def action_cycle(self, what: str) -> None:
        options = {"by": BY, "family": FAMILIES, "per": PER, "show": SHOW}[what]
        current = getattr(self, what)
        setattr(self, what, options[(options.index(current) + 1) % len(options)])
        self.reload()

    def reload(self) -> None:
        if self.corpus is None:
            self.corpus = load_corpus(self.store)
        self.table = frequency_table(self.corpus, by=self.by, family=self.family, per=self.per)
        self.fill(self.table)

    def fill(self, ft: FrequencyTable) -> None:
        table = self.query_one("#freq", DataTable)
        table.clear(columns=True)
        # Many groups (participants): one row per group instead of one column, because a
        # table draws every column of a visible row but only the visible rows.
        self.transposed = len(ft.cols) > MAX_COLUMNS and len(ft.cols) > len(ft.rows)
        if self.transposed:
            self.fill_by_group(table, ft)
        else:
            self.fill_by_code(table, ft)
        family = self.family or "C+M+O"
        table.border_title = f"Code × {self.by} · {family} · {ft.unit}"
        table.border_subtitle = "b by · f family · p per · v cells"
        self.query_one("#freq-notes", Static).update(self.notes(ft))

    def code_text(self, code_id: str) -> Text:
        code = self.corpus.codes.get(code_id)
        return Text(code_id, style=f"bold {FAMILY_COLOURS.get(code.family if code else '', '')}")

    def fill_by_code(self, table: DataTable, ft: FrequencyTable) -> None:
        table.add_column("Code")
        table.add_column("Name", width=22 if self.app.size.width >= 120 else 12)
        for col in ft.cols:
            table.add_column(col[:18])
        table.add_column("Total")
        for i, code_id in enumerate(ft.rows):
            cells = [self.code_text(code_id), ft.row_labels[i]]
            cells += [self.cell(ft, i, j) for j in range(len(ft.cols))]
            cells.append(Text(str(ft.row_totals[i]), style="bold"))
            table.add_row(*cells, key=code_id)
        if ft.rows:
            totals = [Text(str(n), style="bold") for n in ft.col_totals]
            bold = Text(str(ft.total), style="bold")
            table.add_row(Text("Total", style="bold"), "", *totals, bold, key="__total__")

    def fill_by_group(self, table: DataTable, ft: FrequencyTable) -> None:
        table.add_column(self.by.capitalize(), width=24)
        for code_id in ft.rows:
            table.add_column(self.code_text(code_id))
        table.add_column("Total")
        for j, group in enumerate(ft.cols):
            cells = [group] + [self.cell(ft, i, j) for i in range(len(ft.rows))]
            cells.append(Text(str(ft.col_totals[j]), style="bold"))
            table.add_row(*cells, key=f"group-{j}")
        if ft.cols:
            totals = [Text(str(n), style="bold") for n in ft.row_totals]
            bold = Text(str(ft.total), style="bold")
            table.add_row(Text("Total", style="bold"), *totals, bold, key="__total__")

    def cell(self, ft: FrequencyTable, i: int, j: int) -> Text:
        count, rate, resid = ft.counts[i][j], ft.rates[i][j], ft.residuals[i][j]
        rate_text = "–" if rate is None else f"{rate:.1f}"
        shown = {
            "count · rate": f"{count} · {rate_text}",
            "count": str(count),
            "rate": rate_text,
            "residual": "–" if resid is None else f"{resid:+.2f}",
        }[self.show]
        return Text(shown, style=_style(resid), justify="right")

    def notes(self, ft: FrequencyTable) -> Text:
        out = Text()
        out.append(" more than even ", style=_style(CLEAR + 1))
        out.append(" ")
        out.append(" less than even ", style=_style(-CLEAR - 1))
        out.append(f"  |adjusted residual| > {CLEAR}", style="dim")
        if ft.chi2 is not None:
            v = f", Cramér's V {ft.cramers_v:.2f}" if ft.cramers_v is not None else ""
            out.append(f"   χ² {ft.chi2:.1f}, df {ft.df}{v}", style="dim")
        if ft.small_expected:
            out.append(f"   {ft.small_expected} cells expect < 5 (rough)", style="dim")
        for note in ft.notes:
            out.append(f"\n{note}", style="dim italic")
        if not ft.rows:
            out.append("\nNo codings yet.", style="dim")
        return out


def _style(residual: float | None) -> str:
    if residual is None or abs(residual) <= CLEAR:
        return ""
    return "bold white on dark_green" if residual > 0 else "bold white on dark_red"
