"""The names an article gives, grouped by written form, for the speaker resolver.

A long transcript can name one person thousands of times. Looking a name up
costs the number of distinct forms holding its words plus a bisection, not the
number of mentions: scanning every mention for every quote made a 1 MB article
take minutes.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Name:
    """A name the article gives, where, and whether it was a sentence's subject there."""

    start: int
    words: tuple[str, ...]
    text: str
    subject: bool
    sentence: int = 0  # where its sentence starts
    main: bool = False  # the subject of the sentence's main clause
    modifier: bool = False  # modifying a noun ("the Acme Tower plan") or in a caption: no one a pronoun means
    described: bool = False  # given a title or description with the name ("commuter Jo Park")

    @property
    def surname(self) -> str:
        return self.words[-1]


@dataclass(frozen=True, slots=True)
class Form:
    """One way the article writes a name, whatever the number of times."""

    text: str
    words: tuple[str, ...]


class NameIndex:
    """Names in text order, by form and by word."""

    def __init__(self, names: list[Name]) -> None:
        self.names = names
        self._starts = [n.start for n in names]
        self._at: dict[Form, list[int]] = {}  # form -> its starts, in order
        self._forms_by_word: dict[str, list[Form]] = {}  # in order of first mention
        self._first_by_word: dict[str, Name] = {}  # the first name holding the word that is not a modifier
        for name in names:
            form = Form(name.text, name.words)
            starts = self._at.get(form)
            if starts is None:
                starts = self._at[form] = []
                for word in set(name.words):
                    self._forms_by_word.setdefault(word, []).append(form)
            starts.append(name.start)
            if not name.modifier:
                for word in name.words:
                    self._first_by_word.setdefault(word, name)

    def forms_with(self, words: set[str]) -> list[Form]:
        """The forms holding all of ``words``, in order of first mention."""
        rarest = min((self._forms_by_word.get(w, []) for w in words), key=len)
        return [f for f in rarest if words <= set(f.words)]

    def last_before(self, form: Form, before: int) -> int | None:
        """Where the form was last written before ``before``, if it was."""
        starts = self._at[form]
        k = bisect.bisect_left(starts, before)
        return starts[k - 1] if k else None

    def last(self, form: Form) -> int:
        return self._at[form][-1]

    def nearest(self, form: Form, to: int) -> tuple[int, int]:
        """(distance, start) of the form's mention nearest ``to``, the earlier on a tie."""
        starts = self._at[form]
        k = bisect.bisect_left(starts, to)
        return min((abs(s - to), s) for s in starts[max(0, k - 1) : k + 1])

    def first_holding(self, word: str) -> Name | None:
        """The first name holding ``word`` that does not merely modify a noun."""
        return self._first_by_word.get(word)

    def recent(self, before: int) -> Name | None:
        """The last name that starts before ``before``."""
        k = bisect.bisect_left(self._starts, before)
        return self.names[k - 1] if k else None

    def count_before(self, before: int) -> int:
        """How many names start before ``before``."""
        return bisect.bisect_left(self._starts, before)

    def last_holding(self, word: str, before: int) -> str | None:
        """The last name holding ``word`` written before ``before``."""
        forms = self._forms_by_word.get(word, [])
        found = [(at, f.text) for f in forms if (at := self.last_before(f, before)) is not None]
        return max(found)[1] if found else None
