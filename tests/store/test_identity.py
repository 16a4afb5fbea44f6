"""Ordinary article changes keep every edit: rewording, removing and re-adding an article."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator import store
from generator.model import Source, Statement
from tests.store.test_store import edit, load, make_timeline


def reworded():
    """The same article after the publisher touched it up: one quote and its sentence changed a little."""
    timeline = make_timeline()
    timeline.statements = [
        replace(timeline.statements[0], id="s-1-reworded", text="We agree entirely",
                source=Source("a-1", '"We agree entirely," Lee said.'))
    ]
    return timeline


def test_a_corrected_statement_keeps_its_id_and_edit_when_its_words_change(tmp_path: Path) -> None:
    store.save_timeline(make_timeline(), tmp_path)
    edit(tmp_path / "statements.yaml", "speaker: ann-lee", "speaker: bo-chen")
    store.save_timeline(reworded(), tmp_path)
    statements = load(tmp_path).statements
    assert [(s.id, s.speaker, s.text) for s in statements] == [("s-1", "bo-chen", "We agree entirely")]
    store.save_timeline(reworded(), tmp_path)  # and again: stable
    assert [(s.id, s.speaker) for s in load(tmp_path).statements] == [("s-1", "bo-chen")]


def test_a_deleted_statement_stays_deleted_when_its_words_change(tmp_path: Path) -> None:
    store.save_timeline(make_timeline(), tmp_path)
    path = tmp_path / "statements.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("- id: s-1")] + "[]\n")
    report = store.save_timeline(reworded(), tmp_path)
    assert load(tmp_path).statements == []
    assert report.deleted_by_editor == 1


def test_a_different_quote_of_the_same_article_is_a_new_record(tmp_path: Path) -> None:
    store.save_timeline(make_timeline(), tmp_path)
    edit(tmp_path / "statements.yaml", "speaker: ann-lee", "speaker: bo-chen")
    other = make_timeline()
    other.statements = [
        Statement("s-2", "ann-lee", "Sanctions must end now", "direct",
                  Source("a-1", '"Sanctions must end now," she said.'))
    ]
    store.save_timeline(other, tmp_path)
    assert sorted(s.id for s in load(tmp_path).statements) == ["s-1", "s-2"]  # the edited one kept, not merged


def test_a_reworded_event_keeps_the_editors_title_and_its_statements(tmp_path: Path) -> None:
    first = make_timeline()
    first.statements[0] = replace(first.statements[0], event="oslo-talks")
    store.save_timeline(first, tmp_path)
    edit(tmp_path / "events.yaml", "title: Talks in Oslo", "title: Oslo talks (corrected)")
    later = make_timeline()
    later.events[0] = replace(later.events[0], id="oslo-talks-held", title="Talks held in Oslo",
                              sources=[Source("a-1", "The two leaders met in Oslo on Monday morning.")])
    later.statements[0] = replace(later.statements[0], event="oslo-talks-held")
    store.save_timeline(later, tmp_path)
    timeline = load(tmp_path)
    assert [(e.id, e.title) for e in timeline.events if "oslo" in e.id] == [("oslo-talks", "Oslo talks (corrected)")]
    assert timeline.statements[0].event == "oslo-talks"


def without_the_article(timeline):
    return replace(timeline, articles=[], events=[], statements=[], people=[])


def test_removing_an_article_keeps_edited_records_and_says_so_then_re_adding_keeps_comments(tmp_path: Path) -> None:
    store.save_timeline(make_timeline(), tmp_path)
    edit(tmp_path / "events.yaml", "title: Parliament votes", "title: Parliament votes the budget")
    edit(tmp_path / "statements.yaml", "- id: s-1", "# checked against the recording\n- id: s-1")
    report = store.save_timeline(without_the_article(make_timeline()), tmp_path)
    assert report.notes == [
        "events.yaml: 1 record you edited or commented comes from a.txt (article a-1), which is no longer "
        "in the seeds: kept; delete them or put the article back",
        "statements.yaml: 1 record you edited or commented comes from a.txt (article a-1), which is no longer "
        "in the seeds: kept; delete them or put the article back",
    ]
    events = (tmp_path / "events.yaml").read_text()
    assert "Parliament votes the budget" in events and "oslo-talks" not in events  # untouched ones go
    # The article comes back: every record once, the edit kept, the comment above its own record.
    report = store.save_timeline(make_timeline(), tmp_path)
    assert report.notes == []
    timeline = load(tmp_path)
    assert sorted(e.id for e in timeline.events) == ["oslo-talks", "vote"]
    assert {e.id: e.title for e in timeline.events}["vote"] == "Parliament votes the budget"
    assert "# checked against the recording\n- id: s-1\n" in (tmp_path / "statements.yaml").read_text()
    assert [s.id for s in timeline.statements] == ["s-1"]
