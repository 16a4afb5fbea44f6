"""The MkDocs plugin: builds a tiny project, fails strict builds on bad data, never writes docs/."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

HERE = Path(__file__).parent
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
