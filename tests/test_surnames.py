"""A full name the model tags as a company or a place is a person's when the article
names that person by the surname alone (``core.surnames``). Docs are built by hand,
with the labels the small model gives, so each rule is tested as written."""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from core.surnames import name_people_by_surname

VOCAB = English().vocab


def tagged(text: str, ents: list[tuple[str, str]], compound: tuple[str, str] | None = None) -> Doc:
    """``text`` split on spaces; ``ents`` gives each entity's words (as written, in order
    of appearance) and label; ``compound`` makes a word the compound of a later one."""
    words = text.split(" ")
    tags = ["O"] * len(words)
    at = 0
    for name, label in ents:
        size = len(name.split(" "))
        at = next(i for i in range(at, len(words)) if words[i : i + size] == name.split(" "))
        tags[at : at + size] = [f"B-{label}"] + [f"I-{label}"] * (size - 1)
        at += size
    heads, deps = list(range(len(words))), ["dep"] * len(words)
    if compound:
        child, head = words.index(compound[0]), words.index(compound[1])
        heads[child], deps[child] = head, "compound"
    return Doc(VOCAB, words=words, ents=tags, heads=heads, deps=deps)


def labels(doc: Doc) -> list[tuple[str, str]]:
    return [(ent.text, ent.label_) for ent in name_people_by_surname(doc).ents]


def test_a_full_name_is_a_persons_when_the_surname_alone_is() -> None:
    doc = tagged(
        "Two goals from Laia Ferrer won it . Ferrer scored late .", [("Laia Ferrer", "FAC"), ("Ferrer", "PERSON")]
    )
    assert labels(doc) == [("Laia Ferrer", "PERSON"), ("Ferrer", "PERSON")]


def test_a_surname_is_a_persons_when_a_longer_name_is() -> None:
    doc = tagged(
        "Javier Soler-Cano farms here . Soler-Cano said so .", [("Javier Soler-Cano", "PERSON"), ("Soler-Cano", "ORG")]
    )
    assert labels(doc)[1] == ("Soler-Cano", "PERSON")


@pytest.mark.parametrize(
    ("text", "ents", "compound"),
    [
        # Where a place stands.
        ("Rain fell in Upper Barrow all day . Barrow said so .", [("Upper Barrow", "LOC"), ("Barrow", "PERSON")], None),
        # A word the text also tags, alone, as a place.
        (
            "Oslo Daily Pike ran it . Pike wrote it . Oslo is cold .",
            [("Oslo Daily Pike", "ORG"), ("Pike", "PERSON"), ("Oslo", "GPE")],
            None,
        ),
        # The surname alone is a person once and a place once: nothing to go on.
        (
            "Greater Leeds voted . Leeds said no . Leeds is wet .",
            [("Greater Leeds", "LOC"), ("Leeds", "PERSON"), ("Leeds", "GPE")],
            None,
        ),
        # Qualifying the noun after it: a newspaper's file photo.
        ("A Herald Pike file photo . Pike wrote it .", [("Herald Pike", "ORG"), ("Pike", "PERSON")], ("Pike", "photo")),
        # A title's capitalised words.
        (
            "She read Letters To Pike twice . Pike smiled .",
            [("Letters To Pike", "WORK_OF_ART"), ("Pike", "PERSON")],
            None,
        ),
        # More words than a name has: a headline's.
        (
            "Voters Back Mayor Pike On Tax , it ran . Pike won .",
            [("Voters Back Mayor Pike On Tax", "ORG"), ("Pike", "PERSON")],
            None,
        ),
        # No person by that surname.
        ("Two goals from Laia Ferrer won it .", [("Laia Ferrer", "FAC")], None),
    ],
)
def test_a_name_stays_as_tagged_when_something_speaks_against_a_person(text, ents, compound) -> None:
    doc = tagged(text, ents, compound)
    assert labels(doc) == list(ents)


def test_the_seed_players_full_name_is_a_persons(analyzer) -> None:
    """The small model tags "Laia Ferrer" in the Lyon seed a facility, and "Ferrer" a person."""
    from core.model import Article
    from tests.support.paths import SEEDS

    text = (SEEDS / "005_lyon_cup_final_comeback.txt").read_text(encoding="utf-8")
    analysis = analyzer.analyze_alone(Article(id="lyon", title="", text=text))
    assert {ent.label for ent in analysis.entities if "Ferrer" in ent.text} == {"PERSON"}
