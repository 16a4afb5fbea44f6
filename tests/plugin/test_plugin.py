"""The MkDocs plugin: builds a tiny project, fails strict builds on bad data, never writes docs/."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

HERE = Path(__file__).resolve().parent.parent  # tests/
FIXTURE = HERE / "fixtures" / "timeline"

MKDOCS_YML = """\
site_name: Tiny timeline
repo_url: https://example.org/repo
edit_uri: edit/main/docs/
theme:
  name: material
plugins:
  - search
  - summit-timeline:
      data_dir: docs/data
      seeds_dir: seeds
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    shutil.copytree(FIXTURE / "data", tmp_path / "docs" / "data")
    shutil.copytree(FIXTURE / "seeds", tmp_path / "seeds")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return tmp_path


def build_site(project: Path, strict: bool = False):
    config = load_config(str(project / "mkdocs.yml"), strict=strict, site_dir=str(project / "site"))
    build(config)
    return config


def test_build_generates_pages_in_memory_and_never_writes_docs(project):
    before = sorted(p.relative_to(project / "docs") for p in (project / "docs").rglob("*"))
    build_site(project, strict=True)
    after = sorted(p.relative_to(project / "docs") for p in (project / "docs").rglob("*"))
    assert before == after, "the plugin wrote into docs/"
    site = project / "site"
    for page in ["index.html", "timeline/index.html", "events/2018/index.html",
                 "summits/helsinki-2018/index.html", "people/anna-petrova/index.html",
                 "topics/sanctions/index.html", "sources/001-helsinki/index.html",
                 "downloads/index.html", "downloads/timelinejs.json", "downloads/events.ics"]:
        assert (site / page).is_file(), page
    assert not (site / "data").exists(), "the YAML sources are not part of the site"


def test_source_page_holds_the_article_text_from_the_seeds(project):
    build_site(project)
    html = (project / "site" / "sources" / "001-helsinki" / "index.html").read_text(encoding="utf-8")
    assert 'id="e-2018-07-16-helsinki-summit">President Donald Trump and President Vladimir Putin' in html


def test_navigation_and_assets_are_added(project):
    config = build_site(project)
    assert [next(iter(item)) for item in config.nav][:3] == ["Home", "Timeline", "Summits"]
    html = (project / "site" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "assets/summit-timeline/site.css" in html and "assets/summit-timeline/site.js" in html


def test_edit_button_opens_the_yaml_file(project):
    build_site(project)
    html = (project / "site" / "people" / "anna-petrova" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/repo/edit/main/docs/data/people.yaml"' in html


def build_error(project: Path, caplog) -> str:
    """What a failed strict build tells the maintainer (MkDocs logs a PluginError, then aborts)."""
    with caplog.at_level(logging.ERROR), pytest.raises((PluginError, Abort)) as failure:
        build_site(project, strict=True)
    return "\n".join([str(failure.value), *(r.getMessage() for r in caplog.records)])


def test_strict_build_fails_naming_file_record_and_field(project, caplog):
    events = project / "docs" / "data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("date: '2018-08-08'", "date: 2018-13-45"), encoding="utf-8")
    message = build_error(project, caplog)
    assert "docs/data/events.yaml:" in message
    assert "2018-08-08-new-sanctions.date" in message and "month" in message


def test_plain_build_warns_and_builds_the_rest(project, caplog):
    events = project / "docs" / "data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("date: '2018-08-08'", "date: 2018-13-45"), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        build_site(project, strict=False)
    assert any("events.yaml" in r.getMessage() and "date" in r.getMessage() for r in caplog.records)
    assert (project / "site" / "summits" / "helsinki-2018" / "index.html").is_file()


def test_missing_data_folder_is_reported(project, caplog):
    shutil.rmtree(project / "docs" / "data")
    assert "summit-timeline extract" in build_error(project, caplog)


def test_serve_watches_the_seeds_so_edits_reload(project):
    from generator.plugin import SummitTimelinePlugin

    config = load_config(str(project / "mkdocs.yml"))
    plugin = next(p for p in config.plugins.values() if isinstance(p, SummitTimelinePlugin))
    config = plugin.on_config(config)
    watched: list[str] = []

    class Server:
        def watch(self, path: str, recursive: bool = True) -> None:
            watched.append(path)

    plugin.on_serve(Server(), config=config, builder=None)
    assert str((project / "seeds").resolve()) in watched
    # docs/data lies inside docs/, which `mkdocs serve` watches already.
    assert str((project / "docs" / "data").resolve()) not in watched


# -- HTML blocks skip Markdown ------------------------------------------------------------


def _convert(text: str) -> str:
    import markdown

    extensions = ["attr_list", "md_in_html", "admonition", "toc"]
    return markdown.markdown(text, extensions=extensions, extension_configs={"toc": {"permalink": True}})


def test_passthrough_gives_the_html_markdown_gives_for_every_generated_page():
    import re

    from generator import ingest
    from generator.plugin._passthrough import Passthrough
    from generator.render import render_site
    from generator.store import load_timeline

    timeline, _ = load_timeline(FIXTURE / "data")
    texts = {a.id: a.text for a in ingest.read_articles(FIXTURE / "seeds")[0]}
    for article in timeline.articles:
        article.text = texts.get(article.id, "")
    passthrough = Passthrough()
    skipped = 0
    for path, page in render_site(timeline).pages.items():
        body = re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.DOTALL)
        hidden = passthrough.hide(body)
        skipped += body.count("\n<") - hidden.count("\n<")
        assert passthrough.restore(_convert(hidden)) == _convert(body), path
    assert skipped > 50, "the HTML blocks were not taken out of the Markdown"


@pytest.mark.parametrize("markdown_text", [
    '<div markdown="1">\n*converted*\n</div>',  # md_in_html converts its inside
    "<p>one</p> and text after it",  # not one element
    "<ol><li>a</li></ol> <ol><li>b</li></ol>",  # elements that do not end their lines
    "<span>inline</span>",  # Markdown wraps it in a paragraph
])
def test_passthrough_leaves_what_markdown_would_change(markdown_text):
    from generator.plugin._passthrough import Passthrough

    passthrough = Passthrough()
    assert passthrough.hide(markdown_text) == markdown_text
    assert passthrough.restore(_convert(markdown_text)) == _convert(markdown_text)


def test_dates_found_are_kept_for_the_next_build(project):
    import json

    build_site(project)
    kept = list((project / ".cache" / "summit-timeline").glob("render-dates-*.json"))
    assert len(kept) == 1 and json.loads(kept[0].read_text(encoding="utf-8"))
    build_site(project)  # reads the file back, finds nothing new
    assert list((project / ".cache" / "summit-timeline").glob("render-dates-*.json")) == kept


def test_a_hostile_name_stays_text_in_the_html_title(project):
    """Material prints `page.title | striptags` unescaped; striptags decodes `&lt;` to `<`."""
    people = project / "docs" / "data" / "people.yaml"
    hostile = "</title><script>alert(1)</script>"
    people.write_text(people.read_text(encoding="utf-8").replace(
        "name: Anna Petrova", f"name: 'Anna {hostile}'"), encoding="utf-8")
    build_site(project)
    html = (project / "site" / "people" / "anna-petrova" / "index.html").read_text(encoding="utf-8")
    title = html[html.index("<title>"):html.index("</head>")]
    assert "<script>alert" not in title
    assert "<title>Anna &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; - Tiny timeline</title>" in title


def test_plain_text_strips_tags_and_escapes_what_they_decoded():
    from generator.plugin import plain_text

    assert plain_text("Q&amp;A &lt;/title&gt;<b>bold</b>") == "Q&amp;A &lt;/title&gt;bold"
    assert plain_text("Vienna") == "Vienna"


def test_strict_build_fails_on_a_source_sentence_no_longer_in_its_article_like_check(project, caplog, capsys):
    from generator.cli import main

    seed = project / "seeds" / "001_helsinki.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("told reporters", "told journalists"), encoding="utf-8")
    assert main(["check", "--data", str(project / "docs" / "data"), "--seeds", str(project / "seeds")]) == 1
    checked = capsys.readouterr().out
    assert "anna-petrova-partner" in checked and "no longer occurs in article '001-helsinki'" in checked
    message = build_error(project, caplog)
    assert "anna-petrova-partner" in message and "no longer occurs in article '001-helsinki'" in message


# -- a broken data file never empties the site ---------------------------------------------------


def break_a_title(project: Path) -> int:
    """The editor's usual slip: a title holding ': ' left unquoted. Returns its line."""
    events = project / "docs" / "data" / "events.yaml"
    lines = events.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines) if line == "  title: Arms control talks stall")
    lines[number] = "  title: Arms control: talks stall"
    events.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def test_a_broken_file_shows_a_banner_and_the_last_good_data(project):
    build_site(project)  # a clean build keeps each file's last good copy (outside docs/)
    line = break_a_title(project)
    build_site(project)
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "No events yet" not in home
    for page in ["index.html", "timeline/index.html", "people/anna-petrova/index.html"]:
        html = (project / "site" / page).read_text(encoding="utf-8")
        assert 'class="st-data-banner" role="alert"' in html, page
        assert f"docs/data/events.yaml:{line}:" in html
        assert "quote a value that contains &#39;: &#39;" in html
    # Readers still see every event, the broken file's included, as it last loaded.
    assert "Arms control talks stall" in (project / "site" / "timeline" / "index.html").read_text(encoding="utf-8")


def test_a_broken_file_without_a_clean_build_before_falls_back_to_the_last_extraction(project):
    data = project / "docs" / "data"
    (data / ".extracted").mkdir()
    shutil.copy(data / "events.yaml", data / ".extracted" / "events.yaml")
    break_a_title(project)
    build_site(project)
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "st-data-banner" in html and ".extracted/events.yaml" in html
    assert "No events yet" not in html


def test_a_strict_build_fails_on_a_broken_file_with_the_check_message(project, caplog):
    line = break_a_title(project)
    message = build_error(project, caplog)
    assert f"docs/data/events.yaml:{line}:" in message
    assert "quote a value that contains ': '" in message


def test_the_banner_goes_once_the_file_is_fixed(project):
    events = project / "docs" / "data" / "events.yaml"
    good = events.read_text(encoding="utf-8")
    break_a_title(project)
    build_site(project)
    events.write_text(good, encoding="utf-8")
    build_site(project)
    assert "st-data-banner" not in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_a_key_written_twice_fails_a_strict_build_located(project, caplog):
    events = project / "docs" / "data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("  place: Crimea\n", "  place: Crimea\n  place: Sevastopol\n", 1), encoding="utf-8")
    message = build_error(project, caplog)
    assert "2014-crimea-annexation.place" in message
    assert "`place` is written twice in this record" in message
