"""Finding the reporting verb of a statement and the word that names who made it.

These rules read spaCy's dependency parse: the cue is a speech verb, the
speaker is its subject, found through inversions ("said Smith"), passives
("was reported by X"), participles ("…, adding that") and relative clauses
("Smith, who said").
"""

from __future__ import annotations

import numpy
from spacy.tokens import Doc, Token

from core.names import SPEAKER_LABELS
from core.quotes.lexicon import (
    ANONYMOUS_NOUNS,
    DOCUMENT_NOUNS,
    GROUP_PRONOUNS,
    INDEFINITE_PRONOUNS,
    ORGANISATION_NOUNS,
    PERSONAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
    SPEECH_VERBS,
)
from core.quotes.scan import ValueTest, is_one_of

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Dependents that hold the speaker when the parser misreads "said Smith".
_INVERTED = ("nsubj", "dobj", "attr", "npadvmod", "appos", "dep", "oprd")
_NOMINAL = ("NOUN", "PROPN", "PRON")
_SUBJECT_POS = _NOMINAL + ("NUM", "DET", "ADJ")  # "some said", "many argued", "two said"
# Dependencies of a name right before a speech verb that the parser failed to make its subject.
_MISATTACHED = ("compound", "pobj", "npadvmod", "dep")
_FINITE = ("VBD", "VBZ", "VBP")
_AGENT_ENDINGS = ("er", "or", "ist", "ian")
_QUOTING = ("quote", "cite")  # "quoted X as saying": X spoke


def is_speech_verb(token: Token) -> bool:
    """A verb that reports speech or writing ("said", "warned", "tweeted", "pointed out")."""
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and lemma in SPEECH_VERBS:
        # "But Trump claims that …": a verb the tagger read as a plural noun still has a
        # subject and a clause of its own.
        return {c.dep_ for c in token.children} >= {"nsubj", "ccomp"}
    if token.pos_ != "VERB":
        return False
    return (
        lemma in SPEECH_VERBS or lemma == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    )


def possible_cues(doc: Doc) -> numpy.ndarray:
    """The words that can pass ``is_speech_verb``, ``puts_it_so`` or ``according_to``, by
    what each of them checks first, so that the reported pass runs them on these alone."""
    return _CUE_LEMMAS.mask(doc) | is_one_of(doc, "LOWER", ("according",))


def _cue_lemma(lemma: str) -> bool:
    lemma = lemma.lower()
    return lemma in SPEECH_VERBS or lemma in ("point", "put")


_CUE_LEMMAS = ValueTest("LEMMA", _cue_lemma)


def cue_of(verb: Token) -> tuple[int, int]:
    """The verb with its auxiliaries and particles: "has said", "pointed out"."""
    parts = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass", "prt", "neg") and abs(c.i - verb.i) <= 3]
    first = min(parts, key=lambda t: t.i)
    last = max(parts, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def words_it(verb: Token) -> bool:
    """ "put it", "summed it up": the idiom says its subject worded what is said."""
    return verb.lemma_.lower() in ("put", "sum") and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)


def puts_it_so(verb: Token) -> bool:
    """ "as the memo put it": the idiom names who worded what the sentence says."""
    return verb.dep_ == "advcl" and words_it(verb) and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def can_speak(token: Token) -> bool:
    """A person, a body, or a document: something whose words can be quoted."""
    lower, lemma = token.lower_, token.lemma_.lower()
    if lower in INDEFINITE_PRONOUNS:  # "some suggested", "many argued"
        return True
    if token.pos_ == "PRON":
        return lower in PERSONAL_PRONOUNS or lower in GROUP_PRONOUNS or lower in RELATIVE_PRONOUNS
    if token.ent_type_ in SPEAKER_LABELS or token.pos_ == "PROPN":
        return True
    if token.pos_ == "NOUN" and lemma.endswith(_AGENT_ENDINGS):
        return True  # "the callers", "protesters", "the operator", "economists": people by what they do
    return bool({lower, lemma} & (ANONYMOUS_NOUNS | ORGANISATION_NOUNS | DOCUMENT_NOUNS | ROLE_NOUNS))


def according_to(token: Token) -> Token | None:
    """The source named by "according to X", when ``token`` is that "according"."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for obj in nxt.children:
            if obj.dep_ == "pobj":
                return obj
    return None


def speaker_of(verb: Token, depth: int = 0) -> Token | None:
    """The head word of whoever the verb says spoke, or None if the sentence names nobody."""
    if depth > 4:
        return None
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    for child in verb.children:
        if child.dep_ in _SUBJECTS and child.pos_ in _SUBJECT_POS and _is_word(child):
            return child
    outer = _reporting_verb(verb)
    if outer is not None:
        return speaker_of(outer, depth + 1)
    if verb.dep_ == "xcomp":
        # "urged Smith to say": the one urged speaks; "promised to say": the one promising.
        listener = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if listener is not None and listener.i < verb.i:
            return listener
    if verb.dep_ == "pcomp" and (verb.head.dep_ == "prep" or verb.head.dep_ == "conj" and verb.head.pos_ == "ADP"):
        # "was quoted as saying" speaks for the subject; "criticised Smith for saying", for Smith;
        # "aside from saying" and "apart from saying", for the subject of the verb they go with,
        # and so does a preposition the parser joins on ("known for X and for saying").
        governor = verb.head.head
        if governor.dep_ == "advmod" and governor.pos_ == "ADV":
            governor = governor.head
        blamed = next((c for c in governor.children if c.dep_ == "dobj"), None)
        # Not what the verb acts on: "drew attention for saying" speaks for the subject.
        if verb.head.lower_ == "for" and blamed is not None and is_speech_verb(verb) and can_speak(blamed):
            return blamed
        if verb.head.lower_ == "as" and governor.lemma_.lower() in _QUOTING and blamed is not None:
            return blamed  # "The paper quoted an unnamed official as saying": the official
        return speaker_of(governor, depth + 1)
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        found = speaker_of(verb.head, depth + 1)
        clause = verb.head
        if found is not None and verb.dep_ == "advcl" and clause.dep_ == "ccomp" and not can_speak(found):
            # "Landlords objected that the rule was unfair, urging …": a rule urges no one;
            # whoever the clause is reported by does.
            return speaker_of(clause.head, depth + 1) or found
        return found
    if verb.dep_ == "relcl" and verb.head.pos_ in _NOMINAL:
        return verb.head
    before = verb.doc[verb.i - 1] if verb.i else None
    if before is not None and verb.tag_ in _FINITE and before.pos_ in ("PROPN", "PRON") and before.dep_ in _MISATTACHED:
        # "the chair of the Herald board Smith said": a name the parser took into the phrase before.
        # Only before a finite verb: "a statement on Sunday dismissing" has no subject there.
        return before
    if _inverted(verb):
        for child in verb.rights:
            if child.dep_ in _INVERTED and child.pos_ in _NOMINAL:
                return child
        # The parser sometimes leaves the subject of "…,” said the ministry" unattached.
        for token in verb.doc[verb.i + 1 : verb.i + 4]:
            if token.is_punct or token.pos_ in ("ADP", "VERB", "AUX"):
                break
            if token.pos_ in ("PROPN", "PRON", "NOUN"):
                return _np_head(token)
    return None


def _reporting_verb(verb: Token) -> Token | None:
    """The speech verb whose speaker also makes this one, when this one has no subject and
    the parse put it inside (or beside) what that verb reports.

    In "X said the bridge was unsafe and urged drivers to …" X urged: a verb joined on
    after the reported clause goes with the cue before it, as the statement of that cue
    ends before it (``reported._before_another_cue``). The subject of the reported clause
    speaks only where that clause reports its words ("said the driver admitted it and told
    officers …"), or, for a participle, where nothing else can ("said the bridge was
    unsafe, urging …" is X's, "said the workers were angry, demanding …" the workers')."""
    if not is_speech_verb(verb):
        return None
    head = verb.head
    if head.dep_ == "ccomp" and is_speech_verb(head.head) and head.i < verb.i:
        if verb.dep_ == "conj" and verb.tag_ in _FINITE and not is_speech_verb(head):
            # Not "said the driver admitted it and told officers …": a clause reporting
            # what its subject said goes on with that subject's words.
            return head.head
        subject = next((c for c in head.children if c.dep_ in _SUBJECTS), None)
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and subject is not None and not can_speak(subject):
            # "said the bridge was unsafe, urging drivers to …": a bridge urges no one.
            return head.head
    if verb.dep_ == "ccomp" and verb.tag_ in _FINITE and is_speech_verb(head) and head.i < verb.i:
        # "said the plan failed and warned that …": the second cue misread as a second clause said.
        joint = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i else None
        if joint is not None and joint.dep_ == "cc":
            return head
    return None


def _is_word(token: Token) -> bool:
    """Not a dash or a symbol the tagger mistook for a noun."""
    return any(ch.isalnum() for ch in token.text)


def _inverted(verb: Token) -> bool:
    """A verb placed before its subject, as in "…, said Smith" or "“…” says the report"."""
    if verb.i == 0:
        return False
    before = verb.doc[verb.i - 1]
    if before.dep_ in ("aux", "advmod") and verb.i > 1:
        before = verb.doc[verb.i - 2]
    return before.is_punct or before.is_quote


def _np_head(token: Token) -> Token:
    """Climb from a word to the head of its noun phrase."""
    while token.dep_ in ("compound", "amod", "det", "poss", "nmod") and token.head.i > token.i:
        token = token.head
    return token
