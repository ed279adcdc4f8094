"""Stable, RFC 4122 GUIDs for things that are the same wherever they occur.

Two projects made from one codebook must name its codes by the same GUIDs, so that
a tool merging REFI-QDA projects (or ``cmo import-qdpx --merge``) sees them as the
same codes. Name-based UUIDs give that: version 5 (SHA-1) for GUIDs made once per
object, version 3 (MD5) for the ones made once per coding, where speed counts.
"""

from __future__ import annotations

import hashlib
import uuid

try:  # CPython's own MD5: the same digest, at half the cost per call of OpenSSL's
    from _md5 import md5 as _md5
except ImportError:  # a build without it
    _md5 = hashlib.md5

CMO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://cmo.invalid/refi-qda")
"""Fixed for good: changing it would change every GUID cmo ever derived."""

_NAMESPACE_BYTES = CMO_NAMESPACE.bytes
# The variant nibble of an RFC 4122 UUID is 10xx: 8, 9, a or b.
_VARIANT = {h: "89ab"[int(h, 16) & 3] for h in "0123456789abcdef"}
_ROLE_HASHES: dict = {}


def stable_guid(kind: str, key: str) -> str:
    """A version 5 UUID for ``kind:key`` (a coder, a family, a variable, a code)."""
    return str(uuid.uuid5(CMO_NAMESPACE, f"{kind}:{key}"))


def code_guid(code_id: str, name: str) -> str:
    """The GUID of a codebook code (or cluster): the same in every project made from it."""
    return stable_guid("code", f"{code_id}\x1f{name}")


def cluster_guid(cluster_id: str, name: str) -> str:
    return stable_guid("cluster", f"{cluster_id}\x1f{name}")


def derived_guids(guids: list[str], role: str) -> list[str]:
    """``derived_guid`` of each of ``guids``: the same GUIDs, without a call per GUID
    (an export derives one per coding)."""
    copy = _role_hash(role).copy
    out = []
    append = out.append
    for guid in guids:
        h = copy()
        h.update(guid.encode())
        h = h.hexdigest()
        append(f"{h[:8]}-{h[8:12]}-3{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}")
    return out


def _role_hash(role: str):
    """MD5 of the namespace and ``role:``, made once per role and copied per GUID."""
    base = _ROLE_HASHES.get(role)
    if base is None:
        base = _ROLE_HASHES[role] = _md5(_NAMESPACE_BYTES + f"{role}:".encode())
    return base


def derived_guid(guid: str, role: str) -> str:
    """A second stable GUID tied to an object that has one (a coding's selection).

    Exactly ``uuid.uuid3(CMO_NAMESPACE, f"{role}:{guid}")``, built from the digest as a
    string: it is called once per coding of an export, and the ``uuid`` module's
    object costs several times as much.
    """
    h = _role_hash(role).copy()
    h.update(guid.encode())
    h = h.hexdigest()
    return f"{h[:8]}-{h[8:12]}-3{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}"
