"""Event participants: the people of the happening's own phrase, not every name in the sentence."""

from __future__ import annotations

from generator.events import find_events
from generator.model import Article, Mention, Person, TimeExpression

PEOPLE = {
    pid: Person(pid, name)
    for pid, name in (
        ("anna-berg", "Anna Berg"),
        ("omar-haddad", "Omar Haddad"),
        ("lena-ford", "Lena Ford"),
        ("donald-trump", "Donald Trump"),
        ("vladimir-putin", "Vladimir Putin"),
    )
}


def _events(nlp, text: str, dates: dict[str, str], published: str = "2019-05-10"):
    """Events of `text`, with a mention at every full name and surname of `PEOPLE` it holds."""
    mentions = []
    for pid, person in PEOPLE.items():
        for name in (person.name, person.name.split()[-1]):
            start = text.find(name)
            while start >= 0:
                if not any(m.start <= start < m.end for m in mentions):
                    mentions.append(Mention(start, start + len(name), name, pid))
                start = text.find(name, start + 1)
    mentions.sort(key=lambda m: m.start)
    expressions = []
    for phrase, value in dates.items():
        start = text.index(phrase)
        expressions.append(TimeExpression(start, start + len(phrase), phrase, "DATE", value))
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published=published)
    people = {m.person: PEOPLE[m.person] for m in mentions}
    return find_events(nlp(text), article, expressions, mentions, people)


def _people_of(events, event_type: str) -> list[str]:
    (event,) = [e for e in events if e.type == event_type]
    return event.people


def test_a_speaker_is_the_statement_s_participant_not_who_the_words_are_about(nlp) -> None:
    text = "Lena Ford said on Friday that Anna Berg had met Omar Haddad."
    assert _people_of(_events(nlp, text, {"Friday": "2019-05-10"}), "statement") == ["lena-ford"]


def test_talks_between_two_people_are_theirs_not_the_reporter_s(nlp) -> None:
    text = "Talks between Anna Berg and Omar Haddad took place on May 3, Lena Ford said."
    assert _people_of(_events(nlp, text, {"May 3": "2019-05-03"}), "meeting") == ["anna-berg", "omar-haddad"]


def test_a_possessive_and_with_name_the_people_of_a_call(nlp) -> None:
    text = "Anna Berg's phone call with Omar Haddad on May 3 angered Lena Ford."
    assert _people_of(_events(nlp, text, {"May 3": "2019-05-03"}), "phone call") == ["anna-berg", "omar-haddad"]


def test_who_holds_the_happening_takes_part(nlp) -> None:
    text = "After the vote, Lena Ford called a press conference on May 3."
    assert _people_of(_events(nlp, text, {"May 3": "2019-05-03"}), "press conference") == ["lena-ford"]


def test_people_of_a_subordinate_clause_about_another_happening_take_no_part(nlp) -> None:
    text = "After Anna Berg met Omar Haddad in Vienna, Lena Ford called a press conference on May 3."
    assert _people_of(_events(nlp, text, {"May 3": "2019-05-03"}), "press conference") == ["lena-ford"]


def test_a_relative_clause_about_someone_else_brings_no_participant(nlp) -> None:
    text = "On May 3, Anna Berg met the lawyer who represents Lena Ford."
    assert _people_of(_events(nlp, text, {"May 3": "2019-05-03"}), "meeting") == ["anna-berg"]


def test_a_name_inside_a_quote_is_no_participant(nlp) -> None:
    text = "On May 3, Anna Berg met the group “Friends of Omar Haddad” in Vienna."
    assert _people_of(_events(nlp, text, {"May 3": "2019-05-03"}), "meeting") == ["anna-berg"]


def test_a_verb_joined_to_another_shares_its_subject(nlp) -> None:
    text = "Anna Berg flew to Vienna and met Omar Haddad on May 3."
    assert _people_of(_events(nlp, text, {"May 3": "2019-05-03"}), "meeting") == ["anna-berg", "omar-haddad"]


def test_a_known_summit_has_its_leaders_not_who_spoke_before_it(nlp) -> None:
    text = "Lena Ford told reporters ahead of the summit in Helsinki that Trump and Putin would get along."
    events = _events(nlp, text, {}, published="2018-07-14")
    assert _people_of(events, "summit") == ["donald-trump", "vladimir-putin"]


def test_who_speaks_at_a_summit_takes_part_in_it(nlp) -> None:
    text = "Anna Berg spoke at the summit on May 3."
    assert _people_of(_events(nlp, text, {"May 3": "2019-05-03"}), "summit") == ["anna-berg"]


def test_a_gerund_after_a_preposition_is_done_by_the_clause_s_subject(nlp) -> None:
    text = "Anna Berg is in exile after fleeing Vienna on May 3."
    events = _events(nlp, text, {"May 3": "2019-05-03"})
    assert [e.people for e in events] == [["anna-berg"]]


def test_a_trigger_that_modifies_a_noun_takes_the_people_of_that_noun_s_verb(nlp) -> None:
    # "assassination" names the attempt; who survived it takes part
    text = "On Friday, Anna Berg survived an assassination attempt."
    assert _people_of(_events(nlp, text, {"Friday": "2019-05-10"}), "attack") == ["anna-berg"]


def test_who_spoke_on_a_call_takes_part_in_it(nlp) -> None:
    # "on" is a setting like "at" and "during" (and a word, not YAML's true)
    text = "Anna Berg spoke to reporters on a phone call on May 3."
    assert _people_of(_events(nlp, text, {"May 3": "2019-05-03"}), "phone call") == ["anna-berg"]
