"""The audit trail: who created, changed or deleted which coding, filtered."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from cmo.core.changes import describe, parse_since
from cmo.core.errors import InputError


def test_every_coder_s_adds_changes_and_deletes_are_logged(coded_project):
    store = coded_project.store
    mine = store.codings.all()[0]
    store.codings.update(mine.id, actor="bram", code_id="M3a")
    store.codings.remove(mine.id, actor="chris")
    removed = store.history.changes(entity=f"coding:{mine.id}")
    assert [(c["actor"], c["action"]) for c in removed] == [
        ("chris", "coding.remove"),
        ("bram", "coding.update"),
        ("tester", "coding.add"),
    ]
    assert "M3c→M3a" in describe(removed[1])
    assert describe(removed[0]).startswith("M3a [")
    assert [c["action"] for c in store.history.changes(action="coding.remove")] == ["coding.remove"]
    # changes to tester's codings, whoever made them
    assert {c["actor"] for c in store.history.changes(subject="tester")} == {
        "tester",
        "bram",
        "chris",
    }
    assert store.history.changes(since="2999-01-01") == []
    assert len(store.history.changes(since="1h")) == 6


def test_since_accepts_dates_and_spans():
    now = datetime(2026, 3, 12, 15, 0, tzinfo=UTC)
    assert parse_since("2h", now) == "2026-03-12T13:00:00.000+00:00"
    assert parse_since("2026-03-12") == "2026-03-12T00:00:00.000+00:00"
    with pytest.raises(InputError, match="--since"):
        parse_since("gisteren")


def test_log_command_filters_and_describes(coded_project):
    from cmo.cli import app

    store = coded_project.store
    store.codings.remove(store.codings.all()[0].id, actor="bram")
    result = CliRunner().invoke(
        app,
        [
            "log",
            "--coder",
            "bram",
            "--since",
            "1d",
            "--entity",
            "coding",
            "--project",
            str(coded_project.path),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and "coding.remove" in lines[2] and "M3c [" in lines[2]


def test_polling_for_other_coders_changes(coded_project):

    store = coded_project.store
    stamp = store.history.stamp()
    assert stamp == (4, 4) and store.history.since(stamp[0]) == []
    t = store.transcripts.all()[0]
    store.codings.add(t.id, 0, 5, "C1", coder="bram")
    assert store.history.stamp() == (5, 5)
    assert [c["actor"] for c in store.history.since(stamp[0])] == ["bram"]
    store.history.undo("bram")
    assert store.history.stamp() == (5, 4)  # an undo is noticed too
