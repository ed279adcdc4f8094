"""docs/workbench.md holds the key table generated from the bindings, unchanged."""

from __future__ import annotations

from pathlib import Path

from cmo.tui.keys import BEGIN, END, key_rows, with_table

DOC = Path(__file__).resolve().parents[2] / "docs" / "workbench.md"


def test_the_key_table_in_the_docs_is_up_to_date():
    text = DOC.read_text(encoding="utf-8")
    assert BEGIN in text and END in text
    assert with_table(text) == text, "run: python -m cmo.tui.keys docs/workbench.md"


def test_the_table_lists_the_keys_the_issue_names():
    rows = {(where, keys) for where, keys, _ in key_rows()}
    for expected in [
        ("text", "P"),
        ("text", "alt+shift+← <"),
        ("text", "1 … 9"),
        ("CMOCs", "ctrl+z"),
        ("CMOCs", "q"),
        ("frequencies", "q"),
        ("text", "home"),
    ]:
        assert expected in rows, expected
