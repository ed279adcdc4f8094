"""The docs cannot drift: every example in docs/*.md is the output of running it, and
the CLI reference holds the --help of every command (see cmo.docgen)."""

from __future__ import annotations

import re
import shlex

from cogapp import Cog

from cmo import docgen

COG_BLOCK = re.compile(r"\[\[\[cog(.*?)\]\]\](.*?)\[\[\[end\]\]\]", re.DOTALL)


def test_every_generated_example_is_what_the_program_prints_today():
    assert docgen.doc_files(), "no docs with generated examples"
    assert docgen.main(["--check"]) == 0, "docs differ: run python -m cmo.docgen"


def test_a_doc_whose_output_differs_from_the_program_is_caught(tmp_path):
    team = (docgen.DOCS / "team.md").read_text(encoding="utf-8")
    # Only the doc up to the block that first prints the count: the blocks after it would
    # re-run a dozen more commands without adding to what this test shows. Untouched, that
    # part passes the check; with the count made wrong, it fails.
    said = team.index("6 disagreement(s) in cirkel-focusgroep")
    team = team[: team.index("[[[end]]]", said) + len("[[[end]]] -->")] + "\n"
    untouched = tmp_path / "team-untouched.md"
    untouched.write_text(team, "utf-8")
    assert Cog().main(["cog", "--check", "--verbosity=0", str(untouched)]) == 0
    tampered = tmp_path / "team.md"
    tampered.write_text(team.replace("6 disagreement(s)", "7 disagreement(s)", 1), "utf-8")
    assert Cog().main(["cog", "--check", "--verbosity=0", str(tampered)]) != 0


def test_every_command_is_in_the_cli_reference():
    reference = (docgen.DOCS / "cli.md").read_text(encoding="utf-8")
    paths = docgen.commands()
    assert {"cmo review accept", "cmo transcripts rm", "cmo import"} <= set(paths)
    missing = [p for p in paths if f"## {p}\n" not in reference]
    assert not missing, f"not in docs/cli.md: {missing}"


def test_no_example_in_the_docs_is_written_by_hand():
    for doc in sorted(docgen.DOCS.glob("*.md")):
        text = doc.read_text(encoding="utf-8")
        outside = COG_BLOCK.sub("", text)
        typed = [line for line in outside.splitlines() if line.lstrip().startswith("$ cmo")]
        assert not typed, f"{doc.name}: examples outside a generated block: {typed}"


def test_the_files_the_examples_use_are_shipped_in_docs_examples():
    used = set()
    for doc in docgen.doc_files():
        for code, _ in COG_BLOCK.findall(doc.read_text(encoding="utf-8")):
            for command in re.findall(r"docs\.run\((['\"])(.*?)\1", code):
                for arg in shlex.split(command[1]):
                    if re.search(r"\.(txt|docx|odt|vtt|srt|qdpx|yaml)$", arg):
                        assert arg.startswith("examples/"), f"{doc.name}: {arg} is not shipped"
                        used.add(arg.removeprefix("examples/"))
    assert used, "the examples import no files"
    for name in used:
        assert (docgen.EXAMPLES / name).is_file(), f"docs/examples/{name} is missing"
