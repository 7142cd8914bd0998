"""Quoted words inside a writer's sentence: partial quotes, or names and titles.

Had “no limits” is a partial quote of whoever the sentence says used the
words; so-called “experts”, nicknamed “The Hammer” and the show “Harbour Nights”
are not quotes at all.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from core.model import PARTIAL, REPORTED
from core.quotes.attribution import can_speak, cue_of, is_speech_verb, puts_it_so, speaker_of
from core.quotes.lexicon import (
    ADDRESSEE_VERBS,
    DOCUMENT_NOUNS,
    EVIDENCE_VERBS,
    JUDGEMENT_VERBS,
    NAMING_WORDS,
    SPEECH_NOUNS,
    WORDING_NOUNS,
    WORDING_VERBS,
    WORK_NOUNS,
)
from core.quotes.marks import Quoted, is_title_case
from core.quotes.statement import Statement, tokens_in

_NOT_CONTENT = ("advmod", "npadvmod", "prt", "neg", "cc", "conj", "punct")
_CONTEXT_REACH = 4  # heads climbed from a participle to the statement it describes
_SAID_DEPS = ("dobj", "oprd", "ccomp", "xcomp", "attr", "dative", "npadvmod")  # what a speech verb says


def is_named(doc: Doc, q: Quoted) -> bool:
    """So-called “experts”, nicknamed “The Hammer”, the film “Salt Road”: a name, not words said."""
    before = [t for t in tokens_in(doc, max(0, q.start - 40), q.start) if t.idx < q.start][-3:]
    if "".join(t.text for t in before).lower().endswith("so-called"):
        return True  # the tokenizer splits it: "so", "-", "called"
    return _in_a_name(doc, q) or any(
        t.lower_ in NAMING_WORDS
        or t.lemma_.lower() in NAMING_WORDS
        or (t.pos_ == "NOUN" and t.lemma_.lower() in WORK_NOUNS)
        for t in before
    )


_MAX_NICKNAME = 3  # words of a nickname written inside a name


def _in_a_name(doc: Doc, q: Quoted) -> bool:
    """ "Mary “Molly” Grant", "Dwayne “The Rock” Hughes": a few capitalised words quoted
    between a first name and a surname are a nickname, part of the name."""
    # Tokens, not doc.text: spaCy rebuilds the text on each access, and this runs per quotation.
    inner = [t for t in tokens_in(doc, q.inner[0], q.inner[1]) if not t.is_punct]
    if not inner or len(inner) > _MAX_NICKNAME or not all(t.text[:1].isupper() for t in inner):
        return False
    first, last = inner[0].i, inner[-1].i
    while first > 0 and doc[first - 1].idx >= q.start:
        first -= 1  # back over the opening mark
    while last + 1 < len(doc) and doc[last + 1].idx < q.end:
        last += 1  # on over the closing mark
    if first == 0 or last + 1 >= len(doc):
        return False
    before, after = doc[first - 1], doc[last + 1]
    if before.whitespace_ != " " or after.idx != q.end + 1:
        return False  # "… Calls Hillary Clinton ‘A Disgrace’" ends a headline: no name goes on
    # The tagger may take a surname for a noun ("Price"), never the first name before it.
    return before.pos_ == "PROPN" and after.pos_ in ("PROPN", "NOUN") and before.is_title and after.is_title


def attribute_partial(doc: Doc, text: str, q: Quoted) -> Statement | None:
    """Quoted words in a sentence, credited to the subject of the verb that governs them."""
    words = tokens_in(doc, q.start, q.end)
    if not words:
        return None
    inside = {t.i for t in words}
    heads = [t for t in words if t.head.i not in inside or t.head.i == t.i]
    # “Shame!”: the parser may hang the opening mark on the cue; the word it opens says more.
    root = next((t for t in heads if not t.is_punct), heads[0] if heads else words[0])
    verb, child = root, root
    doer: Token | None = None  # the subject of a clause, not a saying, that holds the words
    while True:
        if verb.pos_ == "VERB" and verb.lemma_ != "be" and verb.i not in inside:
            speaker = speaker_of(verb)
            if speaker is not None and speaker.i not in inside and (can_speak(speaker) or _speaks(verb, speaker)):
                if is_speech_verb(verb) or verb.lemma_.lower() in JUDGEMENT_VERBS:
                    if doer is not None and child.dep_ == "dobj":
                        # "posted a video in which its robot takes “victory laps”": the words
                        # tell what another did in the thing posted; nobody said them.
                        return None
                    break
                if puts_it_so(verb):
                    # "…, as the engineer put it, “not even empty ones”": the quoted words are hers.
                    return Statement(q.start, q.end, PARTIAL, (verb.idx, verb.idx + len(verb.text)), speaker)
                if _used_words(verb, child):
                    # "has used the phrase “war on cars”": the words are the user's.
                    return Statement(q.start, q.end, PARTIAL, cue_of(verb), speaker)
                context = _speech_context(verb)
                if context is not None:
                    # "issued a statement dismissing the plan as “a stunt”": the quoted
                    # words are the statement's, and all of it that is quoted.
                    speaker = speaker_of(context) or speaker
                    return Statement(q.start, q.end, PARTIAL, (verb.idx, verb.idx + len(verb.text)), speaker)
                # A verb that says nothing ("took “steps”"): a speech verb above it may.
            if doer is None and not is_speech_verb(verb):
                doer = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
        elif verb.pos_ == "NOUN" and verb.lemma_.lower() in SPEECH_NOUNS and verb.i not in inside:
            owned = _owned_claim(verb, child, q)
            if owned is not None:
                return owned
        if verb.head.i == verb.i:
            return None
        child, verb = verb, verb.head
    if child.dep_ == "prep" and child.i < verb.i:
        # "At the “pop-up” market, vendors promised …": a phrase that sets the scene
        # before the cue is the writer's, and so are the marks on its words.
        return None
    # "hailed him as “The Comeback Kid”": what someone is hailed or described as was said.
    said = child.dep_ in _SAID_DEPS or child.dep_ == "prep" and child.lower_ == "as"
    # “Harbour Nights”: capitalised words are a title or a name, unless they are what a
    # speech verb says (she called him “Captain Chaos”).
    if not said and is_title_case(text[q.inner[0] : q.inner[1]]):
        return None
    if child.i > verb.i:
        rights = [c for c in verb.rights if not c.is_punct and c.dep_ not in _NOT_CONTENT]
        start_token = min((c.left_edge for c in rights), key=lambda t: t.i, default=child.left_edge)
        if verb.lemma_.lower() in ADDRESSEE_VERBS:
            if child.dep_ in ("dobj", "dative") and any(c.dep_ == "ccomp" and c.i > child.i for c in verb.children):
                # "told the radio show “Noon Talk” that …": the quoted words name who was told,
                # and the clause after them is what was said.
                return None
            # "told the crowd on Friday that …“…”": who was told, and where, is not what was said.
            # The parser may read that "that" as a relative pronoun: any "that" but a determiner.
            that = [t for t in child.subtree if t.lower_ == "that" and t.dep_ != "det"]
            if that and q.end <= that[0].idx:
                # "told the “Breakfast Hour” show that …": the quoted words name who was told;
                # what was said is the clause after them.
                last = child.right_edge
                while last.is_punct and last.i > that[0].i:
                    last = last.doc[last.i - 1]
                return Statement(that[0].idx, last.idx + len(last.text), REPORTED, cue_of(verb), speaker)
            that = [t for t in that if t.idx < q.start]
            start_token = that[0] if that else child.left_edge
        elif child.dep_ == "ccomp":
            # "wrote late on Sunday that …“…”": when and where it was said is not what was said.
            start_token = next((c for c in child.children if c.dep_ == "mark" and c.lower_ == "that"), start_token)
        if start_token.dep_ == "prep" and start_token.lower_ != "as" and start_token.nbor(1).idx == q.start:
            start_token = start_token.nbor(1)  # "asked for “more time”": what was asked for
        start = min(start_token.idx, q.start)
        end = max(child.right_edge.idx + len(child.right_edge.text), q.end)
        end = min(end, q.end) if child.right_edge.is_punct else end
        end = _before_aside(text, q.end, end)
        end = _before_when(doc, q.end, end)
        if start == q.start and _words_alone(doc, q.end, end):
            end = q.end  # "chanted “No more cuts” outside the town hall": the quoted words alone
    else:
        start, end = q.start, q.end
    start = max(start, text.rfind("\n", 0, q.start) + 1)  # a parse can run a headline into the text
    # The cue as the reported pass gives it ("has said", "pointed out"): one statement per cue.
    return Statement(start, end, PARTIAL, cue_of(verb), speaker)


_ASIDE = re.compile(r"\s[—–-]{1,2}\s|,\s+(?:\w+ly\s+)?\w+ing\b")


def _before_aside(text: str, quoted_end: int, end: int) -> int:
    """Where a partial statement ends: before a dash or a ", adding …" after its quoted words,
    the writer's aside rather than what was said."""
    aside = _ASIDE.search(text, quoted_end, end)
    return aside.start() if aside else end


def _before_when(doc: Doc, quoted_end: int, end: int) -> int:
    """ "attacked the league as a “closed shop” during a press event", "… “a coward” on Tuesday": when
    the words were said, straight after them, is not what was said."""
    after = tokens_in(doc, quoted_end, end)
    after = [t for t in after if t.idx >= quoted_end and not t.is_space]
    if after and (after[0].lower_ == "during" or after[0].ent_type_ in ("DATE", "TIME") and after[0].lower_ != "to"):
        return quoted_end
    return end


def _speaks(verb: Token, subject: Token) -> bool:
    """ "The crowd shouted “Shame!”", "the airline said it was “sorry”": the noun subject of a
    speech verb speaks, whatever noun it is, unless the verb is one things do too ("the
    figures suggest", "the strike threatens")."""
    return is_speech_verb(verb) and verb.lemma_.lower() not in EVIDENCE_VERBS and subject.pos_ in ("NOUN", "PROPN")


def _words_alone(doc: Doc, quoted_end: int, end: int) -> bool:
    """ "chanted “No more cuts” outside the town hall": quoted words that open a cue's object
    are what was said when what follows them has no verb of its own: it tells where or how
    ("told her “…” if she stayed" goes on in a clause, and keeps it)."""
    after = [t for t in tokens_in(doc, quoted_end, end) if t.idx >= quoted_end]
    return not any(t.pos_ in ("VERB", "AUX") for t in after)


def _owned_claim(noun: Token, child: Token, q: Quoted) -> Statement | None:
    """“The mayor's claim that the lake is “clean””: the claim's owner said the quoted words."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if child.dep_ == "prep" and child.lower_ == "as":
        return None  # "rated the mayor's claim as “false”": a judgement of the claim, not its words
    if owner is None or not can_speak(owner) or owner.pos_ == "PRON" and owner.lower_ not in ("his", "her", "their"):
        return None
    start, end = q.start, q.end
    if child.head.i == noun.i and child.dep_ in ("acl", "ccomp", "relcl") and child.i > noun.i:
        first = child.left_edge
        last = child.right_edge
        start, end = min(start, first.idx), max(end, last.idx + len(last.text))
    return Statement(start, end, PARTIAL, (noun.idx, noun.idx + len(noun.text)), owner)


def _used_words(verb: Token, obj: Token) -> bool:
    """ "used the phrase “…”", "has repeated the word “…”": words someone said. Not words
    refused or avoided ("refuses to use the word “…”", "did not use the term"), which a
    finite verb with no negation rules out."""
    if verb.lemma_.lower() not in WORDING_VERBS or obj.dep_ != "dobj" or obj.lemma_.lower() not in WORDING_NOUNS:
        return False
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or verb.tag_ == "VBN" and any(c.dep_ == "aux" for c in verb.children)
    return finite and not any(c.dep_ == "neg" for c in verb.children)


def _speech_context(verb: Token) -> Token | None:
    """The verb that issues a statement which ``verb`` (a participle) describes.

    "X issued a statement dismissing …", "X released a report calling …",
    "X said on Monday, dismissing …": the verb of the document or the speech.
    """
    if any(c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS for c in verb.children):
        return verb
    if verb.tag_ not in ("VBG", "VBN") or verb.dep_ not in ("acl", "advcl", "xcomp", "conj"):
        return None
    for head in list(verb.ancestors)[:_CONTEXT_REACH]:
        if is_speech_verb(head):
            return head
        if head.pos_ == "NOUN" and head.lemma_.lower() in DOCUMENT_NOUNS and head.dep_ in ("dobj", "nsubjpass"):
            return head.head
        if head.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS for c in head.children):
            return head
    return None
