"""The workbench in a browser: ``cmo serve`` runs one ``cmo open`` per browser tab
behind a secret token (textual-serve bridges the terminal to the page)."""
