"""How a name is written: one set of rules for the reader, the quotes and search,
so that all three agree on who is who."""

from __future__ import annotations

# Entity labels that name who can speak: a person, or a body of people.
PERSON_LABELS = ("PERSON",)
BODY_LABELS = ("ORG", "GPE", "NORP", "FAC")
SPEAKER_LABELS = PERSON_LABELS + BODY_LABELS

# Words before a name that are not part of it (spaCy often keeps them inside a
# PERSON span). Courtesy titles go before any name; offices only before a
# person's: "General Motors" is not a general.
COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"})
OFFICES = frozenset(
    {
        "professor", "lord", "lady", "president", "senator", "sen", "rep", "gov", "governor", "mayor",
        "judge", "justice", "minister", "chancellor", "premier", "general", "gen", "col", "capt", "rev",
    }
)  # fmt: skip
PERSON_TITLES = COURTESY_TITLES | OFFICES

_POSSESSIVES = ("’s", "'s", "‘s", "’", "'")  # ‘s: a possessive typed with the wrong curly mark


def strip_possessive(text: str) -> str:
    """ "Putin’s" -> "Putin"; a bare mark stays what it is."""
    for ending in _POSSESSIVES:
        if text.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)]
    return text


def without_titles(words: tuple[str, ...], titles: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Lower-case words of a name without a leading "the" or any of ``titles``
    ("mr", "president"); the last word always stays."""
    while len(words) > 1 and (words[0] == "the" or words[0].rstrip(".") in titles):
        words = words[1:]
    return words


def bare_name(text: str, titles: frozenset[str] = frozenset()) -> str:
    """A name as written, without a possessive, a leading "the" or any of ``titles``:
    "President Putin’s" -> "Putin" (case and accents kept)."""
    words = strip_possessive(" ".join(text.split())).split(" ")
    while len(words) > 1 and (words[0].casefold() == "the" or words[0].casefold().rstrip(".") in titles):
        words = words[1:]
    return " ".join(words)
