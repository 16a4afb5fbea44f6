"""Events: dated happenings from sentences, merged across sentences and articles."""

from __future__ import annotations

import pytest

from generator.events import classify_event_sentence, find_events, is_background_date, is_dateline, merge_events
from generator.model import Article, Event, Mention, PartialDate, Person, Source, TimeExpression


def _article(text: str, published: str = "2019-05-10", article_id: str = "a") -> Article:
    return Article(id=article_id, file=f"{article_id}.txt", part=1, title="T", text=text, published=published)


def _expression(text: str, phrase: str, value: str) -> TimeExpression:
    start = text.index(phrase)
    return TimeExpression(start, start + len(phrase), phrase, "DATE", value)


def test_a_date_in_a_quote_dates_nothing_and_a_date_of_speech_dates_the_words(nlp) -> None:
    text = "“We met today,” Anna Berg said on May 3. The summit was useful, she said on Friday."
    doc = nlp(text)
    expressions = [
        _expression(text, "today", "2019-05-10"),
        _expression(text, "May 3", "2019-05-03"),
        _expression(text, "Friday", "2019-05-10"),
    ]
    people = {"anna-berg": Person("anna-berg", "Anna Berg")}
    mentions = [Mention(text.index("Anna"), text.index("Anna") + 9, "Anna Berg", "anna-berg")]
    events = find_events(doc, _article(text), expressions, mentions, people)
    # What was said is the article's news on the day it was said; the summit is not dated by it.
    assert [(e.date, e.type) for e in events] == [("2019-05-03", "statement"), ("2019-05-10", "statement")]
    assert events[0].title == "Anna Berg: “We met today”"


def test_a_known_summit_dates_a_sentence_that_names_its_place(nlp) -> None:
    text = "The leaders held their summit in Helsinki, officials said."
    doc = nlp(text)
    (event,) = find_events(doc, _article(text, published="2018-07-17"), [], [], {})
    assert (event.date, event.type, event.place) == ("2018-07-16", "summit", "Helsinki")


def test_date_goes_to_the_specific_happening_not_the_generic_verb(nlp) -> None:
    text = "The government announced new sanctions in April."
    doc = nlp(text)
    (event,) = find_events(doc, _article(text), [_expression(text, "April", "2019-04")], [], {})
    assert (event.type, event.date) == ("sanctions", "2019-04")


def test_sentence_types_come_from_the_data_file() -> None:
    assert classify_event_sentence("The leaders held a summit in Oslo.") == "summit"
    assert classify_event_sentence("The two spoke in a phone call on Friday.") == "phone call"
    assert classify_event_sentence("A ceasefire began at noon.") == "ceasefire"
    assert classify_event_sentence("The weather was fine.") is None


def test_dated_sentence_with_trigger_becomes_event_with_people_place_and_source(nlp) -> None:
    text = "Anna Berg met Omar Haddad in Vienna on May 3, 2019. The weather was fine on May 4."
    article = _article(text)
    doc = nlp(text)
    people = {"anna-berg": Person("anna-berg", "Anna Berg"), "omar-haddad": Person("omar-haddad", "Omar Haddad")}
    mentions = [
        Mention(0, 9, "Anna Berg", "anna-berg"),
        Mention(14, 25, "Omar Haddad", "omar-haddad"),
    ]
    expressions = [_expression(text, "May 3, 2019", "2019-05-03"), _expression(text, "May 4", "2019-05-04")]
    (event,) = find_events(doc, article, expressions, mentions, people)
    assert event.date == "2019-05-03"
    assert event.type == "meeting"
    assert event.people == ["anna-berg", "omar-haddad"]
    assert event.place == "Vienna"
    assert event.title == "Anna Berg meets Omar Haddad in Vienna"
    assert event.sources == [Source("a", "Anna Berg met Omar Haddad in Vienna on May 3, 2019.")]
    assert not event.background


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the setting hangs on the happening's verb, or on its object or occasion, through nouns
        ("The minister visited the scene of the spill in Louisiana on Monday.", "Louisiana"),
        ("At a meeting between the two leaders in Oslo on Monday, the minister said the talks went well.", "Oslo"),
        # a place inside what the happening is about is not where it happened
        ("The government announced sanctions on Monday, punishing the regime for abuses in Sudmark.", ""),
        ("The minister told reporters on Monday that he was in Oslo to defend the deal.", ""),
    ],
)
def test_an_events_place_is_where_its_happening_took_place(nlp, text, place) -> None:
    events = find_events(nlp(text), _article(text), [_expression(text, "Monday", "2019-05-06")], [], {})
    assert [e.place for e in events if e.date == "2019-05-06"] == [place]


def test_old_dates_and_cued_years_are_background() -> None:
    text = "the treaty of 1974 and talks since 2016 and the vote in May 2019"
    published = PartialDate(2019, 5, 10)
    assert is_background_date(text, _expression(text, "1974", "1974"), published)
    assert is_background_date(text, _expression(text, "2016", "2016"), published)
    assert not is_background_date(text, _expression(text, "May 2019", "2019-05"), published)


def _event(
    date: str, place: str = "", people: list[str] | None = None, article: str = "a", kind: str = "summit"
) -> Event:
    return Event(
        id="",
        date=date,
        title=f"{kind} in {place}" if place else kind,
        type=kind,
        sources=[Source(article, f"{article} says {date}")],
        place=place,
        people=people or [],
    )


def test_same_happening_in_several_articles_is_one_event_with_all_sources() -> None:
    merged = merge_events(
        [
            _event("2018-07-16", "Helsinki", article="a"),
            _event("2018-07-16", "Helsinki", article="b"),
            _event("2018-07", "Helsinki", article="c"),
        ]
    )
    assert len(merged) == 1
    assert merged[0].date == "2018-07-16"  # the most precise date wins
    assert [s.article for s in merged[0].sources] == ["a", "b", "c"]


def test_a_report_joins_an_event_its_day_was_learnt_from_an_earlier_report() -> None:
    month = _event("2018-07", "Helsinki", article="a")
    day = _event("2018-07-16", "Helsinki", article="b")  # same title: the month's event is now of the 16th
    other_words = _event("2018-07-16", "Helsinki", article="c")
    other_words.title = "Leaders meet in Helsinki"  # joins by day and place, no longer by title
    (merged,) = merge_events([month, day, other_words])
    assert (merged.date, [s.article for s in merged.sources]) == ("2018-07-16", ["a", "b", "c"])


def test_different_happenings_on_one_day_stay_apart_and_ids_are_unique() -> None:
    merged = merge_events(
        [
            _event("2018-07-16", "Helsinki"),
            _event("2018-07-16", "Moscow"),
            _event("2018-07-16", "Helsinki", kind="sanctions"),
        ]
    )
    assert len(merged) == 3
    assert len({event.id for event in merged}) == 3


def _titled(date: str, title: str, kind: str, article: str) -> Event:
    return Event(id="", date=date, title=title, type=kind, sources=[Source(article, f"{article}: {title}")])


def test_a_happening_told_by_its_month_joins_the_one_day_of_that_month_that_holds_it() -> None:
    day = _titled("2019-01-30", "January 30 elections", "election", "a")
    alone = merge_events([day])[0].importance
    merged = merge_events([day, _titled("2019-01", "Norlanders hold free elections", "election", "b")])
    assert [(e.date, [s.article for s in e.sources]) for e in merged] == [("2019-01-30", ["a", "b"])]
    assert merged[0].importance > alone  # one more article tells that day


def test_a_month_stays_apart_when_it_holds_two_such_days_or_its_kind_recurs() -> None:
    two_days = merge_events([
        _titled("2019-01-08", "January 8 elections", "election", "a"),
        _titled("2019-01-30", "January 30 elections", "election", "b"),
        _titled("2019-01", "Elections in Norland", "election", "c"),
    ])
    assert [e.date for e in two_days] == ["2019-01", "2019-01-08", "2019-01-30"]
    bombings = merge_events([  # a month holds many: "a bombing in May" names no day
        _titled("2019-05-03", "Bombing in Oslo", "attack", "a"),
        _titled("2019-05", "Bombing in Bergen", "attack", "b"),
    ])
    assert [e.date for e in bombings] == ["2019-05", "2019-05-03"]


def test_an_untyped_happening_told_by_its_month_joins_its_day_through_its_own_noun() -> None:
    fire = merge_events([
        _titled("2019-04-20", "Oil rig catches fire", "happening", "a"),
        _titled("2019-04", "Fire crews battle blazing rig", "happening", "b"),
    ])
    assert [(e.date, len(e.sources)) for e in fire] == [("2019-04-20", 2)]
    reports = merge_events([  # a month holds many reports: the noun names no one day
        _titled("2019-01-15", "Museum releases damning report", "happening", "a"),
        _titled("2019-01", "Inspector issues report", "happening", "b"),
    ])
    assert [e.date for e in reports] == ["2019-01", "2019-01-15"]


def test_untyped_reports_of_one_day_that_name_its_happening_alike_are_one_event() -> None:
    merged = merge_events([
        _titled("1999-10-12", "Coup", "happening", "a"),
        _titled("1999-10-12", "Army stages coup", "happening", "b"),
        _titled("1999-10-12", "Markets fall", "happening", "c"),  # no word alike: another happening
    ])
    assert sorted(e.title for e in merged) == ["Coup", "Markets fall"]
    said = merge_events([  # what two people said of one report stays theirs
        _titled("2019-05-02", "Anna Berg says report is flawed", "statement", "a"),
        _titled("2019-05-02", "Tom Hale says report is fair", "statement", "b"),
    ])
    assert len(said) == 2


def test_importance_grows_with_independent_sources() -> None:
    once = merge_events([_event("2018-07-16", "Oslo")])[0]
    twice = merge_events([_event("2018-07-16", "Oslo", article="a"), _event("2018-07-16", "Oslo", article="b")])[0]
    assert twice.importance > once.importance


def test_ids_are_stable_across_runs() -> None:
    first = [e.id for e in merge_events([_event("2018-07-16", "Oslo"), _event("2017-01-02", "Rome")])]
    again = [e.id for e in merge_events([_event("2018-07-16", "Oslo"), _event("2017-01-02", "Rome")])]
    assert first == again == ["2017-01-02-summit-in-rome", "2018-07-16-summit-in-oslo"]


def test_named_happenings_title_themselves_and_actors_title_the_rest(nlp) -> None:
    text = (
        "The pact of 1939 was recalled. The 2016 presidential election was close. "
        "The Kremlin announced on May 2 that talks would go on."
    )
    doc = nlp(text)
    expressions = [
        _expression(text, "1939", "1939"),
        _expression(text, "2016", "2016"),
        _expression(text, "May 2", "2019-05-02"),
    ]
    titles = {e.date: e.title for e in find_events(doc, _article(text), expressions, [], {})}
    assert titles["2016"] == "2016 presidential election"
    assert titles["2019-05-02"] == "Kremlin announces talks to go on"


def test_a_date_on_another_noun_dates_no_event(nlp) -> None:
    text = "At the talks, the minister repeated his message from the previous evening."
    doc = nlp(text)
    expressions = [_expression(text, "the previous evening", "2019-05-09")]
    assert find_events(doc, _article(text), expressions, [], {}) == []


def test_talks_on_the_day_of_a_known_summit_are_that_summit(nlp) -> None:
    text = "The talks on Wednesday will cover arms control."
    doc = nlp(text)
    expressions = [_expression(text, "Wednesday", "2021-06-16")]
    (event,) = find_events(doc, _article(text, published="2021-06-12"), expressions, [], {})
    assert (event.type, event.date, event.place) == ("summit", "2021-06-16", "Geneva")


def test_what_was_said_yesterday_is_the_articles_news_titled_who_says_what(nlp) -> None:
    text = "Omar Haddad said yesterday that the border would reopen."
    people = {"omar-haddad": Person("omar-haddad", "Omar Haddad")}
    mentions = [Mention(0, 11, "Omar Haddad", "omar-haddad")]
    expressions = [_expression(text, "yesterday", "2019-05-09")]
    (event,) = find_events(nlp(text), _article(text), expressions, mentions, people)
    assert (event.date, event.type, event.people) == ("2019-05-09", "statement", ["omar-haddad"])
    assert event.title == "Omar Haddad says border to reopen"


def test_a_dated_clause_without_a_trigger_is_a_happening_headlined_in_the_present(nlp) -> None:
    text = "Rebels seized the airport on Tuesday."
    (event,) = find_events(nlp(text), _article(text), [_expression(text, "Tuesday", "2019-05-07")], [], {})
    assert (event.date, event.type, event.title) == ("2019-05-07", "happening", "Rebels seize airport")


def test_a_span_of_days_has_a_start_and_an_end(nlp) -> None:
    text = "The ministers met in Oslo on 7-8 May. The strike lasted from June 3 to June 9."
    expressions = [
        _expression(text, "8 May", "2019-05-08"),
        _expression(text, "June 3", "2019-06-03"),
        _expression(text, "June 9", "2019-06-09"),
    ]
    events = find_events(nlp(text), _article(text), expressions, [], {})
    assert [(e.date, e.end) for e in events] == [("2019-05-07", "2019-05-08"), ("2019-06-03", "2019-06-09")]


def test_a_state_on_a_date_is_no_happening(nlp) -> None:
    text = "The weather was mild on Sunday."
    assert find_events(nlp(text), _article(text), [_expression(text, "Sunday", "2019-05-05")], [], {}) == []


def test_reports_of_different_days_never_merge() -> None:
    merged = merge_events([_event("2018-07-16", "Helsinki"), _event("2018-07-17", "Helsinki", article="b")])
    assert [e.date for e in merged] == ["2018-07-16", "2018-07-17"]


def test_a_merged_event_is_summarised_by_its_strongest_report() -> None:
    passing = _event("2018-07-16", "Oslo", article="a")
    passing.summary, passing.importance = "Aides spoke ahead of the summit in Oslo.", 0.4
    lead = _event("2018-07-16", "Oslo", article="b")
    lead.summary, lead.importance = "The two leaders met in Oslo on Monday.", 1.0
    (merged,) = merge_events([passing, lead])
    assert merged.summary == "The two leaders met in Oslo on Monday."
    assert len(merged.sources) == 2


def test_a_merged_event_takes_a_title_that_names_its_kind() -> None:
    boycott = _event("2005-01-30", "Baghdad", article="a", kind="election")
    boycott.title = "Ann Lee refuses to take part"
    named = _event("2005-01-30", "Baghdad", article="b", kind="election")
    named.title = "January 30 elections"
    (merged,) = merge_events([boycott, named])
    assert merged.title == "January 30 elections"


def test_a_merged_statement_keeps_the_summary_its_headline_was_made_from() -> None:
    first = _event("2018-07-16", people=["lee"], article="a", kind="statement")
    first.title, first.summary, first.importance = "Lee reiterates his tweet", "Lee reiterated his tweet.", 0.4
    strong = _event("2018-07-16", people=["lee"], article="b", kind="statement")
    strong.title, strong.summary, strong.importance = "Lee says tweet was right", "Lee said the tweet was right.", 1.0
    (merged,) = merge_events([first, strong])
    assert (merged.title, merged.summary) == ("Lee reiterates his tweet", "Lee reiterated his tweet.")


def test_a_day_reported_by_more_articles_outranks_one_article_telling_it_often() -> None:
    told_often = [_event("2018-07-16", "Oslo", kind=kind) for kind in ("summit", "meeting", "speech", "sanctions")]
    independent = [_event("2018-07-20", "Rome", article=name) for name in ("a", "b")]
    events = merge_events([*told_often, *independent])
    day_score = {}
    for event in events:
        day_score[event.date] = day_score.get(event.date, 0) + event.importance
    assert day_score["2018-07-20"] > day_score["2018-07-16"]


def test_a_day_three_articles_mention_outranks_a_day_one_article_leads_with() -> None:
    lead = _event("2018-07-16", "Oslo", article="a")
    lead.importance = 1.3  # a recent summit in an article's lead
    mentions = []
    for name in ("b", "c", "d"):
        mention = _event("2018-07-20", "Rome", article=name)
        mention.importance = 0.2  # told deep in the article's body
        mentions.append(mention)
    events = merge_events([lead, *mentions])
    day_score = {event.date: event.importance for event in events}
    assert day_score["2018-07-20"] > day_score["2018-07-16"]


def test_a_known_summit_has_its_leaders_the_article_names_as_participants(nlp) -> None:
    text = "Biden arrived for the summit in Geneva. Putin had flown in earlier."
    people = {
        "joe-biden": Person("joe-biden", "Joe Biden"),
        "vladimir-putin": Person("vladimir-putin", "Vladimir Putin"),
    }
    putin = text.index("Putin")
    mentions = [Mention(0, 5, "Biden", "joe-biden"), Mention(putin, putin + 5, "Putin", "vladimir-putin")]
    (event,) = find_events(nlp(text), _article(text, published="2021-06-16"), [], mentions, people)
    assert event.type == "summit" and set(event.people) == {"joe-biden", "vladimir-putin"}


def test_a_known_summit_is_summarised_by_the_report_that_dates_it_not_by_a_passing_mention(nlp) -> None:
    people = {
        "joe-biden": Person("joe-biden", "Joe Biden"),
        "vladimir-putin": Person("vladimir-putin", "Vladimir Putin"),
    }
    passing = "An aide briefed reporters ahead of the summit in Geneva."
    told = "Biden met Putin in Geneva on Wednesday."
    events = find_events(nlp(passing), _article(passing, published="2021-06-16"), [], [], people)
    mentions = [Mention(0, 5, "Biden", "joe-biden"), Mention(10, 15, "Putin", "vladimir-putin")]
    dated = [_expression(told, "Wednesday", "2021-06-16")]
    events += find_events(nlp(told), _article(told, published="2021-06-17", article_id="b"), dated, mentions, people)
    (summit,) = [e for e in merge_events(events) if e.type == "summit"]
    assert summit.summary == told and len(summit.sources) == 2


def test_an_undated_lead_is_the_articles_own_news_on_its_publication_day(nlp) -> None:
    text = "Flood waters swept through the valley towns. Farmers lost their harvest in 2017."
    expressions = [_expression(text, "2017", "2017")]
    events = find_events(nlp(text), _article(text, published="2019-05-10"), expressions, [], {})
    lead = next(e for e in events if e.date == "2019-05-10")
    assert lead.sources[0].text == "Flood waters swept through the valley towns."
    assert lead.title.startswith("Flood waters sweep")
    dated_text = "Flood waters swept through the valley towns on Thursday."
    (dated,) = find_events(
        nlp(dated_text), _article(dated_text), [_expression(dated_text, "Thursday", "2019-05-09")], [], {}
    )
    assert 0 < lead.importance < dated.importance  # an undated report is a weaker claim on its day


def test_the_lead_of_an_article_known_to_the_month_is_news_of_that_month(nlp) -> None:
    text = "Flood waters swept through the valley towns. Farmers lost their harvest in 2017."
    expressions = [_expression(text, "2017", "2017")]
    events = find_events(nlp(text), _article(text, published="2019-05"), expressions, [], {})
    lead = [e.sources[0].text for e in events if e.date == "2019-05"]
    assert lead == ["Flood waters swept through the valley towns."]
    assert not any(e.date == "2019" for e in find_events(nlp(text), _article(text, published="2019"), [], [], {}))


def test_a_lead_told_again_on_a_day_of_its_month_is_one_report(nlp) -> None:
    people = {"ann-lee": Person("ann-lee", "Ann Lee")}
    text = "Ann Lee told the radio station the plan had failed. Ann Lee said on Friday that she would resign."
    mentions = [Mention(0, 7, "Ann Lee", "ann-lee"), Mention(52, 59, "Ann Lee", "ann-lee")]
    expressions = [_expression(text, "Friday", "2019-05-10")]
    events = find_events(nlp(text), _article(text, published="2019-05"), expressions, mentions, people)
    assert [e.date for e in events] == ["2019-05-10"]


def test_the_own_news_is_the_leads_main_clause_not_a_clause_inside_it(nlp) -> None:
    # "launched an attack" (a trigger) tells the soldier; the news is the jury's sentence
    text = "A military jury has imposed the death penalty on a soldier who launched an attack on his comrades."
    (event,) = find_events(nlp(text), _article(text, published="2019-05-10"), [], [], {})
    assert (event.date, event.title) == ("2019-05-10", "Military jury imposes death penalty on soldier")


def test_a_lead_that_holds_a_date_is_no_news_of_the_publication_day(nlp) -> None:
    text = "The weather was mild on Sunday. Markets were calm."
    expressions = [_expression(text, "Sunday", "2019-05-05")]
    assert find_events(nlp(text), _article(text, published="2019-05-10"), expressions, [], {}) == []


def test_a_pronoun_subject_heads_by_what_it_stands_for(nlp) -> None:
    text = "The city council met in March. It voted on Tuesday to close the bridge."
    expressions = [_expression(text, "March", "2019-03"), _expression(text, "Tuesday", "2019-05-07")]
    events = find_events(nlp(text), _article(text), expressions, [], {})
    assert next(e for e in events if e.date == "2019-05-07").title == "City council votes to close bridge"
    text = "The report was delayed. It emerged on Tuesday that the minister had resigned."
    events = find_events(nlp(text), _article(text), [_expression(text, "Tuesday", "2019-05-07")], [], {})
    assert not next(e for e in events if e.date == "2019-05-07").title.startswith("Report")


def test_the_articles_time_stamp_dates_no_happening_and_its_lead_is_the_own_news(nlp) -> None:
    text = "River ferries halted Friday 10 May 2019 08.43 BST Storms closed the harbour. Crews waited."
    stamp = _expression(text, "Friday 10 May 2019", "2019-05-10")
    assert is_dateline(text, stamp, PartialDate.parse("2019-05-10"))
    assert not is_dateline(text, stamp, PartialDate.parse("2019-05-11"))  # not the publication day
    (event,) = find_events(nlp(text), _article(text, published="2019-05-10"), [stamp], [], {})
    plain = "Storms closed the harbour on Friday. Crews waited."
    (dated,) = find_events(nlp(plain), _article(plain), [_expression(plain, "Friday", "2019-05-10")], [], {})
    # Not a report dated by the stamp: the article's undated own news, the weaker claim.
    assert event.date == "2019-05-10" and 0 < event.importance < dated.importance


def test_story_highlights_above_the_story_leave_its_first_sentence_the_lead(nlp) -> None:
    story = "Storms closed the harbour on Friday. Crews waited. Ships left. Boats sank. Tugs came."
    plain = "Harbour shut\n\n" + story
    highlighted = "Harbour shut\n\nCrews wait for the weather\n\nThree boats sank in the storm\n\n" + story
    weights = []
    for text in (plain, highlighted):
        expression = _expression(text, "Friday", "2019-05-10")
        found = find_events(nlp(text), _article(text), [expression], [], {})
        (event,) = [e for e in found if e.sources[0].text.startswith("Storms")]
        weights.append(event.importance)
    assert weights[0] == weights[1]  # the story's lead either way, not its third sentence


def test_an_opinions_copular_lead_is_no_own_news_but_the_happening_after_it_is(nlp) -> None:
    text = "The war is a folly. Troops stormed the city of Tal Afar."
    events = find_events(nlp(text), _article(text, published="2019-05-10"), [], [], {})
    assert [(e.date, e.sources[0].text) for e in events] == [("2019-05-10", "Troops stormed the city of Tal Afar.")]


def test_a_heading_at_the_top_does_not_push_the_story_out_of_its_lead(nlp) -> None:
    body = (
        "The council met on Monday. Its members argued for hours. Nobody left early. "
        "The mayor spoke last. The vote came at midnight. The port reopened on Thursday."
    )

    def weights(text: str) -> dict[str, float]:
        expressions = [_expression(text, "Monday", "2019-05-06"), _expression(text, "Thursday", "2019-05-09")]
        events = find_events(nlp(text), _article(text), expressions, [], {})
        return {e.date: e.importance for e in events if e.date in ("2019-05-06", "2019-05-09")}

    # A page's headline and standfirst kept as the first paragraph (no full stop) is no sentence of the story.
    assert weights("Port reopens Council ends the strike after a long night\n\n" + body) == weights(body)


def test_a_happening_told_as_a_first_weighs_more_than_a_routine_one(nlp) -> None:
    def weight(text: str) -> float:
        (event,) = find_events(nlp(text), _article(text), [_expression(text, "Friday", "2019-05-10")], [], {})
        return event.importance

    routine = weight("The mayor visited the flooded school on Friday.")
    assert weight("The mayor visited the flooded school for the first time on Friday.") > routine
    assert weight("Alabama sued the company on Friday.") < weight("Alabama became the first state to sue on Friday.")
    assert weight("Voters elected Lena Moss, the town's first elected mayor, on Friday.") > weight(
        "Voters elected Lena Moss, the town's elected mayor, on Friday."
    )
    assert weight("The leaders signed a historic agreement on Friday.") > weight(
        "The leaders signed an agreement on Friday."
    )
    # a fixed name or an order in time is no first of the happening
    assert weight("The first lady visited the flooded school on Friday.") == weight(
        "The lady visited the flooded school on Friday."
    )
    assert weight("The mayor visited the school in the first week on Friday.") == weight(
        "The mayor visited the school in the week on Friday."
    )
    assert weight("The mayor first visited the flooded school on Friday.") == routine
