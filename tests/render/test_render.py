"""The renderer: pages and downloads from a Timeline, hostile text kept inert.

Golden files (tests/golden/*.md) hold the expected Markdown for pages of the
fixture timeline in tests/fixtures/timeline/data; after an intended change,
regenerate them with `UPDATE_GOLDEN=1 pytest tests/render/test_render.py` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
import sys
import types
from pathlib import Path

import markdown
import pytest
import yaml

from generator import dates
from generator.model import Article, Event, Person, Source, Statement, Timeline
from generator.render import render_site, write_site

HERE = Path(__file__).resolve().parent.parent  # tests/
FIXTURE = HERE / "fixtures" / "timeline"
GOLDEN = HERE / "golden"
GOLDEN_PAGES = ["events/2018.md", "people/anna-petrova.md", "summits/helsinki-2018.md"]


def to_html(page: str) -> str:
    """The page as MkDocs would convert it (same Markdown extensions as mkdocs.yml)."""
    body = re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.DOTALL)
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "admonition", "toc"])


@pytest.fixture(scope="module")
def fixture_site():
    from generator.store import load_timeline

    timeline, problems = load_timeline(FIXTURE / "data")
    assert problems == []
    return render_site(timeline, edit_url="https://example.org/edit/main/docs/data/")


def small_timeline(**texts: str) -> Timeline:
    """One article, two people, a summit and a month-dated call, one statement each."""
    article_text = texts.get(
        "article",
        "The two leaders met in Oslo on 3 May 2021.\n\n"
        '"We talked about trade," Ann Lee said.\n\nBob Ray phoned Ann Lee in June 2021.',
    )
    return Timeline(
        articles=[Article("art-1", "one.txt", 1, texts.get("title", "Leaders meet"), article_text,
                          published="2021-05-04", published_basis="front matter",
                          url=texts.get("url", "https://example.org/a"))],
        people=[Person("ann-lee", texts.get("name", "Ann Lee"), "Prime minister", "Norland"),
                Person("bob-ray", "Bob Ray", "President", "Southland")],
        events=[
            Event("2021-05-03-oslo-summit", "2021-05-03", texts.get("event_title", "Oslo summit"),
                  "summit", [Source("art-1", "The two leaders met in Oslo on 3 May 2021.")],
                  summary=texts.get("summary", "The leaders meet."), people=["ann-lee", "bob-ray"],
                  place=texts.get("place", "Oslo"), topics=["trade"]),
            Event("2021-06-call", "2021-06", "Phone call", "phone call",
                  [Source("art-1", "Bob Ray phoned Ann Lee in June 2021.")], people=["bob-ray"]),
            Event("2019-treaty", "2019", "Old treaty", "treaty", [Source("art-1", "not in the text")]),
        ],
        statements=[
            Statement("ann-lee-trade", "ann-lee", texts.get("quote", "We talked about trade,"), "direct",
                      Source("art-1", texts.get("quote_sentence", '"We talked about trade," Ann Lee said.')),
                      date="2021-05-03", audience=texts.get("audience", "reporters"),
                      event="2021-05-03-oslo-summit"),
            Statement("bob-ray-call", "bob-ray", "the call went well", "indirect",
                      Source("art-1", "Bob Ray said the call went well."), date="2021-06"),
        ],
    )


# -- golden pages -------------------------------------------------------------


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_page_matches_golden_file(fixture_site, page):
    expected_file = GOLDEN / page.replace("/", "__")
    actual = fixture_site.pages[page]
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8"), f"{page} differs from {expected_file}"


def test_site_has_every_kind_of_page_and_download(fixture_site):
    pages = set(fixture_site.pages)
    assert {"index.md", "timeline/index.md", "summits/index.md", "people/index.md", "topics/index.md",
            "sources/index.md", "downloads/index.md"} <= pages
    assert {"events/2014.md", "events/2018.md", "summits/helsinki-2018.md",
            "people/vladimir-putin.md", "topics/sanctions.md", "sources/001-helsinki.md"} <= pages
    assert {"downloads/events.yaml", "downloads/statements.yaml", "downloads/people.yaml",
            "downloads/articles.yaml", "downloads/timelinejs.json", "downloads/events.ics",
            "downloads/events.csv", "downloads/statements.csv"} <= set(fixture_site.files)
    assert not any(p.startswith("events/") and p.count("/") > 1 for p in pages), "events go in year pages"


def test_listing_pages_are_kept_out_of_search_and_record_pages_are_not(fixture_site):
    for page in ["index.md", "timeline/index.md", "people/index.md", "topics/index.md"]:
        assert yaml.safe_load(fixture_site.pages[page].split("---")[1])["search"] == {"exclude": True}
    for page in ["events/2018.md", "people/anna-petrova.md", "sources/001-helsinki.md"]:
        meta = yaml.safe_load(fixture_site.pages[page].split("---")[1])
        assert "search" not in meta
    # A topic page is found by the topic's name (its lists stay out: their records are indexed once).
    topic = fixture_site.pages["topics/sanctions.md"]
    assert "exclude" not in topic.split("# Sanctions")[0]
    assert 'class="st-lines st-entries" aria-label="Sanctions events" data-search-exclude' in topic


def test_metadata_reads_as_separate_words_in_search(fixture_site):
    """Search indexes text without tags: a term and its value need a separator between them."""
    person = to_html(fixture_site.pages["people/anna-petrova.md"])
    text = re.sub(r"<[^>]+>", "", person)
    assert "Main topics: Sanctions" in text
    source = fixture_site.pages["sources/001-helsinki.md"]
    assert '<dl class="st-meta-list" data-search-exclude>' in source  # "Published…How the date…"


def test_record_pages_carry_their_vocabulary_topics_as_tags(fixture_site):
    meta = yaml.safe_load(fixture_site.pages["events/2018.md"].split("---")[1])
    assert meta["tags"] == ["Election interference", "Arms control", "Sanctions"]
    assert meta["hide"] == ["tags"]  # listed on the tags page, not as chips above the title
    assert "<!-- material/tags -->" in fixture_site.pages["tags/index.md"]


def test_a_page_is_tagged_with_its_main_topics_only():
    topics = [["trade"], ["trade", "iran"], ["trade", "nato"], ["nato"], ["energy"], ["syria"]]
    events = [Event(f"e{n}", f"2020-01-{n + 1:02d}", f"Event {n}", "meeting", [], topics=t)
              for n, t in enumerate(topics)]
    meta = yaml.safe_load(render_site(Timeline(events=events)).pages["events/2020.md"].split("---")[1])
    # trade (3) and nato (2) lead; of the topics named once, the vocabulary's first (Syria).
    assert meta["tags"] == ["Syria", "NATO", "Trade"]


def test_navigation_lists_the_sections_in_order(fixture_site):
    titles = [next(iter(item)) for item in fixture_site.nav]
    assert titles == ["Home", "Timeline", "Summits", "People", "Topics", "Sources", "Downloads"]
    timeline = fixture_site.nav[1]["Timeline"]
    assert timeline[0] == "timeline/index.md" and "events/2018.md" in timeline


# -- what pages show -------------------------------------------------------------


def test_dates_show_at_their_own_precision():
    site = render_site(small_timeline())
    timeline = site.pages["timeline/index.md"]
    assert '<time datetime="2021-06">June 2021</time>' in timeline
    assert '<time datetime="2021-05-03">3 May 2021</time>' in timeline
    assert '<time datetime="2019">2019</time>' in timeline
    assert "2021-06-01" not in timeline and "1 June 2021" not in timeline


def test_a_year_known_only_as_a_whole_has_no_month_heading():
    page = render_site(small_timeline()).pages["timeline/index.md"]
    year_2019 = page.split("## 2019")[1].split("## 2021")[0]
    assert "###" not in year_2019 and 'aria-label="Events of 2019"' in year_2019
    assert "### May 2021" in page and "month unknown" not in page


def test_timeline_lists_every_event_with_filter_data_and_source_count():
    site = render_site(small_timeline())
    html = to_html(site.pages["timeline/index.md"])
    items = re.findall(r'<li class="st-event[^"]*"([^>]*)>', html)
    assert len(items) == 3
    summit = next(i for i in items if "2021-05-03" in i)
    assert 'data-people="ann-lee bob-ray"' in summit and 'data-type="summit"' in summit
    assert 'data-summits="oslo-2021"' in summit and 'data-topics="trade"' in summit
    assert "1 source" in html
    assert "<form class=\"st-filters\" hidden" in html  # shown by the script only


@pytest.fixture
def known_summits(monkeypatch):
    """Known summits for the renderer: a three-day one the events give only a month for."""
    import datetime

    from generator.knowledge import KnownSummit
    from generator.render import _summits

    summits = (KnownSummit("Northern summit", datetime.date(2021, 5, 10), datetime.date(2021, 5, 12),
                           ("Narvik",), ("Lee", "Ray"), ()),)
    monkeypatch.setattr(_summits, "known_summits", lambda: summits)
    _summits._by_name.cache_clear()
    yield summits
    _summits._by_name.cache_clear()


@pytest.mark.parametrize("title, place", [("Northern summit", ""), ("Talks", "Narvik")])
def test_a_summit_era_spans_its_known_days(known_summits, title, place):
    from generator.render._visual import MONTH_WIDTH, layout

    summit = Event("s", "2021-05", title, "summit", [], place=place)
    visual = layout([summit, Event("c", "2021-05-11", "Call", "phone call", [])])
    era = visual.eras[0]
    call, dot = (next(d for d in visual.dots if d.event.id == i) for i in ("c", "s"))
    assert era.width >= 3 * MONTH_WIDTH / 31 - 0.01  # the three days, not a dot's width
    assert era.x < call.x < era.x + era.width  # a day of the summit lies inside its band
    assert era.x < dot.x < era.x + era.width  # the month-dated summit sits on its days
    assert "10–12 May 2021" in era.title


def test_summit_page_uses_the_known_days_of_a_month_dated_summit(known_summits):
    events = [Event("s", "2021-05", "Northern summit", "summit", [], place="Narvik"),
              Event("c", "2021-05-11", "Call at the summit", "phone call", []),
              Event("l", "2021-05-20", "Later visit", "visit", [])]
    site = render_site(Timeline(events=events))
    html = to_html(site.pages["summits/narvik-2021.md"])
    assert '<time datetime="2021-05-10">10–12 May 2021</time>' in html
    assert '<time datetime="2021-05-10">10–12 May 2021</time>' in site.pages["timeline/index.md"]
    during, after = html.split('id="during"')[1].split('id="after"')
    assert "Call at the summit" in during and "Later visit" in after


def test_a_one_day_summit_era_is_wider_than_its_dot():
    from generator.render._visual import MIN_ERA_WIDTH, layout

    visual = layout(small_timeline().events)
    (era,) = visual.eras
    assert era.width >= MIN_ERA_WIDTH
    summit = next(d for d in visual.dots if d.summit)
    assert era.x < summit.x < era.x + era.width


def test_era_labels_that_would_overlap_go_on_separate_rows():
    from generator.render._visual import layout

    events = [Event(f"s{day}", f"2021-06-{day:02d}", "Summit", "summit", [], place=f"Place number {day}")
              for day in (11, 14, 16)]
    eras = layout(events).eras
    assert len({era.label_y for era in eras}) == 3


def test_event_icon_has_text_for_screen_readers():
    html = to_html(render_site(small_timeline()).pages["events/2021.md"])
    assert ('<span class="st-icon st-icon-phone" aria-hidden="true"></span>'
            '<span class="st-type-label">Phone call</span>') in html


def test_type_names_are_the_same_in_the_filter_and_on_the_badges():
    site = render_site(small_timeline())
    timeline = site.pages["timeline/index.md"]
    badges = set(re.findall(r'<span class="st-type-label">([^<]+)</span>', timeline))
    options = re.search(r'<select name="type">(.*?)</select>', timeline).group(1)
    choices = set(re.findall(r'<option value="[^"]+">([^<]+)</option>', options))
    assert badges == choices == {"Phone call", "Summit", "Treaty"}


def test_the_summit_filter_starts_on_any_summit():
    timeline = render_site(small_timeline()).pages["timeline/index.md"]
    summit = re.search(r'<select name="summit">(.*?)</select>', timeline).group(1)
    assert summit.startswith('<option value="">Any summit</option>')


def test_counts_of_one_are_singular():
    site = render_site(small_timeline())
    pages = "\n".join(site.pages.values())
    assert not re.search(r"\b1 (events|statements|sources|articles)\b", pages)
    assert "1 event and 1 statement" in site.pages["topics/trade.md"]
    assert "1 article" in site.pages["timeline/index.md"]


def test_reader_pages_name_no_repository_paths():
    """Pages speak to readers: no data-file or package paths (edit links, when configured, aside)."""
    site = render_site(small_timeline())
    for path, page in site.pages.items():
        for needle in ("generator/", "docs/data", "data/events.yaml", "topics.yaml", "from the YAML"):
            assert needle not in page, f"{path} names {needle!r}"


def test_icon_stylesheet_has_a_mask_for_every_type_in_the_data():
    css = render_site(small_timeline()).files["assets/summit-timeline/icons.css"].decode()
    for icon in ("phone", "account-group", "file-sign", "calendar-star"):
        assert f".st-icon-{icon} {{" in css
    assert "<" not in css and '"data:image/svg+xml,%3Csvg' in css


def test_year_page_anchors_each_event_and_links_its_source_sentence():
    site = render_site(small_timeline())
    html = to_html(site.pages["events/2021.md"])
    assert '<h3 id="e-2021-05-03-oslo-summit">' in html
    assert 'href="../../sources/art-1/#e-2021-05-03-oslo-summit"' in html
    assert "The two leaders met in Oslo on 3 May 2021." in html
    # The statement made at the summit is shown with the summit.
    assert "We talked about trade," in html.split('id="e-2021-06-call"')[0]


def test_source_sentence_not_found_links_to_the_top_of_the_source_page():
    html = to_html(render_site(small_timeline()).pages["events/2019.md"])
    assert 'href="../../sources/art-1/"' in html


def test_source_page_highlights_facts_found_by_searching_the_text():
    timeline = small_timeline()
    assert all(s.start == -1 for s in timeline.statements)  # as loaded from YAML
    html = to_html(render_site(timeline).pages["sources/art-1.md"])
    event = re.search(r'<mark class="st-hl st-hl-event"[^>]*id="e-2021-05-03-oslo-summit">(.*?)</mark>', html)
    assert event and re.sub(r"<[^>]+>", "", event.group(1)) == "The two leaders met in Oslo on 3 May 2021."
    assert re.search(r'<mark class="st-hl st-hl-statement"[^>]*id="s-ann-lee-trade">&quot;'
                     r'<span class="st-hl st-hl-quote">We talked about trade,</span>', html)
    assert 'href="#s-ann-lee-trade"' in html
    assert "from the article&#39;s own metadata" in html and "4 May 2021" in html


def test_source_page_lists_facts_in_text_order():
    timeline = small_timeline(article='"We talked about trade," Ann Lee said.\n\n'
                              "Bob Ray phoned Ann Lee in June 2021.\n\n"
                              "Bob Ray said the call went well.\n\n"
                              "The two leaders met in Oslo on 3 May 2021.")
    html = to_html(render_site(timeline).pages["sources/art-1.md"])
    facts = re.search(r'<ol class="st-facts"[^>]*>(.*?)</ol>', html, re.S).group(1)
    order = [facts.index(text) for text in
             ("We talked about trade", "Phone call", "the call went well", "Oslo summit", "Old treaty")]
    assert order == sorted(order), "facts are not in the order of the text (not found ones last)"
    assert 'href="#s-ann-lee-trade"' in facts and 'href="#e-2021-06-call"' in facts


def test_source_page_highlights_dates_from_the_dates_stage(monkeypatch, request):
    from generator.model import PartialDate, TimeExpression
    from generator.render._dates import clear_cache

    def find_time_expressions(text, reference):
        assert reference == PartialDate(2021, 5, 4)  # the article's publication date
        start = text.index("3 May 2021")
        return [TimeExpression(start, start + 10, "3 May 2021", "DATE", "2021-05-03")]

    monkeypatch.setitem(sys.modules, "generator.dates", types.SimpleNamespace(
        article_reference=dates.article_reference, find_time_expressions=find_time_expressions))
    clear_cache()  # dates found by the real stage earlier in the session
    request.addfinalizer(clear_cache)  # and the fake ones, for later tests
    html = to_html(render_site(small_timeline()).pages["sources/art-1.md"])
    assert '<time class="st-hl st-hl-date" title="DATE 2021&#45;05&#45;03" datetime="2021-05-03"' in html


def test_dates_are_found_once_per_text_and_kept_across_builds(monkeypatch, request, tmp_path):
    from generator.model import TimeExpression
    from generator.render import _dates

    calls = []

    def find_time_expressions(text, reference):
        calls.append(text)
        start = text.index("3 May 2021")
        return [TimeExpression(start, start + 10, "3 May 2021", "DATE", "2021-05-03")]

    monkeypatch.setitem(sys.modules, "generator.dates", types.SimpleNamespace(
        article_reference=dates.article_reference, find_time_expressions=find_time_expressions))
    _dates.clear_cache()
    request.addfinalizer(_dates.clear_cache)
    first = render_site(small_timeline()).pages["sources/art-1.md"]
    assert render_site(small_timeline()).pages["sources/art-1.md"] == first
    assert len(calls) == 1, "the same article text was scanned twice"
    _dates.save_cache(tmp_path)
    _dates.clear_cache()
    _dates.load_cache(tmp_path)  # as the next `mkdocs build` does
    assert render_site(small_timeline()).pages["sources/art-1.md"] == first
    assert len(calls) == 1, "the dates kept by the last build were not used"
    render_site(small_timeline(article="Changed text on 3 May 2021."))
    assert len(calls) == 2, "a changed text must be scanned again"


def test_article_texts_leave_the_search_index_when_they_grow_large(monkeypatch):
    from generator.render import _view

    assert "data-search-exclude" not in render_site(small_timeline()).pages["sources/art-1.md"].split(
        'class="st-article"')[1][:40]
    monkeypatch.setattr(_view, "SEARCH_ARTICLE_TEXT_LIMIT", 10)
    page = render_site(small_timeline()).pages["sources/art-1.md"]
    assert '<div class="st-article" data-search-exclude>' in page


def test_summit_page_groups_events_and_puts_each_side_side_by_side():
    site = render_site(small_timeline())
    page = site.pages["summits/oslo-2021.md"]
    html = to_html(page)
    before, during, after = (html.split(f'id="{h}"')[1] for h in ("before", "during", "after"))
    assert "Phone call" in after.split('id="sources"')[0]
    assert "Oslo summit" in during.split('id="after"')[0]
    sides = re.findall(r'<h3 id="side-\d">([^<]+)</h3>', html)
    assert sorted(sides) == ["Norland: 1 statement", "Southland: 1 statement"]
    # One tab per side (Material's content tabs), the first one open.
    assert re.findall(r'<label for="side-tab-\d">([^<]+)</label>', html) == ["Norland (1)", "Southland (1)"]
    assert html.count('class="tabbed-block"') == 2
    assert '<input checked="checked" id="side-tab-1" name="sides" type="radio" />' in html


@pytest.mark.parametrize("stored, shown", [
    ("to some acceptable level.”", "to some acceptable level."),  # a closing mark nothing opens
    ("“We talked about trade,”", "We talked about trade,"),  # a pair around the whole text
    ('"Fine," he said', "‘Fine,’ he said"),  # straight marks inside become single
    ("it was “a shame”", "it was ‘a shame’"),
    ("“a” and “b”", "‘a’ and ‘b’"),  # two quotations, not one around the whole
])
def test_quotes_inside_quotation_marks_are_never_doubled(stored, shown):
    from generator.render._text import inner_quote

    assert inner_quote(stored) == shown


def test_statement_lists_show_a_quote_ending_in_a_quotation_mark_once():
    timeline = small_timeline(quote="trade should reach “some acceptable level.”",
                              quote_sentence="He said trade should reach “some acceptable level.”")
    timeline.statements.append(Statement("ann-lee-said", "ann-lee", "it would be “the best outcome.”",
                                         "indirect", Source("art-1", "x")))
    site = render_site(timeline)
    for path in ("topics/trade.md", "sources/art-1.md"):
        html = to_html(site.pages[path])
        assert "“trade should reach ‘some acceptable level.’”" in html, path
        assert "””" not in html and "““" not in html, path
    stored = yaml.safe_load(site.files["downloads/statements.yaml"])
    assert stored[0]["text"] == "trade should reach “some acceptable level.”"  # the record is unchanged
    # Reported speech is shown as the reporter's words, not in quotation marks.
    source = to_html(site.pages["sources/art-1.md"])
    assert re.search(r'<span class="st-words st-reported">it would be “the best outcome.”</span> — '
                     r'<a class="st-speaker"[^>]*>Ann Lee</a> \(reported\)', source)


@pytest.mark.parametrize("basis, shown, reasoning", [
    ("front matter", "from the article&#39;s own metadata", None),
    ("known summit Oslo 2021-05-03, 'yesterday' (likely)", "worked out from the text, likely",
     "known summit Oslo 2021&#45;05&#45;03, &#39;yesterday&#39;"),
])
def test_source_page_says_plainly_how_the_publication_date_is_known(basis, shown, reasoning):
    timeline = small_timeline()
    timeline.articles[0].published_basis = basis
    html = to_html(render_site(timeline).pages["sources/art-1.md"])
    assert f"({shown})" in html
    details = re.search(r'<details class="st-basis"><summary>[^<]+</summary>(.*?)</details>', html)
    assert (details.group(1) if details else None) == reasoning


def test_person_page_names_aliases_that_add_to_the_name_and_main_topics():
    timeline = small_timeline()
    timeline.people[0].aliases = ["Lee", "Ann", "Ms Lee", "the prime minister"]
    html = to_html(render_site(timeline).pages["people/ann-lee.md"])
    assert '<dt>Also called<span class="st-sr-only">:</span></dt> <dd>Ms Lee, the prime minister</dd>' in html
    assert ('<dt>Main topics<span class="st-sr-only">:</span></dt> <dd><a href="../../topics/trade/">Trade</a></dd>'
            in html)


def test_statements_under_their_event_do_not_repeat_it():
    html = to_html(render_site(small_timeline()).pages["events/2021.md"])
    summit = html.split('id="e-2021-05-03-oslo-summit"')[1].split('id="e-2021-06-call"')[0]
    assert "We talked about trade," in summit and ", at <a" not in summit


def test_a_long_record_of_statements_is_grouped_by_year():
    timeline = small_timeline()
    timeline.statements += [Statement(f"ann-lee-{n}", "ann-lee", f"Words {n}", "direct", Source("art-1", "x"),
                                      date=f"{2019 + n % 3}-01-01") for n in range(12)]
    html = to_html(render_site(timeline).pages["people/ann-lee.md"])
    assert re.findall(r'<h3 id="said-(\d+)">', html) == ["2019", "2020", "2021"]
    assert html.index('id="said-2021"') < html.index("We talked about trade,")
    assert "<h3" not in to_html(render_site(small_timeline()).pages["people/ann-lee.md"])


def test_topic_page_leaves_out_an_empty_section():
    timeline = small_timeline()
    timeline.events[0].topics = []
    html = to_html(render_site(timeline).pages["topics/trade.md"])
    assert 'id="statements"' in html and 'id="events"' not in html
    assert "0 events and 1 statement" in html


def test_person_page_lists_statements_in_date_order_and_events():
    timeline = small_timeline()
    timeline.statements.insert(0, Statement("ann-lee-later", "ann-lee", "Later words", "direct",
                                            Source("art-1", "x"), date="2021-09-01"))
    html = to_html(render_site(timeline).pages["people/ann-lee.md"])
    assert html.index("We talked about trade,") < html.index("Later words")
    assert "Prime minister" in html and "Oslo summit" in html


def test_topic_pages_collect_events_and_statements_by_vocabulary():
    site = render_site(small_timeline())
    html = to_html(site.pages["topics/trade.md"])
    assert "Oslo summit" in html and "We talked about trade," in html


def test_edit_links_point_to_the_yaml_file_of_the_record():
    site = render_site(small_timeline(), edit_url="https://example.org/edit/main/docs/data")
    html = to_html(site.pages["events/2021.md"])
    assert 'href="https://example.org/edit/main/docs/data/events.yaml"' in html


# -- untrusted text -----------------------------------------------------------------

HOSTILE = ('<script>alert(1)</script> <img src=x onerror="alert(2)"> [click](javascript:alert(3)) '
           "<javascript:alert(4)> {{ config.site_name }} {% include 'x' %} <!-- comment --> "
           "**bold** _it_ `code` ![img](x.png) :material-alert: | table | # heading")


@pytest.mark.parametrize("field", ["title", "summary", "quote", "name", "place", "audience", "event_title"])
def test_hostile_text_is_inert_on_every_page(field):
    quote_sentence = f'"{HOSTILE}" Ann Lee said.' if field == "quote" else None
    texts = {field: HOSTILE, "article": f"The two leaders met in Oslo on 3 May 2021.\n\n{HOSTILE}"}
    if quote_sentence:
        texts["quote_sentence"] = quote_sentence
    site = render_site(small_timeline(**texts))
    for path, page in site.pages.items():
        html = to_html(page)
        assert "<script" not in html, path
        assert "<img" not in html, path
        assert not re.search(r"<[^>]+\son\w+=", html), path
        assert 'href="javascript' not in html.lower() and "<a href=\"x" not in html, path
        assert "<strong>bold</strong>" not in html and "<em>it</em>" not in html, path
        assert "<!-- comment" not in page, path
        for raw in ("{{", "{%", "](", "<javascript"):
            assert raw not in page, f"{raw!r} left unescaped in {path}"
    # The words are still there for the reader, as text.
    assert "&lt;script&gt;alert" in to_html(site.pages["sources/art-1.md"])


def test_article_url_must_be_http():
    site = render_site(small_timeline(url="javascript:alert(1)"))
    assert "javascript" not in site.pages["sources/art-1.md"]
    site = render_site(small_timeline(url="https://example.org/story"))
    assert 'href="https://example.org/story"' in site.pages["sources/art-1.md"]


def test_paths_made_from_ids_stay_inside_their_folder(tmp_path):
    timeline = small_timeline()
    old_id = timeline.people[0].id
    timeline.people[0].id = "../../../etc/passwd"
    timeline.people[0].name = "../../../etc/passwd"
    timeline.articles[0].id = "/abs/../article"
    for event in timeline.events:  # the person keeps their events, and so their page
        event.people = [timeline.people[0].id if p == old_id else p for p in event.people]
    for record in [*timeline.events, *timeline.statements]:
        for source in [*getattr(record, "sources", []), getattr(record, "source", None)]:
            if source is not None:
                object.__setattr__(source, "article", "/abs/../article")
    site = render_site(timeline)
    for path in [*site.pages, *site.files]:
        assert ".." not in path and not path.startswith("/"), path
    assert "people/etc-passwd.md" in site.pages
    written = write_site(site, tmp_path / "out")
    assert all((tmp_path / "out") in p.parents for p in written)


# -- downloads -------------------------------------------------------------------


# TimelineJS, calendar and spreadsheet downloads: tests/render/test_downloads.py.


def test_yaml_downloads_hold_the_records():
    site = render_site(small_timeline())
    events = yaml.safe_load(site.files["downloads/events.yaml"])
    assert {e["id"] for e in events} == {"2021-05-03-oslo-summit", "2021-06-call", "2019-treaty"}
    articles = yaml.safe_load(site.files["downloads/articles.yaml"])
    assert "text" not in articles[0]


def test_empty_timeline_renders():
    site = render_site(Timeline())
    assert "No events yet" in site.pages["timeline/index.md"]
    assert json.loads(site.files["downloads/timelinejs.json"])["events"] == []


def test_source_page_dates_resolve_against_the_publication_window_as_extraction_did(request):
    from generator.render._dates import clear_cache

    text = "The talks began this month."
    article = Article("w", "w.txt", 1, "Talks", text, published="2016", published_window="2016-12-05/2016-12-11")
    extracted = dates.find_time_expressions(text, dates.article_reference(article))
    assert [e.value for e in extracted] == ["2016-12"]  # what `extract` writes
    clear_cache()
    request.addfinalizer(clear_cache)
    html = to_html(render_site(Timeline(articles=[article])).pages["sources/w.md"])
    assert 'title="DATE 2016&#45;12" datetime="2016-12"' in html
    assert 'title="DATE 2016"' not in html


def two_summits_one_article() -> Timeline:
    """Summits in Alta and Bodø three days apart, reported by one article, and remarks on each."""
    text = ("Leaders met in Alta on 11 June 2021.\n\nLeaders met in Bodø on 14 June 2021.\n\n"
            "Ann Lee said the talks in Bodø would be hard.\n\nBob Ray said Alta went well.\n\n"
            "Ann Lee said the next meeting will be hard.")
    source = "art-2"
    return Timeline(
        articles=[Article(source, "two.txt", 1, "Two summits", text, published="2021-06-15")],
        people=[Person("ann-lee", "Ann Lee", "", "Norland"), Person("bob-ray", "Bob Ray", "", "Southland")],
        events=[Event("alta", "2021-06-11", "Alta summit", "summit",
                      [Source(source, "Leaders met in Alta on 11 June 2021.")], place="Alta"),
                Event("bodo", "2021-06-14", "Bodø summit", "summit",
                      [Source(source, "Leaders met in Bodø on 14 June 2021.")], place="Bodø"),
                Event("vote", "2021-06-12", "Northern election", "election", [Source(source, "x")],
                      place="Norland")],
        statements=[
            Statement("about-bodo", "ann-lee", "the talks in Bodø would be hard", "indirect",
                      Source(source, "Ann Lee said the talks in Bodø would be hard."), date="2021-06-11"),
            Statement("about-alta", "bob-ray", "Alta went well", "indirect",
                      Source(source, "Bob Ray said Alta went well."), date="2021-06-14"),
            Statement("vague", "ann-lee", "the next meeting will be hard", "indirect",
                      Source(source, "Ann Lee said the next meeting will be hard."), date="2021-06-12",
                      event="vote"),
        ],
    )


def test_a_summit_page_holds_what_was_said_at_or_about_it_not_near_it():
    site = render_site(two_summits_one_article())
    alta, bodo = (to_html(site.pages[f"summits/{p}-2021.md"]) for p in ("alta", "bod"))
    assert "Alta went well" in alta and "Alta went well" not in bodo
    assert "talks in Bodø" in bodo and "talks in Bodø" not in alta
    # Said between the two summits, naming neither, in an article reporting both: on neither page.
    assert "next meeting" not in alta and "next meeting" not in bodo


def test_at_names_where_a_statement_was_made_and_about_what_it_was_about():
    site = render_site(two_summits_one_article())
    person = to_html(site.pages["people/ann-lee.md"])
    assert re.search(r", about <a [^>]*>Northern election</a>", person)
    assert ", at <a" not in person
    oslo = to_html(render_site(small_timeline()).pages["people/ann-lee.md"])
    assert re.search(r", at <a [^>]*>Oslo summit</a>", oslo)  # a gathering with a place


def test_an_event_card_says_what_its_statement_count_counts():
    site = render_site(two_summits_one_article())
    timeline = small_timeline()
    timeline.statements.append(Statement("ann-lee-oslo", "ann-lee", "Oslo was fine", "indirect",
                                         Source("art-1", "x"), date="2021-05-04"))
    year = to_html(render_site(timeline).pages["events/2021.md"])
    assert "Statements linked to this event (1); " in year
    assert re.search(r'<a href="../../summits/oslo-2021/#said">3 statements made at or about the summit</a>',
                     year)
    summit = to_html(render_site(timeline).pages["summits/oslo-2021.md"])
    assert "3 statements made at the summit or about it" in summit
    assert site.pages  # the two-summit site renders too


def test_a_summit_band_is_as_wide_as_its_days():
    from generator.render._visual import MONTH_WIDTH, layout

    events = [Event("one", "2021-06-02", "Short summit", "summit", [], place="A"),
              Event("eight", "2021-06-10", "Long summit", "summit", [], place="B")]
    visual = layout(events)
    widths = {era.event.id: era.width for era in visual.eras}
    day = MONTH_WIDTH / 30
    assert widths["one"] < 2 * day  # one day, not a fixed 30 px


def test_an_organisation_or_unnamed_source_is_shown_as_the_text_names_it():
    timeline = small_timeline(article='"We talked about trade," Ann Lee said.\n\n'
                                      "A ministry spokesman said the talks would go on.")
    timeline.statements.append(
        Statement("ministry-talks", "", "the talks would go on", "indirect",
                  Source("art-1", "A ministry spokesman said the talks would go on."), date="2021-05-04",
                  speaker_label="A ministry spokesman"))
    pages = render_site(timeline).pages
    source_page = pages["sources/art-1.md"] if "sources/art-1.md" in pages else next(
        text for path, text in pages.items() if path.startswith("sources/") and "talks would go on" in text)
    assert "Statement by A ministry spokesman" in source_page
    listing = next(text for path, text in pages.items()
                   if "the talks would go on" in text and "— A ministry spokesman" in text)
    assert "Unattributed" not in listing.split("the talks would go on", 1)[1][:400]


def test_background_events_are_listed_apart_after_the_timeline():
    timeline = small_timeline()
    timeline.events.append(Event("1939-pact", "1939", "Old pact", "treaty", [Source("art-1", "not in the text")],
                                 background=True))
    page = render_site(timeline).pages["timeline/index.md"]
    main, background = page.split("## Background")
    assert "Old pact" not in main and "## 1939" not in main
    assert "Old pact" in background and "Oslo summit" not in background
    assert "Old pact" in render_site(timeline).pages["events/1939.md"]  # its year page keeps it


# -- people with nothing on them -------------------------------------------------


def test_a_person_with_no_statement_and_no_event_gets_no_page_nor_entry():
    """A name the data holds (an editor may give it statements later) but nothing is
    about yet: no page, no line in the people index, no navigation entry, no link."""
    timeline = small_timeline()
    timeline.people.append(Person("cy-day", "Cy Day", "Envoy", "Norland", ["Day"]))
    site = render_site(timeline)
    assert "people/cy-day.md" not in site.pages
    assert {"people/ann-lee.md", "people/bob-ray.md"} <= set(site.pages)
    assert not any("cy-day" in page for page in site.pages.values())
    assert "Cy Day" not in site.pages["people/index.md"]
    people_nav = next(item["People"] for item in site.nav if "People" in item)
    assert people_nav == ["people/index.md", "people/ann-lee.md", "people/bob-ray.md"]
    assert "<strong>2</strong> people" in site.pages["index.md"]
    # The data download still holds the name, for the editor.
    assert "cy-day" in site.files["downloads/people.yaml"].decode("utf-8")


def test_a_person_with_only_an_event_or_only_a_statement_has_a_page():
    timeline = small_timeline()
    timeline.statements = [s for s in timeline.statements if s.speaker != "bob-ray"]
    timeline.events = [e for e in timeline.events if e.id != "2021-05-03-oslo-summit"]
    site = render_site(timeline)
    # Ann Lee still speaks; Bob Ray still phones her.
    assert {"people/ann-lee.md", "people/bob-ray.md"} <= set(site.pages)
    timeline.events = []
    site = render_site(timeline)
    assert "people/bob-ray.md" not in site.pages and "people/ann-lee.md" in site.pages


def test_an_event_participant_without_a_record_is_plain_text():
    """An id in an event that names no person record: a chip without a link, never a 404."""
    timeline = small_timeline()
    timeline.events[1].people = ["bob-ray", "nobody-known"]
    html = to_html(render_site(timeline).pages["events/2021.md"])
    assert "people/nobody-known" not in html
    assert '<span class="st-chip st-chip-person">nobody&#45;known</span>' in html
