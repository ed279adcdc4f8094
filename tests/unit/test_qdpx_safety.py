"""Hostile QDPX files are refused with one clear line, and the project stays as it was."""

from __future__ import annotations

import stat
import zipfile

import pytest

from cmo.core.errors import InputError

from ..qdpx_helpers import zip_fixture

GOOD_QDE = (
    '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x">'
    "<Description>&xxe;</Description></Project>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + GOOD_QDE
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY xxe{i + 1} "{("&xxe" + str(i) + ";") * 10}">' for i in range(9)).replace(
        "&xxe0;", "&lol;"
    )
    + '<!ENTITY xxe "&xxe9;">]>'
    + GOOD_QDE
)


def _zip(path, members: dict[str, bytes], infos: list[zipfile.ZipInfo] = ()):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for info in infos:
            archive.writestr(info, b"/etc/passwd")
    return path


def _refused(project, path, match: str):
    from cmo.refi.import_qdpx import import_qdpx

    before = project.store.logical_dump()
    with pytest.raises(InputError) as caught:
        import_qdpx(project.store, path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    assert match in message
    assert project.store.logical_dump() == before
    return message


def test_xxe_entity_is_refused(coded_project, tmp_path):
    path = _zip(tmp_path / "xxe.qdpx", {"project.qde": XXE.encode()})
    _refused(coded_project, path, "DTD or entities")


def test_billion_laughs_is_refused(coded_project, tmp_path):
    path = _zip(tmp_path / "laughs.qdpx", {"project.qde": LAUGHS.encode()})
    _refused(coded_project, path, "DTD or entities")


def test_qdc_with_an_entity_is_refused(tmp_path):
    from cmo.refi.qdc_read import load_qdc

    path = tmp_path / "evil.qdc"
    path.write_text(XXE.replace("Project", "CodeBook"), encoding="utf-8")
    with pytest.raises(InputError, match="DTD or entities"):
        load_qdc(path)


@pytest.mark.parametrize(
    "name, match",
    [
        ("../../evil.txt", "outside the archive"),
        ("sources/../../evil.txt", "outside the archive"),
        ("/etc/cron.d/evil", "absolute path"),
        ("C:\\Windows\\evil.txt", "absolute path"),
    ],
)
def test_escaping_entry_names_are_refused(coded_project, tmp_path, name, match):
    path = _zip(tmp_path / "slip.qdpx", {"project.qde": b'<Project name="x"/>', name: b"x"})
    assert name in _refused(coded_project, path, match)


def test_symlink_entry_is_refused(coded_project, tmp_path):
    link = zipfile.ZipInfo("sources/link.txt")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = _zip(tmp_path / "link.qdpx", {"project.qde": b'<Project name="x"/>'}, [link])
    _refused(coded_project, path, "symbolic link")


def test_zip_bomb_is_refused(coded_project, tmp_path):
    path = _zip(
        tmp_path / "bomb.qdpx",
        {"project.qde": b'<Project name="x"/>', "sources/a.txt": b"\0" * (20 * 1024 * 1024)},
    )
    _refused(coded_project, path, "zip bomb")


def test_absurd_sizes_and_counts_are_refused(coded_project, tmp_path, monkeypatch):
    from cmo.refi import archive

    path = _zip(
        tmp_path / "many.qdpx",
        {"project.qde": b'<Project name="x"/>', **{f"sources/{i}.txt": b"abc" for i in range(30)}},
    )
    monkeypatch.setattr(archive, "MAX_ENTRIES", 20)
    _refused(coded_project, path, "31 entries")
    monkeypatch.setattr(archive, "MAX_ENTRIES", 10_000)
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 50)
    _refused(coded_project, path, "unpacked size")


def test_not_a_zip_and_not_a_project(coded_project, tmp_path):
    plain = tmp_path / "plain.qdpx"
    plain.write_text("hello", encoding="utf-8")
    _refused(coded_project, plain, "not a zip archive")
    other = _zip(tmp_path / "other.qdpx", {"project.qde": b"<Html/>"})
    _refused(coded_project, other, "not a REFI-QDA project")
    broken = _zip(tmp_path / "broken.qdpx", {"project.qde": b"<Project name='x'>"})
    _refused(coded_project, broken, "not well-formed XML")
    empty = _zip(tmp_path / "empty.qdpx", {"readme.txt": b"x"})
    _refused(coded_project, empty, "no project.qde")


def test_failure_while_writing_leaves_the_project_unchanged(coded_project, tmp_path, monkeypatch):
    from cmo.refi import apply_links
    from cmo.refi.import_qdpx import import_qdpx

    archive = zip_fixture("qualcoder", tmp_path)
    before = coded_project.store.logical_dump()

    def fail(writer):
        raise RuntimeError("disk full")

    monkeypatch.setattr(apply_links, "add_cmocs", fail)  # after transcripts and codings
    with pytest.raises(RuntimeError):
        import_qdpx(coded_project.store, archive)
    assert coded_project.store.logical_dump() == before


def test_a_source_path_outside_the_archive_is_not_read(coded_project, tmp_path):
    from cmo.refi.import_qdpx import import_qdpx

    secret = tmp_path / "secret.txt"
    secret.write_text("geheim", encoding="utf-8")
    qde = (
        '<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>'
        f'<TextSource guid="11111111-1111-4111-8111-111111111111" name="a" '
        f'plainTextPath="absolute://{secret}"/>'
        '<TextSource guid="11111111-1111-4111-8111-111111111112" name="b" '
        'plainTextPath="relative://../secret.txt"/></Sources></Project>'
    )
    (tmp_path / "sub").mkdir()
    path = _zip(tmp_path / "sub" / "paths.qdpx", {"project.qde": qde.encode()})
    report = import_qdpx(coded_project.store, path)
    assert report.transcripts == []
    assert sum("not in the archive" in w for w in report.warnings) == 2


def test_importing_transcripts_that_exist_changes_nothing(coded_project, tmp_path):
    from cmo.core.errors import Conflict
    from cmo.refi.export_qdpx import export_qdpx
    from cmo.refi.import_qdpx import import_qdpx

    archive = tmp_path / "self.qdpx"
    export_qdpx(coded_project.store, archive)
    before = coded_project.store.logical_dump()
    with pytest.raises(Conflict, match="'cirkel-client1'.*nothing was imported"):
        import_qdpx(coded_project.store, archive)
    assert coded_project.store.logical_dump() == before
