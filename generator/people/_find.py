"""People stage: who is mentioned in an article, and one record per real person.

`find_people` finds name mentions (spaCy NER plus titled names), strips titles
into roles, merges "Anna Lind" / "Ms Lind" / "Lind" into one person,
and resolves pronouns and descriptions ("the Swedish president", "the
ministry official") to the people they mean. `merge_people` joins the
per-article people across articles. Knowledge (titles, role words, office
holders over time) lives in generator/knowledge/data/titles.yaml and roles.yaml.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from typing import TYPE_CHECKING

from generator.knowledge import load_data
from generator.knowledge.roles import (
    GENERIC_ROLES,
    Knowledge,
    RoleInfo,
    analyse_role,
    knowledge,
    norm,
)
from generator.knowledge.speech import speech_cues
from generator.model import Mention, PartialDate, Person, slugify
from generator.nlp.quotes import find_quotes
from generator.nlp.sentences import all_tokens, sentences
from generator.people._coref import Candidate, Resolution, Resolver, make_ref, resolve
from generator.people._names import (
    RELATIONAL_NOUNS,
    Draft,
    NameMention,
    apposed_nouns,
    apposition_gender,
    apposition_role,
    cluster,
    find_name_mentions,
    likeliest_bearer,
    surname,
    title_before,
)
from generator.people._passing import passing

if TYPE_CHECKING:  # annotations only: the YAML-only paths need not import spaCy
    from spacy.tokens import Doc, Token

__all__ = ["find_people", "merge_people", "quoted_tokens"]


def quoted_tokens(doc: Doc, text: str | None = None) -> list[bool]:
    """For each token, whether it lies inside a quotation (`text`: doc.text, if at hand)."""
    flags = [False] * len(doc)
    for quote in find_quotes(doc.text if text is None else text):
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                flags[i] = True
    return flags


def _add_surname_mentions(
    doc: Doc, drafts: list[Draft], mentions: list[NameMention], know: Knowledge
) -> None:
    """Mentions the NER missed: a capitalised word that is a known person's surname."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    surnames: dict[str, list[int]] = {}
    for index, d in enumerate(drafts):
        surnames.setdefault(d.last, []).append(index)
    for token in all_tokens(doc):
        if token.i in covered or not token.text[:1].isupper() or token.tag_ not in (
            "NNP", "NNPS", "NN"
        ):
            continue
        bearers = surnames.get(norm(token.text), [])
        index = bearers[0] if bearers else None
        if index is None and token.dep_ in ("nsubj", "nsubjpass") and token.tag_ == "NNP":
            # "Holm said ..." with the NER calling Holm a place: a speaker whose
            # surname belongs to exactly one known office holder.
            known = know.known_by_surname(token.text)
            if len(known) == 1 and not know.country_of(token.text):
                index = len(drafts)
                drafts.append(Draft([token.text]))
                surnames[norm(token.text)] = [index]
        if index is None or token.ent_type_ in ("DATE", "TIME"):
            continue
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "from"):
            continue  # "in Washington", not Mr Washington
        start = token.i
        if len(bearers) > 1:  # "Rask" with Ole and Ingrid Rask in the article
            given = [i for i in bearers if start > 0 and norm(doc[start - 1].text) == drafts[i].first]
            index = given[0] if given else likeliest_bearer(bearers, drafts, start)
        draft = drafts[index]
        if len(draft.words) == 1:
            # "Erik Holm" where only "Holm" was recognised: take the given name too.
            while (
                start > 0
                and doc[start - 1].tag_ == "NNP"
                and doc[start - 1].text[:1].isupper()
                and not know.is_title_word(doc[start - 1].text)
                and not know.country_of(doc[start - 1].text)
                and doc[start - 1].i not in covered
                and "\n" not in doc[start - 1].whitespace_
            ):
                start -= 1
        mention = NameMention(start, token.i + 1, doc[start : token.i + 1].text.split())
        mention.person = index
        if len(mention.words) > len(draft.words):
            draft.words = list(mention.words)
        draft.mentions.append(mention)
        mentions.append(mention)
        covered.update(range(start, token.i + 1))
    mentions.sort(key=lambda m: m.start)


def _country_evidence(doc: Doc, know: Knowledge) -> set[str]:
    """Countries the article names (for completing a lone surname to a known office holder's full name)."""
    countries = set()
    for token in all_tokens(doc):
        if not token.text[:1].isupper():
            continue  # country words are capitalised
        country = know.country_of(token.text)
        if country:
            countries.add(country)
    return countries


def _to_office_holders(drafts: list[Draft], mentions: list[NameMention], know: Knowledge, when: PartialDate) -> None:
    """A lone surname under the title of an office another holds at the article's date
    ("President Hale" while Tom Hale holds the office, in an article that names Ingrid Hale in full) is that
    holder, named in full from roles.yaml."""
    for mention in mentions:
        if len(mention.words) != 1 or not mention.role or mention.person < 0:
            continue
        full = " ".join(drafts[mention.person].words)
        info = analyse_role(mention.role.split(), know)
        if full == mention.words[0] or not info.role:
            continue
        holders = {
            name for office in know.offices
            if office.role == info.role and (not info.country or office.country == info.country)
            for name in office.holders_on(when) if norm(name).split()[-1] == mention.last
        }
        holder = holders.pop() if len(holders) == 1 else None
        if holder is None or know.known_names.get(norm(full), full) == holder:
            continue
        target = next((i for i, d in enumerate(drafts) if norm(" ".join(d.words)) == norm(holder)), None)
        if target is None:
            target = len(drafts)
            drafts.append(Draft(holder.split(), completed_from_knowledge=True))
        _move(mention, drafts, target)


def _away_from_the_other_gender(drafts: list[Draft], mentions: list[NameMention], know: Knowledge) -> None:
    """"Mr. Hale" is not Ingrid Hale: a lone surname whose honorific's gender is not
    the given name's goes to a person of that surname who may carry it, else to one of
    that name alone."""
    for mention in mentions:
        gender = mention.honorific_gender
        if len(mention.words) != 1 or not gender or mention.person < 0:
            continue
        draft = drafts[mention.person]
        given = know.given_name_gender.get(draft.first, "") or _titled_gender(draft, mention)
        if len(draft.words) < 2 or not given or given == gender:
            continue
        others = [
            i for i, d in enumerate(drafts)
            if i != mention.person and d.last == mention.last
            and know.given_name_gender.get(d.first, gender) == gender
        ]
        if not others:
            others = [len(drafts)]
            drafts.append(Draft(list(mention.words)))
        _move(mention, drafts, likeliest_bearer(others, drafts, mention.start))


def _titled_gender(draft: Draft, mention: NameMention) -> str:
    """The gender of the first title the person is named with before `mention` ("Mr
    Sharif" after "Nawaz Sharif": the wife comes in later as "Mrs Sharif"), for a given
    name the lists do not know; "" if none."""
    titled = [m for m in draft.mentions if m.start < mention.start and (m.honorific_gender or m.described_gender)]
    first = min(titled, key=lambda m: m.start, default=None)
    return first.honorific_gender or first.described_gender if first else ""


def _relatives_apart(doc: Doc, drafts: list[Draft]) -> None:
    """"His first wife, Margaret": a given name alone that names someone's relative is not
    the Margaret the article names in full (Margaret Thatcher in Robin Cook's obituary)."""
    for draft in list(drafts):
        for mention in list(draft.mentions):
            if len(mention.words) != 1 or len(draft.words) < 2 or mention.first != draft.first:
                continue
            nouns = apposed_nouns(doc, mention)
            if any(norm(n.text) in RELATIONAL_NOUNS and any(c.dep_ == "poss" for c in n.children) for n in nouns):
                drafts.append(Draft(list(mention.words)))
                _move(mention, drafts, len(drafts) - 1)


def _without_glued_credits(doc: Doc, mentions: list[NameMention]) -> list[NameMention]:
    """"Photograph: Martin Argles Robin Cook, who has died ...": a picture credit with no
    agency runs the photographer's name into the lead's. After a credit's label, a name of
    four words is two, and one of three whose last two the article uses alone is those."""
    labels = _credit_labels()
    alone = {tuple(m.words) for m in mentions if len(m.words) == 2}
    for mention in mentions:
        if mention.start < 2 or doc[mention.start - 1].text != ":" or norm(doc[mention.start - 2].text) not in labels:
            continue
        if len(mention.words) == 4 or (len(mention.words) == 3 and tuple(mention.words[-2:]) in alone):
            mention.start, mention.words = mention.end - 2, mention.words[-2:]
    return mentions


@cache
def _credit_labels() -> frozenset[str]:
    return frozenset(load_data("boilerplate")["picture_credit_labels"])


def _move(mention: NameMention, drafts: list[Draft], target: int) -> None:
    drafts[mention.person].mentions.remove(mention)
    mention.person = target
    drafts[target].mentions.append(mention)


def _complete(draft: Draft, roles: list[RoleInfo], countries: set[str], know: Knowledge) -> None:
    """Give a lone surname or given name the full name of the one office holder it fits."""
    if len(draft.words) != 1:
        return
    word = draft.words[0]
    known = know.known_by_surname(word) or know.known_by_given_name(word)

    def fits(name: str) -> bool:
        offices = know.offices_holding(name)
        if any(r.role and any(o.role == r.role for o in offices) for r in roles):
            return True
        return any(o.country in countries for o in offices)

    known = [name for name in known if fits(name)]
    if len(known) == 1:
        draft.words = known[0].split()
        draft.completed_from_knowledge = True


def _gender(draft: Draft, role_text: str, know: Knowledge, agreed: str) -> str:
    """Honorific, then a gendered role word, then the given name (a lone one only if it
    is no common surname), and only then the pronouns the article uses near the
    person (`agreed`), which vote for whoever was named last."""
    for mention in draft.mentions:
        if mention.honorific_gender or mention.described_gender:
            return mention.honorific_gender or mention.described_gender
    for word in norm(role_text).split():
        if word in know.gendered_roles:
            return know.gendered_roles[word]
    first = norm(draft.words[0])
    if first in know.given_name_gender and (len(draft.words) > 1 or first not in know.surname_given_names):
        return know.given_name_gender[first]
    return agreed


def _article_apostrophe(name: str, draft: Draft) -> str:
    """The name with the apostrophe the article writes it with most ("O'Neill" four
    times and "O’Neill" once is O'Neill)."""
    if "'" not in name and "’" not in name:
        return name
    written = " ".join(" ".join(m.words) for m in draft.mentions)
    straight, curly = written.count("'"), written.count("’")
    if straight > curly:
        return name.replace("’", "'")
    return name.replace("'", "’") if curly > straight else name


def _is_subject(token: Token) -> bool:
    """Is the name (its last token) the subject of its clause, directly or in apposition?"""
    while token.dep_ in ("compound", "flat", "appos") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _pronoun_agreement(
    doc: Doc, mentions: list[NameMention], know: Knowledge, in_quote: list[bool]
) -> dict[int, str]:
    """Gender each person's pronouns show where nobody else could be meant.

    A pronoun votes for the one person named before it in its sentence, or,
    when its sentence names nobody before it, for the one person the sentence
    before names ("Ms X arrived from Y, where she had held talks"), if that
    person is the subject there (an object is a poor antecedent).
    """
    index = sentences(doc)
    named_in: dict[int, list[tuple[int, int]]] = {}  # sentence -> (token, draft)
    for mention in mentions:
        if mention.person >= 0 and not in_quote[mention.start] and _is_subject(
            doc[mention.end - 1]
        ):
            named_in.setdefault(index.number(mention.start), []).append(
                (mention.start, mention.person))
    votes: dict[int, Counter[str]] = {}
    for token in all_tokens(doc):
        gender = know.pronouns.get(norm(token.text), "")
        if not gender or in_quote[token.i] or token.tag_ not in ("PRP", "PRP$"):
            continue
        sentence = index.number(token.i)
        people = {p for i, p in named_in.get(sentence, []) if i < token.i}
        if not people and sentence > 0:
            people = {p for _, p in named_in.get(sentence - 1, [])}
        if len(people) == 1:
            votes.setdefault(people.pop(), Counter())[gender] += 1
    agreed = {}
    for person, counted in votes.items():
        gender, count = counted.most_common(1)[0]
        if count >= 0.75 * sum(counted.values()):
            agreed[person] = gender
    return agreed


def _known_country(name: str, know: Knowledge) -> str:
    countries = {o.country for o in know.offices_holding(name)}
    return countries.pop() if len(countries) == 1 else ""


def _office_role(name: str, reference: PartialDate | None, know: Knowledge) -> str:
    if reference is None:
        return ""
    for office in know.offices_holding(name):
        if name in office.holders_on(reference):
            adjective = know.adjectives.get(office.country, office.country)
            return f"{adjective} {office.role}"
    return ""


def _office_info(name: str, reference: PartialDate | None, know: Knowledge) -> RoleInfo:
    """The office roles.yaml says a named person held at the article's date.

    Lets "the prime minister" find the prime minister among the people named
    even when the article never gives that person a title.
    """
    canonical = know.known_names.get(norm(name), name)
    held = [
        o for o in know.offices_holding(name)
        if reference is not None and canonical in o.holders_on(reference)
    ]
    if len(held) != 1:
        return RoleInfo()
    return RoleInfo(held[0].role, held[0].country, held[0].role)


# Words a description starts with that are no part of the role it gives.
_DESCRIPTION_DETERMINERS = frozenset(["the", "this", "that"])


def _described_roles(doc: Doc, resolutions: list[Resolution], mentions: list[NameMention],
                     candidates: list[Candidate], know: Knowledge) -> dict[int, str]:
    """The role the text gives a person only by describing them: "the Swedish president's
    adviser said ... Ivan Petrov told journalists" makes Petrov "Swedish president's
    adviser" (the first definite description of a role that resolved to them, in the
    sentence of one of their names or the one beside it, of no other country than theirs)."""
    sentence_of = sentences(doc).index_of_token
    named_in: dict[int, set[int]] = defaultdict(set)  # person -> sentences naming them
    for mention in mentions:
        named_in[mention.person].add(sentence_of[mention.start])
    roles: dict[int, str] = {}
    for resolution in resolutions:
        if resolution.person in roles or resolution.end - resolution.start < 2:
            continue  # a pronoun, or a bare "the aide" that says little
        if resolution.person >= len(candidates):
            continue
        sentence = sentence_of[resolution.start]
        if not named_in[resolution.person] & {sentence - 1, sentence, sentence + 1}:
            continue  # too far from the name to be sure it is theirs
        head = doc[resolution.end - 1]
        lower = norm(head.text)
        if lower not in know.role_nouns or lower in RELATIONAL_NOUNS or lower in GENERIC_ROLES:
            continue
        tokens = list(doc[resolution.start : resolution.end])
        if norm(tokens[0].text) not in _DESCRIPTION_DETERMINERS:
            continue  # "his adviser", "a senior official": not who they are
        text = " ".join(doc[tokens[1].i : resolution.end].text.split())
        country = analyse_role(text.split(), know).country
        own = candidates[resolution.person].country
        if len(text.split()) >= 2 and not (country and own and country != own):
            roles[resolution.person] = text
    return roles


def _without(drafts: list[Draft], mentions: list[NameMention], dropped: set[int]
             ) -> tuple[list[Draft], list[NameMention]]:
    """The drafts and mentions left when the `dropped` drafts go, renumbered."""
    renumber: dict[int, int] = {}
    kept: list[Draft] = []
    for index, draft in enumerate(drafts):
        if index not in dropped:
            renumber[index] = len(kept)
            kept.append(draft)
    left = [m for m in mentions if m.person in renumber]
    for mention in left:
        mention.person = renumber[mention.person]
    return kept, left


def find_people(doc: Doc, reference: PartialDate | None) -> tuple[list[Person], list[Mention]]:
    """The people one article mentions, and every mention of them (names, pronouns, descriptions).

    `reference` is the article's date, used to read "the US president" as the
    holder of that office then; None leaves such descriptions to the text.
    """
    know = knowledge()
    forms = speech_cues().forms
    mentions = _without_glued_credits(doc, find_name_mentions(doc, know, forms))
    drafts = cluster(mentions)
    _add_surname_mentions(doc, drafts, mentions, know)
    named = {i for m in mentions for i in range(m.start, m.end)}
    for mention in mentions:
        mention.role, mention.honorific_gender = title_before(doc, mention, know, named)
        if not mention.role:
            mention.role = apposition_role(doc, mention, know)
        mention.described_gender = apposition_gender(doc, mention, know)
    _relatives_apart(doc, drafts)
    if reference is not None:
        _to_office_holders(drafts, mentions, know, reference)
    _away_from_the_other_gender(drafts, mentions, know)
    text = doc.text  # Doc.text joins every token: read it once
    in_quote = quoted_tokens(doc, text)
    dropped = passing(doc, drafts, know, in_quote, reference.year if reference else None)
    if dropped:
        drafts, mentions = _without(drafts, mentions, dropped)
    countries = _country_evidence(doc, know)
    agreed = _pronoun_agreement(doc, mentions, know, in_quote)
    candidates: list[Candidate] = []
    role_texts: list[str] = []
    for index, draft in enumerate(drafts):
        roles = [m.role for m in draft.mentions if m.role]
        role_infos = [analyse_role(r.split(), know) for r in roles]
        _complete(draft, role_infos, countries, know)
        draft.name = _article_apostrophe(" ".join(" ".join(draft.words).split()), draft)
        role_text = max(roles, key=lambda r: (len(analyse_role(r.split(), know).role) > 0, len(r)),
                        default="")
        info = analyse_role(role_text.split(), know) if role_text else RoleInfo()
        if not info.role:
            info = _office_info(draft.name, reference, know)
        country = info.country or next((r.country for r in role_infos if r.country), "")
        country = country or _known_country(draft.name, know)
        candidates.append(
            Candidate(index, draft.name, info, _gender(draft, role_text, know, agreed.get(index, "")),
                      country)
        )
        role_texts.append(role_text)

    sentence_of = sentences(doc).index_of_token
    refs = [make_ref(doc[m.end - 1], m.person, sentence_of[m.start], forms) for m in mentions]
    resolver = Resolver(doc, know, candidates, refs, in_quote, reference, forms, text)
    resolutions = resolve(resolver)
    described = _described_roles(doc, resolutions, mentions, resolver.candidates, know)

    # One Person per id: a completed "Lind" and a named "Anna Lind" are the same.
    people: dict[str, Person] = {}
    id_of: dict[int, str] = {}
    for candidate in resolver.candidates:
        person_id = slugify(candidate.name)
        id_of[candidate.key] = person_id
        role = role_texts[candidate.key] if candidate.key < len(role_texts) else ""
        role = role or described.get(candidate.key, "") or _office_role(candidate.name, reference, know)
        if person_id not in people:
            people[person_id] = Person(person_id, candidate.name, role, candidate.country, [])
        else:
            existing = people[person_id]
            existing.role = existing.role or role
            existing.country = existing.country or candidate.country
    found: list[Mention] = []
    for mention in mentions:
        span = doc[mention.start : mention.end]
        person = people[id_of[mention.person]]
        found.append(Mention(span.start_char, span.end_char, span.text, person.id))
        surface = " ".join(mention.words)
        if surface != person.name and surface not in person.aliases:
            person.aliases.append(surface)
    for resolution in resolutions:
        span = doc[resolution.start : resolution.end]
        found.append(Mention(span.start_char, span.end_char, span.text, id_of[resolution.person]))
    for person in people.values():
        person.aliases.sort()
    found.sort(key=lambda m: (m.start, m.end))
    return sorted(people.values(), key=lambda p: p.id), found


# --- across articles ------------------------------------------------------


def _canonical(name: str, know: Knowledge) -> str:
    return know.known_names.get(norm(name), name)


def merge_people(per_article: list[list[Person]]) -> tuple[list[Person], dict[str, str]]:
    """One Person per real person across articles, and a map old id -> merged id.

    Spellings the data lists as aliases ("Yury"/"Yuri") join; a lone surname
    joins the one full name with that surname (from the articles, else from
    roles.yaml).
    """
    know = knowledge()
    everyone = [person for people in per_article for person in people]
    full_names: dict[str, str] = {}  # merged id -> full name
    # Indexes of full_names by family and by given name: merging stays linear.
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_given: dict[str, set[str]] = defaultdict(set)

    def remember(key: str, name: str) -> None:
        if key not in full_names:
            full_names[key] = name
            by_surname[surname(name.split())].add(key)
            by_given[norm(name.split()[0])].add(key)

    canonical = {person.id: _canonical(person.name, know) for person in everyone}
    for person in everyone:
        if len(canonical[person.id].split()) > 1:
            remember(slugify(canonical[person.id]), canonical[person.id])
    target: dict[str, str] = {}
    for person in everyone:
        name = canonical[person.id]
        words = name.split()
        if len(words) == 1:
            word = norm(words[0])
            matches = set(by_surname.get(word, ())) or set(by_given.get(word, ()))
            if not matches:
                known = know.known_by_surname(word)
                if len(known) == 1:
                    remember(slugify(known[0]), known[0])
                    matches = {slugify(known[0])}
            if len(matches) == 1:
                target[person.id] = matches.pop()
                continue
        target[person.id] = slugify(name)
        remember(slugify(name), name)
    grouped: dict[str, list[Person]] = {}
    for person in everyone:
        grouped.setdefault(target[person.id], []).append(person)
    merged: dict[str, Person] = {}
    final_id: dict[str, str] = {}
    for key, group in grouped.items():
        # The name as the articles spell it most often; the data's spelling
        # only when no article gives a full name.
        spelled = Counter(p.name for p in group if len(p.name.split()) > 1)
        name = (
            max(spelled, key=lambda n: (spelled[n], len(n)))
            if spelled
            else full_names.get(key, group[0].name)
        )
        merged_id = slugify(name)
        final_id[key] = merged_id
        roles = Counter(p.role for p in group if p.role)
        role = max(roles, key=lambda r: (roles[r], len(r))) if roles else ""
        countries = Counter(p.country for p in group if p.country)
        country = countries.most_common(1)[0][0] if countries else ""
        aliases = {a for p in group for a in (p.name, *p.aliases)} - {name}
        if merged_id in merged:  # two spellings that slugify alike
            existing = merged[merged_id]
            existing.role = existing.role or role
            existing.country = existing.country or country
            aliases |= set(existing.aliases)
        merged[merged_id] = Person(merged_id, name, role or merged.get(merged_id, Person("", "")).role,
                                   country or merged.get(merged_id, Person("", "")).country,
                                   sorted(aliases - {name}))
    id_map = {old: final_id[key] for old, key in target.items()}
    return sorted(merged.values(), key=lambda p: p.id), id_map
