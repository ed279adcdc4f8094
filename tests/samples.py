"""Paths and sample texts shared by the tests (plain values, not fixtures)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODEBOOK = ROOT / "codebooks" / "realist-wwb-wmo.yaml"
DATA = Path(__file__).parent / "data"

SAMPLE_INTERVIEW = """Interview De Cirkel, cliënt 1
Datum: 12 maart

I: Hoe ben je bij De Cirkel terechtgekomen?
R: Via mijn klantmanager. Ze zei: ‘probeer het gewoon een keer’. Het is hier laagdrempelig,
er staat altijd koffie klaar en je kunt zo binnenlopen.
I: Wat betekent dat voor je?
R: Ik heb weer structuur. Elke dinsdag en donderdag sta ik vroeg op. En ik heb een cursus
computervaardigheden gedaan, daar ben ik trots op, dat had ik nooit gedacht.
I: Zijn er dingen die het lastig maken?
R: Mijn schulden. Maar via de schuldhulp is dat nu geregeld.
"""

# The reliability tests' interview, and the quotes they code in it (quote, code).
DEMO = """Interview Participatiehuis Sittard-Geleen, deelnemer 4
Datum: 3 april

I: Hoe bent u bij het Participatiehuis gekomen?
Jan: Mijn klantmanager Marieke heeft me gewezen op het participatiehuis. Ik zat al twee jaar thuis.
I: Wat vond u daarvan?
Jan: In het begin was ik sceptisch, ik dacht: weer zo'n verplicht traject. Maar Marieke nam
echt de tijd voor me en luisterde naar wat ik wilde.
I: Wat doet u nu?
Jan: Ik werk drie ochtenden in de kringloopwinkel. Daar heb ik weer collega's en een reden om
mijn bed uit te komen.
I: Zijn er ook dingen die tegenvallen?
Jan: De reiskosten. Die worden niet vergoed en dat hakt erin met een uitkering.
I: Hoe gaat het met uw gezondheid?
Jan: Wisselend. Mijn rug speelt op als ik te lang sta.
"""

CODED = [
    ("heeft me gewezen op het participatiehuis", "M3a"),
    ("nam\necht de tijd voor me en luisterde naar wat ik wilde", "M3b"),
    ("Daar heb ik weer collega's", "O2"),
    ("De reiskosten. Die worden niet vergoed", "M4"),
    ("Mijn rug speelt op", "C2"),
    ("Marieke", "C1"),
]

# A long interview of 120 one-line turns (the concurrency and kill tests).
LONG_TEXT = "\n".join(f"R: Dit is zin {i} over de klantmanager en het werk." for i in range(120))


# A focus group of four participants and a chair, with four coded fragments each time.
FOCUSGROEP = """Focusgroep deelnemers
GL: Welkom allemaal.
D1: Ik kom hier elke week, het geeft structuur.
D2: Voor mij is het contact met de klantmanager belangrijk.
D3: Ik vond de cursus moeilijk maar ik ben trots.
D4: Mijn schulden zijn nu geregeld.
"""
FOCUSGROEP_CODED = [
    ("het geeft structuur", "M1c"),
    ("klantmanager", "M3a"),
    ("trots", "M2a"),
    ("Mijn schulden", "M4"),
]


def coded_focusgroepen(store, folder: Path, casussen: tuple[str, ...]) -> None:
    """One FOCUSGROEP per casus, imported and coded with FOCUSGROEP_CODED by 'tester'."""
    from cmo.core.text import find_quote
    from cmo.ingest.service import import_files

    for casus in casussen:
        path = folder / f"fg-{casus.split()[0].lower()}.txt"
        path.write_text(FOCUSGROEP.replace("deelnemers", casus), encoding="utf-8")
        import_files(store, [path], casus=casus, kind="focusgroep")
    for t in store.transcripts.all():
        for quote, code in FOCUSGROEP_CODED:
            ((s, e),) = find_quote(t.text, quote)
            store.codings.add(t.id, s, e, code, coder="tester")
