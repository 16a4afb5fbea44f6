"""The seeds' events annotation (bench/score_events_seeds.py) stays in step with the seeds."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

from generator import ingest
from generator.model import PartialDate

ROOT = Path(__file__).resolve().parents[2]


def _scorer():
    spec = importlib.util.spec_from_file_location("score_events_seeds", ROOT / "bench" / "score_events_seeds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_seed_part_is_annotated_with_dates_that_parse() -> None:
    gold = yaml.safe_load((ROOT / "tests" / "fixtures" / "events_gold_seeds.yaml").read_text(encoding="utf-8"))
    articles, _ = ingest.read_articles(ROOT / "seeds")
    assert set(gold["parts"]) == {article.id for article in articles}
    for happenings in gold["parts"].values():
        assert happenings and all(PartialDate.parse(str(h["date"])) and h["what"] for h in happenings)
        assert all(PartialDate.parse(str(h["end"])) for h in happenings if "end" in h)
        assert all(set(h) <= {"date", "end", "what", "background"} for h in happenings)


def test_a_day_inside_a_gold_month_is_found_and_background_is_left_out_of_precision() -> None:
    gold = {"p": [{"date": "2021-04", "what": "sanctions"}, {"date": "2021-06-16", "what": "summit"}]}
    events = [
        {"date": "2021-04-15", "sources": [{"article": "p"}]},
        {"date": "2021-06-17", "sources": [{"article": "p"}]},
        {"date": "1939", "background": True, "sources": [{"article": "p"}]},
        {"date": "2021-06-16", "sources": [{"article": "other"}]},
    ]
    rows, misses = _scorer().score(gold, events)
    assert rows == [("p", 1, 2, 1, 2)]
    assert misses == ["p: 2021-06-16"]


def test_a_gold_span_holds_the_days_inside_it_and_background_gold_is_left_out_of_recall() -> None:
    gold = {
        "p": [
            {"date": "2018-03-18", "end": "2018-04-01", "what": "election"},
            {"date": "1939", "what": "pact", "background": True},
        ]
    }
    events = [
        {"date": "2018-03-25", "sources": [{"article": "p"}]},
        {"date": "2018-03", "sources": [{"article": "p"}]},
        {"date": "1939", "sources": [{"article": "p"}]},
    ]
    rows, misses = _scorer().score(gold, events)
    # The month is wider than the span; the 1939 event is right (a gold date) though not background.
    assert rows == [("p", 1, 1, 2, 3)]
    assert misses == []
    assert _scorer().one_to_one(gold, events, background=True) == (1, 1)


def test_two_happenings_of_one_day_need_two_events() -> None:
    gold = {"p": [{"date": "2017-07-07", "what": "meeting"}, {"date": "2017-07-07", "what": "briefing"},
                  {"date": "2017", "what": "walk-out"}]}
    events = [{"date": "2017-07-07", "sources": [{"article": "p"}]}]
    # The one event is spent on a day's happening, not on the year's.
    assert _scorer().one_to_one(gold, events) == (1, 3)
