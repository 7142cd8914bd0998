"""Finding the few tokens a rule can apply to without running it on every word.

Reading ``lemma_`` or ``pos_`` makes a string on every call: for a rule that
needs only the speech verbs, or only the nouns, testing every word is most of
its cost. The doc's attribute arrays hold the same values as numbers, the
hashes of the strings (the same in every doc), so the words are picked out by
comparing numbers, and tokens are made only for the words kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

# Verdicts one ``ValueTest`` remembers (a few MB at most); past that it starts afresh.
_REMEMBERED = 20_000


def is_one_of(doc: Doc, attr: str, strings: tuple[str, ...]) -> numpy.ndarray:
    """Which of the doc's tokens have ``attr`` ("POS", "DEP", "LOWER", …) equal to one of
    ``strings``, as a mask to combine with ``&`` and ``|``."""
    column = doc.to_array(attr)
    mask = numpy.zeros(len(column), dtype=bool)
    for string in strings:
        mask |= column == get_string_id(string)
    return mask


class ValueTest:
    """A test of the string of one token attribute that no list of strings can say
    (``lemma.lower() in …``, where lemmas come in any case), run on whole docs.

    Each distinct value is tested once and the verdict remembered, across docs.
    """

    def __init__(self, attr: str, wanted: Callable[[str], bool]) -> None:
        self.attr = attr
        self.wanted = wanted
        self._verdicts: dict[int, bool] = {}

    def mask(self, doc: Doc) -> numpy.ndarray:
        """Which of the doc's tokens pass, as a mask to combine with ``&`` and ``|``."""
        column = doc.to_array(self.attr)
        verdicts = self._verdicts
        if len(verdicts) > _REMEMBERED:
            # A new dict rather than clear(): a thread still reading the old one keeps it whole.
            verdicts = self._verdicts = {}
        strings = doc.vocab.strings
        mask = numpy.zeros(len(column), dtype=bool)
        for value in numpy.unique(column).tolist():
            verdict = verdicts.get(value)
            if verdict is None:
                verdict = verdicts[value] = self.wanted(strings[value])
            if verdict:
                mask |= column == value
        return mask


def tokens_at(doc: Doc, mask: numpy.ndarray) -> Iterator[Token]:
    """The tokens a mask keeps, in order."""
    for i in numpy.flatnonzero(mask).tolist():
        yield doc[i]
