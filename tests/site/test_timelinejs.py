"""The TimelineJS download in the real library: @knight-lab/timelinejs (pinned in
tests/site/js/package-lock.json, installed by `make test` with `npm ci`) loads
downloads/timelinejs.json in Debian's headless Chromium, as a reader embedding it would
(`new TL.Timeline('embed', data)`).

Each file must open with no error message, every event a slide, and every summit's
era over its real days. The files come from a small written timeline (a one-day and a
several-day summit, month- and year-only events, a background event), the test fixture
and the committed seeds data. The page and the library are served from 127.0.0.1; every
other request is refused.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.model import Article, Event, Source, Timeline
from generator.render import render_site
from tests.site.conftest import CHROMIUM, serve_folder

ROOT = Path(__file__).resolve().parent.parent.parent
TIMELINEJS = ROOT / "tests" / "site" / "js" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
BUILT = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                       "(apt-get install chromium; CI's .ci/run installs it)"),
]

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="timelinejs/css/timeline.css">
<script src="timelinejs/js/timeline.js"></script></head>
<body><div id="embed" style="width: 1100px; height: 650px"></div>
<script>
fetch(new URLSearchParams(location.search).get("data")).then(r => r.json()).then(data => {
  // The library's own fonts and languages, from here rather than its CDN.
  const options = {script_path: new URL("timelinejs/js/", location.href).href};
  window.timeline = new TL.Timeline("embed", data, options);
  window.timeline.on("loaded", () => { window.timelineLoaded = true; });
});
</script></body></html>
"""


def written_timeline() -> Timeline:
    source = Source("a", "They met.")
    return Timeline(
        articles=[Article("a", "a.txt", 1, "A", "They met.", published="2021-05-04")],
        events=[
            Event("2021-05-03-oslo", "2021-05-03", "Oslo summit", "summit", [source], place="Oslo"),
            # generator/knowledge/data/summits.yaml: Yalta lasted 4–11 February 1945.
            Event("1945-02-yalta", "1945-02", "Yalta Conference", "summit", [source], place="Yalta"),
            Event("2021-06-call", "2021-06", "Phone call", "phone call", [source]),
            Event("2019-treaty", "2019", "A treaty", "treaty", [source]),
            Event("1919-peace", "1919", "An old peace", "treaty", [source], background=True),
        ],
    )


def timelines() -> dict[str, Timeline]:
    from generator.store import load_timeline

    found = {"written": written_timeline()}
    for name, data in [("fixture", ROOT / "tests" / "fixtures" / "timeline" / "data"),
                       ("seeds", ROOT / "docs" / "data")]:
        if (data / "events.yaml").is_file():
            timeline, problems = load_timeline(data)
            assert problems == [], problems
            found[name] = timeline
    return found


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, dict[str, dict]]]:
    """(URL of the test page, {name: the TimelineJS document served as name.json})."""
    if not (TIMELINEJS / "js" / "timeline.js").is_file():
        pytest.fail(f"TimelineJS is not installed in {TIMELINEJS}: run `make test` (its set-up runs "
                    "`npm ci` in tests/site/js)")
    folder = tmp_path_factory.mktemp("timelinejs")
    (folder / "timelinejs").symlink_to(TIMELINEJS, target_is_directory=True)
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    documents = {}
    for name, timeline in timelines().items():
        data = render_site(timeline, built_at=BUILT).files["downloads/timelinejs.json"]
        (folder / f"{name}.json").write_bytes(data)
        documents[name] = json.loads(data)
    with serve_folder(folder) as url:
        yield url, documents


def shown(browser, url: str) -> dict:
    """What TimelineJS made of the file at `url`: its events, eras, slides and messages."""
    context = browser.new_context(viewport={"width": 1200, "height": 800}, timezone_id="UTC")
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(url)
        # TimelineJS fires "loaded" once the file is read; an invalid file shows an error message instead.
        page.wait_for_function("window.timelineLoaded === true || "
                               "/error/i.test(document.querySelector('.tl-message-content')?.textContent)")
        page.wait_for_function("document.querySelectorAll('.tl-timeera').length === "
                               "(window.timeline?.config ? window.timeline.config.eras.length : 0)")
        result = page.evaluate("""() => {
            const config = window.timeline?.config || {events: [], eras: []};
            const iso = date => new Date(date.getTime()).toISOString();
            return {
                loaded: window.timelineLoaded === true,
                message: document.querySelector('.tl-message-content')?.textContent || '',
                message_shown: !!document.querySelector('.tl-message-full, .tl-message')?.offsetParent,
                events: config.events.map(e => e.unique_id),
                slides: Array.from(document.querySelectorAll('.tl-slide'), s => s.id),
                markers: document.querySelectorAll('.tl-timemarker').length,
                eras: config.eras.map(e => ({headline: e.text ? e.text.headline : e.headline,
                                             start: iso(e.start_date), end: iso(e.end_date)})),
                era_elements: document.querySelectorAll('.tl-timeera').length,
            };
        }""")
    finally:
        context.close()
    result["errors"] = errors
    return result


@pytest.mark.parametrize("name", ["written", "fixture", "seeds"])
def test_timelinejs_opens_the_download_with_a_slide_per_event_and_eras_over_the_summits_days(
        browser, served, name):
    url, documents = served
    if name not in documents:
        pytest.skip(f"no {name} data")
    document = documents[name]
    result = shown(browser, f"{url}?data={name}.json")
    assert result["loaded"] and "rror" not in result["message"], result["message"]
    assert result["errors"] == []
    ids = [e["unique_id"] for e in document["events"]]
    assert ids and sorted(result["events"]) == sorted(ids)
    # One slide per event (and the title slide), each found by its id; one marker per event.
    assert set(ids) <= set(result["slides"]) and len(result["slides"]) == len(ids) + 1
    assert result["markers"] == len(ids)
    assert result["era_elements"] == len(document["eras"]) == len(result["eras"])
    for era in result["eras"]:
        assert era["end"] > era["start"], era


def test_timelinejs_eras_cover_each_summits_first_to_last_day(browser, served):
    url, _ = served
    eras = {era["headline"]: era for era in shown(browser, f"{url}?data=written.json")["eras"]}
    # TimelineJS reads dates in the browser's time zone: the test pages run in UTC.
    assert eras["Yalta"]["start"].startswith("1945-02-04T00:00") and eras["Yalta"]["end"].startswith("1945-02-11T23:59")
    assert eras["Oslo"]["start"].startswith("2021-05-03T00:00") and eras["Oslo"]["end"].startswith("2021-05-03T23:59")


def test_timelinejs_shows_year_and_month_only_dates_at_their_precision(browser, served):
    url, documents = served
    context = browser.new_context(viewport={"width": 1200, "height": 800}, timezone_id="UTC")
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(f"{url}?data=written.json#event-2019-treaty")
        page.wait_for_function("window.timelineLoaded === true")
        treaty = page.locator('[id="2019-treaty"] .tl-headline-date')
        call = page.locator('[id="2021-06-call"] .tl-headline-date')
        assert treaty.text_content().strip() == "2019"
        assert call.text_content().strip() == "June 2021"
        yalta = page.locator('[id="1945-02-yalta"] .tl-headline-date')
        assert yalta.text_content().strip() == "4–11 February 1945"
    finally:
        context.close()
