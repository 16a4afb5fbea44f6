"""The second build path: the seeds site rendered by `python -m generator.zensical` and
built by the pinned Zensical (`make site-zensical`), with no MkDocs plugin.

Checks the main pages, the search index and the site's own stylesheets and script.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.render import ASSET_PATHS
from generator.zensical import write_project

ROOT = Path(__file__).resolve().parent.parent.parent
ZENSICAL = Path(sys.executable).parent / "zensical"
SEEDS_DATA = ROOT / "docs" / "data"
FIXTURE = ROOT / "tests" / "fixtures" / "timeline"
MAIN_PAGES = ["index.html", "timeline/index.html", "summits/index.html", "people/index.html",
              "topics/index.html", "sources/index.html", "downloads/index.html", "tags/index.html"]
DOWNLOADS = ["timelinejs.json", "events.ics", "events.csv", "statements.csv", "events.yaml"]


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    if not ZENSICAL.is_file():
        pytest.fail(f"Zensical is not installed at {ZENSICAL}: run `make test` (it installs '.[test]')")
    # The seeds site (the committed extraction of seeds/); the fixture while there is none.
    data, seeds = (SEEDS_DATA, ROOT / "seeds") if (SEEDS_DATA / "events.yaml").is_file() else (
        FIXTURE / "data", FIXTURE / "seeds")
    out = tmp_path_factory.mktemp("zensical")
    config = write_project(out, data=data, seeds=seeds, config=ROOT / "mkdocs.yml")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    build = subprocess.run([str(ZENSICAL), "build", "--strict", "-f", str(config)], cwd=out, env=env,
                           capture_output=True, text=True, timeout=600, check=False)
    assert build.returncode == 0, build.stdout + build.stderr
    return out / "site"


def test_zensical_builds_the_main_pages_and_downloads(zensical_site):
    for page in MAIN_PAGES:
        assert (zensical_site / page).is_file(), page
    assert list((zensical_site / "people").glob("*/index.html")), "no person pages"
    assert list((zensical_site / "summits").glob("*/index.html")), "no summit pages"
    assert list((zensical_site / "sources").glob("*/index.html")), "no source pages"
    for name in DOWNLOADS:
        assert (zensical_site / "downloads" / name).is_file(), name
    assert json.loads((zensical_site / "downloads" / "timelinejs.json").read_text(encoding="utf-8"))["events"]
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert "<title>" in home and "Summit Timeline" in home
    # The navigation the plugin gives MkDocs: the sections in order.
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>\s*)?([A-Z][a-z]+)', home)
    for section in ("Timeline", "Summits", "People", "Topics", "Sources", "Downloads"):
        assert section in nav, (section, nav[:20])


def test_zensical_pages_load_the_sites_own_css_and_js(zensical_site):
    for page in ["index.html", "timeline/index.html", next(iter(sorted((zensical_site / "people").glob(
            "*/index.html")))).relative_to(zensical_site).as_posix()]:
        html = (zensical_site / page).read_text(encoding="utf-8")
        linked = set(re.findall(r'(?:href|src)="([^"]+)"', html))
        for asset in ASSET_PATHS.values():
            url = next((u for u in linked if u.endswith(asset)), None)
            assert url, f"{page} does not load {asset}"
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), url))
            assert (zensical_site / target).is_file(), (page, url)
    shipped = ROOT / "generator" / "render" / "assets" / "site.js"
    assert (zensical_site / ASSET_PATHS["site.js"]).read_bytes() == shipped.read_bytes()


def test_zensical_search_index_holds_the_record_pages(zensical_site):
    index = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    locations = {item["location"].split("#")[0] for item in index["items"]}
    for folder in ("people/", "summits/", "sources/", "events/"):
        assert any(loc.startswith(folder) for loc in locations), (folder, sorted(locations)[:20])
