"""The newsreader core: articles, loading, NLP, quotes, search and storage.

Nothing in this package imports Textual; the widgets and the app build on it.
"""

__version__ = "0.1.0"
