"""The RAMESES II reporting standards for realist evaluations (Wong et al. 2016).

Wong G, Westhorp G, Manzano A, Greenhalgh J, Jagosh J, Greenhalgh T. RAMESES II
reporting standards for realist evaluations. BMC Medicine 2016;14:96. Twenty items in
six sections. For each item: where the generated report covers it (a section title of
the report), or None when only the researcher can write it.
"""

from __future__ import annotations

from dataclasses import dataclass

REFERENCE = (
    "Wong G, Westhorp G, Manzano A, Greenhalgh J, Jagosh J, Greenhalgh T. RAMESES II "
    "reporting standards for realist evaluations. BMC Medicine 2016;14:96."
)

SECTION_THEORY = "Programmatheorie"
SECTION_VERSIONS = "Versies van de programmatheorie"
SECTION_CASUSSEN = "Casussen en deelnemers"
SECTION_CMOCS = "CMO-configuraties"
SECTION_MECHANISMS = "Mechanismetabel"
SECTION_CHANGES = "Veranderingen in de programmatheorie"
SECTION_METHOD = "Werkwijze van de analyse"


@dataclass(frozen=True)
class Item:
    number: int
    section: str
    title: str
    covered_by: str | None
    """The report section that covers the item, or None: left to the researcher."""
    note: str


ITEMS: tuple[Item, ...] = (
    Item(1, "Titel", "Titel", None, "Noem het document een realistische evaluatie."),
    Item(2, "Samenvatting", "Samenvatting of abstract", None, "Door de onderzoeker."),
    Item(3, "Inleiding", "Aanleiding voor de evaluatie", None, "Door de onderzoeker."),
    Item(
        4,
        "Inleiding",
        "Programmatheorie",
        SECTION_THEORY,
        "De initiële programmatheorie (versie 1) en het diagram; de onderzoeker beschrijft "
        "de bronnen ervan.",
    ),
    Item(5, "Inleiding", "Evaluatievragen, doelen en focus", None, "Door de onderzoeker."),
    Item(6, "Inleiding", "Ethische toetsing", None, "Citaten staan onder pseudoniem."),
    Item(7, "Methode", "Waarom een realistische evaluatie", None, "Door de onderzoeker."),
    Item(
        8,
        "Methode",
        "Omgeving van de evaluatie",
        SECTION_CASUSSEN,
        "De casussen met hun kenmerken; de onderzoeker beschrijft de context verder.",
    ),
    Item(9, "Methode", "Beschrijving van het programma", None, "Door de onderzoeker."),
    Item(
        10,
        "Methode",
        "Opzet van de evaluatie",
        SECTION_VERSIONS,
        "De analyserondes als versies van de programmatheorie; de onderzoeker "
        "verantwoordt de opzet.",
    ),
    Item(
        11,
        "Methode",
        "Dataverzameling",
        SECTION_CASUSSEN,
        "Aantal interviews en focusgroepen per casus; de onderzoeker beschrijft de topiclijsten.",
    ),
    Item(12, "Methode", "Werving en steekproef", None, "Door de onderzoeker."),
    Item(
        13,
        "Methode",
        "Data-analyse",
        SECTION_METHOD,
        "Coderen als context, mechanisme en uitkomst, CMO-configuraties, bewijs voor en "
        "tegen, de regel voor het voorgestelde vertrouwen.",
    ),
    Item(
        14,
        "Resultaten",
        "Gegevens over de deelnemers",
        SECTION_CASUSSEN,
        "Deelnemers per casus en rol (interviewers en gespreksleiders niet meegeteld).",
    ),
    Item(
        15,
        "Resultaten",
        "Belangrijkste bevindingen",
        SECTION_CMOCS,
        "CMO-configuraties met status, vertrouwen, bewijs voor en tegen en citaten; "
        "mechanismetabel, frequenties, ketens en demi-regularities.",
    ),
    Item(
        16,
        "Discussie",
        "Samenvatting van de bevindingen",
        SECTION_CHANGES,
        "De veranderingen tussen twee versies; de onderzoeker vat samen.",
    ),
    Item(
        17,
        "Discussie",
        "Sterke punten, beperkingen en vervolgonderzoek",
        None,
        "Door de onderzoeker; het bewijs tegen staat per CMOC in de tabellen.",
    ),
    Item(18, "Discussie", "Vergelijking met de literatuur", None, "Door de onderzoeker."),
    Item(19, "Discussie", "Conclusies en aanbevelingen", None, "Door de onderzoeker."),
    Item(20, "Discussie", "Financiering en belangenverstrengeling", None, "Door de onderzoeker."),
)
