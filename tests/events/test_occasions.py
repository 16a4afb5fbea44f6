"""Happenings dated by the occasion they took place at ("during the talks", "at the end of the summit")."""

from __future__ import annotations

import pytest

from generator.events import find_events
from generator.model import Article, TimeExpression

OPENING = "The presidents of Norland and Sudmark met for talks in Oslo on Tuesday. "


def _events(nlp, text: str) -> list[tuple[str, str, str]]:
    """(date, end, title) of every event `text` gives, its one date the opening's Tuesday."""
    start = text.index("Tuesday")
    expression = TimeExpression(start, start + 7, "Tuesday", "DATE", "2019-05-07")
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published="2019-05-10")
    return sorted((e.date, e.end, e.title) for e in find_events(nlp(text), article, [expression], [], {}))


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("During the talks, the foreign minister announced a new border agreement.",
         "Foreign minister announces new border agreement"),
        ("Half-way through the meeting, the agency reported a truce.", "Agency reports truce"),
        ("At the end of the talks, the ministers signed a trade pact.", "Ministers sign trade pact"),
        ("On the sidelines of the meeting, the two finance ministers agreed a loan.",
         "Two finance ministers agree loan"),
        # "in" with a known occasion's noun is "during"; a hyphen joins the noun's parts
        ("In their first sit-down, the presidents signed a trade pact.", "Presidents sign trade pact"),
        ("In the meeting, the foreign minister announced a new border agreement.",
         "Foreign minister announces new border agreement"),
    ],
)
def test_a_happening_at_a_dated_occasion_is_on_its_day(nlp, sentence, title) -> None:
    # the occasion's phrase is the date's place: the headline leaves it out
    assert ("2019-05-07", "", title) in _events(nlp, OPENING + sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # a new occasion, not the one dated before
        "During an interview with a radio station, the foreign minister announced a new border agreement.",
        "In a phone call with the king, the foreign minister announced a new border agreement.",
        # after the verb, "in" tells which thing
        "Wider tensions remained over the US role in the talks.",
        # "after" the talks could be any later day
        "After the talks, the foreign minister announced a new border agreement.",
        # the occasion dates what was said, not the saying
        "The minister said the issue of trade was prominent during the talks.",
        # a clause about something else
        "The minister hoped for a deal that could be seen as a win at the talks.",
    ],
)
def test_no_occasion_dates_nothing(nlp, sentence) -> None:
    assert len(_events(nlp, OPENING + sentence)) == 1


def test_the_occasion_dates_the_main_verb_whatever_else_the_sentence_dates(nlp) -> None:
    text = OPENING + "Half-way through the talks, the agency announced a truce beginning on Friday."
    friday = text.index("Friday")
    expressions = [
        TimeExpression(text.index("Tuesday"), text.index("Tuesday") + 7, "Tuesday", "DATE", "2019-05-07"),
        TimeExpression(friday, friday + 6, "Friday", "DATE", "2019-05-10"),
    ]
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published="2019-05-10")
    events = [(e.date, e.title) for e in find_events(nlp(text), article, expressions, [], {})]
    assert any(date == "2019-05-07" and title.startswith("Agency announces truce") for date, title in events)
    assert any(date == "2019-05-10" for date, _ in events)


def test_an_occasion_named_before_it_is_dated_dates_nothing(nlp) -> None:
    text = "During the talks, the foreign minister announced a new border agreement. " + OPENING
    assert len(_events(nlp, text)) == 1


def test_the_talks_of_a_summit_are_the_summits_and_keep_its_days(nlp) -> None:
    text = ("The leaders held a summit in Oslo from Tuesday to Wednesday. "
            "During the talks, the foreign minister announced a new border agreement.")
    tuesday, wednesday = text.index("Tuesday"), text.index("Wednesday")
    expressions = [TimeExpression(tuesday, tuesday + 7, "Tuesday", "DATE", "2019-05-07"),
                   TimeExpression(wednesday, wednesday + 9, "Wednesday", "DATE", "2019-05-08")]
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published="2019-05-10")
    events = find_events(nlp(text), article, expressions, [], {})
    announced = [e for e in events if "agreement" in e.title]
    assert [(e.date, e.end) for e in announced] == [("2019-05-07", "2019-05-08")]


def test_an_occasion_phrase_on_a_noun_dates_nothing(nlp) -> None:
    # the phrase tells which agreement, not when it was announced
    assert len(_events(nlp, OPENING + "The minister welcomed the agreement reached at the talks.")) == 1


def _events_published(nlp, text: str, published: str) -> list[tuple[str, str]]:
    start = text.index("Tuesday")
    expression = TimeExpression(start, start + 7, "Tuesday", "DATE", "2019-05-07")
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published=published)
    return sorted((e.date, e.title) for e in find_events(nlp(text), article, [expression], [], {}, own_news=False))


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("The foreign minister told reporters that the border was safe.",
         "Foreign minister tells reporters border is safe"),
        ("The foreign minister told the press conference that the border was safe.",
         "Foreign minister tells press conference border is safe"),
    ],
)
def test_an_undated_remark_to_the_press_in_a_report_of_the_occasion_is_on_its_day(nlp, sentence, title) -> None:
    assert ("2019-05-07", title) in _events_published(nlp, OPENING + sentence, "2019-05-08")


def test_an_undated_outcome_reported_in_a_report_of_the_occasion_is_on_its_day(nlp) -> None:
    text = OPENING + "The foreign minister said that the two sides had agreed to reopen the border."
    events = _events_published(nlp, text, "2019-05-08")
    assert ("2019-05-07", "Two sides agree to reopen border") in events


@pytest.mark.parametrize(
    ("sentence", "published"),
    [
        # an outcome not yet reached
        ("The foreign minister said that the two sides would agree to reopen the border.", "2019-05-08"),
        # no press: a remark to anyone could be any day
        ("The foreign minister told his party that the border was safe.", "2019-05-08"),
        # the occasion is history, not the report's news
        ("The foreign minister told reporters that the border was safe.", "2019-06-20"),
        # a remark still to come
        ("The foreign minister will tell reporters that the border is safe.", "2019-05-08"),
    ],
)
def test_a_remark_off_the_story_is_not_dated_by_it(nlp, sentence, published) -> None:
    assert len(_events_published(nlp, OPENING + sentence, published)) == 1


def test_a_sequel_goes_on_with_the_story_day_whatever_else_the_sentence_dates(nlp) -> None:
    text = OPENING + "Later, during an interview with a radio station, the president spoke of the 2015 treaty."
    tuesday, year = text.index("Tuesday"), text.index("2015")
    expressions = [TimeExpression(tuesday, tuesday + 7, "Tuesday", "DATE", "2019-05-07"),
                   TimeExpression(year, year + 4, "2015", "DATE", "2015")]
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published="2019-05-08")
    events = {(e.date, e.type) for e in find_events(nlp(text), article, expressions, [], {}, own_news=False)}
    # the interview, its type from the occasion it was told at, is on the story's day
    assert ("2019-05-07", "interview") in events
    assert any(date == "2015" for date, _ in events)


def test_an_occasion_named_as_the_subject_dates_what_it_is_measured_from(nlp) -> None:
    events = _events(nlp, OPENING + "The talks came hours after the vote in parliament.")
    assert ("2019-05-07", "", "Vote in parliament") in events
