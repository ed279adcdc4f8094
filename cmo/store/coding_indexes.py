"""The names of the coding table's indexes, and the condition of the codings awaiting
review, apart from the table classes (``schema.py``), so that the analyses' own SQL
(``cmo.analysis.packed``) names them without importing SQLModel: one name, two readers."""

CODING_ORDER_INDEX = "ix_coding_text_order"
"""The codings in text order, covering what a sweep reads (schema 10)."""
CODING_COUNT_INDEX = "ix_coding_transcript_code"
"""The codings per transcript and code, covering what ``cmo freq`` counts (schema 10)."""
CODING_CODER_INDEX = "ix_coding_coder_text_order"
"""Each coder's codings in text order (schema 12)."""
CODING_REVIEW_INDEX = "ix_coding_review"
"""The codings awaiting review, by coder: a partial index (schema 12)."""
CODING_OLD_ORDER_INDEX = "ix_coding_transcript_start"
"""Until schema 10: (transcript, start) only."""
AWAITING_REVIEW = "status = 'review'"
"""The codings a replace could not re-anchor (see ``CodingRow.status``)."""
