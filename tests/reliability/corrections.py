"""Five realistic corrections of the demo interview (and all five at once), as a
researcher would make them before replacing a transcript."""

from __future__ import annotations


def typos_fixed(text: str) -> str:
    return text.replace("het participatiehuis. Ik", "het Participatiehuis. Ik").replace(
        "voor me en luisterde", "voor mij en luisterde"
    )


def names_pseudonymised(text: str) -> str:
    return text.replace("Jan:", "R:").replace("Marieke", "[klantmanager]")


def paragraph_added(text: str) -> str:
    return text.replace(
        "Datum: 3 april\n",
        "Datum: 3 april\nLocatie: Sittard\n"
        "Aanwezig: interviewer en deelnemer; opname 42 minuten.\n",
    )


def paragraph_removed(text: str) -> str:
    return text.replace(
        "I: Hoe gaat het met uw gezondheid?\n"
        "Jan: Wisselend. Mijn rug speelt op als ik te lang sta.\n",
        "",
    )


def rewrapped(text: str) -> str:
    return (
        text.replace(" nam\necht", " nam echt")
        .replace("reden om\nmijn", "reden om mijn")
        .replace("collega's", "collega’s")
    )


def all_corrections(text: str) -> str:
    return rewrapped(names_pseudonymised(paragraph_removed(paragraph_added(typos_fixed(text)))))
