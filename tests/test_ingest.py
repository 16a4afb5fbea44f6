"""Ingest: decoding, front matter, page furniture, splitting, captions, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest import (
    MAX_ARTICLE_CHARS,
    SeedsFolderError,
    SkippedFile,
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
        "[Video: FULL SPEECH: Senator Ann Lee at the dinner in Oslo (9/17/16) Watch on YouTube.]",
        "RT @annlee: Within food, bread had one of the strongest price increases in December.",
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


@pytest.mark.parametrize("empty", ["null", "~", "Null"])
def test_a_front_matter_value_yaml_calls_null_is_no_value(tmp_path: Path, empty: str) -> None:
    # news corpora write "title: null": the site showed every such article as "null"
    write_files(tmp_path, {"a.txt": f"---\npublished: 2019-05-02\ntitle: {empty}\n---\n{STORY}"})
    (article,), _ = read_articles(tmp_path)
    assert article.title == "Leaders agree on grain corridor"
    assert article.published == "2019-05-02"


def test_a_wire_credit_closes_the_story_and_prose_about_reporting_does_not(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "wire.txt": "Minister resigns over spill\nThe minister resigned on Thursday.\n"
            "(Reporting by Ann Lee; Editing by Bob Roe)\n",
            "prose.txt": "Minister resigns over spill\nReporting by the BBC showed the minister lied.\n",
        },
    )
    articles, _ = read_articles(tmp_path)
    wire, prose = sorted(articles, key=lambda a: a.file, reverse=True)
    assert wire.byline == "(Reporting by Ann Lee; Editing by Bob Roe)"
    assert "Ann Lee" not in wire.text
    assert prose.text == "Reporting by the BBC showed the minister lied." and prose.byline is None


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


def test_a_by_line_under_the_headline_is_the_storys_own_and_splits_nothing(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "wire.txt": "Minister quits over spill\nBy ANN LEE, Associated Press Writer\n"
            "OSLO (AP) — The minister resigned on Thursday.\nShe took the blame.\n",
            "paper.txt": "Minister quits over spill\nShe blamed the rig's owner.\nBy Bob Roe\n"
            "The minister resigned on Thursday.\n",
        },
    )
    articles, _ = read_articles(tmp_path)
    wire = next(a for a in articles if a.file == "wire.txt")
    assert (wire.title, wire.byline) == ("Minister quits over spill", "By ANN LEE, Associated Press Writer")
    assert wire.text.endswith("She took the blame.")
    assert [a.part for a in articles if a.file == "paper.txt"] == [1]  # after the standfirst too
    assert len(articles) == 2


@pytest.mark.parametrize(
    "byline", ["By Ann Lee Planet Staff Writer", "By Ann Lee | Planet.com", "By ANN LEE and BOB ROE"]
)
def test_by_lines_of_the_common_shapes_are_the_storys(tmp_path: Path, byline: str) -> None:
    write_files(tmp_path, {"a.txt": f"Minister quits over spill\n{byline}\nThe minister resigned on Thursday.\n"})
    (article,), _ = read_articles(tmp_path)
    assert (article.byline, article.text) == (byline, "The minister resigned on Thursday.")


def test_a_news_sites_tools_and_highlight_marks_are_page_furniture(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {"a.txt": "STORY HIGHLIGHTS\nNEW: Minister resigns over spill\nE-mail this to a friend\n"
                  "Printable version\nWatch video\nThe minister resigned on Thursday.\n"},
    )
    (article,), _ = read_articles(tmp_path)
    assert article.title == "Minister resigns over spill"
    assert article.text == "The minister resigned on Thursday."


def test_photo_caption_is_kept_apart_from_the_body(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {"a.txt": "Headline of the day\nThe ministers shake hands in Oslo on May 3, 2019 [AFP]\nBody.\n"},
    )
    (article,), _ = read_articles(tmp_path)
    assert article.captions == ["The ministers shake hands in Oslo on May 3, 2019 [AFP]"]
    assert article.text == "Body."


def test_the_line_a_picture_credit_follows_is_the_photos_caption(tmp_path: Path) -> None:
    # a web page's order: stamp, the photo's caption, then the credit glued to the lead
    text = ("Tuesday 3 May 2005 10.15 BST Soldiers patrol the old town during the 2003 war.\n"
            "Photograph: Jane Doe\\/AP Troops left the city on Tuesday.\nMore body.\n")
    write_files(tmp_path, {"a.txt": text})
    (article,), _ = read_articles(tmp_path)
    assert article.captions == ["Soldiers patrol the old town during the 2003 war."]
    assert article.text == "Troops left the city on Tuesday.\n\nMore body."


def test_a_picture_credit_glued_inside_a_line_ends_the_caption_before_it(tmp_path: Path) -> None:
    # heading, caption, credit and lead run together on one line, as some archives keep pages
    text = ("Ferry strike ends Tuesday 3 May 2005 10.15 BST Dock workers wave flags in Oslo "
            "Photograph: Jane Doe/reuters The workers voted on Monday to return.\nMore body.\n")
    write_files(tmp_path, {"a.txt": text})
    (article,), _ = read_articles(tmp_path)
    assert article.captions == ["Dock workers wave flags in Oslo"]
    assert article.text.split("\n\n")[-2:] == ["The workers voted on Monday to return.", "More body."]


def test_bulleted_points_run_into_one_line_are_paragraphs_of_their_own() -> None:
    # a standfirst's points, with the bullet as a text export writes it ("cents")
    line = "cents Ferry strike ends cents Oslo port reopens • Dock workers return"
    assert clean_lines(line) == ["Ferry strike ends", "Oslo port reopens", "Dock workers return"]
    assert clean_lines("Fares for 2010 cents No cap on prices") == ["Fares for 2010", "No cap on prices"]
    # the coin stays
    prices = ["Tickets cost 50 cents More buses run.", "It rose 7 cents a share."]
    assert clean_lines("\n".join(prices)) == prices


def test_prose_that_names_a_photograph_is_no_picture_credit() -> None:
    lines = ["He showed the photograph: Ann Lee/AP staff had taken it.", "The photo: Reuters ran it."]
    assert clean_lines("\n".join(lines)) == lines


def test_a_slash_escaped_once_too_often_is_a_slash(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.txt": "Headline\nThe 9\\/11 attacks changed the 24\\/7 news.\n"})
    (article,), _ = read_articles(tmp_path)
    assert article.text == "The 9/11 attacks changed the 24/7 news."


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


# --- Only files in the seeds folder are read (issue 10, point 4) ---


def _problems_by_name(problems) -> dict[str, str]:
    return {Path(p.file).name: p.message for p in problems}


def test_symlink_to_a_file_outside_the_seeds_folder_is_not_read(tmp_path: Path) -> None:
    secret = write_files(tmp_path, {"secret/config": "[core]\ntoken = s3cr3t-token\n"}) / "secret/config"
    seeds = write_files(tmp_path, {"seeds/ok.txt": STORY}) / "seeds"
    (seeds / "notes.txt").symlink_to(secret)
    articles, problems = read_articles(seeds)
    assert [a.file for a in articles] == ["ok.txt"]
    assert not any("s3cr3t" in a.text or "s3cr3t" in a.title for a in articles)
    message = _problems_by_name(problems)["notes.txt"]
    assert "symbolic link" in message and "not followed" in message and "copy" in message


def test_symlink_to_a_file_inside_the_seeds_folder_is_not_read_either(tmp_path: Path) -> None:
    seeds = write_files(tmp_path, {"seeds/ok.txt": STORY}) / "seeds"
    (seeds / "again.txt").symlink_to("ok.txt")
    articles, problems = read_articles(seeds)
    assert [a.file for a in articles] == ["ok.txt"]
    assert "not followed" in _problems_by_name(problems)["again.txt"]


def test_symlinked_folder_is_not_walked(tmp_path: Path) -> None:
    outside = write_files(tmp_path, {"outside/leak.txt": "Leaked headline\nPrivate text.\n"}) / "outside"
    seeds = write_files(tmp_path, {"seeds/ok.txt": STORY}) / "seeds"
    (seeds / "more").symlink_to(outside, target_is_directory=True)
    (seeds / "more.txt").symlink_to(outside, target_is_directory=True)
    articles, problems = read_articles(seeds)
    assert [a.file for a in articles] == ["ok.txt"]
    reasons = _problems_by_name(problems)
    assert set(reasons) == {"more", "more.txt"}
    assert all("folder" in message and "not followed" in message for message in reasons.values())


def test_symlink_loop_is_reported_by_name(tmp_path: Path) -> None:
    seeds = write_files(tmp_path, {"seeds/ok.txt": STORY}) / "seeds"
    (seeds / "loop.txt").symlink_to("loop.txt")
    (seeds / "ping.txt").symlink_to("pong.txt")
    (seeds / "pong.txt").symlink_to("ping.txt")
    articles, problems = read_articles(seeds)
    assert [a.file for a in articles] == ["ok.txt"]
    reasons = _problems_by_name(problems)
    assert set(reasons) == {"loop.txt", "ping.txt", "pong.txt"}
    assert all("link loop" in message for message in reasons.values())


def _in_a_thread_with_timeout(function, *args, seconds: float = 10.0):
    """The result of `function(*args)`, failing the test instead of hanging on a blocked read."""
    from concurrent.futures import ThreadPoolExecutor
    from concurrent.futures import TimeoutError as FutureTimeout

    pool = ThreadPoolExecutor(max_workers=1)
    try:
        return pool.submit(function, *args).result(timeout=seconds)
    except FutureTimeout:
        pytest.fail(f"{function.__name__} blocked for more than {seconds} s")
    finally:
        pool.shutdown(wait=False)


def test_fifo_is_reported_and_does_not_block(tmp_path: Path) -> None:
    import os

    seeds = write_files(tmp_path, {"seeds/ok.txt": STORY}) / "seeds"
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "to-pipe.txt").symlink_to("pipe.txt")
    try:
        articles, problems = _in_a_thread_with_timeout(read_articles, seeds)
        assert [a.file for a in articles] == ["ok.txt"]
        reasons = _problems_by_name(problems)
        assert "FIFO" in reasons["pipe.txt"] and "not followed" in reasons["to-pipe.txt"]
        with pytest.raises(SkippedFile, match="FIFO"):
            _in_a_thread_with_timeout(read_article_file, seeds / "pipe.txt")
    finally:
        _release_blocked_reader(seeds / "pipe.txt")


def _release_blocked_reader(fifo: Path) -> None:
    """Give a reader stuck on `fifo` (as before the fix) its end of file, so the run can end."""
    import os

    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:  # ENXIO: nobody is reading
        pass


def test_link_swapped_in_after_listing_is_not_followed(tmp_path: Path) -> None:
    secret = write_files(tmp_path, {"secret.txt": "Secret headline\nPrivate text.\n"}) / "secret.txt"
    seeds = write_files(tmp_path, {"seeds/x.txt": STORY}) / "seeds"
    (seeds / "x.txt").unlink()
    (seeds / "x.txt").symlink_to(secret)
    with pytest.raises(SkippedFile, match="not followed"):
        read_article_file(seeds / "x.txt")


def test_char_device_is_not_read(tmp_path: Path) -> None:
    with pytest.raises(SkippedFile, match="device"):
        _in_a_thread_with_timeout(read_article_file, Path("/dev/null"))


# --- Input hygiene (issue 10, point 6) ---


def test_zero_width_space_inside_a_name_is_removed(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.txt": "Summit ends\nVladimir Pu\u200btin met the envoy.\ufeff\u2060\n"})
    (article,), _ = read_articles(tmp_path)
    assert article.text == "Vladimir Putin met the envoy."


def test_bidi_controls_and_soft_hyphens_are_removed(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {"a.txt": "\u202eSummit\u202c ends\nThe \u2066envoy\u2069 arri\u00adved in Vie\u200enna.\n"},
    )
    (article,), _ = read_articles(tmp_path)
    assert (article.title, article.text) == ("Summit ends", "The envoy arrived in Vienna.")


def test_unicode_spaces_become_plain_spaces_in_front_matter_too(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.md": "---\ntitle: Grain\u00a0talks\u202fend\n---\nThe\u3000envoys met.\n"})
    (article,), _ = read_articles(tmp_path)
    assert (article.title, article.text) == ("Grain talks end", "The envoys met.")


def test_text_is_normalised_to_nfc(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.txt": "Summit ends\nThe envoy met Jose\u0301 in Zu\u0308rich.\n"})
    (article,), _ = read_articles(tmp_path)
    assert article.text == "The envoy met Jos\u00e9 in Z\u00fcrich."


def test_utf8_once_read_as_windows_1252_is_repaired(tmp_path: Path) -> None:
    # as scraped corpora carry it: a space before the last byte, "�" for the lost 0x9d of "”"
    body = "The envoyâ€™s aide met MÃ¼ller â€ “ and Leeâ€ ™ s staff called it â€œfairâ€ � at Â£5m. â€œYesâ€\n"
    write_files(tmp_path, {"a.txt": "Summit ends\n" + body})
    (article,), _ = read_articles(tmp_path)
    assert article.text == "The envoy’s aide met Müller – and Lee’s staff called it “fair” at £5m. “Yes”"


def test_text_that_only_looks_like_mojibake_is_kept(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.txt": "Summit ends\nThe café Ã and the sign â€A stay.\n"})
    (article,), _ = read_articles(tmp_path)
    assert article.text == "The café Ã and the sign â€A stay."


def test_nul_and_control_bytes_after_the_first_8_kb_are_removed(tmp_path: Path) -> None:
    filler = "The delegates talked about trade and the border. " * 200
    assert len(filler) > 8192
    write_files(tmp_path, {"a.txt": f"Summit ends\n{filler}\nThe en\x00voy\x07 left\x1b.\n".encode()})
    (article,), problems = read_articles(tmp_path)
    assert problems == []
    assert article.text.endswith("The envoy left.")
    assert not any(ord(ch) < 32 and ch not in "\n" for ch in article.text)


def test_control_characters_from_html_references_are_removed() -> None:
    from generator.ingest import normalise_text

    assert normalise_text(html_to_text("<p>Pu&#8203;tin&#7; spoke.</p><p>End &#x202E;here.</p>")) == (
        "Putin spoke.\nEnd here."
    )


def test_files_giving_one_article_id_get_distinct_ids_and_the_clash_is_reported(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.txt": STORY, "a.md": STORY.replace("Vienna", "Oslo"), "A!.txt": STORY})
    articles, problems = read_articles(tmp_path)
    ids = {a.file: a.id for a in articles}
    assert set(ids) == {"a.txt", "a.md", "A!.txt"}
    assert len(set(ids.values())) == 3
    assert ids["A!.txt"] == "a"  # the first by name keeps the plain id
    assert ids["a.md"].startswith("a-") and ids["a.txt"].startswith("a-")
    reasons = _problems_by_name(problems)
    assert set(reasons) == {"a.md", "a.txt"}
    assert "same article id 'a'" in reasons["a.md"] and "A!.txt" in reasons["a.md"]
    assert "rename" in reasons["a.md"]
    # Stable: the same files give the same ids on every run.
    assert {a.file: a.id for a in read_articles(tmp_path)[0]} == ids


def test_a_later_file_cannot_take_an_id_made_unique_by_a_hash(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.md": STORY, "a.txt": STORY})
    first = {a.file: a.id for a in read_articles(tmp_path)[0]}
    write_files(tmp_path, {f"{first['a.txt']}.txt": STORY})
    articles, _ = read_articles(tmp_path)
    assert len({a.id for a in articles}) == 3


def test_non_latin_file_names_get_distinct_stable_ids(tmp_path: Path) -> None:
    import unicodedata

    names = ["майдан.txt", "переговоры.txt", "峰会.txt", "Zürich summit.txt", "Tromsø.txt"]
    write_files(tmp_path / "all", dict.fromkeys(names, STORY))
    articles, problems = read_articles(tmp_path / "all")
    assert problems == []
    ids = {a.file: a.id for a in articles}
    assert len(set(ids.values())) == 5
    assert all(article_id.isascii() and " " not in article_id for article_id in ids.values())
    # Latin names keep the plain slugs they always had.
    assert (ids["Zürich summit.txt"], ids["Tromsø.txt"]) == ("zurich-summit", "troms")
    # An id depends only on its own name: not on the other files, nor on the
    # name's Unicode form (macOS stores file names decomposed).
    write_files(tmp_path / "alone", {unicodedata.normalize("NFD", "майдан.txt"): STORY})
    assert [a.id for a in read_articles(tmp_path / "alone")[0]] == [ids["майдан.txt"]]


def test_seeds_path_that_is_a_file_is_a_clear_error(tmp_path: Path, capsys) -> None:
    from generator.cli import main

    seeds = write_files(tmp_path, {"x.txt": STORY}) / "x.txt"
    code = main(["extract", "--seeds", str(seeds), "--data", str(tmp_path / "data"), "--no-cache"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"summit-timeline: {seeds} is a file, not a folder" in err
    assert "--seeds DIR" in err and "Traceback" not in err
    assert not (tmp_path / "data").exists()


def test_missing_seeds_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SeedsFolderError, match="does not exist: pass the folder"):
        read_articles(tmp_path / "nowhere")


def test_zero_width_space_does_not_split_a_person(tmp_path: Path) -> None:
    import yaml

    from generator import pipeline

    seeds = write_files(
        tmp_path,
        {
            "seeds/a.md": "---\npublished: 2019-05-02\n---\nLeaders meet in Vienna\n"
            "Foreign Minister Ingrid Vol\u200bkova met the Austrian chancellor in Vienna on Tuesday. "
            "\u201cThe talks were useful,\u201d Volkova told reporters after the meeting.\n"
        },
    ) / "seeds"
    pipeline.extract(seeds, tmp_path / "data", cache_dir=None)
    people = yaml.safe_load((tmp_path / "data" / "people.yaml").read_text(encoding="utf-8"))
    statements = yaml.safe_load((tmp_path / "data" / "statements.yaml").read_text(encoding="utf-8"))
    assert [(person["name"], person["aliases"]) for person in people] == [("Ingrid Volkova", ["Volkova"])]
    assert [statement["speaker"] for statement in statements] == [people[0]["id"]]


@pytest.mark.parametrize(
    "front_matter, reason",
    [
        ("title: " + "[" * 100_000 + "]" * 100_000, "deep"),
        ('a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
         "c: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\ntitle: x", "alias"),
    ],
)
def test_hostile_front_matter_skips_the_file_with_a_located_message(
    tmp_path: Path, front_matter: str, reason: str
) -> None:
    # Without the data files' bounds, deep nesting raised RecursionError and aliases
    # multiplied memory: the whole extract stopped instead of skipping one file.
    write_files(tmp_path, {"bad.txt": f"---\n{front_matter}\n---\n{STORY}", "good.txt": STORY})
    articles, problems = read_articles(tmp_path)
    assert [a.file for a in articles] == ["good.txt"]
    (problem,) = problems
    assert "bad.txt" in problem.file and "front matter is not valid YAML (front matter line" in problem.message


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Photograph: Jane Doe/AP The minister said no.", "The minister said no."),
        ("Photograph: Jane Doe\\/AFP\\/Getty Images The minister said no.", "The minister said no."),
        ("Photograph: Reuters The minister said no.", "The minister said no."),
        ("Photograph: al-Jazeera/Reuters The minister said no.", "The minister said no."),
        ("Photograph: Jane Doe for the Guardian The minister said no.", "The minister said no."),
        ("Jane Doe\\/Reuters The minister said no.", "The minister said no."),
        ("10.15 am EDT: The minister said no.", "The minister said no."),
        ("9.19am: The minister said no.", "The minister said no."),
        ("The minister said no This article appeared on p12 of the Main section of the Daily Paper.",
         "The minister said no"),
        ("A version appeared on p3 of the Main section section on Friday Follow the latest news on Twitter", ""),
        ("This article was amended on 8 May 2010 to correct a figure.", ""),
        ("The minister said no. · This article was corrected on Thursday 2 May 2019.", "The minister said no."),
        ("Posted by Ann Lee at 10:48 AM | Comments (2) | Permalink Next post", ""),
        ("I agree with the minister. Posted by Ann Lee on May 1, 2005 12:21 PM.", "I agree with the minister."),
        ("The post was written by Ann Lee on Monday at 10.48.", "The post was written by Ann Lee on Monday at 10.48."),
        ("Follow all the top stories of the day on Twitter with our team annlee: #Talks resume last March", ""),
    ],
)
def test_picture_credits_clock_stamps_and_print_notes_are_cut_from_a_line(line: str, kept: str) -> None:
    assert clean_lines(f"{line}\nSecond real line.") == [*([kept] if kept else []), "Second real line."]


def test_prose_with_a_slash_or_a_time_is_kept() -> None:
    lines = ["He met the AP/Reuters team.", "The 9/11 attacks changed everything.", "At 10.15 the talks began."]
    assert clean_lines("\n".join(lines)) == lines


# --- publication stamps glued into a line -------------------------------------------------------

STAMPED = (
    "Ferry strike ends Dock workers accept the new pay offer Tuesday 4 May 2010 08.43 BST "
    "Dock workers voted to return to work on Monday.\n"
    "The ferries sail again today.\n"
)


def test_stamp_splits_headline_from_body_and_dates_the_article(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.txt": STAMPED})
    (article,), _ = read_articles(tmp_path)
    assert article.title == "Ferry strike ends Dock workers accept the new pay offer"
    # The headline and standfirst tell the news: they stay the text's first paragraph, on their own.
    assert article.text.split("\n\n")[:2] == [
        "Ferry strike ends Dock workers accept the new pay offer",
        "Dock workers voted to return to work on Monday.",
    ]
    assert "BST" not in article.text
    assert (article.published, article.published_basis) == (
        "2010-05-04",
        'publication stamp "Tuesday 4 May 2010 08.43 BST"',
    )


def test_front_matter_date_wins_over_stamp(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.txt": "---\npublished: 2010-05-05\n---\n" + STAMPED})
    (article,), _ = read_articles(tmp_path)
    assert (article.published, article.published_basis) == ("2010-05-05", "front matter")
    assert "08.43" not in article.text


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        # month first, a.m./p.m. clock, a label before the stamp
        (
            "Posted: March 3, 2011 9:15 pm EST The mayor resigned.",
            ["Posted: March 3, 2011 9:15 pm EST", "The mayor resigned."],
        ),
        # a stamp that opens the line
        ("Sunday 6 March 2011 10:05 GMT It rained all day.", ["Sunday 6 March 2011 10:05 GMT", "It rained all day."]),
        # a stamp that closes the line
        ("Mayor quits Fri 4 Feb 2011 17.20 CET", ["Mayor quits", "Fri 4 Feb 2011 17.20 CET"]),
    ],
)
def test_stamp_forms(line: str, pieces: list[str]) -> None:
    assert clean_lines(line) == pieces


@pytest.mark.parametrize(
    "line",
    [
        "The blast came on Tuesday 20 April 2010 at 21.49 CDT, officials said.",  # a date the sentence tells
        "The talks closed on 4 May 2010 at 8.43 in the evening.",  # no zone: no stamp
        "Crowds gathered 4 May 2010 08.43 bst said nobody.",  # a zone is written in capitals
    ],
)
def test_dates_in_prose_are_no_stamp(line: str) -> None:
    assert clean_lines(line) == [line]


def test_stamp_with_no_real_day_is_dropped_without_a_date(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.txt": "Storm hits the coast 31 February 2010 08.43 GMT Rain fell on Monday.\n"})
    (article,), _ = read_articles(tmp_path)
    assert (article.title, article.text, article.published) == (
        "Storm hits the coast",
        "Storm hits the coast\n\nRain fell on Monday.",
        None,
    )


def test_a_headline_on_its_own_line_before_the_body_is_still_the_title_only(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.txt": "Ferry strike ends\nDock workers voted to return to work on Monday.\n"})
    (article,), _ = read_articles(tmp_path)
    assert (article.title, article.text) == ("Ferry strike ends", "Dock workers voted to return to work on Monday.")


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Storm hits coast Storms lashed the northern coast of Norland on Monday.", "Storm hits coast"),
        ("Minister quits over scandal The Norland minister Ann Lee resigned over the scandal yesterday.",
         "Minister quits over scandal"),
        # the last place a capital follows: "Lee wins key Oslo vote" is all headline
        ("Lee wins key Oslo vote Ann Lee won the vote in Oslo by a wide margin.", "Lee wins key Oslo vote"),
    ],
)
def test_a_headline_glued_to_its_first_sentence_is_split_off(line: str, headline: str) -> None:
    assert clean_lines(line) == [headline, line[len(headline) + 1:]]


@pytest.mark.parametrize(
    "line",
    [
        "Ministers told reporters Lee would attend, and the ministers agreed.",  # reported speech
        "The talks in Oslo ended as Lee left Oslo for the talks in Rome.",  # an article: a sentence
        "In recent weeks Lee has visited Oslo twice in as many weeks.",  # a sentence's opening phrase
        "“We met in Oslo,” Lee said after the meeting in Oslo.",  # a quote
        "Norland's prime minister Ann Lee met the prime minister of Sudmark.",  # a name in apposition
        "Rebels seized three Norland towns and held the towns for days.",  # an object after a number
    ],
)
def test_a_sentence_is_not_split_as_a_glued_headline(line: str) -> None:
    assert clean_lines(line) == [line]
