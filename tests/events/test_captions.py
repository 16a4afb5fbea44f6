"""Photo captions date happenings too: their events, with sources marked `caption`."""

from __future__ import annotations

from generator import pipeline
from generator.model import Article, Source
from generator.store._records import event_from_mapping, event_to_mapping

BODY = (
    "Anna Berg and Piet Mol spoke by phone on Friday about the harbour dispute.\n\n"
    "The two leaders will meet again in the spring, an aide said."
)
CAPTION = "Anna Berg and Piet Mol at their working lunch in Oslo on 3 May 2019 [Reuters]"


def _analysis(nlp, captions: list[str]):
    article = Article(
        id="a", file="a.txt", part=1, title="Leaders talk", text=BODY, published="2019-06-08", captions=captions
    )
    return pipeline.analyse_article(article, nlp(BODY))


def test_a_caption_dates_a_happening_with_its_source_marked(nlp) -> None:
    events = _analysis(nlp, [CAPTION]).events
    from_caption = [e for e in events if any(s.caption for s in e.sources)]
    (event,) = from_caption
    assert event.date == "2019-05-03"
    assert event.sources == [Source("a", CAPTION, caption=True)]
    assert event.place == "Oslo"
    assert "lunch" in event.title.lower()
    assert len(event.people) == 2  # the article's people, named in the caption
    # the body's events are untouched, and their sources are no captions
    assert all(not s.caption for e in events if e is not event for s in e.sources)
    assert [e for e in _analysis(nlp, []).events if e.date == "2019-05-03"] == []


def test_an_undated_caption_tells_no_happening(nlp) -> None:
    events = _analysis(nlp, ["Anna Berg speaks to reporters in Oslo [Reuters]"]).events
    assert not any(s.caption for e in events for s in e.sources)


def test_the_caption_mark_survives_the_yaml_and_is_left_out_when_unset(nlp) -> None:
    (event,) = [e for e in _analysis(nlp, [CAPTION]).events if e.date == "2019-05-03"]
    mapping = event_to_mapping(event)
    assert mapping["sources"] == [{"article": "a", "text": CAPTION, "caption": True}]
    assert event_from_mapping(mapping).sources == event.sources
    body = {**mapping, "sources": [{"article": "a", "text": "They met."}]}
    assert event_to_mapping(event_from_mapping(body))["sources"] == [{"article": "a", "text": "They met."}]
