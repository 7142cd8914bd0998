"""One article never stops the others, and long articles are analysed in pieces
whose offsets index the whole text."""

from __future__ import annotations

import pytest

from core.model import Analysis, AnalysisFailure, Article
from core.nlp import analysis_of
from core.pieces import pieces
from tests.support.models import rule_analyzer


@pytest.fixture(scope="module")
def rules():
    return rule_analyzer()


def _article(number: int, text: str) -> Article:
    return Article(id=f"a{number}", title=f"Article {number}", text=text)


def test_a_failing_article_is_reported_and_the_rest_are_analysed_in_order(rules):
    articles = [_article(n, f"Ann Lee spoke in Bristol on day {n}.") for n in range(10)]
    articles[4] = _article(4, "BOOM went the parser. Ann Lee left.")
    results = list(rules.analyze_many(articles, batch_size=3))
    assert [article.id for article, _ in results] == [a.id for a in articles]
    failure = results[4][1]
    assert isinstance(failure, AnalysisFailure)
    assert "choked" in failure.reason
    for _, analysis in results[:4] + results[5:]:
        assert isinstance(analysis, Analysis)
        assert [e.text for e in analysis.entities] == ["Ann Lee", "Bristol"]


def test_an_article_whose_quotes_cannot_be_extracted_fails_by_name_with_the_reason(rules, monkeypatch):
    """A broken quote rule is that article's analysis failure, shown to the user, not an empty quote list."""
    import core.quotes.extract as extract

    real = extract._extract

    def breaks_on_quirk(doc):
        if "Quirk" in doc.text:
            raise IndexError("list index out of range")
        return real(doc)

    monkeypatch.setattr(extract, "_extract", breaks_on_quirk)
    articles = [_article(n, f"Ann Lee spoke in Bristol on day {n}.") for n in range(4)]
    articles[2] = _article(2, "Ann Lee met Jo Quirk in Bristol.")
    results = list(rules.analyze_many(articles, batch_size=2))
    assert [article.id for article, _ in results] == [a.id for a in articles]
    failure = results[2][1]
    assert isinstance(failure, AnalysisFailure)
    assert failure.reason == "quote extraction failed: list index out of range"
    assert all(isinstance(analysis, Analysis) for _, analysis in results[:2] + results[3:])


def test_pieces_cover_the_text_each_within_the_limit_cut_at_paragraphs():
    text = "".join(f"Paragraph {n} says Ann Lee was here.\n\n" for n in range(40))
    found = pieces(text, 200)
    assert "".join(piece for _, piece in found) == text
    assert all(len(piece) <= 200 and text[start : start + len(piece)] == piece for start, piece in found)
    assert all(piece.endswith("\n\n") for _, piece in found[:-1])


def test_a_text_with_no_breaks_is_cut_at_the_limit():
    assert [len(piece) for _, piece in pieces("x" * 250, 100)] == [100, 100, 50]


def test_a_long_article_is_analysed_in_pieces_with_offsets_into_the_whole(rules):
    text = "".join(f"Paragraph {n}: Ann Lee went to Bristol.\n\n" for n in range(300))
    rules.nlp.max_length, default = 1000, rules.nlp.max_length
    try:
        [(_, analysis)] = rules.analyze_many([_article(1, text)])
    finally:
        rules.nlp.max_length = default
    assert isinstance(analysis, Analysis)
    assert len(analysis.entities) == 600
    assert all(text[e.start : e.end] == e.text for e in analysis.entities)
    assert analysis.entities[-1].start > len(text) - 100


def test_a_long_article_goes_alone_a_piece_at_a_time_between_batches(rules, monkeypatch):
    """The parser's memory grows with what one pass holds: a transcript is parsed a piece
    at a time, never batched with its own pieces or other articles (``PIECE_CHARS``
    lowered here to keep it quick), and the articles around it keep their order."""
    import core.nlp

    long_text = "".join(f"Paragraph {n}: Ann Lee went to Bristol.\n\n" for n in range(300))
    short = "Ann Lee went to Bristol.\n\n"
    passes: list[int] = []
    parse = rules.nlp.pipe

    def counted(texts, **kwargs):
        if not kwargs.get("as_tuples"):  # the entity ruler's own patterns
            return parse(texts, **kwargs)
        batch = list(texts)
        passes.append(sum(len(text) for text, _ in batch))
        return parse(batch, **kwargs)

    analysis_of = core.nlp.analysis_of
    parsed: list[int] = []
    monkeypatch.setattr(core.nlp, "analysis_of", lambda doc: parsed.append(len(doc.text)) or analysis_of(doc))
    monkeypatch.setattr(core.nlp, "PIECE_CHARS", 1000)
    monkeypatch.setattr(rules.nlp, "pipe", counted)
    articles = [_article(1, short), _article(2, short), _article(3, long_text), _article(4, short)]
    done = list(rules.analyze_many(articles))

    assert [article.id for article, _ in done] == [a.id for a in articles]
    assert all(isinstance(analysis, Analysis) for _, analysis in done)
    assert passes == [2 * len(short), len(short)]  # the batch stopped before it and went on after
    assert len(parsed) > 10 and max(parsed) <= 1000
    entities = done[2][1].entities
    assert len(entities) == 600
    assert all(long_text[e.start : e.end] == e.text for e in entities)


def test_an_article_under_the_limit_is_analysed_as_one_pass(rules):
    text = "Ann Lee went to Bristol.\n\n" * 20
    [(_, analysis)] = rules.analyze_many([_article(1, text)])
    assert analysis == analysis_of(rules.nlp(text))


def test_an_article_under_the_limit_gives_the_model_the_same_result(analyzer):
    """With the trained model: the article goes in one pass, as it did before pieces."""
    text = "“We will keep the boats running,” said Aisha Okonjo of Bristol City Council.\n\n" * 30
    [(_, analysis)] = analyzer.analyze_many([_article(1, text)])
    assert analysis == analysis_of(analyzer.nlp(text))
    assert analysis.entities and analysis.quotes


def test_an_article_over_the_model_limit_is_analysed(analyzer):
    """Past spaCy's max_length (E088 before; lowered here to keep the test quick): every
    piece analysed, offsets into the whole text."""
    paragraph = "“We will keep the boats running,” said Aisha Okonjo of Bristol City Council.\n\n"
    text = paragraph * 100
    analyzer.nlp.max_length, default = 2000, analyzer.nlp.max_length
    try:
        [(_, analysis)] = analyzer.analyze_many([_article(1, text)])
    finally:
        analyzer.nlp.max_length = default
    assert isinstance(analysis, Analysis)
    assert len(analysis.quotes) == 100
    assert all(text[q.start : q.end] == q.text for q in analysis.quotes)
    assert all(text[e.start : e.end] == e.text for e in analysis.entities)
