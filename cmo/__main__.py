"""`python -m cmo` runs the same CLI as the `cmo` script."""

from .cli import main

main()
