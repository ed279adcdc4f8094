"""The demo project: built from transcripts/demo as a new user would, then inspected."""

from __future__ import annotations

import importlib
import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
DEMO_DIR = ROOT / "transcripts" / "demo"
MANIFEST = DEMO_DIR / "demo.yaml"
CASUSSEN = {"De Cirkel Almere", "Participatiehuis Sittard-Geleen", "Service voor de Wijk Ede"}
STAFF_ROLES = {
    "klantmanager",
    "participatiecoach",
    "coach",
    "trajectbegeleider",
    "beleidsmedewerker",
}
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-"})


def _same(a: str) -> str:
    """Text as find_quote compares it: white space, quote style and case do not count."""
    return " ".join(a.translate(_QUOTES).split()).casefold()


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory, demo_factory) -> Path:
    return demo_factory(tmp_path_factory.mktemp("demo") / "demo-project")


@pytest.fixture(scope="module")
def store(demo_path):
    from cmo.store.project import open_project

    project = open_project(demo_path)
    yield project.store
    project.close()


@pytest.fixture(scope="module")
def cli(demo_path):
    from cmo.cli import app

    runner = CliRunner()

    def run(*args: str):
        result = runner.invoke(app, [*args, "--project", str(demo_path)])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return run


def test_three_casussen_with_their_attributes(store):
    casussen = store.casussen.all()
    assert {c.name for c in casussen} == CASUSSEN
    for casus in casussen:
        assert {"gemeente", "project", "type"} <= set(casus.attributes), casus.name
    assert (
        store.casussen.get("Participatiehuis Sittard-Geleen").attributes["gemeente"]
        == "Sittard-Geleen"
    )


def test_each_casus_has_client_interviews_a_focusgroep_and_a_staff_interview(store):
    people = store.participants.by_id()
    for casus in store.casussen.all():
        client_interviews = focusgroepen = staff = 0
        for transcript in store.transcripts.all(casus.name):
            roles = defaultdict(set)
            for turn in store.transcripts.turns(transcript.id):
                if turn.participant_id:
                    roles[people[turn.participant_id].role].add(turn.participant_id)
            if transcript.kind == "focusgroep":
                assert len(roles["cliënt"]) >= 4, transcript.name
                assert len(roles["gespreksleider"]) == 1, transcript.name
                focusgroepen += 1
            elif transcript.kind == "interview" and roles["cliënt"]:
                client_interviews += 1
            elif transcript.kind == "interview" and STAFF_ROLES & set(roles):
                staff += 1
        assert client_interviews >= 2, casus.name
        assert focusgroepen == 1, casus.name
        assert staff >= 1, casus.name


def test_participants_carry_gender_age_and_trede(store):
    clients = [p for p in store.participants.all() if p.role == "cliënt"]
    assert len(clients) >= 20
    for person in clients:
        assert {"gender", "leeftijdsklasse", "trede"} <= set(person.attributes), person.label
    import re

    pseudonyms = [p.pseudonym for p in store.participants.all()]
    assert all(re.fullmatch(r"P-[A-Z]+\d+", p) for p in pseudonyms), pseudonyms
    assert len(set(pseudonyms)) == len(pseudonyms)


def test_every_context_mechanism_and_outcome_is_coded(store):
    counts = store.codebook.counts()
    top_level = [c for c in store.codebook.codes() if c.parent is None and not c.emergent]
    assert {c.family for c in top_level} == {"C", "M", "O"}
    assert len(top_level) == 19  # C1-C3, M1a-M1e, M2a-b, M3a-d, M4, O1-O4
    assert [c.id for c in top_level if not counts.get(c.id)] == []
    treden = [c.id for c in store.codebook.codes() if c.parent == "O3" and counts.get(c.id)]
    assert len(treden) == 6


def test_emergent_sociaal_netwerk_is_coded_in_several_casussen(store):
    m5 = store.codebook.code("M5")
    assert m5.emergent and m5.family == "M" and m5.name == "Sociaal netwerk"
    assert m5.definition and m5.keywords
    casus_of = {t.id: t.casus_id for t in store.transcripts.all()}
    casussen = {casus_of[c.transcript_id] for c in store.codings.all(code_id="M5")}
    assert len(casussen) >= 2
    assert store.memos.get("code", "M5") is not None


def test_every_coding_is_the_text_its_manifest_quote_names(store, manifest):
    texts = {t.name: t for t in store.transcripts.all()}
    expected = []
    for group in manifest["codings"]:
        for item in group["items"]:
            codes = item["code"] if isinstance(item["code"], list) else [item["code"]]
            coder = item.get("coder") or manifest["project"]["coder"]
            expected += [(group["transcript"], code, coder, _same(item["quote"])) for code in codes]
    names = {t.id: t.name for t in texts.values()}
    found = []
    for coding in store.codings.all():
        transcript = texts[names[coding.transcript_id]]
        found.append(
            (
                transcript.name,
                coding.code_id,
                coding.coder,
                _same(transcript.text[coding.start : coding.end]),
            )
        )
    assert sorted(found) == sorted(expected)
    assert 150 <= len(found) <= 400


def test_overlapping_and_nested_codings_exist(store):
    nested = 0
    for transcript in store.transcripts.all():
        spans = [(c.start, c.end) for c in store.codings.all(transcript_id=transcript.id)]
        nested += sum(1 for a in spans for b in spans if a != b and a[0] <= b[0] and b[1] <= a[1])
    assert nested >= 5


def test_about_half_of_the_turns_of_each_transcript_are_coded(store):
    rows = store.transcripts.summaries()
    assert sorted(r["name"] for r in rows) == sorted(t.name for t in store.transcripts.all())
    assert len(rows) >= 5  # one transcript per file format at least
    for row in rows:
        assert 0.35 <= row["progress"] <= 0.7, (row["name"], row["progress"])


def test_the_formats_are_mixed_and_cp1252_crlf_imports_without_mojibake(store):
    sources = {t.source_name for t in store.transcripts.all()}
    assert {Path(s).suffix for s in sources} == {".docx", ".odt", ".vtt", ".srt", ".txt"}
    cp1252 = []
    for path in DEMO_DIR.glob("*.txt"):
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            cp1252.append(path)
            assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n"), path.name
    assert len(cp1252) >= 2
    henk = (DEMO_DIR / "cirkel-interview-henk.txt").read_bytes()
    assert b"\x91" in henk and b"\x92" in henk  # curly quotes as Windows-1252 writes them
    text = store.transcripts.get("cirkel-interview-henk").text
    assert "‘empowermenttraining’" in text and "cliënt" in text
    for transcript in store.transcripts.all():
        assert not re.search("Ã|â€|\ufffd|\r", transcript.text), transcript.name


def test_word_tables_vtt_voices_and_capital_names_are_used():
    import docx

    tables = [len(docx.Document(p).tables) for p in DEMO_DIR.glob("*.docx")]
    assert 0 in tables and any(tables)  # paragraphs in one, a speaker|text table in others
    assert "<v Gespreksleider>" in (DEMO_DIR / "cirkel-focusgroep.vtt").read_text("utf-8")
    assert re.search(r"^TRUUS: ", (DEMO_DIR / "ph-focusgroep.txt").read_text("cp1252"), re.M)
    assert re.search(
        r"^\[\d\d:\d\d:\d\d\] Ingrid: ",
        (DEMO_DIR / "ph-interview-ingrid.txt").read_text("utf-8"),
        re.M,
    )


def test_cli_transcripts_json(cli):
    rows = cli("transcripts", "--json")
    assert len(rows) == 13
    assert {r["casus"] for r in rows} == CASUSSEN
    assert {r["kind"] for r in rows} == {"interview", "focusgroep"}
    assert all(r["codings"] > 0 and r["turns"] > 10 and r["words"] > 500 for r in rows)
    focus = {r["name"]: r["speakers"] for r in rows if r["kind"] == "focusgroep"}
    assert focus == {"cirkel-focusgroep": 6, "ph-focusgroep": 6, "ede-focusgroep": 5}


def test_cli_turns_json_slices_the_full_text(cli, store):
    for transcript in store.transcripts.all():
        turns = cli("turns", transcript.name, "--json")
        assert [t["index"] for t in turns] == list(range(len(turns)))
        for turn in turns:
            assert turn["text"] == transcript.text[turn["start"] : turn["end"]]
            assert turn["text"] and turn["text"] == turn["text"].strip()
    turns = cli("turns", "ph-focusgroep", "--json")
    speakers = {t["speaker"]: t["role"] for t in turns if t["speaker"]}
    assert speakers == {
        "GL": "gespreksleider",
        "TRUUS": "cliënt",
        "BERT": "cliënt",
        "NICOLE": "cliënt",
        "SANDRA": "cliënt",
        "ROY": "cliënt",
    }
    vtt = cli("turns", "cirkel-focusgroep", "--json")
    assert vtt[0]["speaker"] == "Gespreksleider" and vtt[0]["timestamp"] == "00:00:04"


def test_cli_codings_json(cli, store):
    rows = cli("codings", "--json")
    assert len(rows) == sum(store.codebook.counts().values())
    texts = {t.name: t.text for t in store.transcripts.all()}
    for row in rows:
        assert row["text"] == texts[row["transcript"]][row["start"] : row["end"]]
    m5 = cli("codings", "--json", "--code", "M5")
    assert len({r["casus"] for r in m5}) == 3
    assert {r["coder"] for r in rows} == {"sanne", "joost"}


def test_building_twice_refuses_without_force_and_rebuilds_with_it(tmp_path, demo_factory):
    from cmo.cli import app
    from cmo.core.errors import Conflict
    from cmo.store.project import open_project

    target = demo_factory(tmp_path / "demo")  # a demo built before
    with open_project(target) as project:
        project.store.codings.remove(project.store.codings.all()[0].id)
        reduced = len(project.store.codings.all())
    result = CliRunner().invoke(app, ["demo", str(target)])
    assert isinstance(result.exception, Conflict) and "--force" in str(result.exception)
    done = subprocess.run(
        [sys.executable, "-m", "cmo.commands.demo", str(target)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 4
    assert done.stderr.startswith("cmo: error: ") and "--force" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    with open_project(target) as project:
        assert len(project.store.codings.all()) == reduced  # untouched by the refusals
    result = CliRunner().invoke(app, ["demo", "--force", str(target)])
    assert result.exit_code == 0, result.output
    assert "13 transcripts" in result.output
    with open_project(target) as project:
        assert len(project.store.codings.all()) == reduced + 1
        assert len(project.store.transcripts.all()) == 13
    assert [p.name for p in tmp_path.iterdir()] == ["demo"]  # no staging folder left behind


def test_force_never_deletes_a_folder_that_is_not_a_project(tmp_path):
    from cmo.commands.demo import build_demo
    from cmo.core.errors import ProjectError

    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "hoofdstuk1.docx").write_bytes(b"mine")
    with pytest.raises(ProjectError, match="not a cmo project"):
        build_demo(folder, force=True)
    assert (folder / "hoofdstuk1.docx").read_bytes() == b"mine"


@pytest.mark.parametrize(
    ("quote", "code", "problem"),
    [
        ("Deze zin staat nergens in het transcript.", "M5", r"not found"),
        ("de groep", "M5", r"found [2-9] times"),
        ("Vriendinnen. Echt waar.", "M9", r"no code 'M9'"),
    ],
)
def test_a_bad_coding_in_the_manifest_stops_the_build(tmp_path, manifest, quote, code, problem):
    from cmo.commands.demo import build_demo
    from cmo.core.errors import InputError

    first = manifest["casussen"][0]
    small = {
        "project": manifest["project"],
        "casussen": [first],
        "codings": [{"transcript": "cirkel-focusgroep", "items": [{"code": code, "quote": quote}]}],
    }
    for item in first["transcripts"]:
        shutil.copy(DEMO_DIR / item["file"], tmp_path / item["file"])
    (tmp_path / "demo.yaml").write_text(yaml.safe_dump(small, allow_unicode=True), "utf-8")
    with pytest.raises(InputError) as failure:
        build_demo(tmp_path / "out", manifest=tmp_path / "demo.yaml")
    message = str(failure.value)
    assert message.startswith(str(tmp_path / "demo.yaml"))
    assert re.search(problem, message), message
    assert "cirkel-focusgroep" in message and quote[:20] in message
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_checked_in_files_are_what_make_files_writes(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(DEMO_DIR))
    make_files = importlib.import_module("make_files")
    make_files.main(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(
        item["file"]
        for casus in yaml.safe_load(MANIFEST.read_text("utf-8"))["casussen"]
        for item in casus["transcripts"]
    )
    from cmo.ingest.readers import read_transcript

    for name in written:
        fresh, checked_in = tmp_path / name, DEMO_DIR / name
        if name.endswith((".odt", ".docx")):
            # odfpy stamps documents with the time they were written, so compare what a
            # reader sees: the same text and the same speaker turns.
            a, b = read_transcript(fresh), read_transcript(checked_in)
            assert (a.text, a.turns) == (b.text, b.turns), name
        else:
            assert fresh.read_bytes() == checked_in.read_bytes(), name
