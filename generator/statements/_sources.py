"""Speakers who are not a person we can name: "a State Department spokesman",
"the Kremlin", "officials familiar with the talks", "Smith's campaign".

Such statements keep a label, the words the text gives its source, so that a
reader sees who is behind them instead of nothing. "It said" and "they said"
take the label of the organisation or group speaking just before, or of the
organisation named just before.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from generator.statements._attribution import Attribution, Cue

_SUBJECTS = ("nsubj", "nsubjpass")
# Parts of a subject phrase that describe it rather than name it ("..., who has ...",
# "even Brazil", "the ministry this week").
_NOT_LABEL = ("relcl", "appos", "acl", "punct", "advcl", "parataxis", "advmod", "npadvmod")
_RELATIVES = ("who", "which", "that")
_GROUP_PRONOUNS = ("it", "they")
_PERSONAL_PRONOUNS = ("he", "she", "i", "we", "you", "him", "her", "them", "me", "us")
_ORGANISATION_ENTITIES = ("ORG", "NORP", "GPE")
# How far back (in sentences) "it" or "they" looks for its organisation.
_LOOKBACK_SENTENCES = 3
_MAX_LABEL_WORDS = 12


def source_phrase(attribution: Attribution, cue: Cue) -> Token | None:
    """The phrase head a cue names as its source: a speech verb's subject, the object of
    "according to", or the cue token itself (a name after a dash)."""
    token = attribution.doc[cue.token]
    if token.lower_ == "according":
        to = next((c for c in token.children if c.lower_ == "to"), None)
        return next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        return attribution.subject_of(token)
    return token if token.pos_ in ("NOUN", "PROPN") else None


def phrase_label(attribution: Attribution, head: Token, names: dict[str, str]) -> str:
    """The words of a noun phrase without its relative clauses and appositions, with a
    possessive pronoun replaced by the person it stands for ("his campaign" -> "X's
    campaign") when the people stage resolved it."""
    keep: list[Token] = []

    def walk(token: Token) -> None:
        keep.append(token)
        for child in token.children:
            if child.dep_ in _NOT_LABEL or attribution.in_quote[child.i]:
                continue
            walk(child)

    walk(head)
    keep.sort(key=lambda t: t.i)
    # Only the contiguous run around the head: no words the parse hung far away.
    run = [head]
    by_index = {t.i: t for t in keep}
    i = head.i - 1
    while i in by_index:
        run.insert(0, by_index[i])
        i -= 1
    i = head.i + 1
    while i in by_index:
        run.append(by_index[i])
        i += 1
    while run and (run[-1].is_punct or run[-1].dep_ in ("cc", "case")):
        run.pop()
    if not run or len(run) > _MAX_LABEL_WORDS:
        return ""
    words = []
    for token in run:
        person = attribution.person_at.get(token.i)
        if token.dep_ == "poss" and token.pos_ == "PRON" and person:
            words.append(f"{names.get(person, token.text)}'s")
        else:
            words.append(token.text)
        if token.whitespace_ and token.i != run[-1].i:
            words.append(" ")
    return "".join(words).strip()


class SourceLabels:
    """Labels for the cues of one article, in text order (a pronoun looks back)."""

    def __init__(self, doc: Doc, attribution: Attribution, names: dict[str, str]) -> None:
        self.doc = doc
        self.attribution = attribution
        self.names = names  # person id -> name
        self.recent: list[tuple[int, str]] = []  # (token index, label) of group speakers

    def label(self, cue: Cue | None) -> str:
        if cue is None or cue.speaker:
            return ""
        head = source_phrase(self.attribution, cue)
        if head is None:
            return ""
        lower = head.lower_
        if lower in _RELATIVES and head.head.dep_ == "relcl":
            head = head.head.head  # "the agency, which said ...": the agency
            lower = head.lower_
        if lower in _PERSONAL_PRONOUNS:
            return ""  # a person the people stage could not resolve: no guess
        if lower in _GROUP_PRONOUNS:
            return self._antecedent(head)
        according = self.doc[cue.token].lower_ == "according"
        if head.pos_ == "PRON" or lower in self.attribution.cues.not_sources and not according:
            return ""  # "according to the poll" names its source; "the figures show" does not
        label = phrase_label(self.attribution, head, self.names)
        if label.isupper() and self._opens_dateline(head):
            return ""  # "KYIV, June 3 - ...": the parse took the dateline for the subject
        if label:
            self.recent.append((head.i, label))
        return label

    @staticmethod
    def _speaking(name: Token) -> Token:
        """"the Trump campaign": the campaign speaks, not the name that qualifies it."""
        return name.head if name.dep_ == "compound" else name

    def _opens_dateline(self, head: Token) -> bool:
        sentence = self.attribution.sentences.of(head.i)
        after = head.i + 1
        return head.i - sentence.start <= 1 and after < len(self.doc) and self.doc[after].text in (
            ",", "-", "\u2013", "\u2014", "(")

    def _antecedent(self, pronoun: Token) -> str:
        """'It said' / 'they said': the group that spoke last, or the organisation named
        last, within the last few sentences."""
        sentences = self.attribution.sentences
        here = sentences.number(pronoun.i)
        earliest = sentences.spans[max(0, here - _LOOKBACK_SENTENCES)].start
        spoke = [(i, label) for i, label in self.recent if earliest <= i < pronoun.i]
        named = [
            (ent.root.i, phrase_label(self.attribution, self._speaking(ent.root), self.names))
            for ent in self.doc.ents
            if ent.label_ in _ORGANISATION_ENTITIES and earliest <= ent.start < pronoun.i
            and ent.root.dep_ in _SUBJECTS + ("pobj", "dobj", "poss", "compound")
            and not self.attribution.in_quote[ent.root.i]
            and (ent.root.dep_ != "compound" or ent.root.head.lower_ in self.attribution.cues.speaking_bodies)
        ]
        candidates = spoke + [(i, label) for i, label in named if label]
        if not candidates:
            return ""
        return max(candidates)[1]
