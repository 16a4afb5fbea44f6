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
