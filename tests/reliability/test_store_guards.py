"""The store refuses to acknowledge work it cannot keep: bad URLs, a database that
vanished or was replaced while open, a read-only database (CLI and workbench)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cmo.core.errors import ProjectError
from cmo.store.project import DATABASE, init_project, open_project
from tests.cli import run_cmo
from tests.pilot import WORKBENCH_SIZE as SIZE
from tests.pilot import async_test, open_first_transcript, select_sentence

from .cli_batch import run

TARGET = "Ze zei: ‘probeer het gewoon een keer’."


def _folder(project) -> Path:
    folder = project.path
    project.close()
    return folder


def _remove_database(folder: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        (folder / (DATABASE + suffix)).unlink(missing_ok=True)


# ---- URLs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("sqlite://", "in-memory"),
        ("sqlite:///:memory:", "in-memory"),
        ("sqlite:///relative.db", "relative"),
        ("sqlite:////nowhere/at/all/cmo.db", "does not exist"),
        ("postgresql://u:secret@host:abc/db", "not a valid database URL"),
    ],
)
def test_database_urls_that_would_lose_work_are_refused(project, monkeypatch, url, problem):
    folder = _folder(project)
    monkeypatch.setenv("CMO_DATABASE_URL", url)
    with pytest.raises(ProjectError, match=problem) as caught:
        open_project(folder)
    assert "secret" not in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///relative.db"])
def test_init_refuses_in_memory_and_relative_urls(tmp_path, url):
    with pytest.raises(ProjectError):
        init_project(tmp_path / "p", database=url)
    assert not (tmp_path / "p").exists()
    assert not (Path.cwd() / "relative.db").exists()


def test_a_relative_project_folder_still_gives_an_absolute_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with init_project(Path("rel")) as proj:
        assert proj.url == f"sqlite:///{tmp_path / 'rel' / DATABASE}"


# ---- vanished or replaced ----------------------------------------------------------------


@pytest.mark.parametrize("how", ["deleted", "moved", "replaced"])
def test_the_store_stops_when_its_database_vanished(coded_project, tmp_path, how):
    store = coded_project.store
    t = store.transcripts.all()[0]
    db = coded_project.path / DATABASE
    if how == "deleted":
        _remove_database(coded_project.path)
    elif how == "moved":
        os.rename(db, tmp_path / "elsewhere.db")
    else:  # another project's database put in its place
        with init_project(tmp_path / "other") as other:
            other.store.casussen.add("Andere casus")
        shutil.copy(tmp_path / "other" / DATABASE, tmp_path / "copy.db")
        os.replace(tmp_path / "copy.db", db)
    with pytest.raises(ProjectError, match="vanished|replaced") as caught:
        store.codings.add(t.id, 0, 5, "M3b", coder="tester")
    assert str(db) in str(caught.value)


def test_a_database_with_another_identity_row_is_refused(coded_project):
    from sqlalchemy import text

    from cmo.store.db import write

    store = coded_project.store
    with write(store.engine) as conn:  # behind the store's back, as another program would
        conn.execute(text("UPDATE meta SET value = 'someone-else' WHERE key = 'project_id'"))
    with pytest.raises(ProjectError, match="identity"):
        store.casussen.add("X")


def test_cli_code_add_stops_when_the_database_vanishes_after_opening(coded_project, monkeypatch):
    """The real CLI path: the file disappears between opening the project and writing."""
    from cmo.store import guard

    folder = _folder(coded_project)
    opened = guard.capture

    def then_vanish(*args):
        identity = opened(*args)
        _remove_database(folder)
        return identity

    monkeypatch.setattr(guard, "capture", then_vanish)
    result = run(
        ["code", "add", "cirkel-client1", "--turn", "1", "-c", "M3b", "--project", str(folder)]
    )
    assert result["code"] == 5, result
    assert "vanished" in result["stderr"] and len(result["stderr"].strip().splitlines()) == 1


async def _code_target(pilot):
    screen = await open_first_transcript(pilot)
    await select_sentence(pilot, screen, TARGET)
    await pilot.press("c", *"m3b")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    return screen


class Notices:
    """Every notification the app posts, kept: the app's own list drops a toast when it
    expires, which on a loaded machine can be before the test reads it."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def hook(self, message) -> None:
        from textual.notifications import Notify

        if isinstance(message, Notify):
            self.seen.append(message.notification.message)

    async def wait_for(self, pilot, words: str, seconds: float = 30.0) -> None:
        """Wait until a notification containing ``words`` has been posted."""
        for _ in range(int(seconds / 0.05)):
            if any(words in text for text in self.seen):
                return
            await pilot.pause(0.05)
        raise AssertionError(f"no notification saying {words!r}; saw {self.seen}")


@async_test
async def test_workbench_refuses_to_commit_into_a_vanished_database(coded_project):
    from cmo.tui.app import create_app

    before = len(coded_project.store.codings.all())
    app = create_app(coded_project, show_times=False)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices.hook) as pilot:
        await pilot.pause()
        _remove_database(coded_project.path)
        screen = await _code_target(pilot)
        await notices.wait_for(pilot, "vanished")
        assert app.is_running and app.screen is screen
        assert len(screen.doc.codings) == before, "a coding was shown as made"


@async_test
async def test_workbench_on_a_read_only_database_says_so_and_refuses_edits(coded_project):
    from cmo.tui.app import create_app

    folder = _folder(coded_project)
    (folder / DATABASE).chmod(0o444)
    project = open_project(folder)
    try:
        assert project.store.read_only
        before = len(project.store.codings.all())
        app = create_app(project, show_times=False)
        notices = Notices()
        async with app.run_test(size=SIZE, message_hook=notices.hook) as pilot:
            await notices.wait_for(pilot, "read-only")
            screen = await _code_target(pilot)
            await notices.wait_for(pilot, "nothing can be changed")
            assert app.is_running and app.screen is screen
        assert len(project.store.codings.all()) == before
    finally:
        project.close()
        (folder / DATABASE).chmod(0o600)


def test_cli_code_add_on_a_read_only_database_is_one_clean_line(coded_project):
    folder = _folder(coded_project)
    (folder / DATABASE).chmod(0o444)
    try:
        listing = run_cmo("codings", "--project", str(folder))
        assert listing.returncode == 0, listing.stderr
        result = run_cmo(
            "code", "add", "cirkel-client1", "--turn", "1", "-c", "M3b", "--project", str(folder)
        )
    finally:
        (folder / DATABASE).chmod(0o600)
    assert result.returncode == 5
    assert result.stderr.strip().splitlines() == [
        f"cmo: error: {folder.resolve() / DATABASE}: the project database is read-only "
        "(the file is read-only); nothing can be changed"
    ]


# ---- secrets and permissions ---------------------------------------------------------


def test_a_database_password_is_never_written_to_project_toml(tmp_path, monkeypatch, capsys):
    import tomllib

    seen = []

    class Reachable:  # stands in for a server that accepts the connection
        def __init__(self, url, **_options):
            seen.append(url)

        def close(self):
            pass

    monkeypatch.setattr("cmo.store.store.Store", Reachable)  # project.py imports it lazily
    init_project(tmp_path / "team", database="postgresql://anna:geheim@db.example:5432/cmo")
    settings = (tmp_path / "team" / "project.toml").read_text(encoding="utf-8")
    assert "geheim" not in settings
    assert tomllib.loads(settings)["database"] == "postgresql://anna@db.example:5432/cmo"
    assert seen == ["postgresql://anna:geheim@db.example:5432/cmo"]  # used, not kept
    assert (tmp_path / "team" / "project.toml").stat().st_mode & 0o077 == 0


def test_project_files_are_private_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv("CMO_UMASK", raising=False)
    old = os.umask(0o022)
    try:
        with init_project(tmp_path / "p") as proj:
            proj.store.casussen.add("Almere")
            files = [tmp_path / "p" / n for n in (DATABASE, DATABASE + "-wal", "project.toml")]
            modes = {f.name: f.stat().st_mode & 0o777 for f in files if f.exists()}
    finally:
        os.umask(old)
    assert modes and all(mode & 0o077 == 0 for mode in modes.values()), modes
