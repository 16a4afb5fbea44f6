"""Resolve "he", "she", "the Russian president", "the Kremlin official" to a person.

A small salience model, not a learned coreference system: recent subjects and
speakers are the likeliest antecedents; gender, country and role must agree;
descriptions of an office ("the US president") go first to the office
holder at the article's date (roles.yaml). Pronouns inside quotes belong to
the quoted speaker's own words and are left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.knowledge.roles import (
    GENERIC_ROLES,
    Knowledge,
    RoleInfo,
    analyse_role,
    norm,
    role_matches,
)
from generator.model import PartialDate
from generator.nlp.quotes import paragraph_spans
from generator.nlp.sentences import all_tokens, sentences
from generator.nlp.syntax import apposed_to_objects
from generator.people._names import RELATIONAL_NOUNS

if TYPE_CHECKING:  # annotations only: the YAML-only paths need not import spaCy
    from spacy.tokens import Doc, Token

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_AGE = re.compile(r"^\d{1,3}-year-old$")
_AGE_HEAD = "year-old"  # the head word an age description ("the 58-year-old") is read as


def _is_age(token: Token) -> bool:
    """'58-year-old' as one token, or as '58 - year - old' with 'old' as the head."""
    if _AGE.match(norm(token.text)):
        return True
    return token.lower_ == "old" and any(
        c.lower_ in ("year", "years") and any(g.dep_ == "nummod" for g in c.children)
        for c in token.children
    )
# How many sentences back an antecedent may be: a pronoun's is near; a
# description that names a country ("the German minister") singles its
# person out from further back.
_WINDOW = 3
_DESCRIPTION_WINDOW = 10
# Keys from here on are people the text does not name ("a senior official"):
# they compete as antecedents so that "the official said" is not pinned on
# the last named person, but they never become a Person.
ANONYMOUS = 1_000_000


@dataclass
class Candidate:
    """What the resolver knows of a person in this article."""

    key: int  # index into the caller's person list
    name: str
    role: RoleInfo
    gender: str = ""
    country: str = ""


@dataclass
class Ref:
    token: int
    sentence: int
    person: int
    subject: bool
    main: bool
    speaker: bool
    weak: bool  # a modifier ("Trump administration"): little salience


@dataclass
class Resolution:
    start: int  # token span of the pronoun or description
    end: int
    person: int  # candidate key; keys past the caller's list are office holders not named


def make_ref(token: Token, person: int, sentence: int, speech_forms: frozenset[str]) -> Ref:
    """How salient a mention is: subjects, main-clause subjects and speakers count most."""
    head, apposed = token, False
    while head.dep_ in ("compound", "flat", "appos", "conj") and head.head.i != head.i:
        if head.dep_ == "conj" and head.head.dep_ not in _SUBJECT_DEPS:
            break
        apposed = apposed or head.dep_ == "appos"
        head = head.head
    owner = head.head.head if head.dep_ == "pobj" and head.head.dep_ == "prep" else None
    if apposed and owner is not None and owner.dep_ in _SUBJECT_DEPS:
        # "One of the warlords, General Ann Lee, has announced ...": the parser hangs the
        # name on the nearer noun, but she is the subject
        head = owner
    verb = head.head
    subject = head.dep_ in _SUBJECT_DEPS
    misread = _misread_subject(token, head)
    if misread:
        # "Marsh bristles at ...": the parser took the name for a modifier of the verb.
        subject, verb = True, head
    return Ref(
        token=token.i,
        sentence=sentence,
        person=person,
        subject=subject,
        main=subject and (verb.dep_ == "ROOT" or norm(verb.text) in speech_forms),
        speaker=subject and norm(verb.text) in speech_forms,
        weak=token.dep_ == "compound" and token.head.ent_type_ != "PERSON" and not misread,
    )


def _misread_subject(token: Token, head: Token) -> bool:
    """A name the parser hung as a compound on the sentence's verb ("Marsh bristles at
    the idea", the verb read as a plural noun or tagged right but linked wrong)."""
    if token.dep_ != "compound" or head.i <= token.i or head.dep_ != "ROOT":
        return False
    if head.tag_.startswith("VB"):
        return True
    return head.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "amod") for c in head.children) and any(
        c.dep_ == "prep" and c.i > head.i for c in head.children
    )


class Resolver:
    def __init__(
        self,
        doc: Doc,
        know: Knowledge,
        candidates: list[Candidate],
        refs: list[Ref],
        in_quote: list[bool],
        reference: PartialDate | None,
        speech_forms: frozenset[str],
        text: str | None = None,
    ) -> None:
        self.doc = doc
        self.know = know
        self.candidates = candidates
        self.refs = sorted(refs, key=lambda r: r.token)
        self.in_quote = in_quote
        self.reference = reference
        self.speech_forms = speech_forms
        self.sentence_of = self._narrative_sentences(doc, in_quote)
        for ref in self.refs:
            ref.sentence = self.sentence_of[ref.token]
        starts = [start for start, _ in paragraph_spans(doc.text if text is None else text)]
        offsets = doc.to_array("IDX").tolist()  # without building a Token per word
        self.paragraph_of = [bisect_right(starts, offset) for offset in offsets]
        self.named_tokens = {r.token for r in refs}
        self.anonymous: dict[int, Candidate] = {}

    @staticmethod
    def _narrative_sentences(doc: Doc, in_quote: list[bool]) -> list[int]:
        """Sentence numbers that count only the writer's sentences: a long quote between
        a name and "she said" does not push the name out of reach."""
        index = sentences(doc)
        quoted_only = []
        for span in index.spans:
            words = [i for i in range(span.start, span.end) if doc[i].is_alpha]
            quoted_only.append(bool(words) and all(in_quote[i] for i in words))
        number, numbers = -1, []
        for only_quote in quoted_only:
            if not only_quote or number < 0:
                number += 1
            numbers.append(number)
        return [numbers[s] for s in index.index_of_token]

    def candidate(self, key: int) -> Candidate:
        return self.anonymous[key] if key >= ANONYMOUS else self.candidates[key]

    def add_anonymous(self, token: Token, info: RoleInfo) -> None:
        """An unnamed speaker ("a senior official said"): an antecedent that resolves to nobody."""
        key = ANONYMOUS + len(self.anonymous)
        gender = self.know.gendered_roles.get(norm(token.text), "")
        self.anonymous[key] = Candidate(key, "", info, gender, info.country)
        self._add(token, key)

    # --- scoring ---------------------------------------------------------
    def _score(self, ref: Ref, at: int, counts: dict[int, int]) -> float:
        distance = self.sentence_of[at] - ref.sentence
        score = -2.0 * distance
        score += 2.0 * ref.subject + 1.0 * ref.main + 1.5 * ref.speaker
        score += 0.3 * min(counts.get(ref.person, 0), 5)
        if ref.weak:
            score -= 2.0
        if distance == 0 and ref.subject:
            score += 1.0
        if self.paragraph_of[ref.token] == self.paragraph_of[at]:
            score += 1.0  # news paragraphs are short: antecedents mostly lie in the same one
        return score

    def _antecedent(self, at: int, allowed, exclude: set[int], window: int = _WINDOW) -> int:
        sentence = self.sentence_of[at]
        best: tuple[float, int, int] | None = None
        counts: dict[int, int] = {}
        for ref in self.refs:
            if ref.token >= at:
                break
            counts[ref.person] = counts.get(ref.person, 0) + 1
            if sentence - ref.sentence > window or self.in_quote[ref.token]:
                continue
            if ref.person in exclude or not allowed(self.candidate(ref.person)):
                continue
            score = (self._score(ref, at, counts), ref.token, ref.person)
            if best is None or score > best:
                best = score
        if best is None or best[2] >= ANONYMOUS:
            return -1
        return best[2]

    def _add(self, token: Token, person: int) -> None:
        ref = make_ref(token, person, self.sentence_of[token.i], self.speech_forms)
        self.refs.append(ref)
        self.refs.sort(key=lambda r: r.token)

    # --- pronouns --------------------------------------------------------
    def pronoun(self, token: Token) -> int:
        gender = self.know.pronouns.get(norm(token.text), "")
        exclude: set[int] = set()
        if token.dep_ in ("dobj", "dative", "pobj") and norm(token.text) in ("him", "her"):
            # "Trump told him": not the subject of the same verb.
            for child in token.head.children:
                if child.dep_ in _SUBJECT_DEPS:
                    exclude |= {r.person for r in self.refs if r.token == child.i}

        def allowed(c: Candidate) -> bool:
            return not (gender and c.gender and c.gender != gender)

        named_next = self._subject_of_main_clause(token)
        if named_next >= 0 and named_next not in exclude and allowed(self.candidates[named_next]):
            return named_next
        return self._antecedent(token.i, allowed, exclude)

    def _subject_of_main_clause(self, token: Token) -> int:
        """'When he was elected in 1997, Mr Sharif scrapped ...': the subject of a clause
        that opens the sentence is the main clause's subject, named after it; or -1."""
        clause = token.head
        if token.dep_ not in _SUBJECT_DEPS or clause.dep_ != "advcl" or clause.head.i < clause.i:
            return -1
        if clause.left_edge.i != token.sent.start:
            return -1
        for subject in clause.head.children:
            if subject.dep_ in _SUBJECT_DEPS and subject.i > clause.i:
                return next((r.person for r in self.refs if r.token == subject.i and r.person < ANONYMOUS), -1)
        return -1

    # --- descriptions ----------------------------------------------------
    def description_head(self, token: Token) -> bool:
        lower = norm(token.text)
        if lower in ("latter", "former") and token.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj"):
            return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        age = _is_age(token)
        if token.tag_ not in ("NN", "NNP") and not age:
            return False
        if lower not in self.know.role_nouns and lower not in ("latter", "former") and not age:
            return False
        if token.dep_ in ("compound", "amod", "poss") and not age:
            return False
        if token.i in self.named_tokens or any(
            c.dep_ in ("appos", "compound") and c.i in self.named_tokens for c in token.children
        ):
            return False
        if token.dep_ == "appos" and token.head.i in self.named_tokens:
            return False
        if any(a.i in self.named_tokens for a in apposed_to_objects(token)):
            return False  # "the spokesman in Oslo, Tom Hale,": named, the parser hung the name on Oslo
        determiners = [c for c in token.children if c.dep_ in ("det", "poss")]
        return bool(determiners)

    def description(self, token: Token) -> Resolution | None:
        lower = _AGE_HEAD if _is_age(token) else norm(token.text)
        det = next((c for c in token.children if c.dep_ in ("det", "poss")), None)
        definite = det is not None and (det.dep_ == "poss" or norm(det.text) in ("the", "this"))
        # The description's own words: determiners and modifiers left of its head.
        start = token.i
        for child in token.lefts:
            if child.dep_ in ("det", "poss", "amod", "compound", "nmod", "nummod", "advmod",
                              "npadvmod"):
                start = min(start, child.left_edge.i)
        words = [t.text for t in self.doc[start : token.i + 1]]
        # "the president of Russia": a country after "of" belongs to the description.
        for child in token.children:
            if child.dep_ == "prep" and norm(child.text) == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and self.know.country_of(objects[0].text):
                    words += ["of", objects[0].text]
        if lower in ("latter", "former") and definite and token.dep_ != "amod":
            return self._latter_former(token, start, lower)
        info = analyse_role(words, self.know)
        exclude: set[int] = set()
        possessor = next((c for c in token.children if c.dep_ == "poss"), None)
        attempts = [(info, lower)]
        if possessor is not None:
            owner = self._person_at(possessor)
            if owner >= 0:
                exclude.add(owner)
                held = self.candidates[owner].role
                if lower == "counterpart" and info.country and held.role:
                    # "his Russian counterpart": first the Russian who holds the
                    # owner's office, else any Russian the text names.
                    same_office = RoleInfo(held.role, info.country, info.text, info.past)
                    attempts.insert(0, (same_office, lower))
                elif not info.country:
                    info = RoleInfo(info.role, self.candidates[owner].country, info.text, info.past)
                    attempts = [(info, lower)]
        for info, head in attempts:
            person = self._described(token, info, head, definite, exclude, possessed=possessor is not None)
            if person >= 0:
                if definite and not info.past and head not in RELATIONAL_NOUNS:
                    self._learn(person, info)
                return Resolution(start, token.i + 1, person)
        return None

    def _described(
        self, token: Token, info: RoleInfo, head: str, definite: bool, exclude: set[int], possessed: bool = False
    ) -> int:
        """The person a description with this role, country and head word means, or -1.
        `possessed`: someone's ("Hale's lawyer", "his spokesman"), who is one the text
        gave that role before, not whoever was named last (the owner's lawyer is rarely
        named)."""
        if not info.role and head != _AGE_HEAD:
            return -1
        person = self._by_office(info) if not info.past else -1
        if person < 0 and definite:
            person = self._by_article_role(info, token.i, exclude)
        fits = self._compatible(info, head)

        def given_that_role(candidate: Candidate) -> bool:
            return role_matches(info.role, candidate.role.role, self.know) and fits(candidate)

        if person < 0 and definite:
            window = _DESCRIPTION_WINDOW if info.country else _WINDOW
            earlier = given_that_role if possessed and head not in RELATIONAL_NOUNS else fits
            person = self._antecedent(token.i, earlier, exclude, window)
        if person < 0 and definite and self._is_speaker(token):
            # "the president's adviser said ... Ivan Sokolov told": named next, any role
            person = self._cataphora(token, fits, exclude)
        return person

    def _learn(self, person: int, info: RoleInfo) -> None:
        """'Annalena Baerbock ... The German foreign minister said': the description
        tells the person's office and country when the text gave none."""
        if person >= len(self.candidates):
            return
        candidate = self.candidates[person]
        if not candidate.country and info.country:
            candidate.country = info.country
        if not candidate.role.role and info.role and info.role not in GENERIC_ROLES:
            candidate.role = info

    def _person_at(self, token: Token) -> int:
        for ref in self.refs:
            if ref.token == token.i:
                return ref.person if ref.person < ANONYMOUS else -1
        if norm(token.text) in self.know.role_nouns and any(
            c.dep_ in ("det", "poss") for c in token.children
        ):
            found = self.description(token)
            if found is not None and found.person >= 0:
                return found.person
        return -1

    def _is_speaker(self, token: Token) -> bool:
        return token.dep_ in _SUBJECT_DEPS and norm(token.head.text) in self.speech_forms

    def _latter_former(self, token: Token, start: int, which: str) -> Resolution | None:
        before = [r for r in self.refs if r.token < token.i and not self.in_quote[r.token]]
        distinct: list[int] = []
        for ref in reversed(before):
            if ref.person not in distinct:
                distinct.append(ref.person)
            if len(distinct) == 2:
                break
        if not distinct:
            return None
        person = distinct[0] if which == "latter" or len(distinct) < 2 else distinct[1]
        if person >= ANONYMOUS:
            return None
        return Resolution(start, token.i + 1, person)

    def _compatible(self, info: RoleInfo, head: str):
        know = self.know
        wants_head = info.role in know.head_roles
        gender = know.gendered_roles.get(head, "")

        wanted_parties = know.parties_in(info.text)

        def allowed(c: Candidate) -> bool:
            if info.country and c.country and c.country != info.country:
                return False
            if gender and c.gender and gender != c.gender:
                return False
            if wanted_parties:
                return self._party_fits(info, c)
            held = c.role.role
            if held and info.role and head not in RELATIONAL_NOUNS and not info.past:
                held_head = held in know.head_roles
                if wants_head and not held_head:
                    return False
                if not wants_head and held_head:
                    return False
                if info.role not in GENERIC_ROLES and not role_matches(info.role, held, know):
                    return False  # "the aide" is not the senator
            if head in RELATIONAL_NOUNS:
                # "his German counterpart": someone of that country; other relations
                # ("his son") name people the text has not introduced.
                if head != "counterpart" or not info.country or c.country != info.country:
                    return False
                return info.role == "counterpart" or role_matches(info.role, held, know)
            return True

        return allowed

    def _party_fits(self, info: RoleInfo, candidate: Candidate) -> bool:
        """"the Republican nominee": someone the text gives that party; no party, anyone."""
        wanted = self.know.parties_in(info.text)
        return not wanted or bool(wanted & self.know.parties_in(candidate.role.text))

    def _by_article_role(self, info: RoleInfo, at: int, exclude: set[int]) -> int:
        if not info.role or info.role in GENERIC_ROLES and not info.country:
            return -1  # "the far-right leader" is whoever the text was just about
        matching = [
            c.key
            for c in self.candidates
            if c.key not in exclude
            and role_matches(info.role, c.role.role, self.know)
            and (not info.country or not c.country or c.country == info.country)
            and (not info.country or c.country)
            and self._party_fits(info, c)
        ]
        if not matching:
            return -1
        if len(matching) == 1:
            return matching[0]
        recent = [r for r in self.refs if r.token < at and r.person in matching]
        return recent[-1].person if recent else -1

    def _by_office(self, info: RoleInfo) -> int:
        """The holder of the office a description names, if the data knows it."""
        if not info.role or not info.country:
            return -1
        offices = [
            o
            for o in self.know.offices
            if o.country == info.country
            and (o.role == info.role or (info.role == "leader" and o.leader))
        ]
        if len(offices) > 1:
            qualified = [o for o in offices if o.qualifiers and info.matches_qualifier(o.qualifiers)]
            offices = qualified or [o for o in offices if not o.qualifiers]
        if len(offices) != 1:
            return -1
        office = offices[0]
        by_name = {norm(c.name): c.key for c in self.candidates}
        for holder in office.holders:
            for alias in (holder.name, *holder.aliases):
                by_name.setdefault(norm(alias), by_name.get(norm(holder.name), -1))
        present = [h for h in office.holder_names() if by_name.get(norm(h), -1) >= 0]
        if self.reference is not None:
            current = office.holders_on(self.reference)
            if len(current) == 1:
                if by_name.get(norm(current[0]), -1) >= 0:
                    return by_name[norm(current[0])]
                return self._new_holder(current[0], office.role, office.country)
        if len(present) == 1:
            return by_name[norm(present[0])]
        return -1

    def _new_holder(self, name: str, role: str, country: str) -> int:
        """A person the article describes by office only ("the US president")."""
        for candidate in self.candidates:
            if norm(candidate.name) == norm(name):
                return candidate.key
        key = len(self.candidates)
        self.candidates.append(
            Candidate(key, name, RoleInfo(role, country, role), "", country)
        )
        return key

    def _cataphora(self, token: Token, allowed, exclude: set[int]) -> int:
        """'The minister's adviser said ...' before the adviser is named: the next named speaker."""
        sentence = self.sentence_of[token.i]
        for ref in self.refs:
            if ref.token <= token.i or self.in_quote[ref.token]:
                continue
            if ref.sentence - sentence > 2 or self.paragraph_of[ref.token] != self.paragraph_of[token.i]:
                break  # a writer who names the speaker later does so close by
            if ref.person >= ANONYMOUS:
                continue
            if ref.subject and ref.person not in exclude and allowed(self.candidates[ref.person]):
                return ref.person
        return -1


def resolve(resolver: Resolver) -> list[Resolution]:
    """Pronouns and descriptions in text order, each resolution feeding the next."""
    doc, know = resolver.doc, resolver.know
    found: list[Resolution] = []
    interesting = set(know.pronouns) | set(know.role_nouns) | {"latter", "former", "old"}
    for token in all_tokens(doc):
        if resolver.in_quote[token.i] or token.i in resolver.named_tokens:
            continue
        if token.lower_ not in interesting and not _AGE.match(token.lower_) and "\u2019" not in (
            token.text
        ):
            continue  # most tokens are neither pronouns nor descriptions: skip them cheaply
        lower = norm(token.text)
        if lower in know.pronouns and token.tag_ in ("PRP", "PRP$"):
            person = resolver.pronoun(token)
            if person >= 0:
                found.append(Resolution(token.i, token.i + 1, person))
                resolver._add(token, person)
        elif resolver.description_head(token):
            resolution = resolver.description(token)
            if resolution is None:
                if token.dep_ in _SUBJECT_DEPS and norm(token.text) in know.role_nouns:
                    info = analyse_role([t.text for t in token.subtree if t.i <= token.i], know)
                    resolver.add_anonymous(token, info)
                continue
            found.append(resolution)
            if resolution.person >= 0:
                resolver._add(token, resolution.person)
    return found
