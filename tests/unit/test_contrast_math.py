"""The workbench's own WCAG arithmetic (cmo/tui/contrast.py) against coloraide's.

The workbench computes contrast, mixes and readable colours on 8-bit channels for
speed; coloraide, the colour library, is the independent reference here: every result
must be the same, including how a mix exactly halfway between two channels rounds.
"""

from __future__ import annotations

import random

from coloraide import Color

from cmo.tui import contrast

THEME_BACKGROUNDS = ["#121212", "#1E1E1E", "#272727", "#FFFFFF", "#EFEFEF", "#E0E0E0"]


def reference_hex(colour: Color) -> str:
    return colour.convert("srgb").fit().to_string(hex=True).upper()


def reference_contrast(foreground: str, background: str) -> float:
    return Color(foreground).contrast(Color(background), method="wcag21")


def reference_readable(colour: str, background: str, ratio: float = contrast.AA_TEXT) -> str:
    """The least of 40 steps towards white (dark background) or black that reads."""
    if reference_contrast(colour, background) >= ratio:
        return reference_hex(Color(colour))
    dark = Color(background).luminance() < 0.18
    target = Color("white" if dark else "black")
    for step in range(1, 41):
        mixed = reference_hex(Color(colour).mix(target, step / 40, space="srgb"))
        if reference_contrast(mixed, background) >= ratio:
            return mixed
    return reference_hex(target)


def random_colours(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["#" + "".join(f"{rng.randrange(256):02X}" for _ in "rgb") for _ in range(count)]


def test_contrast_and_luminance_are_coloraides():
    colours = random_colours(300, seed=1)
    for foreground, background in zip(colours, reversed(colours), strict=True):
        assert contrast.contrast(foreground, background) == reference_contrast(
            foreground, background
        )
        assert contrast.is_dark(background) == (Color(background).luminance() < 0.18)
    assert abs(contrast.contrast("#000000", "#FFFFFF") - 21.0) < 1e-9


def test_primary_weights_are_coloraides_own():
    primaries = ("#FF0000", "#00FF00", "#0000FF")
    assert contrast._WEIGHTS == tuple(Color(c).luminance() for c in primaries)


def test_readable_colours_are_coloraides_on_theme_and_random_backgrounds():
    colours = random_colours(150, seed=2)
    backgrounds = THEME_BACKGROUNDS + random_colours(20, seed=3)
    changed = 0
    for i, colour in enumerate(colours):
        background = backgrounds[i % len(backgrounds)]
        got = contrast.readable(colour, background)
        assert got == reference_readable(colour, background), (colour, background)
        changed += got != colour
    assert changed > 20  # the sample holds colours that had to be moved


def test_shades_round_as_coloraide_does_halfway_between_channels():
    # 0x55 and 0xC4 mixed halfway is 140.5 in exact arithmetic, just under in floats.
    assert contrast.shade("#4AC47E", "#145506", 0.5) == reference_hex(
        Color("#145506").mix(Color("#4AC47E"), 0.5, space="srgb")
    )
    colours = random_colours(200, seed=4)
    for colour, background in zip(colours, colours[1:], strict=False):
        for strength in (0.1, 0.25, 0.5, 0.55):
            expected = reference_hex(Color(background).mix(Color(colour), strength, space="srgb"))
            assert contrast.shade(colour, background, strength) == expected


def test_names_and_short_forms_still_read():
    assert contrast.readable("white", "#000000") == "#FFFFFF"
    assert abs(contrast.contrast("#fff", "black") - 21.0) < 1e-9
