"""Event summaries: the sentence that states a happening, readable on its own.

A sentence read out of its article may lean on the one before it: "But" and
"However," tie it to what came first; "He" or "It" name someone or something
the reader has not met. A summary drops the leading link, names a person the
people stage resolved ("He said …" → "Jane Doe said …"), and where the subject
points back to something it cannot name ("It sank on Tuesday.") takes the
sentence before along, or only the event's own clause when that clause says
who acted. Quotes cut by the sentence split or by shortening are closed, and
the summary starts with a capital.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from generator.knowledge import load_data
from generator.model import Person

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MAX_SUMMARY_CHARS = 240
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Pronouns the people stage resolves, by the form a name takes in their place.
_PERSONAL = frozenset(("he", "she"))
_POSSESSIVE = frozenset(("his", "her"))


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(load_data("event_types")[key])


def summary(
    sentence: Span, person_at: dict[int, str], people: dict[str, Person], predicate: Token | None = None
) -> str:
    """The sentence, readable on its own (see the module's docstring)."""
    tokens = _without_links(sentence)
    subject = _main_subject(sentence)
    before = _previous(sentence)
    if before is not None and _leans_back(before, person_at, people):
        before = None  # no context to read the sentence by
    with_before = _text([*_without_links(before), *tokens], person_at, people) if before is not None else ""
    if subject is not None and _points_back(subject, person_at, people):
        if with_before and len(with_before) <= MAX_SUMMARY_CHARS:
            return _finish(with_before)
        named = _antecedent(before, subject) if before is not None else ""
        if named:  # "Al-Jazeera, owned by …, has fallen foul … It was banned" → "Al-Jazeera was banned"
            return _finish(_text(tokens, person_at, people, {subject.i: named}))
        clause = _own_clause(sentence, predicate, person_at, people)
        if clause is not None:
            return _finish(_text(clause[0], person_at, people, clause[1]))
    elif predicate is not None and _object_points_back(predicate) and with_before:
        # "Trump walked away from it last year": what "it" is, the sentence before says
        if len(with_before) <= MAX_SUMMARY_CHARS:
            return _finish(with_before)
    return _finish(_text(tokens, person_at, people))


def _object_points_back(predicate: Token) -> bool:
    """The happening's verb acts on an "it" or "them" ("signed it", "walked away from it")."""
    reach = [predicate]
    for _ in range(3):  # verb → "away" → "from" → "it"
        reach = [c for t in reach for c in t.children if c.dep_ in ("dobj", "pobj", "prep", "prt", "advmod")]
        if any(t.lower_ in ("it", "them") and t.dep_ in ("dobj", "pobj") for t in reach):
            return True
    return False


# Named things an "it" or "they" may stand for, by the named-entity label of the name.
_THING_LABELS = frozenset(("ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"))


def _antecedent(before: Span, pronoun: Token) -> str:
    """The name an "it"/"they" subject stands for: the subject of the sentence before when
    that is a named organisation, country or thing of the same number ("BP … It said")."""
    subject = _main_subject(before)
    if subject is None or pronoun.lower_ not in ("it", "they") or not subject.ent_type_:
        return ""
    if subject.ent_type_ not in _THING_LABELS or subject.pos_ != "PROPN":
        return ""
    plural = subject.tag_ == "NNPS"
    if (pronoun.lower_ == "it") == plural:
        return ""
    entity = next((e for e in before.ents if e.start <= subject.i < e.end), None)
    if entity is None or entity.end - 1 != subject.i:
        return ""  # "the Bank of England" as a name whose head is not its last word: left alone
    return " ".join(t.lower_ if t.dep_ == "det" else t.text for t in entity)  # "the Baltic Ferry Company"


def _without_links(sentence: Span) -> list[Token]:
    """The sentence's tokens without its leading links ("But", "However,", "And so")."""
    tokens = list(sentence)
    root = sentence.root
    while tokens and tokens[0].lower_ in _words("summary_links") and _links_clause(tokens[0], root):
        tokens = tokens[1:]
        while tokens and tokens[0].is_punct and tokens[0].text in ",;:-–—":
            tokens = tokens[1:]
    return tokens if any(not t.is_punct for t in tokens) else list(sentence)


def _links_clause(token: Token, root: Token) -> bool:
    """A link of the whole clause ("But", "However,", "Meanwhile the …"), not a word of the
    phrase after it ("So far", "Then-president")."""
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if token.dep_ == "cc" or (after is not None and after.text == ","):
        return True
    return token.head.pos_ in ("VERB", "AUX") and token.dep_ in ("advmod", "cc", "prep", "intj", "mark", "dep")


def _main_subject(sentence: Span) -> Token | None:
    """The subject a reader meets first: of the main verb, or of a clause before it
    ("That is why the talks failed, she said")."""
    root = sentence.root
    heads = {root.i} | {c.i for c in root.children if c.dep_ in ("ccomp", "conj") and c.i < root.i}
    return next((t for t in sentence if t.dep_ in SUBJECT_DEPS and t.head.i in heads), None)


def _points_back(subject: Token, person_at: dict[int, str], people: dict[str, Person]) -> bool:
    """A subject that names nothing by itself: "It", "They", "That", an unresolved "He",
    or one such a pronoun owns ("Their meeting")."""
    for token in subject.subtree:
        if token.i == subject.i or not _pointer(token, person_at, people):
            continue
        if token.dep_ == "poss" and token.i == subject.left_edge.i:
            return True  # "Their meeting" (not "The US and its allies")
        if token.dep_ == "pobj" and token.lower_ in ("this", "that", "these", "those"):
            return True  # "One venue for that"
    return _pointer(subject, person_at, people) and not (subject.lower_ == "it" and _dummy_it(subject))


def _pointer(token: Token, person_at: dict[int, str], people: dict[str, Person]) -> bool:
    if token.lower_ not in _words("summary_pointers") or token.pos_ not in ("PRON", "DET"):
        return False
    if any(c.dep_ in ("relcl", "acl", "prep", "appos") for c in token.children):
        return False  # "Those who serve", "that of the panel": named by what follows
    return not (token.lower_ in _PERSONAL | _POSSESSIVE and person_at.get(token.idx) in people)


def _dummy_it(subject: Token) -> bool:
    """ "It is likely that …", "It seems the talks …": an "it" that stands for the clause after."""
    verb = subject.head
    if subject.dep_ == "nsubjpass":  # "It was revealed that …", "it is thought the talks …"
        return any(c.dep_ == "ccomp" for c in verb.children)
    if verb.lemma_.lower() not in _words("summary_empty_verbs"):
        return False
    return any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in verb.children)


def _leans_back(sentence: Span, person_at: dict[int, str], people: dict[str, Person]) -> bool:
    subject = _main_subject(sentence)
    return subject is None or _points_back(subject, person_at, people)


def _previous(sentence: Span) -> Span | None:
    if sentence.start == 0:
        return None
    before = sentence.doc[sentence.start - 1].sent
    words = [t for t in before if not t.is_space]
    # A heading (no full stop) or a fragment is no context to read the sentence by.
    if not words or words[-1].text not in (".", "!", "?", '"', "”", "'", "’") or not any(t.is_alpha for t in words):
        return None
    return before


def _own_clause(
    sentence: Span, predicate: Token | None, person_at: dict[int, str], people: dict[str, Person]
) -> tuple[list[Token], dict[int, str]] | None:
    """The event's clause alone, when it is a clause of its own with a subject that names
    something ("It said the troops had left on Monday" → "The troops had left on Monday";
    "… the panel, which was formed in May" → "The panel was formed in May"), with the
    words that replace its relative pronoun."""
    if predicate is None or predicate.pos_ not in ("VERB", "AUX") or predicate.i == sentence.root.i:
        return None
    if predicate.dep_ not in ("ccomp", "conj", "advcl", "relcl"):
        return None
    subject = next((c for c in predicate.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or _points_back(subject, person_at, people):
        return None
    replaced: dict[int, str] = {}
    if subject.lower_ in ("who", "which", "that"):
        if predicate.dep_ != "relcl" or predicate.head.pos_ not in ("NOUN", "PROPN"):
            return None
        named = _antecedent_words(predicate.head, predicate)
        if named is None:
            return None
        replaced[subject.i] = named
    # Without what makes it a subordinate clause: "that", "when", "because".
    tokens = [
        t
        for t in predicate.subtree
        if not (t.head.i == predicate.i and (t.dep_ == "mark" or (t.dep_ == "advmod" and t.tag_ == "WRB")))
    ]
    if predicate.dep_ == "conj":  # "… and the rig sank": the conjunct's own words only
        inner = {x.i for c in predicate.children if c.dep_ in ("conj", "cc") for x in c.subtree}
        tokens = [t for t in tokens if t.i not in inner]
    if len(tokens) < 4:
        return None
    end = next(t for t in reversed(sentence) if not t.is_space)
    if end.is_punct and end.text in ".!?" and tokens[-1].i != end.i:
        tokens.append(end)
    return tokens, replaced


def _antecedent_words(noun: Token, clause: Token) -> str | None:
    """The noun phrase a relative clause hangs on, without that clause: "the joint panel
    on cyber-security" of "the joint panel on cyber-security, which was discussed …"."""
    inside = {t.i for t in clause.subtree}
    words = [t for t in noun.subtree if t.i not in inside and t.i <= clause.left_edge.i]
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    if not words or len(words) > 12 or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    text = "".join(t.text + t.whitespace_ for t in words).strip()
    return text[:1].lower() + text[1:] if words[0].dep_ == "det" else text


def _text(
    tokens: Iterable[Token],
    person_at: dict[int, str],
    people: dict[str, Person],
    replaced: dict[int, str] | None = None,
) -> str:
    """The tokens as text, a resolved person pronoun of a subject named by the person's
    full name where the summary names them first ("He said" → "Jane Doe said"; "Jane Doe
    said he would go" keeps "he")."""
    tokens = list(tokens)
    subjects = _subject_tokens(tokens)
    named: set[str] = set()
    parts: list[str] = []
    for token in tokens:
        word = (replaced or {}).get(token.i, token.text)
        person = person_at.get(token.idx)
        if person in people:
            first = person not in named
            if first and token.i in subjects and token.lower_ in _PERSONAL | _POSSESSIVE:
                possessive = token.lower_ in _POSSESSIVE and token.tag_ == "PRP$"
                word = people[person].name + ("'s" if possessive else "")
            named.add(person)
        parts.append(word + token.whitespace_)
    return " ".join("".join(parts).split())


def _subject_tokens(tokens: list[Token]) -> set[int]:
    """Indices of pronouns that are a clause's subject or its subject's possessor ("his
    aide said"), and a leading possessive ("His visit …")."""
    found = set()
    for token in tokens:
        if token.dep_ in SUBJECT_DEPS:
            found.add(token.i)
        elif token.dep_ == "poss" and (token.head.dep_ in SUBJECT_DEPS or token.i == tokens[0].i):
            found.add(token.i)
    return found


def _finish(text: str) -> str:
    text = text.strip()
    if len(text) > MAX_SUMMARY_CHARS:
        text = text[: MAX_SUMMARY_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    text = balance_quotes(text)
    return _capitalised(text)


def _capitalised(text: str) -> str:
    """The first letter upper-case, after any opening quote or bracket."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
        if char.isdigit():
            break
    return text


# Quote marks that open and close, by pair; straight double quotes both open and close.
_PAIRS = (("“", "”"), ("`", "'"), ('"', '"'))


def balance_quotes(text: str) -> str:
    """Quote marks in pairs: a quote cut at the end is closed, one that began in the
    sentence before is opened at the start, a lone closing mark at the very end dropped."""
    for opener, closer in _PAIRS:
        depth, unopened = 0, 0
        for index, char in enumerate(text):
            if char not in (opener, closer):
                continue
            if opener == closer:
                opens = _opens(text, index)
            elif char == closer:
                if not _closes(text, index):
                    continue  # an apostrophe ("BP's", "workers'")
                opens = False
            else:
                opens = True
            if opens:
                depth += 1
            elif depth:
                depth -= 1
            else:
                unopened += 1
        if unopened and opener != "`":
            text = opener * unopened + text
        elif unopened and text.endswith(closer) and text[-2:-1] in ".!?":
            text = text[:-1]  # a quote of the sentence before, closed here: drop the mark
        if depth:
            text += closer * depth
    return text


def _opens(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:") and not after.isspace()


def _closes(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)…")
