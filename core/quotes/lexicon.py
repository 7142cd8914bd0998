"""Word lists the attribution rules rely on, kept in one place so they can be tuned together."""

from __future__ import annotations

# Lemmas of verbs that report what someone said or wrote.
SPEECH_VERBS = frozenset(
    """say tell add warn argue insist claim note explain write state announce declare
    reply respond suggest acknowledge admit deny confirm report predict promise vow
    urge stress emphasize emphasise recall testify tweet post complain concede maintain
    contend counter quip joke boast ask remark observe agree describe call continue
    allege assert affirm reiterate repeat conclude caution charge criticize criticise
    accuse blast slam mention reveal disclose estimate pledge demand threaten
    question wonder recount lament answer retort muse shout yell cry sing inform
    advise assure remind proclaim indicate signal praise talk chant""".split()
)
# Speech verbs also said of things that only show or bode something: "the figures
# indicate", "ice storms signal", "the strike threatens". Only someone who can
# speak makes a statement with them.
EVIDENCE_VERBS = frozenset("indicate signal suggest threaten promise estimate conclude reveal predict confirm".split())
# Verbs of judging someone aloud: quoted words they govern are the judge's words
# ("condemned the test as “reckless”", "blamed the delay on “red tape”").
JUDGEMENT_VERBS = frozenset(
    """condemn blame laud liken compare brand label characterize characterise dismiss
    denounce decry hail exhort encourage applaud commend cite reference quote attack
    mock ridicule deride dub pound thank congratulate lambaste chide scold rebuke voice
    criticize criticise praise slam blast""".split()
)
# Nouns for something said, whose owner said it: "the mayor's claim that …".
SPEECH_NOUNS = frozenset(
    """claim claims statement remark remarks comment comments assertion allegation
    accusation warning promise pledge argument suggestion insistence admission denial
    description prediction vow""".split()
)
# Adjectives that make "was …" a cue: "“…,” he was adamant", "She was blunt: “…”".
SAYING_ADJECTIVES = frozenset("adamant emphatic blunt unequivocal defiant insistent unapologetic unrepentant".split())
# Nouns for what someone said that a colon may open: "Her advice to new players: “…”".
SAYING_NOUNS = SPEECH_NOUNS | frozenset("message advice answer reply response plea verdict".split())
# Speech verbs that introduce quotations but never report speech on their own:
# "the statement continued" — "he continued to work" says nothing.
QUOTE_ONLY_VERBS = frozenset("continue".split())
# Verbs through which an infinitive still reports what was said: "went on to say", and
# the writer's hedge on it, "seemed to suggest", "appeared to concede".
CARRY_ON_VERBS = frozenset("go continue proceed hasten seem appear".split())
# Speech verbs whose bare direct object is not what was said: who was spoken to
# ("told reporters"), or what was summoned ("called a meeting").
NOT_SAID_OBJECT_VERBS = frozenset("tell ask inform advise assure remind urge warn call".split())
# Speech verbs whose object is the person spoken to: what was said starts after it
# ("told the jury that …", "urged the council to …", "encouraged voters to “…”").
ADDRESSEE_VERBS = NOT_SAID_OBJECT_VERBS - {"call"} | {"encourage", "implore"}

# Nouns for a text that speaks for its author: "the statement said".
DOCUMENT_NOUNS = frozenset(
    """statement report release letter memo tweet post email e-mail message note
    filing ad advertisement study survey poll document communique communiqué
    announcement editorial column article blog video interview briefing""".split()
)

# Nouns naming a body rather than a person.
ORGANISATION_NOUNS = frozenset(
    """ministry government department agency company campaign party committee
    office administration council court police army military commission bureau
    embassy firm group organization organisation union university newspaper paper
    network channel station service board authority authorities team house senate
    congress parliament state city county bank fund foundation institute institution
    center centre association society club coalition alliance federation league
    network trust charity airline hospital school watchdog regulator""".split()
)

# Nouns for people whom the article does not name: the source is anonymous.
ANONYMOUS_NOUNS = frozenset(
    """source sources official officials user users commentator commentators observer
    observers analyst analysts expert experts critic critics insider insiders aide
    aides people person someone somebody netizen netizens resident residents witness
    witnesses diplomat diplomats spokesman spokeswoman spokesperson
    member members supporter supporters activist activists voter voters worker
    workers employee employees officer officers staffer staffers adviser advisers
    advisor advisors staff""".split()
)

# Nouns for a post one person holds: "the minister" is someone, even unnamed.
ROLE_NOUNS = frozenset(
    """minister president senator governor mayor professor chairman chairwoman chair
    director secretary ambassador judge lawyer attorney economist chief candidate
    nominee leader premier chancellor king queen pope prince princess general
    commander captain coach manager founder ceo representative congressman
    congresswoman lawmaker prosecutor sheriff doctor author spokesman spokeswoman
    spokesperson engineer commissioner superintendent chief minister mp councillor
    councilor deputy inspector detective constable sergeant officer scientist
    researcher teacher nurse physician surgeon analyst strategist executive
    president vice-president treasurer dean principal editor columnist""".split()
)
# Roles that go with any post ("the candidate", "the party leader"): they do not tell one post holder from another.
SHARED_ROLES = frozenset(
    "candidate nominee leader chief officer executive deputy representative lawmaker director".split()
)
# Titles written before a person's name.
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame rev rev.".split())

# Words that mark a quoted phrase as a name or a title rather than words someone said.
NAMING_WORDS = frozenset(
    """so-called dubbed nicknamed named titled entitled headlined known labeled labelled
    branded billed""".split()
)
# Verbs and nouns of saying particular words: "has used the phrase “…”", "repeated the word “…”".
WORDING_VERBS = frozenset("use utter repeat invoke".split())
WORDING_NOUNS = frozenset("phrase word words term expression".split())
WORK_NOUNS = frozenset(
    """book film movie song album show series novel play poem article essay column
    episode documentary program programme painting hashtag slogan""".split()
)

PERSONAL_PRONOUNS = frozenset("he she him her i we me us you".split())
GROUP_PRONOUNS = frozenset("they them it".split())
RELATIVE_PRONOUNS = frozenset("who which that whom".split())
# Pronouns for people left unnamed: "someone said", "some argued", "others warned".
INDEFINITE_PRONOUNS = frozenset(
    "someone somebody anyone anybody everyone some many others those all each few several".split()
)
# Every spelling of an English pronoun: a capitalised word outside it is a name, whatever the tagger says.
PRONOUN_WORDS = (
    PERSONAL_PRONOUNS
    | GROUP_PRONOUNS
    | RELATIVE_PRONOUNS
    | INDEFINITE_PRONOUNS
    | frozenset(
        """his hers its their theirs our ours my mine your yours this these one none nobody
        everybody something anything nothing everything himself herself themselves itself
        myself ourselves yourself yourselves whoever whatever what whose another both either
        neither most any such much more""".split()
    )
)

# Words before a post that make its holder someone other than the one who holds it now: "the former
# governor" is not Governor Ortiz, "the deputy mayor" is not the mayor. Each maps to the kind of holder
# it marks, so that "then-mayor Carl Briggs" is "the former mayor".
OTHER_HOLDER_WORDS = {
    **dict.fromkeys("former ex previous past onetime one-time then erstwhile late".split(), "former"),
    **{w: w for w in "deputy vice assistant associate acting interim shadow".split()},
}
# Occupations that news writes as a title before a name ("Goalkeeper Sam Ode", "Rabbi David
# Stern"), besides the posts in ROLE_NOUNS: the word describes the person, it is not their name.
TITLE_WORDS = frozenset(
    """rabbi pastor imam bishop reverend cardinal archbishop striker goalkeeper goalie defenceman
    defenseman defender midfielder winger quarterback pitcher mpp mla mep historian librarian
    politician technician farmer firefighter paramedic coun const sgt cpl insp supt det lt col
    gen capt cmdr sen rep gov""".split()
)
