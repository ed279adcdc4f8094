"""Readable colours: every colour the workbench draws text in meets WCAG AA (4.5:1)
against what it is drawn on, in the dark and in the light theme.

Code and speaker colours come from the codebook and a fixed list; on a light
background a yellow speaker name or an orange code id would be hard to read, so each
is darkened (or, on a dark background, lightened) just enough. Plain functions over
hex colours (coloraide computes WCAG 2.1 contrast), no Textual.
"""

from __future__ import annotations

from functools import lru_cache

from coloraide import Color

AA_TEXT = 4.5
"""WCAG 2.1 AA for normal text."""
SELECTION = {"dark": ("#9C1F85", "#FFFFFF"), "light": ("#F6C6EC", "#1A1A1A")}
"""Selection background and text: a magenta, a hue no code of the shipped codebooks uses
(their hues: orange–yellow 26–48°, green 146–152°, blue 192–198°, violet 260–267°,
red 353°), so a selection is never mistaken for a coding."""


@lru_cache(maxsize=4096)
def contrast(foreground: str, background: str) -> float:
    return Color(foreground).contrast(Color(background), method="wcag21")


def is_dark(background: str) -> bool:
    return Color(background).luminance() < 0.18


@lru_cache(maxsize=4096)
def readable(colour: str, background: str, ratio: float = AA_TEXT) -> str:
    """``colour`` itself when it reads on ``background``; else the nearest mix of it with
    white (dark background) or black (light background) that does."""
    if contrast(colour, background) >= ratio:
        return _hex(Color(colour))
    target = Color("white" if is_dark(background) else "black")
    base = Color(colour)

    def mixed(step: int) -> str:
        # Measured after rounding to a hex colour: that is what the terminal shows.
        return _hex(base.mix(target, step / 40, space="srgb"))

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
    return mixed(low) if low <= 40 else _hex(target)


@lru_cache(maxsize=4096)
def shade(colour: str, background: str, strength: float = 0.55) -> str:
    """A code's colour as a background tint over ``background``."""
    return _hex(Color(background).mix(Color(colour), strength, space="srgb"))


@lru_cache(maxsize=4096)
def text_on(background: str, preferred: str) -> str:
    """``preferred`` when it reads on ``background``, else black or white, whichever
    reads better."""
    if contrast(preferred, background) >= AA_TEXT:
        return _hex(Color(preferred))
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


def _hex(colour: Color) -> str:
    return colour.convert("srgb").fit().to_string(hex=True).upper()
