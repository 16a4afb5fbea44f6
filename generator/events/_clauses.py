"""Dated clauses: the predicate a date hangs on, and a headline built from its clause.

A date dates the happening its phrase modifies in the parse: the verb of its
clause ("killed ... yesterday"), or an event noun ("the talks on Monday",
"Sunday's vote"). The headline says who did what: the clause's subject, its
verb in the present tense (headline style), and what the verb takes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from generator.events._triggers import speech_verb_forms
from generator.knowledge import load_data
from generator.knowledge.roles import knowledge
from generator.nlp.quotes import DOUBLE_MARKS, SINGLE_MARKS

if TYPE_CHECKING:  # annotations only: the YAML-only paths need not import spaCy
    from spacy.tokens import Span, Token

    from generator.model import TimeExpression

# Words a headline may hold at most, and a noun phrase inside it.
MAX_TITLE_WORDS = 14
MAX_PHRASE_WORDS = 7

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "attr", "oprd", "dative", "acomp")
# Dependents left out of a short noun phrase ("the governor, who ..." → "the governor").
CLAUSAL_DEPS = frozenset(("relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "parataxis", "ccomp", "prep"))
FUTURE_MODALS = frozenset(("will", "'ll", "shall", "would"))
# A modal as the parser splits it off a contraction ("ca" of "can't").
_MODAL_SPELLING = {"ca": "can", "'d": "would"}


@cache
def event_nouns() -> frozenset[str]:
    data = load_data("event_types")
    nouns = {str(n).lower() for n in data.get("event_nouns", [])}
    nouns.update(_acts())  # an act is a happening: "Monday's arrest", "the 2014 annexation"
    for spec in data["types"].values():
        nouns.update(str(w).removesuffix("/noun").lower() for w in spec["triggers"] if " " not in str(w))
    return frozenset(nouns)


def predicate_for_date(span: Span, starts_span: bool = False) -> Token | None:
    """The verb or event noun a date phrase modifies; None when it modifies another
    noun ("Monday's newspaper") or nothing a clause hangs on. A date that starts a
    span of days ("from June 3 to June 9") dates its verb whatever its preposition."""
    token = span.root
    for _ in range(6):
        if token.head.i == token.i:
            if token.pos_ == "VERB":
                return _as_happening(token)
            return _copula_subject(token) if token.pos_ == "AUX" else None
        token = token.head
        if span.start <= token.i < span.end:
            continue
        if token.pos_ == "ADP":
            noun = _noun_dated_from(token) if not starts_span else None
            if noun is not None:
                return noun
            if token.lower_ in _words("not_dating_prepositions") and not starts_span:
                return None  # "since 2003", "by Friday", "from Monday": not when it happened
            continue
        if token.pos_ == "VERB":
            # "Four children collecting litter yesterday were killed": a participle on the
            # subject tells when the main verb's happening came
            if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.dep_ in ("nsubj", "nsubjpass"):
                if token.head.head.pos_ == "VERB":
                    token = token.head.head
            return _as_happening(token)
        if token.pos_ == "AUX":
            return _participle_after(span, token) or _copula_subject(token)
        if token.pos_ in ("NOUN", "PROPN"):
            if token.lower_ in event_nouns():
                return token
            if token.pos_ == "PROPN" and token.dep_ == "compound":
                continue  # "the March 3 Baghdad bombing"
            if token.lower_ in _words("see_through_nouns") and token.dep_ == "pobj":
                continue  # "visited for the first time on Friday": the visit's date
            if token.ent_type_ == "PERSON" and span.root.dep_ == "compound" and span.root.head.i == token.i:
                continue  # "called him a killer in march John Smith ...": no date names a person
            return _as_happening(token.head) if _time_phrase_on_object(span, token) else None
        if token.pos_ not in ("NUM", "ADJ", "ADV", "DET", "PART"):
            return None
    return None


def _as_happening(verb: Token) -> Token | None:
    """The verb, if it tells a happening: "Norway did not send troops in 2016" tells none
    (what did not happen), nor does a question's main clause."""
    return None if any(c.dep_ == "neg" for c in verb.children) or asked(verb) else verb


def asked(verb: Token) -> bool:
    """"Didn't Lee win in August?", "So what changed today?": a question's main clause
    asks; it tells no happening (a clause inside it may: "Did anyone heed that in 1920 ...")."""
    text = verb.sent.text.strip()
    body = text.rstrip("\"”’' ")
    if not body.endswith("?"):
        return False
    if text[:1] not in "\"“" and (body.count('"') % 2 or body.count("“") > body.count("”")):
        return False  # the question is a quote's: "... a plaque that reads: \"Why not try?\""
    while verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _time_phrase_on_object(span: Span, noun: Token) -> bool:
    """"Police began an investigation on Tuesday": the parser hangs the date on the verb's
    object, but it tells when the verb's happening came; not so a date the object is about
    ("no mention of January 8", "the lessons of September 11")."""
    if noun.pos_ != "NOUN" or noun.dep_ != "dobj" or noun.head.pos_ != "VERB" or span.root.dep_ != "pobj":
        return False
    preposition = span.root.head
    return preposition.head.i == noun.i and preposition.lower_ in _words("time_prepositions")


def _noun_dated_from(preposition: Token) -> Token | None:
    """"his tweet from the previous evening", "the report from Monday": a "from" right
    after an event noun tells when that happened, though the parser may hang it on
    the verb ("repeated his tweet from ..."); after a verb alone it starts a span."""
    if preposition.lower_ != "from" or preposition.i == 0:
        return None
    head = preposition.head
    if head.pos_ == "NOUN" and head.lower_ in event_nouns():
        return head
    before = preposition.doc[preposition.i - 1]
    if before.pos_ == "NOUN" and before.lower_ in event_nouns() and before.dep_ == "dobj" and before.head.i == head.i:
        return before
    return None


def _participle_after(span: Span, auxiliary: Token) -> Token | None:
    """"The minister was last night beginning a prison term": a date between an auxiliary and
    its participle can make the parser hang the participle on the auxiliary as if it
    were a copula; the participle right after the date is the happening."""
    if span.end >= len(span.doc):
        return None
    after = span.doc[span.end]
    if after.head.i == auxiliary.i and after.tag_ in ("VBG", "VBN") and auxiliary.i < span.start:
        return after
    return None


def _copula_subject(verb: Token) -> Token | None:
    """"The vote was on Sunday": the happening is the subject of the copula
    ("the weather was fine on Sunday" is a state, no happening)."""
    for child in verb.children:
        if child.dep_ in SUBJECTS and child.lower_ in event_nouns():
            return child
    return None


@cache
def _words(key: str) -> frozenset[str]:
    """A word list of event_types.yaml, lower-cased."""
    return frozenset(str(w).lower() for w in load_data("event_types")[key])


def clause_verb(token: Token) -> Token | None:
    """The verb whose clause a trigger word stands in ("strikes" in "launched strikes" → launched)."""
    for _ in range(4):
        if token.pos_ == "VERB":
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def is_speech_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lower_ in speech_verb_forms()


Namer = Callable[["Token"], str]


def headline(predicate: Token, skip: set[int], name_of: Namer) -> str:
    """A headline-style title from the predicate's clause: "Grand jury indicts 12 officers".

    `skip` holds the indices of tokens left out (the date phrase); `name_of`
    gives a person's name for a token that refers to one (else "").
    """
    if any(c.dep_ == "mark" and c.lower_ in _words("title_open_question_marks") for c in predicate.children):
        return ""  # "it was not clear whether the talks would resume" tells no "Talks to resume"
    aimed_at = _aim_of(predicate)
    if aimed_at is not None:
        # "abandoned its attempt to retake the city on Monday": what was done is the
        # abandoning; an aim is no happening ("Army's attempt retakes city" said the opposite)
        if aimed_at.dep_ in ("dobj", "nsubj", "nsubjpass") and aimed_at.head.pos_ == "VERB":
            return headline(aimed_at.head, skip, name_of)
        return _as_headline(_with_aim(_noun_phrase(aimed_at, skip, name_of, owners=True), predicate, skip, name_of))
    news = _impersonal_news(predicate)
    if news is not None:
        # "It emerged today that the engineer will not testify": the news is what emerged
        return headline(news, skip, name_of)
    if predicate.pos_ in ("NOUN", "PROPN"):
        words = _act_words(predicate, skip, name_of) or _noun_phrase(
            predicate, skip, name_of, with_preps=True, owners=True
        )
        governing = _governing_clause(predicate)
        if len(words) == 1 and governing is not None:
            # A bare "Election": the clause it is the subject of tells what happened to it.
            clause = _verb_clause(governing, skip, name_of, depth=0)
            if _acceptable(governing, clause):
                words = clause
    elif _gerund_governor(predicate) is not None:
        # "BP committed on Monday to improving its record": what BP did was commit (to improving it).
        governor = _gerund_governor(predicate)
        assert governor is not None
        words = _verb_clause(governor, skip, name_of, depth=0)
        if not _acceptable(governor, words):
            return ""
    elif (
        predicate.pos_ == "VERB"
        and predicate.dep_ == "xcomp"
        and predicate.head.pos_ == "VERB"
        and not _intent(predicate)
        and not any(c.dep_ in OBJECTS for c in predicate.head.children)
    ):
        # "Blair decided on Monday to show off": what he did was decide (to show off).
        words = _verb_clause(predicate.head, skip, name_of, depth=0)
    elif (
        predicate.dep_ == "ccomp"
        and is_speech_verb(predicate.head)
        and skip
        and min(skip) < predicate.left_edge.i
        and _impersonal_news(predicate.head) is None
    ):
        # "BP said on Monday it had capped the well": who said it heads the headline.
        words = _verb_clause(predicate.head, skip, name_of, depth=0)
    else:
        context = None
        if _subject_of(predicate) is None:
            context = _context_subject(predicate, name_of) or _misattached_subject(predicate)
        words = _verb_clause(predicate, skip, name_of, depth=0, subject=context)
        if not _acceptable(predicate, words, context):
            return ""
    return _as_headline(words)


def compound_headline(noun: Token, skip: set[int], name_of: Namer) -> str:
    """A bare event noun headed by the happening it names as a compound: "Lee's election
    victory", "inauguration ceremony", "election run-off"; "" if it names none."""
    named = _named_by_compound(noun)
    return _as_headline(_noun_phrase(named, skip, name_of, with_preps=True, owners=True)) if named else ""


def _named_by_compound(noun: Token) -> Token | None:
    """The happening an event noun names as its compound ("election" in "Lee's election
    victory", "inauguration ceremony", "assassination attempt"), or None: "election
    officials" are no happening."""
    if noun.dep_ != "compound" or noun.head.pos_ != "NOUN" or noun.head.i == noun.i:
        return None
    head = noun.head
    while head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i != head.i:
        head = head.head  # "election run-off": "run", "-", "off"
    word = noun.doc[noun.i + 1 : head.i + 1].text.lower()
    if word not in event_nouns() and word not in _words("title_compound_heads"):
        return None
    return head


def _whose(noun: Token, skip: set[int], name_of: Namer) -> list[str]:
    """The owner a relative "whose" stands for, as a possessive: the noun the clause tells
    of, or the name it is in apposition to ("Ann Lee, the protestor whose son ...")."""
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        noun = noun.head
    owner = _noun_phrase(noun, skip, name_of)
    return [*owner[:-1], owner[-1] + "'s"] if owner else []


def _with_aim(words: list[str], aim: Token, skip: set[int], name_of: Namer) -> list[str]:
    """A noun's words with the infinitive that tells its aim, unless they hold it already."""
    return words if aim.text in words else words + _infinitive_words(aim, skip, name_of)


def _is_infinitive(verb: Token) -> bool:
    """A "to" infinitive: "to retake", "to be"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _aim_of(verb: Token) -> Token | None:
    """The noun an infinitive tells the aim of ("its effort to plug the well", "an attempt
    to retake the city"), or None."""
    if verb.pos_ != "VERB" or verb.dep_ != "acl" or verb.head.pos_ != "NOUN":
        return None
    return verb.head if _is_infinitive(verb) else None


def tells_an_act(noun: Token) -> bool:
    """The noun tells an act with who did it and to whom (see `act_headline`)."""
    return bool(_act_words(noun, set(), lambda _: ""))


def act_headline(noun: Token, skip: set[int], name_of: Namer) -> str:
    """The headline of a noun that tells an act with who did it and to whom ("the US
    indictment of 12 officers" → "US indicts 12 officers"; `title_act_nouns`); "" for any
    other noun."""
    return _as_headline(_act_words(noun, skip, name_of))


def _as_headline(words: list[str]) -> str:
    while len(words) > 2 and words[0].lower() in _LEADING_PREPOSITIONS and words[1].lower() not in ("least", "most"):
        words = words[1:]  # "(within hours) of polls opening": the subject without its preposition
    cut = len(words) > MAX_TITLE_WORDS
    words = words[:1] + [_lowered(w) for w in words[1:MAX_TITLE_WORDS]]
    while cut and len(words) > 1 and words[-1].lower() in _DANGLING_WORDS:
        words.pop()  # a headline cut short ends on a content word
    text = _tidy(" ".join(words))
    return text[:1].upper() + text[1:] if text else ""


@cache
def _acts() -> dict[str, tuple[str, bool]]:
    """Act noun → (the verb that tells it, whether its "of" names the doer)."""
    data = load_data("event_types")
    acts = {noun: (verb, False) for noun, verb in data["title_act_nouns"].items()}
    acts.update({noun: (verb, True) for noun, verb in data["title_doer_nouns"].items()})
    return acts


# Entities that can do an act a noun tells ("the US indictment", "Norland's invasion").
_DOER_ENTITIES = frozenset(("PERSON", "ORG", "GPE", "NORP"))


def _act_words(noun: Token, skip: set[int], name_of: Namer) -> list[str]:
    """`title_act_nouns`: "the US indictment of 12 officers" → "US indicts 12 officers";
    [] when the noun tells no act or the text does not say who did it to whom."""
    act = _acts().get(noun.lower_) or _acts().get(noun.lemma_.lower())
    if act is None or noun.tag_ not in ("NN", "NNP"):
        return []
    verb, of_names_doer = act
    of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i not in skip), None)
    target = next((c for c in of.children if c.dep_ == "pobj" and c.i not in skip), None) if of else None
    if target is None or target.ent_type_ in ("DATE", "TIME"):
        return []
    doer, done_to = (target, None) if of_names_doer else (_act_doer(noun, skip, name_of), target)
    if doer is None:
        return []
    who = [re.sub(r"['’]s?$", "", w) for w in _noun_phrase(doer, skip, name_of)]  # "Norland's" → "Norland"
    who = [w for w in who if w]
    plural = doer.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in doer.children)
    first, *rest = verb.split()
    words = [*who, _inflect(first, "VBP" if plural else "VBZ", first), *rest]
    return words + (_noun_phrase(done_to, skip, name_of) if done_to is not None else [])


def _act_doer(noun: Token, skip: set[int], name_of: Namer) -> Token | None:
    """Who did the act a noun tells: its owner ("Norland's invasion", "his arrest" of a
    resolved "his"), a name before it ("the US indictment"), or its "by" ("the arrest of
    Ann Lee by police")."""
    for child in noun.children:
        if child.i in skip:
            continue
        if child.dep_ == "poss" and (child.ent_type_ in _DOER_ENTITIES or name_of(child)):
            return child
        named = child.pos_ == "PROPN" and child.ent_type_ in _DOER_ENTITIES
        if child.dep_ == "compound" and child.i < noun.i and named:
            return child
        if child.dep_ == "agent" or child.dep_ == "prep" and child.lower_ == "by":
            agent = next((c for c in child.children if c.dep_ == "pobj" and c.i not in skip), None)
            if agent is not None and agent.ent_type_ not in ("DATE", "TIME"):
                return agent
    return None


def _impersonal_news(verb: Token) -> Token | None:
    """The verb of the clause an empty "it" announces ("it emerged that ...", "it was
    revealed that ...", "..., it emerged yesterday"; `impersonal` in event_types.yaml)."""
    if verb.pos_ != "VERB":
        return None
    spec = load_data("event_types")["impersonal"]
    subject = next((c for c in verb.children if c.lower_ == "it" and c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None:
        return None
    empty = spec["passive"] if subject.dep_ == "nsubjpass" else spec["active"]
    # "It became clear today that ...": a copula with an adjective of `impersonal.known`
    plain = _lemma(verb) in ("be", "become") and any(
        c.dep_ == "acomp" and c.lower_ in spec["known"] for c in verb.children
    )
    if verb.lower_ not in empty and not plain:
        return None
    for clause in verb.children:
        # "It was revealed yesterday, on the eve of ..., that ...": the parser may make the
        # that-clause a conjunct
        that = clause.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        if (clause.dep_ == "ccomp" or that) and clause.pos_ in ("VERB", "AUX") and has_subject(clause):
            return clause
    return None


def _lowered(word: str) -> str:
    """A preposition or conjunction the text capitalised by mistake ("proposed it During a
    call"): lower case inside a headline; names ("The Hague", "Of Mice") are not these words."""
    return word.lower() if word.istitle() and word.lower() in _MID_TITLE_WORDS else word


_MID_TITLE_WORDS = frozenset(
    ("during", "after", "before", "since", "until", "with", "without", "for", "from", "into", "onto", "over",
     "under", "about", "against", "amid", "among", "between", "through", "while", "and", "or", "but")
)

_LEADING_PREPOSITIONS = frozenset(("of", "for", "with", "in", "on", "at", "by", "from"))  # not "to": a plan
_DANGLING_WORDS = frozenset(
    ("a", "an", "the", "of", "to", "for", "with", "and", "or", "in", "on", "at", "by", "from", "that", "which", "its",
     "their", "his", "her")
)


_QUOTE_MARKS = DOUBLE_MARKS + SINGLE_MARKS + "`"  # "`" opens a quote in some corpora ("` I'll ...'")
_WRITERS_VOICE = frozenset(("i", "we", "you", "my", "our", "your", "let's"))
# A title made of a sentence's opening words stops after this many, on a content word.
OPENING_TITLE_WORDS = 10
_NOT_LAST = _DANGLING_WORDS | {"but", "as", "was", "is", "were", "are"}


def opening_title(text: str) -> str:
    """The first words of a sentence as a title, for one with no clause to headline
    ("Became a QC in 1979"); quoted where they are a quote or someone's own voice (a
    column's or a speech's "We went into ...", which no headline can name)."""
    quoted = text.lstrip()[:1] in _QUOTE_MARKS
    words = text.strip(" ,;:–-" + _QUOTE_MARKS).split()
    if not words:
        return ""
    voice = quoted or words[0].lower().strip(",") in _WRITERS_VOICE
    cut = len(words) > OPENING_TITLE_WORDS
    words = words[:OPENING_TITLE_WORDS]
    while cut and len(words) > 1 and words[-1].lower().strip(",;:") in _NOT_LAST:
        words.pop()
    title = " ".join(words).rstrip(",;:")
    title = title[:-1] if title.endswith(".") and not cut else title
    title = title[0].upper() + title[1:] + (" …" if cut else "")
    return f"“{title}”" if voice else title


def _context_subject(verb: Token, name_of: Namer) -> Token | None:
    """Who a subjectless participle's sentence is about: the subject of its main clause
    ("Peters advised ..., prophesying in 1997 ..." → Peters), a noun or a named person."""
    root = verb.sent.root
    if root.i == verb.i or verb.tag_ not in ("VBG", "VBN", "VB"):
        return None
    subject = _subject_of(root)
    if subject is None or subject.pos_ == "PRON" and not name_of(subject):
        return None
    return subject


@cache
def _milestones() -> tuple[frozenset[str], frozenset[str]]:
    data = load_data("event_types")["milestones"]
    return frozenset(str(w).lower() for w in data["words"]), frozenset(str(w).lower() for w in data["not_with"])


def tells_a_first(predicate: Token, date: TimeExpression | None = None) -> bool:
    """Whether the happening's clause tells it as a first or a milestone: "became the first
    state to sue", "the country's first elected mayor", "for the first time", "a
    historic agreement" (`milestones` in event_types.yaml). Not "the first lady" or "the
    first week": a fixed name, or an order in time. Words of the date itself do not count."""
    words, not_with = _milestones()
    tokens = list(predicate.subtree)
    if predicate.dep_ in ("acl", "relcl"):
        tokens += predicate.head.children  # "the first state to sue"
    for token in tokens:
        if token.lower_ not in words or (date is not None and date.start <= token.idx < date.end):
            continue
        head = token.head
        if head.lower_ == "time" and head.dep_ == "pobj" and head.head.lower_ == "for":
            return True  # "for the first time"
        if token.dep_ == "advmod" and head.dep_ == "amod" and token.i < head.i:
            head = head.head  # "the first elected president"
        elif token.dep_ != "amod":
            continue  # "came in first", "was first posted": in order, not a first
        if head.pos_ in ("NOUN", "PROPN") and not {head.lower_, head.lower_.removesuffix("s")} & not_with:
            return True
    return False


def has_subject(verb: Token) -> bool:
    """Whether a headline can say who did what the verb tells."""
    return _subject_of(verb) is not None or _expletive(verb) is not None


def _gerund_governor(verb: Token) -> Token | None:
    """The verb whose preposition a subjectless gerund follows ("committed to improving")."""
    if verb.pos_ != "VERB" or verb.dep_ != "pcomp" or verb.tag_ != "VBG":
        return None
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    if verb.head.lower_ in _words("title_adjunct_prepositions"):
        return None  # "before meeting his supporters": a happening of its own
    governor = verb.head.head
    return governor if governor.pos_ == "VERB" and governor.i != verb.head.i else None


def _governing_clause(noun: Token) -> Token | None:
    """The verb a noun is the subject of ("The election coincides with ..." → coincides)."""
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ == "VERB":
        return noun.head
    return None


def _acceptable(verb: Token, words: list[str], context: Token | None = None) -> bool:
    """A headline says who did what: a verb with a subject, and a copula or light verb
    with what it links ("Oil spill is" and "Releases its final report" are fragments).
    "We" and "you" are the writer's voice, no one a headline can name."""
    if not words:
        return False
    subject = _subject_of(verb) or context
    if subject is None and not _expletive(verb):
        return False
    if subject is not None and subject.lower_ in ("we", "you", "i") and words[0].lower() in ("we", "you", "i"):
        return False
    if words[-1].lower() in ("is", "are", "be", "was", "were", "been", "has", "have", "that", "which"):
        return False
    if len(words) > 1 and words[-1].lower() == "not" and words[-2].lower() in ("is", "are", "was", "were"):
        return False  # "... they are not": what they are not is elsewhere
    if _lemma(verb) in _words("title_light_verbs") and not any(
        c.dep_ in (*OBJECTS, "xcomp", "ccomp", "prep", "agent", "advmod", "prt") for c in verb.children
    ):
        return False
    return not (words[-1].lower() in ("is", "are", "be") and len(words) <= 3)


def _infinitive_of(noun: Token, skip: set[int]) -> Token | None:
    """The infinitive that completes a noun ("an attempt to end the fighting")."""
    return next((c for c in noun.rights if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and c.i not in skip
                 and _is_infinitive(c)), None)


def _infinitive_words(verb: Token, skip: set[int], name_of: Namer) -> list[str]:
    """"to end the fighting"; nothing when what the verb takes is lost (a date left out)."""
    taken = _complement_words(verb, skip, name_of)
    lost = not taken and any(c.i > verb.i and not c.is_punct for c in verb.children)  # "plans to start [...]"
    if lost or any(c.dep_ in OBJECTS for c in verb.children) and taken and taken[0].lower() in _LEADING_PREPOSITIONS:
        return []
    negated = any(c.dep_ == "neg" for c in verb.children)  # "pledged not to run": never "to run"
    return ["not to" if negated else "to", verb.text, *_particle_words(verb), *taken]


def _intent(verb: Token) -> bool:
    """"is due to release", "is set to visit": a plan, headlined "X to release"."""
    if verb.dep_ != "xcomp" or not _is_infinitive(verb):
        return False
    return verb.head.lower_ in _words("title_intent_words")


def _expletive(verb: Token) -> Token | None:
    """"There were similar concerns": what the "there" introduces (the attribute)."""
    if not any(c.dep_ == "expl" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ in ("attr", "nsubj", "dobj") and c.pos_ in ("NOUN", "PROPN")), None)


def _verb_clause(
    verb: Token, skip: set[int], name_of: Namer, depth: int, subject: Token | None = None
) -> list[str]:
    explained = _explained_clause(verb) if depth > 0 else None
    if explained is not None:  # "That is why the summit would be ..., he said" → what follows "why"
        return _verb_clause(explained, skip, name_of, depth)
    introduced = _expletive(verb)
    if introduced is not None:  # "There were similar concerns in 1991" → "Similar concerns"
        return _noun_phrase(introduced, skip, name_of, with_preps=True)
    subject = subject or _subject_of(verb)
    if subject is not None and verb.dep_ == "relcl" and any(t.lower_ in ("which", "whom") for t in subject.subtree):
        subject = verb.head  # "the interview, snippets of which were released" → the interview
    words: list[str] = []
    if subject is not None and not name_of(subject):
        subject = _antecedent(subject) or subject  # "It meets": what "it" stands for
    if subject is not None:
        # not "Plan to build X builds X"; whose the subject is only at the headline's top
        words += _subject_phrase(subject, skip | {verb.i}, name_of, owners=depth == 0)
        if words and words[0].lower() == "whose" and verb.dep_ == "relcl":
            words[:1] = _whose(verb.head, skip, name_of)  # "Ann Lee, whose son died": Ann Lee's son
    unresolved = subject is not None and subject.pos_ == "PRON" and not name_of(subject)
    words += _verb_words(verb, subject, unresolved)
    words += _particle_words(verb)
    reported = [c for c in verb.children if c.dep_ == "ccomp"]
    fronted = bool(reported) and reported[0].i < verb.i  # '"...," Lee told NATO allies'
    if is_speech_verb(verb) and fronted and depth == 0 and not _opens_sentence(reported[0]):
        told = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i and c.i not in skip]
        if told:  # the end of a quote before it is no headline: "Ann Lee tells NATO allies"
            return words + [w for t in told for w in _noun_phrase(t, skip, name_of)]
    if is_speech_verb(verb) and reported and depth == 0 and _quoted(reported[0]):
        # A direct quote heads as one: "Anna Berg: “We met today”".
        inner = [t for t in reported[0].subtree if not t.is_quote and t.i not in skip]
        quote = _tidy(_render(_cut(inner, MAX_PHRASE_WORDS + 3)).strip(" ,"))
        # an unresolved "he" names no one: the quote stands alone
        who = _noun_phrase(subject, skip, name_of) if subject is not None and not unresolved else []
        return [" ".join(who) + ":", f"“{quote}”"] if who else [f"“{quote}”"]
    if is_speech_verb(verb) and reported and depth == 0:
        told = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < reported[0].i and c.i not in skip]
        if told:
            words += _noun_phrase(told[0], skip, name_of)
        clause = reported[0]
        relayed = next((c for c in clause.children if c.dep_ == "ccomp"), None)
        if relayed is not None and is_speech_verb(clause) and any(c.dep_ == "nsubjpass" for c in clause.children):
            clause = relayed  # "announced it had been told that the talks failed": the news is what it was told
        inner = _verb_clause(clause, skip, name_of, depth + 1)
        speaker = _noun_phrase(subject, skip, name_of) if subject is not None else []
        inner_subject = _subject_of(clause)
        if speaker and inner[: len(speaker)] == speaker and inner_subject is not None and inner_subject.pos_ == "PRON":
            # "Browne said he would raise ..." → "Browne to raise ..."; with whom he told,
            # the pronoun stays: "Wereley tells committee he does not conceive of ...".
            return inner if not told else words + [inner_subject.lower_] + inner[len(speaker):]
        return words + inner
    objects = [c for c in verb.children if c.dep_ in OBJECTS and c.i not in skip
               and (c.lower_ not in RELATIVE_PRONOUNS or verb.dep_ == "relcl")]
    complements = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    if not complements and not any(c.dep_ in ("prep", "agent") and c.i not in skip for c in verb.children):
        # "vowed on Monday to look into claims": the infinitive the parser hung aside
        complements = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and c.pos_ in ("VERB", "AUX")
                       and _is_infinitive(c)]
    if not objects and not complements:
        # "discussed with the envoy on Monday setting up a hotline": the gerund the parser
        # hung aside is what was discussed (not one after a comma: "spoke, citing figures")
        complements = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and c.tag_ == "VBG"
                       and not any(g.dep_ in ("mark", *SUBJECTS) for g in c.children)
                       and not any(t.is_punct for t in verb.doc[verb.i + 1 : c.left_edge.i])]
    omitted = _omitted_object(verb) if not objects else None
    if objects and objects[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        # "the interview, which the network aired": what "which" stands for
        words += _noun_phrase(verb.head, skip, name_of)
    elif omitted is not None:
        words += _noun_phrase(omitted, skip, name_of)
    elif objects:
        words += _noun_phrase(objects[0], skip, name_of)
        aim = _infinitive_of(objects[0], skip)
        if aim is not None and depth == 0:  # "abandons its attempt to retake city"
            words = _with_aim(words, aim, skip, name_of)
    elif complements and depth < 2:
        # "decided not to attend": the "not" stays with its "to"
        inner = complements[0]
        marker = [c.text for c in inner.children if c.dep_ in ("neg", "aux", "auxpass") and c.i < inner.i]
        words += marker + [inner.text] + _particle_words(inner) + _complement_words(inner, skip, name_of)
        return words
    elif reported and depth < 1 and reported[0].pos_ == "ADJ":
        # "found Ann Lee guilty of fraud", "declared the vote void": a verbless small clause
        small = reported[0]
        inner_subject = _subject_of(small)
        if inner_subject is not None:
            words += _noun_phrase(inner_subject, skip, name_of)
        return words + [small.text] + _complement_words(small, skip, name_of, objects_done=True)
    elif reported and (depth < 1 or _subject_infinitive(reported[0])):
        return words + _verb_clause(reported[0], skip, name_of, depth + 1)
    words += _complement_words(verb, skip, name_of, objects_done=True)
    return words


def _omitted_object(verb: Token) -> Token | None:
    """The object a relative clause leaves out: the noun it tells of ("Nawaz Sharif, the
    prime minister he ousted in 1999" → Nawaz Sharif), for a verb that takes an object
    (`title_object_verbs`) and has its own subject and no object."""
    head = verb.head
    if verb.dep_ != "relcl" or head.pos_ not in ("NOUN", "PROPN") or _lemma(verb) not in _words("title_object_verbs"):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in RELATIVE_PRONOUNS or any(c.dep_ in OBJECTS for c in verb.children):
        return None
    if head.dep_ == "appos" and head.head.pos_ == "PROPN":
        return head.head  # "Nawaz Sharif, the prime minister he ousted": the name
    return head


def _subject_infinitive(clause: Token) -> bool:
    """"considers the president to be a partner": an object and its infinitive, which a
    headline cannot leave out ("Moscow considers" says nothing)."""
    return _is_infinitive(clause) and any(
        c.dep_ == "nsubj" for c in clause.children
    )


def _subject_phrase(subject: Token, skip: set[int], name_of: Namer, owners: bool = False) -> list[str]:
    """The subject with those it is joined to: "Russia and the US agree", "Lee and Roe sign";
    `owners`: whose it is ("His failure" → "Lee's failure", "Its shares" → "Norcorp's shares")."""
    words = _noun_phrase(subject, skip, name_of, owners=owners)
    joined = [c for c in subject.children if c.dep_ == "conj" and c.i not in skip and c.pos_ in ("PROPN", "NOUN")]
    if not joined or len(joined) > 2 or subject.pos_ == "PRON" and not name_of(subject):
        return words  # "he and Roe" joins only a "he" the people stage resolved
    for index, other in enumerate(joined):
        words += ["and" if index == len(joined) - 1 else ","] + _noun_phrase(other, skip, name_of)
    return words


def _explained_clause(verb: Token) -> Token | None:
    """"That is why the summit matters", "This is because talks failed": a copula whose
    subject points back says nothing; the clause it introduces tells what was said."""
    if _lemma(verb) != "be":
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ in ("that", "this", "it") for c in verb.children):
        return None
    clause = next((c for c in verb.children if c.dep_ in ("ccomp", "advcl") and c.i > verb.i), None)
    if clause is None or not any(c.dep_ in SUBJECTS for c in clause.children):
        return None
    return clause


def _particle_words(verb: Token) -> list[str]:
    """"go ahead", "set up", "walked away from": the particle or adverb right after the verb belongs to it."""
    return [c.text for c in verb.rights if c.i == verb.i + 1 and (
        c.dep_ == "prt" or c.dep_ == "advmod" and (c.n_rights == 0 or c.lower_ in _words("title_particles"))
    ) and c.lower_ not in ("also", "not", "yesterday", "today", "tomorrow", "now", "then")]


def _quoted(clause: Token) -> bool:
    """A direct quote: the reported clause opens with a quotation mark. "Said that
    defences were “useless”" quotes a word inside indirect speech."""
    if any(c.dep_ == "mark" for c in clause.children):
        return False
    first = clause.left_edge
    return first.is_quote or (first.i > 0 and clause.doc[first.i - 1].is_quote)


def _opens_sentence(clause: Token) -> bool:
    """A whole quote: it opens its sentence with a quotation mark and a capital ('“We met,”
    Lee told reporters'), not the end of one begun before ('… against it,” Lee told allies')."""
    first = clause.left_edge
    start = first.sent.start
    if not clause.doc[start].is_quote or first.i > start + 1:
        return False
    word = clause.doc[start + 1] if start + 1 < len(clause.doc) else first
    return word.text[:1].isupper()


# Words a cut-short quote or phrase must not end on ("… his Freedom Pass that").
_DANGLING_POS = frozenset(("DET", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "PRON", "PUNCT"))


def _cut(tokens: list[Token], limit: int) -> list[Token]:
    """At most `limit` words, ending on a content word; an ellipsis token marks a cut."""
    if len(tokens) <= limit:
        return tokens
    kept = tokens[:limit]
    while len(kept) > 1 and (kept[-1].pos_ in _DANGLING_POS or kept[-1].lower_ in RELATIVE_PRONOUNS):
        kept.pop()
    return [*kept, _ELLIPSIS]


class _Named:
    """A possessive pronoun put as whose it is: "his tweet" → "Lee's tweet"."""

    pos_ = "PROPN"

    def __init__(self, token: Token, name: str) -> None:
        plural = token.lower_ == "their" and name.endswith("s")
        self.text, self.whitespace_, self.i = f"{name}'" if plural else f"{name}'s", token.whitespace_, token.i


def _owner(token: Token, name_of: Namer) -> Token | _Named:
    name = name_of(token) if token.pos_ == "PRON" and token.lower_ in ("his", "her") else ""
    if token.pos_ == "PRON" and token.lower_ in ("its", "their"):
        if token.head.dep_ in ("nsubj", "nsubjpass"):
            # "Its shares shed 13%": whose the subject is, a body the sentences before are about
            referent = _antecedent(token)
            if referent is not None and referent.ent_type_ in ("ORG", "GPE", "NORP"):
                name = _short_words(referent)
        else:
            name = _clause_subject_words(token.head)
    return _Named(token, name) if name else token


def _clause_subject_words(noun: Token) -> str:
    """The subject of the clause a noun hangs in, shortly ("the interim cabinet" →
    "interim cabinet"): whose "its inauguration" is, in "the cabinet met a day after
    its inauguration"."""
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = _subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
    return _short_words(subject) if subject is not None else ""


def _short_words(noun: Token) -> str:
    """A noun with the words before it, shortly ("the interim cabinet" → "interim cabinet")."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return ""
    words = [t for t in noun.subtree if t.i <= noun.i and t.dep_ not in ("det", "punct")]
    return " ".join(t.text for t in words[-4:])


class _Ellipsis:
    text = "…"
    whitespace_ = ""
    i = -2


_ELLIPSIS = _Ellipsis()


def _render(tokens: list) -> str:
    """Tokens as the text has them: "US-led", "$230", "#3m" (no space the text does not have)."""
    out: list[str] = []
    for index, token in enumerate(tokens):
        out.append(token.text)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is None:
            break
        if isinstance(following, _Ellipsis):
            continue
        out.append(token.whitespace_ if following.i == token.i + 1 else " ")
    return "".join(out)


def _complement_words(verb: Token, skip: set[int], name_of: Namer, objects_done: bool = False) -> list[str]:
    words: list[str] = []
    if not objects_done:
        objects = [c for c in verb.children if c.dep_ in OBJECTS and c.i not in skip]
        if objects:
            return _noun_phrase(objects[0], skip, name_of)
    # "walked away from the talks": the preposition may hang on the particle
    particles = [c for c in verb.rights if c.i == verb.i + 1 and c.dep_ in ("prt", "advmod")]
    for child in [*verb.children, *(c for p in particles for c in p.children)]:
        if child.dep_ in ("prep", "agent") and child.i > verb.i and child.i not in skip:
            gerund = next((c for c in child.children if c.dep_ == "pcomp" and c.pos_ == "VERB"), None)
            if gerund is not None and gerund.i not in skip:
                # "committed to improving its record": the gerund and what it takes
                words += [child.text, gerund.text, *_complement_words(gerund, skip, name_of)]
                break
            objects = [c for c in child.children if c.dep_ == "pobj"]
            purposive = bool(objects) and objects[0].lower_ in _words("title_purpose_nouns")
            purpose = _infinitive_of(objects[0], skip) if purposive else None
            if purpose is not None:
                words += _infinitive_words(purpose, skip, name_of)  # "in an attempt to end X": to end X
                break
            if objects and objects[0].i not in skip and objects[0].ent_type_ not in ("DATE", "TIME"):
                words += [child.text, *_noun_phrase(objects[0], skip, name_of)]
                break
    return words


RELATIVE_PRONOUNS = frozenset(("which", "who", "that", "whom", "whose"))


def _subject_of(verb: Token) -> Token | None:
    """Who does what the verb tells: its own subject (the nearest before it, when a
    misparse gives it two), else the subject it shares: a conjoined verb's
    ("arrived and met"), a complement's ("is due to release", "decided to go"), a
    participle's or gerund's ("after being kidnapped", "committed to improving";
    "accused the government of using" → the government)."""
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in SUBJECTS]
        if subjects:
            before = [c for c in subjects if c.i < token.i]
            # "The interview, snippets of which were released": the noun, not the relative phrase
            plain = [c for c in before if not any(t.lower_ in ("which", "whom") for t in c.subtree)]
            child = plain[-1] if plain else before[-1] if before else subjects[0]
            if child.lower_ in RELATIVE_PRONOUNS and token.dep_ in ("relcl", "acl") and token.head.i != token.i:
                return token.head  # "the law, which passed in July" → the law passed
            return child
        if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head  # "sanctions imposed in April": the sanctions
        if token.head.i == token.i:
            break
        if token.dep_ == "pcomp" and token.head.pos_ in ("ADP", "SCONJ") and token.head.head.i != token.head.i:
            governor = token.head.head
            told = [c for c in governor.children if c.dep_ == "dobj" and c.i < token.head.i]
            if told and governor.pos_ == "VERB" and token.head.lower_ not in _words("title_adjunct_prepositions"):
                return told[0]  # "accused the government of using ..."
            token = governor
            continue
        # A conjoined or complement verb shares its head's subject ("arrived and met");
        # so does a participle ("trying to find out"), not a finite clause ("since it exploded").
        if token.dep_ in ("conj", "xcomp", "acomp") or token.dep_ == "advcl" and token.tag_ in ("VBG", "VBN", "VB"):
            token = token.head
            continue
        break
    return None


def _misattached_subject(verb: Token) -> Token | None:
    """The subject of a finite verb that the parser hung elsewhere: the name right before it
    ("after talks with Gen Roe, Ms Lee yesterday declared", where "Lee" became Roe's
    apposition; "On Friday Lee said", where "Lee" became the object of "On"), or the
    subject of a verb before it that the parser made its clause ("Lee backtracked ...,
    yesterday declared")."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ not in ("ROOT", "ccomp", "conj"):
        return None
    for clause in verb.lefts:
        # "Lee, urged by the party, backtracked from ..., yesterday declared": a finite clause
        # with no word that subordinates it is the first of two verbs with one subject
        if clause.dep_ == "advcl" and clause.tag_ in ("VBD", "VBZ", "VBP") and not any(
            c.dep_ in ("mark", "advmod") and c.i < clause.i for c in clause.children
        ):
            subject = next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)
            if subject is not None:
                return subject
    doc, index = verb.doc, verb.i - 1
    while index >= verb.sent.start and doc[index].dep_ in ("advmod", "npadvmod") and doc[index].head.i == verb.i:
        index -= 1  # "Ms Lee yesterday declared"
    if index < verb.sent.start:
        return None
    name = doc[index]
    misattached = name.dep_ in ("appos", "pobj", "compound", "conj")
    return name if misattached and name.pos_ == "PROPN" and name.ent_type_ in _SUBJECT_ENTITIES else None


_SUBJECT_ENTITIES = frozenset(("PERSON", "ORG", "NORP", "GPE"))


# Pronouns a headline cannot show: each stands for a thing or group of that number.
THING_PRONOUNS = {"it": ("NN", "NNP"), "they": ("NNS", "NNPS"), "its": ("NN", "NNP"), "their": ("NNS", "NNPS")}


def _antecedent(pronoun: Token) -> Token | None:
    """What "it" or "they" stands for: the nearest earlier subject noun of its number,
    in its own sentence or the one before ("The council met. It voted ..." → council);
    None for an "it" that introduces a clause."""
    tags = THING_PRONOUNS.get(pronoun.lower_) if pronoun.pos_ == "PRON" else None
    if tags is None:
        return None
    if pronoun.lower_ == "it" and any(c.dep_ in ("ccomp", "csubj") for c in pronoun.head.children):
        return None  # "It emerged that ...": an "it" that stands for nothing
    first = pronoun.sent.start
    if first > 0:
        first = pronoun.doc[first - 1].sent.start
    for token in reversed(pronoun.doc[first : pronoun.i]):
        if token.dep_ in ("nsubj", "nsubjpass") and token.tag_ in tags and not token.ent_type_ == "PERSON":
            return token
    return _reporting_body(pronoun) if pronoun.lower_ == "they" else None


def _object_antecedent(pronoun: Token) -> Token | None:
    """What an object "it" or "they" stands for when the sentence before has exactly one
    object of its number, a thing ("Russia backs the Paris Agreement. Lee walked away from
    it last year." → the Paris Agreement); None where that is not clear."""
    tags = THING_PRONOUNS.get(pronoun.lower_)
    if tags is None or pronoun.dep_ not in ("dobj", "pobj") or pronoun.sent.start == 0:
        return None
    before = pronoun.doc[pronoun.sent.start - 1].sent
    if any(t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("dobj", "pobj") and t.i < pronoun.i
           for t in pronoun.sent if t.i < pronoun.i):
        return None  # a nearer thing in its own sentence could be meant
    objects = [t for t in before if t.dep_ == "dobj" and t.tag_ in tags and t.ent_type_ != "PERSON"]
    if len(objects) != 1 or any(c.dep_ == "conj" for c in objects[0].children):
        return None  # "backs the accord and the treaty": which one?
    return objects[0]


def _reporting_body(pronoun: Token) -> Token | None:
    """A body that reports its own plan as "they" ("The prosecution announced they would
    appeal"): the singular subject of the speech verb over the clause, if it names no person
    or office ("The minister said they would appeal" leaves "they" as it is)."""
    clause = pronoun.head
    if pronoun.dep_ != "nsubj" or clause.dep_ != "ccomp" or not is_speech_verb(clause.head):
        return None
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.tag_ != "NN" or speaker.ent_type_ or speaker.lower_ in knowledge().role_nouns:
        return None
    return speaker


def _verb_words(verb: Token, subject: Token | None, pronoun_subject: bool = False) -> list[str]:
    """The verb in headline form; `pronoun_subject`: its subject is a pronoun the headline
    keeps ("they"), which a plan's "to" cannot follow ("they will appeal")."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    passive = any(c.dep_ == "auxpass" for c in auxiliaries)
    negated = any(c.dep_ == "neg" for c in verb.children)  # "did not go", and "is not viable" after it
    future = any(c.lower_ in FUTURE_MODALS for c in auxiliaries)
    no_longer = any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in verb.children)
    # "could fail", "may not work": what may come is no fact ("plan fails" would say it did)
    modal = next((c for c in auxiliaries if c.tag_ == "MD" and c.lower_ not in FUTURE_MODALS), None)
    if modal is not None:
        words = [_MODAL_SPELLING.get(modal.lower_, modal.lower_)] + (["not"] if negated else [])
        return [*words, "be", verb.text] if passive else [*words, _lemma(verb)]
    if passive and future:  # "troops will be sent" → "Troops to be sent", not a fact yet
        return ["not to be" if negated else "to be", verb.text]
    if passive:  # "was killed" → "killed" ("Governor of Baghdad assassinated")
        return (["not"] if negated else ["no longer"] if no_longer else []) + [verb.text]
    own_subject = any(c.dep_ in SUBJECTS for c in verb.children)
    # "the agreements signed in 2015"; "Appointed judge in 1953, Lee ...": passives
    participle = verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") or verb.dep_ == "advcl" and verb.tag_ == "VBN"

    shared_passive = verb.tag_ == "VBN" and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.head.children)
    if all(c.dep_ == "neg" for c in auxiliaries) and not own_subject and (participle or shared_passive):
        # "the agreements signed in 2015" → "Agreements signed"; a sentence's first word
        # lowered; "a service, not named in the report" → "Service not named in report"
        return (["not"] if negated else []) + [verb.lower_ if verb.i == verb.sent.start else verb.text]
    takes_object = _lemma(verb) in _words("title_object_verbs")
    if not auxiliaries and own_subject and verb.tag_ == "VBD" and takes_object and not any(
        c.dep_ in (*OBJECTS, "ccomp", "xcomp") for c in verb.children
    ) and _omitted_object(verb) is None:
        return [verb.text]  # a headline's passive: "Ann Lee sentenced to life"
    lemma = _lemma(verb)
    if _intent(verb):
        return ["not to" if negated else "to", lemma]  # "is due to release" → "to release"
    if future:
        if pronoun_subject:
            return ["will not" if negated else "will", lemma]
        return ["not to" if negated else "to", lemma]
    if verb.tag_ == "VB" and own_subject and any(c.lower_ == "to" for c in auxiliaries):
        return ["to", verb.lower_]  # "considers the president to be a partner" keeps its infinitive
    plural = subject is not None and (
        subject.tag_ in ("NNS", "NNPS") or subject.lower_ in ("they", "we", "i", "you")
        or any(c.dep_ == "conj" for c in subject.children)
    )
    if negated:
        if lemma == "be":
            return [_inflect("be", "VBP" if plural else "VBZ", verb.text), "not"]
        return ["do not" if plural else "does not", lemma]
    if no_longer:  # "the army no longer controls the city", not "army controls city"
        return ["no longer", _inflect(lemma, "VBP" if plural else "VBZ", verb.text)]
    if verb.tag_ in ("VBG",) and not auxiliaries and (subject is None or subject.head.i == verb.i):
        return [verb.text]
    return [_inflect(lemma, "VBP" if plural else "VBZ", verb.text)]


def _lemma(verb: Token) -> str:
    from lemminflect import getLemma

    lemmas = getLemma(verb.lower_, upos="AUX" if verb.pos_ == "AUX" else "VERB")
    return lemmas[0] if lemmas else verb.lower_


def _inflect(lemma: str, tag: str, fallback: str) -> str:
    from lemminflect import getInflection

    if lemma == "be":
        return "is" if tag == "VBZ" else "are"
    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else fallback


def _noun_phrase(
    head: Token, skip: set[int], name_of: Namer, with_preps: bool = False, owners: bool = False
) -> list[str]:
    """The noun's short phrase; `owners`: a headline of the noun alone says whose it is
    ("his tweet" → "Lee's tweet"; inside a clause "his" is the subject's own)."""
    name = name_of(head)
    if name:
        return [name]
    if head.pos_ == "PRON":
        referent = _object_antecedent(head)
        if referent is not None:
            return _noun_phrase(referent, skip, name_of)
        return [head.text.lower() if head.lower_ not in ("i",) else head.text]
    named = next((name_of(c) for c in head.children if c.dep_ == "appos" and c.i not in skip and name_of(c)), "")
    if named:
        return [named]  # "his wife, Ann Lee," heads as the name
    kept = _phrase_tokens(head, skip, with_preps)
    while kept and kept[0].pos_ == "DET" and kept[0].lower_ in ("the", "a", "an", "this", "that", "these", "those"):
        kept = kept[1:]
    while len(kept) > 1 and kept[-1].pos_ in ("DET", "ADP", "CCONJ"):
        kept = kept[:-1]  # "conditions of a [2014] case" never ends "of a"
    indices = {t.i for t in kept}
    kept = [t for t in kept if not _is_infix(t) or {t.i - 1, t.i + 1} <= indices]  # "oil-and-water" cut to "oil"
    shown = [_owner(t, name_of) if owners and t.dep_ == "poss" and t.head.i == head.i else t for t in _cut_phrase(kept)]
    words = [w for w in _render(shown).split(" ") if w]
    completing = _infinitive_of(head, skip) if head.lower_ in _words("title_infinitive_nouns") else None
    if completing is not None and len(words) < MAX_PHRASE_WORDS:
        words += _infinitive_words(completing, skip, name_of)  # "the need to repair the dam"
    return words


def _cut_phrase(tokens: list[Token]) -> list[Token]:
    """At most MAX_PHRASE_WORDS words (a hyphen joins two into one), not ending on a
    function word ("oil spill from a BP-owned Alaska" loses its cut-off tail)."""
    kept: list[Token] = []
    words = 0
    for token in tokens:
        if not _is_infix(token):
            words += 1
        if words > MAX_PHRASE_WORDS and not _inside_name(kept, token):
            while kept and (kept[-1].pos_ in _DANGLING_POS or _is_infix(kept[-1])):
                kept.pop()
            break
        kept.append(token)
    return kept


def _inside_name(kept: list[Token], token: Token) -> bool:
    """`token` goes on the name `kept` ends in ("prime minister Nawaz | Sharif"): a cut
    there would leave half a name, so the name is kept whole (up to three words more)."""
    if not kept or token.pos_ != "PROPN" or kept[-1].pos_ != "PROPN" or token.i != kept[-1].i + 1:
        return False
    run = 0
    for previous in reversed(kept):
        if previous.pos_ != "PROPN":
            break
        run += 1
    return run < 4


def _is_infix(token: Token) -> bool:
    """The hyphen of "US-led": no space either side."""
    doc = token.doc
    return (
        token.text in ("-", "–", "/")
        and not token.whitespace_
        and token.i > 0
        and not doc[token.i - 1].whitespace_
        and token.i + 1 < len(doc)
    )


def _phrase_tokens(head: Token, skip: set[int], with_preps: bool) -> list[Token]:
    kept: list[Token] = []

    def walk(token: Token, top: bool) -> None:
        for child in token.lefts:
            if child.i not in skip and (child.dep_ not in CLAUSAL_DEPS or _is_infix(child)):
                walk(child, False)
        kept.append(token)
        for child in token.rights:
            if child.i in skip or child.dep_ in ("relcl", "acl", "appos", "cc", "conj", "advcl", "ccomp"):
                continue
            if child.dep_ == "punct" and not _is_infix(child):
                continue
            if child.dep_ == "prep" and not (top and (with_preps or child.lower_ == "of")):
                continue
            if child.dep_ == "prep" and all(g.i in skip for g in child.children):
                continue  # "his address before [the date]": nothing left of the phrase
            walk(child, False)

    walk(head, True)
    # A headline never holds a time: "Friday 21 January 2005 00.05 GMT" is the article's stamp.
    return sorted(
        (t for t in kept if t.i not in skip and t.ent_type_ not in ("DATE", "TIME") and not _is_clock(t)),
        key=lambda t: t.i,
    )


# A clock time and its time zone, which the parser may not tag as a time ("13.32 GMT").
_CLOCK = re.compile(r"^\d{1,2}[.:]\d{2}$")
_ZONE = re.compile(r"^(?:[A-Z]{1,3}[SD]?T|UTC)$")


def _is_clock(token: Token) -> bool:
    if _CLOCK.match(token.text):
        return True
    return token.i > 0 and bool(_ZONE.match(token.text)) and bool(_CLOCK.match(token.doc[token.i - 1].text))


_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?%')\]’”])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[‘“])\s+")


def _tidy(text: str) -> str:
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _SPACE_AFTER_OPEN.sub(r"\1", text)
    text = text.replace(" 's", "'s").replace(" ’s", "’s").replace(" n't", "n't")
    return text.strip(" ,;:-–—")
