"""The coding workbench (``cmo open``): the only package that imports Textual."""
