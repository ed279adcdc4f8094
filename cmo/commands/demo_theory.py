"""The demo's programme theory: the initial version, then rounds that judge, refine,
mark evidence against and chain CMOCs (the ``theory:`` section of demo.yaml)."""

from __future__ import annotations

from pathlib import Path


def build_theory(store, spec: dict, coder: str, manifest: Path) -> None:

    initial = spec.get("initial") or {}
    store.theory.new_version(
        initial.get("name", "initiële programmatheorie"), initial.get("note", ""), coder
    )
    for round_ in spec.get("rounds") or []:
        # The version begins before the round's changes: it remembers the content the
        # CMOCs had at the end of the previous round.
        store.theory.new_version(round_["name"], round_.get("note", ""), coder)
        for cmoc_id, changes in (round_.get("refine") or {}).items():
            store.cmocs.update(cmoc_id, actor=coder, **changes)
        for item in round_.get("against") or []:
            coding = _coding_of(store, item, manifest)
            store.cmocs.link_evidence(item["cmoc"], [coding], actor=coder, direction="weerspreekt")
        for link in round_.get("chains") or []:
            store.theory.add_chain(link["from"], link["to"], link.get("note", ""), coder)
        for cmoc_id, judgement in (round_.get("judge") or {}).items():
            store.theory.set_entry(
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

    transcript = store.transcripts.get(item["transcript"])
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
        for c in store.codings.all(transcript_id=transcript.id)
        if c.code_id == item["code"] and c.start <= start and end <= c.end
    ]
    if not found:
        raise InputError(
            manifest,
            f"no {item['code']} coding holds the quote {item['quote']!r} in '{transcript.name}'",
        )
    return min(found)
