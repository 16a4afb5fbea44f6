"""Sentence boundaries of the pipeline: a line break ends a sentence, and no more than that."""

from __future__ import annotations


def test_a_line_break_ends_the_headline_and_the_next_line_starts_one_sentence(nlp) -> None:
    # told that "Michelle" starts a sentence, the parser used to start another at "Obama"
    text = "Storm leaves the coast of Norland in ruins as Maine\n\nMichelle Obama today used her first visit."
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences == ["Storm leaves the coast of Norland in ruins as Maine",
                         "Michelle Obama today used her first visit."]


def test_a_short_sentence_at_a_line_start_still_ends_at_its_full_stop(nlp) -> None:
    sentences = [s.text.strip() for s in nlp("The talks ended.\n\nYes. We left Oslo at noon.").sents]
    assert sentences == ["The talks ended.", "Yes.", "We left Oslo at noon."]


def test_a_wire_dateline_or_a_kicker_is_a_sentence_of_its_own(nlp) -> None:
    # else the parser takes the place for the subject ("OSLO resigns amid criticism")
    for opening in ("OSLO, Norland -", "OSLO, Norland (AP) —", "NEW HAVEN, Conn., Sept. 26 (UPI) —",
                    "Oslo, May 10 (Reuters) -", "OSLO --", "SIX THINGS WE LEARNT —"):
        text = f"Headline\n{opening} The oil minister resigned on Friday amid criticism."
        sentences = [s.text.strip() for s in nlp(text).sents]
        assert sentences == ["Headline", opening, "The oil minister resigned on Friday amid criticism."], opening


def test_a_dash_inside_an_ordinary_opening_stays_in_its_sentence(nlp) -> None:
    # ordinary capitals need an agency to make a dateline; a short capital word is no place
    for text in ("Oslo - the capital - was quiet on Friday.", "BP - the firm - said little on Friday."):
        assert len(list(nlp(text).sents)) == 1, text


def test_no_sentence_starts_with_a_small_letter_after_a_word_or_an_ellipsis(nlp) -> None:
    # an editor's bracket inside a quote, an ellipsis, a clause run on without a comma
    for text in ("“It is sad when Norland makes a gas deal with Oslo [where] we are supposed to guard "
                 "against Oslo,” Lee told allies.",
                 "The tribes would come from all around the hills... it was a wonderful time for us.",
                 "I have got a Midlands accent and I am an introvert, she said."):
        assert len(list(nlp(text).sents)) == 1, text
