"""Event titles: headline-style "who did what", one test per construction of the clause."""

from __future__ import annotations

import pytest

from tests.events._dated import events_dated


def _title(nlp, text: str, phrase: str, value: str, people: dict[str, str] | None = None, pronoun: str = "") -> str:
    """The title of the event `phrase` dates in `text` (people: name → id, found by
    name; `pronoun`: a word that refers to the first of them, as the people stage finds)."""
    (event,) = events_dated(nlp, text, phrase, value, people, pronoun)
    return event.title


@pytest.mark.parametrize(
    ("text", "phrase", "value", "title"),
    [
        # a plan: "is due to" / "is set to" → "X to release"
        ("The panel is due to release its final report on 11 January.", "11 January", "2019-01-11",
         "Panel to release its final report"),
        # what a speaker says it was told is the news, not the telling
        ("The agency announced on Monday that it had been informed by officials that the two sides had "
         "agreed to a truce.", "Monday", "2019-05-06", "Agency announces two sides agree to truce"),
        # an object and its infinitive: what is expected or held, not a fact
        ("Analysts expect the company to report record profits on Tuesday.", "Tuesday", "2019-05-07",
         "Company to report record profits"),
        ("The adviser said on Monday that Moscow considers the new president to be a partner.", "Monday",
         "2019-05-06", "Adviser says Moscow considers new president to be partner"),
        # a year that modifies the noun after a preposition is the noun's, not the verb's
        ("The minister denied any role in the 2016 election.", "2016", "2016", "2016 election"),
        # an empty "it" announces the news: the clause after it is the headline
        ("It emerged today that the coastguard approved the requests.", "today", "2019-05-10",
         "Coastguard approves requests"),
        ("It was revealed on Monday that the valve was modified in China.", "Monday", "2019-05-06",
         "Valve modified in China"),
        # an "it" that is someone's stays
        ("It said on Monday that the valve was safe.", "Monday", "2019-05-06", "It says valve is safe"),
        # a headline drops a demonstrative as it drops "the"
        ("That claim was filed on Monday.", "Monday", "2019-05-06", "Claim filed"),
        # a verb the parser made the clause of the next one shares its subject
        ("Lee, urged by the party, backtracked from his decision to boycott the poll, yesterday declared "
         "he was ready to run.", "yesterday", "2019-05-09", "Lee declares he is ready to run"),
        # a name the parser hung on the date's preposition is still the subject
        ("On Friday Nasser said he would resign.", "Friday", "2019-05-10", "Nasser says he will resign"),
        # a participle that modifies a noun keeps its form
        ("Officials praised the accord signed in March by both ministers.", "March", "2019-03",
         "Accord signed by both ministers"),
        # the object "which" is the noun the relative clause tells of
        ("The interview, which the network aired on Monday, was long.", "Monday", "2019-05-06",
         "Network airs interview"),
        # a body reports its own plan as "they": the plan is the body's
        ("The prosecution yesterday announced they would appeal against the sentence.", "yesterday",
         "2019-05-09", "Prosecution to appeal against sentence"),
        # a person's "they" is others: the pronoun stays, with a verb it can take
        ("The minister yesterday said they would appeal against the ruling.", "yesterday", "2019-05-09",
         "Minister says they will appeal against ruling"),
        # a date on a participle of the subject dates the main verb's happening
        ("Four children collecting litter yesterday were killed by a bomb.", "yesterday", "2019-05-09",
         "Four children killed by bomb"),
        # a fronted past participle is a passive: what was done to the subject
        ("Appointed chief justice in 1953, Earl Warren turned out to be liberal.", "1953", "1953",
         "Earl Warren appointed chief justice"),
        # no clause to headline: the sentence's opening words, not the bare type ("Happening")
        ("Became a QC in 1979.", "1979", "1979", "Became a QC in 1979"),
        # the writer's or a speaker's own voice, which no headline can name, is quoted
        ("We went into the valley in 1964.", "1964", "1964", "“We went into the valley in 1964”"),
        # a title does not open on the preposition its subject hung on
        ("The row began within hours of polls opening on Monday.", "Monday", "2019-05-06", "Polls open"),
        ("At least 27 civilians were killed in an air strike on Monday.", "Monday", "2019-05-06",
         "At least 27 civilians killed in air strike"),
        # a headline's passive (a past form of a verb that takes an object, with none) stays one
        ("April 6 Ann Lee sentenced to life after the trial.", "April 6", "2019-04-06", "Ann Lee sentenced to life"),
        # a bare event noun a dated verb acts on heads as the verb's clause, not "Assassination"
        ("The prime minister escaped an assassination attempt yesterday.", "yesterday", "2019-05-09",
         "Prime minister escapes assassination attempt"),
        ("Today the election commission cleared the general to stand.", "Today", "2019-05-10",
         "Election commission clears general"),
        # a verbless small clause keeps its adjective: "finds X guilty", not "finds X guilties"
        ("The court found Ann Lee guilty of fraud on Tuesday.", "Tuesday", "2019-05-07",
         "Court finds Ann Lee guilty of fraud"),
        # a date between the auxiliary and its participle (parsed as a copula's) dates the participle
        ("The former minister was last night beginning a life sentence after his trial.", "last night",
         "2019-05-09", "Former minister begins life sentence after his trial"),
        # the same verb with its object is active
        ("The court sentenced Ann Lee to life on April 6.", "April 6", "2019-04-06", "Court sentences Ann Lee to life"),
        # the particle after the verb belongs to it, and so does a preposition hung on the particle
        ("The minister walked away from the talks on Monday.", "Monday", "2019-05-06",
         "Minister walks away from talks"),
        # an object "it" is the one thing the sentence before took as its object, if only one
        ("Norway backs the Oslo climate accord. The minister walked away from it last year.", "last year",
         "2018", "Minister walks away from Oslo climate accord"),
        ("Norway backs the accord and the treaty. The minister walked away from it last year.", "last year",
         "2018", "Minister walks away from it"),
        # a gerund the parser hung aside (no comma before it) is what the verb takes
        ("The minister discussed with his envoy on Monday setting up a hotline.", "Monday", "2019-05-06",
         "Minister discusses setting up hotline"),
        ("Ann Lee spoke on Monday, citing new figures.", "Monday", "2019-05-06", "Ann Lee speaks"),
        # "in an attempt to X" heads as its purpose; a noun an infinitive completes keeps it
        ("The army closed the border yesterday in an attempt to stop the smuggling.", "yesterday", "2019-05-09",
         "Army closes border to stop smuggling"),
        ("The plan to build a bridge was approved on Monday.", "Monday", "2019-05-06",
         "Plan to build bridge approved"),
        # a gerund after the verb's preposition completes it
        ("The company publicly committed to improving its safety record on Monday.", "Monday", "2019-05-06",
         "Company commits to improving its safety record"),
        # a complement "to be": the copula is no verb to leave out
        ("The mayor promised on Monday to be a friend of the port.", "Monday", "2019-05-06",
         "Mayor promises to be friend of the port"),
        # "There were ...": what "there" introduces
        ("There were similar protests in 1991 across the north.", "1991", "1991", "Similar protests"),
        # the subject a passive gerund shares with its clause
        ("The reporter was missing after being kidnapped by gunmen on Monday.", "Monday", "2019-05-06",
         "Reporter kidnapped by gunmen"),
        # a gerund after "before" is a happening of the clause's subject
        ("The mayor wants a full council before meeting the donors in Oslo on 28 January.", "28 January",
         "2019-01-28", "Mayor meets donors in Oslo"),
        # "accused X of doing": X does
        ("The army shelled the town after accusing the rebels of hiding weapons in April.", "April", "2019-04",
         "Army accuses rebels of hiding weapons"),
        # a finite clause has its own subject, not its head's ("since the rig exploded")
        ("A team of divers, trying to learn how fast oil flowed since the rig exploded on 20 April, found nothing.",
         "20 April", "2019-04-20", "Rig explodes"),
        # an indirect report quoting one word is no direct quote
        ("The minister said on Monday that the plans were “useless”.", "Monday", "2019-05-06",
         "Minister says plans are useless"),
        # a copula's "not" stays: a headline never says the opposite
        ("The minister said on Monday that the plan was not viable.", "Monday", "2019-05-06",
         "Minister says plan is not viable"),
        ("It emerged on Monday that the rebels were not a single force.", "Monday", "2019-05-06",
         "Rebels are not single force"),
        # an aim is no happening: what was done to it is ("Army's attempt retakes city" said the opposite)
        ("The army abandoned its attempt to retake the city on Monday.", "Monday", "2019-05-06",
         "Army abandons its attempt to retake city"),
        # a relative "whose" is its owner's
        ("Hale brought up the case of Ann Lee, the protestor whose son died in Oslo last year.", "last year",
         "2018", "Ann Lee's son dies in Oslo"),
        # a passive still to come is no fact yet
        ("The council said on Monday that no troops would be sent.", "Monday", "2019-05-06",
         "Council says no troops to be sent"),
        # an infinitive's "not" stays with its "to"
        ("Tom Hale decided on Monday not to attend the summit.", "Monday", "2019-05-06",
         "Tom Hale decides not to attend summit"),
        ("An official said on Monday that Hale had pledged not to take part in any political activity.",
         "Monday", "2019-05-06", "Official says Hale pledges not to take part"),
        # what may come is no fact: the modal stays, and "no longer"
        ("The minister warned on Monday that the plan could fail.", "Monday", "2019-05-06",
         "Minister warns plan could fail"),
        ("The minister said on Monday that the vote may not be held.", "Monday", "2019-05-06",
         "Minister says vote may not be held"),
        ("The minister said on Monday that the army no longer controls the city.", "Monday", "2019-05-06",
         "Minister says army no longer controls city"),
        # "it became clear that ...", "it was revealed ..., that ...": the news is the clause
        ("It became clear today that the spill is several times worse than estimated.", "today", "2019-05-10",
         "Spill is several times worse"),
        ("It was revealed yesterday, on the eve of the vote, that the ministry had set up a secret unit.",
         "yesterday", "2019-05-09", "Ministry sets up secret unit"),
        # a participle's "not" stays too: "does not name" would make the service the namer
        ("He was debriefed by a foreign service, not named in yesterday's report.", "yesterday",
         "2019-05-09", "Foreign service not named in report"),
        # a bare event noun heads as the happening it names as a compound, not as itself
        ("The council was angry with Tom Hale for stalling over an election run-off yesterday.",
         "yesterday", "2019-05-09", "Election run-off"),
        ("He did not look pleased about Lee's election victory on Monday.", "Monday", "2019-05-06",
         "Lee's election victory"),
        # a clause the date heads is the happening, not part of the date
        ("The bombings have hit Oslo since August 15, when a small blast shattered windows at the ministry.",
         "August 15", "2018-08-15", "Small blast shatters windows at ministry"),
        # hyphenated words keep their hyphen, money its sign
        ("A 13-part series was shown on Monday.", "Monday", "2019-05-06", "13-part series shown"),
    ],
)
def test_headline_says_who_did_what(nlp, text: str, phrase: str, value: str, title: str) -> None:
    assert _title(nlp, text, phrase, value) == title


def test_a_speaker_who_reports_his_own_plan_heads_it_once(nlp) -> None:
    text = "Anna Berg said on Monday she would raise the issue at a meeting."
    title = _title(nlp, text, "Monday", "2019-05-06", {"Anna Berg": "anna-berg"}, "she")
    assert title == "Anna Berg to raise issue at meeting"


def test_whom_a_speaker_told_keeps_the_pronoun_of_the_report(nlp) -> None:
    text = "Anna Berg told the committee yesterday she could not accept the figure."
    title = _title(nlp, text, "yesterday", "2019-05-09", {"Anna Berg": "anna-berg"}, "she")
    assert title == "Anna Berg tells committee she could not accept figure"


def test_a_long_direct_quote_is_cut_on_a_content_word_with_an_ellipsis(nlp) -> None:
    text = "“The port is now open to every ship that comes from the south with grain,” Anna Berg said on Monday."
    title = _title(nlp, text, "Monday", "2019-05-06", {"Anna Berg": "anna-berg"})
    assert title == "Anna Berg: “The port is now open to every ship that comes…”"


def test_a_direct_quote_of_an_unresolved_pronoun_stands_alone(nlp) -> None:
    text = "“We should not ban it,” he told reporters on Monday."
    assert _title(nlp, text, "Monday", "2019-05-06") == "“We should not ban it”"


def test_a_resolved_pronoun_keeps_those_joined_to_it(nlp) -> None:
    text = "Anna Berg said on Monday that she and Omar Haddad had signed the pact."
    people = {"Anna Berg": "anna-berg", "Omar Haddad": "omar-haddad"}
    assert _title(nlp, text, "Monday", "2019-05-06", people, "she") == "Anna Berg and Omar Haddad sign pact"


def test_a_possessive_subject_says_whose_it_is(nlp) -> None:
    text = "Anna Berg arrived in Oslo. Her visit was disrupted by protesters on Monday."
    assert _title(nlp, text, "Monday", "2019-05-06", {"Anna Berg": "anna-berg"}, "Her") == (
        "Anna Berg's visit disrupted by protesters")
    # "its": the body the sentence before is about
    text = "Shell lost money last year. Its shares fell sharply on Monday."
    assert _title(nlp, text, "Monday", "2019-05-06") == "Shell's shares fall sharply"
    # inside what is said, "its" is the speaker's own
    assert _title(nlp, "Shell said on Monday that its shares had fallen.", "Monday", "2019-05-06") == (
        "Shell says its shares fall")


def test_a_subjectless_participle_takes_the_subject_of_its_sentence(nlp) -> None:
    text = "The general lectured at the college, predicting in 1997 an age of constant conflict."
    assert _title(nlp, text, "1997", "1997").startswith("General predicts")


def test_a_clause_of_the_writers_own_voice_is_no_headline(nlp) -> None:
    text = "We will be continuing our round-up of the reports on Monday."
    assert not _title(nlp, text, "Monday", "2019-05-06").lower().startswith("we ")


def test_a_gerund_after_an_object_is_done_by_the_clause(nlp) -> None:
    text = "Iran gave help in toppling the government following the US-led invasion of Afghanistan in October 2001."
    assert _title(nlp, text, "October 2001", "2001-10") == "Iran gives help in toppling government"


def test_a_quote_before_its_speech_verb_leaves_who_was_told(nlp) -> None:
    text = 'He pays billions a year to Moscow and we guard against it," Ann Lee told NATO allies last week.'
    title = _title(nlp, text, "last week", "2019-05-03", {"Ann Lee": "ann"})
    assert title == "Ann Lee tells NATO allies"
    # a whole quote before it is what was said
    text = '“We will not sign the deal,” Ann Lee told reporters last week.'
    title = _title(nlp, text, "last week", "2019-05-03", {"Ann Lee": "ann"})
    assert title == "Ann Lee: “We will not sign the deal”"


def test_a_subject_named_in_apposition_heads_as_the_name(nlp) -> None:
    text = "Last night his wife, Ann Lee, said the verdict was unjust."
    assert _title(nlp, text, "Last night", "2019-05-09", {"Ann Lee": "ann"}) == "Ann Lee says verdict is unjust"


def _named(nlp, text: str, phrase: str, value: str) -> list[str]:
    """Titles of the events a date resolved against the publication day (a relative one) gives."""
    from generator.events import find_events
    from generator.model import Article, TimeExpression

    start = text.index(phrase)
    expression = TimeExpression(start, start + len(phrase), phrase, "DATE", value, relative=True)
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published="2019-05-10")
    return [e.title for e in find_events(nlp(text), article, [expression], [], {})]


def test_a_calendar_day_without_its_year_still_names_the_happening(nlp) -> None:
    # "next Wednesday's talks" names nothing once the week has passed; "the March 12 vote" does
    assert "March 12 vote" in _named(nlp, "Crowds gathered ahead of the March 12 vote.", "March 12", "2019-03-12")
    assert not any("Wednesday" in t for t in _named(nlp, "Crowds gathered ahead of Wednesday's talks.", "Wednesday",
                                                    "2019-05-08"))


def test_a_wire_dateline_is_not_the_subject_of_the_lead(nlp) -> None:
    text = "OSLO, Norland (AP) — The oil minister resigned on Friday amid criticism of the spill response."
    (event,) = events_dated(nlp, text, "Friday", "2019-05-10")
    assert event.title == "Oil minister resigns amid criticism of the spill response"
    assert event.sources[0].text.startswith("The oil minister resigned")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # the verb that acts in the happening heads its bare noun, which the title keeps
        ("General Tom Hale, who seized power from the elected government in a 1999 coup, has pledged to "
         "resign as army chief.", "General Tom Hale seizes power from elected government in coup"),
        # not a verb before it: the noun is another happening than the verb's
        ("The minister had warned of the danger long before the 1999 coup.", "Coup"),
    ],
)
def test_a_bare_event_noun_after_in_heads_as_the_verb_that_acts_in_it(nlp, text, title) -> None:
    assert _title(nlp, text, "1999", "1999") == title


def test_a_title_cut_to_length_keeps_a_name_whole(nlp) -> None:
    text = "Tom Lee counted on the support of the Oslo-based Norland Liberal Democratic Movement on Monday."
    assert _title(nlp, text, "Monday", "2019-05-06") == (
        "Tom Lee counts on support of the Oslo-based Norland Liberal Democratic Movement"  # not "... Norland Liberal"
    )


@pytest.mark.parametrize(
    ("text", "phrase", "value", "title"),
    [
        # who did it and to whom: a name before the noun, an owner, a "by"
        ("Moscow condemned Friday's US indictment of 12 intelligence officers.", "Friday", "2019-05-10",
         "US indicts 12 intelligence officers"),
        ("Norland's 2014 annexation of the islands was condemned.", "2014", "2014", "Norland annexes islands"),
        ("Monday's arrest of Ann Lee by police sparked protests.", "Monday", "2019-05-06", "Police arrest Ann Lee"),
        # a noun whose "of" is the doer
        ("Since the death of Tom Hale in March, the party has split.", "March", "2019-03", "Tom Hale dies"),
        # no doer: the noun names the happening, as the clause tells it
        ("The 2014 invasion of Oslo was condemned.", "2014", "2014", "Invasion of Oslo condemned"),
    ],
)
def test_an_act_told_by_its_noun_heads_as_the_act(nlp, text: str, phrase: str, value: str, title: str) -> None:
    assert _title(nlp, text, phrase, value) == title


def test_the_object_a_relative_clause_leaves_out_is_the_noun_it_tells_of(nlp) -> None:
    text = "Ann Lee faces Tom Hale, the prime minister he ousted in 1999."
    title = _title(nlp, text, "1999", "1999", {"Ann Lee": "lee", "Tom Hale": "hale"}, "he")
    assert title == "Ann Lee ousts Tom Hale"  # not "Ann Lee ousted", as if she were ousted


def test_a_clause_whose_happening_is_in_question_heads_nothing(nlp) -> None:
    # "whether the talks would resume" is no "Talks to resume", "if they agree" no agreement
    for text, phrase, value, claim in (
        ("The council said on Monday it was not clear whether the talks would resume.", "Monday",
         "2019-05-06", "Talks to resume"),
        ("If the parties do finally agree a draft constitution by Monday, the vote will go ahead.", "Monday",
         "2019-05-06", "Parties agree draft constitution"),
    ):
        assert claim not in [e.title for e in events_dated(nlp, text, phrase, value)], text
