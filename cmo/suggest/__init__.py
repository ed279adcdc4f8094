"""Code suggestions: lexicon from the codebook, a classifier trained on the project's codings."""
