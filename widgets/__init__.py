"""Textual widgets for newsreader: each shows plain records defined beside it and posts
messages; none imports the core, spaCy or rapidfuzz."""
