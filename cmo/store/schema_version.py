"""The schema version this cmo writes, apart from the table classes so that the
standard-library fast path (``fastpath.py``) can compare it without importing SQLModel."""

SCHEMA_VERSION = 12
