"""Happenings dated by their distance from a dated one ("a day after X", "on the eve of X")."""

from __future__ import annotations

import pytest

from generator.events import find_events
from generator.model import Article, TimeExpression


def _events(nlp, text: str, phrase: str, value: str) -> list[tuple[str, str]]:
    """(date, title) of every event the one date `phrase` (of `value`) gives in `text`."""
    start = text.index(phrase)
    expression = TimeExpression(start, start + len(phrase), phrase, "DATE", value)
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published="2019-05-10")
    return sorted((e.date, e.title) for e in find_events(nlp(text), article, [expression], [], {}))


@pytest.mark.parametrize(
    ("text", "phrase", "value", "expected"),
    [
        # a clause a measured distance before the dated one
        ("Rebels shelled the port on Friday, a day after the council approved the new budget.", "Friday",
         "2019-05-10", ("2019-05-09", "Council approves new budget")),
        # an event noun; "its" is the subject's
        ("The cabinet met on Thursday, two days after its inauguration.", "Thursday", "2019-05-09",
         ("2019-05-07", "Cabinet's inauguration")),
        # the measure on the date itself
        ("The riot broke out on Monday, the day before the election.", "Monday", "2019-05-06",
         ("2019-05-07", "Election")),
        # "on the eve of": the next day
        ("On Wednesday, on the eve of the summit, the ministers dined in Oslo.", "Wednesday", "2019-05-08",
         ("2019-05-09", "Summit")),
        # "hours after": the same day
        ("The militia struck on Tuesday, hours after the ceasefire.", "Tuesday", "2019-05-07",
         ("2019-05-07", "Ceasefire")),
        ("The rebels fired on Tuesday, minutes after the ceasefire.", "Tuesday", "2019-05-07",
         ("2019-05-07", "Ceasefire")),
    ],
)
def test_a_measured_distance_dates_the_other_happening(nlp, text, phrase, value, expected) -> None:
    assert expected in _events(nlp, text, phrase, value)


def test_the_dated_happening_keeps_its_date_and_not_the_other_ones_type(nlp) -> None:
    # the date is the strike's: the ceasefire it follows is a happening of its own
    events = _events(nlp, "The militia struck on Tuesday, hours after the ceasefire.", "Tuesday", "2019-05-07")
    assert ("2019-05-07", "Militia strikes after ceasefire") in events


@pytest.mark.parametrize(
    "text",
    [
        "The minister resigned yesterday on the eve of the election.",
        "It was revealed yesterday, on the eve of elections in Peru, that the army had set up a large fund.",
    ],
)
def test_the_happening_of_an_eve_is_not_dated_the_day_before(nlp, text) -> None:
    # the date is the report's; the election is the day after it
    elections = [date for date, title in _events(nlp, text, "yesterday", "2019-05-09") if title.startswith("Election")]
    assert elections == ["2019-05-10"]


@pytest.mark.parametrize("phrase", ["ahead of", "prior to", "on the anniversary of"])
def test_a_happening_ahead_of_another_does_not_date_it(nlp, phrase) -> None:
    text = f"The minister spoke to reporters on Monday {phrase} the referendum."
    assert not any(title.startswith("Referendum") for _, title in _events(nlp, text, "Monday", "2019-05-06"))


@pytest.mark.parametrize(
    "text",
    [
        # no measure: "after the talks" could be any earlier day
        "The rebels attacked on Monday after the talks.",
        # a count the data does not know
        "The rebels attacked on Monday, days after the talks.",
    ],
)
def test_no_measured_distance_dates_nothing_else(nlp, text) -> None:
    assert [date for date, _ in _events(nlp, text, "Monday", "2019-05-06")] == ["2019-05-06"]


def test_an_other_happening_with_its_own_date_is_not_moved(nlp) -> None:
    text = "The strike came on Friday, two days after the president visited the city on Wednesday."
    start = text.index("Wednesday")
    friday, wednesday = text.index("Friday"), TimeExpression(start, start + 9, "Wednesday", "DATE", "2019-05-08")
    expressions = [TimeExpression(friday, friday + 6, "Friday", "DATE", "2019-05-10"), wednesday]
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published="2019-05-10")
    dates = sorted(e.date for e in find_events(nlp(text), article, expressions, [], {}))
    assert dates == ["2019-05-08", "2019-05-10"]


def test_a_date_inside_the_after_or_before_phrase_is_that_happenings_own(nlp) -> None:
    text = "Ann Lee said she had not known of the visit a few years before the 2016 election."
    start = text.index("2016")
    expression = TimeExpression(start, start + 4, "2016", "DATE", "2016")
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published="2019-05-10")
    events = find_events(nlp(text), article, [expression], [], {})
    assert [(e.date, e.type) for e in events if e.date == "2016"] == [("2016", "election")]


@pytest.mark.parametrize(
    ("text", "phrase", "value", "expected"),
    [
        # "days after": two to nine days before, all in May
        ("Rebels shelled the port on Friday, days after the council approved the new budget.", "Friday",
         "2019-05-17", ("2019-05", "Council approves new budget")),
        # days that straddle two months share only their year
        ("Rebels shelled the port on Friday, days after the council approved the new budget.", "Friday",
         "2019-05-03", ("2019", "Council approves new budget")),
    ],
)
def test_an_uncounted_distance_dates_the_other_happening_to_the_month_its_days_share(
    nlp, text, phrase, value, expected
) -> None:
    assert expected in _events(nlp, text, phrase, value)


def test_a_known_summit_dates_what_it_comes_days_after(nlp) -> None:
    text = "The Helsinki summit comes days after the indictment of 12 Russian officers."
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published="2018-07-16")
    events = {(e.date, e.type) for e in find_events(nlp(text), article, [], [], {})}
    assert ("2018-07", "indictment") in events
