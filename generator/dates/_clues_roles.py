"""Publication-date clues from office holders (data/roles.yaml).

"State Department spokeswoman X said" was written while X held that office
(and certainly after X took it); "former national security adviser Y" after Y
left; "Z, the president-elect" shortly before Z took office; "the W
administration" no earlier than W's time in office. "then-X" says nothing about
the writing, and a title in a sentence that dates itself to another year ("In
2014, Foreign Minister X said") may be the title of then: it gives only the
lower bound. Names, offices and dates all come from roles.yaml, and the words
("former", "incoming", "administration") from time_words.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from generator.dates import _calendar as cal
from generator.dates._lexicon import alternatives
from generator.dates._tense import SentenceIndex
from generator.dates._window import EARLIEST, OPEN_END, Clue, Days, normalise
from generator.knowledge import load_data
from generator.knowledge.roles import Knowledge, Office, analyse_role, knowledge, norm, role_matches

TRUST_ROLE_START = 61
TRUST_ROLE_FORMER = 59
TRUST_ROLE_TENURE = 51  # below explicit past dates: a title may be the one of then
TRUST_ADMINISTRATION = 57
TRUST_ROLE_BEFORE = 57

_TOKEN = re.compile(r"[A-Za-z][\w.'’-]*|[,;:()\"“”\[\]—–]")
_TITLE_LINKS = frozenset({"to", "the", "of", "for", "a", "an"})
_MAX_TITLE_WORDS = 8


@dataclass(frozen=True)
class _Words:
    former: frozenset[str]
    before: frozenset[str]
    no_clue: frozenset[str]
    administration: tuple[str, ...]
    before_days: int
    title: frozenset[str]  # lowercase words a title may hold ("spokeswoman", "foreign", "senior")


@dataclass(frozen=True)
class _Index:
    names: re.Pattern[str]  # every holder's full name, alias and family name
    persons: dict[str, tuple[str, ...]]  # matched text -> canonical names it may stand for
    full_names: frozenset[str]
    administration: re.Pattern[str] | None
    leaders: dict[str, tuple[str, ...]]  # family name -> canonical names of leaders


@cache
def _words() -> _Words:
    data = load_data("time_words").get("tenure_words") or {}
    know = knowledge()
    title = set(know.role_nouns) | set(know.fillers) | set(know.past_words) | set(_TITLE_LINKS)
    for phrase in list(know.compound_roles) + [q for office in know.offices for q in office.qualifiers]:
        title.update(phrase.split())
    lists = {
        key: frozenset(norm(str(w)) for w in data.get(key) or []) for key in ("former", "before", "no_clue")
    }
    for values in lists.values():
        title.update(values)
    return _Words(
        former=lists["former"],
        before=lists["before"],
        no_clue=lists["no_clue"],
        administration=tuple(str(w) for w in data.get("administration") or []),
        before_days=int(data.get("before_days", 120)),
        title=frozenset(title),
    )


@cache
def _index() -> _Index:
    know = knowledge()
    persons: dict[str, set[str]] = {}
    full: set[str] = set()
    leaders: dict[str, set[str]] = {}
    for office in know.offices:
        for holder in office.holders:
            for name in (holder.name, *holder.aliases):
                full.add(name)
                persons.setdefault(name, set()).add(holder.name)
                family = name.split()[-1]
                persons.setdefault(family, set()).add(holder.name)
                if office.leader:
                    leaders.setdefault(family, set()).add(holder.name)
    names = re.compile(r"(?<![\w-])(?:" + alternatives(persons) + r")(?![\w-])" if persons else r"(?!x)x")
    words = _words().administration
    administration = None
    if leaders and words:
        administration = re.compile(
            r"(?<![\w-])(?P<name>" + alternatives(leaders) + r")(?:['’]s)?[\s-]+(?P<what>"
            + alternatives(words) + r")\b"
        )
    return _Index(
        names=names,
        persons={key: tuple(sorted(value)) for key, value in persons.items()},
        full_names=frozenset(full),
        administration=administration,
        leaders={key: tuple(sorted(value)) for key, value in leaders.items()},
    )


# --- tenures as days ----------------------------------------------------------------------------


def _tenures(person: str, offices: Iterable[Office]) -> list[tuple[dt.date, dt.date]]:
    return [
        (holder.start or EARLIEST, holder.end or OPEN_END)
        for office in offices
        for holder in office.holders
        if holder.name == person
    ]


def _after_leaving(tenures: list[tuple[dt.date, dt.date]]) -> Days:
    """Days after a first time in office ended and not in office again."""
    ended = [last for _, last in tenures if last < OPEN_END]
    if not ended:
        return ()
    gaps, cursor = [], min(ended)
    for first, last in sorted(tenures):
        if last < cursor:
            continue
        if first > cursor:
            gaps.append((cursor, cal.add_days(first, -1)))
        cursor = max(cursor, last)
    if cursor < OPEN_END:
        gaps.append((cursor, OPEN_END))
    return normalise(gaps)


def _before_taking(tenures: list[tuple[dt.date, dt.date]], days: int) -> Days:
    return normalise((cal.add_days(first, -days), first) for first, _ in tenures if first > EARLIEST)


# --- reading a title ----------------------------------------------------------------------------


def _title_before(text: str, sentence_start: int, start: int, words: _Words) -> tuple[list[str], int]:
    """The words of a title right before a name ("Russian Foreign Minister", "Russia's envoy to the US,")
    and where they start."""
    tokens = list(_TOKEN.finditer(text, max(sentence_start, start - 100), start))
    if tokens and tokens[-1].group() == ",":
        tokens.pop()  # "the US ambassador to Russia, John Smith"
    title: list[re.Match[str]] = []
    for token in reversed(tokens):
        word = token.group()
        if len(title) >= _MAX_TITLE_WORDS or not word[0].isalpha():
            break
        if word[0].islower() and norm(word).split("-")[0] not in words.title and not word.startswith("ex-"):
            break
        title.append(token)
    title.reverse()
    # leading words that are neither title nor country ("According to", "for") are not the title
    while title and (norm(title[0].group()) in _TITLE_LINKS or not _is_title_word(title[0].group(), words)):
        title.pop(0)
    return [t.group() for t in title], (title[0].start() if title else start)


def _is_title_word(word: str, words: _Words) -> bool:
    key = norm(word)
    return key.split("-")[0] in words.title or key.startswith("ex-") or bool(knowledge().country_of(word))


_APPOSITION = re.compile(
    r"\s*,\s+(?P<words>(?:the|a|an|[A-Z])[^,.;:()\"“”]{2,80}?)(?=\s*[,.;:)]|\s+(?:who|said|says|told)\b)"
)


def _title_after(text: str, end: int, words: _Words) -> tuple[list[str], int]:
    """An apposition after a name: "John Smith, the US ambassador to Russia, said", and its end."""
    match = _APPOSITION.match(text, end)
    if not match:
        return [], end
    tokens = _TOKEN.findall(match["words"])
    if any(t[0].islower() and norm(t).split("-")[0] not in words.title for t in tokens):
        return [], end
    return tokens, match.end()


def _mode(title: list[str], words: _Words) -> tuple[str, list[str]]:
    """("present" | "former" | "before" | "none", the title without its time words)."""
    lowered = f" {' '.join(norm(t) for t in title)} "
    if any(f" {w} " in lowered for w in words.no_clue) or "then-" in lowered:
        return "none", []
    mode, kept = "present", []
    for token in title:
        key = norm(token)
        if key in words.former:
            mode = "former"
            continue
        if key.startswith("ex-"):
            mode, token, key = "former", token[3:], key[3:]
        if key in words.before:
            mode = "before"
            continue
        if "-" in key and key.rsplit("-", 1)[1] in words.before:  # "President-elect"
            mode, token = "before", token.rsplit("-", 1)[0]
        kept.append(token)
    return mode, kept


def _offices(person: str, title: list[str], know: Knowledge) -> list[Office]:
    """The offices of `person` the title names ("Foreign Minister" of Russia)."""
    info = analyse_role(title, know)
    if not info.role:
        return []
    return [
        office
        for office in know.offices_holding(person)
        if role_matches(info.role, office.role, know) and (not info.country or info.country == office.country)
    ]


# --- clues ----------------------------------------------------------------------------------------


def _quote(text: str) -> str:
    return "'" + " ".join(text.split()) + "'"


def role_clues(text: str, sentences: SentenceIndex, dated_sentences: set[int]) -> list[Clue]:
    """Clues from titled mentions of known office holders and from "the X administration".

    `dated_sentences` are the indexes of sentences that date themselves to a year
    ("in 2014", "two years ago"): a title there may be the title of then.
    """
    index = _index()
    words = _words()
    know = knowledge()
    found: dict[tuple[str, str, str], Clue] = {}
    for match in index.names.finditer(text):
        name = match.group()
        number = sentences.index_of(match.start())
        sentence_start = sentences.spans[number][0]
        title, phrase_start = _title_before(text, sentence_start, match.start(), words)
        phrase_end = match.end()
        if not title:
            title, phrase_end = _title_after(text, match.end(), words)
            phrase_start = match.start()
        mode, title = _mode(title, words)
        if mode == "none" or not title:
            continue
        phrase = _quote(text[phrase_start:phrase_end])
        for person in index.persons.get(name, ()):
            offices = _offices(person, title, know)
            if not offices:
                continue
            role = offices[0].role
            tenures = _tenures(person, offices)
            key = (person, role, mode)
            if key in found:
                continue
            if mode == "former":
                days = _after_leaving(tenures)
                if days:
                    basis = f"{phrase}: after {person} left office as {role}"
                    found[key] = Clue(days, TRUST_ROLE_FORMER, basis, "likely")
            elif mode == "before":
                found[key] = Clue(_before_taking(tenures, words.before_days), TRUST_ROLE_BEFORE,
                                  f"{phrase}: before {person} took office as {role}", "likely")
            else:
                first = min(start for start, _ in tenures)
                found[(person, role, "start")] = Clue(
                    normalise([(first, OPEN_END)]), TRUST_ROLE_START,
                    f"{phrase}: {person} {role} from {first.isoformat()}", "likely")
                held = normalise(tenures)
                if number not in dated_sentences and (held[-1][1] < OPEN_END or len(held) > 1):
                    found[key] = Clue(held, TRUST_ROLE_TENURE, f"{phrase}: {person} in office as {role} "
                                      f"{_spans_text(held)}", "likely")
    found.update(_administration_clues(text, index, words, know))
    return list(found.values())


def _administration_clues(
    text: str, index: _Index, words: _Words, know: Knowledge
) -> dict[tuple[str, str, str], Clue]:
    found: dict[tuple[str, str, str], Clue] = {}
    if index.administration is None:
        return found
    for match in index.administration.finditer(text):
        before = _TOKEN.findall(text, max(0, match.start() - 30), match.start())[-2:]
        mode, _ = _mode([*before, "x"], words)
        for person in index.leaders.get(match["name"], ()):
            offices = [o for o in know.offices_holding(person) if o.leader]
            tenures = _tenures(person, offices)
            if not tenures:
                continue
            phrase = _quote(match.group())
            if mode == "former":
                days = _after_leaving(tenures)
                basis = f"{phrase}: after {person} left office"
            elif mode == "before":
                days = _before_taking(tenures, words.before_days)
                basis = f"{phrase}: before {person} took office"
            elif mode == "present":
                first = min(start for start, _ in tenures)
                days = normalise([(first, OPEN_END)])
                basis = f"{phrase}: {person} in office from {first.isoformat()}"
            else:
                continue
            if days:
                clue = Clue(days, TRUST_ADMINISTRATION, basis, "likely")
                found.setdefault((person, "administration", mode), clue)
    return found


def _spans_text(days: Days) -> str:
    def end(day: dt.date) -> str:
        return "" if day >= OPEN_END else day.isoformat()

    return ", ".join(f"{first.isoformat()}–{end(last)}" for first, last in days)
