"""The questions the transcript screen asks before it acts: which coding, which code,
which digit, which speaker, replace anyway?

Each function opens a dialog over ``app`` and calls ``then`` with the answer (nothing
when the researcher cancels). None of them reads or writes the project: they are given
the plain data to offer, and the screen acts on the answer through its session.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import App

from ...core.domain import Coding, Participant, Turn
from ...core.text import snippet
from ..dialogs.choice import ChoiceDialog
from ..dialogs.code_picker import NEW_CODE, CodePicker
from ..dialogs.new_code import NewCodeDialog
from ..dialogs.prompt import PromptDialog
from ..state.digit_keys import DIGITS, DigitKeys
from ..state.document import TranscriptDoc


def choose_coding(
    app: App, doc: TranscriptDoc, found: list[Coding], verb: str, then: Callable[[Coding], None]
) -> None:
    """``then(coding)`` for one of ``found``: at once when there is one, else ask (the
    closest fit is highlighted, so enter takes it)."""
    if len(found) == 1:
        then(found[0])
        return
    by_id = {str(c.id): c for c in found}
    options = [
        (
            str(c.id),
            Text.assemble(
                (f"{c.code_id:<6}", f"bold {doc.colour(c.code_id)}"),
                (f" {c.coder:<8} ", "dim"),
                f"«{snippet(doc.text, c.start, c.end, 44)}»",
            ),
        )
        for c in found
    ]

    def chosen(key: str | None) -> None:
        if key in by_id:
            then(by_id[key])

    app.push_screen(ChoiceDialog(f"{verb} which coding?", options), chosen)


def pick_code(
    app: App,
    doc: TranscriptDoc,
    keys: DigitKeys,
    title: str,
    then: Callable[[str], None],
    new_code: Callable[[dict], str | None],
    new_id: str,
) -> None:
    """``then(code_id)`` for a code picked by search; a new emergent code is described in
    a form first and made by ``new_code(values)`` (which returns its id, or None)."""
    digits = {code_id: digit for digit, code_id, _ in keys.items()}
    picker = CodePicker(list(doc.codes.values()), keys.uses, title=title, keys=digits)

    def created(values: dict | None) -> None:
        code_id = new_code(values) if values else None
        if code_id:
            then(code_id)

    def chosen(result: str | None) -> None:
        if result is None:
            return
        if result.startswith(NEW_CODE):
            app.push_screen(NewCodeDialog(result[len(NEW_CODE) :], new_id), created)
        else:
            then(result)

    app.push_screen(picker, chosen)


def choose_digit(
    app: App, keys: DigitKeys, code_id: str, then: Callable[[int | None], None]
) -> None:
    """``then(digit)`` to pin ``code_id`` there, ``then(None)`` to unpin it."""
    options = []
    for digit in DIGITS:
        now = keys.code_on(digit)
        pinned = digit in keys.pins
        label = f"{digit}  " + (f"{now} ({'pinned' if pinned else 'recent'})" if now else "free")
        options.append((str(digit), label))
    if keys.digit_of(code_id) in keys.pins:
        options.append(("unpin", f"unpin {code_id}"))

    def chosen(key: str | None) -> None:
        if key is not None:
            then(None if key == "unpin" else int(key))

    app.push_screen(ChoiceDialog(f"Pin {code_id} to key…", options), chosen)


def ask_replace_anyway(app: App, name: str, refused, then: Callable[[], None]) -> None:
    """The corrected file shares too little with the transcript: replace anyway?"""
    title = f"Only {refused.share:.0%} of '{refused.transcript}' is found in {name}"
    options = [
        ("cancel", "Cancel: keep the transcript as it is"),
        ("force", "Replace anyway: codings that are not found go to review"),
    ]

    def answered(choice: str | None) -> None:
        if choice == "force":
            then()

    app.push_screen(ChoiceDialog(title, options), answered)


SpeakerAnswer = tuple[str, object]
"""('relabel', label) · ('split-turn', label or '') · ('merge', Participant) · ('split', None)."""


def correct_speaker(
    app: App,
    turn: Turn,
    person: Participant | None,
    others: list[Participant],
    then: Callable[[SpeakerAnswer], None],
) -> None:
    """What is wrong with who speaks in ``turn``?"""
    label = turn.speaker or "(no speaker)"
    options = [
        ("relabel", f"Another speaker for turn {turn.index} (now {label})"),
        ("split-turn", "Split the turn where the selection starts (a new speaker begins)"),
    ]
    if person is not None and others:
        options.append(("merge", f"{person.label} is the same person as…"))
    if person is not None:
        options.append(("split", f"{person.label} is a different person in each transcript"))

    def relabel(value: str | None) -> None:
        if value and value.strip():
            then(("relabel", value.strip()))

    def split_turn(value: str | None) -> None:
        if value is not None:
            then(("split-turn", value.strip()))

    def merge(key: str | None) -> None:
        chosen = next((p for p in others if str(p.id) == key), None)
        if chosen is not None:
            then(("merge", chosen))

    def picked(key: str | None) -> None:
        if key == "relabel":
            hint = "a participant's label; a new label makes a new participant"
            app.push_screen(PromptDialog("Speaker of this turn", hint, turn.speaker or ""), relabel)
        elif key == "split-turn":
            hint = "the speaker of the second part (empty: the same speaker)"
            app.push_screen(PromptDialog("Split the turn", hint), split_turn)
        elif key == "merge":
            options = [(str(p.id), f"{p.label}  {p.role}".rstrip()) for p in others]
            app.push_screen(ChoiceDialog(f"{label} is the same person as", options), merge)
        elif key == "split":
            then(("split", None))

    app.push_screen(ChoiceDialog(f"Speaker of turn {turn.index}", options), picked)
