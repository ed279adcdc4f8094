"""The rows a codebook's clusters and codes become, shared by the full store
(``repos/codebook.py``) and the standard-library ``cmo init`` (``quick_import.py``)."""

from __future__ import annotations

from dataclasses import asdict

from ..core.codebook import Cluster
from ..core.domain import Code
from ..core.guids import cluster_guid, code_guid


def cluster_values(cluster: Cluster, order: int) -> dict:
    """What loading a codebook sets on a cluster (an existing one keeps its GUID)."""
    return {
        "family": cluster.family,
        "name": cluster.name,
        "description": cluster.description,
        "sort_order": order,
    }


def new_cluster(cluster: Cluster, order: int) -> dict:
    return {
        "id": cluster.id,
        "guid": cluster.guid or cluster_guid(cluster.id, cluster.name),
        "named_alone": cluster.named_alone,
        **cluster_values(cluster, order),
    }


def code_values(code: Code) -> dict:
    values = asdict(code)
    values["keywords"] = list(code.keywords)
    # Derived from the codebook, so two projects made from it name the code alike.
    values["guid"] = code.guid or code_guid(code.id, code.name)
    return values


def parents_first(codes: list[Code]) -> list[Code]:
    """The codes in an order where every parent comes before its children, so the
    foreign key on ``code.parent`` holds after every insert."""
    by_id = {c.id: c for c in codes}
    done: dict[str, Code] = {}

    def visit(code: Code, depth: int = 0) -> None:
        if code.id in done or depth > len(codes):
            return
        if code.parent in by_id:
            visit(by_id[code.parent], depth + 1)
        done[code.id] = code

    for code in codes:
        visit(code)
    return list(done.values())
