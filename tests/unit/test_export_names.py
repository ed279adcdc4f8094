"""Export file names: to the second, then -2, -3 when the name is taken."""

from __future__ import annotations

from datetime import datetime

from cmo.export.files import default_path


def test_two_exports_in_one_second_get_different_names(tmp_path):
    when = datetime(2026, 12, 1, 21, 33, 9)
    first = default_path(tmp_path, "cmo-matrix", "alle casussen", "xlsx", when)
    assert first.name == "cmo-matrix-alle-casussen-20261201-213309.xlsx"
    first.parent.mkdir(parents=True)
    first.write_bytes(b"x")
    second = default_path(tmp_path, "cmo-matrix", "alle casussen", "xlsx", when)
    assert second.name == "cmo-matrix-alle-casussen-20261201-213309-2.xlsx"
    second.write_bytes(b"x")
    third = default_path(tmp_path, "cmo-matrix", "alle casussen", "xlsx", when)
    assert third.name == "cmo-matrix-alle-casussen-20261201-213309-3.xlsx"
    later = default_path(tmp_path, "cmo-matrix", "alle casussen", "xlsx", when.replace(second=10))
    assert later.name.endswith("-213310.xlsx")


def test_a_name_without_scope_is_what_and_when(tmp_path):
    when = datetime(2026, 12, 1, 21, 33, 9)
    path = default_path(tmp_path, "realistisch-rapport", None, "docx", when)
    assert path.name == "realistisch-rapport-20261201-213309.docx"


def test_theory_report_and_qdpx_exports_within_a_minute_do_not_collide(coded_project):
    """These were named to the minute: a second export in that minute was refused (or,
    with --force, replaced the first). Now they are named like every other export."""
    import re

    from tests.cli import run_cmo

    store = coded_project.store
    store.cmocs.add(title="Structuur", contexts=["C1"], mechanisms=["M3c"], outcomes=["O2"])
    folder = coded_project.path
    coded_project.close()
    commands = {
        ".mmd": ["export", "theory", "-f", "mermaid"],
        ".md": ["export", "report", "-f", "md"],
        ".qdpx": ["export", "qdpx"],
    }
    for suffix, words in commands.items():
        for _ in range(2):
            run_cmo(*words, "-p", str(folder), check=True)
        made = sorted((folder / "exports").glob(f"*{suffix}"))
        assert len(made) == 2, made
        assert all(re.search(r"-\d{8}-\d{6}(-2)?\.", p.name) for p in made), made
        assert made[0].read_bytes() and made[1].read_bytes()
