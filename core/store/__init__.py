"""Store: what is remembered between launches, in SQLite: analyses (a cache), read marks and bookmarks."""
