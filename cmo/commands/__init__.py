"""Command groups of the ``cmo`` CLI; each module registers its commands on the app."""
