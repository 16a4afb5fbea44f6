"""Ingest: decoding, front matter, page furniture, splitting, captions, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest import (
    MAX_ARTICLE_CHARS,
    clean_lines,
    decode_article_bytes,
    html_to_text,
    read_article_file,
    read_articles,
)
from tests.conftest import write_files

STORY = (
    "Leaders agree on grain corridor\n"
    "The two leaders met in Vienna on Tuesday.\n"
    "“It was a good day,” the chancellor said.\n"
)


def test_front_matter_gives_metadata_and_is_not_body(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "a.md": "---\ntitle: Grain talks\npublished: 2019-05-02\npublisher: Daily Planet\n"
            "url: https://example.org/a\n---\nThe leaders met on Tuesday.\n"
        },
    )
    (article,), problems = read_articles(tmp_path)
    assert problems == []
    assert (article.title, article.published, article.publisher) == (
        "Grain talks",
        "2019-05-02",
        "Daily Planet",
    )
    assert article.url == "https://example.org/a"
    assert article.published_basis == "front matter"
    assert article.text == "The leaders met on Tuesday."


def test_headline_is_title_and_repeated_headline_dropped(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.txt": "Big news today\n\nBig news today\n\nSomething happened.\n"})
    (article,), _ = read_articles(tmp_path)
    assert article.title == "Big news today"
    assert article.text == "Something happened."


@pytest.mark.parametrize(
    "furniture",
    [
        "Advertisement",
        "Hide AdAdvertisement",
        "12,345 views",
        "1.2K shares",
        "Read more: Why the talks failed",
        "• READ MORE: Another story entirely",
        "Think your friends would be interested? Share this story!",
        "Share:",
        "Print:",
        "Source link",
        "Related Articles",
        "Popular Topics",
    ],
)
def test_page_furniture_lines_are_dropped(furniture: str) -> None:
    assert clean_lines(f"First real line.\n{furniture}\nSecond real line.") == [
        "First real line.",
        "Second real line.",
    ]


def test_ad_marker_glued_to_a_line_is_cut_off_and_the_line_kept() -> None:
    assert clean_lines("Hide AdThe minister said no.") == ["The minister said no."]


def test_prose_that_resembles_furniture_is_kept() -> None:
    lines = ["Views differ on the treaty.", "By contrast, the envoy stayed.", "Share prices fell."]
    assert clean_lines("\n".join(lines)) == lines


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = (
        "The foreign ministers of both countries met in a hotel on the edge\n"
        "of the old town for what officials described as frank and useful\n"
        "talks about the border, trade and the fate of the prisoners held.\n"
    )
    (paragraph,) = clean_lines(wrapped)
    assert paragraph.startswith("The foreign ministers") and paragraph.endswith("held.")


def test_file_with_several_articles_is_split_at_credit_lines(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "digest.txt": "First headline here\nBody one.\nA sub-heading\nMore body one.\n"
            "The Daily Planet with inputs from Agencies\n"
            "Second headline here\nBody two.\nBy Jane Doe for The Daily Planet\n"
            "Third headline\nBody three.\n(Reuters)\n"
        },
    )
    articles, _ = read_articles(tmp_path)
    assert [a.title for a in articles] == ["First headline here", "Second headline here", "Third headline"]
    assert [a.part for a in articles] == [1, 2, 3]
    assert articles[0].text == "Body one.\n\nA sub-heading\n\nMore body one."
    assert articles[1].publisher == "The Daily Planet"
    assert articles[1].byline == "By Jane Doe for The Daily Planet"
    assert len({a.id for a in articles}) == 3


def test_photo_caption_is_kept_apart_from_the_body(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {"a.txt": "Headline of the day\nThe ministers shake hands in Oslo on May 3, 2019 [AFP]\nBody.\n"},
    )
    (article,), _ = read_articles(tmp_path)
    assert article.captions == ["The ministers shake hands in Oslo on May 3, 2019 [AFP]"]
    assert article.text == "Body."


def test_windows_1252_and_latin_1_are_decoded_not_mangled() -> None:
    assert decode_article_bytes("“Café” – naïve".encode("cp1252")) == "“Café” – naïve"
    assert decode_article_bytes("Zürich señor".encode("latin-1")) == "Zürich señor"
    assert decode_article_bytes("\ufeffBOM text".encode()) == "BOM text"
    assert decode_article_bytes("UTF-16 text".encode("utf-16")) == "UTF-16 text"


def test_html_page_saved_as_text_keeps_text_and_drops_tags() -> None:
    page = (
        "<html><head><title>Talks end</title><script>alert(1)</script></head>"
        "<body><p>The envoys met &amp; talked.</p><div>Second <b>paragraph</b>.</div></body></html>"
    )
    assert html_to_text(page).splitlines() == ["Talks end", "The envoys met & talked.", "Second paragraph."]


def test_bad_files_are_reported_and_skipped_while_others_are_processed(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "01 empty.txt": "",
            "02 binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR",
            "03 bad front matter.txt": "---\ntitle: [unclosed\n---\nText.\n",
            "04 good.txt": STORY,
            "05 ünïcode näme.txt": STORY,
            "06 bad date.md": "---\npublished: 2018-02-30\n---\nText.\n",
            "notes.csv": "not,an,article\n",
        },
    )
    articles, problems = read_articles(tmp_path)
    assert [a.file for a in articles] == ["04 good.txt", "05 ünïcode näme.txt"]
    assert all(a.id.isascii() and " " not in a.id for a in articles)
    reasons = {Path(p.file).name: p.message for p in problems}
    assert set(reasons) == {"01 empty.txt", "02 binary.txt", "03 bad front matter.txt", "06 bad date.md"}
    assert "no article text" in reasons["01 empty.txt"]
    assert "binary" in reasons["02 binary.txt"]
    assert "not valid YAML" in reasons["03 bad front matter.txt"]
    assert "not a day of the calendar" in reasons["06 bad date.md"]


def test_very_long_line_is_processed(tmp_path: Path) -> None:
    line = ("The delegates talked about trade. " * 3000)[:100_000]
    write_files(tmp_path, {"long.txt": "Headline\n" + line + "\n"})
    (article,), problems = read_articles(tmp_path)
    assert problems == [] and len(article.text) >= 99_000


def test_oversized_article_is_reported_and_left_out(tmp_path: Path) -> None:
    paragraph = "Word " * 200 + "\n"
    big = "Headline\n" + paragraph * (MAX_ARTICLE_CHARS // len(paragraph) + 10)
    path = write_files(tmp_path, {"huge.txt": big}) / "huge.txt"
    articles, problems = read_article_file(path)
    assert articles == []
    assert "more than" in problems[0].message and "split it" in problems[0].message


def test_twenty_megabyte_file_is_reported_not_crashing(tmp_path: Path) -> None:
    chunk = "Plain words in a very long archive without any by-line at all. " * 1000 + "\n"
    (tmp_path / "archive.txt").write_text("Headline\n" + chunk * 320, encoding="utf-8")
    assert (tmp_path / "archive.txt").stat().st_size > 20_000_000
    write_files(tmp_path, {"ok.txt": STORY})
    articles, problems = read_articles(tmp_path)
    assert [a.file for a in articles] == ["ok.txt"]
    assert Path(problems[0].file).name == "archive.txt"


def test_seeds_split_into_their_article_parts() -> None:
    from tests.conftest import SEEDS

    articles, problems = read_articles(SEEDS)
    assert problems == []
    per_file: dict[str, int] = {}
    for article in articles:
        per_file[article.file] = per_file.get(article.file, 0) + 1
        assert article.title and article.text
        assert "Hide Ad" not in article.text and "Advertisement" not in article.text
    assert sorted(per_file.values()) == [1, 1, 1, 1, 5]
