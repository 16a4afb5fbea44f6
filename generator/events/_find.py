"""Events: sentences that report a dated happening → `Event` records.

A sentence reports an event when it holds a trigger phrase of an event type
(`data/event_types.yaml`) and a calendar date. The same happening reported by
several sentences or articles becomes one event with several sources.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from generator.dates import Reference, article_reference
from generator.events._anchored import anchored_happenings
from generator.events._clauses import (
    Namer,
    act_headline,
    asked,
    clause_verb,
    compound_headline,
    event_nouns,
    has_subject,
    headline,
    is_speech_verb,
    opening_title,
    predicate_for_date,
    tells_a_first,
    tells_an_act,
)
from generator.events._occasions import (
    Occasion,
    occasion_for,
    occasion_named_as_subject,
    occasion_references,
    occasion_types,
    press_remark,
    reported_outcome,
    story_occasion,
    story_sequel,
)
from generator.events._participants import happening_heads, happening_tokens
from generator.events._participants import participants as phrase_people
from generator.events._ranges import date_ranges
from generator.events._summary import summary
from generator.events._summits import day_of, known_summit_for, reference_days
from generator.events._triggers import (
    SUMMIT_LIKE_TYPES,
    Trigger,
    classify_event_sentence,
    event_types,
    find_triggers,
    in_clause_of,
    owning_noun,
    quoted_regions,
    trigger_for_date,
    types_by_name,
)
from generator.knowledge import KnownSummit, load_data
from generator.model import (
    Article,
    Event,
    Mention,
    PartialDate,
    Person,
    Source,
    Statement,
    TimeExpression,
    slugify,
)

if TYPE_CHECKING:  # annotations only: the YAML-only paths need not import spaCy
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "classify_event_sentence",
    "event_importance",
    "event_types",
    "find_events",
    "is_background_date",
    "is_dateline",
    "link_statements",
    "merge_events",
    "quoted_regions",
]

PLACE_LABELS = ("GPE", "LOC", "FAC")


@cache
def _background_cue() -> re.Pattern[str]:
    cues = sorted(load_data("event_types")["background_cues"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\s*$", re.I)


def find_events(
    doc: Doc,
    article: Article,
    expressions: list[TimeExpression],
    mentions: list[Mention],
    people: dict[str, Person],
    quoted: Sequence[tuple[int, int]] = (),
    reference: Reference | None = None,
    own_news: bool = True,
) -> list[Event]:
    """Events reported by the sentences of one article (before merging).

    Every date the parse ties to a predicate dates a happening: a trigger of an
    event type near it in the parse, else the verb or event noun it modifies
    ("said yesterday" is the article's own news). Dates inside direct quotes are
    left out: "today" in a quote is the day the words were said, not the day the
    article reports. Each event's `importance` is, before merging, the weight
    of this one report (see `report_weight`). `reference` is the
    article's reference date or window (by default `dates.article_reference(article)`).
    `own_news=False` leaves out the lead's undated happening (a photo caption has no lead).
    """
    published = article.published_date()
    window = reference_days(article_reference(article) if reference is None else reference)
    quoted = [*quoted, *quoted_regions(article.text)]

    def outside_quotes(offset: int) -> bool:
        return not any(start <= offset < end for start, end in quoted)

    weeks = {week: end for week, end in map(_week_as_days, expressions) if end is not None}
    dated = [
        e
        for e in (*expressions, *weeks)
        if e.date is not None and outside_quotes(e.start) and not is_dateline(article.text, e, published)
    ]
    dated.sort(key=lambda e: (e.start, e.end))
    ranges = date_ranges(article.text, dated)
    ranges.ends.update(weeks)
    dated = [e for e in dated if e not in ranges.consumed]
    all_triggers = [t for t in find_triggers(doc) if outside_quotes(t.start)]
    starts = [t.start for t in all_triggers]
    date_starts = [e.start for e in dated]
    person_at = _person_index(mentions)
    found: list[Event] = []
    dating: set[int] = set()  # sentences that hold a date or tell a known summit
    occasions: list[Occasion] = []  # the meetings, calls, speeches ... dated so far
    heading = _heading_sentences(doc)
    for index, sentence in enumerate(doc.sents):
        first = bisect.bisect_left(starts, sentence.start_char)
        last = bisect.bisect_left(starts, sentence.end_char)
        triggers = all_triggers[first:last]
        in_sentence = dated[
            bisect.bisect_left(date_starts, sentence.start_char) : bisect.bisect_left(date_starts, sentence.end_char)
        ]
        at_occasion = None
        if not in_sentence and not any(t.summit_like for t in triggers):
            at_occasion = _occasion_candidates(sentence, index, occasions, triggers, outside_quotes)
            if not at_occasion:
                at_occasion = _story_candidates(sentence, story_occasion(occasions, window), triggers, outside_quotes)
            if not at_occasion:
                continue
        dating.add(index)
        participants = _participants(sentence, mentions)
        candidates: list[_Candidate] = []
        for expression in in_sentence:
            date = ranges.starts.get(expression, expression.date)
            assert date is not None
            trigger = trigger_for_date(sentence, expression, triggers) if triggers else None
            if trigger is not None:
                summit = None
                if trigger.summit_like and expression in weeks:
                    # "next week's summit in Oslo": the summit named, if it falls in that week
                    summit = known_summit_for(sentence.text, trigger, participants, people, None, window)
                    if summit is not None and not day_of(date) <= summit.first <= day_of(weeks[expression]):
                        summit = None
                elif trigger.summit_like:
                    summit = known_summit_for(sentence.text, trigger, participants, people, date, window)
                predicate = _trigger_predicate(doc, trigger, expression)
                if predicate is not None and predicate.pos_ == "VERB" and asked(predicate):
                    continue  # "Didn't Lee win the vote in August?"
                candidates.append(_Candidate(trigger.type, date, expression, summit, predicate, _phrase(doc, trigger)))
                continue
            span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
            predicate = predicate_for_date(span, expression in ranges.ends) if span is not None else None
            if predicate is None:
                continue
            data = load_data("event_types")
            kind = data["speech_type"] if is_speech_verb(predicate) else data["clause_type"]
            candidates.append(_Candidate(kind, date, expression, None, predicate))
        summit_trigger = next((t for t in triggers if t.summit_like), None)
        if summit_trigger and not any(c.summit for c in candidates):
            summit = known_summit_for(sentence.text, summit_trigger, participants, people, None, window)
            if summit:
                phrase = _phrase(doc, summit_trigger)
                first = PartialDate(summit.first.year, summit.first.month, summit.first.day)
                candidates.append(_Candidate(summit_trigger.type, first, None, summit, None, phrase))
        candidates += _anchored_candidates(doc, candidates, in_sentence, triggers)
        if not any(c.summit for c in candidates):
            candidates += _anchored_on_occasion(sentence, index, occasions, triggers, candidates)
        if at_occasion is None:
            # The main verb's occasion or story day dates it whatever else the sentence dates
            # ("Half-way through the talks, the ministry announced a truce beginning on Friday").
            told = {c.predicate.i for c in candidates if c.predicate is not None}
            at_occasion = _occasion_candidates(sentence, index, occasions, triggers, outside_quotes) or (
                _story_candidates(sentence, story_occasion(occasions, window), triggers, outside_quotes)
            )
            at_occasion = [c for c in at_occasion if c.predicate is not None and c.predicate.i not in told]
        candidates += at_occasion
        seen: set[tuple[str, str]] = set()
        for candidate in candidates:
            end = ranges.ends.get(candidate.expression) if candidate.expression is not None else candidate.end
            event = _event_from(sentence, article, candidate, end, person_at, participants, people, published)
            if (event.type, event.date) not in seen:
                seen.add((event.type, event.date))
                event.importance = report_weight(event, max(0, index - heading), candidate, published)
                found.append(event)
                occasion = _as_occasion(event, index, candidate)
                if occasion is not None:
                    occasions.append(occasion)
    own = _own_news(doc, article, all_triggers, dating, outside_quotes, heading) if own_news else None
    if own is not None:
        index, sentence, candidate = own
        participants = _participants(sentence, mentions)
        event = _event_from(sentence, article, candidate, None, person_at, participants, people, published)
        weight = load_data("event_types")["importance"]["own_news"]
        event.importance = round(report_weight(event, max(0, index - heading), candidate, published) * weight, 4)
        if not any(_retold(event, other) for other in found):
            found.append(event)
    return found


def _retold(own: Event, other: Event) -> bool:
    """The lead's news told again on a day of its month (the lead of an article known to the
    month, "Lee told CNN ...", and "Lee said on Friday ..."): the dated report is the one to keep.
    On a day the merge joins the two; it never joins a day and its month."""
    return (
        len(own.date) == 7
        and other.date.startswith(own.date)
        and other.type == own.type
        and bool(set(own.people) & set(other.people))
    )


def _own_news(
    doc: Doc,
    article: Article,
    triggers: list[Trigger],
    dating: set[int],
    outside_quotes: Callable[[int], bool],
    heading: int,
) -> tuple[int, Span, _Candidate] | None:
    """The article's own news: its lead's happening, on its publication day.

    A news article leads with what has just happened, often with no date ("Troops
    stormed the city"): the first sentence within the lead whose main verb (not a
    copula: "The plan is a folly" tells a state) has a subject tells it, unless
    that sentence holds a date (its own, or one that dates nothing: "The museum
    was closed on Sunday" is no news of the publication day). `heading`: the sentences
    of the text's heading (`_heading_sentences`), counted once by the caller.
    """
    published = article.published_date()
    if published is None or published.precision == "year":
        return None  # a month still places the news; a year is no day's news
    data = load_data("event_types")
    for index, sentence in enumerate(doc.sents):
        if index - heading >= data["importance"]["lead_sentences"] + 1:
            return None
        root = sentence.root
        if root.pos_ != "VERB" or not outside_quotes(root.idx):
            continue  # "The minister is a coward": a state (an opinion's lead), no happening
        if not any(child.dep_ in ("nsubj", "nsubjpass") for child in root.children):
            continue
        if index in dating:
            return None
        # a trigger of the lead's own clause, not of a clause inside it ("imposed the penalty
        # on a soldier who launched an attack" is the penalty's news)
        trigger = next(
            (t for t in triggers if sentence.start_char <= t.start < sentence.end_char and in_clause_of(doc, t, root)),
            None,
        )
        if trigger is not None and not trigger.summit_like:
            predicate, phrase = _trigger_predicate(doc, trigger), _phrase(doc, trigger)
            return index, sentence, _Candidate(trigger.type, published, None, None, predicate, phrase)
        kind = data["speech_type"] if is_speech_verb(root) else data["clause_type"]
        return index, sentence, _Candidate(kind, published, None, None, root)
    return None


def _heading_sentences(doc: Doc) -> int:
    """How many sentences a heading at the text's top holds: a first paragraph that ends
    with no full stop ("Strikers win pay rise Dock workers accept the offer", a page's
    headline and standfirst kept as its text) tells the news, but is no sentence of the
    story; the story's first sentence is still its lead. So do the short paragraphs that
    follow it unstopped (a news site's story highlights: "Minister resigns | Lee says she
    takes the blame | The spill began on April 20")."""
    text = doc.text
    end = 0
    for _ in range(_MAX_HEADING_PARAGRAPHS):
        stop = text.find("\n\n", end)
        if stop < 0 or re.search(r"[.!?:;][\"'’”)]*\s*$", text[end:stop]):
            break
        end = stop + 2
    return sum(1 for sentence in doc.sents if sentence.start_char < end)


# A page's headline, standfirst and story highlights: at most this many paragraphs.
_MAX_HEADING_PARAGRAPHS = 5


@dataclass(frozen=True)
class _Candidate:
    type: str
    date: PartialDate
    expression: TimeExpression | None
    summit: KnownSummit | None
    predicate: Token | None  # the verb or noun the happening is told by
    phrase: Token | None = None  # the trigger's own word ("call" in "Lee's call with Roe")
    end: PartialDate | None = None  # the last day, where no date expression gives it
    skip: frozenset[int] = frozenset()  # tokens a headline leaves out besides the date ("during the talks")


def _as_occasion(event: Event, index: int, candidate: _Candidate) -> Occasion | None:
    """A dated meeting, call, speech ... that later sentences can name ("during the talks")."""
    date = PartialDate.parse(event.date)
    word = candidate.phrase if candidate.phrase is not None else candidate.predicate
    if event.type not in occasion_types() or event.background or date.precision != "day":
        return None
    end = PartialDate.parse(event.end) if event.end else None
    return Occasion(index, word.lemma_.lower() if word is not None else event.type, event.type, date, end)


def _occasion_candidates(
    sentence: Span,
    index: int,
    occasions: list[Occasion],
    triggers: list[Trigger],
    outside_quotes: Callable[[int], bool],
) -> list[_Candidate]:
    """Happenings an undated sentence tells at an occasion dated before it ("During the
    talks, Lee said ..."): on the occasion's day."""
    if not occasions:
        return []
    found: list[_Candidate] = []
    for reference in occasion_references(sentence):
        predicate = reference.predicate
        if not outside_quotes(predicate.idx):
            continue
        named = next((t for t in triggers if t.start <= reference.noun.idx < t.end), None)
        occasion = occasion_for(reference, named.type if named is not None else None, occasions, index)
        if occasion is None:
            continue
        kind, phrase = _told_by(predicate, triggers)
        found.append(_Candidate(kind, occasion.date, None, None, predicate, phrase, occasion.end, reference.phrase))
    return found


def _story_candidates(
    sentence: Span, story: Occasion | None, triggers: list[Trigger], outside_quotes: Callable[[int], bool]
) -> list[_Candidate]:
    """An undated remark to the press, outcome reported or sequel in a report of an
    occasion ("Roe told journalists ...", "Roe said Norland agreed to ...", "Later,
    Lee flew home", after the talks on Friday were told as news): on the occasion's day,
    the day the report's business was done."""
    if story is None:
        return []
    found = []
    told = (press_remark(sentence) or story_sequel(sentence), True), (reported_outcome(sentence), False)
    for verb, said in told:
        if verb is None or not outside_quotes(verb.idx):
            continue
        kind, phrase = _told_by(verb, triggers)
        setting = next((t for t in triggers if t.type in occasion_types() and in_clause_of(verb.doc, t, verb)), None)
        if phrase is None and setting is not None:
            kind, phrase = setting.type, _phrase(verb.doc, setting)  # "told journalists in a briefing"
        elif phrase is None and not said:
            kind = load_data("event_types")["clause_type"]  # "agreed to ...": done, not said
        found.append(_Candidate(kind, story.date, None, None, verb, phrase))
    return found


def _told_by(token: Token, triggers: list[Trigger]) -> tuple[str, Token | None]:
    """The type of the happening a verb or noun tells, and the token itself where it is a
    trigger's word; otherwise a statement for a speech verb, else a plain happening."""
    trigger = next((t for t in triggers if t.start <= token.idx < t.end), None)
    if trigger is not None:
        return trigger.type, token
    data = load_data("event_types")
    return (data["speech_type"] if is_speech_verb(token) else data["clause_type"]), None


def _anchored_candidates(
    doc: Doc, candidates: list[_Candidate], in_sentence: list[TimeExpression], triggers: list[Trigger]
) -> list[_Candidate]:
    """Happenings the sentence dates by their distance from a dated one ("a day after
    parliament approved the plan", "the summit comes days after the indictment"), unless a
    date of their own is inside them."""
    found: list[_Candidate] = []
    for candidate in candidates:
        if candidate.predicate is not None and candidate.expression is not None:
            span = doc.char_span(candidate.expression.start, candidate.expression.end, alignment_mode="expand")
            if span is None:
                continue
            predicate, date_root = candidate.predicate, span.root
        elif candidate.summit is not None and candidate.phrase is not None and candidate.phrase.dep_ == "nsubj":
            predicate, date_root = candidate.phrase.head, None  # "The summit comes days after the indictment"
        else:
            continue
        for anchored in anchored_happenings(predicate, date_root, candidate.date):
            token = anchored.token
            subtree = range(token.left_edge.idx, token.right_edge.idx + len(token.right_edge))
            if any(e.start in subtree for e in in_sentence):
                continue
            kind, phrase = _told_by(token, triggers)
            found.append(_Candidate(kind, anchored.date, None, None, token, phrase))
    return found


def _anchored_on_occasion(
    sentence: Span, index: int, occasions: list[Occasion], triggers: list[Trigger], dated: list[_Candidate]
) -> list[_Candidate]:
    """Happenings dated by their distance from an occasion dated before, which the sentence
    names as its subject ("The summit comes days after the indictment"), unless the
    sentence dates them itself (`dated`)."""
    subject = next((c for c in sentence.root.children if c.dep_ == "nsubj"), None)
    named = next((t for t in triggers if subject is not None and t.start <= subject.idx < t.end), None)
    found = occasion_named_as_subject(sentence, named.type if named is not None else None, occasions, index)
    if found is None:
        return []
    verb, occasion = found
    told = {t.i for c in dated for t in (c.predicate, c.phrase) if t is not None}
    candidates = []
    for anchored in anchored_happenings(verb, None, occasion.date):
        if anchored.token.i not in told:
            kind, phrase = _told_by(anchored.token, triggers)
            candidates.append(_Candidate(kind, anchored.date, None, None, anchored.token, phrase))
    return candidates


def _trigger_predicate(doc: Doc, trigger: Trigger, expression: TimeExpression | None = None) -> Token | None:
    """What a headline is built from: the trigger verb, or the verb a trigger noun is
    the subject or object of ("imposed sanctions" → imposed), else the noun itself; the
    noun too after a preposition when the date is its own modifier ("denied a role in the
    2016 election", "convicted over the 1988 bombing": the verb is not of that year)."""
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubj", "nsubjpass") and token.head.pos_ == "VERB":
        if expression is not None and _modifies(doc, expression, token) and tells_an_act(token):
            return token  # "Lee condemned Friday's US indictment of 12 officers": the indictment's day
        return token.head
    if (
        token.pos_ in ("NOUN", "PROPN")
        and token.dep_ == "pobj"
        and token.head.head.pos_ == "VERB"
        and has_subject(token.head.head)
        and not (expression is not None and _modifies(doc, expression, token))
    ):
        return token.head.head  # "Lee told Roe in a phone call": who did what
    # "help in overthrowing the government following the invasion": no one to say who
    # overthrew; the trigger noun titles the happening ("US-led invasion of Afghanistan").
    return token


def _modifies(doc: Doc, expression: TimeExpression, noun: Token) -> bool:
    """Is the date a modifier before the noun ("the 2016 election", "Sunday's vote")?"""
    date = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if date is None or date.end > noun.i:
        return False
    owner = owning_noun(date)
    return owner is not None and owner.i == noun.i


def _phrase(doc: Doc, trigger: Trigger) -> Token | None:
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    return span.root if span is not None else None


def _person_index(mentions: list[Mention]) -> dict[int, str]:
    """Character offset of each mention's start → person id."""
    return {mention.start: mention.person for mention in mentions}


def report_weight(event: Event, sentence_index: int, candidate: _Candidate, published: PartialDate | None) -> float:
    """How much one report counts toward its day: the article's lead counts most, its
    own news (a day just before publication) more than history or plans, and a first
    ("the first state to sue") more than a routine step."""
    spec = load_data("event_types")["importance"]
    weight = 1.0 if sentence_index < spec["lead_sentences"] else 1 / (1 + sentence_index / spec["position_decay"])
    date = PartialDate.parse(event.date)
    if event.background:
        weight *= spec["background"]
    elif _span_days(event) > spec["longest_day_span"]:
        weight *= spec["long_span"]  # "last week": its first day is no more likely than the rest
    elif date.precision != "day":
        weight *= spec["not_a_day"]
    elif published is not None and published.precision == "day":
        age = (day_of(published) - day_of(date)).days
        if age < 0:
            weight *= spec["future"]
        elif age > spec["recent_days"]:
            weight *= spec["older"]
        else:
            weight *= spec["recent"]
    if event.type == load_data("event_types")["speech_type"]:
        weight *= spec["statement"]
    kind = types_by_name().get(event.type)
    weight *= 1 + spec["per_kind_weight"] * (kind.weight if kind else 0)  # a summit before a remark
    if candidate.predicate is not None and tells_a_first(candidate.predicate, candidate.expression):
        weight *= spec["milestone"]
    if candidate.summit is not None and candidate.expression is None:
        weight *= spec["summit_named"]  # "ahead of the summit in Oslo": its date is known, not told
    return round(weight, 4)


def _span_days(event: Event) -> int:
    if not event.end:
        return 1
    return (day_of(PartialDate.parse(event.end)) - day_of(PartialDate.parse(event.date))).days + 1


def _event_from(
    sentence: Span,
    article: Article,
    candidate: _Candidate,
    end: PartialDate | None,
    person_at: dict[int, str],
    sentence_people: list[str],
    people: dict[str, Person],
    published: PartialDate | None,
) -> Event:
    from generator.knowledge.topics import find_topics

    expression, summit, date = candidate.expression, candidate.summit, candidate.date
    predicate = candidate.predicate
    kind = types_by_name().get(candidate.type)
    tokens = happening_tokens(predicate, candidate.phrase, actors=kind is not None and kind.actors)
    participants = phrase_people(sentence, tokens, person_at, sentence_people)
    if summit is not None:
        event_type, place, title = "summit", summit.places[0], summit.name
        date = PartialDate(summit.first.year, summit.first.month, summit.first.day)
        end = PartialDate(summit.last.year, summit.last.month, summit.last.day) if (
            summit.last != summit.first) else None  # its own days, not the week that named it
        # A summit's leaders take part though the sentence names one ("Lee arrived in Oslo").
        leaders = [pid for pid, person in people.items() if person.name.split()[-1] in summit.leaders]
        participants = list(dict.fromkeys([*participants, *leaders]))
    else:
        heads = happening_heads(predicate, candidate.phrase) if predicate is not None else None
        event_type, place = candidate.type, _place(sentence, heads)
        title = ""
        skip = _skipped(sentence, expression) | candidate.skip
        if candidate.type in types_by_name():
            trigger_span = _trigger_span(sentence, candidate)
            if trigger_span:  # an act said with its doer is no name: "US indicts 12 officers"
                title = act_headline(predicate, skip, _namer(person_at, people)) or _noun_phrase_title(
                    sentence, trigger_span, expression
                )
        if not title and predicate is not None:
            title = _clause_title(predicate, expression, skip, _namer(person_at, people))
    told = summary(sentence, person_at, people, predicate)
    if not title and event_type in _CLAUSE_TYPES():
        title = opening_title(told)  # no clause to headline: the sentence's own words, not "Happening"
    if not title:
        title = event_title(event_type, participants, place, people, "")
    return Event(
        id="",
        date=date.iso(),
        title=" ".join(title.split()),
        type=event_type,
        sources=[Source(article.id, sentence.text.strip())],
        summary=told,
        people=participants,
        place=place,
        topics=find_topics(sentence.text),
        background=expression is not None and is_background_date(article.text, expression, published),
        end=end.iso() if end is not None and end != date else "",
    )


def _clause_title(predicate: Token, expression: TimeExpression | None, skip: set[int], name_of: Namer) -> str:
    """The headline of the happening's clause. A bare event noun ("Election"; not a named
    one, "Bonn conference") heads as the clause of a verb the date is on that acts on it
    ("Court lifts election ban on Ann Lee", "Prime minister escapes assassination attempt"),
    else as the happening it names as a compound ("Lee's election victory")."""
    title = headline(predicate, skip, name_of)
    if predicate.pos_ not in ("NOUN", "PROPN") or len(title.split()) > 1:
        return title
    return _acting_clause(predicate, expression, skip, name_of) or compound_headline(predicate, skip, name_of) or title


def _acting_clause(predicate: Token, expression: TimeExpression | None, skip: set[int], name_of: Namer) -> str:
    """The headline of the dated verb that acts on a bare event noun, or ""."""
    verb = clause_verb(predicate) if expression is not None else None
    if verb is None or expression is None or not verb.left_edge.idx <= expression.start <= verb.right_edge.idx:
        return ""  # the date is not in the verb's clause
    clause = headline(verb, skip, name_of)
    if len(clause.split()) < 2:
        return ""
    if predicate.lower_ in clause.lower().split():
        return clause
    preposition = predicate.head
    if predicate.dep_ == "pobj" and preposition.head.i == verb.i and preposition.lower_ in _title_settings():
        # "who seized power in a 1999 coup": "Army seizes power in coup", not "Coup"
        modifiers = [t.text for t in predicate.lefts if t.dep_ in ("amod", "compound") and t.i not in skip]
        return " ".join([clause, preposition.lower_, *modifiers, predicate.lower_])
    return ""


@cache
def _title_settings() -> frozenset[str]:
    return frozenset(load_data("event_types")["title_setting_prepositions"])


def _trigger_span(sentence: Span, candidate: _Candidate) -> tuple[int, int] | None:
    predicate = candidate.predicate
    if predicate is None:
        return None
    if predicate.pos_ in ("NOUN", "PROPN"):
        return predicate.idx, predicate.idx + len(predicate)
    return None


def _skipped(sentence: Span, expression: TimeExpression | None) -> set[int]:
    """Token indices a headline leaves out: the date phrase (with its preposition)."""
    if expression is None:
        return set()
    span = sentence.doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None:
        return set()
    skipped = {t.i for t in span}
    head = span.root.head
    if span.root.dep_ == "compound" and head.ent_type_ == "PERSON" and head.head.pos_ == "ADP":
        head = head.head  # "in march John Smith ...": the date's preposition, misparsed onto a name
    if head.pos_ == "ADP" and head.i not in skipped:
        skipped.add(head.i)
    for token in span:
        # not a clause the date heads ("since August 15, when a blast shattered windows"):
        # that clause is the happening
        clauses = [c for c in token.children if c.dep_ in ("relcl", "acl", "advcl") and c.i not in skipped]
        told = {t.i for c in clauses for t in c.subtree}
        skipped.update(t.i for t in token.subtree if t.i not in told)
    return skipped


def _namer(person_at: dict[int, str], people: dict[str, Person]) -> Callable[[Token], str]:
    """A token's person, by name: a pronoun or surname the people stage resolved."""

    def name_of(token: Token) -> str:
        first = token.left_edge if token.pos_ == "PROPN" else token
        for candidate in (token, first):
            person = person_at.get(candidate.idx)
            if person in people and (token.pos_ in ("PRON", "PROPN")):
                return people[person].name
        return ""

    return name_of


def _noun_phrase_title(sentence: Span, trigger: tuple[int, int], expression: TimeExpression | None) -> str:
    """A named happening ("the Hitler-Stalin Pact", "the 2016 presidential election")
    titles itself: the trigger noun with the words that name it."""
    doc = sentence.doc
    span = doc.char_span(trigger[0], trigger[1], alignment_mode="expand")
    if span is None or span.root.pos_ not in ("NOUN", "PROPN"):
        return ""
    head = span.root
    modifiers = [t for t in head.lefts if t.dep_ in NAMING_DEPS]
    if not modifiers:
        return ""
    first = min(t.left_edge.i for t in modifiers)
    words = [t for t in doc[first : head.i + 1] if t.pos_ not in ("DET", "PRON") and not t.is_punct]
    if not words:
        return ""
    dated = expression is not None and words[0].idx <= expression.start < head.idx
    if dated and expression is not None and expression.relative and not any(c.isdigit() for c in expression.text):
        return ""  # "next Wednesday's talks" names nothing once the week has passed ("the May 3 vote" does)
    if not dated and not any(t.pos_ == "PROPN" or t.ent_type_ for t in words):
        return ""
    last = head.i
    of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    target = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if target is not None and target.pos_ == "PROPN" and target.ent_type_ not in ("DATE", "TIME"):
        if target.right_edge.i - of.i <= 4:
            last = target.right_edge.i  # "the invasion of Afghanistan" names the invasion
    text = doc[words[0].i : last + 1].text
    return text[0].upper() + text[1:]


# Dependents that make part of a happening's name ("2016 presidential election").
NAMING_DEPS = frozenset(("compound", "amod", "nummod", "nmod", "poss", "npadvmod"))


# A clock time with its zone right after a date: "Tuesday 4 January 2005 08.43 GMT".
_CLOCK_AFTER = re.compile(r"\s*,?\s*(?:at\s+)?\d{1,2}[.:]\d{2}\s*(?:[A-Z]{1,3}[SD]?T|UTC)\b")


def _week_as_days(expression: TimeExpression) -> tuple[TimeExpression, PartialDate | None]:
    """'last week' (`2018-W28`) as the span of its days, Monday to Sunday: as precise as
    the text, without inventing a day."""
    match = _ISO_WEEK.fullmatch(expression.value) if expression.type == "DATE" else None
    if match is None:
        return expression, None
    try:
        monday = datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return expression, None
    sunday = monday + datetime.timedelta(days=6)
    return replace(expression, value=monday.isoformat()), PartialDate.parse(sunday.isoformat())


_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def is_dateline(text: str, expression: TimeExpression, published: PartialDate | None) -> bool:
    """The article's own time stamp ("Tuesday 4 January 2005 08.43 GMT"): its
    publication day with the clock time it was posted, which dates no happening."""
    if published is None or expression.date is None or expression.date != published:
        return False
    return bool(_CLOCK_AFTER.match(text, expression.end))


def is_background_date(text: str, expression: TimeExpression, published: PartialDate | None) -> bool:
    """History mentioned in passing ("since 2000", "the pact of 1939"), not the story."""
    date = expression.date
    if date is None:
        return False
    years = load_data("event_types")["background_after_years"]
    if published is not None and published.year - date.year >= years:
        return True
    before = text[max(0, expression.start - 20) : expression.start]
    return date.precision == "year" and bool(_background_cue().search(before))


def _participants(sentence: Span, mentions: list[Mention]) -> list[str]:
    seen: list[str] = []
    for mention in mentions:
        if sentence.start_char <= mention.start < sentence.end_char and mention.person not in seen:
            seen.append(mention.person)
    return seen


def _place(sentence: Span, heads: set[int] | None) -> str:
    """Where the happening took place: a place right after "in"/"at" ("in Oslo, Norway"),
    in a phrase that hangs on one of `heads` through nouns only (see `happening_heads`;
    None: anywhere in the sentence)."""
    places = [ent for ent in sentence.ents if ent.label_ in PLACE_LABELS]
    for ent in places:
        before = ent.start - 1
        while before > sentence.start and ent.doc[before].pos_ == "ADJ":
            before -= 1  # "in northern Norland"
        preposition = ent.doc[before]
        if before >= sentence.start and preposition.lower_ in ("in", "at"):
            if heads is None or _hangs_on(preposition, heads):
                return ent.text
    return ""


def _hangs_on(token: Token, heads: set[int]) -> bool:
    """`token`'s chain of heads reaches one of `heads` before any verb."""
    while token.head.i != token.i:
        token = token.head
        if token.i in heads:
            return True
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


def event_title(
    event_type: str, participants: list[str], place: str, people: dict[str, Person], actor: str = ""
) -> str:
    spec = types_by_name().get(event_type)
    actors = participants[:3] if spec is None or spec.actors else []
    names = [people[p].name.split()[-1] for p in actors if p in people]
    who = "–".join(names) or actor
    title = f"{who} {event_type}" if who else event_type.capitalize()
    if place:
        title += f" in {place}"
    return title[0].upper() + title[1:]


def _same_happening(a: Event, b: Event) -> bool:
    """Reports of one happening: the same date (never two different days, nor a day
    and the month around it, unless both name it alike), the same kind, and the
    same name, place or people."""
    if a.title == b.title and a.type == b.type and _compatible_dates(a.date, b.date):
        return True
    if a.date != b.date or a.type != b.type or (a.end or "") != (b.end or ""):
        return False  # a week from its Monday, or a day from a span that starts on it
    if _precision(a.date) != "day":
        # "2016" or "July" is too vague to join reports on people; only names that nest
        # ("2016 election", "2016 US presidential election") are one happening.
        words_a, words_b = _title_words(a.title), _title_words(b.title)
        return a.type not in _CLAUSE_TYPES() and bool(words_a and words_b) and (
            words_a <= words_b or words_b <= words_a
        )
    if a.place and b.place and a.place != b.place:
        return False
    shared_people = bool(set(a.people) & set(b.people))
    if a.type in _CLAUSE_TYPES():
        # Untyped clauses are one happening only when their headlines agree too: on people
        # and a word, or, said by no one, on the happening's own noun ("Coup", "Army stages coup").
        shared_words = _title_words(a.title) & _title_words(b.title)
        said = a.type == load_data("event_types")["speech_type"]
        return bool(shared_words) and (shared_people or not said and bool(shared_words & _event_words()))
    return shared_people or bool(a.place and a.place == b.place) or not (a.people or b.people)


class _Candidates:
    """The merged events a report could be one happening with, by index in merge order:
    those of its date, and those of its title and kind in its year (`_same_happening`
    joins no others). Comparing each report with every event of its year instead grew
    with the square of a year's reports (`bench/bench_merge.py`)."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, ...], list[int]] = {}

    def _keys(self, event: Event) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return (event.date,), (event.date[:4], event.type, event.title)

    def of(self, event: Event) -> list[int]:
        found: set[int] = set()
        for key in self._keys(event):
            found.update(self._by_key.get(key, ()))
        return sorted(found)

    def add(self, index: int, event: Event) -> None:
        for key in self._keys(event):
            listed = self._by_key.setdefault(key, [])
            if index not in listed:
                listed.append(index)


@lru_cache(maxsize=4096)
def _precision(date: str) -> str:
    return PartialDate.parse(date).precision


def _compatible_dates(a: str, b: str) -> bool:
    coarse, fine = (a, b) if len(a) <= len(b) else (b, a)
    return fine.startswith(coarse)


@cache
def _CLAUSE_TYPES() -> frozenset[str]:  # noqa: N802 - a constant read from the data file
    data = load_data("event_types")
    return frozenset((data["speech_type"], data["clause_type"]))


_STOP_WORDS = frozenset(("the", "a", "an", "of", "in", "on", "to", "and", "for", "at", "with", "by", "says", "say"))


@cache
def _event_words() -> frozenset[str]:
    """The event nouns as `_title_words` spells them."""
    return frozenset(w for noun in event_nouns() for w in _title_words(noun))


@lru_cache(maxsize=65536)  # the merge asks for each title's words at every comparison
def _title_words(title: str) -> frozenset[str]:
    """A title's content words, singular ("elections" → "election")."""
    words = (w.removesuffix("s") if len(w) > 4 else w for w in re.findall(r"[a-z0-9]+", title.lower()))
    return frozenset(w for w in words if w not in _STOP_WORDS and len(w) > 2)


def _names_its_type(event: Event) -> bool:
    """The title names the kind of happening ("January 30 elections"), in more than the
    type's bare word and not through a pronoun ("They win vote")."""
    kind = types_by_name().get(event.type)
    words = event.title.split()
    if kind is None or len(words) < 2 or words[0].lower() in ("he", "she", "it", "they", "we", "i", "you"):
        return False
    return kind.trigger.search(event.title) is not None


def merge_events(events: Iterable[Event]) -> list[Event]:
    """One event per happening, with all its sources; ids assigned, sorted by date.

    A merged event is background when most of its reports treat it so; its
    summary is its strongest report's (a lead that tells it before a passing
    mention), save for a clause's, whose headline is its first report's and whose
    summary stays the sentence that headline was made from; its importance comes
    from its reports (`combine_importance`).
    """
    merged: list[Event] = []
    background_votes: list[list[bool]] = []
    reports: list[list[tuple[str, float]]] = []
    candidates = _Candidates()
    for event in events:
        report = (event.sources[0].article if event.sources else "", event.importance or 1.0)
        for index in candidates.of(event):
            if _same_happening(merged[index], event):
                if _names_its_type(event) and not _names_its_type(merged[index]):
                    merged[index].title = event.title  # a title that names the election, not a voter's boycott
                stronger = report[1] > max(weight for _, weight in reports[index])
                if event.summary and stronger and event.type not in _CLAUSE_TYPES():
                    # told by its strongest report; a clause's summary stays its headline's
                    merged[index].summary = event.summary
                _absorb(merged[index], event)
                candidates.add(index, merged[index])  # its title or date may have changed
                background_votes[index].append(event.background)
                reports[index].append(report)
                break
        else:
            candidates.add(len(merged), event)
            merged.append(event)
            background_votes.append([event.background])
            reports.append([report])
    for event, votes in zip(merged, background_votes, strict=True):
        event.background = sum(votes) * 2 > len(votes)
    joins = _month_reports_of_days(merged)
    for month, day in joins.items():
        _absorb(merged[day], merged[month])  # the day keeps its own background mark
        reports[day] += reports[month]
    merged = [event for index, event in enumerate(merged) if index not in joins]
    reports = [told for index, told in enumerate(reports) if index not in joins]
    combine_importance(merged, reports)
    merged.sort(key=lambda e: (e.date, -e.importance, e.title))
    _assign_ids(merged)
    return merged


def _month_reports_of_days(events: list[Event]) -> dict[int, int]:
    """Events told by their month alone ("the elections in January") that report the
    happening one day of that month holds (January 30), by index: the event of that day
    that most articles report. Only for kinds that are not `recurring` (a month holds many
    bombings), untyped happenings only through a noun of no recurring happening ("the fire
    in April", not "a report in January"), and never when days differ: "elections in
    January" joins neither a planned January 8 vote nor the January 30 one when the
    articles date both."""
    days: dict[str, list[int]] = {}
    for index, event in enumerate(events):
        if len(event.date) == 10 and not event.end:
            days.setdefault(event.date[:7], []).append(index)
    joins: dict[int, int] = {}
    for index, event in enumerate(events):
        kind = types_by_name().get(event.type)
        if len(event.date) != 7 or event.end or (kind.recurring if kind else event.type != _CLAUSE_TYPE()):
            continue
        fits = [j for j in days.get(event.date, []) if _reports_alike(event, events[j])]
        if fits and len({events[j].date for j in fits}) == 1:
            joins[index] = max(fits, key=lambda j: len(events[j].sources))
    return joins


def _reports_alike(vague: Event, day: Event) -> bool:
    """Of one kind, named by a word besides its people's names (an untyped happening by the
    happening's own noun), with no people that differ wholly."""
    if vague.type != day.type or (vague.people and day.people and not set(vague.people) & set(day.people)):
        return False
    names = {part for person in (*vague.people, *day.people) for part in person.split("-")}
    common = (_title_words(vague.title) & _title_words(day.title)) - names
    if vague.type == _CLAUSE_TYPE():
        return bool(common & _event_words() - _recurring_words())
    return bool(common)


@cache
def _CLAUSE_TYPE() -> str:  # noqa: N802 - a constant read from the data file
    return load_data("event_types")["clause_type"]


@cache
def _recurring_words() -> frozenset[str]:
    """The words of happenings that come many times a month: the recurring kinds' triggers
    and `recurring_event_nouns`."""
    data = load_data("event_types")
    words = [t for kind in data["types"].values() if kind.get("recurring") for t in kind["triggers"]]
    words += data["recurring_event_nouns"]
    return frozenset(w for word in words for w in _title_words(str(word).removesuffix("/noun")))


def _absorb(target: Event, other: Event) -> None:
    if len(other.date) > len(target.date):
        target.date = other.date
    if other.end and not target.end:
        target.end = other.end
    for source in other.sources:
        if source not in target.sources:
            target.sources.append(source)
    target.people += [p for p in other.people if p not in target.people]
    target.topics += [t for t in other.topics if t not in target.topics]
    target.place = target.place or other.place


def combine_importance(events: list[Event], reports: list[list[tuple[str, float]]]) -> None:
    """Importance that ranks the days a reader most needs.

    Each article counts once per day: a fixed share for reporting it at all, its
    best report of that day, plus a small share for each further one; that is split
    among the day's events by how strongly the article tells each. So a day reported
    by many independent articles ranks high, however many clauses one article spends
    on it, and among days told by as many articles, those told in leads first.
    """
    spec = load_data("event_types")["importance"]
    per_article_day: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for index, (event, told) in enumerate(zip(events, reports, strict=True)):
        best: dict[str, float] = {}
        for article, weight in told:
            best[article] = max(best.get(article, 0.0), weight)
        for article, weight in best.items():
            per_article_day.setdefault((article, event.date[:10]), []).append((index, weight))
    scores = [0.0] * len(events)
    for shares in per_article_day.values():
        weights = sorted((w for _, w in shares), reverse=True)
        repeats = min(len(weights) - 1, spec["max_repeats"])
        total = spec["per_article"] + weights[0] * (1 + spec["repeat_share"] * repeats)
        whole = sum(weights)
        for index, weight in shares:
            scores[index] += total * weight / whole
    for event, score in zip(events, scores, strict=True):
        event.importance = round(score, 3)


def event_importance(event: Event) -> float:
    """An event's importance on its own reports (one per source, each of weight 1)."""
    probe = Event(**{**event.__dict__, "sources": list(event.sources)})
    combine_importance([probe], [[(s.article, 1.0) for s in event.sources]])
    return probe.importance


def _assign_ids(events: list[Event]) -> None:
    used: set[str] = set()
    for event in events:
        title = slugify(event.title, max_length=50).removeprefix(event.date[:4] + "-")
        base = f"{event.date}-{title}"
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        event.id = candidate


# A statement is tied to an event its sentence names only if said this close to it.
LINK_REACH_DAYS = 31


def link_statements(statements: list[Statement], events: list[Event]) -> None:
    """Tie each statement to the event it was made at or about, where the text says so:
    its sentence reports the event, or names the event's place or title near its date."""
    by_sentence = {(s.article, s.text): event for event in events for s in event.sources}
    by_place: dict[str, list[Event]] = {}
    for event in events:
        if event.place and not event.background and event.type in SUMMIT_LIKE_TYPES:
            by_place.setdefault(event.place, []).append(event)
    # One pass over each sentence finds every place named (not one search per event).
    places = sorted(by_place, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, places)) + r")(?![\w-])") if places else None
    for statement in statements:
        if statement.event:
            continue
        event = by_sentence.get((statement.source.article, statement.source.text))
        if event is None and pattern is not None:
            named = {match.group() for match in pattern.finditer(statement.source.text)}
            candidates = [e for place in named for e in by_place[place] if _near(statement, e)]
            event = candidates[0] if len(candidates) == 1 else None
        if event is not None:
            statement.event = event.id


def _near(statement: Statement, event: Event) -> bool:
    if not statement.date:
        return True
    said, held = PartialDate.parse(statement.date[:10]), PartialDate.parse(event.date)
    if said.precision != "day" or held.precision != "day":
        return (
            said.iso()[:4] == held.iso()[:4] or said.iso().startswith(held.iso()) or held.iso().startswith(said.iso())
        )
    return abs((day_of(said) - day_of(held)).days) <= LINK_REACH_DAYS
