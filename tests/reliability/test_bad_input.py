"""Hostile and broken input through the real CLI: one line naming the file and the problem,
a non-zero exit, no traceback (unless --debug), and a project that is logically unchanged.

The corpus is ``tests/data/bad/`` (made by ``make_bad_corpus.py``); ``ok-*`` files are
awkward but valid and must import.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cmo.store import Store
from cmo.store.project import DATABASE, SETTINGS
from tests.cli import run_cli_batch, run_cmo, run_cmo_process
from tests.samples import ROOT

from .dump import project_dump

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
CASUS = "De Cirkel Almere"

# file name → the problem the error line must mention
TRANSCRIPTS = {
    "empty.txt": "empty",
    "whitespace-only.txt": "empty",
    "bom-only.txt": "empty",
    "binary.txt": "binary data",
    "image-renamed.txt": "PNG image",
    "pdf-renamed.txt": "PDF document",
    "word97-renamed.txt": "old Word (.doc)",
    "word97-renamed.docx": "not a .docx file",
    "controls-in-speaker.txt": "control character U+001B",
    "escape-sequence.srt": "control character U+001B",
    "bidi-override-speaker.vtt": "contains control characters",
    "formula-speaker.vtt": "spreadsheet formula",
    "formula-speaker-at.vtt": "spreadsheet formula",
    "unsupported.pdf": "unsupported file type '.pdf'",
    "broken-timestamps.vtt": "not valid WebVTT",
    "no-cues.vtt": "no cues",
    "no-header.vtt": "not valid WebVTT",
    "negative-cue-numbers.srt": "negative cue number",
    "garbage.srt": "not valid SRT",
    "truncated.docx": "truncated",
    "not-a-zip.docx": "not a zip archive",
    "corrupt-document-xml.docx": "not a readable .docx",
    "missing-document-xml.docx": "not a readable .docx",
    "zip-slip.docx": "unsafe path",
    "zip-bomb.docx": "zip bomb",
    "xxe.docx": "declares a DTD",
    "billion-laughs.docx": "declares a DTD",
    "truncated.odt": "truncated",
    "corrupt-content-xml.odt": "not a readable .odt",
    "xxe.odt": "declares a DTD",
    "vtt-twenty-digit-hour.vtt": "broken cue timing",
    "srt-huge-hour.srt": "out of range",
    "docx-doctype-after-comment.docx": "declares a DTD",
    "odt-deeply-nested.odt": "nested too deeply",
    "backspace-in-text.txt": "control character U+0008",
    "bell-in-text.txt": "control character U+0007",
    "docx-duplicate-member.docx": "holding 'word/document.xml' twice",
    "docx-symlink-member.docx": "symbolic link",
    "docx-encrypted-members.docx": "encrypted part",
    "docx-utf32-doctype.docx": "declares a DTD",
    "docx-not-a-word-body.docx": "no document body",
    "invisible-only.txt": "no visible text",
    "zero-width-in-label.txt": "invisible character U+200B",
    "rlm-before-label.txt": "invisible character U+200F",
}
QDPX = {
    "truncated.qdpx": "not a QDPX file",
    "corrupt.qdpx": "not well-formed",
    "zip-slip.qdpx": "outside the archive",
    "zip-bomb.qdpx": "zip bomb",
    "xxe.qdpx": "DTD",
    "qdpx-many-small-bombs.qdpx": "zip bomb",
    "qdpx-deep-code-tree.qdpx": "nested more than 64 levels deep",
    "qdpx-duplicate-member.qdpx": "is in the archive twice",
}
# Imported, but nothing outside the archive may be read (basePath="/etc", relative://passwd).
CONFINED = {"qdpx-basepath-etc.qdpx": "/etc/passwd"}
CODEBOOKS = {
    "codebook-duplicate-ids.yaml": "duplicate code id",
    "codebook-cycle.yaml": "parent cycle",
    "codebook-unknown-parent.yaml": "unknown parent",
    "codebook-not-yaml.yaml": "not valid YAML",
    "codebook-wrong-shape.yaml": "needs a 'codes:' list",
    "codebook-alias-bomb.yaml": "must be a mapping",
    "codebook-binary.yaml": "cannot read codebook",
    "codebook-keyword-alias-bomb.yaml": "alias bomb",
    "codebook-deep-nesting.yaml": "nested too deeply",
    "codebook-control-in-name.yaml": "control character U+001B",
    # YAML turns unquoted values into numbers, dates and bytes: the id stored would differ.
    "codebook-huge-int-id.yaml": "integer string conversion",
    "codebook-date-id.yaml": "is a date, not text",
    "codebook-binary-tag-id.yaml": "is a bytes, not text",
    "codebook-duplicate-key.yaml": "given twice in one entry",
    "codebook-lookalike-ids.yaml": "looks the same as code id 'C1'",
    "codebook-deep-parent-chain.yaml": "nested more than 64 levels deep",
}
SETTINGS_FILES = {
    "project-wrong-types.toml": "'name' must be a str",
    "project-database-wrong-type.toml": "'database' must be a str",
    "project-not-toml.toml": "not valid TOML",
    "project-binary.toml": "not valid TOML",
}
GOOD = {
    "ok-utf16-no-bom.txt": "Prima, ik werk nu drie dagen in de kringloop.",
    "ok-mixed-encodings.txt": "R: En daarna ging ik naar de coöperatie.",
    # A comma before the milliseconds: the respondent's cue must not vanish.
    "ok-vtt-comma-timing.vtt": "Respondent: Ik kom hier elke week graag.",
}


def _qdpx_command() -> list[str] | None:
    import typer

    from cmo.cli import app

    names = set(typer.main.get_command(app).commands)
    return ["import-qdpx"] if "import-qdpx" in names else None


def _command(name: str, folder: Path, qdpx: list[str] | None) -> list[str]:
    """The command line that feeds ``name`` to a project in ``folder``."""
    path = str(BAD / name)
    if name in CODEBOOKS:
        return ["codebook", "import", path, "-p", str(folder)]
    if name in SETTINGS_FILES:
        shutil.copy(BAD / name, folder / SETTINGS)
        return ["codings", "-p", str(folder)]
    if name in QDPX and qdpx:
        return [*qdpx, path, "-p", str(folder)]
    return ["import", path, "--casus", CASUS, "-p", str(folder)]


def _expected(name: str, qdpx: list[str] | None) -> tuple[str, str]:
    """(what the error line must name, the problem it must mention)."""
    if name in SETTINGS_FILES:
        return SETTINGS, SETTINGS_FILES[name]
    if name in QDPX:
        return name, QDPX[name] if qdpx else "unsupported file type '.qdpx'"
    return name, {**TRANSCRIPTS, **CODEBOOKS}[name]


HUGE, DEBUG = "een-regel-50mb.txt", "--debug"
REFUSED = sorted({*TRANSCRIPTS, *QDPX, *CODEBOOKS, *SETTINGS_FILES})
# One of each kind also runs as its own process, exactly as a researcher runs it.
SEPARATE = ["zip-bomb.docx", "xxe.qdpx", "project-wrong-types.toml"]


@pytest.fixture(scope="module")
def shared_project(tmp_path_factory):
    """A small coded project (made in-process: the CLI's own runs are below)."""
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.ingest.service import import_files
    from cmo.store.project import init_project

    folder = tmp_path_factory.mktemp("bad") / "proj"
    sample = folder.parent / "cirkel-client1.txt"
    sample.write_text("I: Hoe gaat het?\nR: Goed, ik heb weer structuur.\n", encoding="utf-8")
    with init_project(folder, coder="tester") as project:
        project.store.codebook.load(load_codebook(ROOT / "codebooks" / "realist-wwb-wmo.yaml"))
        import_files(project.store, [sample], casus=CASUS)
        t = project.store.transcripts.get("cirkel-client1")
        start = t.text.index("weer structuur")
        project.store.codings.add(t.id, start, start + len("weer structuur"), "M1c", "tester")
    return folder


@pytest.fixture(scope="module")
def corpus_run(shared_project, tmp_path_factory):
    """Every refused file against its own copy of the project, through ``cmo.cli.main``
    in one separate process; returns (results by name, copies by name, dump before)."""
    qdpx = _qdpx_command()
    base = tmp_path_factory.mktemp("copies")
    huge = base / HUGE
    with huge.open("wb") as out:  # 50 MB on one line, made here rather than committed
        for _ in range(50):
            out.write(b"ja " * 350_000)
    copies, commands = {}, []
    for name in [*REFUSED, *GOOD, HUGE, DEBUG]:
        copies[name] = base / f"proj-{name}"
        shutil.copytree(shared_project, copies[name])
        if name in GOOD or name == HUGE:
            source = BAD / name if name in GOOD else huge
            commands.append(["import", str(source), "--casus", CASUS, "-p", str(copies[name])])
        elif name == DEBUG:
            commands.append(
                [
                    "--debug",
                    "import",
                    str(BAD / "empty.txt"),
                    "--casus",
                    CASUS,
                    "-p",
                    str(copies[name]),
                ]
            )
        else:
            commands.append(_command(name, copies[name], qdpx))
    names = [*REFUSED, *GOOD, HUGE, DEBUG]
    results = dict(zip(names, run_cli_batch(commands), strict=True))
    return results, copies, project_dump(shared_project), qdpx


def _assert_refused(code: int, stderr: str, file_shown: str, problem: str) -> None:
    assert code != 0
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("cmo: error: ")
    assert file_shown in lines[0] and problem in lines[0], lines[0]
    assert "Traceback" not in stderr


def test_the_corpus_is_complete():
    files = {p.name for p in BAD.iterdir()}
    listed = {*TRANSCRIPTS, *QDPX, *CODEBOOKS, *SETTINGS_FILES, *GOOD, *CONFINED}
    assert files == listed
    assert len(files - set(GOOD)) >= 30


@pytest.mark.slow
@pytest.mark.parametrize("name", REFUSED)
def test_bad_input_is_refused_in_one_line_and_changes_nothing(corpus_run, name):
    results, copies, before, qdpx = corpus_run
    shown, problem = _expected(name, qdpx)
    _assert_refused(results[name]["code"], results[name]["stderr"], shown, problem)
    assert project_dump(copies[name]) == before


@pytest.mark.parametrize("name", SEPARATE)
def test_bad_input_is_refused_by_the_cmo_process(shared_project, tmp_path, name):
    copy = tmp_path / "proj"
    shutil.copytree(shared_project, copy)
    qdpx = _qdpx_command() if name in QDPX else None
    result = run_cmo_process(*_command(name, copy, qdpx))
    _assert_refused(result.returncode, result.stderr, *_expected(name, qdpx))
    assert project_dump(copy) == project_dump(shared_project)


def test_a_50_mb_single_line_file_is_refused(corpus_run):
    results, copies, before, _ = corpus_run
    _assert_refused(results[HUGE]["code"], results[HUGE]["stderr"], HUGE, "too large")
    assert project_dump(copies[HUGE]) == before


def test_debug_shows_the_traceback(corpus_run):
    results, *_ = corpus_run
    assert results[DEBUG]["code"] != 0 and "Traceback" in results[DEBUG]["stderr"]


@pytest.mark.parametrize("name", sorted(GOOD))
def test_awkward_but_valid_files_import(corpus_run, name):
    results, copies, *_ = corpus_run
    assert results[name]["code"] == 0, results[name]["stderr"]
    store = Store(f"sqlite:///{copies[name] / DATABASE}")
    try:
        text = store.transcripts.get(Path(name).stem).text
    finally:
        store.close()
    assert GOOD[name] in text


@pytest.mark.parametrize("name", sorted(CONFINED))
def test_qdpx_source_paths_never_leave_the_archive(shared_project, tmp_path, name):
    copy = tmp_path / "proj"
    shutil.copytree(shared_project, copy)
    result = run_cmo("import-qdpx", str(BAD / name), "-p", str(copy))
    assert "Traceback" not in result.stderr
    secret = Path(CONFINED[name]).read_text(encoding="utf-8", errors="replace")[:40]
    store = Store(f"sqlite:///{copy / DATABASE}")
    try:
        texts = [t.text for t in store.transcripts.all()]
    finally:
        store.close()
    assert len(texts) == 1  # only the project's own transcript
    assert not any(secret in text or "root:" in text for text in texts)
