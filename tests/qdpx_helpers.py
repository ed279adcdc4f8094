"""Helpers shared by the REFI-QDA tests: zipping fixture folders, a richly coded project."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from lxml import etree

FIXTURES = Path(__file__).parent / "data" / "qdpx"
# The REFI-QDA project schema (a copy of shared/refi-qda/Project-mrt2019.xsd, so the tests
# need nothing outside the repository).
XSD = Path(__file__).resolve().parent / "data" / "refi-qda" / "Project-mrt2019.xsd"
_SCHEMA = None


def schema() -> etree.XMLSchema:
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = etree.XMLSchema(etree.parse(str(XSD)))
    return _SCHEMA


def assert_valid(qde: bytes) -> None:
    doc = etree.fromstring(qde)
    checker = schema()
    assert checker.validate(doc), str(checker.error_log)


def zip_fixture(name: str, target_dir: Path) -> Path:
    """Zip ``tests/data/qdpx/<name>/`` as ``<name>.qdpx``; an ``external/`` folder is put
    beside the archive instead (sources that tools refer to with relative://)."""
    folder = FIXTURES / name
    target = target_dir / f"{name}.qdpx"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            relative = file.relative_to(folder)
            if file.is_file() and relative.parts[0] != "external":
                archive.write(file, relative.as_posix())
    if (folder / "external").is_dir():
        shutil.copytree(folder / "external", target_dir / "external", dirs_exist_ok=True)
    return target


def new_project(path: Path, codebook: bool = True):
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.store.project import init_project

    from .samples import CODEBOOK

    proj = init_project(path, name=path.name, coder="tester")
    if codebook:
        proj.store.codebook.load(load_codebook(CODEBOOK))
    return proj


SECOND_INTERVIEW = """Interview Sittard, klantmanager
Petra: Ik zie mijn klanten elke maand. Vertrouwen is alles.
Petra: Zonder geld voor de cursus gaat het niet, dat is een belemmering.
I: En de Wmo?
Petra: De lijnen met de Wmo-consulent zijn kort.
"""


def enrich(project, tmp_path: Path) -> None:
    """Turn the ``coded_project`` fixture into one with everything REFI-QDA must carry:
    two casussen with attributes, participants with roles and attributes, an emergent
    code, coding memos, memos on every kind of target, and a CMOC with evidence."""
    from cmo.core.domain import Code
    from cmo.core.text import find_quote
    from cmo.ingest.service import import_files

    store = project.store
    path = tmp_path / "sittard-klantmanager.txt"
    path.write_text(SECOND_INTERVIEW, encoding="utf-8")
    import_files(store, [path], casus="Participatiehuis Sittard-Geleen")
    store.casussen.set("De Cirkel Almere", {"gemeente": "Almere", "start": "2011"})
    store.participants.set(
        "cirkel-client1/R", role="cliënt", attributes={"leeftijd": "34"}, pseudonym="Sanne"
    )
    # A named klantmanager: one person across the casus (a bare role label
    # "Klantmanager:" would be one per transcript).
    store.participants.set("Petra", casus="Participatiehuis Sittard-Geleen", role="klantmanager")
    store.codebook.add(
        Code(
            id="M5",
            family="M",
            name="Sociaal netwerk",
            cluster="M3",
            definition="Steun van familie en buren.",
            keywords=("buurvrouw",),
            emergent=True,
            sort_order=1000,
        ),
        actor="tester",
    )
    sittard = store.transcripts.get("sittard-klantmanager")
    coding_ids = []
    for quote, code, coder in [
        ("Vertrouwen is alles", "M3a", "anna"),
        ("een belemmering", "M4", "tester"),
        ("De lijnen met de Wmo-consulent zijn kort", "C1", "anna"),
        ("Ik zie mijn klanten elke maand", "M5", "tester"),
    ]:
        ((start, end),) = find_quote(sittard.text, quote)
        coding_ids.append(store.codings.add(sittard.id, start, end, code, coder=coder).id)
    first = store.codings.all(transcript_id=store.transcripts.get("cirkel-client1").id)[0]
    store.codings.update(first.id, memo="Kernpassage: «laagdrempelig»\nmet & tekens")
    cirkel = store.casussen.get("De Cirkel Almere")
    store.memos.set("project", "", "Evaluatie 2024, ronde 1.", author="tester")
    store.memos.set("casus", str(cirkel.id), "Casus met veel inloop.", author="anna")
    store.memos.set(
        "transcript", str(sittard.id), "Opname was slecht verstaanbaar.", author="tester"
    )
    store.memos.set("code", "M5", "Komt in elke casus terug.", author="anna")
    store.cmocs.add(
        title="Vertrouwen werkt",
        casus_id=store.casussen.get("Participatiehuis Sittard-Geleen").id,
        contexts=["C1"],
        mechanisms=["M3a"],
        outcomes=["O2"],
        resource="Vaste klantmanager",
        reasoning="Klant voelt zich gezien",
        memo="Sterk bewijs",
        evidence=coding_ids[:1],
        actor="tester",
    )
    store.cmocs.add(
        title="",
        contexts=["C3"],
        mechanisms=["M5"],
        outcomes=["O1"],
        fired="gemengd",
        relation="verfijnt",
        actor="tester",
    )
