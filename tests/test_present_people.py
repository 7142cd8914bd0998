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


def test_people_rows_are_made_when_read_and_are_the_rows_of_the_table() -> None:
    from widgets.people_list import PersonRow

    identities = Identities(searchable=False)
    for number in range(300):
        name = f"Person{number % 120} Lastname{number % 7}"
        identities.add(f"a{number}", Analysis((Entity(0, len(name), "PERSON" if number % 3 else "ORG", name),)))
    table = identities.table()
    rows = present_people.person_rows(table)
    made = [
        PersonRow(key, i.name, "person" if i.label == "PERSON" else "org", i.articles, i.mentions, i.quotes)
        for key, i in enumerate(table)
    ]
    assert len(rows) == len(table) and list(rows) == made and rows[-1] == made[-1] and rows[2:5] == made[2:5]
    assert rows[0] is not rows[0], "made when read, not kept"
    orgs = [n for n, i in enumerate(table) if i.label == "ORG"]
    people = [n for n, i in enumerate(table) if i.label == "PERSON"]
    subset = present_people.person_rows(table, orgs)
    assert list(subset) == [made[n] for n in orgs]
    assert [subset.place_of(n) for n in orgs] == list(range(len(orgs))) and subset.place_of(
        people[len(people) // 2]
    ) is None
    assert rows.place_of(7) == 7 and rows.place_of(len(table)) is None


def test_the_people_status_groups_thousands_as_the_article_counts_do() -> None:
    assert present_people.people_status(210_268, 210_268, 0, filtered=False) == "210,268 people and organisations"
    assert (
        present_people.people_status(12, 210_268, 81_500, filtered=True)
        == "12 of 210,268 people and organisations · 81,500 articles still being analysed"
    )
