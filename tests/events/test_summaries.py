"""Event summaries: the event's sentence, readable without the article around it."""

from __future__ import annotations

import pytest

from generator.events import find_events
from generator.model import Article, Mention, Person, TimeExpression

ANNA = Person("anna-berg", "Anna Berg")


def _summary(nlp, text: str, phrase: str, value: str, pronouns: tuple[str, ...] = ()) -> str:
    """The summary of the event `phrase` dates; `pronouns` are words the people stage
    resolved to Anna Berg (each at its first place after her name)."""
    doc = nlp(text)
    start = text.index(phrase)
    expression = TimeExpression(start, start + len(phrase), phrase, "DATE", value)
    mentions = []
    if "Anna Berg" in text:
        mentions.append(Mention(text.index("Anna Berg"), text.index("Anna Berg") + 9, "Anna Berg", ANNA.id))
    for word in pronouns:
        at = next(t.idx for t in doc if t.text == word)
        mentions.append(Mention(at, at + len(word), word, ANNA.id))
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published="2019-05-10")
    events = find_events(doc, article, [expression], mentions, {ANNA.id: ANNA})
    (event,) = [e for e in events if e.date == value]
    return event.summary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The port was quiet. But the dock workers went on strike on Monday.",
            "The dock workers went on strike on Monday.",
        ),
        (
            "The port was quiet. However, the dock workers went on strike on Monday.",
            "The dock workers went on strike on Monday.",
        ),
        (
            "The port was quiet. And the dock workers went on strike on Monday.",
            "The dock workers went on strike on Monday.",
        ),
    ],
)
def test_a_leading_link_to_the_sentence_before_is_dropped(nlp, text: str, expected: str) -> None:
    assert _summary(nlp, text, "Monday", "2019-05-06") == expected


def test_a_link_word_of_the_phrase_after_it_is_kept(nlp) -> None:
    text = "So far the talks on Monday have brought nothing."
    assert _summary(nlp, text, "Monday", "2019-05-06").startswith("So far the talks")


def test_a_resolved_pronoun_subject_is_named(nlp) -> None:
    text = "Anna Berg leads the union. She called the strike on Monday."
    assert _summary(nlp, text, "Monday", "2019-05-06", ("She",)) == "Anna Berg called the strike on Monday."


def test_a_resolved_subject_inside_the_sentence_is_named(nlp) -> None:
    text = "Anna Berg leads the union. On Monday she called a strike at the port."
    assert _summary(nlp, text, "Monday", "2019-05-06", ("she",)) == "On Monday Anna Berg called a strike at the port."


def test_a_resolved_possessive_of_the_subject_is_named(nlp) -> None:
    text = "Anna Berg leads the union. Her deputy called the strike on Monday."
    assert _summary(nlp, text, "Monday", "2019-05-06", ("Her",)) == "Anna Berg's deputy called the strike on Monday."


def test_an_unresolved_subject_takes_the_sentence_before_along(nlp) -> None:
    text = "A cargo ship ran aground off the coast. It sank on Tuesday with all its cargo."
    assert _summary(nlp, text, "Tuesday", "2019-05-07") == (
        "A cargo ship ran aground off the coast. It sank on Tuesday with all its cargo."
    )


def test_a_demonstrative_subject_takes_the_sentence_before_along(nlp) -> None:
    text = "The union rejected the pay offer. That came on Tuesday after a week of talks."
    assert _summary(nlp, text, "Tuesday", "2019-05-07").startswith("The union rejected the pay offer. That came")


def test_a_dummy_it_stands_alone(nlp) -> None:
    text = "The port was quiet. It is likely that the talks will resume on Friday."
    assert _summary(nlp, text, "Friday", "2019-05-10") == "It is likely that the talks will resume on Friday."


def test_with_no_sentence_before_the_events_own_clause_stands_alone(nlp) -> None:
    text = "They said the dock workers walked out of the port on Monday."
    assert _summary(nlp, text, "Monday", "2019-05-06") == "The dock workers walked out of the port on Monday."


def test_a_quote_begun_in_the_sentence_before_is_opened(nlp) -> None:
    text = "“We will not give in. We walk out,” the union leader said on Monday."
    summary = _summary(nlp, text, "Monday", "2019-05-06")
    assert summary.startswith("“") and summary.count("“") == summary.count("”")


def test_a_quote_cut_short_is_closed(nlp) -> None:
    words = " ".join(["the long list of demands"] * 12)
    text = f"The union leader said on Monday: “We want {words}.”"
    summary = _summary(nlp, text, "Monday", "2019-05-06")
    assert summary.endswith("…”") and summary.count("“") == summary.count("”")


def test_a_summary_starts_with_a_capital(nlp) -> None:
    text = "the dock workers went on strike on Monday."
    assert _summary(nlp, text, "Monday", "2019-05-06") == "The dock workers went on strike on Monday."


def test_a_pronoun_with_what_names_it_stands_alone(nlp) -> None:
    text = "The port was quiet. Those who worked there went on strike on Monday."
    assert _summary(nlp, text, "Monday", "2019-05-06") == "Those who worked there went on strike on Monday."


def test_a_long_sentence_before_lends_its_named_subject(nlp) -> None:
    filler = ", ".join(["the harbour", "the docks", "the quays", "the warehouses", "the cranes"] * 3)
    text = f"The Baltic Ferry Company, which runs {filler}, has lost money for years. It sold its fleet on Monday."
    assert _summary(nlp, text, "Monday", "2019-05-06") == "The Baltic Ferry Company sold its fleet on Monday."


def test_a_subject_that_holds_a_pointer_takes_the_clause_that_names_its_own(nlp) -> None:
    filler = ", ".join(["the harbour", "the docks", "the quays", "the warehouses", "the cranes"] * 3)
    text = (
        f"The union says it will talk about pay, about {filler}, and about the rest. "
        "One place for that could have been the harbour board, which was set up by the city on Monday."
    )
    assert _summary(nlp, text, "Monday", "2019-05-06") == "The harbour board was set up by the city on Monday."


def test_a_passive_dummy_it_stands_alone(nlp) -> None:
    text = "The port was quiet. On Friday it was revealed that the crane had failed."
    assert _summary(nlp, text, "Friday", "2019-05-10") == "On Friday it was revealed that the crane had failed."


def test_a_possessive_inside_the_subject_that_points_to_the_subject_stands_alone(nlp) -> None:
    text = "The port was quiet. The union and its allies called a strike on Monday."
    assert _summary(nlp, text, "Monday", "2019-05-06") == "The union and its allies called a strike on Monday."


def test_an_it_the_happening_acts_on_takes_the_sentence_before_along(nlp) -> None:
    text = "Norland backs the Oslo climate accord. Sudmark walked away from it in 2017."
    assert _summary(nlp, text, "2017", "2017") == text
