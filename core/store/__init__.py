"""Store: what is remembered between launches, in SQLite: analyses (a cache) and read marks and bookmarks (a library)."""
