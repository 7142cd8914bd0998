"""Ingest: what the user opens (files, folders, pages, feeds, exports) turned into clean articles."""
