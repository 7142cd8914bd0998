"""Quotes: who said what, from a parsed article: direct, partial and reported speech, speakers and names."""
