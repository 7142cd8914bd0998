"""Search: an index over titles, text, entities, speakers and quotes, typo-tolerant at every keystroke."""
