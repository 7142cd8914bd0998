"""``identities()``, what the entities export lists: one identity per person or organisation
across articles, variants merged, distinct people kept apart, quotes credited to whoever said them."""

from __future__ import annotations

import pytest

from core.identities import Identity, identities
from core.model import ANONYMOUS, ORGANISATION, PERSON, Analysis, Article, Entity, Quote, Span


def article(number: int, *names: str | tuple[str, str], quotes: tuple[Quote, ...] = ()) -> tuple[Article, Analysis]:
    """An article naming these entities in order ("name" is a PERSON; (text, label) otherwise)."""
    mentions = [(name, "PERSON") if isinstance(name, str) else name for name in names]
    text, entities = "", []
    for name, label in mentions:
        text += "Then "
        entities.append(Entity(len(text), len(text) + len(name), label, name))
        text += name + ". "
    return Article(f"a{number}", f"Article {number}", text), Analysis(tuple(entities), quotes)


def quote(speaker: str, kind: str = PERSON) -> Quote:
    return Quote(0, 4, "Then", "direct", Span(0, len(speaker), speaker), speaker, None, kind)


def one(found: list[Identity], name: str) -> Identity:
    [match] = [identity for identity in found if identity.name == name]
    return match


def test_possessive_title_and_surname_after_the_full_name_are_one_person() -> None:
    found = identities(
        [article(1, "Vladimir Putin", "Putin’s", "President Putin", "Mr. Putin", "Putin"), article(2, "Putin's")]
    )
    assert [(i.name, i.label, i.mentions, i.articles) for i in found] == [("Vladimir Putin", "PERSON", 6, 2)]
    assert {found[0].name, *found[0].variants} == {"Vladimir Putin", "Putin", "President Putin", "Mr. Putin"}
    assert found[0].variants[0] == "Putin"  # the most frequent other form first


def test_title_before_the_full_name_is_left_out_of_the_identity_name() -> None:
    found = identities(
        [article(1, "President Vladimir Putin"), article(2, "Vladimir Putin"), article(3, "Dr Mei Ding")]
    )
    assert {(i.name, i.articles) for i in found} == {("Vladimir Putin", 2), ("Mei Ding", 1)}
    assert one(found, "Mei Ding").variants == ("Dr Mei Ding",)


def test_case_and_accents_do_not_split_a_person() -> None:
    found = identities(
        [article(1, "Zoë Petherick"), article(2, "ZOE PETHERICK", "Petherick"), article(3, "Zoë Petherick")]
    )
    [zoe] = found
    assert (zoe.name, zoe.mentions, zoe.articles) == ("Zoë Petherick", 4, 3)
    assert set(zoe.variants) == {"ZOE PETHERICK", "Petherick"}


def test_a_surname_alone_joins_the_one_person_with_that_name_in_other_articles() -> None:
    found = identities([article(1, "Yevgeny Prigozhin"), article(2, "Prigozhin’s")])
    assert [(i.name, i.articles, i.variants) for i in found] == [("Yevgeny Prigozhin", 2, ("Prigozhin",))]


def test_a_surname_two_people_share_stays_apart_from_both() -> None:
    found = identities([article(1, "Mei Ding"), article(2, "Xueliang Ding"), article(3, "Ding")])
    assert {(i.name, i.articles) for i in found} == {("Mei Ding", 1), ("Xueliang Ding", 1), ("Ding", 1)}


def test_a_full_name_labelled_two_ways_is_one_identity_of_its_usual_label() -> None:
    found = identities(
        [
            article(2, "Yevgeny Prigozhin", ("Yevgeny Prigozhin", "ORG")),
            article(3, "Yevgeny Prigozhin"),
        ]
    )
    assert {(i.name, i.label, i.mentions) for i in found} == {("Yevgeny Prigozhin", "PERSON", 3)}


def test_organisation_variants_merge_within_an_article_only_by_their_words() -> None:
    found = identities(
        [
            article(1, ("China’s Foreign Ministry", "ORG"), ("the Foreign Ministry", "ORG")),
            article(2, ("the Foreign Ministry", "ORG")),
        ]
    )
    # Another article's "Foreign Ministry" may be another country's.
    assert {(i.name, i.mentions, i.articles) for i in found} == {
        ("China’s Foreign Ministry", 2, 1),
        ("Foreign Ministry", 1, 1),
    }


def test_dates_and_numbers_are_not_identities() -> None:
    found = identities([article(1, ("Tuesday", "DATE"), ("£2.4 million", "MONEY"), ("Bristol", "GPE"))])
    assert [i.name for i in found] == ["Bristol"]


def test_quotes_are_credited_to_the_speaker_by_name_across_articles() -> None:
    found = identities(
        [
            article(1, "Vladimir Putin", "Putin", quotes=(quote("Vladimir Putin"), quote("Putin"))),
            # Quoted where the model named no entity: credited to the one Putin elsewhere.
            article(2, ("Kremlin", "ORG"), quotes=(quote("President Putin"), quote("the Kremlin", ORGANISATION))),
            article(3, "Anna Berg", quotes=(quote("officials", ANONYMOUS),)),
        ]
    )
    assert one(found, "Vladimir Putin").quotes == 3
    assert one(found, "Kremlin").quotes == 1
    assert one(found, "Anna Berg").quotes == 0


def test_sorted_by_articles_then_mentions() -> None:
    found = identities(
        [
            article(1, "Anna Berg", "Berg", "Berg", "Ulla Khan"),
            article(2, "Ulla Khan", ("Oslo", "GPE")),
            article(3, ("Oslo", "GPE")),
        ]
    )
    assert [(i.name, i.articles, i.mentions) for i in found] == [
        ("Oslo", 2, 2),
        ("Ulla Khan", 2, 2),
        ("Anna Berg", 1, 3),
    ]


@pytest.mark.slow
def test_vladimir_putin_is_one_identity_in_the_seeds(analyzer) -> None:
    from core.ingest.dispatch import load
    from tests.support.paths import SEEDS

    articles = load([str(SEEDS)]).articles
    found = identities(analyzer.analyze_many(articles))
    putins = [i for i in found if "putin" in i.name.casefold() or any("Putin" in v for v in i.variants)]
    assert [(i.name, i.label) for i in putins] == [("Vladimir Putin", "PERSON")]
    assert "Putin" in putins[0].variants
    assert putins[0].mentions >= 3
