"""Which neighbouring words belong together, so a caption line or cue never splits them.

Caption style guides (Netflix, BBC, DCMP; see CAPTION-RULES.md) forbid a break between an
article, possessive or adjective and its noun, the parts of a name, a pronoun and its verb, an
auxiliary or negation and its verb, a phrasal verb and its particle, and a number and its unit.
:func:`bond` names the tie between two adjacent written words, or returns ``None``.

Two sources, both offline:

* curated lists of closed-class words (articles, pronouns, auxiliaries, prepositions, ...), kept
  here in one place: these classes are small and fixed, and a list is exact;
* the ``lemminflect`` lexicon (a PyPI package that ships its English word data, derived from the
  NIH SPECIALIST lexicon, inside the wheel: no download) for open-class questions a list cannot
  answer, such as whether a word can be an adjective, a noun or a verb, and a verb's lemma
  ("picked" → "pick"). It gives every class a word *can* have, not the one it has in context,
  so open-class ties are heuristics and carry a lower cost than closed-class ones.

>>> pairs = [("the", "book"), ("Sarah", "Connor"), ("we", "went"), ("picked", "up"),
...          ("old", "harbour"), ("50", "years"), ("don't", "know"), ("book,", "the")]
>>> [b.value if b else None for b in (bond(x, y) for x, y in pairs)]
['article', 'name', 'pronoun+verb', 'phrasal verb', 'adjective', 'number+unit', \
'negation+verb', None]
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache

from lemminflect import getAllLemmas


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ARTICLES = _words("a an the")
DETERMINERS = _words("this these those every each another either neither some any no")
POSSESSIVES = _words("my your his her its our their whose")
TITLES = _words("mr. mrs. ms. dr. prof. st. sir dame lord lady mr mrs ms dr prof")
SUBJECT_PRONOUNS = _words("i you he she we they it")
PREPOSITIONS = _words("""
    about above across after against along among around at before behind below beneath
    beside between beyond by despite down during except for from in inside into like near of
    off on onto out outside over past since through throughout to toward towards under until
    up upon via with within without
""")
CONJUNCTIONS = _words("""
    and but or nor so yet because although though while whereas if unless when whenever
    where wherever whether that which who whom than as once then &
""")
NEGATIONS = _words("not never n't")
AUXILIARIES = _words("""
    am is are was were be been being have has had do does did will would shall should can
    could may might must ought don't doesn't didn't won't wouldn't can't cannot couldn't
    shouldn't isn't aren't wasn't weren't haven't hasn't hadn't mustn't needn't i'm you're
    we're they're he's she's it's i've you've we've they've i'll you'll he'll she'll we'll
    they'll it'll i'd you'd he'd she'd we'd they'd that's there's what's who's
""")
MODAL_OR_DO = _words("""
    will would shall should can could may might must do does did don't doesn't didn't won't
    wouldn't can't cannot couldn't shouldn't mustn't i'll you'll he'll she'll we'll they'll
    it'll i'd you'd he'd she'd we'd they'd
""")
"""Auxiliaries that are always followed by a verb (unlike "is", "have", which can be main
verbs: "it is | a problem" is a fine break, "it will | happen" is not)."""
ADVERBS_BEFORE_VERB = _words("""
    really just always never also only still often actually already even probably certainly
    definitely simply quite rather sometimes usually
""")
NUMBER_WORDS = _words("""
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion trillion dozen half
""")
UNITS = _words("""
    % percent per cent pence pounds dollars euros p £ $ € km kg g mg ml l m cm mm mph kph
    am pm a.m. p.m. bc ad °c °f degrees
""")
PARTICLES = _words("up out off down back away apart aside")
"""Adverbial particles: after a verb they are (almost) always part of a phrasal verb."""
PARTICLES_AMBIGUOUS = _words("on in over through around along together")
"""Particles that are more often prepositions; tied to a verb only for the verbs below."""
PHRASAL_VERBS = _words("""
    carry come get go hold keep log move sign check take put turn switch hand pass give
    bring look call fill hang catch
""")
"""Verb lemmas whose ``PARTICLES_AMBIGUOUS`` pairs are common phrasal verbs ("carry on")."""
NOT_ADJECTIVES = _words("""
    so very just like well right really quite too also even only still now then much more
    most less least enough such all both half
""")
"""Words the lexicon lists as possible adjectives that, before a noun, are almost always
adverbs, quantifiers or discourse markers ("so | people", "well | yes")."""
CONTRACTED_IS = _words("it's that's he's she's there's here's what's who's where's how's let's")
SUBJECT_CONTRACTIONS = CONTRACTED_IS | frozenset(
    w for w in AUXILIARIES if "'" in w and not w.endswith("n't")
)
"""A subject and its auxiliary in one word ("they've", "I'm", "that's"): the verb or its
complement always follows ("they've | either quit", "I'm | instrumental"), so it is kept with
the next word whatever that word is, as a modal is."""

OPENING = "\"'“‘«([{"
CLOSING = "\"'”’»)]}"
SENTENCE_END = frozenset(".!?…")
CLAUSE_MARKS = frozenset(".!?…,;:—–")
FUNCTION_WORDS = (
    ARTICLES | DETERMINERS | POSSESSIVES | SUBJECT_PRONOUNS | PREPOSITIONS | CONJUNCTIONS
    | AUXILIARIES | NEGATIONS | _words("me him us them")
)


class Bond(Enum):
    """Why two adjacent words must stay together (value: a short label for reports)."""

    ARTICLE = "article"
    POSSESSIVE = "possessive"
    ADJECTIVE = "adjective"
    NAME = "name"
    PRONOUN_VERB = "pronoun+verb"
    AUXILIARY_VERB = "auxiliary+verb"
    NEGATION_VERB = "negation+verb"
    PHRASAL_VERB = "phrasal verb"
    NUMBER_UNIT = "number+unit"
    PREPOSITION = "preposition"
    """A preposition and its object: a poor break, though not one style guides forbid."""


def bare(word: str) -> str:
    """Lower case, typographic apostrophes plain, outer quotes/brackets/punctuation removed.

    >>> bare("“Don’t,")
    "don't"
    """
    return word.lower().replace("’", "'").strip(OPENING + CLOSING + ".,;:!?…—–-")


def final_mark(word: str) -> str:
    """The word's last character, looking through closing quotes and brackets ('' if none).

    >>> final_mark('said."'), final_mark("well,"), final_mark("(yes)")
    ('.', ',', 's')
    """
    core = word.rstrip(CLOSING)
    return core[-1] if core else ""


def ends_sentence(word: str) -> bool:
    """Whether the word closes a sentence ("done.", 'said?"'; not "Mr.").

    >>> ends_sentence('said."'), ends_sentence("Dr."), ends_sentence("well,")
    (True, False, False)
    """
    return final_mark(word) in SENTENCE_END and word.lower().rstrip(CLOSING) not in TITLES


def is_open(word: str) -> bool:
    """True when nothing after the word's letters closes a clause (no , . ; : ? ! dash).

    >>> is_open("book"), is_open("book,"), is_open("Mr.")
    (True, False, False)
    """
    return final_mark(word) not in CLAUSE_MARKS and word.rstrip(CLOSING) not in {"-", "--"}


def is_capitalised(word: str) -> bool:
    core = word.lstrip(OPENING)
    return bool(core) and core[0].isupper()


def is_conjunction(word: str) -> bool:
    return bare(word) in CONJUNCTIONS


def is_preposition(word: str) -> bool:
    return bare(word) in PREPOSITIONS


def is_number(word: str) -> bool:
    """Digits ("1455", "3,000", "£5") or a number word ("thousand").

    >>> is_number("3,000"), is_number("thousand"), is_number("1990s"), is_number("one-off")
    (True, True, False, False)
    """
    core = bare(word).lstrip("£$€#")
    return bool(core) and (core.replace(",", "").replace(".", "").isdigit() or core in NUMBER_WORDS)


@lru_cache(maxsize=65536)
def classes(word: str) -> frozenset[str]:
    """Universal POS tags the word can have (``NOUN``, ``VERB``, ``ADJ``, ``ADV``, ``AUX``).

    >>> sorted(classes("book"))
    ['NOUN', 'VERB']
    """
    return frozenset(getAllLemmas(bare(word)))


@lru_cache(maxsize=65536)
def verb_lemmas(word: str) -> frozenset[str]:
    """Lemmas of the word read as a verb ("went" → {"go"}); empty when it cannot be a verb."""
    return frozenset(getAllLemmas(bare(word), upos="VERB").get("VERB", ()))


def _can_be(word: str, *tags: str) -> bool:
    return bool(classes(word) & set(tags))


def _is_content(word: str) -> bool:
    """A word that can head a phrase: not a function word, not a number."""
    b = bare(word)
    return bool(b) and b not in FUNCTION_WORDS and not is_number(word)


def _is_verbal(word: str) -> bool:
    """A word that can follow a subject or an auxiliary: a verb, an auxiliary, an adverb."""
    b = bare(word)
    if b in AUXILIARIES or b in NEGATIONS or b in ADVERBS_BEFORE_VERB:
        return True
    return b not in FUNCTION_WORDS and _can_be(word, "VERB", "AUX", "ADV")


def _is_possessive_noun(word: str) -> bool:
    """"Sarah's", "the NHS's", "teachers'"; not "it's" or "that's"."""
    b = bare(word)
    if b in CONTRACTED_IS:
        return False
    return b.endswith("'s") or (word.replace("’", "'").endswith("s'") and len(b) > 1)


def bond(before: str, after: str, *, sentence_start: bool = False) -> Bond | None:
    """The tie that makes a break between ``before`` and ``after`` wrong, or ``None``.

    ``sentence_start`` says ``before`` opens a sentence, so its capital letter does not make it
    part of a name ("So | Michael" is not a name; "Michael | West" is).

    >>> def tie(a, b, **kw):
    ...     found = bond(a, b, **kw)
    ...     return found.value if found else None
    >>> tie("my", "friend"), tie("Sarah's", "book"), tie("is", "a"), tie("walked", "to")
    ('possessive', 'possessive', None, None)
    >>> tie("will", "happen"), tie("not", "sure"), tie("So", "Michael", sentence_start=True)
    ('auxiliary+verb', 'negation+verb', None)
    """
    if not is_open(before):
        return None
    a, b = bare(before), bare(after)
    if not a or not b or after.lstrip(OPENING)[:1] in {"-", "—", "–", ""}:
        return None
    if a in ARTICLES:
        return Bond.ARTICLE
    if a in DETERMINERS:
        # "this book" is a determiner and its noun; "this is" a pronoun and its verb.
        if _is_content(after) and _can_be(after, "NOUN", "ADJ") and not _is_verbal(after):
            return Bond.ARTICLE
        return Bond.PRONOUN_VERB if _is_verbal(after) else None
    if a in TITLES:
        return Bond.NAME
    if a in POSSESSIVES:
        return Bond.POSSESSIVE
    if a in NEGATIONS or a.endswith("n't"):
        # Even before a conjunction ("I don't | because ..."), a line ending in a negation
        # reads as cut off: style guides keep it with what follows.
        return Bond.NEGATION_VERB
    if a in AUXILIARIES or a in SUBJECT_CONTRACTIONS:
        if b in NEGATIONS or (_is_verbal(after) and b not in SUBJECT_PRONOUNS):
            return Bond.AUXILIARY_VERB
        always = a in MODAL_OR_DO or a in SUBJECT_CONTRACTIONS
        return Bond.AUXILIARY_VERB if always and b not in CONJUNCTIONS else None
    if a in SUBJECT_PRONOUNS:
        if a in {"you", "it"} and b in ADVERBS_BEFORE_VERB:
            return None  # "thank you | really" — "you"/"it" are often objects
        return Bond.PRONOUN_VERB if _is_verbal(after) else None
    if a in PREPOSITIONS:
        return Bond.PREPOSITION if b not in CONJUNCTIONS else None
    if is_number(before):
        if b in UNITS or is_number(after):
            return Bond.NUMBER_UNIT
        # "one" is often a pronoun ("the third one | closes"): tied only to a plain noun.
        noun = _is_content(after) and _can_be(after, "NOUN")
        if noun and (a != "one" or not _can_be(after, "VERB")):
            return Bond.NUMBER_UNIT
        return None
    if _is_names(before, after, sentence_start):
        return Bond.NAME
    if _is_possessive_noun(before) and _is_content(after):
        return Bond.POSSESSIVE
    if b in PARTICLES or b in PARTICLES_AMBIGUOUS:
        lemmas = verb_lemmas(before)
        if lemmas and (b in PARTICLES or lemmas & PHRASAL_VERBS):
            return Bond.PHRASAL_VERB
        return None
    # A word the lexicon does not know ("prescriber") is most likely a noun or a name; an -ing
    # form after an adjective is a gerund, a noun ("social | prescribing").
    noun_like = _can_be(after, "NOUN", "ADJ") or not classes(after) or _is_gerund(after)
    if _is_adjective(before) and _is_content(after) and noun_like:
        return Bond.ADJECTIVE
    return None


def _is_names(before: str, after: str, sentence_start: bool) -> bool:
    """Two capitalised words that read as one name ("Sarah Connor", "West Yorkshire")."""
    if not (is_capitalised(before) and is_capitalised(after)):
        return False
    a, b = bare(before), bare(after)
    if a == "i" or b == "i" or a in FUNCTION_WORDS or b in FUNCTION_WORDS:
        return False
    # A sentence's first word is capitalised anyway: a name only if the lexicon does not know
    # it as an ordinary word ("Michael West" yes; "Yesterday Sarah" no).
    return not (sentence_start and classes(before))


def _is_gerund(word: str) -> bool:
    """An -ing form of a verb ("prescribing", "speaking"), which can head a noun phrase."""
    b = bare(word)
    return b.endswith("ing") and bool(verb_lemmas(word))


def _is_adjective(word: str) -> bool:
    b = bare(word)
    return b not in FUNCTION_WORDS and b not in NOT_ADJECTIVES and _can_be(word, "ADJ")
