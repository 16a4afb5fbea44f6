"""Name mentions in one parsed article, cleaned of titles and NER noise, grouped by person.

"Russian President Vladimir Putin", "Mr Putin" and "Putin" become one draft
person; the words before a name that are titles become its role.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.knowledge.roles import Knowledge, norm
from generator.nlp.sentences import all_tokens

if TYPE_CHECKING:  # annotations only: the YAML-only paths need not import spaCy
    from spacy.tokens import Doc, Token

# Lowercase particles that may sit inside a name: "Bashar al-Assad", "Ursula von der Leyen".
NAME_PARTICLES = frozenset(
    "al el bin ibn van von der den de da di du le la dos das del ter ten".split()
)
# NER labels that say a capitalised word is not a person here.
_NOT_PERSON_LABELS = frozenset(
    "GPE LOC FAC DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY EVENT LAW LANGUAGE".split()
)
# Nouns that relate one person to another; a phrase headed by one gives a
# country ("his US counterpart") but not a role.
RELATIONAL_NOUNS = frozenset(
    "counterpart friend rival opponent colleague ally predecessor successor wife husband "
    "son daughter father mother brother sister son-in-law daughter-in-law".split()
)
_CONNECTORS = frozenset(["of", "for", "'s", "\u2019s", "-", "and"])
# Generational suffixes after a surname: "Ferdinand Marcos Jr." is Mr Marcos.
NAME_SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])


def surname(words: list[str]) -> str:
    """The normalised surname of a name's words, past any generational suffix."""
    kept = [w for w in words if norm(w).rstrip(",") not in NAME_SUFFIXES] or words
    return norm(kept[-1])


@dataclass
class NameMention:
    start: int  # first token of the name
    end: int  # one past the last token
    words: list[str]
    role: str = ""  # title or apposition text found next to this mention
    honorific_gender: str = ""
    described_gender: str = ""  # from a gendered noun in apposition: "his wife, Ann Lee"
    person: int = -1  # index of the draft it belongs to

    @property
    def first(self) -> str:
        return norm(self.words[0])

    @property
    def last(self) -> str:
        return surname(self.words)


@dataclass
class Draft:
    words: list[str]
    mentions: list[NameMention] = field(default_factory=list)
    name: str = ""
    completed_from_knowledge: bool = False

    @property
    def first(self) -> str:
        return norm(self.words[0])

    @property
    def last(self) -> str:
        return surname(self.words)


def _is_name_word(token: Token, know: Knowledge) -> bool:
    text = token.text
    lower = norm(text)
    if lower in NAME_PARTICLES:
        return True
    if not text[:1].isupper() or lower.strip(".") in know.not_names:
        return False
    if len(text) > 1 and text.isupper() and not text.endswith("."):
        return False  # acronyms (RT, NBC) are channels and parties, not names
    if token.tag_ == "RB" and lower.endswith("ly") and lower not in know.given_name_gender:
        return False  # "Realistically Lee can not ...": a sentence's adverb, not a given name (Kelly is one)
    if len(text) <= 4 and sum(c.isupper() for c in text) >= 2 and not text.endswith("."):
        return False  # AfD, SPD-like party short names
    return not know.is_title_word(text)


def _is_joined_name_part(doc: Doc, i: int) -> bool:
    """A lower-case part joined by a hyphen to a name word: "Ki-moon", "Geun-hye"."""
    token = doc[i]
    if token.text == "-":
        return 0 < i < len(doc) - 1 and not doc[i - 1].whitespace_ and not token.whitespace_ and (
            doc[i - 1].text[:1].isupper() and doc[i + 1].text[:1].isalpha()
        )
    return (
        i >= 2 and token.text.isalpha() and token.text.islower()
        and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_
        and doc[i - 2].text[:1].isupper()
    )


def _clean_span(doc: Doc, start: int, end: int, know: Knowledge, verbs: frozenset[str]) -> list[
    tuple[int, int]
]:
    """The name parts of an entity span: titles, verbs and noise trimmed, hyphen pairs split."""
    # "Ursula von der" + "Leyen": the NER stopped at a particle; the name goes on.
    while end < len(doc) and norm(doc[end - 1].text) in NAME_PARTICLES and doc[end].text[
        :1
    ].isupper() and doc[end].tag_ in ("NNP", "NNPS"):
        end += 1
    # Cut at a possessive: "Putin's" -> "Putin".
    for i in range(start, end):
        if doc[i].text in ("'s", "\u2019s", "'", "\u2019"):
            end = i
            break
    while start < end and (
        not _is_name_word(doc[start], know)
        or norm(doc[start].text) in NAME_PARTICLES
        or norm(doc[start].text) in verbs
        # "Algerian Lakhdar Brahimi", "Veteran Tory Kenneth Clarke": the NER took the
        # nationality, the party or a description's filler into the name
        or start + 2 < end and _describes(norm(doc[start].text), know)
        # "Lance Corporal Karl Shearer": a word before a title word opens the title
        or start + 2 < end and know.is_title_word(doc[start + 1].text) and not know.is_title_word(doc[start].text)
        and doc[start].text[:1].isupper() and norm(doc[start].text) not in know.honorifics
    ):
        start += 1
    while end > start and (
        not (_is_name_word(doc[end - 1], know) or _is_joined_name_part(doc, end - 1))
        or norm(doc[end - 1].text) in NAME_PARTICLES
        or norm(doc[end - 1].text) in verbs
    ):
        end -= 1
    if end <= start:
        return []
    if end - start == 1 and end < len(doc) and doc[end].tag_ == "NNP" and not doc[end].ent_type_ and (
        _is_name_word(doc[end], know) and norm(doc[end].text) not in verbs
        and not doc[end - 1].whitespace_.count("\n")
    ):
        end += 1  # "― Ana" + "Torres": the NER stopped after the given name
    # "Biden-Putin summit": two names joined by a hyphen are two mentions.
    parts: list[tuple[int, int]] = []
    part_start = start
    for i in range(start, end):
        if doc[i].text in ("-", "\u2013") and i > part_start:
            parts.append((part_start, i))
            part_start = i + 1
    parts.append((part_start, end))
    if len(parts) > 1 and not all(e - s == 1 for s, e in parts):
        parts = [(start, end)]  # "Al-Atraqchi", "Jean-Claude Juncker": one name
    elif len(parts) > 1 and doc[end - 1].dep_ not in ("compound", "amod", "nmod"):
        parts = [(start, end)]  # "said Mr. Holtz-Eakin": a double surname, not a pairing
    cleaned = []
    for s, e in parts:
        if e > s and all(
            _is_name_word(doc[i], know) or _is_joined_name_part(doc, i) or doc[i].text in ("-",)
            or doc[i].is_space
            for i in range(s, e)
        ):
            cleaned.append((s, e))
    return cleaned


def _describes(word: str, know: Knowledge) -> bool:
    """A nationality, a party or a description's filler ("veteran"): no part of a name."""
    return word in know.nationalities or word in know.party_words or word in know.fillers


def _looks_like_place(doc: Doc, start: int, end: int, text: str, know: Knowledge) -> bool:
    if know.country_of(text):
        return True
    token = doc[end - 1]
    if end - start == 1 and token.dep_ == "pobj" and norm(token.head.text) in ("in", "at", "from"):
        return True
    return False


def _mention_words(doc: Doc, start: int, end: int) -> list[str]:
    """The name's words as written: "Karine Jean-Pierre", spaces (even no-break ones) single."""
    return doc[start:end].text.split()


def find_name_mentions(doc: Doc, know: Knowledge, verbs: frozenset[str]) -> list[NameMention]:
    """Name mentions from NER persons and titled names, noise removed, in text order."""
    spans: dict[tuple[int, int], None] = {}
    label_votes: dict[str, list[int]] = {}
    for ent in doc.ents:
        key = norm(ent.text)
        votes = label_votes.setdefault(key, [0, 0])
        votes[0 if ent.label_ == "PERSON" else 1] += ent.label_ != "NORP"
        if ent.label_ == "PERSON":
            for span in _clean_span(doc, ent.start, ent.end, know, verbs):
                spans[span] = None
    # A title or honorific followed by capitalised words the NER missed: "Mr Flynn".
    covered = {i for s, e in spans for i in range(s, e)}
    for token in all_tokens(doc):
        if token.i in covered or not know.is_title_word(token.text):
            continue
        if not token.text[:1].isupper():
            continue
        j = token.i + 1
        while j < len(doc) and doc[j].tag_ in ("NNP", "NNPS") and _is_name_word(doc[j], know):
            if doc[j].ent_type_ in _NOT_PERSON_LABELS or doc[j].ent_type_ in ("ORG", "NORP"):
                break
            j += 1
        if j > token.i + 1 and not any(i in covered for i in range(token.i + 1, j)):
            spans[(token.i + 1, j)] = None
            covered.update(range(token.i + 1, j))
    vouched = _vouched_by_apposition(doc, know, verbs, covered)
    for span in vouched:
        spans[span] = None
        covered.update(range(*span))
    spans = {_with_given_name(doc, s, e, know, covered): None for s, e in spans}
    # A word that ends a full name here is that person's surname, whatever else NER says.
    surnames = {norm(doc[e - 1].text) for s, e in spans if e - s > 1}
    mentions = []
    for start, end in sorted(spans):
        text = " ".join(_mention_words(doc, start, end))
        votes = label_votes.get(norm(text), [1, 0])
        if _looks_like_place(doc, start, end, text, know):
            continue
        if votes[1] > votes[0] and norm(text) not in surnames and (start, end) not in vouched:
            continue
        if start > 0 and norm(doc[start - 1].text) in know.organisation_nouns:
            continue  # "the Italian broadcaster Rai"
        if norm(doc[end - 1].text) in know.thing_heads:
            continue  # "Karlsson Square", "the Fishing Act"
        mentions.append(NameMention(start, end, _mention_words(doc, start, end)))
    return mentions


# Words a person's name does not follow ("the", a possessive): before a
# capitalised run they make it a thing's name.
_NOT_BEFORE_A_NAME = frozenset(["the", "a", "an", "'s", "\u2019s", "its", "their", "our", "this"])
# Entity labels the small NER model often gives unfamiliar personal names.
_MISREAD_LABELS = frozenset(["ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"])


def _vouched_by_apposition(
    doc: Doc, know: Knowledge, verbs: frozenset[str], covered: set[int]
) -> set[tuple[int, int]]:
    """Names the NER took for something else, in apposition with a role.

    "Camila Reyes, Chile's foreign minister, said" / "Kenya's environment
    minister, Soipan Tuya," are people whatever label the NER gave them; a
    run of capitalised words the NER left unlabelled is one as the subject
    of a verb too ("Marine Le Pen on Monday threatened").
    Only spans of two or more name words count (organisations like "the
    Refugee Council" lose their title-like words and fall short).
    """
    found: set[tuple[int, int]] = set()
    unlabelled = _unlabelled_capitalised_runs(doc)
    runs = [(ent.start, ent.end) for ent in doc.ents if ent.label_ in _MISREAD_LABELS]
    for run_start, run_end in runs + unlabelled:
        if any(i in covered for i in range(run_start, run_end)):
            continue
        if know.country_of(doc[run_start:run_end].text):
            continue
        for start, end in _clean_span(doc, run_start, run_end, know, verbs):
            if (start, end) != (run_start, run_end) or end - start < 2:
                continue
            if any(know.country_of(doc[i].text) for i in range(start, end)):
                continue
            if start > 0 and doc[start - 1].lower_ in _NOT_BEFORE_A_NAME:
                continue  # "the government's Illegal Migration Bill": a thing
            mention = NameMention(start, end, _mention_words(doc, start, end))
            if apposition_role(doc, mention, know) or (
                (start, end) in unlabelled and _is_clause_subject(doc[end - 1])
            ):
                found.add((start, end))
    return found


def _is_clause_subject(token: Token) -> bool:
    """'Marine Le Pen on Monday threatened ...': an unlabelled name doing something."""
    while token.dep_ in ("compound", "flat") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX")


def _unlabelled_capitalised_runs(doc: Doc) -> list[tuple[int, int]]:
    """Runs of two or three capitalised proper nouns the NER left without a label."""
    runs: list[tuple[int, int]] = []
    start = None
    for token in all_tokens(doc):
        inside = (token.tag_ in ("NNP", "NNPS") and token.text[:1].isupper()
                  and not token.ent_type_)
        if inside and start is not None and "\n" in doc[token.i - 1].whitespace_:
            inside = False
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            if 2 <= token.i - start <= 3:
                runs.append((start, token.i))
            start = token.i if (token.tag_ in ("NNP", "NNPS") and token.text[:1].isupper()
                                and not token.ent_type_) else None
    if start is not None and 2 <= len(doc) - start <= 3:
        runs.append((start, len(doc)))
    return runs


def _with_given_name(doc: Doc, start: int, end: int, know: Knowledge, covered: set[int]
                     ) -> tuple[int, int]:
    """'Olaf Scholz' where NER took only 'Scholz': a capitalised word bound to the name."""
    while start > 0:
        before = doc[start - 1]
        if (
            before.i in covered
            or before.dep_ != "compound"
            or before.head.i not in range(start, end)
            or before.tag_ != "NNP"
            or before.ent_type_ in ("DATE", "TIME")  # "In November Lee called"
            or not _is_name_word(before, know)
            or know.country_of(before.text)
            or norm(before.text) in know.party_words  # "Tory Kenneth Clarke"
            or "\n" in before.whitespace_
        ):
            break
        start -= 1
    return start, end


def _compatible_given(a: str, b: str) -> bool:
    """Same given name, or one is the other's initial ("J." and "John")."""
    a, b = a.strip("."), b.strip(".")
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def cluster(mentions: list[NameMention]) -> list[Draft]:
    """Group mentions into draft persons: full names first, then lone surnames or given names."""
    drafts: list[Draft] = []
    for mention in sorted(mentions, key=lambda m: (-len(m.words), m.start)):
        if len(mention.words) < 2:
            continue
        for index, draft in enumerate(drafts):
            if draft.last == mention.last and _compatible_given(draft.first, mention.first):
                mention.person = index
                draft.mentions.append(mention)
                break
        else:
            mention.person = len(drafts)
            drafts.append(Draft(list(mention.words), [mention]))
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.person >= 0:
            continue
        word = mention.last
        by_surname = [i for i, d in enumerate(drafts) if d.last == word and len(d.words) > 1]
        by_given = [i for i, d in enumerate(drafts) if d.first == word and len(d.words) > 1]
        by_self = [i for i, d in enumerate(drafts) if len(d.words) == 1 and d.last == word]
        candidates = by_surname or by_self or by_given
        if not candidates:
            mention.person = len(drafts)
            drafts.append(Draft(list(mention.words), [mention]))
            continue
        mention.person = likeliest_bearer(candidates, drafts, mention.start) if len(candidates) > 1 else (
            candidates[0]
        )
        drafts[mention.person].mentions.append(mention)
    return drafts


def likeliest_bearer(candidates: list[int], drafts: list[Draft], at: int) -> int:
    """Of several people sharing a surname, the one the article has named most so far (the
    senator the story is about, not his wife and father named once in full: news names a
    relative in full, or by the given name), then the one named closest before (else after)
    the surname's token `at`."""

    def rank(index: int) -> tuple[int, int, int]:
        before = [at - m.start for m in drafts[index].mentions if m.start < at]
        after = [m.start - at for m in drafts[index].mentions if m.start > at]
        return (-len(before), min(before) if before else 10**9, min(after) if after else 10**9)

    return min(candidates, key=rank)


def title_before(doc: Doc, mention: NameMention, know: Knowledge, names: set[int]) -> tuple[
    str, str
]:
    """(role text, honorific gender) from the words right before a name.

    A name inside another person's title is part of that title ("Obama aide John
    Doe": John Doe's role is "Obama aide"), and has no title of its own.
    """
    if _in_a_title(doc, mention, know):
        return "", ""
    if mention.start > 0 and norm(doc[mention.start - 1].text) in ("for", "of", "to", "and"):
        return "", ""  # "a spokeswoman for Ann Lind": the title is someone else's
    i = mention.start - 1
    start = mention.start
    gender = ""
    steps = 0
    while i >= 0 and steps < 9:
        token = doc[i]
        lower = norm(token.text)
        if "\n" in token.text or token.is_punct and token.text not in ("-",):
            break
        # Another name may be in the title only as its modifier ("Obama aide", "Putin's spokesman").
        carried = i in names and token.dep_ in ("compound", "poss") and i < token.head.i < mention.start
        if i in names and not carried:
            break
        if lower in RELATIONAL_NOUNS:
            break
        if lower == "and" and norm(doc[i + 1].text).strip(".") in know.honorifics:
            break  # "Mr. King and Mr. Lee": what comes before is another man's name
        is_title = know.is_title_word(token.text) or know.country_of(token.text)
        is_org_word = token.tag_ in ("NNP", "NNPS") and token.ent_type_ not in ("PERSON", "DATE")
        if lower in know.honorifics or f"{lower}." in know.honorifics:
            gender = gender or know.honorifics.get(lower, know.honorifics.get(f"{lower}.", ""))
        elif not (is_title or is_org_word or carried or lower in _CONNECTORS):
            break
        start = i
        i -= 1
        steps += 1
    for j in range(mention.start - 1, start - 1, -1):
        following = norm(doc[j + 1].text).strip(".")
        if norm(doc[j].text) in ("for", "to") and (following in know.role_nouns or following in know.honorifics):
            start = j + 1  # "a spokeswoman for Senator Lind": only "Senator" is Lind's
            break  # ("Ambassador to Chile Tom Hale" keeps its "to Chile")
    while start < mention.start and norm(doc[start].text) in _CONNECTORS:
        start += 1
    words = [doc[j].text for j in range(start, mention.start)]
    role_words = [w for w in words if norm(w).strip(".") not in know.honorifics]
    if not any(know.is_title_word(w) and norm(w) not in know.honorifics for w in role_words):
        return "", gender
    text = _possessor_first(doc, start, mention.start, know)
    # Drop a leading honorific ("Mr President Trump" -> "President").
    for honorific in sorted(know.honorifics, key=len, reverse=True):
        if norm(text).startswith(honorific + " "):
            text = text[len(honorific) + 1 :]
            break
    return " ".join(text.split()), gender


def _in_a_title(doc: Doc, mention: NameMention, know: Knowledge) -> bool:
    """Is the name a modifier of a title word after it ("Obama aide", "Trump's adviser")?"""
    last = doc[mention.end - 1]
    head = last.head
    if not (last.dep_ in ("compound", "poss") and head.i >= mention.end
            and norm(head.text) in know.role_nouns and head.ent_type_ != "PERSON"):
        return False
    if mention.start == 0:
        return True
    # The words right before the name are its own title when they hang on it
    # ("Russian President Vladimir Putin's spokesman"), not when they hang on the
    # title after it ("former top Obama aide").
    token = doc[mention.start - 1]
    for _ in range(6):
        if mention.start <= token.head.i < mention.end:
            return False
        if token.head.i == token.i or not token.head.i < mention.start:
            return True
        token = token.head
    return True


_POSSESSIVES = frozenset(["'s", "\u2019s", "'", "\u2019"])


def _possessor_first(doc: Doc, start: int, end: int, know: Knowledge) -> str:
    """The title's words, a person's possessive first: "former Trump's adviser" (the
    former adviser of Trump) reads "Trump's former adviser", never an adjective on a name."""
    if start >= end:
        return ""
    text = doc[start:end].text
    marks = [i for i in range(start + 1, end) if doc[i].text in _POSSESSIVES]
    if not marks:
        return text
    mark = marks[-1]
    owner = doc[mark - 1]
    is_name = (owner.tag_ in ("NNP", "NNPS") and not know.is_title_word(owner.text)
               and not know.country_of(owner.text))
    # The words before the owner's name that describe the possessed role: "former", "top".
    lead = start
    while lead < mark - 1 and (norm(doc[lead].text) in know.past_words
                               or norm(doc[lead].text) in know.fillers
                               or doc[lead].dep_ == "amod" and doc[lead].head.i > mark):
        lead += 1
    if not is_name or lead == start:
        return text
    owner_part = doc[lead : mark + 1].text
    described = doc[start:lead].text
    rest = doc[mark + 1 : end].text
    return " ".join(f"{owner_part} {described} {rest}".split())


# Parts of a role noun's phrase that say what its holder did, not who they are:
# "the US ambassador to Russia, who left Moscow", "Russia's ambassador, withdrawn from ...".
_CLAUSE_DEPS = frozenset(["relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc"])


def _role_phrase(head: Token) -> list[Token]:
    """The role noun's phrase without the clauses hung on it: a relative clause, or a
    clause set off by a comma ("a journalist on the Rome based paper" keeps its "based")."""
    doc = head.doc
    cut: set[int] = set()
    for child in head.children:
        if child.dep_ == "appos":
            cut.update(t.i for t in child.subtree)  # "the foreign minister of France, a member of ..."
            continue
        if child.dep_ not in _CLAUSE_DEPS:
            continue
        low, high = sorted((head.i, child.left_edge.i))
        if child.dep_ == "relcl" or any(doc[i].text in (",", ";", "\u2013", "\u2014")
                                        for i in range(low, high)):
            cut.update(t.i for t in child.subtree)
    return [t for t in head.subtree if t.i not in cut]


def apposed_nouns(doc: Doc, mention: NameMention) -> list[Token]:
    """The nouns in apposition with a name: "his wife, Ann Lee," / "Ann Lee, his wife,"."""
    root = doc[mention.end - 1]
    nouns = [root.head] if root.dep_ == "appos" else []
    return nouns + [child for child in root.children if child.dep_ == "appos"]


def apposition_gender(doc: Doc, mention: NameMention, know: Knowledge) -> str:
    """The gender a noun in apposition gives: "his wife, Ann Lee," / "Ingrid Rask, the
    senator's daughter," (`gendered_roles` in titles.yaml)."""
    for noun in apposed_nouns(doc, mention):
        gender = know.gendered_roles.get(norm(noun.text), "")
        if gender:
            return gender
    return ""


def apposition_role(doc: Doc, mention: NameMention, know: Knowledge) -> str:
    """The role in an apposition: "John Sullivan, the US ambassador to Russia," / "X's envoy, Y"."""
    root = doc[mention.end - 1]
    phrase_tokens: list[Token] = []
    if root.dep_ == "appos" and norm(root.head.text) in know.role_nouns:
        head = root.head
        inside = {t.i for t in root.subtree}
        phrase_tokens = [t for t in _role_phrase(head) if t.i not in inside
                         and (t.i < mention.start or t.i >= mention.end)]
        if head.i < mention.start:
            # "Russia's ambassador to the US, Anatoly Antonov, ...": the role is before the name.
            phrase_tokens = [t for t in phrase_tokens if t.i < mention.start]
    else:
        for child in root.children:
            if child.dep_ == "appos" and norm(child.text) in know.role_nouns:
                phrase_tokens = _role_phrase(child)
                break
    if not phrase_tokens:
        return ""
    head_word = next((t for t in phrase_tokens if norm(t.text) in know.role_nouns), None)
    if head_word is None or norm(head_word.text) in RELATIONAL_NOUNS:
        return ""
    phrase_tokens = [t for t in phrase_tokens if not t.is_space]
    while phrase_tokens and (phrase_tokens[0].is_punct or phrase_tokens[0].dep_ == "det"):
        phrase_tokens = phrase_tokens[1:]
    while phrase_tokens and phrase_tokens[-1].is_punct:
        phrase_tokens = phrase_tokens[:-1]
    if not phrase_tokens or len(phrase_tokens) > 10:
        return ""
    span = doc[phrase_tokens[0].i : phrase_tokens[-1].i + 1]
    # Another person's name may only appear as a possessor ("Erdogan's spokesman").
    possessed = {t.i for t in span if t.dep_ == "poss" for t in t.subtree}
    if "\n" in span.text or any(
        t.ent_type_ == "PERSON" and t.i not in possessed for t in span
    ):
        return ""
    return " ".join(span.text.split())
