"""The built site in a real browser (Debian's headless Chromium driven by Playwright).

The fixture site (tests/fixtures/timeline: hand-written data and articles,
one with hostile text) is built once per session with `mkdocs build` and
served from 127.0.0.1; the browser never leaves it. A second small site, written
by `write_hostile_fixture`, puts markup in every name, title, topic and headline.
Tests wait for conditions (Playwright's `expect`, `wait_for`), never for a time. The screenshots for the
README are taken of the site built from the committed data in docs/data
(or of the fixture site while that data does not exist yet).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import urllib.request
from collections.abc import Iterator
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.site.conftest import CHROMIUM, serve_folder

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "timeline"
# The README's screenshots are refreshed with `make screenshots`
# (UPDATE_SCREENSHOTS=1); an ordinary run takes them into a temporary folder
# so that `make test` leaves the work tree clean.
README_SCREENSHOTS = ROOT / "docs" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                       "(apt-get install chromium; CI's .ci/run installs it)"),
]


def build_project(base: Path, data: Path, seeds: Path, site_url: str) -> Path:
    """A copy of the project's site setup around `data` and `seeds`, built; the site folder.

    `site_url` is where it will be served: Material's instant navigation only
    follows links it finds in the sitemap, which needs the real address.
    """
    project = base / "project"
    (project / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(data, project / "docs" / "data", ignore=shutil.ignore_patterns(".extracted"))
    shutil.copytree(seeds, project / "seeds")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = base / "site"
    build(load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(site), site_url=site_url))
    return site


@contextlib.contextmanager
def served_build(base: Path, data: Path, seeds: Path) -> Iterator[tuple[Path, str]]:
    """Build into base/site and serve it on 127.0.0.1; (site folder, its URL)."""
    with serve_folder(base / "site") as url:
        yield build_project(base, data, seeds, url), url


def has_real_data() -> bool:
    return (ROOT / "docs" / "data" / "events.yaml").is_file()


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    with served_build(tmp_path_factory.mktemp("fixture"), FIXTURE / "data", FIXTURE / "seeds") as built:
        yield built


@pytest.fixture(scope="session")
def fixture_site(fixture_build) -> Path:
    return fixture_build[0]


@pytest.fixture(scope="session")
def base_url(fixture_build) -> str:
    return fixture_build[1]


# Breaks out of <title> if a template decodes it, and runs as HTML anywhere it is not escaped.
HOSTILE = '</title><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
HOSTILE_SENTENCE = "Envoys met in Geneva on March 3, 2021, for their summit."


def write_hostile_fixture(base: Path) -> tuple[Path, Path]:
    """Data and seeds with HOSTILE in every field that becomes a heading, a title or a label."""
    import yaml

    data, seeds = base / "data", base / "seeds"
    data.mkdir(parents=True)
    seeds.mkdir(parents=True)
    headline = f"Headline {HOSTILE}"
    (seeds / "001_hostile.txt").write_text(
        f"---\ntitle: {json.dumps(headline)}\npublished: 2021-03-04\n---\n{headline}\n\n"
        f"{HOSTILE_SENTENCE}\n\nThe envoy said the talks went well.\n", encoding="utf-8")
    records = {
        "articles": [{"id": "001-hostile", "file": "001_hostile.txt", "part": 1, "title": headline,
                      "published": "2021-03-04", "published_basis": "front matter",
                      "publisher": f"Wire {HOSTILE}", "url": "https://example.org/a"}],
        "people": [{"id": "envoy", "name": f"Envoy {HOSTILE}", "role": f"Role {HOSTILE}",
                    "country": f"Land {HOSTILE}", "aliases": []}],
        "events": [{"id": "2021-03-03-geneva", "date": "2021-03-03", "title": f"Summit {HOSTILE}",
                    "summary": f"Summary {HOSTILE}", "type": "summit", "people": ["envoy"],
                    "place": "Geneva", "topics": [f"topic {HOSTILE}"],
                    "sources": [{"article": "001-hostile", "text": HOSTILE_SENTENCE}], "importance": 5},
                   {"id": "2021-03-04-talks", "date": "2021-03-04", "title": f"Talks {HOSTILE}",
                    "summary": f"Later {HOSTILE}", "type": f"talks {HOSTILE}", "people": ["envoy"],
                    "place": f"Bern {HOSTILE}", "topics": [],
                    "sources": [{"article": "001-hostile", "text": "The envoy said the talks went well."}]}],
        "statements": [{"id": "envoy-well", "speaker": "envoy", "text": f"the talks went well {HOSTILE}",
                        "kind": "indirect", "date": "2021-03-03", "audience": f"press {HOSTILE}",
                        "event": "2021-03-03-geneva", "topics": [f"topic {HOSTILE}"],
                        "source": {"article": "001-hostile", "text": "The envoy said the talks went well."}}],
    }
    for kind, rows in records.items():
        (data / f"{kind}.yaml").write_text(yaml.safe_dump(rows, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
    return data, seeds


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    base = tmp_path_factory.mktemp("hostile")
    data, seeds = write_hostile_fixture(base / "input")
    with served_build(base, data, seeds) as built:
        yield built


def open_page(browser, width: int = 1280, javascript: bool = True):
    """A fresh page that may only talk to 127.0.0.1 and fails the test on a dialog."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    return page


@pytest.fixture
def page(browser):
    page = open_page(browser)
    yield page
    page.context.close()


def fixture_events() -> list[dict]:
    import yaml

    return yaml.safe_load((FIXTURE / "data" / "events.yaml").read_text(encoding="utf-8"))


def visible_events(page) -> int:
    return page.locator("li.st-event:visible").count()


def expect(target):
    """Playwright's retrying assertions: they wait for the condition (5 s), never a fixed time."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def expect_events(page, count: int) -> None:
    expect(page.locator("li.st-event:visible")).to_have_count(count)


def open_timeline(page, url: str) -> None:
    """Go to `url` and wait until site.js has set the filters up (they act on what is shown)."""
    page.goto(url)
    page.locator("form.st-filters[data-ready]").wait_for(state="attached")


# -- the timeline -------------------------------------------------------------------


def test_timeline_shows_every_event(page, base_url):
    page.goto(base_url + "timeline/")
    titles = page.locator("li.st-event .st-event-title").all_inner_texts()
    assert len(titles) == len(fixture_events()) == visible_events(page)
    assert "Trump–Putin summit in Helsinki" in titles
    # The visual timeline leaves background out, as the list shows it apart under "Background".
    assert page.locator(".st-visual .st-dot").count() == len([e for e in fixture_events() if not e.get("background")])


def test_visual_timeline_is_one_named_tab_stop_and_silent_for_screen_readers(browser, base_url):
    page = open_page(browser, width=375)
    open_timeline(page, base_url + "timeline/")
    region = page.get_by_role("region", name=re.compile("^Visual timeline"))
    assert region.count() == 1
    # Role queries skip what aria-hidden hides: no dot is a link a screen reader meets twice.
    assert page.locator(".st-visual").get_by_role("link").count() == 0
    assert page.locator(".st-visual .st-dot").count() > 0
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('st-visual-scroll')"):
            break
    else:
        pytest.fail("Tab never reached the visual timeline")
    before = region.evaluate("el => el.scrollLeft")
    page.keyboard.press("ArrowLeft")  # it opens on the latest events, at the right end
    page.wait_for_function(f"document.querySelector('.st-visual-scroll').scrollLeft < {before}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "person", "a dot took keyboard focus"
    page.context.close()


def test_filter_narrows_the_timeline_and_clearing_restores_it(page, base_url):
    open_timeline(page, base_url + "timeline/")
    total = visible_events(page)
    page.select_option("form.st-filters select[name=topic]", "sanctions")
    expect_events(page, 1)
    expect(page.locator(".st-filter-status")).to_contain_text("Showing 1 of")
    expect(page).to_have_url(re.compile(r"topic=sanctions"))
    expect(page.locator("h3:visible", has_text="July 2018")).to_have_count(0)  # empty months hide
    page.click("form.st-filters button[type=reset]")
    expect_events(page, total)
    expect(page).not_to_have_url(re.compile(r"topic="))


def test_filters_combine_and_can_be_linked_to(page, base_url):
    open_timeline(page, base_url + "timeline/?person=vladimir-putin&type=summit")
    expect_events(page, 1)
    page.check("form.st-filters input[name=key]")
    expect(page).to_have_url(re.compile(r"key=1"))
    expect_events(page, 1)
    open_timeline(page, base_url + "timeline/?summit=helsinki-2018")
    expect(page.locator(".st-filter-status")).not_to_be_empty()
    in_window = visible_events(page)
    assert 1 < in_window < len(fixture_events())


def test_filters_work_after_instant_navigation(page, base_url):
    page.goto(base_url)
    page.evaluate("window.__samePage = true")  # survives only if the page is not reloaded
    page.locator(".st-counts a[href$='timeline/']").first.click()
    page.wait_for_url(re.compile(r"/timeline/$"))
    # The URL changes before the new page is swapped in: wait for site.js to set it up.
    page.locator("form.st-filters[data-ready]").wait_for(state="attached")
    assert page.evaluate("window.__samePage === true"), "instant navigation did not swap the page"
    page.select_option("form.st-filters select[name=type]", "summit")
    expect_events(page, 1)


def test_timeline_is_complete_without_javascript(browser, base_url):
    page = open_page(browser, javascript=False)
    page.goto(base_url + "timeline/")
    assert visible_events(page) == len(fixture_events())
    assert not page.locator("form.st-filters").is_visible()
    page.context.close()


# -- search, links, sources ------------------------------------------------------------


def search(page, base_url: str, words: str) -> str:
    """Type into Material's search box; the text of the results."""
    page.goto(base_url)
    page.locator("label[for=__search]:visible, input.md-search__input:visible").first.click()
    # Typed key by key, as a reader does: Material searches on keyboard input.
    page.locator("input.md-search__input").press_sequentially(words)
    # Results follow the typing (and the index loading), and each keystroke renders the list
    # again: wait for a list that holds every word, and take its text in that same moment.
    found = page.wait_for_function(
        """(words) => {
            const list = document.querySelector(".md-search-result__list");
            const text = list ? list.innerText : "";
            return words.every((w) => text.toLowerCase().includes(w.toLowerCase())) ? text : null;
        }""",
        arg=words.split(),
        timeout=15000,
    )
    return found.json_value()


def test_search_finds_helsinki(page, base_url):
    results = search(page, base_url, "Helsinki")
    assert "Helsinki" in results
    assert page.locator(".md-search-result__item").count() >= 1


def test_search_finds_a_statement_by_its_words(page, base_url):
    assert "negative situation" in search(page, base_url, "negative situation").lower()


def test_source_link_lands_on_the_highlighted_sentence(page, base_url):
    page.goto(base_url + "events/2018/")
    link = page.locator("a.st-source-link[href*='#e-2018-07-16-helsinki-summit']").first
    link.click()
    page.wait_for_url(re.compile(r"/sources/001-helsinki/#e-2018-07-16-helsinki-summit$"))
    target = page.locator("mark#e-2018-07-16-helsinki-summit")
    target.wait_for()
    assert target.evaluate("el => el.tagName") == "MARK"
    assert "st-hl-event" in target.get_attribute("class")
    assert "met in Helsinki on July 16, 2018" in target.inner_text()
    expect(target).to_be_in_viewport()
    # Outlined as :target, or by site.js where instant navigation left :target unset.
    expect(target).not_to_have_css("outline-style", "none")


PHOTO_CAPTION = "Anna Berg and Piet Mol at their working lunch in Oslo on 3 May 2019 [Reuters]"


def test_event_from_a_photo_caption_links_to_the_caption(browser, tmp_path):
    """Extracted from a caption, the event's source link lands on that caption, highlighted."""
    import yaml

    from generator import pipeline

    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    (seeds / "001_oslo.txt").write_text(
        f"---\ntitle: Leaders talk harbour\npublished: 2019-06-08\n---\nLeaders talk harbour\n\n{PHOTO_CAPTION}\n\n"
        "Anna Berg and Piet Mol spoke by phone on Friday about the harbour dispute.\n", encoding="utf-8")
    pipeline.extract(seeds, data, cache_dir=None)
    events = yaml.safe_load((data / "events.yaml").read_text(encoding="utf-8"))
    (event,) = [e for e in events if any(s.get("caption") for s in e["sources"])]
    anchor = f"e-{event['id']}"
    with served_build(tmp_path / "build", data, seeds) as (_, url):
        page = open_page(browser)
        page.goto(url + "events/2019/")
        page.locator(f"a.st-source-link[href*='#{anchor}']").first.click()
        page.wait_for_url(re.compile(rf"/sources/001-oslo/#{re.escape(anchor)}$"))
        target = page.locator(f".st-captions mark#{anchor}")
        target.wait_for()
        assert "st-hl-event" in target.get_attribute("class")
        assert "working lunch in Oslo on 3 May 2019" in target.inner_text()
        expect(target).to_be_in_viewport()
        # The page's own list of facts says where it stands, and links there too.
        expect(page.locator(f".st-facts a[href$='/001-oslo/#{anchor}']")).to_have_text("in a photo caption")
        page.context.close()


def test_statement_link_on_a_person_page_lands_on_the_quote(page, base_url):
    page.goto(base_url + "people/anna-petrova/")
    page.locator("a.st-source-link[href*='#s-anna-petrova-partner']").first.click()
    page.wait_for_url(re.compile(r"/sources/001-helsinki/#s-anna-petrova-partner$"))
    target = page.locator("mark#s-anna-petrova-partner")  # once the new page is swapped in
    target.wait_for()
    assert "st-hl-statement" in target.get_attribute("class")
    assert "a partner, not a competitor" in target.inner_text()


def test_summit_page_shows_each_side_in_its_own_tab(page, base_url):
    page.goto(base_url + "summits/helsinki-2018/")
    tabs = page.locator(".st-sides .tabbed-labels label")
    expect(tabs).to_have_text([re.compile(r"^Russia \(\d+\)$"), re.compile(r"^United States \(\d+\)$")])
    russia, usa = page.locator(".st-side").nth(0), page.locator(".st-side").nth(1)
    expect(russia).to_be_visible()
    expect(usa).to_be_hidden()
    assert "a partner, not a competitor" in russia.inner_text()
    tabs.nth(1).click()
    expect(usa).to_be_visible()
    expect(russia).to_be_hidden()
    assert "a competitor" in usa.inner_text()


def test_on_a_phone_the_second_side_is_one_tap_away(browser, base_url):
    """Side by side columns stacked on a phone put the second side after all of the first."""
    page = open_page(browser, width=375)
    page.goto(base_url + "summits/helsinki-2018/")
    second = page.locator(".st-sides .tabbed-labels label").nth(1)
    tabs_top = second.evaluate("el => el.getBoundingClientRect().top + window.scrollY")
    said_top = page.locator("#said").evaluate("el => el.getBoundingClientRect().top + window.scrollY")
    assert tabs_top - said_top < 600, "the second side's tab is not near the section's start"
    second.click()
    heading = page.locator(".st-side h3").nth(1)
    expect(heading).to_be_visible()
    top = heading.evaluate("el => el.getBoundingClientRect().top + window.scrollY")
    assert top - tabs_top < 200  # its statements start right below the tabs
    page.context.close()


def test_visual_timeline_opens_on_the_latest_events(browser, base_url):
    page = open_page(browser, width=375)
    open_timeline(page, base_url + "timeline/")
    page.locator(".st-visual-scroll[data-scrolled]").wait_for(state="attached")
    frame = page.locator(".st-visual-scroll")
    at_end = frame.evaluate("el => el.scrollWidth - el.clientWidth - el.scrollLeft <= 1")
    assert at_end, "the drawing opens on its oldest events"
    latest = fixture_events()[-1]["id"]  # in date order in the fixture
    dot = page.locator(f".st-visual a[data-event='e-{latest}']")
    expect(dot).to_be_in_viewport()
    page.context.close()


# -- phone, dark mode, safety ---------------------------------------------------------------

PHONE_PAGES = ["", "timeline/", "events/2018/", "summits/helsinki-2018/", "people/anna-petrova/",
               "sources/001-helsinki/", "sources/002-hostile/", "topics/", "downloads/"]


def test_no_horizontal_scroll_on_a_375_pixel_phone(browser, base_url):
    page = open_page(browser, width=375)
    for path in PHONE_PAGES:
        page.goto(base_url + path)
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"{path or 'home'} scrolls sideways at 375 px: {widths}"
    page.context.close()


def test_dark_mode_toggle(page, base_url):
    page.goto(base_url + "timeline/")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme)


CONTRAST = """(selector) => {
  const parse = (c) => {
    const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const el = document.querySelector(selector);
  let node = el, bg = null;
  while (node && !bg) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c[3] > 0.99) bg = c;
    node = node.parentElement; }
  bg = bg || [255, 255, 255, 1];
  const fg = parse(getComputedStyle(el).color);
  const mixed = [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
  const [a, b] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


SMALL_TEXT = {
    "timeline/": [".st-event .st-nsources", ".st-event .st-event-meta", ".st-key-badge", ".st-lead",
                  "form.st-filters .md-button"],
    "sources/001-helsinki/": [".st-fact-statement", ".st-words.st-reported", ".st-meta-list .st-note"],
    "people/anna-petrova/": [".st-statement figcaption", ".st-statement blockquote"],
    "topics/sanctions/": [".st-entries > li"],
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_small_and_muted_text_has_enough_contrast(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    for path, selectors in SMALL_TEXT.items():
        page.goto(base_url + path)
        for selector in selectors:
            ratio = page.evaluate(CONTRAST, selector)
            assert ratio >= 4.5, f"{selector} on {path} has contrast {ratio:.2f}:1 in the {scheme} scheme"
    context.close()


def test_filters_are_reachable_by_keyboard(page, base_url):
    open_timeline(page, base_url + "timeline/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "topic":
            break
    else:
        pytest.fail("Tab never reached the topic filter")
    page.keyboard.press("ArrowDown")  # a focused <select> changes with the arrow keys
    expect(page.locator(".st-filter-status")).not_to_be_empty()
    assert visible_events(page) < len(fixture_events())


# Run in the page: markup that HOSTILE would have made, had it been parsed as HTML anywhere.
INJECTED = """() => [...document.querySelectorAll('script:not([src]), img[src="x"], [onerror]')]
  .filter(el => el.matches('img, [onerror]') || el.textContent.includes('__pwned')).length"""


def assert_no_script_ran(page, where: str) -> None:
    page.wait_for_load_state("load")  # an <img onerror> has fired by then
    assert page.evaluate("typeof window.__pwned") == "undefined", where
    assert page.evaluate(INJECTED) == 0, f"{where}: hostile text became markup"
    assert page.dialogs == [], where


def test_hostile_article_text_runs_no_script(page, base_url):
    for path in ["sources/002-hostile/", "events/2018/", "timeline/", "summits/helsinki-2018/", "sources/"]:
        page.goto(base_url + path)
        assert_no_script_ran(page, path)
    page.goto(base_url + "sources/002-hostile/")
    text = page.locator("article").inner_text()
    assert "<script>window.__pwned = 1</script>" in text and "{{ config.site_name }}" in text
    assert page.locator("article a[href^='javascript']").count() == 0


def hostile_pages(site: Path) -> list[str]:
    """Every page of the hostile site (event, person, source, summit, topic, lists, downloads)."""
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))


def test_hostile_titles_names_and_topics_run_no_script(browser, hostile_build):
    """HOSTILE in a headline, name, title, topic, summary and statement: shown as text, never run."""
    site, url = hostile_build
    pages = [p.replace("./", "") for p in hostile_pages(site)]
    for needed in ["events/2021/", "people/envoy/", "sources/001-hostile/", "timeline/", "downloads/"]:
        assert needed in pages
    assert any(p.startswith("summits/geneva") for p in pages) and any(p.startswith("topics/topic") for p in pages)
    page = open_page(browser)
    for path in pages:
        page.goto(url + path)
        assert_no_script_ran(page, path or "home")
        # A page named by the hostile value says so in its <title> too, as text.
        if any(HOSTILE in heading for heading in page.locator(".md-content h1").all_inner_texts()):
            assert HOSTILE in page.title(), path
    # The values are visible as the text they are: headings, navigation, lists, statements.
    expected = {"people/envoy/": ["Envoy " + HOSTILE, "the talks went well " + HOSTILE, "press " + HOSTILE],
                "sources/001-hostile/": ["Headline " + HOSTILE, "Wire " + HOSTILE],
                "events/2021/": ["Summit " + HOSTILE, "Summary " + HOSTILE, "Talks " + HOSTILE],
                "timeline/": ["Summit " + HOSTILE, "Later " + HOSTILE]}
    for path, texts in expected.items():
        page.goto(url + path)
        article = page.locator("article").inner_text()
        for text in texts:
            assert text in article, f"{path} does not show {text!r} as text"
        assert HOSTILE in page.locator("nav.md-nav--primary").first.text_content(), path
    summit = next(p for p in pages if p.startswith("summits/geneva"))
    page.goto(url + summit)
    assert page.title().startswith("Summit " + HOSTILE)
    assert "topic " + HOSTILE in page.locator("article").inner_text().lower()
    # The table of contents (secondary navigation) holds the page's own headings.
    assert "md-nav--secondary" in page.content()
    assert_no_script_ran(page, summit)
    page.context.close()


def test_hostile_text_in_search_results_runs_no_script(browser, hostile_build):
    _, url = hostile_build
    page = open_page(browser)
    results = search(page, url, "Envoy")
    assert "Envoy " + HOSTILE in results  # the result's title, as text
    results = search(page, url, "talks went well")
    assert HOSTILE in results
    assert_no_script_ran(page, "search results")
    home_heading = page.locator(".md-content h1").first.inner_text()  # search results hold h1s too
    page.locator(".md-search-result__link").first.click()  # instant navigation to the result
    page.wait_for_url(re.compile(r"/(people|sources|events)/"))
    expect(page.locator(".md-content h1").first).not_to_have_text(home_heading)  # the new page is in
    assert_no_script_ran(page, "a page opened from the search results")
    page.context.close()


def test_hostile_text_reaches_the_visual_timeline_as_text(browser, hostile_build):
    _, url = hostile_build
    page = open_page(browser)
    page.goto(url + "timeline/")
    titles = page.locator(".st-visual .st-dot").evaluate_all("dots => dots.map(d => d.title)")
    assert any(HOSTILE in title for title in titles), titles
    era = page.locator(".st-visual .st-era-label").all_inner_texts()
    assert era and page.locator(".st-visual img").count() == 0
    assert_no_script_ran(page, "timeline/")
    page.context.close()


def test_hostile_text_in_the_timelinejs_download_is_escaped(hostile_build):
    site, _ = hostile_build
    data = json.loads((site / "downloads" / "timelinejs.json").read_text(encoding="utf-8"))
    for event in data["events"]:
        for value in (event["unique_id"], event["group"], event["text"]["headline"], event["text"]["text"]):
            assert "<script" not in value and "<img" not in value, value
        assert re.fullmatch(r"[a-z0-9-]+", event["unique_id"])
    groups = {event["group"] for event in data["events"]}
    assert "talks " + html_escape(HOSTILE) in groups


def test_hostile_text_is_escaped_in_every_built_file(hostile_build):
    """<title>, meta tags, navigation, table of contents and the search index hold no raw markup."""
    site, _ = hostile_build
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".json", ".xml"):
            continue
        text = path.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in text and "<img src=x" not in text, path.relative_to(site)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(html_escape(HOSTILE, quote=False) in doc["title"] for doc in index["docs"])


# -- the built files ---------------------------------------------------------------------------


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self._in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag in ("a", "link") and values.get("href"):
            self.links.append(values["href"] or "")
        if tag in ("script", "img") and values.get("src"):
            self.links.append(values["src"] or "")
        if tag == "article":
            self._in_article += 1
        if self._in_article and re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1


def parse(path: Path) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def crawl(site: Path) -> tuple[list[str], int]:
    """Follow every internal link from the home page; the broken ones and the pages seen."""
    parsed: dict[Path, LinkCollector] = {}
    broken: list[str] = []
    queue, seen = [site / "index.html"], {site / "index.html"}
    while queue:
        page = queue.pop()
        parsed[page] = parse(page)
        page_url = "http://site/" + page.relative_to(site).as_posix()
        for link in parsed[page].links:
            url = urljoin(page_url, link)
            parts = urlsplit(url)
            if parts.netloc != "site":
                continue
            target = site / unquote(parts.path.lstrip("/"))
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed.get(target) or parse(target)
                if parts.fragment not in ids.ids:
                    broken.append(f"{page.relative_to(site)} -> {link} (no such anchor)")
            if target.suffix == ".html" and target not in seen:
                seen.add(target)
                queue.append(target)
    return broken, len(seen)


def test_crawl_finds_no_broken_internal_link(fixture_site):
    broken, pages = crawl(fixture_site)
    assert broken == []
    assert pages >= 20


def test_a_person_with_nothing_on_them_has_no_page_and_no_link(browser, base_url, fixture_site):
    """Pavel Orlov is in the fixture's people.yaml with no statement and no event: the
    site shows no page for him, lists him nowhere and links to him from no page."""
    assert not (fixture_site / "people" / "pavel-orlov").exists()
    for path in fixture_site.rglob("*.html"):
        assert "people/pavel-orlov" not in path.read_text(encoding="utf-8"), path
    docs = json.loads((fixture_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not any("Pavel Orlov" in d["title"] or "pavel-orlov" in d["location"] for d in docs)
    page = open_page(browser)
    page.goto(base_url + "people/")
    people = page.locator("article ul.st-index li")
    expect(people.first).to_be_visible()
    assert people.count() == 3 and "Pavel Orlov" not in page.locator("article").inner_text()
    assert "Pavel Orlov" not in page.locator("nav.md-nav--primary").inner_text()
    page.goto(base_url)
    expect(page.locator(".st-counts")).to_contain_text("3 people")
    response = page.goto(base_url + "people/pavel-orlov/")
    assert response is not None and response.status == 404
    page.context.close()


def test_headings_are_in_order_on_every_page(fixture_site):
    for path in fixture_site.rglob("*.html"):
        levels = parse(path).headings
        if not levels:
            continue
        assert levels[0] == 1 and levels.count(1) == 1, f"{path}: {levels}"
        jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert not jumps, f"{path.relative_to(fixture_site)} skips heading levels: {jumps}"


def test_search_index_holds_each_statement_once_on_its_speakers_page(fixture_site):
    docs = json.loads((fixture_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    holding = [d["location"] for d in docs if "start changing the negative situation" in d["text"]]
    # Once on the person page; the small fixture's article texts are searchable too.
    assert sorted(loc.split("/")[0] for loc in holding) == ["people", "sources"], holding
    assert not any(loc.startswith(("summits/", "events/", "timeline/")) for loc in holding)


def test_downloads_parse_with_standard_libraries(base_url):
    icalendar = pytest.importorskip("icalendar")

    def fetch(path: str) -> bytes:
        with urllib.request.urlopen(base_url + path) as response:  # noqa: S310 - local server
            return response.read()

    page = fetch("downloads/").decode("utf-8")
    for name in ["timelinejs.json", "events.ics", "events.csv", "statements.csv", "events.yaml"]:
        assert f'href="{name}"' in page
    timeline = json.loads(fetch("downloads/timelinejs.json"))
    # Background events are left out of the TimelineJS file (see render._downloads.timelinejs).
    assert len(timeline["events"]) == len([e for e in fixture_events() if not e.get("background")])
    assert timeline["eras"]
    calendar = icalendar.Calendar.from_ical(fetch("downloads/events.ics"))
    assert len(calendar.walk("VEVENT")) == len(fixture_events())
    events = list(csv.DictReader(io.StringIO(fetch("downloads/events.csv").decode("utf-8"))))
    assert len(events) == len(fixture_events())
    statements = list(csv.DictReader(io.StringIO(fetch("downloads/statements.csv").decode("utf-8"))))
    assert {s["speaker"] for s in statements} >= {"Anna Petrova", "Donald Trump"}


def test_no_repository_is_named_by_default(fixture_site):
    """A placeholder repo_url made every page ask GitHub's API for it and linked nowhere."""
    import yaml

    class Tagged(yaml.SafeLoader):
        pass

    Tagged.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Tagged)
    assert "repo_url" not in config
    for path in ("index.html", "summits/helsinki-2018/index.html", "people/anna-petrova/index.html"):
        html = (fixture_site / path).read_text(encoding="utf-8")
        assert "md-source" not in html and "github.com" not in html, path
        assert 'class="st-edit"' not in html, path  # edit links come with a configured repo_url


def test_custom_404_page(fixture_site):
    html = (fixture_site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in html and "timeline/" in html


# -- the committed data, end to end, and the README screenshots ---------------------------------


@pytest.fixture(scope="session")
def real_build(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    if not has_real_data():
        pytest.skip("docs/data holds no extracted data yet (run `summit-timeline extract`)")
    with served_build(tmp_path_factory.mktemp("real"), ROOT / "docs" / "data", ROOT / "seeds") as built:
        yield built


def test_real_site_has_no_broken_links_and_shows_every_event(real_build, browser):
    import yaml

    site, url = real_build
    broken, _ = crawl(site)
    assert broken == []
    events = yaml.safe_load((ROOT / "docs" / "data" / "events.yaml").read_text(encoding="utf-8")) or []
    page = open_page(browser)
    page.goto(url + "timeline/")
    assert visible_events(page) == len(events)
    page.context.close()


def test_real_site_shows_the_helsinki_summit_with_its_source(real_build, browser):
    site, url = real_build
    summits = [p.parent.name for p in (site / "summits").glob("*/index.html")]
    helsinki = next((name for name in summits if "helsinki" in name), None)
    assert helsinki, f"no Helsinki summit page among {summits}"
    page = open_page(browser)
    page.goto(url + f"summits/{helsinki}/")
    assert "16 July 2018" in page.locator("article").inner_text()
    page.locator("a.st-source-link").first.click()
    page.wait_for_url(re.compile(r"/sources/"))
    expect(page.locator("article mark.st-hl").first).to_be_attached()  # the source page is in
    page.context.close()


def test_real_site_quotes_each_speaker_on_their_person_page(real_build):
    site, _ = real_build
    def figures(page: Path) -> list[str]:
        return re.findall(r'<figure class="st-statement.*?</figure>', page.read_text(encoding="utf-8"), re.S)

    quoted_on = [p.parent.name for p in (site / "people").glob("*/index.html")
                 if any("chemistry of relations" in figure for figure in figures(p))]
    assert quoted_on == ["yury-ushakov"]


def test_screenshots_for_the_readme(browser, tmp_path_factory):
    """Screenshots of the site built from the committed data (the fixture while there is none)."""
    data, seeds = (ROOT / "docs" / "data", ROOT / "seeds") if has_real_data() else (
        FIXTURE / "data", FIXTURE / "seeds")
    update = os.environ.get("UPDATE_SCREENSHOTS") == "1"
    SCREENSHOTS = README_SCREENSHOTS if update else tmp_path_factory.mktemp("screenshots")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with served_build(tmp_path_factory.mktemp("shots"), data, seeds) as (_, url):
        page = open_page(browser, width=1280)
        page.goto(url + "timeline/")
        page.screenshot(path=str(SCREENSHOTS / "timeline.png"), full_page=False)
        page.goto(url + "summits/")
        helsinki = page.locator("ul.st-index a", has_text="Helsinki")
        summit = helsinki.first if helsinki.count() else page.locator("ul.st-index a").first
        if summit.count():
            summit.click()
            page.wait_for_url(re.compile(r"/summits/.+/$"))
            page.locator("#said").scroll_into_view_if_needed()
            page.screenshot(path=str(SCREENSHOTS / "summit.png"), full_page=False)
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(url + "timeline/")
        page.screenshot(path=str(SCREENSHOTS / "timeline-phone.png"), full_page=False)
        page.context.close()
    assert (SCREENSHOTS / "timeline.png").stat().st_size > 10_000
