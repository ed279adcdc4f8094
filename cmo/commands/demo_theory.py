"""The demo's programme theory: the initial version, then rounds that judge, refine,
mark evidence against and chain CMOCs (the ``theory:`` section of demo.yaml)."""

from __future__ import annotations

from pathlib import Path


def build_theory(store, spec: dict, coder: str, manifest: Path) -> None:
    from ..store.cmoc_ops import link_evidence, update_cmoc
    from ..store.theory_ops import add_chain, new_version, set_entry

    initial = spec.get("initial") or {}
    new_version(
        store, initial.get("name", "initiële programmatheorie"), initial.get("note", ""), coder
    )
    for round_ in spec.get("rounds") or []:
        # The version begins before the round's changes: it remembers the content the
        # CMOCs had at the end of the previous round.
        new_version(store, round_["name"], round_.get("note", ""), coder)
        for cmoc_id, changes in (round_.get("refine") or {}).items():
            update_cmoc(store, cmoc_id, actor=coder, **changes)
        for item in round_.get("against") or []:
            coding = _coding_of(store, item, manifest)
            link_evidence(store, item["cmoc"], [coding], actor=coder, direction="weerspreekt")
        for link in round_.get("chains") or []:
            add_chain(store, link["from"], link["to"], link.get("note", ""), coder)
        for cmoc_id, judgement in (round_.get("judge") or {}).items():
            set_entry(
                store,
                cmoc_id,
                round_["name"],
                status=judgement.get("status"),
                confidence=judgement.get("confidence"),
                rationale=judgement.get("because"),
                change=judgement.get("change"),
                actor=coder,
            )


def _coding_of(store, item: dict, manifest: Path) -> int:
    """The coding with ``item['code']`` whose span holds the quote (found exactly once)."""
    from ..core.errors import InputError
    from ..core.text import find_quote

    transcript = store.transcript(item["transcript"])
    spans = find_quote(transcript.text, str(item["quote"]))
    if len(spans) != 1:
        raise InputError(
            manifest,
            f"theory quote {item['quote']!r} found {len(spans)} times in "
            f"'{transcript.name}' (it must occur exactly once)",
        )
    ((start, end),) = spans
    found = [
        c.id
        for c in store.codings(transcript_id=transcript.id)
        if c.code_id == item["code"] and c.start <= start and end <= c.end
    ]
    if not found:
        raise InputError(
            manifest,
            f"no {item['code']} coding holds the quote {item['quote']!r} in '{transcript.name}'",
        )
    return min(found)
