"""A small spaCy pipeline built in the test (no trained model loaded): it finds a
few names by rule and fails on purpose on any text holding ``BOOM``, so failure
isolation is tested in seconds."""

from __future__ import annotations

from core.nlp import Analyzer

FAIL_WORD = "BOOM"
NAMES = ("Ann Lee", "Bristol")


def rule_analyzer() -> Analyzer:
    import spacy
    from spacy.language import Language

    if not Language.has_factory("fail_on_boom"):

        @Language.component("fail_on_boom")
        def fail_on_boom(doc):
            if FAIL_WORD in doc.text:
                raise ValueError("the tagger choked on this text")
            return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON" if " " in name else "GPE", "pattern": name} for name in NAMES])
    nlp.add_pipe("fail_on_boom")
    analyzer = Analyzer("rules")
    analyzer._nlp = nlp
    return analyzer
