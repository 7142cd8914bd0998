"""Who a speaker mention is: its extent, its description, its full name, its kind.

No coreference model runs offline, so these are rules: a surname, a pronoun,
"the ministry" or "the statement" resolves to the fullest earlier name the
article gives for it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as Words

from core.model import ANONYMOUS, ORGANISATION, PERSON, UNKNOWN, Span
from core.names import BODY_LABELS, SPEAKER_LABELS, strip_possessive
from core.quotes.lexicon import (
    ANONYMOUS_NOUNS,
    DOCUMENT_NOUNS,
    GROUP_PRONOUNS,
    HONORIFICS,
    INDEFINITE_PRONOUNS,
    ORGANISATION_NOUNS,
    OTHER_HOLDER_WORDS,
    PERSONAL_PRONOUNS,
    PRONOUN_WORDS,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
    SHARED_ROLES,
    SPEECH_VERBS,
    TITLE_WORDS,
)
from core.quotes.marks import within
from core.quotes.name_index import Name, NameIndex
from core.quotes.scan import ValueTest, is_one_of, tokens_at

# Dependents that describe a mention rather than name it.
_DESCRIPTIVE = ("relcl", "appos", "acl", "advcl", "punct", "parataxis", "cc")
# Organisation nouns that any kind of body can be called by.
_GENERIC_BODIES = frozenset("company firm agency group organization organisation team club".split())
_DEFINITE = ("the", "this", "that", "these", "those")
_INDEFINITE = ("a", "an", "some", "one", "another", "several", "many")


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker mention: the words naming the speaker and any description kept apart."""

    span: Span
    descriptor: Span | None
    head: Token


@dataclass(frozen=True, slots=True)
class Identity:
    name: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class _Speaker:
    """A person identified as a speaker, with what each later "he" or "she" asks of them."""

    head: Token
    name: str
    words: tuple[str, ...]
    sentence: int  # where the sentence they speak in starts
    rank: int  # as ``Resolver._antecedent`` ranks the people a sentence names


def _span(doc: Doc, start: int, end: int) -> Span:
    """A character span over tokens ``start``..``end`` (exclusive)."""
    words = doc[start:end]
    return Span(words.start_char, words.end_char, words.text)


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop punctuation and possessive endings from both edges."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    return tokens


def _contiguous(tokens: list[Token], around: Token) -> list[Token]:
    """The unbroken run of ``tokens`` (sorted) that contains ``around``."""
    index = {t.i for t in tokens}
    lo = hi = around.i
    while lo - 1 in index:
        lo -= 1
    while hi + 1 in index:
        hi += 1
    return [t for t in tokens if lo <= t.i <= hi]


def _entity_tokens(token: Token) -> list[Token] | None:
    if token.ent_iob_ == "O" or token.ent_type_ not in SPEAKER_LABELS:
        return None
    doc = token.doc
    lo = token.i
    while lo > 0 and doc[lo].ent_iob_ == "I":
        lo -= 1
    hi = token.i + 1
    while hi < len(doc) and doc[hi].ent_iob_ == "I":
        hi += 1
    return [t for t in doc[lo:hi] if t.tag_ != "POS"]


def mention_of(head: Token) -> Mention:
    """Split the noun phrase around ``head`` into the speaker's words and a description."""
    doc = head.doc
    if head.lemma_.lower() in DOCUMENT_NOUNS:
        owner = _owner_in_phrase(head)
        if owner is not None:
            return mention_of(owner)
    if head.pos_ in ("NOUN", "NUM", "PRON"):
        # "The opposition leader, Dana Holt,", and "One of them, Yusuf Ali,": the name speaks.
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                name = mention_of(child)
                own = _phrase(head, exclude=(child,))
                return Mention(name.span, _span(doc, own[0].i, own[-1].i + 1), name.head)
    if head.pos_ == "PRON" and not _mistagged_name(head):
        return Mention(_span(doc, head.i, head.i + 1), None, head)
    proper = head.pos_ == "PROPN" and not _lower_case_word(head)
    name = _entity_tokens(head) if proper else None
    if name:
        name = _untitled(name)
    if name is None and proper:
        name = _contiguous(
            [t for t in head.subtree if t.pos_ == "PROPN" and t.dep_ in ("compound", "flat") or t is head],
            head,
        )
    if name:
        first = _owner_start(head, name[0])
        last = _last_conjunct(head, name[-1])
        descriptor = _descriptor(head, first, last)
        return Mention(_name_span(doc, first.i, last.i + 1, head), descriptor, head)
    words = _phrase(head)
    return Mention(_name_span(doc, words[0].i, words[-1].i + 1, head), None, head)


def _lower_case_word(token: Token) -> bool:
    """ "said the minister": a word written in lower case is no name, whatever the tagger says."""
    return token.text.islower() and not token.ent_type_


_NOT_IN_NAME = set('“”„«»‹›"‘()[]{}=<>/\\|;')
_DASHES = frozenset(("-", "–", "—", "―", "--"))


def _stops_name(token: Token) -> bool:
    """A quotation mark, code or a dash set apart: no name runs across one."""
    return bool(_NOT_IN_NAME & set(token.text)) or token.text in _DASHES


def _name_span(doc: Doc, start: int, end: int, head: Token) -> Span:
    """The words of a speaker mention, kept to a noun phrase around ``head``.

    A mention never crosses a paragraph break or a dash, never holds a quotation
    mark or code, and does not end in a verb or in a common word after a name
    ("Meghan cry", "the release states", "the Associated Press news").
    """
    lo, hi = start, end
    for i in range(head.i - 1, start - 1, -1):
        token = doc[i]
        if "\n" in token.whitespace_ or "\n" in token.text or _stops_name(token):
            lo = i + 1
            break
    for i in range(head.i, end):
        token = doc[i]
        if i > head.i and ("\n" in token.text or _stops_name(token)):
            # "Critics of the so-called “fast lane”": the phrase the mark is in goes, whole.
            cut = next((c.left_edge.i for c in head.rights if c.left_edge.i <= i <= c.right_edge.i), i)
            hi = max(head.i + 1, cut)
            break
        if "\n" in token.whitespace_:
            hi = i + 1
            break
    if head.pos_ == "PROPN":
        while hi - 1 > head.i and (
            doc[hi - 1].pos_ in ("VERB", "AUX") or doc[hi - 1].pos_ == "NOUN" and doc[hi - 1].is_lower
        ):
            hi -= 1
    words = _trim(list(doc[lo:hi])) or [head]
    return _span(doc, words[0].i, words[-1].i + 1)


def _mistagged_name(token: Token) -> bool:
    """ "Brind'Amour said": a capitalised word the tagger calls a pronoun, in no pronoun's spelling."""
    return token.pos_ == "PRON" and token.text[:1].isupper() and token.lower_ not in PRONOUN_WORDS


def _owner_start(head: Token, first: Token) -> Token:
    """The start of "China’s Foreign Ministry": a body's name includes the place owning it."""
    if head.ent_type_ == "PERSON":
        return first
    for child in head.lefts:
        if child.dep_ == "poss" and child.pos_ == "PROPN" and child.i < first.i:
            return child.left_edge
    return first


def _last_conjunct(head: Token, last: Token) -> Token:
    """The end of "Moscow and Beijing": names joined to the speaker speak with it."""
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ == "PROPN":
            words = _entity_tokens(child) or [child]
            last = max(last, words[-1], key=lambda t: t.i)
    return last


def _phrase(head: Token, exclude: tuple[Token, ...] = ()) -> list[Token]:
    """The noun phrase of ``head`` without clauses and appositions hanging off it."""
    dropped = {t.i for child in head.children if child.dep_ in _DESCRIPTIVE or child in exclude for t in child.subtree}
    kept = [t for t in head.subtree if t.i not in dropped]
    return _trim(_contiguous(kept, head)) or [head]


def _descriptor(head: Token, first: Token, last: Token) -> Span | None:
    """An apposition ("X, a retired professor") or a title before the name."""
    doc = head.doc
    for child in head.children:
        if child.dep_ == "appos" and child.i > last.i:
            words = _trim(list(child.subtree))
            if words:
                return _span(doc, words[0].i, words[-1].i + 1)
    start = min(t.i for t in head.subtree)
    title = _trim([t for t in doc[start : first.i] if t.dep_ != "det"])
    if title and all(t.head.i >= t.i for t in title):
        return _span(doc, title[0].i, title[-1].i + 1)
    return None


def _owner_in_phrase(noun: Token) -> Token | None:
    """The author inside "X's statement", "a New York Times report" or "a statement by X"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.pos_ == "PROPN" or obj.ent_type_ in SPEAKER_LABELS):
                    return obj
        if child.dep_ == "acl":  # "the report, published by the World Bank"
            for agent in child.children:
                if agent.dep_ == "agent":
                    return next((o for o in agent.children if o.dep_ == "pobj"), None)
    for child in noun.lefts:
        if child.ent_type_ in SPEAKER_LABELS and child.dep_ in ("compound", "nmod", "amod"):
            return child
    return None


class Resolver:
    """Resolves speaker mentions to the fullest earlier name in one article.

    Call ``identify`` in text order: pronouns lean on the speakers before them.
    """

    def __init__(self, doc: Doc, text: str, quoted: list[tuple[int, int]]) -> None:
        """``text`` is the doc's, read once by the caller: spaCy rebuilds it on every access."""
        self.doc = doc
        inside = within(quoted)
        caption = within(_captions(text))
        self.people: list[Name] = []
        self.bodies: list[Name] = []
        self.organisations: list[Name] = []  # ORG entities only: what "the company" can be
        # post -> (where, name, the words qualifying the post: "prime", where its sentence starts),
        # in text order
        titles: dict[str, list[tuple[int, str, frozenset[str], int]]] = {}
        self._posts: list[tuple[set[str], set[str]]] = []  # (a person's name words, the posts it is given)
        self._last: tuple[Token, Identity] | None = None
        self._speakers: list[_Speaker] = []  # people identified as speakers so far, in order
        for ent in doc.ents:
            if inside(ent.start_char):
                continue
            ent = _person_name(ent)
            written = ent.text  # spaCy joins the tokens' text on every access
            text = strip_possessive(_with_owner(ent, written))
            words = _words(text)
            if not words:
                continue
            if "/" in written or "\n" in written:
                continue  # a photo credit ("Jo Lee/Reuters") or a heading run into a name
            root = ent.root  # spaCy searches the span for it on every access
            subject, main = _subject_role(root)
            # A name modifying a noun, or in a photo caption, is no one a later "he" means.
            modifier = root.dep_ == "compound" and root.head.pos_ == "NOUN" or caption(ent.start_char)
            before = doc[ent.start - 1] if ent.start else None
            ent_titles = _titles_of(ent)  # (post, the words it is qualified with)
            described = (
                bool(ent_titles)
                or root.dep_ == "appos"
                or any(c.dep_ == "appos" for c in root.children)
                or before is not None
                and before.pos_ == "NOUN"
                and before.is_lower  # "advocate Jo Park"
            )
            sentence = self._sentence_start(root)
            name = Name(ent.start_char, words, text, subject, sentence, main, modifier, described)
            if ent.label_ == "PERSON" or ent.label_ in BODY_LABELS and _titled_person(root):
                self.people.append(name)
                for title, qualified in ent_titles:
                    titles.setdefault(title, []).append((ent.start_char, text, qualified, sentence))
                posts = {t for t, _ in ent_titles if _role(t) in ROLE_NOUNS}
                # "Mayor Ode" as one name
                posts |= {_post(t, root.left_edge.i) for t in ent if t.lemma_.lower() in ROLE_NOUNS}
                if posts:
                    self._posts.append((set(words), posts))
            elif ent.label_ in BODY_LABELS:
                self.bodies.append(name)
                if ent.label_ == "ORG":
                    self.organisations.append(name)
        # "the city council": bodies named by common nouns, by head word, for "the council" later.
        self.common_bodies: dict[str, list[tuple[int, str]]] = {}
        body_nouns = is_one_of(doc, "POS", ("NOUN",)) & _BODY_LEMMAS.mask(doc)
        for token in tokens_at(doc, body_nouns):
            mods = [c for c in token.lefts if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ")]
            if mods and not inside(token.idx):
                phrase = doc[mods[0].i : token.i + 1].text
                self.common_bodies.setdefault(token.lemma_.lower(), []).append((token.idx, "the " + phrase.lower()))
        self.genders, self._full_genders = _genders(doc, inside)
        self._inside = inside
        # "Holt said": a surname the tagger did not mark as a name here is still that person.
        surnames = {p.surname: p.start for p in reversed(self.people)}
        subjects = is_one_of(doc, "POS", ("PROPN",)) & is_one_of(doc, "DEP", ("nsubj", "nsubjpass"))
        for token in tokens_at(doc, subjects):
            if (
                token.ent_type_ != "PERSON"
                and surnames.get(token.lower_, token.idx) < token.idx
                and not inside(token.idx)
            ):
                subject, main = _subject_role(token)
                sentence = self._sentence_start(token)
                self.people.append(Name(token.idx, (token.lower_,), token.text, subject, sentence, main))
            elif not token.ent_type_ and not inside(token.idx) and _untagged_person(token):
                first = doc[token.i - 1]
                subject, main = _subject_role(token)
                sentence = self._sentence_start(token)
                written = f"{first.text} {token.text}"
                self.people.append(Name(first.idx, _words(written), written, subject, sentence, main))
        self.people.sort(key=lambda p: p.start)
        self._people = NameIndex(self.people)
        self._bodies = NameIndex(self.bodies)
        self._organisations = NameIndex(self.organisations)
        self.titles = titles

    def identify(self, mention: Mention) -> Identity:
        identity = self._identify(mention)
        if identity.name is None and identity.kind == ANONYMOUS and mention.head.pos_ != "PRON":
            # "commentators": no name, but the words are how "they" later is known.
            self._last = (mention.head, Identity(mention.span.text, ANONYMOUS))
        elif identity.name is not None or identity.kind != UNKNOWN:
            self._last = (mention.head, identity)
        if identity.kind == PERSON and identity.name:
            self._speakers.append(self._speaker(mention.head, identity.name))
        return identity

    def _speaker(self, head: Token, name: str) -> _Speaker:
        subject, main = _subject_role(head)
        rank = 0 if main or head.pos_ == "PRON" else 1 if subject else 4
        return _Speaker(head, name, _words(name), self._sentence_start(head), rank)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        """The first token of each sentence: ``token.sent`` walks the doc to both ends of
        the sentence on every call."""
        return [sentence.start for sentence in self.doc.sents]

    def _sentence_start(self, token: Token) -> int:
        """Where the token's sentence starts: ``token.sent.start_char``."""
        starts = self._sentence_starts
        return self.doc[starts[bisect.bisect_right(starts, token.i) - 1]].idx

    def _identify(self, mention: Mention) -> Identity:
        head = mention.head
        lower = head.lower_
        if head.pos_ == "PRON" and not _mistagged_name(head):
            return self._pronoun(head)
        # A surname the tagger read as a common noun and a body ("Reyes said") is still a name.
        named = (
            self._person_named(mention)
            if head.pos_ in ("PROPN", "PRON") or head.pos_ == "NOUN" and head.is_title and head.ent_type_
            else None
        )
        if head.ent_type_ == "PERSON" or named or _titled_person(head) or _role_word(mention.descriptor):
            # "The opposition leader, Dana Holt," or "Dr Holt": a role makes a person,
            # whatever label the tagger gave the name.
            if head.pos_ != "PROPN":
                named = self._person_named(mention)
            return Identity(named or mention.span.text, PERSON)
        if head.ent_type_ in BODY_LABELS:
            return Identity(self._body_named(mention) or strip_possessive(mention.span.text), ORGANISATION)
        lemma = head.lemma_.lower()
        if lemma in DOCUMENT_NOUNS:
            author = self._author_of_earlier(head)
            if author is not None:
                return self._identify(mention_of(author))
            return Identity(None, UNKNOWN)
        if lemma in ORGANISATION_NOUNS or lower in ORGANISATION_NOUNS:
            body = self._body_with_word(lemma, head.idx)
            if body is None and _is_definite(head) and not any(c.dep_ in ("compound", "amod") for c in head.lefts):
                # "the council" after "the city council"
                named = self.common_bodies.get(lemma, [])
                k = bisect.bisect_left(named, (head.idx,))
                body = named[k - 1][1] if k else None
            if body is None and _is_definite(head) and lemma in _GENERIC_BODIES:
                # "the company", "the agency": the body the article last named.
                body = self._recent_organisation(head.idx)
            return Identity(body or mention.span.text, ORGANISATION)
        post = _post(head, head.left_edge.i)
        if _is_definite(head):
            titled = self._person_titled(post, head.idx, _qualified(head, head.left_edge.i))
            if titled is not None:
                return titled
        if head.tag_ == "NN" and any(c.dep_ == "poss" for c in head.children):
            # "his lawyer", "my mother": one person, known through whom they belong to.
            return Identity(None, PERSON)
        if lemma in ROLE_NOUNS and _is_definite(head):
            # "the mayor", "the veteran winger": a post no one was named with is held by
            # the person the article is about, the one named last as a subject.
            if head.tag_ != "NN" or any(
                c.dep_ in ("poss", "prep") or c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children
            ):
                return Identity(None, PERSON)
            if post != lemma:
                return Identity(None, PERSON)  # "the former governor": not whoever governs now
            holder = self._antecedent(head, None, subject=True)
            if holder is not None and self._holds_another_post(holder, post):
                return Identity(None, PERSON)  # "Governor Ortiz …", then "the minister": someone else
            return Identity(holder, PERSON)
        if lemma in ANONYMOUS_NOUNS or lower in ANONYMOUS_NOUNS or lemma in ROLE_NOUNS:
            return Identity(None, ANONYMOUS)
        if head.pos_ == "NOUN" and (head.tag_ == "NNS" or _is_indefinite(head)):
            # "a taxi driver from Lagos", "residents": people the article does not name.
            return Identity(None, ANONYMOUS)
        if head.pos_ == "PROPN" and not head.ent_type_:
            # A word of a body named before is that body ("Vela Foods founder Ana Ruiz …
            # Vela said"); else a name the tagger did not know, speaking, is most likely a
            # person ("Melanie said").
            body = self._body_named(mention)
            if body is not None and _first_word_of(mention.span.text, body):
                return Identity(body, ORGANISATION)
            return Identity(mention.span.text, PERSON)
        if head.pos_ == "PROPN":
            return Identity(mention.span.text, UNKNOWN)
        return Identity(None, UNKNOWN)

    def _pronoun(self, pronoun: Token) -> Identity:
        # "In his words, “…”": a possessive stands for the one it belongs to, as "he" would.
        lower = _OWNER_AS_SUBJECT.get(pronoun.lower_, pronoun.lower_)
        last = self._last
        if lower in _FIRST_PERSON:
            # "We asked the council …", "I wrote last week that …": a speaker is read outside
            # quotation marks, where the first person is the writer or the newsroom, not a
            # source the article names.
            return Identity(None, UNKNOWN)
        if lower in PERSONAL_PRONOUNS:
            gender = _PRONOUN_GENDER.get(lower)
            name = self._antecedent(pronoun, gender)
            if name and gender:
                self.genders.setdefault(_words(name)[-1], gender)
            return Identity(name, PERSON)
        if lower in RELATIVE_PRONOUNS and pronoun.head.dep_ == "relcl":
            # "Smith, who said …": the clause hangs off the name it describes.
            return self._identify(mention_of(pronoun.head.head))
        if lower in GROUP_PRONOUNS:
            if (
                last is not None
                and last[1].kind in (ORGANISATION, ANONYMOUS)
                and (lower == "it" or last[0].tag_ in ("NNS", "NNPS") or last[1].kind == ORGANISATION)
            ):
                return last[1]
            body = self._bodies.recent(pronoun.idx)
            return Identity(body.text, ORGANISATION) if body else Identity(None, UNKNOWN)
        if lower in INDEFINITE_PRONOUNS:
            return Identity(None, ANONYMOUS)
        return Identity(None, UNKNOWN)

    def _antecedent(self, pronoun: Token, gender: str | None, *, subject: bool = False) -> str | None:
        """The person "he" or "she" refers back to, as news prose does.

        The nearest earlier sentence naming a person who may be of that gender
        (or holding the last speaker) decides: its main-clause subject, else any
        subject there; a person it introduces for the first time as an object,
        with a description ("results for retiree Jo Park"), is the new voice a
        quotation after it belongs to; otherwise the most recent subject keeps the floor.
        With ``subject``, for a post ("the arresting officer"), only a subject holds it:
        after "Police charged Leon Marsh", the officer is not Marsh.
        """
        before = _outside_set_in_clause(pronoun)
        candidates: list[tuple[int, int, int, str]] = []  # (sentence, rank, start, name)
        seen = 0
        for k in reversed(range(self._people.count_before(before))):
            person = self.people[k]
            if person.modifier or not self._may_be(person.surname, gender):
                continue
            rank = (
                0
                if person.main
                else 1
                if person.subject
                else 3
                if person.described and self._first_named(person)
                else 4
            )
            candidates.append((person.sentence, rank, person.start, person.text))
            seen += 1
            if seen == _RECENT_PEOPLE * 3:
                break
        for speaker in self._speakers[-_RECENT_PEOPLE * 3 :]:
            # Speakers count as named where they speak, a "he" resolved before included.
            if speaker.head.idx < before and self._may_be(speaker.words[-1], gender):
                candidates.append((speaker.sentence, speaker.rank, speaker.head.idx, speaker.name))
        if not candidates:
            return None
        nearest = max(c[0] for c in candidates)
        # Two people alike in the sentence ("Eva Lind and her colleague Paul Moe"): the one
        # known to be of the pronoun's gender before the one of unknown gender.
        here = sorted(
            (c for c in candidates if c[0] == nearest), key=lambda c: (c[1], not self._known_as(c[3], gender), -c[2])
        )
        # "He has a son in Leeds": a sentence whose subject is already "he" names its
        # objects as someone else, and the one it continues keeps the floor.
        words = self.doc.char_span(nearest, nearest + 1, alignment_mode="expand")
        continued = words is not None and any(
            t.lower_ == pronoun.lower_
            and t.dep_ in ("nsubj", "nsubjpass")
            and t.i < pronoun.i
            and not self._inside(t.idx)
            for t in words[0].sent
        )
        if here[0][1] <= 1 or here[0][1] == 3 and not continued and not subject:
            chosen = here[0]
        else:
            subjects = [c for c in candidates if c[1] <= 1]
            if not subjects and subject:
                return None
            chosen = max(subjects, key=lambda c: (c[0], -c[1], c[2])) if subjects else here[0]
        return self._fullest(self._people, set(_words(chosen[3])), before) or chosen[3]

    def _known_as(self, name: str, gender: str | None) -> bool:
        """Whether the article tells that the person so named is of that gender."""
        words = _words(name)
        return gender is not None and bool(words) and self.genders.get(words[-1]) == gender

    def _first_named(self, person: Name) -> bool:
        """Whether the article names this person here for the first time, captions aside."""
        first = self._people.first_holding(person.surname)
        return first is None or first is person

    def _person_named(self, mention: Mention) -> str | None:
        words = _words(mention.span.text)
        if not words:
            return None
        start = mention.span.start
        k = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if k is not None and k.start > 0:
            gender = _TITLE_GENDER.get(self.doc[k.start - 1].lower_)
            if gender:
                return self._fullest(self._people, set(words), start, gender)
        return self._fullest(self._people, set(words), start)

    def _body_named(self, mention: Mention) -> str | None:
        words = _words(mention.span.text)
        return self._fullest(self._bodies, set(words), mention.span.start) if words else None

    def _fullest(self, names: NameIndex, words: set[str], before: int, gender: str | None = None) -> str | None:
        """The most recent name written by ``before`` containing ``words``, widened to its fullest form.

        With a ``gender`` (from "Mrs." or "Mr." before the mention), a full name known to be
        of that gender comes first, and one known to be of the other never: after "Mrs.
        Helen Park and her husband, David Park", "Mrs. Park" is Helen and "Mr. Park" David.
        """
        forms = names.forms_with(words)
        if not forms:
            return None
        if names is self._people:
            # A person's fuller name ends in the surname they are called by:
            # "Berg" is "Anna Berg", not "Berg’s Bakery" nor "Berg-Lind".
            forms = [f for f in forms if not _names_another(f.text, words)] or forms
        pool = forms
        if gender is not None:
            known = self._full_genders
            forms = [f for f in forms if known.get(f.words, gender) == gender] or forms
            pool = [f for f in forms if f.words in known] or forms
        earlier = [(at, i) for i, f in enumerate(pool) if (at := names.last_before(f, before + 1)) is not None]
        chosen = pool[max(earlier or [(names.last(f), i) for i, f in enumerate(pool)])[1]]
        wider = [f for f in forms if set(chosen.words) <= set(f.words)]
        best = max(wider, key=lambda f: (len(f.words), *(-n for n in names.nearest(f, before))))
        return best.text

    def _may_be(self, surname: str, gender: str | None) -> bool:
        """Whether what the article tells of the person with that surname allows that gender."""
        known = self.genders.get(surname)
        return gender is None or known is None or known == gender

    def _recent_organisation(self, before: int) -> str | None:
        body = self._organisations.recent(before)
        if body is None:
            return None
        return self._fullest(self._bodies, set(body.words), before) or body.text

    def _body_with_word(self, word: str, before: int) -> str | None:
        return self._bodies.last_holding(word, before)

    def _person_titled(self, title: str, before: int, qualified: frozenset[str]) -> Identity | None:
        """The person last called by that title, else the first called so later on
        ("the mayor said …" before "Mayor Ann Ode" is named), widened to the fullest name;
        None if no one is. Those whose title has the words ``qualified`` come first: after
        "Prime Minister Ola Berg" and "Finance Minister Hans Lie", "the prime minister" is
        Berg. Two people given the title in that one sentence leave it unnamed: after
        "Senator Ray Cobb and Senator Ella Moss clashed", "the senator" could be either."""
        called = self.titles.get(title)
        if not called:
            return None
        called = [c for c in called if qualified <= c[2]] or called
        k = bisect.bisect_left(called, (before,))
        at, name, _, sentence = called[k - 1] if k else called[0]
        words = set(_words(name))
        if any(c[3] == sentence and not words & set(_words(c[1])) for c in called):
            return Identity(None, PERSON)
        return Identity(self._fullest(self._people, words, at) or name, PERSON)

    def _holds_another_post(self, name: str, post: str) -> bool:
        """Whether the article gives this person a post of their own, and not this one: the
        governor is not "the minister". A role any post holder has ("the leader") tells nothing."""
        if post in SHARED_ROLES:
            return False
        words = set(_words(name))
        held = {p for named, posts in self._posts if named <= words for p in posts if _role(p) not in SHARED_ROLES}
        return bool(held) and post not in held

    def _author_of_earlier(self, noun: Token) -> Token | None:
        """Who issued the statement that "the statement" refers back to."""
        lemma = noun.lemma_.lower()
        for token in reversed(self.doc[: noun.i + 1]):
            if token.lemma_.lower() != lemma:
                continue
            owner = _owner_in_phrase(token)
            if owner is None and token.dep_ in ("dobj", "nsubjpass"):
                verb = token.head
                owner = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
                if owner is not None and owner.dep_ == "agent":
                    owner = next((c for c in owner.children if c.dep_ == "pobj"), None)
            if owner is not None and owner.lemma_.lower() not in DOCUMENT_NOUNS:
                return owner
        return None


def _first_word_of(short: str, body: str) -> bool:
    """Whether ``short`` is the first word of a body's name with no title in it: "Tarn"
    for "Tarn Logistics", not "Ode" for "the Riverside Tribal Chief Ode"."""
    words = body.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and words[0] == short and not any(_title_word(w.lower()) for w in words)


def _names_a_body(lemma: str) -> bool:
    """ "council", "ministry": a common noun that can name a body."""
    return lemma.lower() in ORGANISATION_NOUNS


_BODY_LEMMAS = ValueTest("LEMMA", _names_a_body)


_CREDIT = re.compile(r"\(([^()\n]*)\)\s*$")


def _captions(text: str) -> list[tuple[int, int]]:
    """Paragraphs that end in a photo credit, "(Jo Lee / Reuters)" or "(STAFF PHOTO)": captions."""
    spans = []
    start = 0
    for line in text.split("\n"):
        credit = _CREDIT.search(line)
        words = credit.group(1) if credit else ""
        if sum(c.isalpha() for c in words) > 1 and ("/" in words or not any(c.islower() for c in words)):
            spans.append((start - 1, start + len(line)))
        start += len(line) + 1
    return spans


def _names_another(text: str, words: set[str]) -> bool:
    """Whether a name uses one of ``words`` to name something else: "Berg’s Bakery", "Berg-Lind"."""
    lower = text.lower()
    return any(_owned_or_joined(w).search(lower) for w in words)


@lru_cache(maxsize=1024)
def _owned_or_joined(word: str) -> re.Pattern[str]:
    """``word`` with a possessive or a hyphenated part after it, compiled once per word."""
    return re.compile(r"\b" + re.escape(word) + r"(?:['’‘]s\b|-\w)")


def _with_owner(ent, written: str) -> str:
    """A body's name with the place that owns it: "China’s Foreign Ministry" (``written``: ``ent.text``)."""
    doc = ent.doc
    k = ent.start - 1
    if ent.label_ == "ORG" and k > 0 and doc[k].tag_ == "POS" and doc[k - 1].ent_type_ in ("GPE", "ORG"):
        first = k - 1
        while first > 0 and doc[first].ent_iob_ == "I":
            first -= 1
        return doc[first : ent.end].text
    return written


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_FIRST_PERSON = frozenset("i we me us".split())
_OWNER_AS_SUBJECT = {"his": "he", "its": "it", "their": "they"}
_TITLE_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}
_SENTENCE_ENDS = (".", "!", "?")
_GENDER_REACH = 25  # tokens after a name in which a pronoun is taken to refer back to it
_RECENT_PEOPLE = 3  # people named last among whom a pronoun looks for its person


def _genders(doc: Doc, inside) -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
    """Surname -> "m" or "f", from titles (Mrs. Clinton) and the first he/she after a name;
    and the same for full names, which tell a husband and a wife apart."""
    votes: dict[str, list[str]] = {}
    full: dict[tuple[str, ...], list[str]] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or inside(ent.start_char):
            continue
        ent = _person_name(ent)
        words = _words(ent.text)
        if not words:
            continue
        found = _TITLE_GENDER.get(doc[ent.start - 1].lower_) if ent.start else None
        for token in doc[ent.end : ent.end + _GENDER_REACH]:
            text = token.text
            if found or token.ent_type_ == "PERSON" or text in _SENTENCE_ENDS or "\n" in text:
                break
            # "he" or "his" after a name is that person; "him" is more often someone else.
            if (token.lower_ in ("he", "she") or token.tag_ == "PRP$") and not inside(token.idx):
                found = _PRONOUN_GENDER.get(token.lower_)
        if found:
            votes.setdefault(words[-1], []).append(found)
            if len(words) > 1:
                full.setdefault(words, []).append(found)
    # As many votes each way (a husband and a wife: "Omar Diallo … he", "Awa Diallo … she")
    # leave the gender unknown, not up to the order a set happens to iterate in.
    return _majority(votes), _majority(full)


def _majority(votes: dict) -> dict:
    """Each key's gender, where more than half its votes agree."""
    return {name: g for name, v in votes.items() for g in set(v) if 2 * v.count(g) > len(v)}


# Words a headline in Title Case runs into a name: "Biden Warns Of Long Winter".
_NOT_NAME_WORDS = frozenset(
    "of to in on at for from over after amid will would is are was were has have had be can could should must".split()
)


def _person_name(ent: Words) -> Words:
    """A person entity cut before the first verb or function word a headline in Title Case
    ran into it: "Biden Warns Of Long Winter" is "Biden", so that a later "Biden" or
    "President Biden" does not resolve to the headline's words. The first word always stays
    ("Will Hale"). A title the tagger took into the name is left out ("Councillor Pat Moss"
    is "Pat Moss"), and makes a person of a name tagged as a body ("Sociologist Ines Ferreira")."""
    words = _untitled(list(ent))
    start = words[0].i
    if start > ent.start:
        return Words(ent.doc, start, ent.end, label="PERSON")
    if ent.label_ != "PERSON":
        return ent
    for token in ent[1:]:
        lower = token.lower_
        if _speech_form(lower) or lower in _NOT_NAME_WORDS and token.text[:1].isupper():
            return Words(ent.doc, ent.start, token.i, label=ent.label_)
    return ent


def _untitled(tokens: list[Token]) -> list[Token]:
    """A name without the titles the tagger ran into it: "Councillor Pat Moss", "Goalkeeper
    Sam Ode", "Sociologist Ines Ferreira", "Const. Mia Tran" are Pat Moss, Sam Ode, Ines
    Ferreira, Mia Tran. Two capitalised words stay, a first name and a surname ("Dean
    Holt" is a name)."""
    while len(tokens) >= 3 and all(t.text[:1].isupper() for t in tokens[:3]) and _title_word(tokens[0].lower_):
        tokens = tokens[1:]
    return tokens


def _title_word(lower: str) -> bool:
    """A word written before a name to say what the person does: "councillor", "sgt.", "economist"."""
    word = lower.rstrip(".")
    if word == "dean":  # a first name as often as a title
        return False
    return (
        word in ROLE_NOUNS
        or word in TITLE_WORDS
        or word in HONORIFICS
        or word + "." in HONORIFICS
        or len(word) > 5
        and word.endswith("ist")
    )


def _speech_form(word: str) -> bool:
    """Whether ``word`` is an inflected speech verb: "says", "warns", "denies", "urged", "said"."""
    if word in ("said", "told", "wrote", "spoke"):
        return True
    if word.endswith("ies") or word.endswith("ied"):
        return word[:-3] + "y" in SPEECH_VERBS
    if word.endswith("s") or word.endswith("d"):
        return word[:-1] in SPEECH_VERBS or word[:-2] in SPEECH_VERBS
    return False


def _outside_set_in_clause(pronoun: Token) -> int:
    """Where the people a pronoun may mean end: before the clause its cue is set into.
    In "Mayor Ann Hale, he said, had done her best", "he" reports on Hale and is
    someone named before her. (A cue after its clause, "…, he said", is left as it is:
    leaving out that clause's people named the wrong speaker more often than the right
    one, measured on the dev sets.)"""
    verb = pronoun.head
    if pronoun.dep_ == "nsubj" and verb.dep_ == "parataxis" and verb.head.i != verb.i:
        return min(pronoun.idx, verb.head.left_edge.idx)
    return pronoun.idx


def _untagged_person(token: Token) -> bool:
    """A first name and a surname the tagger left untagged as a subject, with his or her
    after it in the sentence: "Ella Ward sued her landlord, Victor Hume": a person a later
    "she" can mean, not only Hume."""
    doc = token.doc
    first = doc[token.i - 1] if token.i else None
    if first is None or first.pos_ != "PROPN" or first.dep_ != "compound" or first.head.i != token.i:
        return False
    if not (first.is_title and token.is_title) or first.ent_type_:
        return False
    for later in doc[token.i + 1 : token.i + _GENDER_REACH]:
        if later.is_sent_start or later.ent_type_ == "PERSON":
            return False
        if later.lower_ in _PRONOUN_GENDER and later.lower_ not in ("him",):
            return True
    return False


def _subject_role(root: Token) -> tuple[bool, bool]:
    """Whether a name is a clause's subject, and whether that clause is the sentence's main one.

    "Kim and Lee said", "The director, Jo Park, said": a conjunct or an apposition
    of a subject is a subject too, and so is one named among it ("Critics, including
    Sen. Ana Reyes, said").
    """
    token = root
    while token.head.i != token.i and (
        token.dep_ in ("conj", "appos")
        or token.dep_ == "pobj"
        and token.head.lower_ in ("including", "like")
        and token.head.head.i != token.head.i
    ):
        token = token.head.head if token.dep_ == "pobj" else token.head
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False, False
    verb = token.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return True, verb.dep_ == "ROOT"


def _titled_person(token: Token) -> bool:
    """A name with an honorific before it ("Dr Holt") or a role noun in apposition
    to it or compounded before it ("the leader, Dana Holt", "opposition leader Dana Holt")."""
    doc = token.doc
    first = token
    while first.i > 0 and doc[first.i - 1].pos_ == "PROPN" and doc[first.i - 1].head.i == token.i:
        first = doc[first.i - 1]
    if first.i > 0 and doc[first.i - 1].lower_ in HONORIFICS:
        return True
    if first.i < token.i and first.lower_ in HONORIFICS:  # "Ms Jones" taken as one name, a body's
        return True
    if token.i - first.i >= 2 and _title_word(first.lower_):  # "Sociologist Ines Ferreira"
        return True
    if token.pos_ != "PROPN":
        return False
    related = [c for c in token.children if c.dep_ in ("appos", "compound") and c.pos_ == "NOUN"]
    if token.dep_ == "appos" and token.head.pos_ == "NOUN":
        related.append(token.head)
    return any(t.lemma_.lower() in ROLE_NOUNS for t in related)


def _role_word(descriptor: Span | None) -> bool:
    """A descriptor naming a post one person holds ("a retired engineer", "the bank's chief")."""
    if descriptor is None:
        return False
    words = [w.strip(",’'").lower() for w in descriptor.text.split()]
    return any(_title_word(w) for w in words)


def _is_indefinite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in token.children)


def _is_definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children)


def _titles_of(ent) -> list[tuple[str, frozenset[str]]]:
    """Common nouns the article uses to describe a person, appositions and titles, each as
    the post it names ("Former Mayor Tom Beck": "former mayor"; see ``_post``) and the words
    qualifying it ("Finance Minister Hans Lie": "finance")."""
    root = ent.root
    nouns = [(c, c.left_edge.i) for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append((root.head, root.head.left_edge.i))
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and doc[i].dep_ == "compound" and doc[i].head.i >= ent.start:
        nouns.append((doc[i], min(root.left_edge.i, i)))
        i -= 1
    return [(_post(noun, lo), _qualified(noun, lo)) for noun, lo in nouns]


def _qualified(noun: Token, lo: int) -> frozenset[str]:
    """The words in ``doc[lo:noun]`` that say which post of its kind a noun names:
    "prime" in "the prime minister", "finance" in "Finance Minister Hans Lie"."""
    return frozenset(
        t.lower_
        for t in noun.doc[lo : noun.i]
        if t.pos_ in ("ADJ", "NOUN", "PROPN") and t.is_alpha and t.lower_ not in OTHER_HOLDER_WORDS
    )


def _post(noun: Token, lo: int) -> str:
    """The post a noun names, with any word in ``doc[lo:noun]`` that makes its holder
    someone else: after "Governor Lena Ortiz", "the former governor" (post "former
    governor") is not her, nor is "the deputy mayor" Mayor Ode; "then-mayor Carl Briggs"
    holds the post "former mayor"."""
    lemma = noun.lemma_.lower()
    for token in reversed(noun.doc[lo : noun.i]):
        other = OTHER_HOLDER_WORDS.get(token.lower_.rstrip("-"))
        if other:
            return f"{other} {lemma}"
    return lemma


def _role(post: str) -> str:
    """The role noun of a post: "mayor" for "former mayor"."""
    return post.rsplit(" ", 1)[-1]


_WORD = re.compile(r"[^\W_]+")  # a run of letters and digits (what str.isalnum() accepts)


def _words(text: str) -> tuple[str, ...]:
    """The lower-case words of a name, without a possessive ending."""
    return tuple(_WORD.findall(strip_possessive(text).lower()))
