"""Regressions found by walking the command line as a new researcher would.

Each test runs the real entry point (``cmo.cli.main``, in this process: see tests/cli.py)
so that its one-line error handling is part of what is checked: a clear ``cmo: error:``
line naming the file or object, a non-zero exit code, no traceback and no 'unexpected …'.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.cli import run_cmo


def cmo(*args: str | Path, project: Path | None = None) -> subprocess.CompletedProcess:
    if project is not None:
        args = (*args, "-p", project)
    return run_cmo(*args)


def assert_clean_error(result: subprocess.CompletedProcess, code: int, *names: str) -> None:
    """One ``cmo: error:`` line naming ``names``, exit ``code``, no traceback."""
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cmo: error: ")
    assert "unexpected" not in lines[0] and "Traceback" not in result.stderr
    for name in names:
        assert name in lines[0]


@pytest.fixture
def blocker(tmp_path) -> Path:
    """A plain file, so that ``blocker/x`` is a path no one can write to (also as root)."""
    path = tmp_path / "afile"
    path.write_text("not a folder")
    return path


@pytest.fixture
def coded(coded_project) -> Path:
    """The folder of ``coded_project``, its database closed, as a command line finds it."""
    coded_project.close()
    return coded_project.path


@pytest.mark.parametrize(
    "args",
    [
        ("export", "matrix", "-f", "csv"),
        ("export", "mechanisms", "-f", "xlsx"),
        ("export", "qdpx"),
        ("freq", "-f", "csv"),
    ],
)
def test_export_to_unwritable_path_is_one_line_naming_it(coded, blocker, args):
    target = blocker / "out.file"
    result = cmo(*args, "-o", target, project=coded)
    assert_clean_error(result, 2, str(target), "cannot write")
    assert not target.exists()


def test_export_to_a_folder_says_it_is_a_folder(coded, tmp_path):
    result = cmo("export", "matrix", "-f", "csv", "-o", tmp_path, "--force", project=coded)
    assert_clean_error(result, 2, str(tmp_path), "folder")


def test_file_errors_outside_exports_name_the_file(coded, blocker):
    # codebook export, backup and init write without export.files.prepare.
    result = cmo("codebook", "export", "-o", blocker / "book.yaml", project=coded)
    assert_clean_error(result, 2, str(blocker))
    result = cmo("backup", "-o", blocker / "copy.db", project=coded)
    assert_clean_error(result, 2, str(blocker))
    result = cmo("init", blocker / "proj")
    assert_clean_error(result, 2, str(blocker))


def test_demo_in_unusable_folder_names_the_target_not_a_temporary_folder(blocker):
    target = blocker / "demo"
    result = cmo("demo", target)
    assert_clean_error(result, 5, f"{target}: cannot create the demo")


def test_memo_on_coding_with_non_numeric_id(coded):
    result = cmo("memo", "coding:abc", project=coded)
    assert_clean_error(result, 2, "coding:abc", "numbers")


def test_casus_rename_onto_existing_name_is_refused_and_changes_nothing(coded):
    assert cmo("casus", "add", "Service voor de Wijk Ede", project=coded).returncode == 0
    before = cmo("casus", "list", "--json", project=coded).stdout
    result = cmo(
        "casus", "set", "De Cirkel Almere", "--rename", "Service voor de Wijk Ede", project=coded
    )
    assert_clean_error(result, 4, "Service voor de Wijk Ede", "exists already")
    after = cmo("casus", "list", "--json", project=coded).stdout
    assert json.loads(after) == json.loads(before)


def test_wrong_option_values_are_refused_not_silently_empty(coded):
    assert_clean_error(cmo("codings", "--status", "bad", project=coded), 2, "--status", "bad")
    assert_clean_error(
        cmo("codebook", "show", "--family", "X", project=coded), 2, "--family", "'X'"
    )
    assert_clean_error(cmo("cooccur", "--family", "X", project=coded), 2, "--family", "'X'")
    # Valid values, lower case included, still work.
    shown = json.loads(cmo("codebook", "show", "--family", "m", "--json", project=coded).stdout)
    assert shown and {c["family"] for c in shown} == {"M"}
    review = json.loads(cmo("codings", "--status", "ok", "--json", project=coded).stdout)
    assert len(review) == 4


def test_cooccur_on_a_project_without_codings_says_so(project):
    project.close()
    result = cmo("cooccur", project=project.path)
    assert result.returncode == 0
    assert result.stdout.strip() == "Geen coderingen om te tellen."


def test_consensus_take_of_a_coder_not_compared_is_refused(coded_project):
    store = coded_project.store
    t = store.transcripts.get("cirkel-client1")
    first = store.codings.all(transcript_id=t.id)[0]
    store.codings.add(t.id, first.start, first.end, "O2", coder="bram")
    coded_project.close()
    args = ("consensus", "cirkel-client1", "--coders", "tester,bram", "--fragment", "1")
    result = cmo(*args, "--take", "nobody", project=coded_project.path)
    assert_clean_error(result, 2, "--take", "nobody")
    codings = json.loads(cmo("codings", "--json", project=coded_project.path).stdout)
    assert not [c for c in codings if c["coder"] == "consensus"]


def test_qdpx_and_qdc_exports_are_not_private_files(coded, tmp_path):
    umask = os.umask(0)
    os.umask(umask)
    for name, what in (("p.qdpx", "qdpx"), ("c.qdc", "qdc")):
        out = tmp_path / name
        assert cmo("export", what, "-o", out, project=coded).returncode == 0
        assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_frequency_heatmap_keeps_the_colour_bar_label_inside(coded, tmp_path):
    import matplotlib.image

    out = tmp_path / "freq.png"
    assert cmo("freq", "-f", "png", "-o", out, project=coded).returncode == 0
    pixels = matplotlib.image.imread(out)
    # A label cut off at the right edge leaves dark pixels in the last columns.
    assert pixels[:, -3:, :3].min() > 0.9


def test_log_limit_zero_means_all_and_negative_is_refused(coded):
    every = json.loads(cmo("log", "--limit", "0", "--json", project=coded).stdout)
    assert len(every) == 4  # the four codings of the fixture
    some = json.loads(cmo("log", "--limit", "2", "--json", project=coded).stdout)
    assert [c["id"] for c in some] == [c["id"] for c in every[:2]]
    negative = cmo("log", "--limit", "-1", project=coded)
    assert negative.returncode == 2 and "--limit" in negative.stderr


@pytest.mark.parametrize("command", ["freq", "cooccur"])
def test_heatmap_of_an_empty_selection_is_refused_not_a_blank_png(project, tmp_path, command):
    project.close()
    out = tmp_path / "heat.png"
    result = cmo(command, "-f", "png", "-o", out, project=project.path)
    assert_clean_error(result, 2, "png", "no codings")
    assert not out.exists()


def test_import_of_a_folder_says_it_is_a_folder(project, tmp_path):
    project.close()
    folder = tmp_path / "transcripts"
    folder.mkdir()
    result = cmo("import", folder, "--casus", "De Cirkel Almere", project=project.path)
    assert_clean_error(result, 2, str(folder), "is a folder")
    assert json.loads(cmo("transcripts", "--json", project=project.path).stdout) == []


def test_unusable_database_url_is_one_line_and_init_leaves_no_folder(project, tmp_path):
    target = tmp_path / "new-project"
    result = cmo("init", target, "--db", "bogus://user:secret@host/db")
    assert_clean_error(result, 5, "bogus://user:***@host/db", "not a database URL")
    assert "secret" not in result.stderr
    assert not target.exists()
    project.close()
    result = cmo("migrate", "--to", "bogus://host/db", project=project.path)
    assert_clean_error(result, 5, "bogus://host/db", "not a database URL")


@pytest.mark.parametrize(
    "args",
    [
        ("freq", "--coder", "nobody"),
        ("cooccur", "--coder", "nobody"),
        ("export", "mechanisms", "--coder", "nobody"),
        ("candidates", "--of-coder", "nobody"),
    ],
)
def test_unknown_coder_is_refused_not_an_empty_table(coded, args):
    result = cmo(*args, project=coded)
    assert_clean_error(result, 2, args[-2], "'nobody' has no codings")
    assert not (coded / "exports").exists() or not any((coded / "exports").iterdir())


def test_known_coder_still_counts(coded):
    table = json.loads(cmo("freq", "--coder", "tester", "-f", "json", project=coded).stdout)
    assert sum(map(sum, table["counts"])) == 4


def test_suggest_refuses_empty_text_and_unknown_transcript_before_training(tmp_path):
    folder = tmp_path / "p"
    assert cmo("init", folder).returncode == 0
    empty = cmo("suggest", "--text", "  ", project=folder)
    assert empty.returncode != 0 and "--text: the text is empty" in empty.stderr
    unknown = cmo("suggest", "bestaat-niet", project=folder)
    assert unknown.returncode != 0 and "no transcript 'bestaat-niet'" in unknown.stderr
    assert "train" not in unknown.stderr.lower()
