"""Mapping database rows to the plain domain types of ``cmo.core.domain``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.codebook import Cluster
from ..core.domain import Casus, Code, Coding, Memo, Participant, Transcript, Turn

if TYPE_CHECKING:
    from sqlalchemy import Row


def casus(row: Row) -> Casus:
    return Casus(id=row.id, name=row.name, attributes=dict(row.attributes or {}), guid=row.guid)


def participant(row: Row) -> Participant:
    return Participant(
        id=row.id,
        casus_id=row.casus_id,
        label=row.label,
        role=row.role,
        attributes=dict(row.attributes or {}),
        pseudonym=row.pseudonym,
        guid=row.guid,
    )


def transcript(row: Row) -> Transcript:
    return Transcript(
        id=row.id,
        name=row.name,
        casus_id=row.casus_id,
        kind=row.kind,
        source_name=row.source_name,
        sha256=row.sha256,
        imported_at=row.imported_at,
        text=row.text,
        word_count=row.word_count,
        guid=row.guid,
    )


def turn(row: Row) -> Turn:
    return Turn(
        id=row.id,
        transcript_id=row.transcript_id,
        index=row.idx,
        speaker=row.speaker,
        participant_id=row.participant_id,
        timestamp=row.timestamp,
        start=row.start,
        end=row.end,
    )


def code(row: Row) -> Code:
    return Code(
        id=row.id,
        family=row.family,
        name=row.name,
        cluster=row.cluster,
        definition=row.definition,
        keywords=tuple(row.keywords or ()),
        parent=row.parent,
        colour=row.colour,
        emergent=bool(row.emergent),
        sort_order=row.sort_order,
        guid=row.guid,
        named_alone=bool(row.named_alone),
    )


def cluster(row: Row) -> Cluster:
    return Cluster(
        id=row.id,
        family=row.family,
        name=row.name,
        description=row.description,
        named_alone=bool(row.named_alone),
        guid=row.guid,
    )


def coding(row: Row) -> Coding:
    return Coding(
        id=row.id,
        transcript_id=row.transcript_id,
        start=row.start,
        end=row.end,
        code_id=row.code_id,
        coder=row.coder,
        memo=row.memo,
        created_at=row.created_at,
        updated_at=row.updated_at,
        status=row.status,
        guid=row.guid,
    )


def memo(row: Row) -> Memo:
    return Memo(
        id=row.id,
        target_kind=row.target_kind,
        target_id=row.target_id,
        text=row.text,
        author=row.author,
        created_at=row.created_at,
        updated_at=row.updated_at,
        guid=row.guid,
    )
