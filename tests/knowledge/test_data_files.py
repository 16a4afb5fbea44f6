"""The knowledge files, shipped and a user's, as the stages read them."""

from __future__ import annotations

import pytest

from generator.knowledge import DATA_DIR, KnowledgeError, load_data


@pytest.fixture
def users_folder(tmp_path, monkeypatch):
    """A user's knowledge folder, read in place of none (load_data keeps what it read)."""
    monkeypatch.setenv("SUMMIT_TIMELINE_KNOWLEDGE", str(tmp_path))
    load_data.cache_clear()
    yield tmp_path
    monkeypatch.delenv("SUMMIT_TIMELINE_KNOWLEDGE")
    load_data.cache_clear()


@pytest.mark.parametrize("name", sorted(path.stem for path in DATA_DIR.glob("*.yaml")))
def test_every_shipped_file_loads(name) -> None:
    assert load_data(name) is not None


def test_a_users_unquoted_on_is_reported_with_its_file_and_place(users_folder) -> None:
    # YAML reads on/off/yes/no as booleans: a word list would silently never match it
    (users_folder / "event_types.yaml").write_text("setting_prepositions: [over, on]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"event_types\.yaml: setting_prepositions\[1\] is read as true"):
        load_data("event_types")


def test_a_users_quoted_word_extends_the_shipped_list(users_folder) -> None:
    (users_folder / "event_types.yaml").write_text('setting_prepositions: ["on", amid]\n', encoding="utf-8")
    words = load_data("event_types")["setting_prepositions"]
    assert words[-2:] == ["on", "amid"] and "during" in words


def test_a_users_named_day_without_a_date_is_reported_with_its_place(users_folder) -> None:
    from generator.dates._lexicon import lexicon

    (users_folder / "time_words.yaml").write_text("named_days: [{date: 26 November, nouns: [attacks]}]\n",
                                                 encoding="utf-8")
    lexicon.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match=r"time_words\.yaml: named_days\[2\] needs a date written YYYY-MM-DD"):
            lexicon()
    finally:
        lexicon.cache_clear()
