"""The editing contract through the real extract: an editor's correction survives the article changing."""

from __future__ import annotations

from pathlib import Path

from generator import pipeline, store

ARTICLE = """Ministers meet in Oslo

Foreign Minister Anna Lindqvist arrived in Oslo on Monday.

"We want a lasting peace in the region," Lindqvist told reporters on Monday.
"""


def statements(data: Path):
    timeline, _ = store.load_timeline(data)
    return timeline.statements


def test_a_corrected_statement_survives_rewording_removal_and_return_of_its_article(tmp_path: Path) -> None:
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    article = seeds / "oslo.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    pipeline.extract(seeds, data, cache_dir=None)
    (statement,) = statements(data)
    path = data / "statements.yaml"
    path.write_text(path.read_text().replace("audience: reporters", "audience: reporters in Oslo"))

    article.write_text(ARTICLE.replace("a lasting peace", "a truly lasting peace"), encoding="utf-8")
    pipeline.extract(seeds, data, cache_dir=None)
    (reworded,) = statements(data)
    assert (reworded.id, reworded.audience) == (statement.id, "reporters in Oslo")
    assert "truly lasting peace" in reworded.text

    article.rename(tmp_path / "oslo.txt")
    report = pipeline.extract(seeds, data, cache_dir=None)
    assert any("statements.yaml: 1 record you edited" in note and "oslo.txt" in note for note in report.save.notes)
    assert [s.audience for s in statements(data)] == ["reporters in Oslo"]

    (tmp_path / "oslo.txt").rename(article)
    report = pipeline.extract(seeds, data, cache_dir=None)
    assert report.save.notes == []
    assert [(s.id, s.audience) for s in statements(data)] == [(statement.id, "reporters in Oslo")]
