"""Exports: CMO matrices, mechanism tables, frequencies (CSV, XLSX, Markdown, PNG), REFI-QDA."""
