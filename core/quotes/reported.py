"""Reported speech: "X said (that) …", "…, said the ministry", "according to X, …".

The content is the clause the speech verb governs, read off the parse; the
speaker is the verb's subject (see ``core.quotes.attribution``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from spacy.tokens import Doc, Token

from core.quotes.attribution import (
    according_to,
    can_speak,
    cue_of,
    is_speech_verb,
    possible_cues,
    puts_it_so,
    speaker_of,
)
from core.quotes.lexicon import (
    ADDRESSEE_VERBS,
    CARRY_ON_VERBS,
    DOCUMENT_NOUNS,
    EVIDENCE_VERBS,
    JUDGEMENT_VERBS,
    NOT_SAID_OBJECT_VERBS,
    QUOTE_ONLY_VERBS,
    RELATIVE_PRONOUNS,
)
from core.quotes.marks import is_title_case, on_headline_line
from core.quotes.scan import tokens_at

# Punctuation that separates a reported clause from its cue, never part of it.
_EDGE = frozenset(",;:.—–-()")
_MIN_WORDS = 2  # words a statement needs to be one
# Words opening a writer's aside after a reported clause: "…, although …".
_ASIDE_OPENERS = frozenset("although though while whereas as even despite".split())
_MIN_AROUND = 3  # words on each side of a mid-sentence "according to X" for both to count
# Marks that set a cue off from the statement around it.
_SET_OFF = frozenset(",”’\"'—–")
# Dependents a parser gives the second noun phrase of "called X a Y".
_SECOND_OBJECT = ("dobj", "npadvmod", "attr", "dep", "appos")
# Openings of a sentence that a cue set into it may carry: "In May, she said, …".
_FRONTED_DEPS = ("advcl", "prep", "advmod", "npadvmod")
# Dependents after a set-off cue that finish the clause it is set into: "…, she said, for the mill".
_FINISHING = ("prep", "dobj", "attr", "acomp", "oprd")
_JOINTS = frozenset("and but or yet according".split())  # not a phrase finishing the clause
# Dependents that carry what was said when there is no "that" clause.
_CONTENT_DEPS = ("xcomp", "oprd")
# A preposition whose object is a statement's content: "called for a ban" (a demand),
# "described the plan as a fraud" (the plan is a fraud). "asked for the bill",
# "warned of a storm" or "talked about the past" name a topic, not a statement.
_CONTENT_PREPS = {
    "call": ("for", "as"),
    "describe": ("as",),
    "blast": ("as",),
    "praise": ("as",),
}


@dataclass(frozen=True, slots=True)
class Reported:
    start: int
    end: int
    cue: tuple[int, int]
    speaker: Token


def reported_statements(doc: Doc, text: str, quoted: Callable[[int], bool]) -> list[Reported]:
    """Every reported statement whose cue is not itself inside a quotation (``text``: the doc's)."""
    found: list[Reported] = []
    for token in tokens_at(doc, possible_cues(doc)):
        if quoted(token.idx) or _in_a_title(token):
            continue
        source = according_to(token)
        if source is not None:
            statement = _according_statement(token, source)
        elif is_speech_verb(token) or puts_it_so(token) and _as_aside(token):
            statement = _verb_statement(token, text)
        else:
            continue
        if statement is not None:
            found.append(statement)
    return found


def _future(verb: Token | None) -> bool:
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.children)


def _cue_above(participle: Token) -> Token | None:
    """The speech verb a participle hangs from, directly or through what that verb reports."""
    for head in list(participle.ancestors)[:3]:
        if is_speech_verb(head):
            return head
    return None


def _in_a_title(token: Token) -> bool:
    """ "whose memoir Tell Them I Tried sold widely": a cue written with a capital
    inside a sentence of running text is a word of a title or a name, not a verb of the
    sentence. In a headline written in title case ("Mayor Says Budget Is Safe") it is the verb."""
    if token.is_sent_start or not token.text[:1].isupper() or token.text.isupper():
        return False
    before = token.doc[token.i - 1]
    if before.is_punct or before.is_quote or "\n" in before.whitespace_:
        return False
    return not is_title_case(token.sent.text)


def _verb_statement(verb: Token, text: str) -> Reported | None:
    if verb.lemma_.lower() in QUOTE_ONLY_VERBS or _unrealised(verb):
        return None
    speaker = speaker_of(verb)
    if speaker is None:
        return None
    if _unowned_documents(speaker):
        return None
    if verb.lemma_.lower() in EVIDENCE_VERBS and not can_speak(speaker):
        return None  # "figures from the port indicate …": evidence, not a statement
    if _future(verb) or verb.tag_ == "VBG" and _future(_cue_above(verb)):
        # "the party will argue that …", "unions will claim it is too low, urging …": not said yet.
        return None
    if _asks_anonymity(verb):
        return None
    if verb.lemma_.lower() == "deny" and sum(c.dep_ in ("dative", "dobj") for c in verb.children) >= 2:
        return None  # "denied the club a licence": two objects, so withheld, not said
    words = _content(verb)
    if not words:
        return None
    words = _trim(_without_trailing_gloss(_without_trailing_aside(_before_another_cue(words, speaker))))
    if speaker.i in {t.i for t in words} or _word_count(words) < _MIN_WORDS or _elliptical(words):
        return None
    if words[0].idx < verb.idx and "\n" in text[words[0].idx : verb.idx]:
        # A cue reports nothing from a paragraph above it: that line is a heading or another's.
        return None
    if any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
        # "The tax was announced", "he was asked what …": the subject of a passive
        # speech verb is what was said or who was spoken to, not who spoke.
        return None
    if words[0].lower_ in _QUESTION_WORDS and not _asks_aloud(verb):
        # "recalled how it began", "wondered whether …": a story or a thought, no statement.
        return None
    if any(c.dep_ == "neg" for c in verb.children) or on_headline_line(text, verb.idx):
        # "would not say where", "did not respond": nothing was said. A headline
        # ("Mayor says budget is safe") announces a story; the story says who said it.
        return None
    return _make(words, cue_of(verb), speaker)


_NAMING = frozenset("name identify quote".split())  # "asked not to be named"


def _asks_anonymity(verb: Token) -> bool:
    """ "a nurse, who asked not to be named", "asked to remain anonymous": the writer
    tells why a source goes unnamed; the request is no statement of the source's."""
    if verb.lemma_.lower() not in ("ask", "request"):
        return False
    for c in verb.children:
        if c.dep_ != "xcomp":
            continue
        if c.lemma_.lower() in _NAMING and any(d.dep_ == "auxpass" for d in c.children):
            return True
        if c.lemma_.lower() == "remain" and any(d.lower_ in ("anonymous", "unnamed") for d in c.children):
            return True
    return False


def _elliptical(words: list[Token]) -> bool:
    """ "costs more than the council says it does", "as they said they would": a clause cut
    to its subject and an auxiliary stands for a predicate said elsewhere, so it states
    nothing of its own."""
    inside = {t.i for t in words}
    heads = [t for t in words if t.head.i not in inside or t.head.i == t.i]
    return (
        len(heads) == 1
        and (heads[0].pos_ == "AUX" or heads[0].lemma_ in _PRO_VERBS)
        and all(c.dep_ in _BARE_CLAUSE for c in heads[0].children)
    )


_PRO_VERBS = frozenset(("do", "be", "have"))
# Not "neg": "she said it would not" denies what went before, and so states something.
_BARE_CLAUSE = frozenset(("nsubj", "nsubjpass", "expl", "aux", "auxpass", "mark", "punct"))
_SPEAKER_PRONOUNS = frozenset("he she they we i".split())
_REASON_MARKS = frozenset(("because", "since"))
_TIME_MARKS = frozenset("before after until till once whenever".split())
_FUTURE = frozenset(("will", "'ll", "’ll", "shall"))
_QUESTION_WORDS = frozenset("what why how where when which who whom whose whether if".split())
_WHEN_OR_WHERE = frozenset("in on during after before at".split())  # "as she said in May", "at a hearing"
_QUESTION_VERBS = frozenset("describe recall recount wonder".split())
_ASKING_VERBS = frozenset(("ask", "question"))


def _asks_aloud(verb: Token) -> bool:
    """An embedded question put by a speaker of its own ("She asked whether the plant
    would close") is a reported speech act; "describe", "recall" and "wonder" with a
    wh-clause tell a story or a thought, and one asked ("Asked what …, he said", "When
    asked how …") is the subject of the clause the participle hangs from, answering."""
    lemma = verb.lemma_.lower()
    if lemma in JUDGEMENT_VERBS:  # one judges a thing, not a question: "criticised what she called …"
        return False
    if lemma not in _ASKING_VERBS:
        return lemma not in _QUESTION_VERBS
    return verb.tag_ != "VBN" and any(c.dep_ == "nsubj" for c in verb.children)


def _without_trailing_aside(words: list[Token]) -> list[Token]:
    """Drop a closing ", although …" or ", citing …": the writer's aside, not the statement.

    A participle that is a cue of its own ("citing", "adding", "blaming") starts another
    statement or the writer's gloss; any other ("…, leaving dozens without power",
    "…, allowing the city to hire nurses") goes on telling what was reported.
    """
    inside = {t.i for t in words}
    for k in range(len(words) - 1, 0, -1):
        if words[k - 1].text != ",":
            continue
        opener = words[k]
        clause = opener.head if opener.dep_ == "mark" else opener
        reaches_end = clause.right_edge.i >= words[-1].i - 1
        aside = opener.lower_ in _ASIDE_OPENERS or opener.tag_ == "VBG" and _is_cue_word(opener)
        if clause.dep_ == "advcl" and clause.i in inside and reaches_end and aside:
            return words[: k - 1]
    return words


def _without_trailing_gloss(words: list[Token]) -> list[Token]:
    """Drop the writer's gloss on the last name of a statement: ", the country's largest
    bank" after a name, "— a problem made worse by …" after a dash. Not a list ("shot
    his neighbour, her son and her mother"), nor a relative clause, which may well be
    the speaker's ("said the plan tied the city to a loan, which would ruin it")."""
    inside = {t.i for t in words}
    last = max((t.i for t in words if not t.is_punct), default=-1)
    cuts = [t.left_edge.i - 1 for t in words if t.right_edge.i >= last and _glosses(t, inside)]
    return [t for t in words if t.i < min(cuts)] if cuts else words


def _glosses(token: Token, inside: set[int]) -> bool:
    """An apposition describing a name in the statement, or a noun after a dash."""
    noun = token.head
    before = token.left_edge.i - 1
    if noun.i not in inside or before not in inside or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    mark = token.doc[before].text
    # A description, not a name ("Dayton, Ohio") nor a list.
    if token.dep_ != "appos" or token.pos_ not in ("NOUN", "ADJ") or _lists(token):
        return False
    return mark in ("—", "–") or mark == "," and noun.pos_ == "PROPN"


def _lists(token: Token) -> bool:
    """ "her two sons and her mother": the apposition is joined to a noun phrase of its own,
    so the names are listed. "a former judge and ambassador" (one determiner for both) is
    one description, and so is "the alliance between X and Y", whose "and" is inside it."""
    return any(
        c.dep_ == "conj"
        and (c.pos_ in ("PRON", "PROPN") or any(d.dep_ in ("det", "poss", "nummod") for d in c.children))
        for c in token.children
    )


def _is_cue_word(token: Token) -> bool:
    return is_speech_verb(token) or token.lemma_.lower() in JUDGEMENT_VERBS


def _before_another_cue(words: list[Token], speaker: Token) -> list[Token]:
    """ "…that Ann had resigned and said she would sue": a speech verb joined on in the
    content starts a statement of its own, so this one ends before it. One that reports
    nothing ("said fees rose and added costs") goes on with what was said, unless the
    clause it joins is about the speaker ("she said she would stay and urged calm"): then
    it is the speaker's next act, told by the writer."""
    inside = {t.i for t in words}
    for token in words:
        if (
            token.dep_ == "conj"
            and token.head.i in inside
            and is_speech_verb(token)
            and token.i > words[0].i
            and (_reports_something(token) or _speakers_own(token, speaker))
        ):
            first = min(t.i for t in token.subtree)
            cc = [c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i]
            first = min([first, *[i for i in cc if i > token.head.i]])
            return [t for t in words if t.i < first]
        if _closing_relative_cue(token, words):
            return [t for t in words if t.i < token.left_edge.i]
    return words


def _closing_relative_cue(token: Token, words: list[Token]) -> bool:
    """ "said it was appalled by the report, which it called “deeply misleading”": a relative
    clause set off by a comma that ends the statement on a speech verb with a subject of its
    own, and the relative pronoun its object, is a second statement, told by the writer, not
    part of the first. Not "the money he says he raised": a clause that tells which money
    is part of what was said."""
    if token.dep_ != "relcl" or not _is_cue_word(token) or token.i <= words[0].i:
        return False
    opener = token.left_edge
    if opener.lower_ not in RELATIVE_PRONOUNS or opener.i == 0 or opener.doc[opener.i - 1].text != ",":
        return False
    if opener.head.i != token.i:
        return False  # "the video, which she said had been shared …": she vouches for the clause, which stays
    subject = _subject_of(token)
    last = max(t.i for t in words if not t.is_punct)
    return subject is not None and subject.lower_ not in RELATIVE_PRONOUNS and token.right_edge.i >= last


def _reports_something(verb: Token) -> bool:
    """A clause, an infinitive or quoted words after the verb: what it reports."""
    return any(c.dep_ in ("ccomp", "xcomp") for c in verb.children) or any(
        t.is_quote for t in verb.subtree if t.i > verb.i
    )


def _speakers_own(verb: Token, speaker: Token) -> bool:
    """A verb with no subject of its own, joined to a clause whose subject is a pronoun that
    agrees with the speaker: "Ruiz said he would run and thanked …" (he is Ruiz), not
    "They said he lied and boasted of …" (he is not they)."""
    if _subject_of(verb) is not None:
        return False
    first = verb
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    subject = _subject_of(first)
    return subject is not None and _agrees(subject, speaker)


_PLURAL_PRONOUNS = frozenset(("they", "we"))


def _agrees(pronoun: Token, speaker: Token) -> bool:
    word = pronoun.lower_
    if speaker.lower_ in _SPEAKER_PRONOUNS:
        return word == speaker.lower_
    if word not in _SPEAKER_PRONOUNS | {"it"}:
        return False
    plural = speaker.tag_ in ("NNS", "NNPS")
    return (word in _PLURAL_PRONOUNS) == plural and (word != "it" or speaker.ent_type_ != "PERSON")


def _set_off(verb: Token) -> bool:
    """A cue set off by commas or quote marks from the statement around it."""
    fronted = {t.i for c in _fronted(verb) for t in c.subtree}
    first = min(t.i for t in verb.subtree if not t.is_punct and t.i not in fronted)
    return first > 0 and verb.doc[first - 1].text in _SET_OFF


def _fronted(verb: Token) -> list[Token]:
    """What opens the sentence before a cue set into it, when the parser hung it off the cue:
    "When the mill closed, he said, half the town left" — the opening is part of what he said,
    as is an infinitive of purpose. Not a clause without a subject ("When asked about it, she
    said, …"): that tells what happened to the speaker."""
    subjects = [c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")]
    doc = verb.doc
    if not subjects or verb.i + 2 >= len(doc) or doc[verb.i + 1].text != "," or doc[verb.i + 2].is_quote:
        return []  # "As the rain began, she said, “…”": the quotation is what she said
    first = subjects[0].left_edge.i
    if first == 0 or verb.doc[first - 1].text != ",":
        return []
    return [
        c
        for c in verb.lefts
        if c.i < first
        and c.dep_ in _FRONTED_DEPS
        and (c.dep_ != "advcl" or any(d.dep_ in ("nsubj", "nsubjpass", "expl") for d in c.children) or _purpose(c))
    ]


def _purpose(clause: Token) -> bool:
    """ "To see the port, she said, one should …": an infinitive of purpose opens the statement."""
    return clause.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" and c.i < clause.i for c in clause.children)


def _unrealised(verb: Token) -> bool:
    """Forms of a speech verb that report nothing said by its subject.

    An infinitive ("a way to report profits", "refused to say"), a command ("Now tell
    us the truth", "ask yourself whether …"), a bare past participle ("Asked whether he
    would resign, Smith said": Smith was asked), and what goes "without saying" or is left
    "instead of saying" or "short of saying".
    """
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp":
        # "goes without saying", "instead of saying", "stopped short of calling": nothing was said
        prep = verb.head
        before = {prep.head.lower_, *(c.lower_ for c in prep.children)}
        return prep.lower_ == "without" or prep.lower_ == "of" and bool(before & {"instead", "short"})
    if verb.tag_ == "VB":
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if not any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in verb.children) and verb.dep_ in ("ROOT", "conj"):
            return verb.dep_ == "ROOT" or _unrealised(verb.head)  # a command: nobody has said it yet
        # "They go on to say", "continued to insist": the infinitive was said.
        return infinitive and verb.head.lemma_.lower() not in CARRY_ON_VERBS
    if verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl"):
        return not any(c.dep_ in ("aux", "auxpass", "agent") for c in verb.children)
    return False


def _content(verb: Token) -> list[Token]:
    """What the verb reports: its clause, or failing that its object and what follows it."""
    # "said before he died": a clause of time tells when, whatever the parser calls it.
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and not _of_time(c)]
    misread = None if clauses else _misread_clause(verb) or _clause_taken_by_the_next_cue(verb)
    if misread:
        clauses = [misread]
    # A clause after the cue is what it reports; one before may be a quotation's, unless the
    # cue has an object of its own after it ("While X agreed …, she noted the cost").
    after = next((c for c in clauses if c.i > verb.i), None)
    # Not one spoken to, nor a pronoun for the words: "…, Olsen told the paper", "…, she calls it".
    objects_after = any(
        c.dep_ == "dobj" and c.i > verb.i and c.pos_ != "PRON" and verb.lemma_.lower() not in NOT_SAID_OBJECT_VERBS
        for c in verb.children
    )
    complement = after or (clauses[0] if clauses and not objects_after else None)
    if complement is not None:
        # Only the side of the cue the clause is on: the parse may hang more off the clause.
        if complement.i > verb.i:
            # "said the plan failed, because …": the reason given goes with the statement,
            # though the parser hangs it off the cue.
            reasons = [c for c in verb.rights if c.i > complement.i and c.dep_ == "advcl" and _gives_reason(c)]
            complement_end = complement.right_edge.i
            more = [
                c
                for c in verb.rights
                if c.i > complement_end
                and (_continues_statement(c) or _left_hanging(complement, c) or _next_in_series(complement, c))
            ]
            fronted = [t for c in _fronted(verb) for t in c.subtree]
            # "said after the vote he would stay": when it was said is not what was said.
            first = _subject_of(misread).left_edge.i - 1 if misread else verb.i
            # "told analysts on a call that …", "wrote late on Sunday that …": who was told, and
            # when or where, are not what was said, even where the parse hangs them on the clause.
            first = next((c.i - 1 for c in complement.children if c.dep_ == "mark" and c.lower_ == "that"), first)
            return fronted + [t for c in (complement, *reasons, *more) for t in c.subtree if t.i > first]
        return [t for t in complement.subtree if t.i < verb.i]
    if verb.dep_ in ("parataxis", "ccomp") and _set_off(verb) or _as_aside(verb):
        # "The economy is strong, the minister said", "The economy, she said, is strong" or
        # "The economy, as she pointed out, is strong": the statement is the clause the cue
        # is set into.
        own = {t.i for t in verb.subtree} - {t.i for c in _fronted(verb) for t in c.subtree}
        # The parser may hang the cue on the subject ("The change, she said, is …"): the
        # statement is the clause that subject belongs to.
        clause = verb.head
        if clause.dep_ in ("aux", "auxpass"):
            clause = clause.head  # "The workers, she said, were paid": hung on the auxiliary
        if clause.dep_ in ("nsubj", "nsubjpass") and clause.head.i > verb.i:
            between = verb.doc[verb.i + 1 : clause.head.i]
            # Not across "and" or "but": "X and Y hid, he said, but one man ran" is two clauses.
            clause = clause if any(t.dep_ == "cc" for t in between) else clause.head
        # Set into its clause ("The tunnel, Olsen said, is safe"), the cue has the statement on
        # both sides; after a clause already whole ("The tunnel is safe, Olsen said, and …"),
        # what follows it is added by the writer; the reason the speaker gives stays
        # ("…, she said, because …"), and so does a phrase that finishes the clause without a
        # clause of its own ("She found a buyer, she said, for the mill").
        after = clause.i > verb.i
        kept = {
            t.i
            for c in clause.rights
            if c.i > verb.i and (_gives_reason(c) or c.dep_ in _FINISHING) and not _after_a_joint(c)
            for t in c.subtree
        }
        return [t for t in clause.subtree if t.i not in own and (after or t.i < verb.i or t.i in kept)]
    lemma = verb.lemma_.lower()
    if lemma in ADDRESSEE_VERBS:
        told = _told_that(verb)
        if told is not None:
            return told
    parts = [
        c
        for c in verb.rights
        if c.dep_ in _CONTENT_DEPS
        or (c.dep_ == "dobj" and lemma not in NOT_SAID_OBJECT_VERBS and c.pos_ != "PRON")
        or (c.dep_ == "dative" and any(d.dep_ == "xcomp" for d in verb.children))
        or (c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS.get(lemma, ()))
    ]
    if any(c.dep_ in _CONTENT_DEPS for c in parts) or _named_as(verb):
        # "called the mayor a liar": the object belongs to what was said; so does the one
        # urged to act ("urged the council to …", "called on the board to …"): the
        # infinitive says what they should do. Not when the infinitive is quoted words
        # ("urged the council “to act now”"): the quotation is what was said.
        infinitive = min((c.i for c in parts if c.dep_ == "xcomp" and not _opens_quoted(c)), default=-1)
        parts += [
            c
            for c in verb.rights
            if c not in parts and (c.dep_ == "dobj" and lemma not in ADDRESSEE_VERBS or _urged(c, infinitive))
        ]
    elif not any(c.dep_ == "prep" for c in parts):
        # A noun object alone is what the verb acts on, not a statement:
        # "posted photos", "announced the results", "denied the charges".
        return []
    if not parts:
        return []
    first = min(c.left_edge.i for c in parts)
    last = max(c.right_edge.i for c in parts)
    opener = verb.doc[first]
    if opener.dep_ == "prep" and opener.head.i == verb.i and opener.lower_ != "as":
        first += 1  # "called for a ban": what was called for is the ban
    return list(verb.doc[first : last + 1])


def _urged(phrase: Token, infinitive: int) -> bool:
    """The one urged, told or called on, before the infinitive that says what they should do."""
    if phrase.i >= infinitive:
        return False
    return phrase.dep_ == "dobj" or phrase.dep_ == "prep" and phrase.lower_ == "on" and phrase.head.lemma_ == "call"


def _opens_quoted(phrase: Token) -> bool:
    """An infinitive that begins with a quotation mark: quoted words, a direct quote of their own."""
    first = phrase.left_edge
    before = first.doc[first.i - 1] if first.i else first
    return first.is_quote or before.is_quote and before.whitespace_ == ""


def _as_aside(verb: Token) -> bool:
    """ "The port, as one engineer pointed out, is too small" or "…, as the memo put it":
    a cue in an "as" clause set off by commas vouches for the clause it is set into.
    Not "as she said goodbye", "as they yelled at the referee" nor "as she called for a
    vote": an "as" clause whose verb has an object tells when, not who said so."""
    if verb.dep_ != "advcl" or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i), None)
    if mark is None or mark.i > 0 and verb.doc[mark.i - 1].text not in _SET_OFF and mark.i != verb.sent.start:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "xcomp", "dative") and not puts_it_so(verb)]
    topics = [c for c in verb.children if c.dep_ == "prep" and c.lower_ not in _WHEN_OR_WHERE]
    if objects or topics:
        return False
    # "as the magazine put it, “the fixer”": the quotation is what was put so, not the clause.
    last = max(t.i for t in verb.subtree if not t.is_punct)
    quoted_next = last + 2 < len(verb.doc) and verb.doc[last + 1].text == "," and verb.doc[last + 2].is_quote
    return not quoted_next and not any(t.is_quote for t in verb.subtree)


def _told_that(verb: Token) -> list[Token] | None:
    """ "told a meeting of farmers that prices would rise", "told analysts on a conference call
    that demand held up": the parser may read the "that" clause as describing the ones told,
    or where they were told; a "that" that marks it still makes it what was said."""
    for obj in (c for c in verb.rights if c.dep_ in ("dobj", "prep")):
        for clause in obj.subtree:
            if clause.dep_ != "relcl" or clause.head.i < obj.i:
                continue
            that = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
            if that is not None and that.i == clause.left_edge.i:
                return [t for t in clause.subtree]
    return None


def _misread_clause(verb: Token) -> Token | None:
    """ "said after the vote he would stay": a clause with its own subject and no conjunction
    straight after the cue, which the parser took for a clause of time or manner."""
    for c in verb.rights:
        if c.dep_ != "advcl" or any(d.dep_ == "mark" or d.tag_ in ("WRB", "WDT", "WP") for d in c.children):
            continue  # "said nothing when she left": a clause of time, as the parser says
        subject = _subject_of(c)
        between = verb.doc[verb.i + 1 : c.left_edge.i]
        if subject is not None and c.tag_ != "VBG" and not any(t.is_punct for t in between):
            return c
    return None


def _after_a_joint(phrase: Token) -> bool:
    """Whether a phrase after a cue follows "and", "but" or a full stop, or is another
    "according to": the writer's again."""
    if phrase.lower_ in _JOINTS:
        return True  # "…, he said, but one man ran": the parser may take "but" for a preposition
    before = phrase.doc[phrase.left_edge.i - 1] if phrase.left_edge.i else None
    return before is not None and (before.dep_ == "cc" or before.text in (".", ";"))


def _clause_taken_by_the_next_cue(verb: Token) -> Token | None:
    """ "While she admitted costs were high, Holm noted that …": the parser may give the clause
    right after the first cue to the main verb, which already has a statement after it, or
    hang the first cue inside that clause."""
    if verb.dep_ != "advcl" or any(c.dep_ in ("dobj", "xcomp") for c in verb.children):
        return None
    candidates = [verb.head, *(c for c in verb.head.lefts if c.dep_ == "ccomp")]
    for clause in candidates:
        subject = _subject_of(clause)
        main = clause.head
        if clause.dep_ != "ccomp" or subject is None or subject.left_edge.i != verb.i + 1:
            continue
        if any(d.dep_ in ("ccomp", "dobj") and d.i > main.i for d in main.children) and main.i > clause.i:
            return clause
    return None


def _of_time(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in clause.children)


def _subject_of(clause: Token) -> Token | None:
    return next((d for d in clause.children if d.dep_ in ("nsubj", "nsubjpass") and d.i < clause.i), None)


def _continues_statement(clause: Token) -> bool:
    """ "said the bridge would reopen, but the tunnel would stay shut": a clause with a
    subject of its own that the parser joined to the cue goes on with what was said;
    one without ("said …, but declined to give a date") is the speaker's next act."""
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return (
        clause.dep_ == "conj"
        and clause.pos_ in ("VERB", "AUX")
        and not is_speech_verb(clause)
        and bool(subjects)
        # "said …, but he declined to …": the speaker's next act, told by the writer.
        and not any(s.lower_ in _SPEAKER_PRONOUNS for s in subjects)
    )


def _next_in_series(complement: Token, clause: Token) -> bool:
    """ "said one man chained himself to the gate, two sat on the road, and …": clauses
    with subjects of their own, listed after the first, that the parser made clauses said
    side by side with it."""
    doc = complement.doc
    between = doc[complement.right_edge.i + 1 : clause.left_edge.i]
    return (
        clause.dep_ == "ccomp"
        and _subject_of(clause) is not None
        and not is_speech_verb(clause)
        and not _of_time(clause)
        and all(t.is_punct or t.dep_ == "cc" for t in between)
    )


def _left_hanging(complement: Token, clause: Token) -> bool:
    """ "told police he braked, then lost control": the statement ends on a word that joins
    it to more ("then", "and"), and the parser hung what it joins off the cue."""
    last = complement.right_edge
    while last.is_punct and last.i > complement.i:
        last = last.doc[last.i - 1]
    joins = last.dep_ == "cc" or last.lower_ == "then"
    return joins and clause.dep_ == "conj" and clause.left_edge.i <= last.i + 2 and not is_speech_verb(clause)


def _gives_reason(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _REASON_MARKS for c in clause.children)


def _unowned_documents(noun: Token) -> bool:
    """ "Reports say", "a study found", "city documents show": papers nobody is named as
    issuing are evidence the writer cites, not someone's statement. Not "a police
    statement said": a single paper with its issuer before it."""
    if noun.lemma_.lower() not in DOCUMENT_NOUNS and noun.lemma_.lower() not in ("record", "figure", "datum"):
        return False
    if any(c.dep_ in ("poss", "prep", "acl", "relcl") or c.ent_type_ for c in noun.children):
        return False
    if noun.tag_ == "NN" and any(c.dep_ == "compound" and can_speak(c) for c in noun.children):
        return False  # "a police statement said": one paper, and its issuer named
    determiners = [c.lower_ for c in noun.children if c.dep_ == "det"]
    return noun.tag_ == "NNS" and not determiners or determiners in (["a"], ["an"])


def _named_as(verb: Token) -> bool:
    """ "called the mayor a coward": an object and then a name for it, however the parser hung it.
    Not "called her agent Friday": a day or an hour after the object says when the call was."""
    objects = [c for c in verb.rights if c.dep_ == "dobj"]
    return (
        bool(objects)
        and any(
            c.i > objects[0].i and c.dep_ in _SECOND_OBJECT and c.ent_type_ not in ("DATE", "TIME") for c in verb.rights
        )
        or any(c.dep_ == "appos" for obj in objects for c in obj.children)
    )


def _according_statement(according: Token, source: Token) -> Reported | None:
    """The rest of the sentence around "according to X"."""
    phrase = {t.i for t in according.subtree} | {according.i, according.i + 1}
    phrase |= {t.i for t in source.subtree}
    sentence = according.sent
    comma = next((t.i for t in sentence if t.i > source.i and t.text == ","), None)
    said = [t for t in sentence if t.i < min(phrase) or t.i > max(phrase)]
    if comma is not None and _word_count(said) < _MIN_WORDS:
        # "According to host Dan Pike, the plan reeks of …": the parser took the clause after
        # the comma into the source's name and left nothing said; a name ends at the comma.
        phrase = {i for i in phrase if i < comma}
    before = _trim([t for t in sentence if t.i < min(phrase)])
    after = _trim([t for t in sentence if t.i > max(phrase)])
    if min(_word_count(before), _word_count(after)) >= _MIN_AROUND or _one_clause(before, after):
        words = before + after  # "X, according to Y, and Z": the whole sentence is Y's
    else:
        words = after if _word_count(after) >= _word_count(before) else before
    if _word_count(words) < _MIN_WORDS:
        return None
    cue_end = according.i + 2 if according.i + 1 < len(according.doc) else according.i + 1
    doc = according.doc
    cue = (according.idx, doc[cue_end - 1].idx + len(doc[cue_end - 1].text))
    return _make(words, cue, source)


def _one_clause(before: list[Token], after: list[Token]) -> bool:
    """ "The suspect, according to police, fled on foot", "He fled, according to police, and
    hid": a source set into one clause, or between two joined ones, vouches for all of it,
    however short either side is."""
    first, then = {t.i for t in before}, {t.i for t in after}
    return any(t.head.i in first for t in after) or any(t.head.i in then for t in before)


def _trim(words: list[Token]) -> list[Token]:
    words = sorted(words, key=_position)
    while words and (words[0].text in _EDGE or words[0].is_space):
        words = words[1:]
    # "said the workers were unpaid and warned …": a statement never ends on its joint;
    # it keeps a closing bracket it opened ("… Rep. Jo Park (D-Va.)").
    while words and (words[-1].text in _EDGE or words[-1].is_space or words[-1].dep_ == "cc"):
        if words[-1].text == ")" and any(t.text == "(" for t in words):
            break
        words = words[:-1]
    return words


_position = attrgetter("i")


def _word_count(words: list[Token]) -> int:
    return sum(1 for t in words if not t.is_punct and not t.is_space)


def _make(words: list[Token], cue: tuple[int, int], speaker: Token) -> Reported | None:
    """The statement, kept to the paragraph of its cue: a parse can run a headline into the text."""
    runs: list[list[Token]] = [[]]
    for token in words:
        if "\n" in token.text or "\n" in token.whitespace_:
            runs[-1].append(token)
            runs.append([])
        else:
            runs[-1].append(token)
    words = _trim(min(runs, key=lambda run: _distance(run, cue)))
    if _word_count(words) < _MIN_WORDS:
        return None
    last = words[-1]
    return Reported(words[0].idx, last.idx + len(last.text), cue, speaker)


def _distance(run: list[Token], cue: tuple[int, int]) -> int:
    if not run:
        return 1 << 30
    start, end = run[0].idx, run[-1].idx + len(run[-1].text)
    return max(0, start - cue[1], cue[0] - end)
