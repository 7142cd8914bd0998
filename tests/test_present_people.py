"""An entity's page as records: sections, marked snippets, a timeline when articles carry dates."""

from __future__ import annotations

from core.identities import Identities
from core.model import PERSON, Analysis, Article, Entity, Quote
from core.timeline import month_of, monthly
from tui import present_people


def test_month_of_reads_iso_and_feed_dates() -> None:
    assert month_of("2024-06-30T10:00:00Z") == "2024-06"
    assert month_of("Sun, 30 Jun 2024 10:00:00 GMT") == "2024-06"
    assert month_of("last Tuesday") is None
    assert monthly([("2024-11", 2), ("2025-01", 1)]) == ((2, 0, 1), "2024-11", "2025-01")


def test_page_lists_articles_quotes_and_a_timeline() -> None:
    articles, analyses = {}, {}
    identities = Identities()
    for number, date in enumerate(["2024-01-02", "2024-03-09", None]):
        text = f"Story {number}. “We go,” Ulla Khan said of\nBo Lin."
        name = text.index("Ulla Khan")
        other = text.index("Bo Lin")
        quote = Quote(
            text.index("“"), text.index(" Ulla"), "“We go,”", "direct", speaker_name="Ulla Khan", source_kind=PERSON
        )
        analysis = Analysis(
            (Entity(name, name + 9, "PERSON", "Ulla Khan"), Entity(other, other + 6, "PERSON", "Bo Lin")), (quote,)
        )
        article = Article(f"a{number}", f"Story {number}", text, date=date, site="example.org")
        articles[article.id], analyses[article.id] = article, analysis
        identities.add(article.id, analysis)
    khan = identities.filter("ulla khan")[0]
    page, places = present_people.entity_page(identities.page(khan.key), articles, analyses)
    headings = [heading for heading, _ in page.sections]
    assert headings == ["Articles (3)", "What it said (3)", "Named in the same articles (1)"]
    first = page.sections[0][1][0]
    assert first.heading == "Story 1 · 2024-03-09 · example.org"  # newest first
    assert "\n" not in first.text
    ((start, end),) = first.marks
    assert first.text[start:end] == "Ulla Khan"
    assert places[first.key].article_id == "a1"
    assert page.timeline == (1, 0, 1)
    assert page.timeline_label == "mentions by month, 2024-01 to 2024-03"
    together = page.sections[2][1][0]
    assert places[together.key].entity is not None
