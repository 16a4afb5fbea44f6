"""The downloads as the programs people open them with read them: TimelineJS JSON,
iCalendar (RFC 5545, parsed with `icalendar`) and CSV for spreadsheets.

The TimelineJS file is also loaded by the real library in Chromium: tests/site/test_timelinejs.py.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import re

import pytest

from generator.model import Article, Event, Person, Source, Statement, Timeline
from generator.render import build_time, render_site
from generator.render._downloads import UTF8_BOM, _fold

BUILT = datetime.datetime(2024, 3, 5, 6, 7, 8, tzinfo=datetime.UTC)
HOSTILE = '=HYPERLINK("http://evil") <script>alert(1)</script>, a; b\\c\nnext line'


def small_timeline(summary: str = "The leaders meet.") -> Timeline:
    """A one-day summit, a known eight-day summit, a month-dated call, a year-dated treaty and
    a background event decades earlier."""
    source = Source("art-1", "The two leaders met in Oslo on 3 May 2021.")
    return Timeline(
        articles=[Article("art-1", "one.txt", 1, "Leaders meet", source.text, published="2021-05-04")],
        people=[Person("ann-lee", "Ann Lee", "Prime minister"), Person("bob-ray", "Bob Ray", "President")],
        events=[
            Event("2021-05-03-oslo-summit", "2021-05-03", "Oslo summit", "summit", [source], summary=summary,
                  people=["ann-lee", "bob-ray"], place="Oslo"),
            # Yalta: a summit generator/knowledge/data/summits.yaml knows lasted 4–11 February 1945.
            Event("1945-02-yalta", "1945-02", "Yalta Conference", "summit", [source], place="Yalta"),
            Event("2021-06-call", "2021-06", "Phone call", "phone call", [source], people=["bob-ray"]),
            Event("2019-treaty", "2019", "Old treaty", "treaty", [source]),
            Event("1919-peace", "1919", "An old peace", "treaty", [source], background=True),
        ],
        statements=[
            Statement("ann-lee-trade", "ann-lee", "We talked about trade", "direct", source, date="2021-05-03"),
            Statement("bob-ray-call", "bob-ray", "=1+1 the call went well", "indirect", source, date="2021-06"),
            Statement("ann-lee-undated", "ann-lee", "Later", "direct", source),
        ],
    )


def site_files(timeline: Timeline | None = None, **options) -> dict[str, bytes]:
    return render_site(timeline or small_timeline(), built_at=BUILT, **options).files


# -- TimelineJS -----------------------------------------------------------------------


def test_timelinejs_eras_span_each_summits_days_and_end_after_they_start():
    data = json.loads(site_files()["downloads/timelinejs.json"])
    eras = {era["text"]["headline"]: era for era in data["eras"]}
    assert set(eras) == {"Oslo", "Yalta"}
    yalta = eras["Yalta"]
    assert (yalta["start_date"]["year"], yalta["start_date"]["month"], yalta["start_date"]["day"]) == (1945, 2, 4)
    assert (yalta["end_date"]["month"], yalta["end_date"]["day"]) == (2, 11)
    # A one-day summit's era ends at the end of its day: TimelineJS refuses an era that ends as it starts.
    oslo = eras["Oslo"]
    assert oslo["start_date"]["day"] == oslo["end_date"]["day"] == 3
    assert (oslo["end_date"]["hour"], oslo["end_date"]["minute"]) == (23, 59)
    assert (oslo["start_date"]["hour"], oslo["start_date"]["minute"]) == (0, 0)


def test_timelinejs_slides_keep_precision_and_a_summit_lasts_its_days():
    data = json.loads(site_files()["downloads/timelinejs.json"])
    by_id = {e["unique_id"]: e for e in data["events"]}
    assert by_id["2021-06-call"]["start_date"] == {"year": 2021, "month": 6, "display_date": "June 2021"}
    assert by_id["2019-treaty"]["start_date"] == {"year": 2019, "display_date": "2019"}
    assert "end_date" not in by_id["2019-treaty"] and "end_date" not in by_id["2021-05-03-oslo-summit"]
    yalta = by_id["1945-02-yalta"]
    assert yalta["start_date"]["day"] == 4 and yalta["end_date"]["day"] == 11
    assert yalta["display_date"] == "4–11 February 1945"


def test_timelinejs_leaves_background_events_out_and_says_where_they_are():
    data = json.loads(site_files()["downloads/timelinejs.json"])
    assert "1919-peace" not in {e["unique_id"] for e in data["events"]}
    assert len(data["events"]) == 4
    assert "1 background event" in data["title"]["text"]["text"]


def test_timelinejs_text_is_html_escaped():
    assert "<script>" not in site_files(small_timeline(summary=HOSTILE))["downloads/timelinejs.json"].decode()


def test_timelinejs_group_and_unique_id_carry_no_markup():
    """TimelineJS prints `group` as HTML and uses `unique_id` as an element id and URL fragment."""
    timeline = small_timeline()
    hostile = '</title><script>alert(1)</script><img src=x onerror="alert(2)">'
    timeline.events[2].type = f"call {hostile}"
    timeline.events[2].id = f"call {hostile}"  # an id the store would refuse, rendered anyway
    data = json.loads(site_files(timeline)["downloads/timelinejs.json"])
    event = next(e for e in data["events"] if e["start_date"].get("month") == 6)
    assert "<" not in event["group"] and "&lt;script&gt;" in event["group"]
    assert re.fullmatch(r"[a-z0-9-]+", event["unique_id"]), event["unique_id"]
    ids = [e["unique_id"] for e in data["events"]]
    assert len(set(ids)) == len(ids) and "2021-05-03-oslo-summit" in ids


# -- iCalendar ------------------------------------------------------------------------


@pytest.fixture
def calendar_events():
    icalendar = pytest.importorskip("icalendar")
    data = site_files(site_url="https://example.org/timeline/")["downloads/events.ics"]
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_calendar_stamp_is_when_the_file_was_made(calendar_events):
    for event in calendar_events.values():
        assert event.decoded("DTSTAMP") == BUILT


def test_calendar_summit_lasts_its_days_with_an_exclusive_end(calendar_events):
    yalta = calendar_events["1945-02-yalta@summit-timeline"]
    assert yalta.decoded("DTSTART") == datetime.date(1945, 2, 4)
    assert yalta.decoded("DTEND") == datetime.date(1945, 2, 12)
    oslo = calendar_events["2021-05-03-oslo-summit@summit-timeline"]
    assert (oslo.decoded("DTSTART"), oslo.decoded("DTEND")) == (datetime.date(2021, 5, 3), datetime.date(2021, 5, 4))


def test_calendar_month_or_year_only_event_is_one_day_saying_what_is_known(calendar_events):
    treaty = calendar_events["2019-treaty@summit-timeline"]
    assert treaty.decoded("DTSTART") == datetime.date(2019, 1, 1)
    assert treaty.decoded("DTEND") == datetime.date(2019, 1, 2)
    assert str(treaty["SUMMARY"]) == "Old treaty (2019, month and day not known)"
    call = calendar_events["2021-06-call@summit-timeline"]
    assert (call.decoded("DTSTART"), call.decoded("DTEND")) == (datetime.date(2021, 6, 1), datetime.date(2021, 6, 2))
    assert str(call["SUMMARY"]) == "Phone call (June 2021, day not known)"
    assert "known only to the month" in str(call["DESCRIPTION"])
    # News, not the reader's appointments: never shown as busy time.
    assert all(str(e["TRANSP"]) == "TRANSPARENT" for e in calendar_events.values())


def test_calendar_links_each_event_to_its_page_when_the_site_url_is_known(calendar_events):
    oslo = calendar_events["2021-05-03-oslo-summit@summit-timeline"]
    assert str(oslo["URL"]).startswith("https://example.org/timeline/events/2021/#")
    assert "URL:" not in site_files()["downloads/events.ics"].decode()  # a relative URI is not allowed


def test_calendar_follows_rfc_5545():
    icalendar = pytest.importorskip("icalendar")
    timeline = small_timeline(summary=HOSTILE + " " + "é" * 80)
    data = site_files(timeline)["downloads/events.ics"]
    lines = data.split(b"\r\n")
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    unfolded = text.replace("\r\n ", "")
    description = next(line for line in unfolded.split("\r\n") if line.startswith("DESCRIPTION:The") or
                       line.startswith("DESCRIPTION:=HYPERLINK"))
    assert '\\, a\\; b\\\\c\\nnext line' in description
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 5
    for event in events:
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= set(event)
    oslo = next(e for e in events if str(e["UID"]).startswith("2021-05-03"))
    assert str(oslo["DESCRIPTION"]).startswith('=HYPERLINK("http://evil") <script>alert(1)</script>, a; b\\c\nnext')


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "é" * 100
    folded = _fold(line).encode("utf-8").split(b"\r\n")
    assert all(len(part) <= 75 for part in folded)
    assert b"".join(part[1:] if i else part for i, part in enumerate(folded)).decode("utf-8") == line


def test_build_time_is_source_date_epoch_else_the_data_files_latest_change(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_time() == datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        build_time()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    old, new = tmp_path / "events.yaml", tmp_path / "people.yaml"
    old.write_text("[]")
    new.write_text("[]")
    os.utime(old, (1600000000, 1600000000))
    os.utime(new, (1650000000, 1650000000))
    assert build_time([old, new]) == datetime.datetime.fromtimestamp(1650000000, tz=datetime.UTC)


def test_calendar_is_the_same_when_rebuilt_with_the_same_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = render_site(small_timeline()).files["downloads/events.ics"]
    assert first == render_site(small_timeline()).files["downloads/events.ics"]
    assert b"DTSTAMP:20231114T221320Z" in first


# -- spreadsheets ---------------------------------------------------------------------


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(UTF8_BOM)  # Excel reads the file as UTF-8 only with the mark
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_spreadsheets_share_the_date_columns_and_say_the_precision():
    files = site_files()
    events = read_csv(files["downloads/events.csv"])
    statements = read_csv(files["downloads/statements.csv"])
    for rows in (events, statements):
        assert list(rows[0])[:4] == ["id", "date", "precision", "end"]
    by_id = {e["id"]: e for e in events}
    assert (by_id["1945-02-yalta"]["date"], by_id["1945-02-yalta"]["precision"],
            by_id["1945-02-yalta"]["end"]) == ("1945-02-04", "day", "1945-02-11")
    assert (by_id["2021-06-call"]["date"], by_id["2021-06-call"]["precision"], by_id["2021-06-call"]["end"]) == (
        "2021-06", "month", "")
    assert by_id["2019-treaty"]["precision"] == "year" and by_id["1919-peace"]["background"] == "yes"
    said = {s["id"]: (s["date"], s["precision"]) for s in statements}
    assert said == {"ann-lee-trade": ("2021-05-03", "day"), "bob-ray-call": ("2021-06", "month"),
                    "ann-lee-undated": ("", "unknown")}


def test_spreadsheet_cells_that_would_run_as_formulas_get_an_apostrophe():
    files = site_files(small_timeline(summary=HOSTILE))
    events = read_csv(files["downloads/events.csv"])
    summit = next(e for e in events if e["id"] == "2021-05-03-oslo-summit")
    assert summit["summary"].startswith("'=HYPERLINK") and summit["people"] == "Ann Lee; Bob Ray"
    statements = read_csv(files["downloads/statements.csv"])
    assert next(s for s in statements if s["id"] == "bob-ray-call")["text"] == "'=1+1 the call went well"
    for prefix in "+-@":
        timeline = small_timeline(summary=prefix + "cmd|' /C calc'!A0")
        row = next(e for e in read_csv(site_files(timeline)["downloads/events.csv"])
                   if e["id"] == "2021-05-03-oslo-summit")
        assert row["summary"].startswith("'" + prefix)


def test_an_event_the_article_gives_a_span_of_days_ends_on_its_last_day():
    from generator.render._downloads import event_days

    strike = Event(id="e", date="2019-06-03", title="Strike", type="happening", sources=[], end="2019-06-09")
    assert (event_days(strike).start, event_days(strike).end) == ("2019-06-03", "2019-06-09")
    one_day = Event(id="f", date="2019-06-03", title="Vote", type="happening", sources=[])
    assert event_days(one_day).end == ""
