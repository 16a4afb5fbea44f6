"""The dates stage: time expressions (TIMEX3 values) and publication-date inference."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.dates import (
    Inferred,
    find_time_expressions,
    infer_publication,
    infer_publication_dates,
    resolve_relative_date,
)
from generator.model import Article, PartialDate

ROOT = Path(__file__).resolve().parent.parent.parent
REF = PartialDate(2018, 7, 17)  # a Tuesday


Reference = PartialDate | tuple[date, date] | None


def tags(text: str, reference: Reference = REF) -> list[tuple[str, str, str]]:
    return [(e.text, e.type, e.value) for e in find_time_expressions(text, reference)]


def value_of(text: str, phrase: str, reference: Reference = REF) -> str:
    for expression in find_time_expressions(text, reference):
        if expression.text == phrase:
            return expression.value
    raise AssertionError(f"{phrase!r} not tagged in {text!r}: {tags(text, reference)}")


# --- explicit dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The accord was signed on August 3, 2015 in Vienna.", "August 3, 2015", "2015-08-03"),
        ("The accord was signed on 3 August 2015 in Vienna.", "3 August 2015", "2015-08-03"),
        ("Photo taken on 21st March, 2012 at the port.", "21st March, 2012", "2012-03-21"),
        ("He resigned in 2009.", "2009", "2009"),
        ("Oil was cheap in the 1980s.", "the 1980s", "198"),
        ("Prices rose in mid-2016.", "mid-2016", "2016"),
        ("They met in Oslo in October 2011.", "October 2011", "2011-10"),
        ("The law dates from the 19th century.", "the 19th century", "18"),
        ("Filed on 2019-03-04 by the clerk.", "2019-03-04", "2019-03-04"),
    ],
)
def test_explicit_dates(text: str, phrase: str, value: str) -> None:
    assert value_of(text, phrase) == value


def test_a_year_in_words_as_transcripts_write_it() -> None:
    text = ("It began in nineteen ninety-six, by January nineteen ninety-seven it had spread, and "
            "by the year two thousand and one it was over. Nineteen oh five was long before.")
    assert [(t, v) for t, _, v in tags(text)] == [
        ("nineteen ninety-six", "1996"),
        ("January nineteen ninety-seven", "1997-01"),
        ("the year two thousand and one", "2001"),
        ("Nineteen oh five", "1905"),
    ]
    # counts stay counts
    assert tags("Two thousand people came and nineteen hundred troops left.") == []


def test_explicit_dates_are_not_relative() -> None:
    (expression,) = find_time_expressions("It ended on August 3, 2015.", REF)
    assert expression.relative is False and expression.type == "DATE"


def test_offsets_point_into_the_text_as_given() -> None:
    text = "Ministers said on Thursday, 12 April 2018, that talks would resume."
    for expression in find_time_expressions(text, REF):
        assert text[expression.start : expression.end] == expression.text


# --- partial dates resolved against the reference and the tense ------------------------------


def test_month_day_without_year_takes_the_past_year_in_a_past_sentence() -> None:
    assert value_of("The minister spoke on March 1.", "March 1") == "2018-03-01"
    assert value_of("The minister spoke on November 3.", "November 3") == "2017-11-03"


def test_month_day_without_year_takes_the_coming_year_in_a_future_sentence() -> None:
    assert value_of("The vote will be held on March 3.", "March 3") == "2019-03-03"


def test_an_infinitive_passive_is_a_plan_though_the_main_verb_is_present() -> None:
    # "to be released" tells what is to come: the coming Tuesday, not the last one
    ref = PartialDate(2011, 1, 6)  # a Thursday
    text = "The study, to be published on Tuesday, is likely to recommend an overhaul."
    assert value_of(text, "Tuesday", ref) == "2011-01-11"
    assert value_of("The study was published on Tuesday.", "Tuesday", ref) == "2011-01-04"


def test_a_promise_or_a_plan_before_to_points_ahead_and_due_to_only_before_a_verb() -> None:
    ref = PartialDate(2007, 9, 6)  # a Thursday
    assert value_of("He has vowed to return to the capital on Monday.", "Monday", ref) == "2007-09-10"
    assert value_of("The minister on Monday pledged to tackle the drug trade.", "Monday", ref) == "2007-09-03"
    assert value_of("The meeting, due to start on Monday in a tent, drew threats.", "Monday", ref) == "2007-09-10"
    assert value_of("The flight was cancelled due to the storm on Monday.", "Monday", ref) == "2007-09-03"
    assert value_of("The offer had been due to expire on Monday.", "Monday", ref) == "2007-09-03"
    # "scheduled to", "set to" without its "be": "the talks, set to resume Monday"
    assert value_of("He was in Dubai on Sunday but scheduled to leave on Monday.", "Monday", ref) == "2007-09-10"
    assert value_of("The peace talks, set to resume Monday in Oslo, drew threats.", "Monday", ref) == "2007-09-10"


def test_last_of_another_date_is_no_tense_cue() -> None:
    ref = PartialDate(2010, 1, 29)  # a Friday
    text = "BP will report a profit for the end of last year when it unveils results on Tuesday."
    assert value_of(text, "Tuesday", ref) == "2010-02-02"
    assert value_of("He resigned last year and returned on Tuesday.", "Tuesday", ref) == "2010-01-26"


def test_a_scheduled_day_is_the_nearest_one_whatever_the_tense() -> None:
    ref = PartialDate(1989, 10, 27)
    assert value_of("The board declared a dividend payable Dec. 3 to holders.", "Dec. 3", ref) == "1989-12-03"
    assert value_of("The bank named a chairman, effective March 1.", "March 1", ref) == "1990-03-01"
    assert value_of("The plan took effect, effective Oct. 1, and failed.", "Oct. 1", ref) == "1989-10-01"
    assert value_of("The board met on Dec. 3 and declared a dividend.", "Dec. 3", ref) == "1988-12-03"
    assert value_of("The bank extended loans through January, it said.", "January", ref) == "1990-01"


def test_a_capitalised_label_opening_a_line_is_no_date() -> None:
    # a transcript's programme or speaker label ("TONIGHT:") is not the evening of the day
    text = "ANN LEE FOR TONIGHT: Minister, why?\nTONIGHT: And the budget?\nTONIGHT the minister resigned."
    assert [e.text for e in find_time_expressions(text, REF)] == ["TONIGHT"]
    assert find_time_expressions(text, REF)[0].start == text.rindex("TONIGHT")
    # a day-by-day log is no transcript: its weekday labels date their lines
    log = "The week.\nMONDAY: Talks resumed.\nTUESDAY: The talks broke down.\n"
    assert [e.text for e in find_time_expressions(log, REF)] == ["MONDAY", "TUESDAY"]


def test_a_colon_after_a_day_ends_the_date_and_a_possessive_weekday_is_past() -> None:
    ref = PartialDate(1998, 4, 24)  # a Friday
    text = "The paper said in an editorial on Friday, June 12: The court erred."
    assert value_of(text, "Friday, June 12", ref) == "1998-06-12"
    assert tags("The race starts at 25:30 on the clock.", ref) == []
    ref = PartialDate(1989, 10, 30)  # a Monday
    assert value_of("The price is 5% above Thursday's closing price.", "Thursday", ref) == "1989-10-26"


def test_a_chronology_that_runs_across_new_years_dates_each_entry_by_its_order() -> None:
    text = (
        "The full list since the war began:\nMarch 21: Eight soldiers died when a helicopter crashed.\n"
        "December 17: A sailor died.\nJanuary 3: A corporal was killed.\nApril 20: A private died.\n"
    )
    ref = PartialDate(2005, 5, 2)
    values = [value_of(text, phrase, ref) for phrase in ("March 21", "December 17", "January 3", "April 20")]
    assert values == ["2004-03-21", "2004-12-17", "2005-01-03", "2005-04-20"]
    # a schedule runs forward from the publication date
    text = (
        "The dates:\nNovember 3: the first round will be held.\nDecember 1: the second round will be held.\n"
        "January 9: the results will be given.\n"
    )
    assert value_of(text, "January 9", ref) == "2006-01-09"


def test_month_alone_stays_a_month() -> None:
    ref = PartialDate(2017, 6, 5)
    assert value_of("The envoys talked in December about trade.", "December", ref) == "2016-12"
    assert value_of("The envoys will talk in December about trade.", "December", ref) == "2017-12"


def test_year_of_a_full_date_in_the_sentence_completes_a_short_one() -> None:
    text = "Fighting stopped on May 2, 2014, and resumed on May 9."
    assert value_of(text, "May 9", None) == "2014-05-09"


def test_early_this_year() -> None:
    assert value_of("The plan was drafted early this year.", "early this year") == "2018"


# --- relative expressions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The envoy arrived yesterday.", "yesterday", "2018-07-16"),
        ("The envoy arrives today.", "today", "2018-07-17"),
        ("The envoy arrives tomorrow.", "tomorrow", "2018-07-18"),
        ("The two ministers talked last week.", "last week", "2018-W28"),
        ("The two ministers will talk next week.", "next week", "2018-W30"),
        ("The two ministers talk this week.", "this week", "2018-W29"),
        ("Both sides met earlier this week.", "earlier this week", "2018-W29"),
        ("The bill passed last July.", "last July", "2017-07"),
        ("The bill passed last year.", "last year", "2017"),
        ("The bill passed two months ago.", "two months ago", "2018-05"),
        ("The bill passed two years ago.", "two years ago", "2016"),
        ("The bill passed three days ago.", "three days ago", "2018-07-14"),
        ("The delegation will fly home next Wednesday.", "next Wednesday", "2018-07-18"),
        ("Their deal could be signed in the coming weeks.", "the coming weeks", "FUTURE_REF"),
        ("The port reopened last night.", "last night", "2018-07-16TNI"),
        # a month of a year told relatively: one expression, that year's month, whatever the tense
        ("The bill passed in September last year.", "September last year", "2017-09"),
        ("The bill will pass in March next year.", "March next year", "2019-03"),
        ("The bill passed in January this year.", "January this year", "2018-01"),
        ("The bill passed in May of last year.", "May of last year", "2017-05"),
    ],
)
def test_relative_expressions(text: str, phrase: str, value: str) -> None:
    assert value_of(text, phrase) == value


def test_a_month_before_a_years_possession_is_the_month_alone() -> None:
    # "last year's report" is the report of last year, not a date of the month before it
    found = [e.text for e in find_time_expressions("Talks resume in October, last year's report said.", REF)]
    assert found == ["October", "last year"]


def test_relative_expressions_are_marked_relative() -> None:
    (expression,) = find_time_expressions("The envoy arrived yesterday.", REF)
    assert expression.relative is True


def test_bare_weekday_follows_the_tense() -> None:
    # REF is Tuesday 2018-07-17
    assert value_of("The ministers met on Sunday in Rome.", "Sunday") == "2018-07-15"
    assert value_of("The ministers will meet on Sunday in Rome.", "Sunday") == "2018-07-22"
    assert value_of("Officials said on Friday that talks had failed.", "Friday") == "2018-07-13"


def test_upcoming_and_forthcoming_point_to_the_future() -> None:
    assert value_of("Ahead of the upcoming vote on Saturday, crowds gathered.", "Saturday") == "2018-07-21"


def test_the_following_day_counts_from_the_last_date_mentioned() -> None:
    text = "The talks opened on March 3, 2016. The following day the delegates left."
    assert value_of(text, "The following day", None) == "2016-03-04"


def test_the_previous_evening_is_a_time_of_the_day_before() -> None:
    text = "The ministers met on Monday. He repeated a remark from the previous evening."
    assert value_of(text, "the previous evening") == "2018-07-15TEV"


def test_reference_words() -> None:
    assert value_of("Ties are currently frozen.", "currently") == "PRESENT_REF"
    assert value_of("Ties were recently frozen.", "recently") == "PAST_REF"


def test_a_year_earlier_keeps_the_granularity_of_the_date_before() -> None:
    text = "Exports grew in the third quarter of 2019, up from a year earlier."
    assert value_of(text, "a year earlier", None) == "2018-Q3"
    assert value_of("He took office in 2011 and left office five years later.", "five years later", None) == "2016"


def test_over_the_weekend_follows_the_tense() -> None:
    # REF is Tuesday 2018-07-17; the weekend before is 14-15 July (week 28)
    assert value_of("Protests spread over the weekend.", "the weekend") == "2018-W28-WE"
    assert value_of("Protests will resume over the weekend.", "the weekend") == "2018-W29-WE"


def test_since_looks_back_and_until_looks_ahead() -> None:
    assert value_of("Her first trip since October will start soon.", "October") == "2017-10"
    assert value_of('"We have until Friday," the envoy said.', "Friday") == "2018-07-20"


def test_weekday_with_a_date_picks_the_year_that_fits() -> None:
    ref = PartialDate(2019, 3, 20)
    assert value_of("The Senate voted on Tuesday, March 5, to approve it.", "Tuesday, March 5", ref) == "2019-03-05"


def test_date_without_year_next_to_the_reference_is_the_near_one() -> None:
    # past tense, but a truce "beginning" two days after the reference is this year's
    text = "The sides agreed to a truce beginning at noon on July 19."
    assert value_of(text, "noon on July 19") == "2018-07-19T12:00"


def test_clock_time_takes_the_day_its_sentence_names() -> None:
    text = "Polls opened at 7 a.m. and closed at 9 p.m. on Sunday."
    assert value_of(text, "7 a.m.") == "2018-07-15T07:00"
    assert value_of(text, "9 p.m. on Sunday") == "2018-07-15T21:00"


def test_seasons() -> None:
    assert value_of("Talks stalled last spring.", "last spring") == "2018-SP"
    assert value_of("Protests spread in the spring of 2011.", "the spring of 2011") == "2011-SP"
    assert tags("The fall of the empire was swift.") == []


def test_decade_and_century_durations() -> None:
    assert value_of("The country has lost a decade.", "a decade") == "P1DE"
    assert value_of("Relations have improved over the past three decades.", "the past three decades") == "P3DE"


# --- times, durations, sets ----------------------------------------------------------------------


def test_time_of_day_joined_to_its_date() -> None:
    text = "A truce takes effect at noon on July 9, 2017 along the border."
    assert ("noon on July 9, 2017", "TIME", "2017-07-09T12:00") in tags(text)


def test_clock_time_with_am_pm() -> None:
    text = "Polls closed on March 3, 2016 at 8 p.m. in the capital."
    assert ("March 3, 2016 at 8 p.m.", "TIME", "2016-03-03T20:00") in tags(text)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The session ran for 95 minutes.", "95 minutes", "PT95M"),
        ("The session ran for a 95-minute stretch.", "95-minute", "PT95M"),
        ("He has ruled for twelve years.", "twelve years", "P12Y"),
        ("The call lasted more than three hours.", "more than three hours", "PT3H"),
        ("The call lasted half an hour.", "half an hour", "PT30M"),
        ("Relations soured over the past few years.", "the past few years", "PXY"),
        ("Delays of three to four weeks are likely.", "three to four weeks", "PXW"),
        ("He stayed for several days.", "several days", "PXD"),
    ],
)
def test_durations(text: str, phrase: str, value: str) -> None:
    (match,) = [e for e in find_time_expressions(text, REF) if e.text == phrase]
    assert match.type == "DURATION" and match.value == value


def test_durations_are_never_dates() -> None:
    for expression in find_time_expressions("The country has changed a lot in twenty years.", REF):
        assert expression.type == "DURATION" and not expression.relative


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The forum meets every year in Davos.", "every year", "P1Y"),
        ("The figures are published annually.", "annually", "P1Y"),
        ("The market opens on Sundays.", "Sundays", "XXXX-WXX-7"),
        ("Germany pays billions of euros a year for gas.", "a year", "P1Y"),
    ],
)
def test_sets(text: str, phrase: str, value: str) -> None:
    (match,) = [e for e in find_time_expressions(text, REF) if e.text == phrase]
    assert match.type == "SET" and match.value == value


# --- things that are not dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Spain beat Italy 3 to 1 in the final.",
        "Spending rose to two per cent of output.",
        "The S-300 and S-500 systems, the MiG-29 and the Tu-22M3 bomber.",
        "Leaders of the G7 and the G20 attended.",
        "Police detained 15 Britons and 1200 protesters.",
        "Protesters march on the parliament.",
        "The ministers may decide to leave.",
        "The video had 7340 views.",
        "He read Windows 2000 manuals.",
        "About 2000 people attended the rally.",
        "Theresa May said the deal was dead.",
        "A second summit is planned.",
        "Flight MH17 was downed; Resolution 2254 calls for talks; Route 66.",
        "The vote was 52-48, with 1,500 abstentions and 2,000 guests.",
    ],
)
def test_non_dates_are_not_tagged(text: str) -> None:
    assert tags(text) == []


def test_may_is_a_month_only_with_a_day_a_year_or_a_cue() -> None:
    assert value_of("Elections were held in May.", "May") == "2018-05"
    assert value_of("Elections were held on May 6.", "May 6") == "2018-05-06"


# --- references of lower precision, or none ------------------------------------------------------


def test_without_reference_relative_values_keep_xs() -> None:
    assert value_of("The envoy arrived yesterday.", "yesterday", None) == "XXXX-XX-XX"
    assert value_of("They met on Monday.", "Monday", None) == "XXXX-WXX-1"
    assert value_of("They met in December.", "December", None) == "XXXX-12"


def test_month_reference_invents_no_day() -> None:
    assert value_of("The envoy arrived yesterday.", "yesterday", PartialDate(2018, 7)) == "2018"
    assert value_of("The bill passed last year.", "last year", PartialDate(2018, 7)) == "2017"


def test_resolve_relative_date_helper() -> None:
    assert resolve_relative_date("next Wednesday", REF) == "2018-07-18"
    assert resolve_relative_date("on Sunday", REF, tense="past") == "2018-07-15"
    assert resolve_relative_date("the following day", REF, anchor=PartialDate(2018, 3, 1)) == "2018-03-02"
    assert resolve_relative_date("nothing here", REF) is None


def test_expressions_are_sorted_and_do_not_overlap() -> None:
    text = "On Monday, July 16, 2018 at noon, and for two hours since last week, every day."
    found = find_time_expressions(text, REF)
    assert [e.start for e in found] == sorted(e.start for e in found)
    for first, second in zip(found, found[1:], strict=False):
        assert first.end <= second.start


# --- publication dates ------------------------------------------------------------------------------


def article(identifier: str, text: str, title: str = "A headline", captions: list[str] | None = None,
            file: str | None = None, part: int = 1) -> Article:
    return Article(identifier, file or f"{identifier}.txt", part, title, text, captions=captions or [])


def test_dateline_without_year_takes_the_year_from_other_clues() -> None:
    text = "OSLO, March 4 (Reuters) - Talks resumed. The 2019 budget was cut."
    value, basis = infer_publication_dates([article("a", text)])["a"]
    assert value == "2019-03-04" and "dateline" in basis


def test_published_line_dates_the_article() -> None:
    text = "Published: Monday 16 July 2012 10.31 BST\nThe ministers met."
    assert infer_publication_dates([article("a", text)])["a"][0] == "2012-07-16"


def test_weekday_and_date_in_the_text_date_the_week_of_writing() -> None:
    text = "Lawmakers voted on Tuesday, March 5, to approve the plan. The 2018 law had failed."
    value, basis = infer_publication_dates([article("w", text)])["w"]
    assert value == "2019-03" and "Tuesday" in basis


def test_forthcoming_known_summit_dates_the_month_before_it() -> None:
    text = (
        "Ahead of the forthcoming summit in Reykjavik, Ronald Reagan said he hoped to meet "
        "Mikhail Gorbachev for long talks."
    )
    value, basis = infer_publication_dates([article("r", text)])["r"]
    assert value.startswith("1986") and "Reykjavik" in basis and "likely" in basis


def test_a_place_and_one_leader_are_not_enough_for_a_known_summit() -> None:
    text = "Vladimir Putin spoke in Moscow about the economy and the meeting of his cabinet."
    found = infer_publication_dates([article("m", text)])
    assert "m" not in found or "known summit" not in found["m"][1]


def test_parts_of_one_file_without_clues_take_the_year_of_a_dated_neighbour() -> None:
    dated = article("f-1", "At the summit in Reykjavik yesterday, Reagan and Gorbachev argued. "
                           "They met in Reykjavik on October 11, 1986 for talks.", file="f.txt", part=1)
    undated = article("f-2", "The minister spoke about the economy.", file="f.txt", part=2)
    value, basis = infer_publication_dates([dated, undated])["f-2"]
    assert value == "1986" and "uncertain" in basis


def test_dateline_dates_the_article_for_certain() -> None:
    found = infer_publication_dates([article("a", "OSLO, March 4, 2019 (Reuters) - Talks resumed on Monday.")])
    value, basis = found["a"]
    assert value == "2019-03-04" and "dateline" in basis and "certain" in basis


def test_relative_date_matched_with_an_event_another_article_dates() -> None:
    dated = article("dated", "The two presidents met in Reykjavik, Iceland on October 11, 1986 for talks.")
    relative = article("relative", "At the summit in Reykjavik yesterday, the leaders argued about missiles.")
    value, basis = infer_publication_dates([dated, relative])["relative"]
    assert value == "1986-10-12"
    assert "yesterday" in basis and "dated" in basis


def test_known_summit_and_next_week_give_the_month_not_a_day() -> None:
    text = (
        "Next week's summit in Geneva between Joe Biden and Vladimir Putin will test relations. "
        "Officials said the talks would be long."
    )
    value, basis = infer_publication_dates([article("g", text)])["g"]
    assert value == "2021-06"
    assert "Geneva" in basis and "likely" in basis


def test_latest_date_in_text_is_the_uncertain_fallback() -> None:
    text = "The treaty of 1974 still matters. Elections were held in 2015 and the results stood."
    value, basis = infer_publication_dates([article("x", text)])["x"]
    assert value == "2015" and "uncertain" in basis


def test_articles_with_a_published_date_are_left_alone() -> None:
    dated = article("p", "Talks resumed yesterday.")
    dated.published = "2020-01-02"
    assert "p" not in infer_publication_dates([dated])


def test_file_photo_caption_does_not_override_later_dates() -> None:
    text = "The 2016 elections were a turning point, senators said, and sanctions followed."
    captions = ["The president at a meeting on 10th July, 2014 in the capital [Photo]"]
    value, _ = infer_publication_dates([article("c", text, captions=captions)])["c"]
    assert value != "2014-07-10"


# --- the command line (written by the lead) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He worked in New York after the September 11 attacks.", "2001-09-11"),
        ("He worked in New York after the attacks of 11 September.", "2001-09-11"),
        ("The July 7 bombers had trained abroad.", "2005-07-07"),
        # elsewhere the day is the nearest, as any other
        ("The talks will resume on September 11.", "2018-09-11"),
        ("The attack on July 7 killed two.", "2018-07-07"),
    ],
)
def test_a_day_that_names_a_happening_is_that_happenings_year(text: str, value: str) -> None:
    (expression,) = find_time_expressions(text, REF)
    assert expression.value == value


def test_cli_prints_dates_as_json() -> None:
    command = ROOT / ".venv" / "bin" / "summit-timeline"
    if not command.exists():
        pytest.skip("the summit-timeline command is not installed in .venv")
    result = subprocess.run(
        [str(command), "dates", "--reference", "2018-07-17", "-"],
        input="The leaders met yesterday.",
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    records = json.loads(result.stdout)
    assert {"start": 16, "end": 25, "text": "yesterday", "type": "DATE", "value": "2018-07-16"} in records


def test_module_entry_point_prints_the_same() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "dates", "--reference", "2018-07-17", "-"],
        input="They spoke on Sunday.",
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=120,
    )
    assert json.loads(result.stdout)[0]["value"] == "2018-07-15"


def test_an_article_with_a_publication_date_dates_events_for_the_others() -> None:
    dated = article("known", "The ministers met in Lisbon yesterday for talks on fishing.")
    dated.published = "2012-05-09"
    other = article("other", "After the meeting in Lisbon on Tuesday, the ministers flew home.")
    value, basis = infer_publication_dates([dated, other])["other"]
    assert value == "2012-05" and "Lisbon" in basis and "known" in basis


# --- publication windows (clues intersected) ------------------------------------------------------


def inferred(text: str, captions: list[str] | None = None) -> Inferred:
    return infer_publication([article("t", text, captions=captions)])["t"]


def test_office_holder_named_by_title_dates_the_writing_to_the_tenure() -> None:
    found = inferred("White House press secretary Sean Spicer said the talks would go on.")
    assert found.value == "2017"
    assert found.window == "2017-01-20/2017-07-21"
    assert "Spicer" in found.basis and "likely" in found.basis


def test_then_before_a_title_says_nothing_about_the_writing() -> None:
    found = inferred("Then-press secretary Sean Spicer had said the talks would go on. The 2009 treaty held.")
    assert found.value == "2009" and "Spicer" not in found.basis


def test_former_office_holder_dates_the_writing_after_the_tenure() -> None:
    # after 2017-07-21 (Spicer left) and while Mattis was defense secretary (to 2019-01-01)
    found = inferred("Former White House press secretary Sean Spicer praised Defense Secretary Jim Mattis.")
    assert found.value == "2018"
    assert "Spicer" in found.basis and "Mattis" in found.basis and "uncertain" in found.basis


def test_a_former_office_holder_excludes_an_older_year_the_text_names() -> None:
    # the latest explicit date (2000) must not win over what the office holder rules out
    found = inferred("Former national security adviser Susan Rice said Russia had changed since 2000.")
    assert found.value == "2017" and "Rice" in found.basis


def test_title_in_a_sentence_dated_to_another_year_gives_only_a_lower_bound() -> None:
    found = inferred("The 2023 report cited an old remark. In 2018, Defense Secretary Jim Mattis said so.")
    assert found.value == "2023"  # Mattis's term ended in 2019, but the title is the one of 2018


def test_elect_before_a_title_dates_the_writing_before_the_tenure() -> None:
    found = inferred("Officials briefed President-elect Joe Biden on the talks.")
    assert found.value == "2020" and "before Joe Biden took office" in found.basis


def test_an_administration_dates_the_writing_no_earlier_than_its_leader() -> None:
    found = inferred("The Biden administration announced new sanctions. The 2009 accord was cited.")
    assert found.value == "2021" and "Biden administration" in found.basis and "uncertain" in found.basis


def test_known_event_with_its_date_and_future_tense_bounds_the_writing() -> None:
    # only one known Russian presidential election fell on a March 4: 2012
    found = inferred("Campaigning is under way: the Russian presidential election is scheduled for March 4.")
    assert found.value == "2012"
    assert "Russian presidential election" in found.basis


def test_known_event_spoken_of_as_coming_without_a_date() -> None:
    found = inferred("Defense Secretary Jim Mattis spoke ahead of the US midterm elections.")
    assert found.value == "2018" and "midterm" in found.basis and "uncertain" in found.basis


def test_known_event_with_its_year_in_the_past_is_a_lower_bound() -> None:
    found = inferred("Russia denied meddling in the 2016 US presidential election.")
    assert found.value == "2016" and found.window == "2016-11-08/2016-12-31"


def test_known_event_needs_its_country_next_to_its_name() -> None:
    found = inferred("Russia watched as France prepared for the presidential election in Ukraine in 2019.")
    assert "Ukrainian presidential election" in found.basis
    assert "French" not in found.basis and "Russian" not in found.basis


def test_a_caption_date_is_a_lower_bound_not_the_day_of_writing() -> None:
    found = inferred("The leaders spoke about trade.", captions=["The president at a meeting on July 3, 2019"])
    assert found.value == "2019-07" and found.window == "2019-07-03/2019-07-10"


def test_window_spanning_years_with_a_date_without_year_takes_its_year() -> None:
    # The spokeswoman held office 2017-04-24..2019-03-01; "March 18" without a year names the
    # 2018 election; written in the year of that date (uncertain), never the excluded 2016.
    text = (
        "State Department spokeswoman Heather Nauert said the list stands. The Russian "
        "presidential election is scheduled for March 18. The 2016 vote was disputed."
    )
    found = inferred(text)
    assert found.value == "2018" and "uncertain" in found.basis
    assert found.window is not None and found.window.startswith("2018-01-01/")


# --- resolving against a window ---------------------------------------------------------------------


def test_next_wednesday_resolves_to_a_day_when_the_window_allows() -> None:
    window = (date(2021, 6, 13), date(2021, 6, 13))
    assert value_of("Next Wednesday's talks will be long.", "Next Wednesday", window) == "2021-06-16"


def test_on_monday_in_the_past_resolves_to_a_day_across_a_week_window() -> None:
    window = (date(2018, 7, 16), date(2018, 7, 22))
    assert value_of("The two presidents met in Helsinki on Monday.", "Monday", window) == "2018-07-16"


def test_a_wide_window_invents_no_day() -> None:
    window = (date(2018, 7, 2), date(2018, 7, 25))
    assert value_of("They met on Monday.", "Monday", window) == "2018-07"


def test_reference_window_is_used_only_inside_published() -> None:
    from generator.pipeline import reference_window

    dated = article("w", "Talks resumed on Monday.")
    dated.published, dated.published_window = "2018-07", "2018-07-16/2018-07-22"
    assert reference_window(dated) == (date(2018, 7, 16), date(2018, 7, 22))
    dated.published = "2019-05-01"  # an editor's date the window no longer fits
    assert reference_window(dated) == PartialDate(2019, 5, 1)


def test_an_editors_published_wins_over_the_inferred_window() -> None:
    from generator.pipeline import date_articles, reference_window

    text = "White House press secretary Sean Spicer spoke on Monday."
    inferred_article, corrected_article = article("a", text), article("b", text)
    corrected_article.published_window = "2017-01-20/2017-07-21"  # left over from the last run
    date_articles([inferred_article, corrected_article], {"b": "2019-05-01"}, cache_dir=None)
    assert inferred_article.published_window == "2017-01-20/2017-07-21"
    assert corrected_article.published == "2019-05-01" and corrected_article.published_window is None
    assert reference_window(corrected_article) == PartialDate(2019, 5, 1)


def test_dateline_whose_year_several_known_events_allow_is_uncertain() -> None:
    # Russian presidential elections fell on a Sunday just before March 19 in more than one year
    found = inferred("MOSCOW, March 19 (AP) — Putin won Russia's presidential election on Sunday.")
    assert found.value.endswith("-03-19")
    assert "would fit too" in found.basis and "uncertain" in found.basis


def test_a_year_after_a_possessive_is_a_date() -> None:
    assert value_of("Russia's 2018 presidential election was a formality.", "2018") == "2018"


def test_a_coming_event_of_many_years_alone_dates_nothing() -> None:
    # before one of many US presidential elections: no year is likelier than another
    found = infer_publication([article("e", "Officials fear interference in the upcoming US presidential election.")])
    assert "e" not in found


def test_the_country_must_stand_next_to_the_event_it_names() -> None:
    # "Russian" qualifies "interference", not the election: no Russian election clue
    found = inferred("Russian interference in the 2016 US presidential election is documented.")
    assert "US presidential election" in found.basis and "Russian presidential" not in found.basis


def test_the_title_picks_which_of_a_persons_offices_dates_the_writing() -> None:
    # Boris Johnson was foreign secretary 2016-2018 and prime minister 2019-2022
    found = inferred("Foreign Secretary Boris Johnson said the talks would go on.")
    assert found.value == "2017" and "foreign secretary 2016-07-13–2018-07-09" in found.basis


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # a part of the year used as a modifier, hyphenated
        ("The firm reported third-quarter profit.", "third-quarter", "2018-Q3"),
        ("Fourth-quarter sales fell.", "Fourth-quarter", "2018-Q4"),
        ("First-half results were weak.", "First-half", "2018-H1"),
    ],
)
def test_a_hyphenated_part_of_the_year_is_a_date(text: str, phrase: str, value: str) -> None:
    assert value_of(text, phrase) == value


@pytest.mark.parametrize("text", ["She scored a second-half goal.", "A fourth-quarter touchdown won the game."])
def test_a_period_of_a_game_is_no_date(text: str) -> None:
    assert find_time_expressions(text, REF) == []


def test_a_year_ago_after_a_quarter_is_that_quarter_a_year_before() -> None:
    found = find_time_expressions(
        "Third-quarter profit rose 5% from a year ago. The firm was founded two years ago.", REF)
    assert [(e.text, e.value) for e in found] == [
        ("Third-quarter", "2018-Q3"), ("a year ago", "2017-Q3"), ("two years ago", "2016")]


def test_a_year_ago_with_no_quarter_before_it_is_the_year() -> None:
    assert value_of("The bill passed a year ago.", "a year ago") == "2017"


def test_the_year_ago_period_is_the_reported_period_a_year_before() -> None:
    text = "Third-quarter profit rose from the year-ago quarter. Year-earlier results included a gain."
    assert [(e.text, e.value) for e in find_time_expressions(text, REF)] == [
        ("Third-quarter", "2018-Q3"), ("the year-ago quarter", "2017-Q3"), ("Year-earlier", "2017-Q3")]


def test_an_age_is_no_time_expression() -> None:
    # "the 6-year-old": a property of a person (TimeBank leaves ages unmarked); "a 10-day-long" is a span
    found = find_time_expressions("The 6-year-old boy began a 10-day-long journey.", REF)
    assert [(e.text, e.value) for e in found] == [("10-day-long", "P10D")]


def test_a_frequency_word_before_a_noun_names_a_kind_of_thing() -> None:
    text = ("The firm raised its quarterly dividend at the annual meeting. "
            "Rates are adjusted quarterly and paid annually.")
    assert [(e.text, e.type) for e in find_time_expressions(text, REF)] == [("quarterly", "SET"), ("annually", "SET")]
    assert [e.start for e in find_time_expressions(text, REF)][0] == text.index("quarterly and")


def test_the_quarter_of_a_report_is_the_quarter_named_or_the_last_one_ended() -> None:
    named = find_time_expressions("Third-quarter sales fell. Profit in the quarter rose.", REF)
    assert [(e.text, e.value) for e in named] == [("Third-quarter", "2018-Q3"), ("the quarter", "2018-Q3")]
    # REF is in July 2018: the latest quarter is the one that ended in June
    assert value_of("In the latest quarter, costs rose.", "the latest quarter") == "2018-Q2"


def test_the_quarter_in_a_text_of_no_quarters_is_a_place() -> None:
    assert find_time_expressions("Fighting spread to the quarter near the mosque.", REF) == []


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # REF is 2018-07-17: the nearest Thanksgiving (fourth Thursday of November) is 2018's
        ("Talks resume after Thanksgiving.", "Thanksgiving", "2018-11-22"),
        ("The ceasefire held over Easter.", "Easter", "2018-04-01"),  # Easter Sunday 2018
        ("He was arrested on Good Friday 2015.", "Good Friday 2015", "2015-04-03"),
        ("Crowds gathered on Memorial Day.", "Memorial Day", "2018-05-28"),  # the last Monday of May
    ],
)
def test_a_movable_holiday_is_its_day_in_the_year_meant(text: str, phrase: str, value: str) -> None:
    assert value_of(text, phrase) == value


def test_a_fiscal_year_is_one_expression() -> None:
    found = find_time_expressions("Profit in fiscal 1989 rose; in fiscal year 1990 it fell.", REF)
    assert [(e.text, e.value) for e in found] == [("fiscal 1989", "1989"), ("fiscal year 1990", "1990")]
