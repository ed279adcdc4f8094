"""Fingerprints of texts: whether stored vectors still belong to the text they came from."""

from __future__ import annotations

import hashlib


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
