"""The newsreader core: articles and how they are read, analysed, searched and
stored. Nothing here imports Textual; the widgets and the app build on it."""

__version__ = "0.1.0"
