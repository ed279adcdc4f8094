"""The two lines under the transcript: what is selected (turn, speaker, codes there) and
what the number keys apply. Each draws plain data it is given; fixed height, so an
update needs no layout pass (which keeps applying a code fast)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...core.text import snippet
from .. import contrast
from ..state.digit_keys import DigitKeys
from ..state.document import TranscriptDoc


class _Line(Static):
    def ink(self, colour: str) -> str:
        """``colour`` made readable (WCAG AA) on this line's background."""
        background = self.styles.background
        if not background.a:
            background = self.screen.styles.background
        return contrast.readable(colour, background.hex6)


class SelectionInfo(_Line):
    """turn 12 Marieke «…» codes here: M3b✎ O3.4!"""

    def show(
        self, doc: TranscriptDoc, start: int, end: int, here: list, speakers: set[str] | None
    ) -> None:
        turn = doc.turns[doc.turn_at(start)]
        last = doc.turns[doc.turn_at(max(start, end - 1))]
        info = Text()
        if last.index != turn.index and last.index >= 0:  # a span over several turns
            first = f"{turn.index}" if turn.index >= 0 else "preamble"
            info.append(f"turns {first}–{last.index} ", style="bold")
        else:
            info.append(f"turn {turn.index} " if turn.index >= 0 else "preamble ", style="bold")
        speaker = doc.speaker_colours.get(turn.speaker or "")
        info.append(f"{turn.speaker or '—'}  ", style=self.ink(speaker) if speaker else "")
        info.append(f"«{snippet(doc.text, start, end, 36)}»  ", style="italic")
        if here:
            info.append("codes here: ")
            for coding in here[:5]:
                review = coding.status == "review"
                info.append(
                    coding.code_id + ("!" if review else "") + ("✎" if coding.memo else "") + " ",
                    style=f"bold {self.ink(doc.colour(coding.code_id))}",
                )
                if review:
                    info.append("to review (a keep · p re-place · x drop) ", style="bold")
        if speakers is not None:
            info.append(f" · filter: {', '.join(sorted(speakers))}", style="dim")
        self.update(info, layout=False)


class DigitKeysLine(_Line):
    """keys 1*M3b  2 O3.4 … (``*``: pinned)."""

    def show(self, keys: DigitKeys, doc: TranscriptDoc) -> None:
        line = Text("keys ", style="dim")
        for digit, code_id, pinned in keys.items():
            line.append(f"{digit}", style="bold reverse")
            line.append("*" if pinned else " ", style="bold")
            line.append(f"{code_id}  ", style=f"bold {self.ink(doc.colour(code_id))}")
        if not keys.items():
            line.append("— codes you apply appear here on keys 1–9 (P pins one)", style="dim")
        self.update(line, layout=False)
