"""Statements stage: direct quotes, reported speech, speakers, dates, audiences, spans."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.model import Article, PartialDate, Statement
from generator.nlp.quotes import find_quotes
from generator.people import find_people
from generator.statements import find_statements, quotes_as_json_records


def statements_in(nlp, text: str, published: str | None = None) -> list[Statement]:
    doc = nlp(text)
    people, mentions = find_people(doc, PartialDate.parse(published) if published else None)
    article = Article(id="art", file="art.txt", part=0, title="", text=text, published=published)
    found = find_statements(doc, article, people, mentions)
    for statement in found:  # the contract every statement keeps
        assert text[statement.start : statement.end] == statement.text
        assert statement.source.text in text and statement.text in statement.source.text
        assert statement.source.article == "art"
    return found


def statements_in_parse(nlp, **annotations) -> list[Statement]:
    """Statements of a parse given word by word (`words`, `heads`, `deps`, ...): the small
    model's own misparse of a sentence, rebuilt, so that the test does not hang on it."""
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, **annotations)
    people, mentions = find_people(doc, None)
    article = Article(id="art", file="art.txt", part=0, title="", text=doc.text)
    return find_statements(doc, article, people, mentions)


def one(statements: list[Statement], words: str) -> Statement:
    matching = [s for s in statements if words in s.text]
    assert len(matching) == 1, [s.text for s in statements]
    return matching[0]


# --- quote marks ------------------------------------------------------------


def test_straight_and_curly_quotes_are_direct_statements(nlp) -> None:
    found = statements_in(
        nlp,
        '"We will not give in to pressure," Anna Volkova said.\n\n'
        "\u201cThe talks were long and hard,\u201d Volkova added.",
    )
    assert [(s.kind, s.speaker, s.text) for s in found] == [
        ("direct", "anna-volkova", "We will not give in to pressure"),
        ("direct", "anna-volkova", "The talks were long and hard"),
    ]


def test_a_quote_split_by_its_attribution_is_one_statement(nlp) -> None:
    found = statements_in(
        nlp,
        "Senator Ana Ruiz spoke first.\n\n"
        "\u201cWe are ready to talk,\u201d she said, \u201cbut not at any price.\u201d",
    )
    assert len(found) == 1
    split = found[0]
    assert split.text.startswith("We are ready to talk")
    assert split.text.endswith("but not at any price.")
    assert split.speaker == "ana-ruiz" and split.kind == "direct"


def test_multi_sentence_and_colon_introduced_quotes(nlp) -> None:
    found = statements_in(
        nlp,
        "The minister Lars Holm said: \u201cNothing has changed. We wait.\u201d",
    )
    assert [(s.text, s.speaker) for s in found] == [("Nothing has changed. We wait.", "lars-holm")]


def test_a_quote_continuing_into_the_next_paragraph_is_one_statement(nlp) -> None:
    text = (
        "\u201cThis is a long quote that runs on past its paragraph,\n\n"
        "\u201cand it continues here before it ends,\u201d said Maria Olsen.\n\n"
        "Olsen then left the room."
    )
    found = statements_in(nlp, text)
    assert len(found) == 1
    assert found[0].text.startswith("This is a long quote")
    assert found[0].text.endswith("before it ends")
    assert found[0].speaker == "maria-olsen"


def test_single_quotes_nested_in_double_quotes_stay_inside(nlp) -> None:
    found = statements_in(
        nlp, "\u201cThey call it \u2018a new era\u2019, but it is not,\u201d Peter Lund said."
    )
    assert [s.text for s in found] == ["They call it \u2018a new era\u2019, but it is not"]


def test_two_apostrophes_are_one_double_quote_mark(nlp) -> None:
    text = (
        "Mary Lee, an economist at a tax centre, spoke on Monday.\n\n"
        "''It is a plan with 'real' costs,'' Ms. Lee said. ''But it is not reform.''"
    )
    quotes = [text[q.open : q.close] for q in find_quotes(text) if q.double]
    assert quotes == ["''It is a plan with 'real' costs,''", "''But it is not reform.''"]
    found = statements_in(nlp, text)
    assert [(s.kind, s.speaker, s.text) for s in found] == [
        ("direct", "mary-lee", "It is a plan with 'real' costs"),
        ("direct", "mary-lee", "But it is not reform."),
    ]


def test_an_unbalanced_quote_mark_closes_at_the_paragraph_end() -> None:
    text = (
        "The aide wrote \u201cthis mark never closes in the paragraph\n\n"
        "A later paragraph. \u201cA separate quote of several words,\u201d John Miles said."
    )
    quotes = [text[q.start : q.end] for q in find_quotes(text)]
    assert quotes == ["this mark never closes in the paragraph", "A separate quote of several words,"]


def test_unbalanced_quotes_do_not_swallow_the_article(nlp) -> None:
    found = statements_in(
        nlp,
        "John Miles wrote \u201cthis mark is never closed\n\n"
        "Miles told reporters that the plan had failed.\n\n"
        "\u201cWe start again next week,\u201d he said.",
    )
    assert [s.text for s in found] == [
        "this mark is never closed",
        "the plan had failed",
        "We start again next week",
    ]
    assert {s.speaker for s in found} == {"john-miles"}


def test_a_quote_standing_alone_continues_the_previous_speaker(nlp) -> None:
    found = statements_in(
        nlp,
        "\u201cWe are ready for a deal,\u201d Karl Weber told RT.\n\n"
        "\u201cOthers should be interested in it too.\u201d\n\n"
        "Critics disagree.",
    )
    assert [s.speaker for s in found] == ["karl-weber", "karl-weber"]


# --- reported speech --------------------------------------------------------


def test_reported_speech_with_and_without_that(nlp) -> None:
    found = statements_in(
        nlp,
        "Karl Weber said that the summit would go ahead. "
        "Weber said the date was not fixed.",
    )
    assert [(s.kind, s.text) for s in found] == [
        ("indirect", "the summit would go ahead"),
        ("indirect", "the date was not fixed"),
    ]


def test_reporting_verbs_and_according_to(nlp) -> None:
    text = (
        "Anna Volkova noted that exports had doubled. "
        "Volkova stressed that the ban was temporary. "
        "She warned that prices would rise. "
        "She denied that the plan had failed. "
        "According to Volkova, the talks will resume in March."
    )
    found = statements_in(nlp, text)
    assert [s.text for s in found] == [
        "exports had doubled",
        "the ban was temporary",
        "prices would rise",
        "the plan had failed",
        "the talks will resume in March",
    ]
    assert {s.speaker for s in found} == {"anna-volkova"}
    assert {s.kind for s in found} == {"indirect"}


def test_speaker_with_a_relative_clause_and_an_audience(nlp) -> None:
    found = statements_in(
        nlp, "Senator Mary Collins, who chairs the committee, told CNN the bill would pass."
    )
    assert [(s.speaker, s.audience, s.text) for s in found] == [
        ("mary-collins", "CNN", "the bill would pass")
    ]


def test_the_name_after_someones_representative_is_the_speaker(nlp) -> None:
    found = statements_in(
        nlp,
        "Senator Tom Hale was charged on Monday.\n\n"
        "An attorney for Tom Hale, Mark Roe, said the charges were false.",
    )
    assert [(s.speaker, s.text) for s in found] == [("mark-roe", "the charges were false")]


def test_a_short_quote_keeps_its_speaker_however_long_the_description_between(nlp) -> None:
    found = statements_in(nlp, "\u201cWe need change,\u201d the former Bergen city mayor said.")
    assert [(s.kind, s.text, s.speaker_label) for s in found] == [
        ("direct", "We need change", "the former Bergen city mayor")
    ]
    # a programme's name before a speaker is no utterance
    text = "In an interview on the network's \u201cMorning Desk,\u201d Karl Weber said the plan failed."
    assert [s.text for s in statements_in(nlp, text)] == ["the plan failed"]
    # a short sentence in capitals is still speech
    found = statements_in(nlp, "\u201cWe Are Home.\u201d Karl Weber said.")
    assert [s.text for s in found] == ["We Are Home."]


def test_a_speech_verb_of_a_relative_clause_does_not_take_the_next_quote(nlp) -> None:
    text = (
        "\u201cWe will win,\u201d Karl Weber said at a dinner in Oslo, where Ingrid Rask also spoke. "
        "\u201cThe vote is ours.\u201d"
    )
    assert [s.speaker for s in statements_in(nlp, text)] == ["karl-weber", "karl-weber"]


@pytest.mark.parametrize(
    "text",
    [
        'As Karl Weber put it in a statement in July, the network is "offering a view you will not get elsewhere."',
        'As Karl Weber said last week, the plan is "a disaster for everyone."',
    ],
)
def test_an_as_clause_of_saying_before_a_quote_names_its_speaker(nlp, text) -> None:
    assert [s.speaker for s in statements_in(nlp, text)] == ["karl-weber"]


def test_a_relative_clause_of_saying_right_before_a_quote_introduces_it(nlp) -> None:
    text = 'Guests included Ingrid Rask and Karl Weber, who joked of the museum, "I have not seen it yet."'
    assert [s.speaker for s in statements_in(nlp, text)] == ["karl-weber"]


def test_a_reported_clause_opening_on_a_quantifier_is_what_was_said(nlp) -> None:
    # "Karl Weber said many of the voters stayed home": the misparse makes "many" the object
    # of "said" and hangs the clause's verb on "voters"
    words = ["Karl", "Weber", "said", "many", "of", "the", "voters", "stayed", "home", "."]
    spaces = [True] * 8 + [False, False]
    heads = [1, 2, 2, 2, 3, 6, 4, 6, 7, 2]
    deps = ["compound", "nsubj", "ROOT", "dobj", "prep", "det", "pobj", "relcl", "advmod", "punct"]
    tags = ["NNP", "NNP", "VBD", "JJ", "IN", "DT", "NNS", "VBD", "RB", "."]
    pos = ["PROPN", "PROPN", "VERB", "ADJ", "ADP", "DET", "NOUN", "VERB", "ADV", "PUNCT"]
    ents = ["B-PERSON", "I-PERSON"] + ["O"] * 8
    found = statements_in_parse(nlp, words=words, spaces=spaces, heads=heads, deps=deps,
                                tags=tags, pos=pos, ents=ents)
    assert [(s.speaker, s.text) for s in found] == [("karl-weber", "many of the voters stayed home")]
    assert statements_in(nlp, "Karl Weber said much more.") == []


def test_short_quoted_words_belong_to_the_reported_statement(nlp) -> None:
    found = statements_in(
        nlp,
        "Karl Weber said Moscow considers Washington a \u201cpartner\u201d and not a "
        "\u2018competitor\u2019.",
    )
    assert len(found) == 1
    assert found[0].kind == "indirect"
    assert "\u201cpartner\u201d" in found[0].text and "\u2018competitor\u2019" in found[0].text


def test_a_quote_that_is_the_whole_reported_clause_is_direct(nlp) -> None:
    found = statements_in(
        nlp, "Karl Weber said that \u201cit is important for both sides to cooperate.\u201d"
    )
    assert [(s.kind, s.text) for s in found] == [
        ("direct", "it is important for both sides to cooperate.")
    ]


def test_hypothetical_and_denied_speech_is_not_a_statement(nlp) -> None:
    found = statements_in(
        nlp, "Karl Weber could say that the plan works. He did not say that it failed."
    )
    assert found == []


def test_the_writers_own_voice_is_not_a_statement(nlp) -> None:
    text = (
        "It is worth noting that the tax bill was the largest ever. Let's say the plan costs "
        "ten billion dollars. It goes without saying that voters will notice. Karl Weber said "
        "that the bill was unfair."
    )
    assert [(s.speaker, s.text) for s in statements_in(nlp, text)] == [("karl-weber", "the bill was unfair")]


def test_a_clause_of_time_is_no_part_of_what_was_said(nlp) -> None:
    found = statements_in(nlp, "Karl Weber said before he left that the plan was dead.")
    assert [s.text for s in found] == ["the plan was dead"]
    found = statements_in(nlp, "He repeated the words \u201cI can't breathe,\u201d as Karl Weber said before he died.")
    assert [s.text for s in found] == ["I can't breathe"]


def test_scare_quotes_alone_are_not_statements(nlp) -> None:
    found = statements_in(nlp, "The media, which Karl Weber calls \u201cthe foe\u201d, ignored him.")
    assert found == []


# --- speakers ---------------------------------------------------------------


def test_pronoun_and_description_speakers_are_resolved(nlp) -> None:
    found = statements_in(
        nlp,
        "Kremlin aide Igor Sadov met reporters on Monday.\n\n"
        "\u201cThe meeting will be difficult,\u201d he said.\n\n"
        "\u201cWe expect no breakthrough at all,\u201d the Kremlin official added.",
    )
    assert [s.speaker for s in found] == ["igor-sadov", "igor-sadov"]


def test_the_quote_subject_is_never_the_speaker(nlp) -> None:
    found = statements_in(
        nlp,
        "\u201cEuropean countries should be interested in normal relations, our two countries "
        "specifically,\u201d Karl Weber told RT.",
    )
    assert [(s.speaker, s.audience) for s in found] == [("karl-weber", "RT")]


def test_groups_and_unknown_sources_get_no_speaker(nlp) -> None:
    found = statements_in(
        nlp,
        "US officials said the meeting could be postponed. "
        "\u201cThe summit is a mistake and everyone knows it,\u201d a source said.",
    )
    assert len(found) == 2
    assert [s.speaker for s in found] == ["", ""]
    # No person, but a source of its own kind, in the text's words.
    assert [s.speaker_label for s in found] == ["US officials", "a source"]


def test_organisations_speak_under_their_own_words_and_it_takes_them_over(nlp) -> None:
    found = statements_in(
        nlp,
        "A Foreign Ministry spokesman said the border would stay closed.\n\n"
        "The Harbour Workers Union said the strike would go on. It said talks had failed.",
    )
    assert [(s.speaker, s.speaker_label) for s in found] == [
        ("", "A Foreign Ministry spokesman"),
        ("", "The Harbour Workers Union"),
        ("", "The Harbour Workers Union"),
    ]
    records = quotes_as_json_records(found, [])
    assert [r["speaker"] for r in records][0] == "A Foreign Ministry spokesman"


def test_a_persons_campaign_is_not_the_person(nlp) -> None:
    found = statements_in(
        nlp,
        "Senator Ana Ruiz arrived late. Her campaign said the report was false.",
    )
    statement = one(found, "the report was false")
    assert statement.speaker == ""
    assert statement.speaker_label == "Ana Ruiz's campaign"


def test_speaker_by_office_at_the_article_date(nlp) -> None:
    found = statements_in(
        nlp, "The US president told reporters the summit was a success.", "2021-06-16"
    )
    assert [(s.speaker, s.audience) for s in found] == [("joe-biden", "reporters")]


# --- dates, audiences, ids --------------------------------------------------


def test_date_comes_from_the_attribution_else_the_article(nlp) -> None:
    found = statements_in(
        nlp,
        "Karl Weber said on Friday that the vote in 2016 was fair.\n\n"
        "\u201cNothing will change for years,\u201d Weber told reporters.",
        published="2021-06-12",
    )
    assert [s.date for s in found] == ["2021-06-11", "2021-06-12"]


def test_date_falls_back_to_the_article_date_at_its_precision(nlp) -> None:
    found = statements_in(nlp, "Karl Weber said the vote was fair.", published="2021-06")
    assert found[0].date == "2021-06"


def test_audiences(nlp) -> None:
    found = statements_in(
        nlp,
        "Karl Weber told Fox News that the deal was dead. "
        "In an interview with NBC, Anna Volkova said that talks would continue. "
        "Volkova told journalists that nothing was agreed.",
    )
    assert [s.audience for s in found] == ["Fox News", "NBC", "journalists"]


def test_statement_ids_are_stable_and_unique(nlp) -> None:
    text = "Karl Weber said the deal was dead. Weber said the deal was dead."
    first = statements_in(nlp, text)
    second = statements_in(nlp, text)
    assert [s.id for s in first] == [s.id for s in second]
    assert len({s.id for s in first}) == 2
    assert all(s.id.startswith("art-") for s in first)


def test_quotes_as_json_records_name_the_speaker(nlp) -> None:
    text = (
        "\u201cWe will win this vote,\u201d Senator Ana Ruiz said. "
        "Officials said the count would take days."
    )
    doc = nlp(text)
    people, mentions = find_people(doc, None)
    found = find_statements(doc, Article("a", "a.txt", 0, "", text), people, mentions)
    records = quotes_as_json_records(found, people)
    assert records == [
        {"start": 1, "end": 22, "text": "We will win this vote", "speaker": "Ana Ruiz",
         "speaker_id": "ana-ruiz", "kind": "direct"},
        {"start": text.index("the count"), "end": len(text) - 1,
         "text": "the count would take days", "speaker": "Officials", "speaker_id": "",
         "kind": "indirect"},
    ]


def test_hard_wrapped_text_keeps_quotes_and_sentences_whole(nlp) -> None:
    text = (
        "Karine Holt, the foreign minister, told reporters that the talks were\n"
        '"candid and constructive" and would go on.\n\n'
        '"We will meet again in\nMarch," Holt said. "Nothing is\nagreed yet."\n\n'
        "Critics said the\nmeeting changed nothing at all.\n"
    )
    found = statements_in(nlp, text)
    assert [(s.kind, s.speaker, s.text) for s in found] == [
        ("indirect", "karine-holt",
         'the talks were\n"candid and constructive" and would go on'),
        ("direct", "karine-holt", "We will meet again in\nMarch"),
        ("direct", "karine-holt", "Nothing is\nagreed yet."),
        ("indirect", "", "the\nmeeting changed nothing at all"),
    ]


def test_cues_across_a_paragraph_and_without_a_speech_verb(nlp) -> None:
    found = statements_in(
        nlp,
        "Turkish President Recep Tayyip Erdogan told the gathering:\n\n"
        '"We will not allow this region to become a battleground."\n\n'
        '"That is simply not true," Ayse Demir laughed.\n\n'
        'Foreign Minister Mevlut Cavusoglu said "the door remains open for talks."',
    )
    assert [(s.speaker, s.text) for s in found] == [
        ("recep-tayyip-erdogan", "We will not allow this region to become a battleground."),
        ("ayse-demir", "That is simply not true"),
        ("mevlut-cavusoglu", "the door remains open for talks."),
    ]
    assert found[0].audience == "the gathering"


def test_an_unnamed_source_is_not_pinned_on_the_last_named_person(nlp) -> None:
    found = statements_in(
        nlp,
        "Secretary of State Antony Blinken met his counterpart for two hours.\n\n"
        "A senior State Department official said the United States had made proposals.\n\n"
        '"We have been very clear about our red lines," the official said.',
    )
    assert [s.speaker for s in found] == ["", ""]


def test_dash_attribution_and_quoted_titles(nlp) -> None:
    found = statements_in(
        nlp,
        "\u201cWe had nothing to do with the elections and never will\u201d \u2013 Vladimir Putin\n\n"
        "The plan, called \u201cStrategy For A Safer And Better World Order\u201d, was published.",
    )
    assert [(s.speaker, s.text) for s in found] == [
        ("vladimir-putin", "We had nothing to do with the elections and never will")
    ]


def test_things_that_cannot_speak_make_no_statement(nlp) -> None:
    found = statements_in(
        nlp,
        "The figures show that exports fell. Polls suggested that most voters agreed. "
        "It is said that he left. The ministry backed the plan, it said.",
    )
    assert [s.text for s in found] == ["The ministry backed the plan"]


def test_inverted_attribution_and_a_short_follow_up(nlp) -> None:
    found = statements_in(
        nlp, '"No," said Mr Putin when asked whether he would attend. "Not this year."'
    )
    assert [(s.speaker, s.text) for s in found] == [
        ("putin", "No"),
        ("putin", "Not this year."),
    ]


def test_according_to_covers_a_clause_with_a_speech_verb_joined_to_it(nlp) -> None:
    found = statements_in(
        nlp,
        "According to two people familiar with the talks, negotiators have drafted most "
        "of the text, but Iran is insisting that an inquiry be closed first.",
    )
    assert [(s.kind, s.speaker) for s in found] == [("indirect", "")]
    assert found[0].text.startswith("negotiators have drafted")
    assert found[0].text.endswith("be closed first")


def test_an_object_after_a_joined_speech_verb_is_not_the_speaker(nlp) -> None:
    found = statements_in(
        nlp,
        "Joe Biden told troops that he was in Europe and warned his Russian counterpart "
        "that he planned to raise human rights.",
        "2021-06-10",
    )
    warned = one(found, "planned to raise")
    assert warned.speaker == "joe-biden"


def test_an_unclosed_quote_ends_before_the_attribution_inside_it(nlp) -> None:
    found = statements_in(
        nlp,
        "Kenya's environment minister, Soipan Tuya, spoke last. "
        '"This is Africa speaking with one voice, she said.\n\n'
        "The meeting ends on Wednesday.",
    )
    quote = one(found, "Africa")
    assert quote.text == "This is Africa speaking with one voice"
    assert quote.speaker == "soipan-tuya"


def test_speaker_named_in_the_sentence_after_the_quote(nlp) -> None:
    found = statements_in(
        nlp,
        "\u201cThis is a historic day.\u201d Those were the words of Swedish Prime Minister "
        "Ulf Kristersson as he left the meeting.",
    )
    assert [(s.speaker, s.text) for s in found] == [("ulf-kristersson", "This is a historic day.")]


def test_name_and_colon_lines_of_headlines_and_live_blogs(nlp) -> None:
    text = (
        "Summit live: leaders agree\n\n"
        "17.42 CET\n"
        "Orb\u00e1n: 'A bad decision'\n\n"
        "Hungary's prime minister, Viktor Orb\u00e1n, left the room.\n\n"
        "16.31 CET\n"
        "Von der Leyen: 'A strategic decision'\n\n"
        "The Commission president, Ursula von der Leyen, welcomed the vote."
    )
    found = statements_in(nlp, text)
    assert [(s.speaker, s.text) for s in found] == [
        ("viktor-orban", "A bad decision"),
        ("ursula-von-der-leyen", "A strategic decision"),
    ]


def test_relative_clause_and_dateline_speakers(nlp) -> None:
    found = statements_in(
        nlp,
        "NAIROBI, Sept 4, 2023 \u2014 Kenyan President William Ruto opened the summit on "
        "Monday, telling delegates that Africa should be seen as a source of solutions. "
        "He was joined by U.N. Secretary-General Antonio Guterres, who said renewable energy "
        "could become a miracle.",
    )
    assert one(found, "source of solutions").speaker == "william-ruto"
    assert one(found, "renewable energy").speaker == "antonio-guterres"


def test_time_stamp_lines_of_a_live_blog_are_not_hard_wrapping() -> None:
    from generator.nlp.quotes import is_wrapped

    entries = "".join(
        f"1{n}.02 CET\nLeader {n}: 'We agree'\n\nShe said it twice.\n\n" for n in range(5)
    )
    assert not is_wrapped("Summit live\n\n" + entries)
    wrapped = "".join(
        "The ministers met in the capital on Friday and said that the\n"
        "talks would go on next week in the same place as before.\n\n" for _ in range(4)
    )
    assert is_wrapped(wrapped)


def test_interview_answers_are_the_interviewees_statements(nlp) -> None:
    text = (
        "Camila Reyes, Chile's foreign minister since March, spoke to us in Santiago.\n\n"
        "Q: Many people say Chile has to choose between Washington and Beijing. Agreed?\n\n"
        "A: No. We trade with everybody.\n\n"
        "Q: Your predecessor said the region needed a single voice. Is that realistic?\n\n"
        "A: He was right about the goal.\n\n"
        "But it will take time."
    )
    found = statements_in(nlp, text)
    assert [(s.kind, s.speaker, s.text) for s in found] == [
        ("direct", "camila-reyes", "No. We trade with everybody."),
        ("indirect", "", "the region needed a single voice"),
        ("direct", "camila-reyes", "He was right about the goal.\n\nBut it will take time."),
    ]


def test_a_headline_quote_with_a_colon_and_a_description(nlp) -> None:
    found = statements_in(
        nlp,
        "'We are not anybody's backyard': Chile's foreign minister on China\n\n"
        "Camila Reyes, Chile's foreign minister, spoke to us.",
    )
    assert [(s.speaker, s.text) for s in found] == [
        ("camila-reyes", "We are not anybody's backyard")
    ]


def test_a_that_clause_the_parser_reads_as_relative_after_told(nlp) -> None:
    found = statements_in(
        nlp,
        "Spokeswoman Maria Zakharova told a weekly briefing in Moscow that Kyiv was trying "
        'to "buy time" for its backers.',
    )
    assert [(s.kind, s.speaker, s.text) for s in found] == [
        ("indirect", "maria-zakharova", 'Kyiv was trying to "buy time" for its backers')
    ]


def test_adding_that_after_a_quoted_phrase_is_reported_speech(nlp) -> None:
    found = statements_in(
        nlp,
        "Prime Minister Gintautas Paluckas spoke on Monday. He described the damage as "
        '"a wake-up call", adding that the region could no longer take its links for granted.',
    )
    assert [(s.speaker, s.text) for s in found] == [
        ("gintautas-paluckas", "the region could no longer take its links for granted")
    ]


def test_a_dateline_is_not_part_of_a_fronted_clause(nlp) -> None:
    found = statements_in(
        nlp,
        "NEW YORK \u2014 Anneke Visser, a former Dutch minister, has been appointed the UN "
        "envoy for Syria, the UN said on Wednesday.",
    )
    assert [s.text for s in found] == [
        "Anneke Visser, a former Dutch minister, has been appointed the UN envoy for Syria"
    ]


def test_a_headline_quote_of_a_group_has_no_speaker(nlp) -> None:
    found = statements_in(
        nlp, "'We will not be intimidated': Baltic leaders unite after cable sabotage\n\nText."
    )
    assert [(s.speaker, s.text) for s in found] == [("", "We will not be intimidated")]


def test_according_to_x_comma_is_x_even_if_the_parser_joins_the_subjects(nlp) -> None:
    found = statements_in(
        nlp,
        "According to Foreign Secretary Vikram Misri, India and China had reached an "
        "agreement on patrols along their border.",
    )
    assert [s.speaker for s in found] == ["vikram-misri"]


# --- through the command line (`summit-timeline quotes`) ----------------------


def _quotes_command(text: str, *args: str) -> list[dict]:
    import json
    import subprocess
    import sys
    from pathlib import Path

    command = Path(sys.executable).parent / "summit-timeline"
    done = subprocess.run(
        [str(command), "quotes", *args, "-"], input=text, capture_output=True, text=True,
        timeout=120, check=True,
    )
    return json.loads(done.stdout)


def test_quotes_command_resolves_a_description_by_the_texts_own_date() -> None:
    # No --reference: the dateline's year says who was prime minister.
    text = (
        "LONDON, March 10, 2023 - Rishi Sunak and Emmanuel Macron met in Paris.\n\n"
        'The prime minister said the deal marked "a new chapter".\n\n'
        '"We are turning a page," Mr Sunak said.\n'
    )
    records = _quotes_command(text)
    assert [(r["kind"], r["speaker"], r["text"]) for r in records] == [
        ("indirect", "Rishi Sunak", 'the deal marked "a new chapter"'),
        ("direct", "Rishi Sunak", "We are turning a page"),
    ]
    for record in records:
        assert text[record["start"] : record["end"]] == record["text"]


def test_quotes_command_prints_full_names_and_unnamed_sources_in_their_words() -> None:
    text = (
        "Annalena Baerbock arrived from Beijing, where she had held talks.\n\n"
        '"Europe cannot be indifferent," Baerbock said. A senior official said the talks '
        "would go on.\n"
    )
    records = _quotes_command(text, "--reference", "2023-04-18")
    assert [(r["speaker"], r["text"]) for r in records] == [
        ("Annalena Baerbock", "Europe cannot be indifferent"),
        ("A senior official", "the talks would go on"),
    ]


# --- reported clauses the small parser gets wrong ------------------------------


def test_a_clause_after_the_verb_wins_over_a_participle_before_it(nlp) -> None:
    found = statements_in(
        nlp,
        "One EU diplomat, granted anonymity to speak freely about the closed-door "
        'discussion, said the debate had been "tense but constructive".',
    )
    assert [s.text for s in found] == ['the debate had been "tense but constructive"']


def test_the_clause_starts_right_after_the_verb_and_stops_before_narration(nlp) -> None:
    found = statements_in(
        nlp,
        "Sheikh Mohammed said negotiations on a ceasefire in Gaza and the release of "
        'captives have reached "a critical stage", with mediators pushing both sides.\n\n'
        "President Ilkay Demir said on Friday that he was ready to host talks, as he "
        "welcomed his guest to Istanbul.",
    )
    assert [s.text for s in found] == [
        'negotiations on a ceasefire in Gaza and the release of captives have reached '
        '"a critical stage"',
        "he was ready to host talks",
    ]


def test_two_speech_verbs_of_one_subject_are_two_statements(nlp) -> None:
    found = statements_in(
        nlp, 'In a statement, Hamas said it had shown "flexibility" and accused Israel of '
        "adding new conditions.",
    )
    assert [s.text for s in found] == [
        'it had shown "flexibility"', "accused Israel of adding new conditions"
    ]


def test_with_x_warning_is_xs_statement(nlp) -> None:
    found = statements_in(
        nlp,
        "European leaders clashed on Thursday over a plan to use frozen assets, with "
        "Belgium warning it could face years of legal battles.",
    )
    assert [(s.speaker, s.text) for s in found] == [("", "it could face years of legal battles")]


def test_a_colon_paragraph_without_a_speech_verb_introduces_the_quote(nlp) -> None:
    text = (
        "Vice President Kamala Harris spoke on Thursday.\n\n"
        "Then she turned to the stakes of the election:\n\n"
        '"This election is the most important of our lives. It is serious.\n\n'
        '"Trump is an unserious man. The stakes are high. We must win. We will win."\n\n'
        "She went on to describe her plans.\n\n"
        '"We are not going back," she said.'
    )
    found = statements_in(nlp, text)
    assert [s.speaker for s in found] == ["kamala-harris", "kamala-harris"]


def test_the_speaker_hung_on_a_dateline_by_apposition(nlp) -> None:
    found = statements_in(
        nlp,
        "Doha, Qatar \u2013 Qatar's prime minister, Sheikh Mohammed bin Abdulrahman Al "
        "Thani, says the talks have reached a critical stage.",
    )
    assert [s.speaker for s in found] == ["mohammed-bin-abdulrahman-al-thani"]


def test_a_verbless_quoted_label_is_not_a_statement(nlp) -> None:
    found = statements_in(
        nlp,
        'UN Secretary-General Antonio Guterres praised her "deep experience of the region" '
        'on Tuesday. "A strategic decision for the whole region," Guterres said.',
    )
    assert [s.text for s in found] == ["A strategic decision for the whole region"]


# --- the whole claim --------------------------------------------------------


def test_a_cue_inside_the_sentence_keeps_both_sides_of_the_claim(nlp) -> None:
    found = statements_in(nlp, "The new bridge, the mayor said, would cut travel times for commuters.")
    statement = one(found, "bridge")
    assert statement.text.startswith("The new bridge")
    assert statement.text.endswith("would cut travel times for commuters")


def test_a_condition_opening_the_claim_stays_in_it(nlp) -> None:
    found = statements_in(nlp, "If Washington has any evidence, it should show it, the minister said.")
    assert one(found, "evidence").text.startswith("If Washington has any evidence")


def test_a_fronted_clause_read_as_adverbial_is_still_what_was_said(nlp) -> None:
    found = statements_in(nlp, "The lowest fifth paid 2 percent, the agency said in a report.")
    statement = one(found, "percent")
    assert statement.text == "The lowest fifth paid 2 percent"
    assert statement.speaker_label == "the agency"
    assert statements_in(nlp, "When the vote came, the senator said nothing.") == []


def test_a_name_after_a_horizontal_bar_is_the_speaker(nlp) -> None:
    found = statements_in(
        nlp,
        "Readers sent us their views.\n\n"
        "\u201cThe debate changed nothing for me. I will vote as I always have.\u201d \u2015 Maria Lopez\n",
    )
    assert [s.speaker for s in found] == ["maria-lopez"]


def test_a_document_reads_its_words(nlp) -> None:
    found = statements_in(
        nlp,
        "The union sent a letter to the mayor. The letter reads: "
        "\u201cWe will not accept any cuts to the schools this year.\u201d",
    )
    assert [(s.kind, s.speaker_label) for s in found] == [("direct", "The letter")]


def test_a_document_read_its_words_after_the_quote(nlp) -> None:
    # the past "read" cues only a quote next to it, not narration ("She read the report")
    found = statements_in(
        nlp,
        "The council met late. \u201cWe will not accept any cuts to the schools this year,\u201d the statement read. "
        "She read the report twice.",
    )
    assert [(s.kind, s.speaker_label) for s in found] == [("direct", "the statement")]


def test_a_claim_the_parser_split_into_two_complements_stays_whole(nlp) -> None:
    found = statements_in(
        nlp, "The mayor said it is a \u201cshame\u201d there is a cloud over the council."
    )
    assert one(found, "shame").text == "it is a \u201cshame\u201d there is a cloud over the council"


def test_a_lead_in_before_the_cue_is_not_part_of_the_claim(nlp) -> None:
    found = statements_in(nlp, "In general, the minister said, the talks took place in a calm mood.")
    assert one(found, "talks").text == "the talks took place in a calm mood"


# --- reported speech without a clause of saying -----------------------------


def test_phrase_content_after_call_and_an_object_complement(nlp) -> None:
    found = statements_in(
        nlp,
        "The mayor called for a ban on new towers in the old town. "
        "The union called on the council to reverse the cuts. "
        "The senator vowed to fight the plan in court. "  # an intention: not counted
        "The campaign called the charges unfounded and false.",
    )
    assert [s.text for s in found] == [
        "a ban on new towers in the old town",
        "the council to reverse the cuts",
        "the charges unfounded and false",
    ]


def test_a_headline_with_no_named_speaker_sums_up_and_is_no_statement(nlp) -> None:
    found = statements_in(
        nlp,
        "Party chief calls for early vote after tax defeat\n\n"
        "The leader of the Green party, Ana Ruiz, called for an early vote on Monday.",
    )
    assert [(s.speaker, s.text) for s in found] == [("ana-ruiz", "an early vote on Monday")]
    named = statements_in(
        nlp,
        "Ana Ruiz calls for early vote after tax defeat\n\n"
        "The Green party leader spoke on Monday in the capital.",
    )
    assert [(s.speaker, s.text) for s in named] == [("ana-ruiz", "early vote after tax defeat")]


def test_phrase_content_after_pointed_to_and_spoke_of(nlp) -> None:
    found = statements_in(
        nlp,
        "The agency pointed to the vote in Britain as a sign of anger at trade. "
        "The mayor spoke of a new era for the old port. "
        "Asked about the delay in the report, the minister left.",  # asked, not said
    )
    assert [(s.speaker_label, s.text) for s in found] == [
        ("The agency", "the vote in Britain as a sign of anger at trade"),
        ("The mayor", "a new era for the old port"),
    ]


def test_a_dateline_is_never_a_speaker(nlp) -> None:
    found = statements_in(
        nlp, "KYIV, June 3 (Reuters) - The president called the plan a fantasy that ignored the facts."
    )
    assert [s.speaker_label for s in found] == ["The president"]  # the dateline is a sentence of its own


def test_an_object_alone_is_no_statement(nlp) -> None:
    assert statements_in(
        nlp, "The governor promised a review. The company called a press conference on Monday."
    ) == []


def test_a_noun_of_saying_with_its_owner_and_clause(nlp) -> None:
    found = statements_in(
        nlp,
        "Fact checkers looked at Anna Volkova\u2019s claim that there have been thousands of "
        "thefts in the city this year. The ministry\u2019s warning that prices would rise came late. "
        "The claim that he lied is wrong.",
    )
    assert [(s.speaker, s.speaker_label, s.text) for s in found] == [
        ("anna-volkova", "", "there have been thousands of thefts in the city this year"),
        ("", "The ministry", "prices would rise"),
    ]


# --- tokens compared by position, not identity (a parse walk ends) ----------
# spaCy makes a new Token object on every access: loops that walked up the
# parse until `token.head is token` never ended, and branches on `a is b` never
# fired. Each text below hung or was cut wrong before tokens were compared by `.i`.

EXECUTABLE = Path(sys.executable).parent / "summit-timeline"


@contextmanager
def finishes_within(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging the test run) if the block is still running after `seconds`."""

    def give_up(signum, frame):
        raise AssertionError(f"still running after {seconds} s: a walk up the parse that never ends?")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_according_to_with_a_participle_of_speech_ends_and_keeps_both_quotes() -> None:
    text = (
        '"The talks have failed," he told the ministers, according to the agency, '
        'adding: "We will try again next year."\n'
    )
    try:
        result = subprocess.run(
            [str(EXECUTABLE), "quotes", "--reference", "2019-05-01", "-"],
            input=text, capture_output=True, text=True, timeout=120,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("`summit-timeline quotes` did not finish in 120 s on a two-quote sentence")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    said = " ".join(record["text"] for record in records)
    assert "The talks have failed" in said and "We will try again next year." in said
    assert all(record["kind"] == "direct" and record["speaker"] == "" for record in records)  # "he": nobody named


def test_according_to_after_a_joined_clause_leaves_the_narration_out(nlp) -> None:
    # The participle "adding" heads the reported clause inside the joined clause
    # "Merkel flew home": what was said is the clause, not the narration around it.
    with finishes_within(60):
        found = statements_in(
            nlp,
            "The summit was cut short and Angela Merkel flew home, adding that the deal was dead, "
            "according to the agency.\n",
        )
    assert [(s.kind, s.text) for s in found] == [("indirect", "the deal was dead")]


def test_according_to_after_a_participle_of_speech_finishes_in_process(nlp) -> None:
    with finishes_within(60):
        found = statements_in(
            nlp,
            "Lena Borg met the envoy on Monday, according to the ministry, "
            "saying that the border would stay open.\n",
        )
    assert "the border would stay open" in " ".join(s.text for s in found)


# --- speakers the parse loses -------------------------------------------------


@pytest.mark.parametrize("city_tag", [("PROPN", "NNP"), ("VERB", "VB")])
def test_a_titled_name_between_the_quote_and_its_verb_is_the_speaker(nlp, city_tag) -> None:
    # The small model's own misparse of such a sentence, rebuilt word for word: it hangs
    # "Dayton fire Chief Ruth Allen" on the quoted clause and leaves "said" without subject
    # (and may even tag the city as a verb).
    words = ['"', "I", "will", "give", "this", "pledge", "to", "you", ":", "We", "will",
             "find", "answers", "in", "this", "fire", ",", '"', "Dayton", "fire", "Chief",
             "Ruth", "Allen", "said", "Monday", "."]
    spaces = [False, True, True, True, True, True, True, False, True, True, True, True, True,
              True, True, False, False, True, True, True, True, True, True, True, False, False]
    heads = [23, 3, 3, 11, 5, 3, 3, 6, 11, 11, 11, 23, 11, 11, 15, 13, 11, 11, 11, 20, 18,
             22, 20, 23, 23, 23]
    deps = ["punct", "nsubj", "aux", "ccomp", "det", "dobj", "prep", "pobj", "punct",
            "nsubj", "aux", "ccomp", "dobj", "prep", "det", "pobj", "punct", "punct", "advcl",
            "compound", "dobj", "compound", "appos", "ROOT", "npadvmod", "punct"]
    tags = ["``", "PRP", "MD", "VB", "DT", "NN", "IN", "PRP", ":", "PRP", "MD", "VB", "NNS",
            "IN", "DT", "NN", ",", "''", "NNP", "NN", "NNP", "NNP", "NNP", "VBD", "NNP", "."]
    pos = ["PUNCT", "PRON", "AUX", "VERB", "DET", "NOUN", "ADP", "PRON", "PUNCT", "PRON",
           "AUX", "VERB", "NOUN", "ADP", "DET", "NOUN", "PUNCT", "PUNCT", "PROPN", "NOUN",
           "PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PUNCT"]
    ents = ["O"] * 18 + ["B-GPE", "O", "O", "B-PERSON", "I-PERSON", "O", "B-DATE", "O"]
    pos[18], tags[18] = city_tag
    found = statements_in_parse(nlp, words=words, spaces=spaces, heads=heads, deps=deps,
                                tags=tags, pos=pos, ents=ents)
    statement = one(found, "I will give this pledge")
    assert (statement.kind, statement.speaker) == ("direct", "ruth-allen")
    assert "Ruth Allen" not in statement.text


def test_a_hyphenated_given_name_with_a_lower_case_part_stays_whole(nlp) -> None:
    found = statements_in(
        nlp,
        "Foreign Minister Kang Kyung-wha said the sanctions would stay.\n\n"
        '"We count on the council to remain united," Kang Kyung-wha added.',
    )
    assert {s.speaker for s in found} == {"kang-kyung-wha"}


def test_a_second_speech_verb_joined_to_the_reported_clause_is_the_speakers(nlp) -> None:
    found = statements_in(
        nlp,
        "Prime Minister Anna Berg said this week that the country would leave the pact by "
        "March and suggested that it would withdraw from the customs union.",
    )
    assert one(found, "withdraw from the customs union").speaker == "anna-berg"


def test_concluded_with_a_colon_introduces_the_quote(nlp) -> None:
    found = statements_in(
        nlp,
        'Senator Tom Hale spoke for an hour.\n\nHe concluded: "Nobody in this room can '
        'tell the truth about the budget."',
    )
    assert one(found, "Nobody in this room").speaker == "tom-hale"


def test_a_quote_the_parser_made_the_sentence_is_the_writers_subjects(nlp) -> None:
    found = statements_in(
        nlp,
        "Mr. Stone hardly settled the matter, treating Mrs. Lind's jab first as praise -- "
        "''That shows I am clever'' -- and, when pressed after the debate, asserting, "
        "''Of course, I pay my taxes.''",
    )
    assert {s.speaker for s in found if "clever" in s.text or "my taxes" in s.text} == {"stone"}


def test_a_quote_that_is_the_object_of_a_named_persons_verb_is_theirs(nlp) -> None:
    found = statements_in(
        nlp,
        "In a May speech, Senator Ray Stone attacked ''the dangerous ideas of the far left "
        "and its friends in the media.''",
    )
    assert one(found, "the dangerous ideas").speaker == "ray-stone"


def test_a_quote_set_off_by_dashes_after_a_name_is_that_persons(nlp) -> None:
    found = statements_in(
        nlp,
        "A chorus of Democrats agrees, including the former governor Anna Lind -- ''It is "
        "wrong for a candidate to hide his records from voters'' -- and Peter Holm, a former "
        "tax official.",
    )
    assert one(found, "It is wrong for a candidate").speaker == "anna-lind"


def test_said_of_the_claims_that_reports_the_clause_not_the_noun(nlp) -> None:
    found = statements_in(
        nlp,
        'Mr Orlov said of the bribery claims that there is "no proof when it comes to the '
        'real record".',
    )
    assert one(found, "no proof").text.startswith("there is")


def test_a_source_label_leaves_out_adverbs_and_times(nlp) -> None:
    found = statements_in(
        nlp,
        'Even Brazil, Argentina\'s main partner, said it was "firmly opposed" to the tariff.'
        "\n\nThe ministry this week said that prices would rise.",
    )
    assert [s.speaker_label for s in found] == ["Brazil", "The ministry"]


def test_a_quote_inside_what_a_speech_verb_governs_is_its_speakers(nlp) -> None:
    found = statements_in(
        nlp,
        "Senator Ray Stone tells his supporters at a rally in Ohio to \u201cgo to your place "
        "and vote\u201d before the polls close.",
    )
    assert one(found, "go to your place").speaker == "ray-stone"


def test_footage_of_a_person_saying_gives_that_person_not_the_when_clause(nlp) -> None:
    found = statements_in(
        nlp,
        "Governor Ann Lind attacked his record all evening.\n\n"
        "The spot ends with footage of Senator Ray Stone saying during the debate last week, "
        "\u201cThat makes me clever,\u201d when Lind attacked him.",
    )
    assert one(found, "That makes me clever").speaker == "ray-stone"


def test_reader_quotes_each_signed_after_a_bar_with_a_quote_inside_one(nlp) -> None:
    found = statements_in(
        nlp,
        "Readers wrote in after the debate.\n\n"
        "\u201cHe never answered a single question tonight.\u201d \u2015 Laura Diaz "
        "\u201cI\u2019d rather live in what he calls \u201chell\u201d than live in a town where "
        "he is mayor.\u201d \u2015 Ana Torres \u201cHe answers to no one at all.\u201d \u2015 "
        "Rosa Pineda",
    )
    assert [(s.speaker, s.text[:12]) for s in found] == [
        ("laura-diaz", "He never ans"), ("ana-torres", "I\u2019d rather l"),
        ("rosa-pineda", "He answers t"),
    ]
    assert "\u201chell\u201d than live" in found[1].text


def test_reported_that_and_a_question_asked_in_the_texts_words(nlp) -> None:
    found = statements_in(
        nlp,
        "The Daily Ledger reported Saturday that it had received the first pages of the "
        "filings.\n\nAt a rally, Senator Ann Lind asked why anyone would get up at 3 a.m. to "
        "send angry posts.\n\nThe moderator asked the candidates to discuss their own ideas."
        "\n\nAsked whether he would resign, Mr Holm said nothing.",
    )
    assert [(s.speaker or s.speaker_label, s.text.split()[0]) for s in found] == [
        ("The Daily Ledger", "it"), ("ann-lind", "why"),
    ]


def test_the_object_made_to_speak_is_the_speaker(nlp) -> None:
    found = statements_in(
        nlp,
        "Senator Ann Lind also forced Mark Holt, who was under questioning from the "
        "committee, to admit that no senior executives had been held accountable.",
    )
    assert one(found, "no senior executives").speaker == "mark-holt"


def test_a_name_with_its_apposition_between_the_quote_and_its_verb_is_the_speaker(nlp) -> None:
    # '"...," Mark Holt, a top aide, said': the misparse hangs the name on the quote's verb.
    words = ["\u201c", "We", "are", "ready", "to", "talk", ",", "\u201d", "Mark", "Holt", ",",
             "a", "top", "aide", ",", "said", "Monday", "."]
    spaces = [False, True, True, True, True, False, False, True, True, False, True, True, True,
              False, True, True, False, False]
    heads = [2, 2, 15, 2, 5, 3, 2, 2, 9, 2, 9, 13, 13, 9, 15, 15, 15, 15]
    deps = ["punct", "nsubj", "ccomp", "acomp", "aux", "xcomp", "punct", "punct", "compound",
            "appos", "punct", "det", "amod", "appos", "punct", "ROOT", "npadvmod", "punct"]
    tags = ["``", "PRP", "VBP", "JJ", "TO", "VB", ",", "''", "NNP", "NNP", ",", "DT", "JJ", "NN",
            ",", "VBD", "NNP", "."]
    pos = ["PUNCT", "PRON", "AUX", "ADJ", "PART", "VERB", "PUNCT", "PUNCT", "PROPN", "PROPN",
           "PUNCT", "DET", "ADJ", "NOUN", "PUNCT", "VERB", "PROPN", "PUNCT"]
    ents = ["O"] * 8 + ["B-PERSON", "I-PERSON"] + ["O"] * 6 + ["B-DATE", "O"]
    found = statements_in_parse(nlp, words=words, spaces=spaces, heads=heads, deps=deps,
                                tags=tags, pos=pos, ents=ents)
    assert [(s.kind, s.speaker, s.text) for s in found] == [
        ("direct", "mark-holt", "We are ready to talk")
    ]


def test_a_party_in_a_description_picks_that_partys_person(nlp) -> None:
    found = statements_in(
        nlp,
        "Republican Tom Hale met donors on Friday. Libertarian presidential candidate Ann "
        "Lind spoke in Ohio.\n\nThe Republican presidential candidate noted that his "
        "campaign had not spent much on television.",
    )
    assert one(found, "had not spent much").speaker == "tom-hale"


def test_a_fronted_claim_with_a_quoted_phrase_inside_stays_whole(nlp) -> None:
    found = statements_in(
        nlp,
        "Oslo is worried about efforts by officials to \u201cexploit\u201d the \u201cwholly "
        "invented\u201d story of foreign meddling in the vote, Rosa Diaz said.",
    )
    assert one(found, "Oslo is worried").text.endswith("story of foreign meddling in the vote")


def test_the_name_by_a_parenthetical_verb_speaks_not_the_noun_it_hangs_on(nlp) -> None:
    found = statements_in(
        nlp,
        "Chief Justice Anna Berg opened the museum.\n\nTo understand the real Dred Scott, "
        "Chief Justice Berg said, one should visit this museum.",
    )
    assert one(found, "one should visit").speaker == "anna-berg"


def test_a_transcripts_turns_are_their_speakers_statements(nlp) -> None:
    text = (
        "On Sunday's programme Senator Ole Rask said the plan was fair. Partial transcript:\n\n"
        "HALE: Will you vote for it tomorrow?\n\n"
        "RASK: Yes. It is a fair plan and the people want it.\n\n"
        "HALE: And your colleagues?\n\n"
        "RASK: They will follow, I am sure."
    )
    found = [s for s in statements_in(nlp, text) if s.kind == "direct"]
    assert [(s.speaker, s.speaker_label, s.text) for s in found] == [
        ("", "HALE", "Will you vote for it tomorrow?"),
        ("ole-rask", "", "Yes. It is a fair plan and the people want it."),
        ("", "HALE", "And your colleagues?"),
        ("ole-rask", "", "They will follow, I am sure."),
    ]


def test_capitalised_labels_naming_no_one_in_the_article_are_no_transcript(nlp) -> None:
    text = (
        "Ole Rask spoke in Oslo on Monday.\n\n"
        "UPDATE: The vote was moved to Friday.\n\n"
        "CORRECTION: An earlier version misspelled the town."
    )
    assert all(s.kind != "direct" for s in statements_in(nlp, text))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # the parser makes "According" the root and hangs the clause on the source
        ("According to Karl Weber, the move reeks of fear and desperation.", "the move reeks of fear and desperation"),
        ("According to the radio host Karl Weber, the move reeks of fear.", "the move reeks of fear"),
        # "that" of a noun is part of what was said; only the "that" of a clause goes
        ("Karl Weber said that claim smacked of hypocrisy.", "that claim smacked of hypocrisy"),
        # a cue inside a clause of concession splits the whole claim, not that clause
        ("Though the last vote went smoothly, Karl Weber said, the next one would be far harder.",
         "Though the last vote went smoothly, Karl Weber said, the next one would be far harder"),
    ],
)
def test_the_whole_claim_round_its_source(nlp, text, said) -> None:
    assert [(s.text, s.speaker) for s in statements_in(nlp, text)] == [(said, "karl-weber")]


def test_an_object_the_parser_hung_on_its_complement_is_part_of_what_was_called(nlp) -> None:
    text = 'Karl Weber called Trump a "pathological liar" who is "utterly amoral."'
    assert [(s.text, s.speaker) for s in statements_in(nlp, text)] == [
        ('Trump a "pathological liar" who is "utterly amoral."', "karl-weber")
    ]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Karl Weber questioned whether the plan would survive.", "whether the plan would survive"),
        ("The agency reported at the time that the ship had sunk near the coast.", "the ship had sunk near the coast"),
        ("Karl Weber charges that the donors were paid off.", "the donors were paid off"),
        ('Karl Weber blasted the minister as a "disgrace" on Wednesday.', 'the minister as a "disgrace" on Wednesday'),
    ],
)
def test_more_ways_of_reporting_a_claim(nlp, text, said) -> None:
    assert [s.text for s in statements_in(nlp, text)] == [said]


def test_questioning_someone_is_no_statement(nlp) -> None:
    assert statements_in(nlp, "Police questioned the suspect for hours.") == []


def test_a_bare_participle_after_a_quote_is_who_was_asked_not_its_cue(nlp) -> None:
    text = 'Karl Weber took it as praise. "That makes me smart," when questioned after the debate.'
    assert "" not in [s.speaker for s in statements_in(nlp, text)]


def test_a_speech_verb_of_a_clause_of_time_after_a_quote_is_not_its_cue(nlp) -> None:
    text = ("The spot ends with footage of Karl Weber saying during the debate, “That makes me smart,” "
            "when Ingrid Rask blasted him for not paying income tax.")
    assert [s.speaker for s in statements_in(nlp, text) if s.kind == "direct"] == ["karl-weber"]


def test_a_quote_a_group_calls_something_is_the_groups(nlp) -> None:
    text = ("The Greenpeace campaign is defending its posts. It is denouncing what it calls "
            "\u201cthe biggest coordinated media attack in history.\u201d")
    (statement,) = statements_in(nlp, text)
    assert (statement.speaker, statement.speaker_label) == ("", "The Greenpeace campaign")


def test_a_quote_that_is_the_object_of_a_bodys_verb_is_the_bodys(nlp) -> None:
    text = "In its report, the ministry attacked \u201cthe dangerous ideas of the opposition parties.\u201d"
    assert [s.speaker_label for s in statements_in(nlp, text)] == ["the ministry"]


def test_a_chanted_quote_and_a_likening_are_statements(nlp) -> None:
    chanted = statements_in(nlp, 'Protesters marching through the streets chanted "What curfew?" and kept going.')
    assert [(s.text, s.speaker_label) for s in chanted] == [("What curfew?", "Protesters")]
    likened = statements_in(nlp, 'Karl Weber likened the new rules to "burning the Constitution" in a speech.')
    assert [s.speaker for s in likened] == ["karl-weber"]
    assert statements_in(nlp, "The crowd chanted for hours.") == []


def test_a_verb_of_an_if_clause_after_a_quote_is_not_its_cue(nlp) -> None:
    text = 'Mr Lee spoke first. "We will leave tomorrow," if Ms Park says so.'
    assert "Ms Park" not in [s.speaker_label for s in statements_in(nlp, text)]
