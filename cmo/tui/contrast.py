"""Readable colours: every colour the workbench draws text in meets WCAG AA (4.5:1)
against what it is drawn on, in the dark and in the light theme.

Code and speaker colours come from the codebook and a fixed list; on a light
background a yellow speaker name or an orange code id would be hard to read, so each
is darkened (or, on a dark background, lightened) just enough. Plain functions over
hex colours, no Textual.

The arithmetic is WCAG 2.1's, done on the three 8-bit channels directly: through
coloraide's colour objects a modal dialog, which dims every colour behind it, spent
~100 ms finding readable versions of the few dozen new colours before it could show.
The results are coloraide's to the last digit (tests/unit/test_contrast_math.py
checks them against it); coloraide still reads colour names and short forms.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coloraide import Color

_HEX6 = re.compile(r"#[0-9A-Fa-f]{6}")

AA_TEXT = 4.5
"""WCAG 2.1 AA for normal text."""
SELECTION = {"dark": ("#9C1F85", "#FFFFFF"), "light": ("#F6C6EC", "#1A1A1A")}
"""Selection background and text: a magenta, a hue no code of the shipped codebooks uses
(their hues: orange–yellow 26–48°, green 146–152°, blue 192–198°, violet 260–267°,
red 353°), so a selection is never mistaken for a coding."""


def _rgb(colour: str) -> tuple[int, int, int]:
    if not _HEX6.fullmatch(colour):
        colour = _hex(_color(colour))
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


_SCALE = 1.0 / 255.0
"""Channel to 0–1 as coloraide reads a hex colour (by multiplying: ``/ 255`` differs in
the last bit, and then in how a mix halfway between two channels rounds)."""


def _linear(channel: int) -> float:
    value = channel * _SCALE
    return value / 12.92 if value < 0.04045 else ((value + 0.055) / 1.055) ** 2.4


_LINEAR = [_linear(c) for c in range(256)]
_WEIGHTS = (0.21263900587151024, 0.715168678767756, 0.07219231536073371)
"""The relative luminance of each pure primary: coloraide's own row of the sRGB → XYZ
matrix, so that the sums below are the ones it computes (written out: importing
coloraide costs ~60 ms of the workbench's start; tests/unit/test_contrast_math.py
checks them against it)."""


@lru_cache(maxsize=8192)
def luminance(colour: str) -> float:
    r, g, b = _rgb(colour)
    return _WEIGHTS[0] * _LINEAR[r] + _WEIGHTS[1] * _LINEAR[g] + _WEIGHTS[2] * _LINEAR[b]


@lru_cache(maxsize=4096)
def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio, 1 to 21."""
    low, high = sorted((max(0.0, luminance(foreground)), max(0.0, luminance(background))))
    return (high + 0.05) / (low + 0.05)


def is_dark(background: str) -> bool:
    return luminance(background) < 0.18


def _mix(colour: str, target: str, share: float) -> str:
    """``colour`` moved ``share`` of the way to ``target`` in sRGB, as the hex colour the
    terminal shows (each channel rounded half up)."""
    return "#" + "".join(
        f"{_channel(a, b, share):02X}" for a, b in zip(_rgb(colour), _rgb(target), strict=True)
    )


def _channel(a: int, b: int, share: float) -> int:
    start, end = a * _SCALE, b * _SCALE
    return math.floor((start + (end - start) * share) * 255.0 + 0.5)


@lru_cache(maxsize=4096)
def readable(colour: str, background: str, ratio: float = AA_TEXT) -> str:
    """``colour`` itself when it reads on ``background``; else the nearest mix of it with
    white (dark background) or black (light background) that does."""
    if contrast(colour, background) >= ratio:
        return _upper_hex(colour)
    target = "#FFFFFF" if is_dark(background) else "#000000"

    def mixed(step: int) -> str:
        # Measured after rounding to a hex colour: that is what the terminal shows.
        return _mix(colour, target, step / 40)

    # The least of 40 steps towards white (or black) that reads. Contrast grows with
    # every step, so halving finds it in 6 tries instead of up to 40 (a modal screen
    # dims everything behind it: dozens of new colours at once).
    low, high = 1, 41
    while low < high:
        middle = (low + high) // 2
        if contrast(mixed(middle), background) >= ratio:
            high = middle
        else:
            low = middle + 1
    return mixed(low) if low <= 40 else target


@lru_cache(maxsize=4096)
def shade(colour: str, background: str, strength: float = 0.55) -> str:
    """A code's colour as a background tint over ``background``."""
    return _mix(background, colour, strength)


@lru_cache(maxsize=4096)
def text_on(background: str, preferred: str) -> str:
    """``preferred`` when it reads on ``background``, else black or white, whichever
    reads better."""
    if contrast(preferred, background) >= AA_TEXT:
        return _upper_hex(preferred)
    black, white = contrast("#000000", background), contrast("#FFFFFF", background)
    return "#000000" if black >= white else "#FFFFFF"


def code_shade(colour: str, background: str, foreground: str) -> tuple[str, str]:
    """(tint, text colour) for text coded with ``colour``: the tint is weakened until the
    theme's text, or black or white, reads on it."""
    strength = 0.55
    while strength > 0.1:
        tint = shade(colour, background, strength)
        text = text_on(tint, foreground)
        if contrast(text, tint) >= AA_TEXT:
            return tint, text
        strength -= 0.05
    tint = shade(colour, background, 0.1)
    return tint, text_on(tint, foreground)


def selection(background: str) -> tuple[str, str]:
    return SELECTION["dark" if is_dark(background) else "light"]


def _upper_hex(colour: str) -> str:
    return colour.upper() if _HEX6.fullmatch(colour) else _hex(_color(colour))


def _color(colour: str) -> Color:
    """A colour name or short form read by coloraide, imported only for those."""
    from coloraide import Color

    return Color(colour)


def _hex(colour: Color) -> str:
    return colour.convert("srgb").fit().to_string(hex=True).upper()
