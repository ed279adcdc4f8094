"""The reads the suggestions and the workbench's overview make, in plain SQL for the
standard-library store.

``cmo suggest --text`` (and any first suggestion of a process) reads the codebook, the
stored model and code vectors, the coded spans' vectors and a few counts. Through the
repositories that means importing SQLAlchemy and building the table classes first, a
third of a second before anything is read; :class:`~cmo.store.fastpath.QuickStore`
answers the same calls with ``sqlite3``. Each method has the name, the arguments and
the result of the repository method it stands in for (``tests/unit/test_suggest_quick.py``
compares them on a project); only reads are here, so a suggestion that needs to write
(a retraining) opens the full store.
"""

from __future__ import annotations

import json
from dataclasses import fields

from ..core.codebook import Cluster, ordered
from ..core.digest import text_hash
from ..core.domain import Code, Coding
from . import rows
from .plain_export import CLUSTER_COLUMNS, CODE_COLUMNS, named_rows


class QuickCodebook:
    def __init__(self, fetch):
        self.fetch = fetch

    def codes(self) -> list[Code]:
        found = named_rows(self.fetch, CODE_COLUMNS, "code", ("keywords",))
        return ordered([rows.code(r) for r in found])

    def clusters(self) -> list[Cluster]:
        found = named_rows(self.fetch, CLUSTER_COLUMNS, "cluster ORDER BY sort_order, id")
        return [rows.cluster(r) for r in found]

    def counts(self) -> dict[str, int]:
        return dict(self.fetch("SELECT code_id, COUNT(*) FROM coding GROUP BY code_id"))


CHANGE_COLUMNS = "id at actor action entity entity_id before after state"


class QuickHistory:
    """The workbench overview's "Recent activity" (``store.history.recent``)."""

    def __init__(self, fetch):
        self.fetch = fetch

    def recent(self, limit: int = 50, actor: str | None = None) -> list[dict]:
        where, params = ("WHERE actor = ? ", (actor, limit)) if actor else ("", (limit,))
        found = named_rows(
            self.fetch,
            CHANGE_COLUMNS,
            f"change {where}ORDER BY id DESC LIMIT ?",
            ("before", "after"),
            params,
        )
        return [vars(r) for r in found]


class QuickArtifacts:
    def __init__(self, fetch):
        self.fetch = fetch

    def get(self, name: str) -> dict | None:
        """``{"data", "info", "created_at"}`` of the artifact, or None."""
        found = self.fetch("SELECT data, info, created_at FROM artifact WHERE name = ?", (name,))
        if not found:
            return None
        data, info, created_at = found[0]
        return {"data": data, "info": _json(info), "created_at": created_at}

    def info(self, name: str) -> dict | None:
        found = self.fetch("SELECT info, created_at FROM artifact WHERE name = ?", (name,))
        if not found:
            return None
        return {"info": _json(found[0][0]), "created_at": found[0][1]}


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


class QuickEmbeddings:
    """The reading half of ``EmbeddingsRepo``."""

    def __init__(self, fetch):
        self.fetch = fetch

    def transcript_hashes(self, ids=None) -> dict[int, str]:
        if ids is None:
            found = self.fetch("SELECT id, text FROM transcript")
        else:
            wanted = sorted(set(ids))
            marks = ", ".join("?" for _ in wanted)
            found = self.fetch(f"SELECT id, text FROM transcript WHERE id IN ({marks})", wanted)
        return {tid: text_hash(text) for tid, text in found}

    def stale_transcripts(self, model: str, version: str) -> list[int]:
        current = self.transcript_hashes()
        done = set(
            self.fetch(
                "SELECT transcript_id, transcript_hash FROM embedding WHERE model = ? AND "
                "version = ? AND level != 'coding' GROUP BY transcript_id, transcript_hash",
                (model, version),
            )
        )
        return [tid for tid, h in sorted(current.items()) if (tid, h) not in done]

    def current_vectors(
        self, model: str, version: str, transcript_id: int | None = None
    ) -> dict[tuple[int, int, int], bytes]:
        hashes = self.transcript_hashes(None if transcript_id is None else [transcript_id])
        sql = (
            'SELECT transcript_id, start, "end", transcript_hash, vector FROM embedding '
            "WHERE model = ? AND version = ?"
        )
        params: tuple = (model, version)
        if transcript_id is not None:
            sql += " AND transcript_id = ?"
            params += (transcript_id,)
        return {
            (t, s, e): vector
            for t, s, e, t_hash, vector in self.fetch(sql, params)
            if hashes.get(t) == t_hash
        }

    def coded_span_vectors(self, model: str, version: str) -> dict[tuple[int, int, int], bytes]:
        hashes = self.transcript_hashes()
        found = self.fetch(
            'SELECT DISTINCT e.transcript_id, e.start, e."end", e.transcript_hash, e.vector '
            "FROM embedding e JOIN coding c ON c.transcript_id = e.transcript_id AND "
            'c.start = e.start AND c."end" = e."end" WHERE e.model = ? AND e.version = ?',
            (model, version),
        )
        return {(t, s, e): v for t, s, e, t_hash, v in found if hashes.get(t) == t_hash}

    def vector_for_text(self, text: str, model: str, version: str) -> bytes | None:
        found = self.fetch(
            "SELECT vector FROM embedding WHERE text_hash = ? AND model = ? AND version = ? "
            "LIMIT 1",
            (text_hash(text), model, version),
        )
        return found[0][0] if found else None

    def stamp(self, transcript_id: int) -> tuple:
        row = self.fetch(
            "SELECT COUNT(*), MAX(id) FROM embedding WHERE transcript_id = ?", (transcript_id,)
        )[0]
        return (*row, self.transcript_hashes([transcript_id]).get(transcript_id))


class QuickFeedback:
    def __init__(self, fetch):
        self.fetch = fetch

    def count(self) -> int:
        return self.fetch("SELECT COUNT(*) FROM suggestion_feedback")[0][0] or 0

    def answered_spans(self, transcript_id: int) -> set[tuple[int, int]]:
        return set(
            self.fetch(
                'SELECT start, "end" FROM suggestion_feedback WHERE transcript_id = ?',
                (transcript_id,),
            )
        )


class QuickQueries:
    def __init__(self, fetch):
        self.fetch = fetch

    def codings_stamp(self) -> tuple:
        return tuple(self.fetch("SELECT COUNT(*), MAX(id), MAX(updated_at) FROM coding")[0])

    def texts_stamp(self) -> tuple:
        return tuple(self.fetch("SELECT COUNT(*), MAX(id), SUM(word_count) FROM transcript")[0])


_CODING_COLUMNS = ", ".join(f'"{f.name}"' for f in fields(Coding))


def codings_count(fetch) -> int:
    return fetch("SELECT COUNT(*) FROM coding")[0][0] or 0


def codings_all(fetch, transcript_id: int | None = None) -> list[Coding]:
    """As ``CodingsRepo.all`` (by transcript, start and id), of one transcript or all."""
    sql = f"SELECT {_CODING_COLUMNS} FROM coding"
    params: tuple = ()
    if transcript_id is not None:
        sql += " WHERE transcript_id = ?"
        params = (transcript_id,)
    return [Coding(*r) for r in fetch(sql + " ORDER BY transcript_id, start, id", params)]
