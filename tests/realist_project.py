"""A small realist project for the analysis tests (the ``realist`` fixture): three
casussen, interviews and focusgroepen, C/M/O codings, an emergent code, interviewer turns,
and a speaker whose name is a spreadsheet formula."""

from __future__ import annotations

from cmo.core.domain import Code, ParsedTranscript, TurnDraft

EVIL = '=HYPERLINK("http://x","y")'
CIRKEL = "De Cirkel Almere"
SITTARD = "Participatiehuis Sittard-Geleen"
EDE = "Service voor de Wijk Ede"

# (transcript name, casus, kind, [(speaker, utterance, [(quote, code), ...]), ...])
TRANSCRIPTS = [
    (
        "cirkel-r1",
        CIRKEL,
        "interview",
        [
            ("I", "Hoe ben je bij De Cirkel gekomen?", []),
            (
                "R",
                "De gemeente stuurde me via de bijstand. Het is hier laagdrempelig en gezellig.",
                [("De gemeente stuurde me via de bijstand", "C1"), ("laagdrempelig", "M3c")],
            ),
            ("R", "Ik kom elke week terug, ik ben niet gestopt.", [("ik ben niet gestopt", "O2")]),
            ("I", "Wat heeft het je gebracht?", [("Wat heeft het je gebracht", "M1c")]),
            (
                "R",
                "Structuur in mijn week en ik durf weer dingen.",
                [("Structuur in mijn week", "M1c"), ("ik durf weer dingen", "M2a")],
            ),
        ],
    ),
    (
        "cirkel-r2",
        CIRKEL,
        "interview",
        [
            ("I", "Hoe gaat het nu?", []),
            (
                "R",
                "Mijn buurvrouw nam me mee. Ik doe nu vrijwilligerswerk in de keuken.",
                [
                    ("Mijn buurvrouw nam me mee", "C3"),
                    ("Ik doe nu vrijwilligerswerk", "O3.4"),
                    ("buurvrouw", "X1"),
                ],
            ),
            (
                "R",
                "Het geeft me een doel. Ik ben er trots op en ik blijf komen.",
                [
                    ("Het geeft me een doel", "M1a"),
                    ("Ik ben er trots op", "M2a"),
                    ("ik blijf komen", "O2"),
                ],
            ),
        ],
    ),
    (
        "cirkel-fg",
        CIRKEL,
        "focusgroep",
        [
            ("GL", "Wat maakt De Cirkel anders?", []),
            (
                "Marieke",
                "De klantmanager luistert echt. Daardoor ben ik begonnen.",
                [("De klantmanager luistert echt", "M3a"), ("Daardoor ben ik begonnen", "O1")],
            ),
            (
                EVIL,
                "Door de schuldhulp had ik weer rust in mijn hoofd.",
                [("Door de schuldhulp", "M4"), ("rust in mijn hoofd", "O4")],
            ),
            (
                "Henk",
                "Er is in Almere weinig werk, dus de bijstand blijft.",
                [("weinig werk", "C2")],
            ),
            ("Marieke", "Maar ik ben wel begonnen met een cursus.", [("met een cursus", "O3.3")]),
            (
                "Henk",
                "De klantmanager luistert niet altijd, dan haak ik af.",
                [("De klantmanager luistert niet altijd", "M3a"), ("dan haak ik af", "O2")],
            ),
        ],
    ),
    (
        "ph-r1",
        SITTARD,
        "interview",
        [
            ("I", "Wat doe je in het Participatiehuis?", []),
            (
                "R",
                "Via het wijkteam kwam ik hier. Ik leer computervaardigheden.",
                [("Via het wijkteam kwam ik hier", "C1"), ("Ik leer computervaardigheden", "M1b")],
            ),
            (
                "R",
                "Nu doe ik een stage bij een bedrijf.",
                [("een stage bij een bedrijf", "C2"), ("Nu doe ik een stage", "O3.4")],
            ),
        ],
    ),
    (
        "ph-fg",
        SITTARD,
        "focusgroep",
        [
            ("GL", "Wat helpt jullie?", []),
            (
                "Anna",
                "De coach geeft vertrouwen. Daarom blijf ik komen.",
                [("De coach geeft vertrouwen", "M3b"), ("Daarom blijf ik komen", "O2")],
            ),
            (
                "Bert",
                "Door de regels van de gemeente mocht ik eerst niet meedoen.",
                [("Door de regels van de gemeente", "C1")],
            ),
            (
                "Bert",
                "Toen de coach belde, ben ik toch begonnen.",
                [("Toen de coach belde", "M3b"), ("ben ik toch begonnen", "O1")],
            ),
            ("Anna", "Mijn zus helpt me ook.", [("Mijn zus helpt me", "C3"), ("Mijn zus", "X1")]),
        ],
    ),
    (
        "ede-km",
        EDE,
        "interview",
        [
            ("I", "Hoe werkt Service voor de Wijk?", []),
            (
                "Klantmanager",
                "Wij bieden werk in de wijk aan. Mensen krijgen weer ritme.",
                [
                    ("Wij bieden werk in de wijk aan", "C2"),
                    ("Mensen krijgen weer ritme", "M1c"),
                    ("werk in de wijk", "O3.4"),
                ],
            ),
        ],
    ),
    (
        "ede-r1",
        EDE,
        "interview",
        [
            ("I", "Wat vond je ervan?", []),
            (
                "R",
                "Ik werk nu in de groenvoorziening. Dat had ik nooit gedacht, ik kan het.",
                [("Ik werk nu in de groenvoorziening", "O3.5"), ("ik kan het", "M2b")],
            ),
            (
                "R",
                "De werkgever is tevreden. Ik stop niet meer.",
                [("De werkgever is tevreden", "C2"), ("Ik stop niet meer", "O2")],
            ),
        ],
    ),
]
ROLES = {
    "Klantmanager": "klantmanager",
    "R": "cliënt",
    "Marieke": "cliënt",
    "Henk": "cliënt",
    EVIL: "cliënt",
    "Anna": "cliënt",
    "Bert": "cliënt",
}


def build(store) -> dict[str, int]:
    """Fill ``store`` (with the realist codebook loaded); returns coding ids by 'name:quote'."""
    from cmo.core.text import find_quote

    store.codebook.add(
        Code(id="X1", family="C", name="sociaal netwerk", emergent=True), actor="tester"
    )
    ids: dict[str, int] = {}
    for name, casus, kind, turns in TRANSCRIPTS:
        text, drafts = "", []
        for speaker, utterance, _codings in turns:
            line = f"{speaker}: "
            start = len(text) + len(line)
            text += line + utterance + "\n"
            drafts.append(
                TurnDraft(speaker=speaker, timestamp=None, start=start, end=start + len(utterance))
            )
        parsed = ParsedTranscript(text=text.rstrip("\n"), turns=drafts)
        roles = {s: ROLES[s] for s, _u, _c in turns if s in ROLES}
        tid = store.bulk.add_transcript(
            parsed,
            name=name,
            casus=casus,
            kind=kind,
            source_name=f"{name}.txt",
            sha256=name,
            roles=roles,
        )
        for index, (_speaker, _utterance, codings) in enumerate(turns):
            draft = drafts[index]
            for quote, code in codings:
                ((start, end),) = find_quote(parsed.text, quote, draft.start, draft.end)
                coding = store.codings.add(tid, start, end, code, coder="tester")
                ids[f"{name}:{quote}"] = coding.id
    # A second coder: one fragment coded again with the same code (counts once), and one
    # code of their own.
    twice = store.codings.get(ids["cirkel-r1:laagdrempelig"])
    ids["second:laagdrempelig"] = store.codings.add(
        twice.transcript_id, twice.start, twice.end, twice.code_id, coder="tweede"
    ).id
    own = store.codings.get(ids["ede-r1:ik kan het"])
    ids["second:ik kan het"] = store.codings.add(
        own.transcript_id, own.start, own.end, "M2a", coder="tweede"
    ).id
    return ids


def add_cmocs(store, ids: dict[str, int]) -> None:

    cirkel = store.casussen.get(CIRKEL).id
    sittard = store.casussen.get(SITTARD).id
    store.cmocs.add(
        title="Laagdrempelig aanbod houdt mensen binnen",
        casus_id=cirkel,
        contexts=["C1"],
        mechanisms=["M3c"],
        outcomes=["O2"],
        resource="Vrije inloop met koffie",
        reasoning="Ik durf binnen te lopen",
        evidence=[
            ids["cirkel-r1:De gemeente stuurde me via de bijstand"],
            ids["cirkel-r1:laagdrempelig"],
            ids["second:laagdrempelig"],
            ids["cirkel-r1:ik ben niet gestopt"],
        ],
        actor="tester",
    )
    store.cmocs.add(
        title="Klantmanager die luistert",
        casus_id=None,
        contexts=["C2"],
        mechanisms=["M3a", "M3b"],
        outcomes=["O1", "O2"],
        fired="gemengd",
        relation="verfijnt",
        memo="Werkt niet bij elke klantmanager",
        evidence=[
            ids["cirkel-fg:De klantmanager luistert echt"],
            ids["cirkel-fg:Daardoor ben ik begonnen"],
            ids["cirkel-fg:De klantmanager luistert niet altijd"],
            ids["ph-fg:De coach geeft vertrouwen"],
            ids["ph-fg:Daarom blijf ik komen"],
        ],
        actor="tester",
    )
    store.cmocs.add(
        title="Regels blokkeren deelname",
        casus_id=sittard,
        contexts=["C1"],
        mechanisms=["M3b"],
        outcomes=["O1"],
        fired="niet geactiveerd",
        relation="weerlegt",
        evidence=[ids["ph-fg:Door de regels van de gemeente"]],
        actor="tester",
    )
    store.cmocs.add(
        title="Schuldhulp geeft rust",
        casus_id=cirkel,
        mechanisms=["M4"],
        outcomes=["O4"],
        evidence=[ids["cirkel-fg:Door de schuldhulp"], ids["cirkel-fg:rust in mijn hoofd"]],
        actor="tester",
    )
