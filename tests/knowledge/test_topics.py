"""Topic tagging: keyword matching on word boundaries from the topic vocabulary."""

from __future__ import annotations

from generator.knowledge.topics import find_topics, load_topics, topic_labels


def test_finds_topics_by_keyword_in_vocabulary_order():
    text = "The leaders discussed new sanctions, the war in Syria and the INF treaty."
    assert find_topics(text) == ["syria", "arms-control", "sanctions"]


def test_matches_whole_words_only():
    assert find_topics("The gastric infinity of isis flowers") == []


def test_plural_possessive_and_phrases_across_hyphens():
    assert "syria" in find_topics("Syrians returned home")
    assert "nato" in find_topics("NATO's summit")
    assert "cyber-security" in find_topics("a wave of cyber-attacks")


def test_acronyms_match_only_in_capitals():
    assert "nato" not in find_topics("nato is not a word here")


def test_vocabulary_has_labels_for_every_slug():
    labels = topic_labels()
    assert len(labels) == len(load_topics()) >= 15
    assert labels["north-korea"] == "North Korea"
