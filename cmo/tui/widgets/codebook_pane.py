"""The codebook as a tree of families → clusters → codes with counts.

Highlighting a code shows its definition; selecting it (enter) lists its fragments
across the project, and selecting a fragment posts :class:`~cmo.tui.messages.JumpTo`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static, Tree
from textual.widgets.option_list import Option

from ...core.domain import FAMILIES, Code
from ..family_colours import FAMILY_COLOURS
from ..first_frame import after_first_frame
from ..messages import JumpTo

if TYPE_CHECKING:
    from ..state.codebook_data import CodebookData


class CodeTree(Tree):
    """The codebook tree, whose labels end in … where the pane is too narrow for them
    (the highlighted code's id and full name show under the tree)."""

    def render_label(self, node, base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        guides = self.guide_depth * max(0, depth - (1 if not self.show_root else 0))
        room = self.scrollable_content_region.width - guides
        if room > 0 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        return label


class CodebookPane(Vertical):
    """Tree, definition and fragment list for one project."""

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text(encoding="utf-8")

    def __init__(self, data: CodebookData, **widget_options) -> None:
        super().__init__(**widget_options)
        self.data = data
        self.fragments: list[dict] = []
        self.code_nodes: dict[str, object] = {}
        self.family_nodes: dict[str, object] = {}
        self._counts_timer = None

    def compose(self) -> ComposeResult:
        tree: Tree[Code | None] = CodeTree("Codebook", id="code-tree")
        tree.show_root = False
        tree.border_title = "Codebook"
        yield tree
        yield Static("", id="code-definition")
        fragments = OptionList(id="fragments")
        fragments.border_title = "Fragments"
        fragments.border_subtitle = "enter on a code lists them"
        yield fragments

    stale = False
    """Asked to rebuild while hidden: done when it shows (below 100 or 150 columns the
    pane is hidden until b, and filling a tree nobody sees slowed every opening)."""

    def on_mount(self) -> None:
        # The codes first, their counts (which read every coding) once the screen is out.
        self.reload(counts=False)
        after_first_frame(self, self._update_counts)

    def on_show(self) -> None:
        if self.stale:
            self.reload()

    def reload(self, counts: bool = True) -> None:
        """Rebuild the tree with fresh counts (or none yet), keeping the highlighted code."""
        if not self.display:
            self.stale = True
            return
        self.stale = False
        trees = self.query("#code-tree").results(Tree)
        tree = next(trees, None)
        if tree is None:  # the screen was taken away while this pane mounted (a reopen)
            return
        keep = tree.cursor_node.data.id if tree.cursor_node and tree.cursor_node.data else None
        codes = self.data.codes()
        counted = self.data.counts() if counts else None
        clusters = self.data.cluster_names()
        tree.clear()
        family_nodes = {}
        for family in FAMILIES:
            n = (
                sum(counted.get(c.id.casefold(), 0) for c in codes if c.family == family)
                if counted is not None
                else None
            )
            family_nodes[family] = tree.root.add(_family_label(family, n), data=None, expand=True)
        cluster_nodes = {}
        code_nodes = {}
        target = None
        for code in codes:
            parent = code_nodes.get(code.parent) if code.parent else None
            if parent is None:
                family = family_nodes.get(code.family, tree.root)
                # A cluster named like its family (C, O) adds nothing: codes go under the family.
                key = (
                    code.cluster
                    if code.cluster in clusters and code.cluster != code.family
                    else ("emergent" if code.emergent else "")
                )
                if key:
                    if (key, code.family) not in cluster_nodes:
                        title = "Emergent" if key == "emergent" else f"{key} {clusters[key]}"
                        cluster_nodes[(key, code.family)] = family.add(
                            title, data=None, expand=True
                        )
                    parent = cluster_nodes[(key, code.family)]
                else:
                    parent = family
            n = counted.get(code.id.casefold(), 0) if counted is not None else None
            label = _code_label(code, n)
            node = (
                parent.add(label, data=code, expand=True)
                if _has_children(code, codes)
                else parent.add_leaf(label, data=code)
            )
            code_nodes[code.id] = node
            if code.id == keep:
                target = node
        self.code_nodes, self.family_nodes = code_nodes, family_nodes
        if target is not None:
            tree.move_cursor(target)

    def refresh_counts(self, delay: float = 0.3) -> None:
        """Update the counts shortly after the last change (coding comes first on screen)."""
        if self._counts_timer is not None:
            self._counts_timer.stop()
        self._counts_timer = self.set_timer(delay, self._update_counts)

    def _update_counts(self) -> None:
        self._counts_timer = None
        codes = {c.id: c for c in self.data.codes()}
        if set(codes) != set(self.code_nodes):
            self.reload()
            return
        counts = self.data.counts()
        shown = getattr(self, "_shown_labels", {})
        # Only the labels whose count changed: each new label repaints the tree.
        for code_id, node in self.code_nodes.items():
            label = _code_label(codes[code_id], counts.get(code_id.casefold(), 0))
            if shown.get(node.id) != label:
                node.set_label(label)
                shown[node.id] = label
        for family, node in self.family_nodes.items():
            n = sum(counts.get(c.id.casefold(), 0) for c in codes.values() if c.family == family)
            label = _family_label(family, n)
            if shown.get(node.id) != label:
                node.set_label(label)
                shown[node.id] = label
        self._shown_labels = shown

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        code = event.node.data
        definition = self.query_one("#code-definition", Static)
        if code is None:
            definition.update("")
            return
        kind = "emergent code" if code.emergent else FAMILIES.get(code.family, code.family)
        definition.update(
            Text.assemble(
                (f"{code.id} {code.name}", "bold"),
                f"  ({kind})\n",
                code.definition or "(no definition)",
            )
        )

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        code = event.node.data
        if code is not None:
            event.stop()
            self.show_fragments(code.id)

    def show_fragments(self, code_id: str) -> None:
        self.fragments = self.data.fragments(code_id)
        options = self.query_one("#fragments", OptionList)
        options.clear_options()
        options.border_title = f"Fragments of {code_id} ({len(self.fragments)})"
        options.border_subtitle = "enter jumps to one" if self.fragments else ""
        options.add_options(
            [
                Option(
                    Text.assemble(
                        (f"{f['casus']} · {f['transcript']}", "bold"),
                        f" · {f['speaker'] or '—'}\n",
                        (f["quote"], "italic"),
                    )
                )
                for f in self.fragments
            ]
        )
        if self.fragments:
            options.highlighted = 0
            options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        fragment = self.fragments[event.option_index]
        self.post_message(JumpTo(fragment["transcript_id"], fragment["start"], fragment["end"]))


def _family_label(family: str, count: int | None) -> Text:
    return Text.assemble(
        (f"{family} ", f"bold {FAMILY_COLOURS[family]}"), (_count(count), "dim"), FAMILIES[family]
    )


def _count(count: int | None) -> str:
    """A count in its column, or the column blank while the counts are read."""
    return f"{count:>4} " if count is not None else " " * 5


def _code_label(code: Code, count: int | None) -> Text:
    # The count comes before the name: a narrow pane cuts the end of a label, and a cut
    # name is still readable where a cut number is wrong.
    return Text.assemble(
        ("■ ", code.colour or FAMILY_COLOURS.get(code.family, "")),
        (f"{code.id:<5}", "bold"),
        (_count(count), "dim"),
        code.name,
    )


def _has_children(code: Code, codes: list[Code]) -> bool:
    return any(c.parent == code.id for c in codes)
