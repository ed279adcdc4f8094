"""Merging a colleague's project (``cmo import-qdpx THEIRS.qdpx --merge``).

Anna codes a project and sends it as QDPX; Bram imports it, codes the same transcripts
and sends his project back; Anna merges it. Agreement between them must then be what
it is in a project where both coded directly, and nothing of Anna's may have changed.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ..qdpx_helpers import SECOND_INTERVIEW, new_project
from ..samples import SAMPLE_INTERVIEW

ANNA = [
    ("cirkel-client1", "laagdrempelig", "M3c"),
    ("cirkel-client1", "Ik heb weer structuur", "M1c"),
    ("cirkel-client1", "daar ben ik trots op", "M2a"),
    ("sittard", "Vertrouwen is alles", "M3a"),
    ("sittard", "dat is een belemmering", "M4"),
]
BRAM = [
    ("cirkel-client1", "laagdrempelig", "M3c"),
    ("cirkel-client1", "Ik heb weer structuur", "M1a"),
    ("cirkel-client1", "via de schuldhulp", "M4"),
    ("sittard", "Vertrouwen is alles", "M3a"),
    ("sittard", "De lijnen met de Wmo-consulent zijn kort", "C1"),
    ("sittard", "Ik zie mijn klanten elke maand", "M9"),  # Bram's own emergent code
]
M9 = dict(id="M9", family="M", name="Vaste afspraken", definition="Elke maand.", emergent=True)


def _texts(tmp_path: Path) -> list[Path]:
    one, two = tmp_path / "cirkel-client1.txt", tmp_path / "sittard.txt"
    one.write_text(SAMPLE_INTERVIEW, encoding="utf-8")
    two.write_text(SECOND_INTERVIEW, encoding="utf-8")
    return [one, two]


def _import_texts(project, tmp_path: Path) -> None:
    from cmo.ingest.service import import_files

    one, two = _texts(tmp_path)
    import_files(project.store, [one], casus="De Cirkel Almere")
    import_files(project.store, [two], casus="Participatiehuis Sittard-Geleen")


def _code(store, coder: str, work) -> None:
    from cmo.core.text import find_quote

    for name, quote, code in work:
        t = store.transcripts.get(name)
        ((start, end),) = find_quote(t.text, quote)
        store.codings.add(t.id, start, end, code, coder=coder)


def _add_m9(store) -> None:
    from cmo.core.domain import Code

    store.codebook.add(Code(**M9), actor="bram")


def _export(project, path: Path) -> Path:
    from cmo.refi.export_qdpx import export_qdpx

    export_qdpx(project.store, path, name=project.name)
    return path


def _ours(store):
    """Everything of a project that a merge must leave exactly as it was."""
    return {
        "codings": sorted(
            (c.guid, c.transcript_id, c.start, c.end, c.code_id, c.coder, c.memo, c.created_at)
            for c in store.codings.all()
        ),
        "codes": sorted(store.codebook.codes(), key=lambda c: c.id),
        "transcripts": sorted((t.id, t.guid, t.name, t.text) for t in store.transcripts.all()),
        "memos": sorted((m.guid, m.target_kind, m.target_id, m.text) for m in store.memos.all()),
        "participants": sorted(store.participants.all(), key=lambda p: p.id),
        "casussen": sorted(store.casussen.all(), key=lambda c: c.id),
    }


@pytest.fixture
def teams(tmp_path):
    """(anna's project, bram's export, a project where both coded directly)."""
    from cmo.refi.import_qdpx import import_qdpx

    anna = new_project(tmp_path / "anna")
    _import_texts(anna, tmp_path / "anna")
    _code(anna.store, "anna", ANNA)
    anna.store.memos.set("code", "M3c", "Anna's memo", author="anna")

    bram = new_project(tmp_path / "bram")
    import_qdpx(bram.store, _export(anna, tmp_path / "from-anna.qdpx"))
    _add_m9(bram.store)
    _code(bram.store, "bram", BRAM)
    bram.store.memos.set("code", "M9", "Komt vaak voor", author="bram")
    theirs = _export(bram, tmp_path / "from-bram.qdpx")
    bram.close()

    both = new_project(tmp_path / "both")
    _import_texts(both, tmp_path / "both")
    _add_m9(both.store)
    _code(both.store, "anna", ANNA)
    _code(both.store, "bram", BRAM)
    yield anna, theirs, both
    anna.close()
    both.close()


def test_merge_gives_the_agreement_of_coding_together(teams):
    from cmo.analysis.agreement import agreement
    from cmo.refi.import_qdpx import import_qdpx

    anna, theirs, both = teams
    before = _ours(anna.store)
    report = import_qdpx(anna.store, theirs, merge=True)
    assert report.conflicts == [] and report.transcripts == []
    assert sorted(action for _, action, _ in report.sources) == ["same GUID", "same GUID"]
    assert report.codings_by_coder == {"bram": len(BRAM)}
    assert report.codings_present == len(ANNA)  # Anna's own codings came back: not added
    assert report.added == [("M9 Vaste afspraken", "M9")]
    assert {m.rule for m in report.mappings} == {"GUID"}  # one codebook, one set of GUIDs
    after = _ours(anna.store)
    # Nothing of Anna's changed: her rows are all still there, exactly as they were.
    assert set(before["codings"]) <= set(after["codings"])
    assert len(after["codings"]) == len(ANNA) + len(BRAM)
    assert [c for c in after["codes"] if c.id != "M9"] == before["codes"]
    assert after["transcripts"] == before["transcripts"]
    assert set(before["memos"]) <= set(after["memos"])
    assert len(after["memos"]) == len(before["memos"]) + 1  # Bram's memo on M9, nothing else
    assert report.participants == 0  # the people are ours already
    assert after["participants"] == before["participants"]
    assert after["casussen"] == before["casussen"]
    assert ("code", "M9", "Komt vaak voor") in {
        (m.target_kind, m.target_id, m.text) for m in anna.store.memos.all()
    }
    for unit in ("turn", "sentence", "char"):
        merged = agreement(anna.store, ["anna", "bram"], unit=unit).as_json()
        direct = agreement(both.store, ["anna", "bram"], unit=unit).as_json()
        assert merged["overall"]["units"] > 0
        assert merged["overall"] == direct["overall"], unit
        by_code = sorted(merged["codes"], key=lambda c: c["code"])
        assert by_code == sorted(direct["codes"], key=lambda c: c["code"]), unit


def test_merging_twice_adds_nothing_the_second_time(teams):
    from cmo.refi.import_qdpx import import_qdpx

    anna, theirs, _ = teams
    import_qdpx(anna.store, theirs, merge=True)
    once = _ours(anna.store)
    again = import_qdpx(anna.store, theirs, merge=True)
    assert again.codings == 0 and again.codings_present == len(ANNA) + len(BRAM)
    assert again.codes_added == [] and again.memos == 0
    assert _ours(anna.store) == once


def test_dry_run_prints_the_plan_and_changes_nothing(teams):
    from typer.testing import CliRunner

    from cmo.cli import app

    anna, theirs, _ = teams
    before = _ours(anna.store)
    result = CliRunner().invoke(
        app, ["import-qdpx", str(theirs), "--merge", "--dry-run", "-p", str(anna.path)]
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "nothing has been changed" in out
    assert "same GUID  cirkel-client1 → our cirkel-client1" in out
    assert "M9" in out and "Vaste afspraken" in out
    assert "M3c" in out and "(same GUID)" in out
    assert f"Codings: {len(BRAM)} (bram {len(BRAM)})" in out
    assert f"{len(ANNA)} already in the project" in out
    assert "Users: anna, bram" in out
    assert _ours(anna.store) == before


def test_a_changed_source_is_a_conflict_and_nothing_lands(teams, tmp_path):
    from cmo.core.errors import Conflict
    from cmo.refi.import_qdpx import import_qdpx

    anna, theirs, _ = teams
    changed = tmp_path / "changed.qdpx"
    with zipfile.ZipFile(theirs) as src, zipfile.ZipFile(changed, "w") as dst:
        sources = [n for n in src.namelist() if n.startswith("sources/")]
        for name in src.namelist():
            data = src.read(name)
            if name == sources[0]:
                data = data.replace(b"Interview", b"Gesprek", 1)
            dst.writestr(name, data)
    before = _ours(anna.store)
    with pytest.raises(Conflict, match=r"1 source\(s\) conflict .*same GUID.*another text"):
        import_qdpx(anna.store, changed, merge=True)
    assert _ours(anna.store) == before
    dry = import_qdpx(anna.store, changed, merge=True, dry_run=True)
    assert len(dry.conflicts) == 1 and _ours(anna.store) == before


def test_a_source_matched_by_its_text_alone(teams, tmp_path):
    """Another tool gives the same interview a new GUID: the identical text still matches."""
    from cmo.refi.import_qdpx import import_qdpx

    anna, theirs, _ = teams
    retagged = tmp_path / "retagged.qdpx"
    with zipfile.ZipFile(theirs) as src, zipfile.ZipFile(retagged, "w") as dst:
        qde = src.read("project.qde").decode("utf-8")
        for t in anna.store.transcripts.all():
            qde = qde.replace(t.guid, "0f0f0f0f-0000-4000-8000-" + t.guid[-12:])
        for name in src.namelist():
            data = src.read(name) if name != "project.qde" else qde.encode("utf-8")
            for t in anna.store.transcripts.all():
                name = name.replace(t.guid, "0f0f0f0f-0000-4000-8000-" + t.guid[-12:])
            dst.writestr(name, data)
    report = import_qdpx(anna.store, retagged, merge=True)
    assert sorted(a for _, a, _ in report.sources) == ["same text", "same text"]
    assert report.codings_by_coder == {"bram": len(BRAM)}
    assert len(anna.store.transcripts.all()) == 2


def test_json_plan_names_every_mapping_and_coder(teams):
    import json

    from typer.testing import CliRunner

    from cmo.cli import app

    anna, theirs, _ = teams
    before = _ours(anna.store)
    result = CliRunner().invoke(
        app, ["import-qdpx", str(theirs), "--merge", "--dry-run", "--json", "-p", str(anna.path)]
    )
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["dry_run"] is True and plan["merge"] is True
    assert plan["codes_new"] == [{"name": "M9 Vaste afspraken", "id": "M9"}]
    assert {m["by"] for m in plan["codes_onto"]} == {"GUID"} and len(plan["codes_onto"]) == 25
    assert plan["codings_by_coder"] == {"bram": len(BRAM)}
    assert [s["action"] for s in plan["sources"]] == ["same GUID", "same GUID"]
    assert _ours(anna.store) == before
