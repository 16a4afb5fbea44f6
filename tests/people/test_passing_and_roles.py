"""People only from who speaks, acts or is named in full; roles as the text gives them.

Each construction has its own small written text: names in passing (a thing
named after someone, a comparison, a historical figure) become no person;
titles and appositions give the role in the text's own words.
"""

from __future__ import annotations

import pytest

from generator.model import PartialDate, Person
from generator.people import find_people


def people_in(nlp, text: str, reference: str = "2021-06-01") -> dict[str, Person]:
    people, _ = find_people(nlp(text), PartialDate.parse(reference))
    return {person.id: person for person in people}


# -- names in passing -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a surname that names a thing, never given in full
        ("Critics compared the meeting to the Hitler-Stalin Pact of 1939.", "hitler"),
        ("Moscow was accused of the poisoning in the Skripal case.", "skripal"),
        ("The envoy blamed the Obama administration for the failures.", "obama"),
        ("The court closed two groups linked to Varga on Wednesday.", "varga"),
    ],
)
def test_a_lone_name_in_a_thing_or_phrase_is_no_person(nlp, text, absent) -> None:
    assert absent not in people_in(nlp, text)


def test_a_historical_figure_mentioned_in_passing_is_no_person(nlp) -> None:
    found = people_in(nlp, "Some commentators likened the summit to Joseph Stalin's pact with the West. "
                           "Ana Ruiz said the talks were useful.")
    assert "joseph-stalin" not in found and "ana-ruiz" in found


def test_a_full_name_only_inside_a_comparison_is_no_person(nlp) -> None:
    found = people_in(nlp, "Observers compared the meeting to the talks of Edward Carrow decades ago. "
                           "Ana Ruiz said the talks were useful.")
    assert "edward-carrow" not in found and "ana-ruiz" in found


def test_a_historical_figure_is_news_in_an_article_from_their_lifetime(nlp) -> None:
    text = "The envoy spoke of his long talks with Mikhail Gorbachev in Moscow."
    assert "mikhail-gorbachev" not in people_in(nlp, text, "2023-03-01")
    assert "mikhail-gorbachev" in people_in(nlp, text, "1987-03-01")


def test_a_historical_figure_who_acts_is_a_person(nlp) -> None:
    found = people_in(nlp, "In 1986 Mikhail Gorbachev met the US president in Reykjavik.")
    assert "mikhail-gorbachev" in found


def test_a_lone_name_that_speaks_or_acts_or_has_a_title_is_a_person(nlp) -> None:
    assert "kowalski" in people_in(nlp, "Kowalski said the deal was close.")
    assert "jenkins" in people_in(nlp, "The deal is close, Jenkins said.")
    assert "kowalski" in people_in(nlp, "The plan was criticised by Kowalski on Monday.")
    assert "kowalski" in people_in(nlp, "According to Kowalski, the plan failed.")
    assert "holtz" in people_in(nlp, "The reporter asked about the ties with Mr Holtz.")
    assert "kovac" in people_in(nlp, "Minister Kovac met the delegation in Vienna.")


def test_a_name_in_full_is_a_person_even_in_passing(nlp) -> None:
    found = people_in(nlp, "The talks touched on the case of Daniel Brennan, a jailed reporter.")
    assert "daniel-brennan" in found


# -- roles as the text gives them ------------------------------------------------


def test_a_title_before_the_name_is_the_role(nlp) -> None:
    found = people_in(nlp, "Kremlin aide Ivan Sokolov told reporters the talks would go ahead.")
    assert found["ivan-sokolov"].role == "Kremlin aide"


def test_an_apposition_after_the_name_is_the_role(nlp) -> None:
    found = people_in(nlp, "Ivan Sokolov, a Kremlin aide, told reporters the talks would go ahead.")
    assert found["ivan-sokolov"].role == "Kremlin aide"


def test_an_apposition_before_the_name_stops_at_the_clause_after_it(nlp) -> None:
    found = people_in(
        nlp,
        "Russia's ambassador to the US, Pavel Orlov, withdrawn from Washington after the "
        "expulsions in March, returned to his post.",
    )
    assert found["pavel-orlov"].role == "Russia's ambassador to the US"


def test_an_apposition_with_a_relative_clause_keeps_the_role_alone(nlp) -> None:
    found = people_in(nlp, "Ivan Sokolov, a Kremlin aide who has advised the president for years, "
                           "said the talks would go ahead.")
    assert found["ivan-sokolov"].role == "Kremlin aide"


def test_a_possessor_comes_before_the_words_of_the_role(nlp) -> None:
    found = people_in(nlp, "The host asked about his ties with former Trump's adviser John Mills.")
    assert found["john-mills"].role == "Trump's former adviser"


def test_a_name_inside_a_title_belongs_to_the_title(nlp) -> None:
    found = people_in(nlp, "Former top Obama aide John Doe said the deal was fragile.")
    assert found["john-doe"].role == "Former top Obama aide"
    assert "obama" not in found and "barack-obama" not in found


def test_a_title_of_the_possessor_stays_the_possessors(nlp) -> None:
    found = people_in(nlp, "Russian President Vladimir Putin's spokesman Dmitry Peskov said so.")
    assert found["vladimir-putin"].role == "Russian President"
    assert found["dmitry-peskov"].role.endswith("Putin's spokesman")


def test_a_description_that_resolves_to_a_person_gives_the_role_the_text_has_no_title_for(nlp) -> None:
    found = people_in(
        nlp,
        "Asked about the summit, the Russian president's adviser said that Moscow sees the US "
        "as a partner. Ivan Sokolov told journalists the meeting itself was important.",
    )
    assert found["ivan-sokolov"].role == "Russian president's adviser"


def test_a_title_outranks_a_description(nlp) -> None:
    found = people_in(nlp, "Kremlin aide Ivan Sokolov arrived. The Russian president's adviser said "
                           "the meeting itself was important.")
    assert found["ivan-sokolov"].role == "Kremlin aide"


def test_a_country_abbreviated_in_a_headline_is_no_person(nlp) -> None:
    assert "n-korea" not in people_in(nlp, "N. Korea says it will test again\n\nThe test was loud.")


def test_an_apposition_inside_the_role_is_left_out(nlp) -> None:
    found = people_in(
        nlp,
        "Pierre-Louis Martin, the trade minister of Belgium, a founding member of the bloc, "
        "said the move could not go unanswered.",
    )
    assert found["pierre-louis-martin"].role == "trade minister of Belgium"


def test_a_title_for_someone_else_is_not_the_names(nlp) -> None:
    found = people_in(
        nlp,
        "A spokeswoman for Senator Ann Lind said the talks would go on. A lawyer for Tom "
        "Hale declined to comment. Minister for Foreign Affairs Rosa Diaz said it was over.",
    )
    assert found["ann-lind"].role == "Senator"
    assert found["tom-hale"].role == ""
    assert found["rosa-diaz"].role == "Minister for Foreign Affairs"
