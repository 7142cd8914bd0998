"""Textual widgets for newsreader. They show plain data from ``core.model`` and
post messages; they never import spaCy or rapidfuzz."""
