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
