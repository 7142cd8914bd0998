"""A quotation its own cue interrupts is one quote with parts: every view shows the
parts without the cue, and every way an analysis is kept or printed keeps them."""

from __future__ import annotations

import json

from core.carried import analysis_of
from core.export import analysis_record, quote_records
from core.model import Analysis, Article, CarriedAnalysis, Quote, Span
from core.pieces import merged
from core.sources import quote_words
from core.store.cache import decode, encode
from tui.present import quote_item, source_quote
from tui.present_people import _quote_text

TEXT = "Ferries stop at noon. “We lost money,” said Ana Ruiz, “and we will lose more.”"
FIRST = (TEXT.index("“We"), TEXT.index(" said"))
THEN = (TEXT.index("“and"), len(TEXT))
SHOWN = "“We lost money,” … “and we will lose more.”"


def interrupted(text: str = TEXT, offset: int = 0) -> Quote:
    start, end = FIRST[0] + offset, THEN[1] + offset
    name = text.index("Ana Ruiz")
    cue = text.index("said")
    return Quote(
        start,
        end,
        text[start:end],
        "direct",
        Span(name, name + 8, "Ana Ruiz"),
        "Ana Ruiz",
        Span(cue, cue + 4, "said"),
        "person",
        parts=((FIRST[0] + offset, FIRST[1] + offset), (THEN[0] + offset, THEN[1] + offset)),
    )


def test_every_view_shows_the_parts_without_the_cue() -> None:
    quote = interrupted()
    article = Article("a", "Ferries", TEXT)
    assert quote_words(quote) == SHOWN
    assert quote_item(0, quote).text == SHOWN  # the sources panel
    assert source_quote(0, article, quote).text == SHOWN  # the `a` view
    assert _quote_text(quote) == SHOWN  # a person's page
    assert next(quote_records(article, Analysis((), (quote,))))["text"] == SHOWN  # `newsreader quotes`


def test_a_quote_in_one_piece_shows_its_text() -> None:
    quote = Quote(0, 5, "“No.”", "direct")
    assert quote_words(quote) == "“No.”"


def test_analyze_prints_the_parts_and_reads_them_back() -> None:
    article = Article("a", "Ferries", TEXT)
    whole = Quote(0, 7, TEXT[:7], "reported")
    analysis = Analysis((), (interrupted(), whole))
    record = json.loads(json.dumps(analysis_record(article, analysis, "m", "e")))
    assert record["quotes"][0]["parts"] == [list(FIRST), list(THEN)]
    assert record["quotes"][1]["parts"] == [[0, 7]]
    assert analysis_of(CarriedAnalysis(record, 0, 2, "m", "e"), TEXT) == analysis


def test_parts_that_do_not_fit_the_text_refuse_the_record() -> None:
    record = analysis_record(Article("a", "Ferries", TEXT), Analysis((), (interrupted(),)), "m", "e")
    record["quotes"][0]["parts"] = [[0, len(TEXT) + 5]]
    assert analysis_of(CarriedAnalysis(record, 0, 1, "m", "e"), TEXT) is None
    record["quotes"][0]["parts"] = [[0]]
    assert analysis_of(CarriedAnalysis(record, 0, 1, "m", "e"), TEXT) is None


def test_the_cache_keeps_the_parts() -> None:
    analysis = Analysis((), (interrupted(), Quote(0, 7, "Ferries", "reported")))
    assert decode(encode(analysis, TEXT), TEXT) == analysis


def test_a_piece_of_a_long_article_shifts_the_parts_with_the_quote() -> None:
    offset = 100
    whole = "x" * offset + TEXT
    assert merged([(0, Analysis()), (offset, Analysis((), (interrupted(),)))]).quotes[0].parts == (
        (FIRST[0] + offset, FIRST[1] + offset),
        (THEN[0] + offset, THEN[1] + offset),
    )
    assert quote_words(interrupted(whole, offset)) == SHOWN


def test_search_finds_and_shows_the_parts_not_the_cue() -> None:
    from core.search.index import SearchIndex

    article = Article("a", "Ferries", TEXT)
    index = SearchIndex()
    index.add(article, Analysis((), (interrupted(),)))
    [hit] = index.search("lose more", kinds={"quote"})
    assert hit.text == SHOWN
    assert (hit.start, hit.end) == (FIRST[0], THEN[1])
    assert not index.search("said", kinds={"quote"})  # the cue is not what was said
