"""Domain types and pure functions. Imports nothing outside the standard library and PyYAML."""
