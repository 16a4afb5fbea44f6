"""Attribution from the parse: speech verbs, their speakers, audiences and reported clauses.

Speakers come from the grammar of the cue ("X said", "said X", "according to
X", "cited X as saying", "..., adding that"), then from the people stage's
mentions, which already resolve "he" and "the Kremlin official".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from generator.knowledge.speech import SpeechCues
from generator.nlp.sentences import sentences
from generator.nlp.syntax import apposed_to_objects
from generator.statements._audience import audience

_SUBJECTS = ("nsubj", "nsubjpass")
# Dependencies that hang a subjectless speech verb on the verb whose subject it shares.
# "when asked whether ...", "if asked how ...": a question put to the subject.
_ELLIPSIS_OPENERS = ("when", "if", "once", "after", "before", "while")
_SHARED_SUBJECT = ("advcl", "conj", "xcomp", "pcomp", "acl", "prep")


# Words that open a reported clause as its subject and that the parser may take for the
# speech verb's object ("said many of them failed").
_QUANTIFIERS = frozenset(("many", "most", "some", "all", "few", "none", "several", "much", "both", "each"))

# Subordinators that open a clause of time, reason or concession, never reported content.
CIRCUMSTANCE_MARKS = frozenset(("before", "after", "until", "till", "while", "because", "when", "whenever",
                                "since", "although", "though", "unless", "once", "as"))


def _that_is_a_word_of_the_claim(tokens: list[Token]) -> bool:
    """'said that was a mistake', 'said that claim smacked of hypocrisy': a "that" that is the
    subject or its determiner (a bare singular noun after it needs one), not the "that" of a clause."""
    first = tokens[0]
    if first.dep_ in ("det", "nsubj", "nsubjpass"):
        return True
    after = tokens[1] if len(tokens) > 1 else None
    return (after is not None and after.tag_ == "NN" and after.dep_ in ("nsubj", "nsubjpass")
            and not any(c.dep_ in ("det", "poss") for c in after.children))


def _circumstance(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_MARKS for c in clause.children)


@dataclass
class Cue:
    """An attribution: the speech verb (or source phrase) and who is behind it."""

    token: int  # the cue's head token (verb, "according", or the name after a dash)
    speaker: str  # person id, "" when not a person or not known
    inherited: bool = False  # taken over from the statement before (a quote standing alone)


@dataclass
class Reported:
    cue: Cue
    start: int  # char span of the reported clause
    end: int
    tokens: tuple[int, int]  # token span of the clause


class Attribution:
    def __init__(self, doc: Doc, cues: SpeechCues, person_at: dict[int, str],
                 in_quote: list[bool]) -> None:
        self.doc = doc
        self.cues = cues
        self.person_at = person_at  # token index -> person id, from mentions
        self.in_quote = in_quote
        self.sentences = sentences(doc)

    # --- verbs -----------------------------------------------------------
    def is_speech_verb(self, token: Token) -> bool:
        """A form of a speech verb used as a verb ("said", not the noun "claims")."""
        return bool(self.cues.verb(token.text)) and (
            token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
        )

    def is_factual(self, verb: Token) -> bool:
        if verb.head.i != verb.i and verb.head.lower_ in self.cues.writers_voice:
            return False  # "it is worth noting that", "let's say": the writer, no source
        for child in verb.children:
            lower = child.text.lower()
            if child.dep_ == "aux" and lower in self.cues.non_factual:
                return False
            if child.dep_ == "neg" or lower in self.cues.negations and child.dep_ == "advmod":
                return False
        return True

    # --- speakers --------------------------------------------------------
    def subject_of(self, verb: Token) -> Token | None:
        """The subject a speech verb has or shares ("..., adding that": the adder)."""
        if verb.tag_ == "VBG":
            # "..., saying: ...", "... adding that": a participle speaks for the
            # main clause's subject whatever the parser attached it to, unless
            # it names its own speaker ("with the latter saying").
            own = [c for c in verb.children if c.dep_ in _SUBJECTS and not self.in_quote[c.i]]
            named = [c for c in own if c.i in self.person_at]
            if named:
                return named[0]
            before = self.doc[verb.i - 1] if verb.i else verb
            if verb.dep_ == "acl" and verb.head.i in self.person_at:
                return verb.head  # "footage of Senator Stone saying ...": the one shown saying it
            if before.i in self.person_at and before.dep_ == "pobj" and before.i != verb.i:
                return before  # the same, with "saying" hung on the main verb
            prep = verb.head
            if (own and own[0].i < verb.i and prep.lower_ in ("with", "without")
                    and prep.i > 0 and self.doc[prep.i - 1].text == ","
                    and prep.head.pos_ in ("VERB", "AUX")):
                return own[0]  # "..., with Belgium warning ...": Belgium, not the main subject
            root = self.sentences.of(verb.i).root
            if self.in_quote[root.i]:
                # '... treating it as praise -- "That shows I am clever" -- and asserting ...':
                # the parser made the quote the sentence; the writer's clause hangs on it.
                root = self._outer_clause(root) or root
            if root.i != verb.i:
                subjects = [
                    c for c in root.children if c.dep_ in _SUBJECTS and not self.in_quote[c.i]
                ]
                if subjects:
                    # A dateline ("NAIROBI, Sept 4 - Ruto opened ...") may parse as a subject too.
                    named = [c for c in subjects if c.i in self.person_at]
                    return (named or subjects)[0]
        outer = self._outer_speech_verb_of_conjunct(verb)
        if outer is not None:
            return self.subject_of(outer)
        seen = 0
        current = verb
        while seen < 6:
            seen += 1
            base = self.cues.verb(current.text)
            if base in self.cues.speaker_object:
                # "cited the President as saying", "was quoted as saying"
                for child in current.children:
                    if child.dep_ in ("dobj", "nsubjpass"):
                        return child
            subjects = [
                c for c in current.children if c.dep_ in _SUBJECTS and not self.in_quote[c.i]
            ]
            if not subjects:
                # Mis-parsed "Trump Tweeted that ...": a name glued to the verb.
                subjects = [
                    c for c in current.children
                    if c.dep_ in ("compound", "dep", "npadvmod") and c.i < current.i
                    and c.i in self.person_at
                ]
            if subjects:
                # A quote's own subject ("our countries") is never the speaker.
                named = [c for c in subjects if c.i in self.person_at]
                chosen = (named or subjects)[0]
                before = self.doc[current.i - 1] if current.i > 0 else current
                if (before.dep_ == "appos" and before.head.i == chosen.i and before.i in self.person_at
                        and self.person_at[before.i] != self.person_at.get(chosen.i)):
                    # "To understand the real Dred Scott, Chief Justice Roberts said, ...": the
                    # parser hung the speaker on the sentence's noun; the name by the verb speaks.
                    return before
                return chosen
            if current.i == verb.i:
                inverted = self._name_after(verb)
                if inverted is not None:
                    return inverted
                named_before = self._name_between_quote_and(verb)
                if named_before is not None:
                    return named_before
            if current.head.i == current.i:
                return None
            if current.dep_ == "xcomp" and current.tag_ == "VB":
                controller = [c for c in current.head.children if c.dep_ == "dobj"]
                if controller:
                    return controller[0]  # "forced Stumpf to admit that ...": Stumpf admits
            if current.dep_ in _SHARED_SUBJECT or verb.tag_ == "VBG":
                # "..., adding that", "criticised X for Y, saying ...": the main clause's subject.
                current = current.head
                continue
            return None
        return None

    def _outer_clause(self, quoted_root: Token) -> Token | None:
        """The writer's first clause with a subject that the parser hung on a quoted root."""
        for token in self.sentences.of(quoted_root.i):
            if (not self.in_quote[token.i] and token.pos_ in ("VERB", "AUX")
                    and self.in_quote[token.head.i]
                    and any(c.dep_ in _SUBJECTS and not self.in_quote[c.i] for c in token.children)):
                return token
        return None

    def _outer_speech_verb_of_conjunct(self, verb: Token) -> Token | None:
        """'X said the country would leave the pact and suggested that ...': the parser joins
        the second speech verb to the reported "would leave"; a past tense after a modal
        is the speaker's next act, not part of what was reported."""
        if verb.dep_ != "conj" or verb.tag_ != "VBD" or any(
            c.dep_ in _SUBJECTS for c in verb.children
        ):
            return None
        reported, outer = verb.head, verb.head.head
        if reported.dep_ != "ccomp" or not self.is_speech_verb(outer) or outer.i > verb.i:
            return None
        modal = any(c.dep_ == "aux" and c.lower_ in self.cues.non_factual for c in reported.children)
        return outer if modal else None

    def _name_after(self, verb: Token) -> Token | None:
        """'"...," said Mr Putin when asked ...': the name right after an inverted verb."""
        doc = self.doc
        if verb.dep_ == "conj":
            return None  # "... and warned his counterpart that ...": an object, not the speaker
        i = verb.i + 1
        while i < len(doc) and i <= verb.i + 3 and i not in self.person_at:
            if not doc[i].text[:1].isupper():
                return None
            i += 1
        if i >= len(doc) or i not in self.person_at:
            return None
        person = self.person_at[i]
        while i + 1 < len(doc) and self.person_at.get(i + 1) == person:
            i += 1
        head = doc[i]
        while self.person_at.get(head.head.i) == person and head.head.i != head.i:
            head = head.head
        if head.dep_ in ("dobj", "dative"):
            return None  # "warned his counterpart": whom it was said to
        return doc[i]

    def _name_between_quote_and(self, verb: Token) -> Token | None:
        """'"...," Dayton fire Chief Ruth Allen said': the parse lost the subject, but a
        quote closes just before and only one person's name (with titles) comes between."""
        doc = self.doc
        i = verb.i - 1
        if i > 0 and doc[i].text == ",":
            i = self._name_before_apposition(i)  # '"...," Holt, a top aide, said'
        if i < 0 or i not in self.person_at:
            return None
        person = self.person_at[i]
        j = i
        while j >= 0 and verb.i - j <= 8 and not self.in_quote[j] and doc[j].text != "," and (
            not self._is_quote_mark(doc[j])
        ):
            if self.person_at.get(j, person) != person or doc[j].pos_ in ("VERB", "AUX") and (
                not doc[j].text[:1].isupper()  # "Dayton" read as a verb is still a name's word
            ):
                return None  # another person or a clause of its own: not just a name
            j -= 1
        return doc[i] if j >= 0 and self.follows_quote(doc[j + 1]) else None

    def _name_before_apposition(self, comma: int) -> int:
        """The name an apposition set off by commas describes, ending at `comma`; or -1."""
        doc = self.doc
        for j in range(comma - 1, max(-1, comma - 12), -1):
            if j in self.person_at:
                described = {t.i for c in doc[j].children if c.dep_ == "appos" for t in c.subtree}
                between = range(j + 1, comma)
                if described and all(k in described or doc[k].is_punct for k in between):
                    return j
                return -1
        return -1

    def follows_quote(self, verb: Token) -> bool:
        """Is the verb the attribution of the quote just before it ('"...," said X')?"""
        i = verb.i - 1
        while i >= 0 and (self.doc[i].is_punct or self.doc[i].is_space) and not self.in_quote[i]:
            if self._is_quote_mark(self.doc[i]):
                return True
            i -= 1
        return i >= 0 and self.in_quote[i]

    def person_of(self, subject: Token | None) -> str:
        """The person a subject phrase names; "" for groups, organisations and unknowns."""
        if subject is None:
            return ""
        if any(c.dep_ == "conj" for c in subject.children):
            return ""  # "Putin and Trump said": no single speaker
        if subject.i in self.person_at:
            return self.person_at[subject.i]
        described = self._person_in_apposition(subject)
        if described:
            return described
        if subject.lower_ in ("who", "that") and subject.head.dep_ == "relcl":
            # "joined by Antonio Guterres, who said ...": the noun the clause describes.
            described = subject.head.head
            if described.i in self.person_at:
                return self.person_at[described.i]
        for child in subject.children:
            if child.dep_ in ("appos",) and child.i in self.person_at:
                return self.person_at[child.i]
        return self._apposition_after_owner(subject)

    def _apposition_after_owner(self, subject: Token) -> str:
        """'An attorney for Tom Hale, Mark Roe, said': the parser hangs the apposition on
        the nearest name, but one person is no apposition of another, so it names the
        subject noun."""
        if subject.pos_ != "NOUN":
            return ""
        for appos in apposed_to_objects(subject):
            named, owner = self.person_at.get(appos.i, ""), self.person_at.get(appos.head.i, "")
            if named and owner and named != owner:
                return named
        return ""

    def _person_in_apposition(self, subject: Token) -> str:
        """'Doha, Qatar – Qatar's prime minister, Sheikh X, says': the parser made the
        dateline the subject and hung the speaker on it by apposition."""
        frontier, seen = [subject], 0
        while frontier and seen < 3:
            seen += 1
            frontier = [c for t in frontier for c in t.children if c.dep_ in ("appos", "npadvmod")]
            named = {self.person_at[c.i] for c in frontier if c.i in self.person_at}
            if len(named) == 1:
                return named.pop()
            if len(named) > 1:
                return ""
        return ""

    def is_agent(self, subject: Token | None) -> bool:
        """Can this subject be a source? ("Officials said" yes, "the figures show" no.)"""
        if subject is None:
            return True  # a subject the parse lost: keep the statement
        if subject.i in self.person_at:
            return True
        if subject.dep_ == "nsubjpass" and subject.lower_ == "it":
            return False  # "it is said that": nobody in particular
        if subject.lower_ in self.cues.generic_sources and all(
            c.dep_ in ("det", "amod") for c in subject.children
        ):
            return False  # "many people say": hearsay, unlike "people familiar with the talks"
        return subject.text.lower() not in self.cues.not_sources  # "it said" is an institution

    def cue_for(self, verb: Token) -> Cue:
        subject = self.subject_of(verb)
        return Cue(verb.i, self.person_of(subject))

    def audience_of(self, verb: Token, exclude: tuple[int, int] = (0, 0)) -> str:
        """Whom a statement was made to; words inside `exclude` (the statement) never count."""
        return audience(self, verb, exclude)

    # --- reported clauses ------------------------------------------------
    def _span(self, tokens: list[Token]) -> tuple[int, int] | None:
        tokens = sorted((t for t in tokens if not t.is_space), key=lambda t: t.i)
        # "said that ..." loses its "that", but never a subordinator that carries the
        # claim's sense ("If Washington has any evidence ...", "Though the vote was ...").
        while tokens and (tokens[0].is_punct and not self._is_quote_mark(tokens[0])
                          or tokens[0].dep_ == "cc"
                          or tokens[0].lower_ == "that" and not _that_is_a_word_of_the_claim(tokens)):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct and not self._is_quote_mark(tokens[-1])
                          or tokens[-1].dep_ == "cc"):
            tokens = tokens[:-1]
        if not tokens:
            return None
        return tokens[0].i, tokens[-1].i + 1

    @staticmethod
    def _is_quote_mark(token: Token) -> bool:
        return token.text in ("\"", "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u00ab", "\u00bb")

    def _clause_tokens(self, verb: Token) -> list[Token] | None:
        base = self.cues.verb(verb.text)
        # "said before he left": a clause of time or reason is no part of what was said
        complements = [c for c in verb.children if c.dep_ == "ccomp" and not _circumstance(c)]
        if not complements:
            # "said before he left that the plan was dead": the claim hung on the clause of time
            complements = [
                inner for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and _circumstance(c)
                for inner in c.children if inner.dep_ == "ccomp" and inner.i > c.i
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in inner.children)
            ][:1]
        following = [c for c in complements if c.i > verb.i]
        if following:
            # A clause after the verb wins over one the parser hung before it
            # ("One diplomat, granted anonymity ..., said the debate ...").
            clause = following[0]
            inner = [c for c in clause.children if c.dep_ == "ccomp" and c.i > clause.i]
            if clause.lower_ in self.cues.claim_nouns and inner and not any(
                c.dep_ in _SUBJECTS for c in clause.children
            ):
                # 'said of the collusion claims that there is ...': the parser read the
                # noun "claims" as a verb; what was said is the clause after it.
                return list(inner[0].subtree)
            tokens = self._from_verb(verb, following[0])
            for clause in following[1:]:
                # 'said it is a "shame" there is a cloud over ...': the parser split one
                # claim into two complements; the second belongs to it.
                tokens += list(clause.subtree)
            return tokens
        if complements:
            clause = complements[0]
            tokens = list(clause.subtree)
            if tokens[-1].i < verb.i:
                return self._clause_before(verb, tokens)
            return tokens
        fronted = [
            c for c in verb.children
            if c.dep_ == "advcl" and c.i < verb.i and not self.in_quote[c.i]
            and not any(m.dep_ == "mark" for m in c.children)
            and c.left_edge.pos_ not in ("SCONJ", "ADP") and c.left_edge.tag_ != "WRB"
            and any(s.dep_ in _SUBJECTS for s in c.children)
        ]
        if any(c.dep_ == "dobj" for c in verb.children):
            fronted = []  # "When the vote came, the senator said nothing"
        if fronted and self.doc[verb.i - 1].text != "," and any(
            t.text == "," for t in self.doc[fronted[0].right_edge.i : verb.i]
        ):
            # "The lowest fifth paid 2 percent, the agency said": a fronted clause the
            # parser took for an adverbial one (no "when", "because" or "after" opens it).
            return self._clause_before(verb, list(fronted[0].subtree))
        that_clause = self._that_clause_after_prep(verb)
        if that_clause is not None:
            return list(that_clause.subtree)
        if base in self.cues.audience_object:
            told = self._that_clause_read_as_relative(verb)
            if told:
                return told
        if self._takes_object_clause(verb):
            return [t for t in verb.subtree if t.i > verb.i]
        phrase = self._phrase_content(verb, base)
        if phrase:
            return phrase
        if base not in self.cues.reporting:
            return None
        misattached = self._clause_right_after(verb) or self._quantifier_clause(verb)
        if misattached:
            return misattached
        if verb.dep_ == "parataxis":
            head = verb.head
            while head.dep_ == "advcl" and head.head.i != head.i:
                head = head.head  # "Though it went well, he said, the next one is harder": all of it
            own = {t.i for t in verb.subtree}
            before = [t for t in head.subtree if t.i < verb.i and t.i not in own]
            after = [t for t in head.subtree if t.i > verb.i and t.i not in own]
            # "The bridge, the mayor said, would cut ...": the claim is both sides of the
            # cue; either side alone loses its subject or its verb and so its meaning.
            if not any(t.dep_ in _SUBJECTS or t.pos_ in ("VERB", "AUX") for t in before):
                return after  # "In general, she said, ...": a lead-in, not a part of the claim
            if len([t for t in after if t.is_alpha]) < 2:
                return before
            return before + after
        return None

    def _takes_object_clause(self, verb: Token) -> bool:
        """"accused X of ...", "warned X against ...", "urged X to ...", not "warned X over Y"."""
        if self.cues.verb(verb.text) not in self.cues.object_clause:
            return False
        objects = [c for c in verb.children if c.dep_ in ("dobj",)]
        preps = [
            c for c in verb.children
            if c.i > verb.i and (c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ in (
                "of", "against"))
        ]
        return bool(objects and preps)

    def _phrase_content(self, verb: Token, base: str) -> list[Token] | None:
        """'called for a ban on ...', 'vowed to fight on', 'called the deal a disaster':
        content that is a phrase after the verb (speech_verbs.yaml, phrase_content)."""
        if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            return None  # "Asked about the delay, she ...": what she was asked, not what she said
        after = [c for c in verb.children if c.i > verb.i and not self.in_quote[c.i]]
        start = None
        for child in after:
            if child.dep_ == "prep" and child.lower_ in self.cues.content_prepositions.get(
                    base, ()):
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    start = objects[0].left_edge.i
                    break
            if (base in self.cues.infinitive_content and child.dep_ == "xcomp"
                    and child.left_edge.lower_ in ("to", "not")):
                start = child.left_edge.i
                break
            if base in self.cues.object_complement and child.dep_ == "dobj" and (any(
                c.dep_ in ("oprd", "xcomp", "ccomp") or c.dep_ == "prep" and c.lower_ == "as"
                for c in verb.children if c.i > child.i
            ) or any(  # "called the charges unfounded": the complement read as a modifier
                c.dep_ in ("oprd", "amod") and c.i > child.i for c in child.children
            )):
                start = child.left_edge.i
                break
        if start is None and base in self.cues.object_complement:
            start = self._object_inside_complement(verb)
        if start is None:
            return None
        return [t for t in verb.subtree if t.i >= start]

    @staticmethod
    def _object_inside_complement(verb: Token) -> int | None:
        """'called Trump a "pathological liar"': the parser may hang the object on the
        complement ("Trump" a modifier of "liar"); the phrase from the object on is the content."""
        for complement in (c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i):
            first = complement.left_edge
            article = next((t for t in complement.subtree if t.dep_ == "det"), None)
            if (first.dep_ in ("nmod", "compound", "poss") and first.pos_ in ("PROPN", "PRON")
                    and article is not None and first.i < article.i):
                return first.i
        return None

    def _that_clause_after_prep(self, verb: Token) -> Token | None:
        """'said in a statement that ...', 'said of the claims that ...': the parser hangs
        the clause on the noun; it is still what was said (not so in 'commenting on
        reports that ...', where the clause is the reports')."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.i < verb.i:
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj":
                    continue
                occasion = noun.lower_ in self.cues.occasion_nouns and prep.lower_ in (
                    "in", "during", "at", "on")
                # "reported at the time that ...": the parser reads "the time that" as "when"
                at_the_time = prep.lower_ == "at" and noun.lower_ == "time"
                if not (occasion or at_the_time) and prep.lower_ not in ("of", "about"):
                    continue
                for clause in noun.children:
                    if clause.dep_ in ("acl", "relcl", "ccomp") and any(
                        c.lower_ == "that" and (c.dep_ == "mark" or at_the_time and c.tag_ == "WDT")
                        for c in clause.children
                    ):
                        return clause
        return None

    def _from_verb(self, verb: Token, clause: Token) -> list[Token]:
        """The clause with any words between the verb and it that are not the verb's own
        framing ("says negotiations on X and the release of Y have reached ...": the parser
        took "negotiations on X" for the verb's subject)."""
        tokens = list(clause.subtree)
        frame: set[int] = set()
        for child in verb.children:
            if child.i == clause.i or child.i < verb.i:
                continue
            if child.dep_ in _SUBJECTS and child.i not in self.person_at:
                continue  # a subject after the verb that is no speaker: the clause's own
            frame.update(t.i for t in child.subtree)
        start = tokens[0].i
        while start - 1 > verb.i and start - 1 not in frame and not (
            self.doc[start - 1].is_punct or self.doc[start - 1].lower_ == "that"
        ):
            start -= 1
        return [self.doc[i] for i in range(start, tokens[0].i)] + tokens

    def _clause_right_after(self, verb: Token) -> list[Token] | None:
        """'with Belgium warning it could face years of ...': a subject and its verb right
        after the speech verb, which the parser attached elsewhere."""
        i = verb.i + 1
        if i < len(self.doc) and self.doc[i].lower_ == "that":
            i += 1
        if i >= len(self.doc) or self.in_quote[i]:
            return None
        subject = self.doc[i]
        head = subject.head
        if subject.dep_ not in _SUBJECTS or head.i <= subject.i or head.i == verb.i:
            return None
        if head.pos_ not in ("VERB", "AUX") or verb in head.subtree or head.i in {
            t.i for t in verb.ancestors
        } and head.i < verb.i:
            return None
        return [t for t in head.subtree if t.i >= subject.i]

    def _quantifier_clause(self, verb: Token) -> list[Token] | None:
        """'said many of the voters stayed at home': the parser took the quantifier
        that opens the reported clause for the verb's object."""
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i == verb.i + 1]
        if not objects or objects[0].lower_ not in _QUANTIFIERS:
            return None
        tokens = [t for t in objects[0].subtree if t.i > verb.i]
        if not any(t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in tokens):
            return None
        return tokens

    def _that_clause_read_as_relative(self, verb: Token) -> list[Token] | None:
        """'told a briefing in Moscow that Kyiv was ...': the parser reads the clause as a
        relative clause of the audience; after a verb of telling it is what was said.
        Only a clause whose "that" is followed by its own subject counts ("told leaders
        that spoke" stays a relative clause)."""
        for obj in verb.children:
            if obj.dep_ not in ("dobj", "dative") or obj.i < verb.i:
                continue
            for clause in obj.subtree:
                if clause.dep_ != "relcl" or clause.i <= obj.i:
                    continue
                that = clause.left_edge
                subject = [c for c in clause.children if c.dep_ in _SUBJECTS]
                if (that.lower_ == "that" and subject and subject[0].i > that.i
                        and subject[0].lower_ != "that"):
                    return [t for t in clause.subtree if t.i > that.i]
        return None

    def _clause_before(self, verb: Token, tokens: list[Token]) -> list[Token]:
        """'Moscow is ready ..., but not as ..., Putin said': all of the sentence before the cue.

        The parser often hangs only part of a long fronted clause on the verb,
        so the clause runs from the sentence start to the cue's subject.
        """
        subject = self.subject_of(verb)
        stop = min(verb.i, subject.left_edge.i if subject is not None and subject.i < verb.i
                   else verb.i)
        start = min(self.sentences.of(verb.i).start, tokens[0].i)
        if self.in_quote[tokens[0].i]:
            return tokens
        start = self._after_dateline(start, stop)
        return [self.doc[i] for i in range(start, stop)]

    def _after_dateline(self, start: int, stop: int) -> int:
        """'NEW YORK — Anneke Visser ... has been appointed, the UN said': the clause
        starts after the dateline (capitalised words, dates, an agency, then a dash)."""
        for i in range(start, min(stop, start + 12)):
            token = self.doc[i]
            if token.text in ("-", "--", "–", "—") and i > start:
                if all(not t.text[:1].islower() for t in self.doc[start:i]):
                    return i + 1
                return start
        return start

    def reported(self, verb: Token) -> Reported | None:
        """The clause a speech verb reports, if it takes one ("said (that) ...")."""
        base = self.cues.verb(verb.text)
        question = base in self.cues.question_verbs and base not in self.cues.reporting
        if base not in self.cues.reporting and not self.cues.takes_phrase(base) and not question:
            return None
        if self.in_quote[verb.i] or not self.is_factual(verb):
            return None
        tokens = self._clause_tokens(verb)
        if not tokens:
            return None
        if question and not (tokens[0].i > verb.i and tokens[0].lower_ in self.cues.question_openers):
            return None  # "asked the candidates to stop": a request, not a question put
        if question and (verb.tag_ == "VBN" or any(c.dep_ in ("auxpass", "nsubjpass")
                                                    for c in verb.children) or (
            any(c.dep_ in ("mark", "advmod") and c.i < verb.i and c.lower_ in _ELLIPSIS_OPENERS
                for c in verb.children)  # "when asked whether": the question was put to him
        )):
            return None  # "Asked whether ...", "he was asked how ...": the question was put to him
        if not self.is_agent(self.subject_of(verb)):
            return None
        introduced = tokens[0].lower_ == "that" and tokens[0].i > verb.i
        if self.follows_quote(verb) and not introduced and not any(
            self.in_quote[t.i] for t in tokens
        ):
            return None  # '"No," said Mr Putin when asked ...': the quote is what was said
        tokens = self._cut_at_cues(verb, tokens)
        tokens = self._cut_narration(verb, tokens)
        span = self._span(tokens)
        if span is None:
            return None
        start, end = span
        words = [t for t in self.doc[start:end] if t.is_alpha]
        if len(words) < 3:
            return None
        if start == verb.i + 1 and self._takes_object_clause(verb):
            start = verb.i  # "accused the US of stalling ...": the claim reads only with its verb
        chars = (self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text))
        return Reported(self.cue_for(verb), chars[0], chars[1], (start, end))

    def _cut_at_cues(self, verb: Token, tokens: list[Token]) -> list[Token]:
        """Drop from a clause the parts that are attribution, not content."""
        drop: set[int] = set()
        for token in tokens:
            if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
                drop |= {t.i for t in token.subtree}
            elif (token.dep_ in ("advcl", "conj")
                  and self.cues.verb(token.text) in self.cues.reporting
                  and token.tag_ == "VBG" and not self.in_quote[token.i]):
                drop |= {t.i for t in token.subtree}  # ", adding that ..."
            elif (token.dep_ == "conj" and token.i > verb.i
                  and self.cues.verb(token.text) in self.cues.reporting
                  and self.is_speech_verb(token) and not self.in_quote[token.i]
                  and not any(c.dep_ in _SUBJECTS for c in token.children)):
                # "said it had shown flexibility and accused Israel of ...": a second
                # speech act of the same speaker, a statement of its own.
                drop |= {t.i for t in token.subtree}
        kept = [t for t in tokens if t.i not in drop]
        if not drop:
            return kept
        # Keep the contiguous run nearest the verb only.
        kept.sort(key=lambda t: t.i)
        runs: list[list[Token]] = []
        for token in kept:
            if runs and token.i == runs[-1][-1].i + 1:
                runs[-1].append(token)
            else:
                runs.append([token])
        return max(runs, key=len)

    def _cut_narration(self, verb: Token, tokens: list[Token]) -> list[Token]:
        """'said he was ready to host talks, as he welcomed X to Istanbul': the writer's
        narration after a comma ends the reported clause (connectives in speech_verbs.yaml)."""
        ordered = sorted(tokens, key=lambda t: t.i)
        for k in range(1, len(ordered) - 1):
            comma, word = ordered[k], ordered[k + 1]
            if comma.text != "," or comma.i < verb.i or self.in_quote[comma.i]:
                continue
            if word.lower_ not in self.cues.narrative_connectives or self.in_quote[word.i]:
                continue
            if sum(1 for t in ordered[:k] if t.is_alpha) >= 3:
                return ordered[:k]
        return tokens

    def continuing(self, verb: Token, reported: Reported | None) -> list[Reported]:
        """'"...," he said, but the tensions "have no causes"': a quoted clause joined to the cue."""
        found = []
        for child in verb.children:
            if child.dep_ != "conj" or not child.tag_.startswith("VB") or self.cues.verb(child.text):
                continue
            if not any(c.dep_ in _SUBJECTS for c in child.children):
                continue
            tokens = list(child.subtree)
            if not any(self.in_quote[t.i] for t in tokens):
                continue
            span = self._span(tokens)
            if span is None:
                continue
            start, end = span
            chars = (self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text))
            cue = reported.cue if reported else self.cue_for(verb)
            found.append(Reported(cue, chars[0], chars[1], (start, end)))
        return found

    @staticmethod
    def _heads_clause(verb: Token, head: Token) -> bool:
        """Is the speech verb the clause's own verb, not one joined to it ("..., but Iran is
        insisting that ...", which is still what the source reported)?"""
        current = verb
        while current.i != head.i and current.head.i != current.i:
            if current.dep_ == "conj":
                return False
            current = current.head
        return True

    def nominal(self, noun: Token) -> Reported | None:
        """'Trump's claim that there have been ...': a noun of saying, its owner and the
        clause it holds (claim_nouns in speech_verbs.yaml)."""
        if noun.lower_ not in self.cues.claim_nouns or noun.pos_ != "NOUN" or self.in_quote[noun.i]:
            return None
        owner = next((  # "the ministry's warning": the parse may not call the owner poss
            c for c in noun.children if c.dep_ == "poss"
            or c.i < noun.i and any(k.dep_ == "case" for k in c.children)
        ), None)
        if owner is None or owner.pos_ == "PRON" and owner.i not in self.person_at:
            return None
        clause = next((
            c for c in noun.children
            if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i
            and c.left_edge.lower_ == "that" and c.left_edge.i == noun.i + 1
            and any(s.dep_ in _SUBJECTS + ("expl",) and s.i > c.left_edge.i for s in c.children)
        ), None)
        if clause is None:
            return None
        span = self._span(list(clause.subtree))
        if span is None or span[1] - span[0] < 3:
            return None
        start, end = span
        chars = (self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text))
        return Reported(Cue(owner.i, self.person_of(owner)), chars[0], chars[1], (start, end))

    def according_to(self, token: Token) -> Reported | None:
        """'According to X, ...' and '..., according to X': X is the source of the clause."""
        if token.lower_ != "according":
            return None
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if source is None:
            return None
        head = token.head
        while head.dep_ not in ("ROOT", "ccomp", "conj", "advcl") and head.head.i != head.i:
            head = head.head
        own = {t.i for t in token.subtree}
        before = [t for t in head.subtree if t.i < token.i and t.i not in own]
        after = [t for t in head.subtree if t.i > token.i and t.i not in own]
        tokens = after if len(after) > len(before) else before
        if not tokens:
            # "According to X, the move reeks of fear": the parser made "According" the root
            # and hung the clause on X; what follows the comma after X is what X says.
            sentence = self.sentences.of(token.i)
            comma = next((t for t in self.doc[source.i + 1 : sentence.end] if t.text == ","), None)
            if comma is not None and not any(t.pos_ in ("VERB", "AUX") for t in self.doc[source.i : comma.i]):
                tokens = list(self.doc[comma.i + 1 : sentence.end])
        if any(
            not self.in_quote[t.i] and self.is_speech_verb(t) and self.reported(t) is not None
            and self._heads_clause(t, head)
            for t in tokens
        ):
            return None  # "X told CNN that ..., according to Y": X's statement, not Y's
        span = self._span(tokens)
        if span is None or span[1] - span[0] < 4:
            return None
        start, end = span
        chars = (self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text))
        person = self.person_at.get(source.i, "") if self._comma_after(source) else (
            self.person_of(source))
        return Reported(Cue(token.i, person), chars[0], chars[1], (start, end))

    def _comma_after(self, source: Token) -> bool:
        """'According to X, India and China ...': the parser may join the clause's
        subjects to X; after a comma they are not co-sources."""
        end = max(t.i for t in source.subtree if t.i <= source.i) + 1
        return end < len(self.doc) and self.doc[end].text == ","
