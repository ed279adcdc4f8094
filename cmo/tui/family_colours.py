"""The colour of each code family, the same on every screen (a module of its own: the
overview's codebook needs it before anything of a transcript is loaded)."""

FAMILY_COLOURS = {"C": "#2E86AB", "M": "#E07A1F", "O": "#2A9D5C"}
