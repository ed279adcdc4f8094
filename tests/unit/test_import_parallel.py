"""A large import is parsed on two cores (``cmo.ingest.parallel``): the same rows, the same
first bad file named, the project unchanged on any error, whatever the helper does.

The tests make every import "large" (``PARALLEL_FROM_BYTES = 0``) and compare with the
same import parsed in this process alone (``CMO_IMPORT_HELPER=off``).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from cmo.core import forked
from cmo.core.errors import CmoError
from cmo.ingest import parallel, service
from cmo.ingest.service import import_files
from cmo.store.project import DATABASE, open_project
from tests.samples import FOCUSGROEP, SAMPLE_INTERVIEW


@pytest.fixture
def two_cores(monkeypatch):
    if not forked.forking_is_safe() or forked.cores() < 2:
        pytest.fail("these tests need Linux and two cores (the machine cmo is timed on)")
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.delenv("CMO_IMPORT_HELPER", raising=False)
    return monkeypatch


def _corpus(folder: Path, n: int = 8) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"t{i:02d}.txt"
        text = (
            FOCUSGROEP if i % 3 == 2 else SAMPLE_INTERVIEW
        ) + f"\nR: Regel {i} van het gesprek.\n"
        if i % 2:
            path.write_bytes(text.replace("\n", "\r\n").encode("cp1252", "replace"))
        else:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _dump(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            n: con.execute(f'SELECT * FROM "{n}" ORDER BY rowid').fetchall() for n in sorted(names)
        }
    finally:
        con.close()


def _import(folder: Path, paths: list[Path], **options):
    project = open_project(folder, quick=True)
    try:
        return import_files(project.store, paths, actor="anna", **{"casus": "Wijk", **options})
    finally:
        project.close()


def _copy(project, target: Path) -> Path:
    """The fixture's project, closed, copied to ``target`` (or itself when ``target`` is it)."""
    import shutil

    project.close()
    if target != project.path:
        shutil.copytree(project.path, target)
    return target


def test_the_helper_parses_the_last_files_and_the_rows_are_the_same(project, tmp_path, two_cores):
    paths = _corpus(tmp_path / "in")
    started = []
    real_start = parallel.Parsing._start

    def start(self):
        real_start(self)
        started.append((self.own, self._helper.pid if self._helper else 0))

    two_cores.setattr(parallel.Parsing, "_start", start)
    alone = _copy(project, tmp_path / "alone")
    both = tmp_path / "both"
    import shutil

    shutil.copytree(alone, both)
    report = _import(both, paths)
    assert started and 0 < started[0][0] < len(paths)  # the helper took the files after these
    with pytest.raises(ChildProcessError):  # and it is gone, not left as a zombie
        os.waitpid(started[0][1], os.WNOHANG)
    two_cores.setenv("CMO_IMPORT_HELPER", "off")
    started.clear()
    again = _import(alone, paths)
    assert not started
    assert (report.turns, report.words) == (again.turns, again.words) and report.words > 100
    one, two = _dump(alone / DATABASE), _dump(both / DATABASE)
    assert len(one["transcript"]) == len(paths)
    for table in ("casus", "participant", "turn"):  # GUIDs and times differ between runs
        assert [r[:-1] if table != "turn" else r for r in one[table]] == [
            r[:-1] if table != "turn" else r for r in two[table]
        ]
    strip = [(r[1], r[2], r[3], r[4], r[5], r[7], r[8]) for r in one["transcript"]]
    assert strip == [(r[1], r[2], r[3], r[4], r[5], r[7], r[8]) for r in two["transcript"]]


def _error(folder: Path, paths: list[Path], **options) -> str:
    before = _dump(folder / DATABASE)
    with pytest.raises(CmoError) as failure:
        _import(folder, paths, **options)
    assert _dump(folder / DATABASE) == before  # nothing of the import is left
    return str(failure.value)


@pytest.mark.parametrize(
    "bad",
    [
        [7],  # in the helper's share
        [1],  # in this process's own share
        [2, 6],  # one in each: the first is named
        [5, 6],  # two in the helper's: the first is named
    ],
)
def test_the_first_bad_file_is_named_as_without_the_helper(project, tmp_path, two_cores, bad):
    paths = _corpus(tmp_path / "in")
    for index in bad:
        paths[index].write_bytes(b"%PDF-1.4 not a transcript")
    folder = _copy(project, project.path)
    with_helper = _error(folder, paths)
    two_cores.setenv("CMO_IMPORT_HELPER", "off")
    assert _error(folder, paths) == with_helper
    assert with_helper.startswith(f"{paths[bad[0]]}: this is a PDF")


def test_a_missing_file_after_a_bad_one_is_not_named_first(project, tmp_path, two_cores):
    paths = _corpus(tmp_path / "in")
    paths[3].write_bytes(b"\x00\x01\x02" * 100)  # binary: refused when parsed
    paths.insert(6, tmp_path / "in" / "weg.txt")  # refused when read, before any parse
    folder = _copy(project, project.path)
    with_helper = _error(folder, paths)
    assert with_helper.startswith(str(paths[3]))
    two_cores.setenv("CMO_IMPORT_HELPER", "off")
    assert _error(folder, paths) == with_helper
    del paths[3]
    assert "weg.txt: no such file" in _error(folder, paths)


def test_a_bad_casus_name_comes_after_a_bad_file_as_before(project, tmp_path, two_cores):
    """Names are checked as each transcript is stored, which with the helper starts before
    the last files are parsed; a file that cannot be read is still the one named."""
    paths = _corpus(tmp_path / "in")
    paths[-1].write_bytes(b"%PDF-1.4")
    folder = _copy(project, project.path)
    with_helper = _error(folder, paths, casus="Wijk\x1b[31m")
    assert with_helper.startswith(str(paths[-1]))
    paths[-1].write_text(SAMPLE_INTERVIEW, encoding="utf-8")
    assert "control character" in _error(folder, paths, casus="Wijk\x1b[31m")


def test_a_helper_that_dies_leaves_the_rest_to_the_importer(project, tmp_path, two_cores):
    paths = _corpus(tmp_path / "in")
    importer = os.getpid()
    real = service.read_transcript
    seen = []

    def parse(path, data):
        if os.getpid() != importer and path == paths[-2]:
            os._exit(9)  # killed halfway through its share
        seen.append(path)
        return real(path, data)

    two_cores.setattr(service, "read_transcript", parse)
    folder = _copy(project, project.path)
    report = _import(folder, paths)
    assert len(report.imported) == len(paths)
    assert paths[-2] in seen and paths[-1] in seen  # parsed here after the helper died
    assert paths[0] in seen and paths[-3] not in seen  # the helper's results were used
    with sqlite3.connect(folder / DATABASE) as con:
        assert con.execute("SELECT count(*) FROM transcript").fetchone()[0] == len(paths)
