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
