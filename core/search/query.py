"""The search box's query syntax, parsed into terms.

Words are matched in any order, ignoring case and accents; every word must
match (AND). A plain word matches words equal to it, words starting with it
(so results follow each keystroke), words one or two typos away ("prigozin"
finds Prigozhin, "ptuin" Putin; one typo from 4 letters, two from 7; a typo
is a letter added, dropped, changed or two swapped), and, for names,
initials ("vp" finds Vladimir Putin, "hkust" the Hong Kong University of
Science and Technology). When none of that matches, letters scattered
through a word in order are tried ("prgzhn" finds Prigozhin). Closer
matches rank higher: the exact word, then longer words, initials, typos,
scattered letters.

Operators, after fzf:

    'word      exact: only the word itself, no typos, no longer words
               (unlike fzf, where 'word may match inside a longer word)
    ^word      words that start with "word" (no typos)
    word$      words that end with "word" (no typos)
    !word      leave out articles whose title or text has a word starting
               with "word" (!'word: exactly that word)
    a | b      either a or b

A prefix at the very start limits the search to one kind of result:

    @putin  or  e: putin     entities (people, organisations, places...)
    s: putin                 speakers: sources who are quoted
    q: no limits             quotes
    t: ferry                 article titles
    x: ferry                 body text

(entity:, speaker:, quote:, title: and text: work too.)
"""

from __future__ import annotations

from dataclasses import dataclass

from core.search.textnorm import WORD, fold

KINDS = ("title", "entity", "speaker", "quote", "text")

KIND_PREFIXES = {
    "@": "entity",
    "e:": "entity",
    "entity:": "entity",
    "s:": "speaker",
    "speaker:": "speaker",
    "q:": "quote",
    "quote:": "quote",
    "t:": "title",
    "title:": "title",
    "x:": "text",
    "text:": "text",
}

# Term modes.
FUZZY = "fuzzy"
EXACT = "exact"
PREFIX = "prefix"
SUFFIX = "suffix"


@dataclass(frozen=True, slots=True)
class Term:
    """One folded word to look for and how strictly."""

    word: str
    mode: str = FUZZY


@dataclass(frozen=True, slots=True)
class Query:
    """``clauses`` must all match; each clause is satisfied by any of its terms."""

    clauses: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    kind: str | None = None

    @property
    def empty(self) -> bool:
        return not self.clauses


def parse_query(text: str) -> Query:
    """Parse what the user typed; never fails, unknown punctuation is ignored."""
    text = text.strip()
    kind = None
    lowered = text.lower()
    for prefix, prefix_kind in sorted(KIND_PREFIXES.items(), key=lambda kv: -len(kv[0])):
        if lowered.startswith(prefix):
            kind = prefix_kind
            text = text[len(prefix) :]
            break
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for token in text.split():
        if token == "|":
            join_next = bool(clauses)
            continue
        negated = token.startswith("!")
        terms = _terms(token[1:] if negated else token, negated)
        if not terms:
            continue
        if negated:
            excluded.extend(terms)
        elif join_next and len(terms) == 1:
            clauses[-1].append(terms[0])
        else:
            clauses.extend([term] for term in terms)
        join_next = False
    return Query(tuple(tuple(c) for c in clauses), tuple(excluded), kind)


def _terms(token: str, negated: bool) -> list[Term]:
    """Terms of one typed token; "al-Assad" is two words, both required."""
    mode = PREFIX if negated else FUZZY
    if token.startswith("'"):
        mode, token = EXACT, token[1:]
    elif token.startswith("^"):
        mode, token = PREFIX, token[1:]
    elif token.endswith("$"):
        mode, token = SUFFIX, token[:-1]
    return [Term(word, mode) for word in WORD.findall(fold(token))]


@dataclass(frozen=True, slots=True)
class Expansion:
    """A vocabulary word (or name initials) that a query word stands for."""

    word: str
    weight: float
    shown: int  # characters to highlight from the start of each occurrence
    is_initials: bool = False
    # Its id in the index's words (or initials): found once, when the expansion is made and
    # cached, not by hash at each field of each keystroke (a third of a search's time).
    key: int = -1
