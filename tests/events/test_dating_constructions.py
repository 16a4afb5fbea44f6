"""Dates the parser hangs awkwardly, and the titles of what they date (issue 13's constructions)."""

from __future__ import annotations

import pytest

from generator.events import find_events
from generator.model import Article, Mention, Person, TimeExpression
from tests.events._dated import events_dated


def _events(nlp, text: str, phrase: str, value: str, people: dict[str, str], pronoun: str = ""):
    return events_dated(nlp, text, phrase, value, people, pronoun)


@pytest.mark.parametrize(
    ("text", "phrase", "value", "people", "pronoun", "title"),
    [
        # "from" right after an event noun tells when it happened, though parsed onto the verb;
        # the noun alone says whose it is
        ("Ann Lee met Bob Roe on Monday. She repeated her tweet from the previous evening.",
         "the previous evening", "2019-05-05", {"Ann Lee": "ann"}, "her", "Ann Lee's tweet"),
        # a lower-case month the parser took for part of the next sentence's name
        ("Tom Hale, the envoy, withdrawn from Oslo after Ann Lee called the king liar in march John Roe, "
         "the consul, left the city.", "march", "2019-03",
         {"Ann Lee": "ann", "John Roe": "john", "Tom Hale": "tom"}, "", "Ann Lee calls king liar"),
        # "That is why ...": what follows is what was said
        ("That is why the meeting would be a very good opportunity to talk, Ann Lee said on Friday.",
         "Friday", "2019-05-10", {"Ann Lee": "ann"}, "",
         "Ann Lee says meeting to be very good opportunity to talk"),
        # a subject of two joined parties names both
        ("Officials said that Norway and the EU had agreed to a truce in the north on July 9.", "July 9",
         "2019-07-09", {}, "", "Norway and EU agree to truce"),
        ("Ann Lee and Bob Roe signed the accord on Monday.", "Monday", "2019-05-06",
         {"Ann Lee": "ann", "Bob Roe": "bob"}, "", "Ann Lee and Bob Roe sign accord"),
        # a time phrase the parser hangs on the verb's object dates the verb's happening
        ("Police began an investigation on Tuesday into the deaths.", "Tuesday", "2019-05-07", {}, "",
         "Police begin investigation into deaths"),
        # an event noun with a date of its own is not the happening of another date in its sentence
        ("The council today congratulated the winners of the May 3 vote.", "today",
         "2019-05-10", {}, "", "Council congratulates winners of the vote"),
    ],
)
def test_the_date_dates_its_happening_titled_who_did_what(nlp, text, phrase, value, people, pronoun, title) -> None:
    assert [e.title for e in _events(nlp, text, phrase, value, people, pronoun)] == [title]


def test_a_date_from_which_a_verb_runs_still_dates_nothing(nlp) -> None:
    # "from" after a verb starts a span: not when the happening was
    text = "The council has kept the road closed from Monday."
    assert _events(nlp, text, "Monday", "2019-05-06", {}) == []


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Ann Lee made no mention of January 8.", "January 8", "2019-01-08"),
        ("Bob Roe had learnt the lessons of September 11.", "September 11", "2018-09-11"),
    ],
)
def test_a_date_that_an_object_is_about_dates_no_happening(nlp, text, phrase, value) -> None:
    assert _events(nlp, text, phrase, value, {}) == []


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Didn't Anna Berg win the vote in August?", "August", "2019-08"),
        ("So what changed today?", "today", "2019-05-10"),
        ("Does Tom Hale plan to follow his rival and jail the judges in 2020?", "2020", "2020"),
    ],
)
def test_the_main_clause_of_a_question_tells_no_happening(nlp, text, phrase, value) -> None:
    assert _events(nlp, text, phrase, value, {}) == []


@pytest.mark.parametrize(
    ("text", "phrase", "value", "title"),
    [
        # a clause inside the question tells what happened
        ("Did anyone recall that in 1920 the occupiers of Norland were battered by a revolt?", "1920", "1920",
         "Occupiers of Norland battered by revolt"),
        # the question is the quote's, not the sentence's
        ('A year ago, Tom Hale told students that he has a plaque on his desk that reads: "What would you '
         'try if you knew you could not fail?"', "A year ago", "2018", "Tom Hale tells students he has plaque"),
    ],
)
def test_a_question_inside_a_sentence_leaves_its_happening(nlp, text, phrase, value, title) -> None:
    assert [e.title for e in _events(nlp, text, phrase, value, {})] == [title]


def test_a_possessive_inside_a_clause_stays_the_subjects_own(nlp) -> None:
    text = "Ann Lee praised her country's progress on Tuesday."
    (event,) = _events(nlp, text, "Tuesday", "2019-05-07", {"Ann Lee": "ann"}, "her")
    assert "Ann Lee's" not in event.title


def test_a_preposition_the_text_capitalised_is_lower_case_in_the_title(nlp) -> None:
    text = "Ann Lee proposed the talks During a telephone call in April."
    titles = [e.title for e in _events(nlp, text, "April", "2019-04", {"Ann Lee": "ann"})]
    assert titles and all(" During " not in t for t in titles), titles


def test_a_week_dates_its_happening_as_the_span_of_its_days(nlp) -> None:
    text = "Ann Lee spoke to the allies last week about the budget in Oslo."
    start = text.index("last week")
    expression = TimeExpression(start, start + 9, "last week", "DATE", "2019-W18", relative=True)
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published="2019-05-10")
    mention = Mention(0, 7, "Ann Lee", "ann")
    events = find_events(nlp(text), article, [expression], [mention], {"ann": Person("ann", "Ann Lee")})
    assert [(e.date, e.end) for e in events if e.date != "2019-05-10"] == [("2019-04-29", "2019-05-05")]


def test_a_week_naming_a_known_summit_gives_the_summits_own_day(nlp) -> None:
    # Geneva 2021-06-16 is in knowledge/data/summits.yaml; another summit opened that Monday.
    text = "Next week's summit in Geneva comes as ties between the two countries sank."
    expression = TimeExpression(0, 9, "Next week", "DATE", "2021-W24", relative=True)
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published="2021-06-10")
    events = find_events(nlp(text), article, [expression], [], {})
    assert [(e.date, e.end, e.place) for e in events if e.type == "summit"] == [("2021-06-16", "", "Geneva")]


def test_what_did_not_happen_on_a_date_is_no_happening(nlp) -> None:
    text = "Ann Lee said again that Norway did not send troops to the border in 2016."
    start = text.index("2016")
    expression = TimeExpression(start, start + 4, "2016", "DATE", "2016")
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published="2019-05-10")
    mention = Mention(0, 7, "Ann Lee", "ann")
    events = find_events(nlp(text), article, [expression], [mention], {"ann": Person("ann", "Ann Lee")})
    assert [e for e in events if e.date == "2016"] == []
