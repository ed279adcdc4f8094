"""Team mode end to end on a real server: concurrent coders, the CLI, and migrate both ways."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.samples import CODEBOOK, ROOT, SAMPLE_INTERVIEW

pytestmark = pytest.mark.postgres

CODER_SCRIPT = """
import sys, time
from pathlib import Path
from cmo.store.project import open_project

folder, coder, go, n = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
proj = open_project(folder)
t = proj.store.transcripts.get("cirkel-client1")
codes = ["M1c", "M2a", "M3c", "M4", "C1"]
(go.parent / f"ready-{coder}").touch()
while not go.exists():
    time.sleep(0.01)
ids = []
for i in range(n):
    ids.append(proj.store.codings.add(t.id, 10 + i, 20 + i, codes[i % 5], coder=coder).id)
    if i % 10 == 9:  # a change and a delete now and then, as a coder does
        proj.store.codings.update(ids[-2], actor=coder, memo="herzien door " + coder)
        proj.store.codings.remove(ids[-3], actor=coder)
seen = {c.coder for c in proj.store.codings.all(transcript_id=t.id)}
print(",".join(sorted(seen)))
proj.close()
"""


def _cli(args: list[str]):
    from cmo.cli import app

    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def server_project(tmp_path, pg_url):
    folder = tmp_path / "team"
    _cli(["init", str(folder), "--db", pg_url, "--coder", "anna"])
    sample = tmp_path / "cirkel-client1.txt"
    sample.write_text(SAMPLE_INTERVIEW, encoding="utf-8")
    _cli(
        [
            "import",
            str(sample),
            "--casus",
            "De Cirkel Almere",
            "--role",
            "R=cliënt",
            "--project",
            str(folder),
        ]
    )
    return folder


def test_two_processes_code_one_transcript_at_once(server_project, tmp_path):
    from cmo.store.project import open_project

    go, n = tmp_path / "go", 30
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    coders = [
        subprocess.Popen(
            [sys.executable, "-c", CODER_SCRIPT, str(server_project), who, str(go), str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for who in ("anna", "bram")
    ]
    deadline = time.monotonic() + 30  # both connected, then start them together
    while not all((tmp_path / f"ready-{who}").exists() for who in ("anna", "bram")):
        assert time.monotonic() < deadline, "the coder processes did not start"
        dead = [p for p in coders if p.poll() is not None]
        assert not dead, dead[0].stderr.read() if dead else ""
        time.sleep(0.02)
    go.touch()
    outputs = [p.communicate(timeout=60) for p in coders]
    for proc, (_out, err) in zip(coders, outputs, strict=True):
        assert proc.returncode == 0, err
    # whichever finished last saw the other's work
    assert "anna,bram" in {out.strip() for out, _ in outputs}
    with open_project(server_project) as proj:
        t = proj.store.transcripts.get("cirkel-client1")
        codings = proj.store.codings.all(transcript_id=t.id)
        log = proj.store.history.recent(limit=1000)
    removed = n // 10
    for who in ("anna", "bram"):
        mine = [c for c in codings if c.coder == who]
        assert len(mine) == n - removed
        assert sum(c.memo == f"herzien door {who}" for c in mine) == removed
        actions = [c["action"] for c in log if c["actor"] == who]
        assert (
            actions.count("coding.add"),
            actions.count("coding.memo"),
            actions.count("coding.remove"),
        ) == (n, removed, removed)
    assert len({c.id for c in codings}) == len(codings) == 2 * (n - removed)


def test_cli_on_server_codes_lists_and_logs(server_project):
    import json

    p = ["--project", str(server_project)]
    _cli(["code", "add", "cirkel-client1", "--code", "M3c", "--quote", "laagdrempelig", *p])
    _cli(
        [
            "code",
            "add",
            "cirkel-client1",
            "--code",
            "M3c",
            "--quote",
            "laagdrempelig",
            "--coder",
            "bram",
            *p,
        ]
    )
    listed = json.loads(_cli(["codings", "--json", *p]).stdout)
    assert sorted((c["coder"], c["text"]) for c in listed) == [
        ("anna", "laagdrempelig"),
        ("bram", "laagdrempelig"),
    ]
    _cli(["code", "rm", str(listed[1]["id"]), "--coder", "bram", *p])
    log = json.loads(_cli(["log", "--json", "--entity", "coding", *p]).stdout)
    assert [(c["actor"], c["action"]) for c in log][:2] == [
        ("bram", "coding.remove"),
        ("bram", "coding.add"),
    ]
    summary = json.loads(_cli(["transcripts", "--json", *p]).stdout)
    assert summary[0]["codings"] == 1 and summary[0]["coded_turns"] == 1


def _rich_sqlite_project(tmp_path: Path):
    """A SQLite project with a row in every table, undone history and parent codes."""
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.ingest.service import import_files
    from cmo.store.project import init_project
    from cmo.store.schema import ArtifactRow, CmocEvidenceRow, CmocRow, FeedbackRow

    proj = init_project(tmp_path / "solo", name="solo", coder="anna")
    (proj.path / "codebook.yaml").write_text(CODEBOOK.read_text(encoding="utf-8"), encoding="utf-8")
    store = proj.store
    store.codebook.load(load_codebook(CODEBOOK))
    sample = tmp_path / "cirkel-client1.txt"
    sample.write_text(SAMPLE_INTERVIEW, encoding="utf-8")
    import_files(store, [sample], casus="De Cirkel Almere", roles={"R": "cliënt"})
    store.casussen.set("De Cirkel Almere", {"gemeente": "Almere", "type": "wijkcentrum"})
    t = store.transcripts.get("cirkel-client1")
    kept = store.codings.add(t.id, 40, 60, "M3c", coder="anna", memo="‘laagdrempelig’ — ëigen")
    gone = store.codings.add(t.id, 70, 90, "O3.2", coder="bram")
    store.codings.remove(gone.id, actor="bram")
    store.codings.add(t.id, 100, 120, "M2a", coder="bram")
    store.history.undo("bram")
    store.memos.set("transcript", str(t.id), "Eerste interview.", author="anna")
    with store.write() as conn:
        conn.execute(
            CmocRow.__table__.insert().values(
                id="CMOC1",
                title="Laagdrempelig",
                contexts=["C1"],
                mechanisms=["M3c"],
                outcomes=["O1"],
                guid="g-cmoc-1",
            )
        )
        conn.execute(CmocEvidenceRow.__table__.insert().values(cmoc_id="CMOC1", coding_id=kept.id))
        conn.execute(
            FeedbackRow.__table__.insert().values(
                transcript_id=t.id, start=0, end=10, code_id="C1", answer="reject", score=0.25
            )
        )
        conn.execute(
            ArtifactRow.__table__.insert().values(
                name="model", data=bytes(range(256)), info={"f1": 0.5}
            )
        )
    return proj


def test_migrate_sqlite_to_server_and_back_keeps_everything(tmp_path, pg_url):
    import tomllib

    from cmo.store.project import open_project

    proj = _rich_sqlite_project(tmp_path)
    original = proj.store.logical_dump()
    empty = sorted(name for name in original if not original[name])
    # Derived or per-person tables the fixture does not fill: embeddings (recomputed),
    # workbench settings (drafts, pinned digits), theory versions and chains.
    assert set(empty) <= {"embedding", "workbench_setting", "theory_version", "cmoc_chain"}, empty
    assert len(empty) < len(original) / 2, "most tables must hold a row"
    proj.close()

    _cli(["migrate", "--to", pg_url, "--project", str(proj.path)])
    settings = tomllib.loads((proj.path / "project.toml").read_text(encoding="utf-8"))
    assert settings["database"] == pg_url
    with open_project(proj.path) as on_server:
        assert on_server.store.engine.dialect.name == "postgresql"
        assert on_server.store.logical_dump() == original
        # ids continue after the copied ones (the sequences were moved on)
        highest = max(c.id for c in on_server.store.codings.all())
        t = on_server.store.transcripts.get("cirkel-client1")
        added = on_server.store.codings.add(t.id, 5, 15, "C2", coder="chris")
        assert added.id > highest
        on_server.store.codings.remove(added.id, actor="chris")
        on_server.store.history.undo("chris")
        after_server_work = on_server.store.logical_dump()

    # back to SQLite, into the project's own folder: the old cmo.db is set aside
    _cli(["migrate", "--to", str(proj.path), "--project", str(proj.path)])
    settings = tomllib.loads((proj.path / "project.toml").read_text(encoding="utf-8"))
    assert "database" not in settings
    assert list((proj.path / "backups").glob("cmo-before-migrate-*.db"))
    with open_project(proj.path) as back:
        assert back.store.is_sqlite
        assert back.store.logical_dump() == after_server_work


def test_migrate_refuses_a_target_that_holds_a_project(tmp_path, pg_url):
    from cmo.core.errors import Conflict
    from cmo.store.project import open_project
    from cmo.store.transfer import migrate_project

    proj = _rich_sqlite_project(tmp_path)
    proj.close()
    with open_project(proj.path) as first:
        migrate_project(first, pg_url)
    other = tmp_path / "second"
    _cli(["init", str(other)])
    with open_project(other) as second, pytest.raises(Conflict, match="not empty"):
        migrate_project(second, pg_url)
    assert not (other / "project.toml").read_text(encoding="utf-8").count("database")
