"""The repositories a store offers, made on first use: ``store.codings``, ``store.cmocs``…

:class:`~cmo.store.store.Store` and :class:`~cmo.store.unit_of_work.UnitOfWork` both
inherit these, so the same code runs alone (each call its own transaction) or inside
``store.transaction()``. Importing a repository loads SQLAlchemy; ``cmo --help`` must not,
hence the imports inside the properties.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .repos.artifacts import ArtifactsRepo
    from .repos.bulk import BulkRepo
    from .repos.casussen import CasussenRepo
    from .repos.cmocs import CmocsRepo
    from .repos.codebook import CodebookRepo
    from .repos.codings import CodingsRepo
    from .repos.embeddings import EmbeddingsRepo
    from .repos.feedback import FeedbackRepo
    from .repos.history import HistoryRepo
    from .repos.memos import MemosRepo
    from .repos.participants import ParticipantsRepo
    from .repos.pseudonyms import PseudonymsRepo
    from .repos.queries import QueriesRepo
    from .repos.review import ReviewRepo
    from .repos.settings import SettingsRepo
    from .repos.theory import TheoryRepo
    from .repos.transcripts import TranscriptsRepo


class Repos:
    """The repositories of a handle, each made on first use (importing one loads
    SQLAlchemy; ``cmo --help`` must not)."""

    @cached_property
    def casussen(self) -> CasussenRepo:
        from .repos.casussen import CasussenRepo

        return CasussenRepo(self)

    @cached_property
    def participants(self) -> ParticipantsRepo:
        from .repos.participants import ParticipantsRepo

        return ParticipantsRepo(self)

    @cached_property
    def transcripts(self) -> TranscriptsRepo:
        from .repos.transcripts import TranscriptsRepo

        return TranscriptsRepo(self)

    @cached_property
    def codebook(self) -> CodebookRepo:
        from .repos.codebook import CodebookRepo

        return CodebookRepo(self)

    @cached_property
    def codings(self) -> CodingsRepo:
        from .repos.codings import CodingsRepo

        return CodingsRepo(self)

    @cached_property
    def memos(self) -> MemosRepo:
        from .repos.memos import MemosRepo

        return MemosRepo(self)

    @cached_property
    def cmocs(self) -> CmocsRepo:
        from .repos.cmocs import CmocsRepo

        return CmocsRepo(self)

    @cached_property
    def theory(self) -> TheoryRepo:
        from .repos.theory import TheoryRepo

        return TheoryRepo(self)

    @cached_property
    def review(self) -> ReviewRepo:
        from .repos.review import ReviewRepo

        return ReviewRepo(self)

    @cached_property
    def feedback(self) -> FeedbackRepo:
        from .repos.feedback import FeedbackRepo

        return FeedbackRepo(self)

    @cached_property
    def artifacts(self) -> ArtifactsRepo:
        from .repos.artifacts import ArtifactsRepo

        return ArtifactsRepo(self)

    @cached_property
    def embeddings(self) -> EmbeddingsRepo:
        from .repos.embeddings import EmbeddingsRepo

        return EmbeddingsRepo(self)

    @cached_property
    def history(self) -> HistoryRepo:
        from .repos.history import HistoryRepo

        return HistoryRepo(self)

    @cached_property
    def pseudonyms(self) -> PseudonymsRepo:
        from .repos.pseudonyms import PseudonymsRepo

        return PseudonymsRepo(self)

    @cached_property
    def queries(self) -> QueriesRepo:
        from .repos.queries import QueriesRepo

        return QueriesRepo(self)

    @cached_property
    def settings(self) -> SettingsRepo:
        from .repos.settings import SettingsRepo

        return SettingsRepo(self)

    @cached_property
    def bulk(self) -> BulkRepo:
        from .repos.bulk import BulkRepo

        return BulkRepo(self)
