"""Moving a project between databases, SQLite to SQLite (the server tests are in tests/postgres)."""

from __future__ import annotations

import tomllib

import pytest

from cmo.core.errors import Conflict
from cmo.store.project import open_project
from cmo.store.transfer import migrate_project


def _settings(folder):
    return tomllib.loads((folder / "project.toml").read_text(encoding="utf-8"))


def test_migrate_to_a_sqlite_url_and_to_a_new_folder(coded_project, tmp_path):
    store = coded_project.store
    store.codings.remove(store.codings.all()[0].id, actor="bram")
    original = store.logical_dump()
    target = tmp_path / "elders" / "kopie.db"
    result = migrate_project(coded_project, f"sqlite:///{target}")
    assert result.report.rows["coding"] == 3 and result.report.rows["change"] == 5
    assert _settings(coded_project.path)["database"] == f"sqlite:///{target}"
    coded_project.close()
    with open_project(coded_project.path) as moved:
        assert moved.store.logical_dump() == original
        assert moved.store.history.undo()["action"] == "coding.remove"  # the history came along
        folder = tmp_path / "archief"
        migrate_project(moved, str(folder))
    assert "database" not in _settings(folder)
    with open_project(folder) as copy:
        assert len(copy.store.codings.all()) == 4


def test_migrate_refuses_existing_files_projects_and_itself(coded_project, tmp_path):
    existing = tmp_path / "bestaand.db"
    existing.write_bytes(b"x" * 10)
    with pytest.raises(Conflict, match="exists already"):
        migrate_project(coded_project, f"sqlite:///{existing}")
    with pytest.raises(Conflict, match="already uses"):
        migrate_project(coded_project, str(coded_project.path))
    from cmo.store.project import init_project

    init_project(tmp_path / "andere").close()
    with pytest.raises(Conflict, match="another cmo project"):
        migrate_project(coded_project, str(tmp_path / "andere"))
    assert "database" not in _settings(coded_project.path)
